"""The output folders of a checkout: one build at a time, the new site swapped in whole (no Pelican here)."""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path


class BuildRefused(Exception):
    """A build that must not start or not finish; the message is French, for staff."""


@contextmanager
def build_lock(output: Path, target: str):
    """Hold ``<output>.lock`` for the whole build (output folders and Pelican's cache)."""
    lock_path = output.with_name(output.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            if target == "serve" or holder.startswith("serve"):
                raise BuildRefused(
                    "l'aperçu (make serve) ou une autre construction utilise déjà ce dossier "
                    f"({holder or 'inconnu'}). Arrêtez l'aperçu (touches Ctrl et C dans son terminal) puis relancez."
                ) from None
            print(f"Une autre construction est en cours dans ce dossier ({holder}) : j'attends qu'elle se termine…", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{target} (processus {os.getpid()})\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()


def sibling(output: Path, suffix: str) -> Path:
    return output.with_name(output.name + suffix)


def repair(output: Path) -> None:
    """Undo what a killed build left: the previous site comes back if it was moved aside."""
    old = sibling(output, ".old")
    if not output.exists() and old.is_dir():
        old.rename(output)
        print("Le site précédent a été remis en place (une construction avait été interrompue).", file=sys.stderr)
    if old.is_dir() and not sibling(output, ".spare").exists():
        old.rename(sibling(output, ".spare"))
    for leftover in (old, sibling(output, ".new")):
        shutil.rmtree(leftover, ignore_errors=True)


def swap_in(new: Path, output: Path) -> None:
    """Replace ``output`` by ``new``; a kill between the two renames is repaired by ``repair``.

    The site replaced is kept as ``<output>.spare``: the next build writes into its folders
    (``reuse_spare``), never into the published site."""
    old, spare = sibling(output, ".old"), sibling(output, ".spare")
    if output.exists():
        output.rename(old)
    new.rename(output)
    shutil.rmtree(spare, ignore_errors=True)
    if old.exists():
        old.rename(spare)


def reuse_spare(output: Path, staging: Path) -> bool:
    """Make ``staging`` from the spare site when there is one: every file removed, the folders
    kept (creating a site's hundreds of folders costs more than writing its pages). Returns
    whether it did; ``staging`` is otherwise absent and the build creates it."""
    spare = sibling(output, ".spare")
    shutil.rmtree(staging, ignore_errors=True)
    if not spare.is_dir():
        return False
    spare.rename(staging)
    for folder, folders, files in os.walk(staging):
        # A link to a folder is listed with the folders, and never followed.
        for name in files + [name for name in folders if os.path.islink(os.path.join(folder, name))]:
            os.unlink(os.path.join(folder, name))
    return True


def prune_empty_folders(root: Path) -> None:
    """Remove the folders a build left empty (a post deleted or renamed since the spare site)."""
    removed = set()
    for folder, folders, files in os.walk(root, topdown=False):
        # A link to a folder is listed with the folders and never removed: the folder is not empty.
        if folder != str(root) and not files and all(os.path.join(folder, name) in removed for name in folders):
            os.rmdir(folder)
            removed.add(folder)


def html_pages(root: Path) -> list[str]:
    """The HTML pages under ``root`` as relative POSIX paths, in the order of their parts
    (as pathlib sorts them), from one listing per folder where ``rglob`` makes two."""
    pages, start = [], len(str(root)) + 1
    for folder, _, files in os.walk(root):
        prefix = folder[start:].replace(os.sep, "/") + "/" if len(folder) >= start else ""
        pages += [prefix + name for name in files if name.endswith(".html")]
    return sorted(pages, key=lambda page: page.split("/"))
