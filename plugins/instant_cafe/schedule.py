"""The Monday rotation, as functions (no Pelican, no I/O, no French sentence).

From the rule (Monday rank -> café), the seasons, the French public holidays
and the staff's notices, ``compute_sessions`` gives the list of sessions
between two dates. Every output of the site (pages, feed, flyer) is made from
that one list. A notice that does not fit raises a ScheduleError whose issues
say what is wrong as facts; ``wording.py`` says it in French.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import Enum

from .model import MONDAY, PARIS, Action, Notice, Rule, Session, Status, Venue


class Problem(Enum):
    NOT_A_MONDAY = "not-a-monday"
    NO_SESSION = "no-session"  # the notice changes a session the rule does not give
    ALREADY_HELD = "already-held"  # an addition on a day that has a session
    CANCELLED_FIRST = "cancelled-first"  # an addition or a move on a cancelled session
    NO_VENUE = "no-venue"  # an addition without a café
    ALREADY_CANCELLED = "already-cancelled"
    NOT_CANCELLED = "not-cancelled"  # nothing to reinstate
    ENDS_BEFORE_START = "ends-before-start"
    SAME_DATE = "same-date"  # two notices for one Monday, published at the same moment
    RANK_TAKEN = "rank-taken"
    RANK_MISSING = "rank-missing"


@dataclass(frozen=True)
class Issue:
    """One thing the schedule cannot accept, as facts: what, which file, which day, about what."""

    problem: Problem
    source: str
    day: date | None = None
    # The fact the problem is about: the session in the way, the other venue or
    # season, the notices in conflict, the missing rank, the (start, end) times…
    subject: object = None


class ScheduleError(Exception):
    def __init__(self, issues: Iterable[Issue]):
        self.issues = list(issues)
        super().__init__(", ".join(f"{i.problem.value} ({i.source})" for i in self.issues))


def mondays(first: date, last: date) -> Iterator[date]:
    day = first + timedelta(days=(MONDAY - first.weekday()) % 7)
    while day <= last:
        yield day
        day += timedelta(days=7)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> list[tuple[int, int]]:
    months = []
    day = first.replace(day=1)
    while day <= last:
        months.append((day.year, day.month))
        day = add_months(day, 1)
    return months


FEED_MONTHS_BACK = 6


def feed_window(rule: Rule, build_date: date, months_ahead: int, since: date) -> tuple[date, date]:
    """The feed keeps six months of past sessions more than the pages, so that when a new season
    starts in September the June sessions do not vanish from subscribers' calendars; it never
    starts before ``since``, the day the feed was first published."""
    first, last = window(rule, build_date, months_ahead)
    return max(since, min(first, add_months(build_date, -FEED_MONTHS_BACK))), last


def window(rule: Rule, build_date: date, months_ahead: int = 12) -> tuple[date, date]:
    """The days the site shows: from the start of the current season (outside a
    season, three months back) to the end of the month ``months_ahead`` months on."""
    season = rule.season_of(build_date)
    first = season.first.replace(day=1) if season is not None else add_months(build_date, -3)
    last = add_months(build_date, months_ahead + 1) - timedelta(days=1)
    return first, last


def french_public_holidays(years: Iterable[int]) -> dict[date, str]:
    """French public holidays (metropolitan France), named in French by the holidays package."""
    import holidays

    return dict(holidays.country_holidays("FR", years=sorted(set(years)), language="fr"))


def at_paris(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=PARIS)


def _clock(moment: datetime) -> time:
    return moment.timetz().replace(tzinfo=None)


def regular_session(rule: Rule, day: date, holiday: str | None = None) -> Session | None:
    """The rule's session of ``day``: cancelled when ``holiday`` names a public holiday."""
    venue = rule.regular_venue(day)
    if venue is None:
        return None
    status = Status.CANCELLED if holiday else Status.SCHEDULED
    return Session(day, at_paris(day, rule.start), at_paris(day, rule.end), venue, status, holiday=holiday)


def _refuse(problem: Problem, notice: Notice, subject: object = None):
    raise ScheduleError([Issue(problem, notice.source, notice.day, subject)])


def _hours(notice: Notice, start: time, end: time) -> tuple[datetime, datetime]:
    """The session's times; a time given alone must still leave the end after the start."""
    if end <= start:
        _refuse(Problem.ENDS_BEFORE_START, notice, (start, end, notice))
    return at_paris(notice.day, start), at_paris(notice.day, end)


def _add(rule: Rule, session: Session | None, notice: Notice) -> Session:
    if session is not None:
        _refuse(Problem.CANCELLED_FIRST if session.cancelled else Problem.ALREADY_HELD, notice, session)
    if notice.venue is None:
        _refuse(Problem.NO_VENUE, notice)
    start, end = _hours(notice, notice.start or rule.start, notice.end or rule.end)
    return Session(notice.day, start, end, notice.venue, Status.EXTRA, notices=(notice,))


def _cancel(rule: Rule, session: Session | None, notice: Notice) -> Session:
    if session.cancelled:
        _refuse(Problem.ALREADY_CANCELLED, notice, session)
    return replace(session, status=Status.CANCELLED, notices=session.notices + (notice,))


def _move(rule: Rule, session: Session | None, notice: Notice) -> Session:
    if session.cancelled:
        _refuse(Problem.CANCELLED_FIRST, notice, session)
    venue = notice.venue or session.venue
    start, end = _hours(notice, notice.start or _clock(session.start), notice.end or _clock(session.end))
    regular = session.regular_venue or session.venue
    return replace(
        session,
        venue=venue,
        start=start,
        end=end,
        status=Status.MOVED,
        regular_venue=regular if venue != regular else None,
        notices=session.notices + (notice,),
    )


def _reinstate(rule: Rule, session: Session | None, notice: Notice) -> Session:
    """The rule's session takes place after all (or an added one that had been cancelled)."""
    if not session.cancelled:
        _refuse(Problem.NOT_CANCELLED, notice, session)
    regular = regular_session(rule, notice.day)
    if regular is None:
        return replace(session, status=Status.EXTRA, notices=session.notices + (notice,))
    return replace(regular, status=Status.REINSTATED, holiday=session.holiday, notices=session.notices + (notice,))


# One function per action, as dateutil.rrule's parser has one handler per field.
APPLY: dict[Action, Callable[[Rule, Session | None, Notice], Session]] = {
    Action.ADD: _add,
    Action.CANCEL: _cancel,
    Action.MOVE: _move,
    Action.REINSTATE: _reinstate,
}


def _apply(rule: Rule, session: Session | None, notice: Notice) -> Session:
    if session is None and notice.action is not Action.ADD:
        _refuse(Problem.NO_SESSION, notice, rule.why_none(notice.day))
    return APPLY[notice.action](rule, session, notice)


def _same_moment(by_day: Mapping[date, list[Notice]]) -> list[Issue]:
    """Two notices for one Monday published at the same moment: which one counts is unknowable."""
    issues = []
    for day, notices in by_day.items():
        moments: dict[datetime, list[Notice]] = {}
        for notice in notices:
            moments.setdefault(notice.published, []).append(notice)
        for same in moments.values():
            if len(same) > 1:
                ordered = tuple(sorted(same, key=lambda n: n.source))
                issues.append(Issue(Problem.SAME_DATE, ordered[-1].source, day, ordered))
    return issues


def compute_sessions(
    rule: Rule,
    first: date,
    last: date,
    notices: Iterable[Notice] = (),
    public_holidays: Mapping[date, str] | None = None,
) -> list[Session]:
    """Every session from ``first`` to ``last`` (included), cancelled ones too.

    Every notice is checked, even one outside the range, so that a mistake in
    an old or far-off notice is still reported.
    """
    by_day: dict[date, list[Notice]] = {}
    issues: list[Issue] = []
    for notice in notices:
        if notice.day.weekday() != MONDAY:
            issues.append(Issue(Problem.NOT_A_MONDAY, notice.source, notice.day))
        else:
            by_day.setdefault(notice.day, []).append(notice)
    issues += _same_moment(by_day)
    if issues:
        raise ScheduleError(issues)

    days = set(mondays(first, last)) | set(by_day)
    if public_holidays is None:
        public_holidays = french_public_holidays(day.year for day in days)
    sessions = []
    for day in sorted(days):
        session = regular_session(rule, day, public_holidays.get(day))
        for notice in sorted(by_day.get(day, ()), key=lambda n: n.published):
            try:
                session = _apply(rule, session, notice)
            except ScheduleError as error:
                issues += error.issues
        if session is not None and first <= day <= last:
            sessions.append(session)
    if issues:
        raise ScheduleError(issues)
    return sessions


def check_rule(venues: Iterable[Venue]) -> None:
    """Each of ranks 1 to 4 has exactly one café (rank 5 is optional)."""
    issues = []
    by_rank: dict[int, Venue] = {}
    for venue in venues:
        if venue.rank in by_rank:
            issues.append(Issue(Problem.RANK_TAKEN, venue.source, subject=by_rank[venue.rank]))
        else:
            by_rank[venue.rank] = venue
    issues += [Issue(Problem.RANK_MISSING, "", subject=rank) for rank in (1, 2, 3, 4) if rank not in by_rank]
    if issues:
        raise ScheduleError(issues)
