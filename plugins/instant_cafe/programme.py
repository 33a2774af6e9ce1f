"""ProgrammeGenerator: the session list computed once, and the month and café pages.

When Pelican makes its generators (before it reads the posts), it reads the cafés
and notices, calls the schedule core and puts three documented keys in the shared
context, read by every other generator and template: ``site`` (the validated
settings, ``settings.Site``), ``practical`` (staff's facts, ``practical.Practical``)
and ``programme`` (``views.Programme``). ``generate_context``, once the posts are
read, gives each post its Monday. ``generate_output`` writes the programme
overview, the month pages and the café pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pelican.contents import Page
from pelican.generators import Generator

from .errors import ContentError, ContentErrors, raise_all
from .loading import ReadFile, load_notices, load_venues
from .model import Notice, Rule, Venue
from .notice_history import deleted_notices
from .practical import Practical, read_practical
from .public_holidays import ask_early, public_holidays
from .schedule import ScheduleError, check_rule, compute_sessions, feed_window, window
from .settings import Site, read_build_date, read_site
from .urls import NOTICES_FOLDER, PROGRAMME, VENUES_FOLDER, venue_url
from .views import Programme, build_programme
from .wording import schedule_errors


@dataclass(frozen=True)
class Schedule:
    """What the programme is made of, besides the posts."""

    site: Site
    practical: Practical
    rule: Rule
    notices: list[Notice]
    venue_pages: list[tuple[Venue, str]]
    first: date
    last: date
    feed_first: date


def ask_holidays_early(pelican) -> None:
    """Pelican's initialized signal: with the build cache on, the child that names the public
    holidays starts now, while Pelican sets up and checks the content, not when the programme
    needs them (the window spans the build date's year, the one before and the one after)."""
    settings = pelican.settings
    if settings.get("CACHE_CONTENT"):
        year = read_build_date(settings.get("BUILD_DATE")).year
        ask_early([year - 1, year, year + 1], Path(settings["CACHE_PATH"]))


class ProgrammeGenerator(Generator):
    """The programme overview, the month pages and the café pages."""

    def __init__(self, *args, **kwargs):
        # Cafés and notices go through Pelican's reader cache too, like posts and pages.
        super().__init__(*args, readers_cache_name="ProgrammeGenerator-Readers", **kwargs)
        # Cafés, notices and the window's sessions do not depend on the posts: they are read
        # now, when Pelican makes its generators, before it reads the posts, so that the flyers
        # (FlyerGenerator, made next) go to the PDF worker while it does. A mistake found now is
        # raised by generate_context, once the posts are read, to be reported with theirs.
        self._schedule, self._mistake = None, None
        try:
            self._schedule = self._read_schedule()
            programme = self._programme(self._schedule, [])
        except (ContentError, ContentErrors) as error:
            self._mistake = error
            return
        self.context["site"] = self._schedule.site
        self.context["practical"] = self._schedule.practical
        self.context["programme"] = programme

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

    def _read_schedule(self) -> Schedule:
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
        rule = rotation.rule(venues, practical.confirmed)
        first, last = window(rule, site.build_date, rotation.months_ahead)
        feed_first, _ = feed_window(rule, site.build_date, rotation.months_ahead, site.calendar.since_day)
        raise_all(deleted_notices(Path(self.path), NOTICES_FOLDER, lambda day: feed_first <= day <= last))
        try:
            check_rule(venues)
        except ScheduleError as error:
            raise schedule_errors(error) from None
        bodies = {item.path: item.body_html for item in venue_files}
        venue_pages = [(v, bodies[v.source]) for v in venues]
        return Schedule(site, practical, rule, notices, venue_pages, first, last, feed_first)

    def _programme(self, schedule: Schedule, post_mondays: list[date]) -> Programme:
        """The sessions of the window, of the feed's months before it, and of the posts' Mondays."""
        first_day = min([schedule.feed_first, *post_mondays])
        years = {*range(first_day.year, schedule.last.year + 1), *(notice.day.year for notice in schedule.notices)}
        cache = Path(self.settings["CACHE_PATH"]) if self.settings.get("CACHE_CONTENT") else None
        try:
            sessions = compute_sessions(schedule.rule, first_day, schedule.last, schedule.notices, public_holidays(years, cache))
        except ScheduleError as error:
            raise schedule_errors(error) from None
        return build_programme(
            schedule.rule,
            sessions,
            schedule.notices,
            schedule.venue_pages,
            schedule.site.build_date,
            schedule.first,
            schedule.last,
            schedule.feed_first,
        )

    def generate_context(self):
        if self._mistake is not None:
            raise self._mistake
        articles = self.context.get("articles", [])
        post_mondays = [date.fromisoformat(str(a.semaine)) for a in articles if getattr(a, "semaine", None)]
        programme = self.context["programme"]
        if post_mondays and min(post_mondays) < self._schedule.feed_first:
            # Older posts show their Monday: the same window, more days before it.
            programme = self.context["programme"] = self._programme(self._schedule, post_mondays)
        for article in articles:
            if getattr(article, "semaine", None):
                article.week = programme.day_view(date.fromisoformat(str(article.semaine)))

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
