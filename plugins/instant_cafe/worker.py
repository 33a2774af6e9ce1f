"""The build's helper processes: spawned, one task at a time, at a lower priority than the
build's process, and ended with the build.

A helper holds both ends of its task queue, so the build's death (killed by the system,
or by staff closing a terminal) never reaches it: it checks every second that the build
is still its parent, and ends when it is not.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

# The build's own process is the critical path: on two cores, a helper yields to it and
# runs beside it on the other core rather than taking turns with it on one.
NICENESS = 10


def result_if_done(future: Future | None):
    """The result of a helper's task if it is done, else None: the build never waits for a
    helper (a task not started is withdrawn, one under way goes unused), and a helper that
    died leaves the work to the build."""
    if future is None:
        return None
    if not future.done():
        future.cancel()
        return None
    try:
        return future.result()
    except Exception:
        return None


def helper_process(prepare=None, *args) -> ProcessPoolExecutor:
    """One process, at a lower priority than the build's, that runs ``prepare(*args)`` first
    (it may return a folder to remove at its end)."""
    # "spawn": the build's process holds threads (Pelican's console), never fork it.
    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_started,
        initargs=(os.getpid(), prepare, args),
    )


def _started(parent: int, prepare, args: tuple) -> None:
    os.nice(NICENESS)
    leftover = prepare(*args) if prepare is not None else None
    threading.Thread(target=_end_with, args=(parent, leftover), daemon=True).start()


def _end_with(parent: int, leftover: Path | None) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    if leftover is not None:
        shutil.rmtree(leftover, ignore_errors=True)
    os._exit(1)
