"""What the pages show, computed once from the sessions: months, cafés, the coming Mondays (no Pelican here).

``build_programme`` turns the schedule's sessions into view models; the
generators put the result in the context under ``programme`` and every
template, the feed and the flyers read it there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import NoSession, Notice, Rule, Season, Session, Venue
from .schedule import mondays, month_bounds, months_between
from .urls import month_url, venue_url

UPCOMING_ON_HOME = 4
UPCOMING_PER_VENUE = 6


@dataclass(frozen=True)
class DayView:
    """A Monday: its session, or why it has none (and, in a break, when sessions resume)."""

    day: date
    session: Session | None
    no_session: NoSession | None = None
    resumes: date | None = None
    closure: str = ""  # the closure's name, when no_session is CLOSED


def empty_day(rule: Rule, day: date, resumes: date | None = None) -> DayView:
    """A Monday without a session, and why."""
    closure = rule.closure_of(day)
    return DayView(day, None, rule.why_none(day), resumes, closure.name if closure else "")


@dataclass
class MonthView:
    first_day: date
    days: list[DayView]
    # A season starts or ends in this month and its dates are not confirmed yet.
    dates_to_confirm: bool = False
    previous: MonthView | None = None
    next: MonthView | None = None

    @property
    def has_break(self) -> bool:
        """Some Monday of the month is outside every season."""
        return any(d.no_session is NoSession.OUT_OF_SEASON for d in self.days)

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
    # The season running on the build date, or the next one.
    season: Season | None = None
    # Every session of the feed: the window, and the six months before it (see feed_window).
    feed_sessions: list[Session] = field(default_factory=list)

    @property
    def coming_months(self) -> list[MonthView]:
        return [m for m in self.months if m.first_day >= self.build_date.replace(day=1)]

    @property
    def past_months(self) -> list[MonthView]:
        return [m for m in self.months if m.first_day < self.build_date.replace(day=1)]

    def day_view(self, day: date) -> DayView:
        """Any Monday of the computed range, with its session or the reason it has none."""
        session = self.sessions_by_day.get(day)
        return DayView(day, session) if session else empty_day(self.rule, day)


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
    not just a list that starts a week later; a break between seasons is one line.
    """
    chosen = upcoming(sessions, since, wanted)
    if not chosen:
        return []
    by_day = {session.day: session for session in chosen}
    days: list[DayView] = []
    for day in mondays(since, chosen[-1].day):
        if day in by_day:
            days.append(DayView(day, by_day[day]))
        elif rule.season_of(day) is None:
            if not days or days[-1].no_session is not NoSession.OUT_OF_SEASON:
                resume = next(s.day for s in chosen if s.day > day)
                days.append(empty_day(rule, day, resume))
        else:
            days.append(empty_day(rule, day))
    return days


def build_programme(
    rule: Rule,
    sessions: list[Session],
    notices: list[Notice],
    venues: list[tuple[Venue, str]],
    build_date: date,
    first: date,
    last: date,
    feed_first: date | None = None,
) -> Programme:
    """The view models of the window ``first``–``last``; the feed starts at ``feed_first``."""
    by_day = {session.day: session for session in sessions}
    months = []
    for year, month in months_between(first, last):
        start, end = month_bounds(year, month)
        days = [DayView(day, by_day[day]) if day in by_day else empty_day(rule, day) for day in mondays(start, end)]
        unconfirmed = [s for s in rule.seasons.between(start, end) if s.confirmed is None and (s.first >= start or s.last <= end)]
        months.append(MonthView(start, days, bool(unconfirmed)))
    for before, after in zip(months, months[1:], strict=False):
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
        season=rule.seasons.next_season(build_date),
        feed_sessions=[s for s in sessions if (feed_first or first) <= s.day <= last],
    )
