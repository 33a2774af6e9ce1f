"""The build's helper processes (worker.py) yield the processor to the build's own process."""

from __future__ import annotations

import os

from instant_cafe.worker import NICENESS, helper_process


def test_a_helper_runs_at_a_lower_priority_than_the_build():
    pool = helper_process()
    try:
        assert pool.submit(os.nice, 0).result(timeout=60) == min(os.nice(0) + NICENESS, 19)
    finally:
        pool.shutdown()
