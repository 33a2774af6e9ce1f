"""Signal wiring only: what runs when, in a Pelican build."""

import logging
from functools import partial
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from pelican import signals

from . import french, urls
from .content_check import check_content
from .errors import ContentError, ContentErrors, raise_all
from .programme import NOTICES_FOLDER, VENUES_FOLDER, ProgrammeGenerator, osm_url
from .agenda import AgendaGenerator
from .flyer import FlyerGenerator
from .sitemap import SitemapGenerator
from .structured_data import events_json

README_NAMES = ("LISEZMOI", "README")


def content_files(settings: dict) -> dict[str, str]:
    """Every file staff may have written in content/, with its kind."""
    root = Path(settings["PATH"])
    folders = [(folder, "post") for folder in settings["ARTICLE_PATHS"]]
    folders += [(folder, "page") for folder in settings["PAGE_PATHS"]]
    folders += [(VENUES_FOLDER, "venue"), (NOTICES_FOLDER, "notice")]
    files = {}
    for folder, kind in folders:
        for path in (root / folder).rglob("*"):
            if path.is_file():
                files[path.relative_to(root).as_posix()] = kind
    return files


def check_content_before_reading(generator) -> None:
    """Runs once, before Pelican reads (and possibly skips) any file."""
    root = Path(generator.settings["PATH"])
    files = content_files(generator.settings)
    errors = []
    markdown = {}
    for relative, kind in files.items():
        if relative.endswith(".md"):
            markdown[relative] = kind
        elif not Path(relative).name.upper().startswith(README_NAMES):
            errors.append(
                ContentError(
                    f"content/{relative}",
                    None,
                    "ce fichier serait ignoré : seuls les fichiers « .md » sont publiés. "
                    "Renommez-le avec l'extension .md (par exemple 2026-12-07.md).",
                )
            )
    errors += check_content(root, markdown)
    raise_all(errors)


def cache_compiled_templates(generator) -> None:
    """With Pelican's content cache on, keep compiled templates too (warm rebuilds)."""
    if generator.settings.get("CACHE_CONTENT"):
        folder = Path(generator.settings["CACHE_PATH"], "templates")
        folder.mkdir(parents=True, exist_ok=True)
        generator.env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def add_filters(generator) -> None:
    generator.env.filters.update(
        events_json=partial(events_json, settings=generator.settings),
        long_date=french.long_date,
        short_date=french.short_date,
        month_name=french.month_name,
        of_month=french.of_month,
        hour=french.hour,
        at_place=french.at_place,
        of_place=french.of_place,
        venue_url=urls.venue_url,
        session_ics=urls.session_ics,
        ordinal=french.ordinal,
        capitalize_first=french.capitalize,
        typography=french.typography,
        osm_url=osm_url,
    )


class ContentErrorLogFilter(logging.Filter):
    """Show a content error as its French message alone, without a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, ContentError):
            error = ContentErrors([error])
        if isinstance(error, ContentErrors):
            record.msg, record.args, record.exc_info = error.describe(), (), None
        return True


def drop_drafts(generator) -> None:
    """Drafts are checked but never written: staff publish by switching Status.

    (Pelican would also crash writing them without categories, which we turn off.)
    """
    generator.drafts = []
    generator.drafts_translations = []


def get_generators(pelican):
    return [ProgrammeGenerator, AgendaGenerator, FlyerGenerator, SitemapGenerator]


def register():
    signals.article_generator_init.connect(check_content_before_reading)
    signals.generator_init.connect(add_filters)
    signals.generator_init.connect(cache_compiled_templates)
    signals.article_generator_finalized.connect(drop_drafts)
    signals.get_generators.connect(get_generators)
    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(f, ContentErrorLogFilter) for f in pelican_logger.filters):
        pelican_logger.addFilter(ContentErrorLogFilter())
