"""The last line of a build, in French: what was published (no Pelican here).

Counted from what the build wrote, so it says what residents will get.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .content_check import split_metadata
from .fields import DATETIME, parse_value
from .urls import FEED, FLYER, NOTICES_FOLDER, POSTS_FOLDER


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def waiting_posts(content: Path, build_date: date) -> list[str]:
    """Posts dated after the build date: they wait for their day."""
    waiting = []
    for path in sorted((content / POSTS_FOLDER).rglob("*.md")):
        source, _ = split_metadata(str(path), path.read_bytes())
        written = source.metadata.get("date", ("", "", 0))[1] if source else ""
        try:
            if parse_value(DATETIME, written).date() > build_date:
                waiting.append(f"content/{path.relative_to(content).as_posix()} (le {written[:10]})")
        except ValueError:
            continue
    return waiting


def build_summary(output: Path, content: Path, shown_as: str, build_date: date) -> str:
    posts = [p for p in (output / POSTS_FOLDER).glob("*/index.html") if p.parent.name != "page"]
    sessions = sorted((output / FEED).parent.glob("seances/*.ics"))
    cancelled = sum(b"STATUS:CANCELLED" in path.read_bytes() for path in sessions)
    notices = list((content / NOTICES_FOLDER).rglob("*.md"))
    flyers = list((output / FLYER).glob("*.pdf"))
    line = (
        f"Site construit : {plural(len(posts), 'bon plan', 'bons plans')}, {plural(len(sessions), 'séance')} "
        f"({plural(cancelled, 'annulée')}), {plural(len(notices), 'avis', 'avis')}, {plural(len(flyers), 'flyer')} — prêt dans {shown_as}/"
    )
    waiting = waiting_posts(content, build_date)
    if waiting:
        line += "\nBons plans qui attendent leur date de publication : " + ", ".join(waiting)
    return line
