"""Published notices stay: the git history tells which ones were deleted (no Pelican here).

A notice raises its session's SEQUENCE in the feed; deleting it lowers it, and
subscribed calendars then keep the old version (a cancelled session stays
cancelled on phones while the site says it takes place). The publishing
workflow can only read the repository, so the record of what was published is
its history: a notice file deleted in a commit, absent now, whose session is
still in the feed, stops the build. Outside a git checkout there is no history
to read and nothing is checked.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .content_check import split_metadata
from .errors import ContentError
from .fields import DATE, parse_value


def _git(folder: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def deleted_notices(content_root: Path, folder: str, still_shown: Callable[[date], bool]) -> list[ContentError]:
    """A French error for each notice deleted from ``content_root/folder`` whose session ``still_shown``."""
    notices = content_root / folder
    top = _git(content_root, "rev-parse", "--show-toplevel")
    if top is None or not notices.is_dir():
        return []
    top_path = Path(top.strip())
    log = _git(notices, "log", "--diff-filter=D", "--find-renames", "--name-only", "--format=commit %H", "--", ".")
    errors, seen = [], set()
    commit = None
    for line in (log or "").splitlines():
        if line.startswith("commit "):
            commit = line.removeprefix("commit ")
            continue
        if not line.endswith(".md") or line in seen or (top_path / line).exists():
            continue
        seen.add(line)
        old = _git(top_path, "show", f"{commit}^:{line}")
        source, _ = split_metadata(line, (old or "").encode())
        seance = source.metadata.get("seance", ("", "", 0))[1] if source else ""
        try:
            day = parse_value(DATE, seance)
        except ValueError:
            continue
        if still_shown(day):
            shown = "content/" + (top_path / line).relative_to(content_root.resolve()).as_posix()
            errors.append(
                ContentError(
                    shown,
                    None,
                    f"cet avis pour la séance du {day.isoformat()} a été publié puis supprimé (commit {commit[:8]}). "
                    "Un avis publié ne se supprime pas : les agendas abonnés ne verraient pas le retour en arrière. "
                    "Remettez le fichier tel qu'il était, puis, pour annuler son effet, ajoutez un nouvel avis "
                    "(« retablissement » après une annulation, « deplacement » pour revenir au café habituel).",
                )
            )
    return errors
