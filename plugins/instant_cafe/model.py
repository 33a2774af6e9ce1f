"""The schedule's data: cafés, seasons, notices, the rule and the sessions (no Pelican, no I/O).

Plain frozen dataclasses and enums. Nothing here is worded for residents: the
French words for a status or a reason live in ``wording.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
MONDAY = 0
RANKS = (1, 2, 3, 4, 5)  # the Monday's rank in its month


class Status(Enum):
    """What happens on a session day."""

    SCHEDULED = "scheduled"  # as the rule says
    CANCELLED = "cancelled"  # by a public holiday or a notice
    MOVED = "moved"  # another café or other hours, by a notice
    EXTRA = "extra"  # a session the rule does not give, added by a notice
    REINSTATED = "reinstated"  # cancelled, then held after all, by a notice


class Action(Enum):
    """What a staff notice does; the value is what staff write in « Action »."""

    CANCEL = "annulation"
    MOVE = "deplacement"
    ADD = "ajout"
    REINSTATE = "retablissement"


class NoSession(Enum):
    """Why a Monday has no session."""

    OUT_OF_SEASON = "out-of-season"
    CLOSED = "closed"  # a closure inside a season
    NO_CAFE_FOR_RANK = "no-cafe-for-rank"  # e.g. a fifth Monday, when no café has rank 5


@dataclass(frozen=True)
class Venue:
    slug: str
    name: str
    address: str
    postcode: str
    city: str
    rank: int
    latitude: float | None = None
    longitude: float | None = None
    # True once staff have checked the coordinates on a map: only then are they
    # published (map pin, directions, GEO); otherwise the address is searched.
    position_confirmed: bool = False
    # Optional access facts as (label, text) pairs, in the order staff wrote them.
    access: tuple[tuple[str, str], ...] = ()
    source: str = ""

    @property
    def full_address(self) -> str:
        return f"{self.address}, {self.postcode} {self.city}"

    @property
    def position(self) -> tuple[float, float] | None:
        """The confirmed coordinates, or None."""
        if self.position_confirmed and self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        return None


@dataclass(frozen=True)
class Season:
    """One season of sessions, e.g. label "2026-2027" from first to last (Mondays)."""

    label: str
    first: date
    last: date
    # The day staff confirmed these dates; None while they are the yearly rule's guess.
    confirmed: date | None = None

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last


def first_monday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(MONDAY - day.weekday()) % 7)


def last_monday(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return first_monday(following.year, following.month) - timedelta(days=7)


@dataclass(frozen=True)
class SeasonRule:
    """Every year a season, from the first Monday of ``start_month`` to the last Monday of
    ``end_month`` the next year, unless ``changes`` gives a season other dates."""

    start_month: int = 9
    end_month: int = 6
    # Label -> (first, last): a season that starts late, ends early, or runs through the summer.
    changes: Mapping[str, tuple[date | None, date | None]] = field(default_factory=dict)
    # Label -> the day staff confirmed that season's dates.
    confirmed: Mapping[str, date] = field(default_factory=dict)

    def season(self, start_year: int) -> Season:
        label = f"{start_year}-{start_year + 1}"
        first, last = self.changes.get(label, (None, None))
        return Season(
            label,
            first or first_monday(start_year, self.start_month),
            last or last_monday(start_year + 1, self.end_month),
            self.confirmed.get(label),
        )

    def season_of(self, day: date) -> Season | None:
        return next((s for s in (self.season(day.year - 1), self.season(day.year)) if day in s), None)

    def next_season(self, day: date) -> Season:
        """The season running on ``day``, or else the next one to start."""
        return self.season_of(day) or next(s for s in (self.season(day.year - 1), self.season(day.year)) if s.first > day)

    def between(self, first: date, last: date) -> list[Season]:
        """Every season that has a day between ``first`` and ``last``."""
        seasons = (self.season(year) for year in range(first.year - 1, last.year + 1))
        return [s for s in seasons if s.first <= last and s.last >= first]


@dataclass(frozen=True)
class Closure:
    """Days without sessions inside a season (the CCAS closed for a week, say)."""

    name: str
    first: date
    last: date

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class Notice:
    """One staff notice: a change to the session of one Monday."""

    source: str
    day: date
    action: Action
    published: datetime
    title: str
    venue: Venue | None = None
    start: time | None = None
    end: time | None = None
    body_html: str = ""


def monday_rank(day: date) -> int:
    """1 for the first Monday of the month, 2 for the second…"""
    return (day.day - 1) // 7 + 1


@dataclass(frozen=True)
class Rule:
    """Each Monday rank (1 to 5) has its café, or none; sessions run within the seasons, outside closures."""

    venues_by_rank: Mapping[int, Venue]
    seasons: SeasonRule = field(default_factory=SeasonRule)
    start: time = time(9, 30)
    end: time = time(11, 30)
    closures: tuple[Closure, ...] = ()

    def season_of(self, day: date) -> Season | None:
        return self.seasons.season_of(day)

    def closure_of(self, day: date) -> Closure | None:
        return next((closure for closure in self.closures if day in closure), None)

    def _closed(self, day: date) -> NoSession | None:
        if self.season_of(day) is None:
            return NoSession.OUT_OF_SEASON
        if self.closure_of(day) is not None:
            return NoSession.CLOSED
        return None

    def regular_venue(self, day: date) -> Venue | None:
        """The café the rule gives for ``day``, or None when there is no session."""
        if day.weekday() != MONDAY or self._closed(day):
            return None
        return self.venues_by_rank.get(monday_rank(day))

    def why_none(self, day: date) -> NoSession:
        """Why the rule gives no session on the Monday ``day``."""
        return self._closed(day) or NoSession.NO_CAFE_FOR_RANK


@dataclass(frozen=True)
class Session:
    day: date
    start: datetime
    end: datetime
    venue: Venue
    status: Status
    # The French public holiday on that day (its name), which cancels it unless reinstated.
    holiday: str | None = None
    # The rule's café when a notice moved the session elsewhere.
    regular_venue: Venue | None = None
    # Every notice applied to this session, oldest first: what changed when.
    notices: tuple[Notice, ...] = field(default=())

    @property
    def cancelled(self) -> bool:
        return self.status is Status.CANCELLED

    @property
    def notice(self) -> Notice | None:
        """The notice that gave the session its present state, if any."""
        return self.notices[-1] if self.notices else None

    @property
    def sequence(self) -> int:
        return len(self.notices)

    @property
    def last_modified(self) -> datetime | None:
        return self.notices[-1].published if self.notices else None
