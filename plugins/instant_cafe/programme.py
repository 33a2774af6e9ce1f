"""The programme: the session list computed once, and the pages that show it.

``ProgrammeGenerator.generate_context`` loads the venues and notices, calls the
schedule core and puts the result in the shared context (the home page and
the weekly posts read it there); ``generate_output`` writes the month pages,
the programme overview and the venue pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote

from pelican.contents import Page
from pelican.generators import Generator

from .errors import ContentError, ContentErrors, raise_all
from .french import long_date
from .loading import ReadFile, find_venue, load_notices, load_venues
from .rotation_settings import SETTINGS_FILE, read_rotation_settings
from .settings import read_build_date
from .schedule import (
    Notice,
    Rule,
    Session,
    Venue,
    check_rule,
    compute_sessions,
    mondays,
    month_bounds,
    months_between,
    why_no_session,
    window,
)
from .urls import NOTICES_FOLDER, VENUES_FOLDER, month_url, venue_url

UPCOMING_ON_HOME = 4
UPCOMING_PER_VENUE = 6


@dataclass
class DayView:
    day: date
    session: Session | None
    no_session: str = ""


@dataclass
class MonthView:
    first_day: date
    days: list[DayView]
    previous: MonthView | None = None
    next: MonthView | None = None

    @property
    def url(self) -> str:
        return month_url(self.first_day)

    @property
    def save_as(self) -> str:
        return self.url + "index.html"


@dataclass
class VenueView:
    venue: Venue
    body_html: str
    upcoming: list[Session] = field(default_factory=list)

    @property
    def url(self) -> str:
        return venue_url(self.venue.slug)

    @property
    def save_as(self) -> str:
        return self.url + "index.html"


@dataclass
class Programme:
    """Everything the templates need about sessions, computed once."""

    build_date: date
    rule: Rule
    sessions: list[Session]
    months: list[MonthView]
    venues: list[VenueView]
    upcoming: list[DayView]
    current_notices: list[Notice]
    sessions_by_day: dict[date, Session]
    seasons_confirmed: bool = False

    @property
    def coming_months(self) -> list[MonthView]:
        return [m for m in self.months if m.first_day >= self.build_date.replace(day=1)]

    @property
    def past_months(self) -> list[MonthView]:
        return [m for m in self.months if m.first_day < self.build_date.replace(day=1)]

    def no_session_reason(self, day: date) -> str:
        return why_no_session(self.rule, day)


def osm_url(venue: Venue) -> str:
    """An OpenStreetMap search for the address: right even without coordinates."""
    return "https://www.openstreetmap.org/search?query=" + quote(f"{venue.name}, {venue.full_address}")


def upcoming(sessions: list[Session], since: date, wanted: int) -> list[Session]:
    """Sessions from ``since`` until ``wanted`` of them take place; cancelled ones in between are kept."""
    chosen = []
    taking_place = 0
    for session in sessions:
        if session.day < since:
            continue
        chosen.append(session)
        taking_place += not session.cancelled
        if taking_place == wanted:
            break
    return chosen


def coming_days(rule: Rule, sessions: list[Session], since: date, wanted: int) -> list[DayView]:
    """The next Mondays until ``wanted`` sessions take place, saying why a Monday has none.

    A resident reading on Friday must see that the coming Monday has no session,
    not just a list that starts a week later; a summer break is one line.
    """
    chosen = upcoming(sessions, since, wanted)
    if not chosen:
        return []
    by_day = {session.day: session for session in chosen}
    days = []
    for day in mondays(since, chosen[-1].day):
        if day in by_day:
            days.append(DayView(day, by_day[day]))
        elif rule.season_of(day) is None:
            if not days or days[-1].session is not None or rule.season_of(days[-1].day) is not None:
                resume = next(s.day for s in chosen if s.day > day)
                days.append(DayView(day, None, f"pas de séance : pause jusqu'à la reprise, le {long_date(resume)}"))
        else:
            days.append(DayView(day, None, why_no_session(rule, day)))
    return days


def build_programme(
    rule: Rule,
    sessions: list[Session],
    notices: list[Notice],
    venues: list[tuple[Venue, str]],
    build_date: date,
    first: date,
    last: date,
    seasons_confirmed: bool = False,
) -> Programme:
    by_day = {session.day: session for session in sessions}
    months = []
    for year, month in months_between(first, last):
        start, end = month_bounds(year, month)
        days = [
            DayView(day, by_day.get(day), "" if day in by_day else why_no_session(rule, day))
            for day in mondays(start, end)
        ]
        months.append(MonthView(start, days))
    for before, after in zip(months, months[1:]):
        before.next, after.previous = after, before
    venue_views = [
        VenueView(
            venue,
            body,
            # A session moved away stays listed at its usual café, marked as moved.
            upcoming([s for s in sessions if venue in (s.venue, s.regular_venue)], build_date, UPCOMING_PER_VENUE),
        )
        for venue, body in venues
    ]
    return Programme(
        build_date=build_date,
        rule=rule,
        sessions=[s for s in sessions if first <= s.day <= last],
        months=months,
        venues=venue_views,
        upcoming=coming_days(rule, sessions, build_date, UPCOMING_ON_HOME),
        current_notices=sorted((n for n in notices if n.day >= build_date), key=lambda n: (n.day, n.published)),
        sessions_by_day=by_day,
        seasons_confirmed=seasons_confirmed,
    )


class ProgrammeGenerator(Generator):
    """Month pages, the programme overview and the venue pages."""

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
        rotation = read_rotation_settings(self.settings.get("ROTATION"))
        build_date = read_build_date(self.settings.get("BUILD_DATE"))
        errors: list = []
        venue_files = self._read_folder(VENUES_FOLDER, errors, linkable=True)
        notice_files = self._read_folder(NOTICES_FOLDER, errors)
        raise_all(errors)
        venues = load_venues(venue_files)
        by_slug = {venue.slug: venue for venue in venues}
        fifth = None
        if rotation.fifth_monday:
            fifth = find_venue(by_slug, rotation.fifth_monday, SETTINGS_FILE, "ROTATION['fifth_monday']")
        check_rule(venues, rotation.seasons, SETTINGS_FILE, "ROTATION['seasons']")
        rule = Rule({v.rank: v for v in venues}, rotation.seasons, rotation.start, rotation.end, fifth)
        notices = load_notices(notice_files, by_slug)

        first, last = window(rule, build_date, rotation.months_ahead)
        articles = self.context.get("articles", [])
        post_mondays = [date.fromisoformat(str(a.semaine)) for a in articles if getattr(a, "semaine", None)]
        sessions = compute_sessions(rule, min([first, *post_mondays]), last, notices)
        bodies = {item.path: item.body_html for item in venue_files}
        programme = build_programme(
            rule, sessions, notices, [(v, bodies[v.source]) for v in venues], build_date, first, last,
            rotation.seasons_confirmed,
        )
        for article in articles:
            if getattr(article, "semaine", None):
                article.week_monday = date.fromisoformat(str(article.semaine))
                article.week_session = programme.sessions_by_day.get(article.week_monday)
        self.context["programme"] = programme
        self.programme = programme

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
        programme = self.programme
        self._write(writer, "programme/index.html", "programme")
        for month in programme.months:
            self._write(writer, month.save_as, "month", month=month)
        self._write(writer, f"{VENUES_FOLDER}/index.html", "venues")
        for view in programme.venues:
            self._write(writer, view.save_as, "venue", venue_view=view)

