"""Signal wiring only: what runs when, in a Pelican build."""

import logging
import sys
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from pelican import signals

from . import french, links_ahead, read_ahead, urls, wording
from .agenda import AgendaGenerator
from .content_check import check_content
from .editor import EditorGenerator
from .errors import ContentError, ContentErrors, raise_all
from .flyer import FlyerGenerator, start_pdf_worker, write_pdfs_at_end
from .home_screen import HomeScreenGenerator
from .images import attach_post_photos, publish_images
from .links import directions_url, google_calendar_url, osm_url
from .programme import ProgrammeGenerator, ask_holidays_early
from .reader import CheckedMarkdownReader
from .reused_pages import save_records, take_inputs, writer_class
from .settings import read_build_date, read_site
from .sitemap import SitemapGenerator
from .static_files import check_published_names, check_static_file
from .structured_data import events_json
from .urls import INFOS_FOLDER, NOTICES_FOLDER, VENUES_FOLDER

STAFF_FOLDERS = (("ARTICLE_PATHS", "ARTICLE_EXCLUDES", "post"), ("PAGE_PATHS", "PAGE_EXCLUDES", "page"))


def content_files(generator) -> dict[str, str]:
    """Every file staff may have written in content/, with its kind, found as Pelican finds them."""
    settings = generator.settings
    files = {}
    for paths, excludes, kind in STAFF_FOLDERS:
        for path in generator.get_files(settings[paths], exclude=settings[excludes], extensions=False):
            files[Path(path).as_posix()] = kind
    for folder, kind in ((VENUES_FOLDER, "venue"), (NOTICES_FOLDER, "notice"), (INFOS_FOLDER, "practical")):
        for path in generator.get_files([folder], extensions=False):
            files[Path(path).as_posix()] = kind
    return files


def theme_templates(generator) -> frozenset[str]:
    """The names a page may give in « Template »: the theme's own page templates."""
    names = generator.env.list_templates(extensions=["html"])
    return frozenset(name.removesuffix(".html") for name in names if "/" not in name and not name.startswith("!"))


def check_content_before_reading(generator) -> None:
    """Runs once, before Pelican reads (and possibly skips) any file."""
    settings = generator.settings
    root = Path(settings["PATH"])
    errors = check_content(root, content_files(generator), theme_templates(generator))
    static = {
        Path(path).as_posix(): f"content/{Path(path).as_posix()}"
        for path in generator.get_files(settings["STATIC_PATHS"], exclude=settings["STATIC_EXCLUDES"], extensions=False)
    }
    for relative, shown in sorted(static.items()):
        errors += check_static_file(shown, root / relative, root)
    errors += check_published_names(static)
    raise_all(errors)


def use_checked_reader(readers) -> None:
    """Markdown files go through the sanitizer; no other format is read."""
    for extension in list(readers.reader_classes):
        if extension != "static":  # Pelican's pseudo-reader of static files
            readers.reader_classes[extension] = None
    readers.reader_classes["md"] = CheckedMarkdownReader


def cache_compiled_templates(generator) -> None:
    """With Pelican's content cache on, keep compiled templates too (warm rebuilds)."""
    if generator.settings.get("CACHE_CONTENT"):
        folder = Path(generator.settings["CACHE_PATH"], "templates")
        folder.mkdir(parents=True, exist_ok=True)
        generator.env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def add_filters(generator) -> None:
    generator.env.filters.update(
        events_json=events_json,
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
        directions_url=directions_url,
        google_calendar=lambda session, site: google_calendar_url(session, site.calendar.event_name, site.calendar.event_description),
        status_label=wording.status_label,
        cancel_reason=wording.cancel_reason,
        holiday_reason=wording.holiday_reason,
        no_session=lambda view: wording.no_session(view.no_session, view.day, view.resumes),
    )


class ContentErrorLogFilter(logging.Filter):
    """Show a content error as its French message alone, without a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Pelican logs « Could not process <file> » inside its except block, without
        # the exception: the one being handled is the content error to show.
        error = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        if isinstance(error, ContentError):
            error = ContentErrors([error])
        if isinstance(error, ContentErrors):
            record.msg = "\n".join(each.describe() for each in error.errors)
            record.args, record.exc_info = (), None
        return True


def hold_future_posts(generator) -> None:
    """A post dated after the build date waits for it: the daily rebuild publishes it that day.

    (Pelican's WITH_FUTURE_DATES compares with the machine's clock, which would make
    two builds of the same commit differ.)
    """
    build_date = read_build_date(generator.settings.get("BUILD_DATE"))
    generator.articles = [article for article in generator.articles if article.date.date() <= build_date]


def drop_drafts(generator) -> None:
    """Drafts are checked but never written: staff publish by switching Status.

    (Pelican would also crash writing them without categories, which we turn off.)
    """
    generator.drafts = []
    generator.drafts_translations = []


def check_settings(pelican) -> None:
    """Every setting, before anything is read: a mistake stops the build in French."""
    read_site(pelican.settings)


def get_generators(pelican):
    # Order matters only through the context: ProgrammeGenerator puts « site » and
    # « programme » in it, which the others read.
    return [ProgrammeGenerator, AgendaGenerator, FlyerGenerator, HomeScreenGenerator, EditorGenerator, SitemapGenerator]


def register():
    signals.initialized.connect(check_settings)
    signals.initialized.connect(start_pdf_worker)
    signals.initialized.connect(ask_holidays_early)
    signals.readers_init.connect(use_checked_reader)
    signals.article_generator_init.connect(check_content_before_reading)
    signals.article_generator_init.connect(take_inputs)
    signals.article_generator_init.connect(read_ahead.start)
    signals.article_generator_finalized.connect(read_ahead.finish)
    signals.article_writer_finalized.connect(links_ahead.start)
    signals.get_writer.connect(writer_class)
    signals.finalized.connect(save_records)
    signals.finalized.connect(write_pdfs_at_end)
    signals.generator_init.connect(add_filters)
    signals.generator_init.connect(cache_compiled_templates)
    signals.article_generator_pretaxonomy.connect(hold_future_posts)
    signals.article_generator_finalized.connect(drop_drafts)
    signals.static_generator_finalized.connect(publish_images)
    signals.all_generators_finalized.connect(attach_post_photos)
    signals.get_generators.connect(get_generators)
    # Pelican has set up its log handlers before loading plugins.
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, ContentErrorLogFilter) for f in handler.filters):
            handler.addFilter(ContentErrorLogFilter())
