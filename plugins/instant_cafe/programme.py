"""ProgrammeGenerator: the session list computed once, and the month and café pages.

``generate_context`` reads the cafés and notices, calls the schedule core and
puts three documented keys in the shared context, read by every other generator
and template: ``site`` (the validated settings, ``settings.Site``), ``practical``
(staff's facts, ``practical.Practical``) and ``programme`` (``views.Programme``). ``generate_output`` writes the programme
overview, the month pages and the café pages.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from pelican.contents import Page
from pelican.generators import Generator

from .errors import ContentErrors, raise_all
from .loading import ReadFile, load_notices, load_venues
from .model import Rule
from .notice_history import deleted_notices
from .practical import read_practical
from .public_holidays import public_holidays
from .schedule import ScheduleError, check_rule, compute_sessions, feed_window, window
from .settings import read_site
from .urls import NOTICES_FOLDER, PROGRAMME, VENUES_FOLDER, venue_url
from .views import build_programme
from .wording import schedule_errors


class ProgrammeGenerator(Generator):
    """The programme overview, the month pages and the café pages."""

    def __init__(self, *args, **kwargs):
        # Cafés and notices go through Pelican's reader cache too, like posts and pages.
        super().__init__(*args, readers_cache_name="ProgrammeGenerator-Readers", **kwargs)

    def _read_folder(self, folder: str, errors: list, linkable: bool = False) -> list[ReadFile]:
        """Every .md file of ``folder`` and its subfolders, found as the content check finds them."""
        items = []
        for relative in sorted(Path(path).as_posix() for path in self.get_files([folder], extensions=["md"])):
            try:
                page = self.readers.read_file(base_path=self.path, path=relative, content_class=Page, context=self.context)
            except ContentErrors as error:
                errors += error.errors
                continue
            if linkable:
                # So that staff can link to a café with {filename}/lieux/<slug>.md.
                page.override_url = venue_url(page.metadata["slug"])
                self.context["generated_content"][relative] = page
            items.append(ReadFile(f"content/{relative}", page.metadata, page.content))
        return items

    def generate_context(self):
        site = read_site(self.settings)
        rotation = site.rotation
        errors: list = []
        venue_files = self._read_folder(VENUES_FOLDER, errors, linkable=True)
        notice_files = self._read_folder(NOTICES_FOLDER, errors)
        self.readers.save_cache()
        raise_all(errors)
        venues = load_venues(venue_files)
        notices = load_notices(notice_files, {venue.slug: venue for venue in venues})
        practical = read_practical(Path(self.path))
        seasons = replace(rotation.seasons, confirmed=practical.confirmed)
        rule = Rule({v.rank: v for v in venues}, seasons, rotation.start, rotation.end, rotation.closures)
        first, last = window(rule, site.build_date, rotation.months_ahead)
        feed_first, _ = feed_window(rule, site.build_date, rotation.months_ahead, site.calendar.since_day)
        raise_all(deleted_notices(Path(self.path), NOTICES_FOLDER, lambda day: feed_first <= day <= last))
        articles = self.context.get("articles", [])
        post_mondays = [date.fromisoformat(str(a.semaine)) for a in articles if getattr(a, "semaine", None)]
        try:
            check_rule(venues)
            first_day = min([feed_first, *post_mondays])
            years = {*range(first_day.year, last.year + 1), *(notice.day.year for notice in notices)}
            holidays = public_holidays(years, Path(self.settings["CACHE_PATH"]) if self.settings.get("CACHE_CONTENT") else None)
            sessions = compute_sessions(rule, first_day, last, notices, holidays)
        except ScheduleError as error:
            raise schedule_errors(error) from None
        bodies = {item.path: item.body_html for item in venue_files}
        venue_pages = [(v, bodies[v.source]) for v in venues]
        programme = build_programme(rule, sessions, notices, venue_pages, site.build_date, first, last, feed_first)
        for article in articles:
            if getattr(article, "semaine", None):
                article.week = programme.day_view(date.fromisoformat(str(article.semaine)))
        self.context["site"] = site
        self.context["practical"] = practical
        self.context["programme"] = programme

    def _write(self, writer, save_as: str, template: str, **values):
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=save_as.removesuffix("index.html"),
            **values,
        )

    def generate_output(self, writer):
        if self.settings.get("FLYER_ONLY"):
            return
        programme = self.context["programme"]
        self._write(writer, PROGRAMME + "index.html", "programme")
        for month in programme.months:
            self._write(writer, month.save_as, "month", month=month)
        self._write(writer, f"{VENUES_FOLDER}/index.html", "venues")
        for view in programme.venues:
            self._write(writer, view.save_as, "venue", venue_view=view)
