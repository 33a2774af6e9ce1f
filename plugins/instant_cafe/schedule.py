"""The Monday rotation, as plain data and functions (no Pelican here).

From the rule (Monday rank -> café), the seasons, the French public holidays
and the staff's notices, ``compute_sessions`` gives the list of sessions
between two dates. Every output of the site (pages, feed, flyer) is made from
that one list.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

import holidays

from .errors import ContentError, ContentErrors, raise_all

PARIS = ZoneInfo("Europe/Paris")
MONDAY = 0


class Status(Enum):
    """What happens on a session day; the value is the word residents read."""

    SCHEDULED = "prévue"
    CANCELLED = "annulée"
    MOVED = "déplacée"
    EXTRA = "exceptionnelle"


class Action(Enum):
    """What a staff notice does; the value is what staff write in « Action »."""

    CANCEL = "annulation"
    MOVE = "deplacement"
    ADD = "ajout"
    REINSTATE = "retablissement"


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
    # Optional access facts as (label, text) pairs, in the order staff wrote them.
    access: tuple[tuple[str, str], ...] = ()
    source: str = ""

    @property
    def full_address(self) -> str:
        return f"{self.address}, {self.postcode} {self.city}"


@dataclass(frozen=True)
class Season:
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


@dataclass(frozen=True)
class Rule:
    venues_by_rank: Mapping[int, Venue]
    seasons: tuple[Season, ...]
    start: time = time(9, 30)
    end: time = time(11, 30)
    # The café of a fifth Monday, or None when a fifth Monday has no session.
    fifth_monday: Venue | None = None

    def regular_venue(self, day: date) -> Venue | None:
        """The café the rule gives for ``day``, or None when there is no session."""
        if day.weekday() != MONDAY or not any(day in season for season in self.seasons):
            return None
        rank = monday_rank(day)
        return self.fifth_monday if rank == 5 else self.venues_by_rank.get(rank)

    def season_of(self, day: date) -> Season | None:
        return next((season for season in self.seasons if day in season), None)


@dataclass(frozen=True)
class Session:
    day: date
    start: datetime
    end: datetime
    venue: Venue
    status: Status
    # Shown to residents next to the status; empty for an ordinary session.
    reason: str = ""
    # The rule's café when a notice moved the session elsewhere.
    regular_venue: Venue | None = None
    # Every notice applied to this session, oldest first: what changed when.
    notices: tuple[Notice, ...] = field(default=())

    @property
    def cancelled(self) -> bool:
        return self.status is Status.CANCELLED

    @property
    def sequence(self) -> int:
        return len(self.notices)

    @property
    def last_modified(self) -> datetime | None:
        return self.notices[-1].published if self.notices else None


def monday_rank(day: date) -> int:
    """1 for the first Monday of the month, 2 for the second…"""
    return (day.day - 1) // 7 + 1


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


def window(rule: Rule, build_date: date, months_ahead: int = 12) -> tuple[date, date]:
    """The days the site shows: from the start of the current season (outside a
    season, three months back) to the end of the month ``months_ahead`` months on."""
    season = rule.season_of(build_date)
    first = season.first.replace(day=1) if season is not None else add_months(build_date, -3)
    last = add_months(build_date, months_ahead + 1) - timedelta(days=1)
    return first, last


def french_public_holidays(years: Iterable[int]) -> dict[date, str]:
    """French public holidays (metropolitan France), named in French."""
    return dict(holidays.country_holidays("FR", years=sorted(set(years)), language="fr"))


def at_paris(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=PARIS)


def _regular_session(rule: Rule, day: date, public_holidays: Mapping[date, str]) -> Session | None:
    venue = rule.regular_venue(day)
    if venue is None:
        return None
    session = Session(
        day=day,
        start=at_paris(day, rule.start),
        end=at_paris(day, rule.end),
        venue=venue,
        status=Status.SCHEDULED,
    )
    holiday = public_holidays.get(day)
    if holiday:
        # « lundi de Pâques », « fête du Travail », but « Toussaint », « Noël ».
        first_word = holiday.split(" ", 1)[0]
        name = holiday[:1].lower() + holiday[1:] if first_word in ("Lundi", "Jour", "Fête") else holiday
        session = replace(session, status=Status.CANCELLED, reason=f"jour férié ({name})")
    return session


def _check_hours(notice: Notice, start: time, end: time) -> None:
    """A time given alone must still fit the other one: a session ends after it starts."""
    if end > start:
        return
    given, other = ("Debut", "fin") if notice.start and not notice.end else ("Fin", "début")
    raise ContentError(
        notice.source,
        given,
        f"la séance finirait ({end:%H:%M}) avant de commencer ({start:%H:%M}) : "
        f"indiquez aussi l'heure de {other} (champs Debut et Fin).",
    )


def _apply(rule: Rule, day: date, session: Session | None, notice: Notice) -> Session:
    """The session after ``notice``; a ContentError when the notice does not fit."""
    when = "le " + day.isoformat()
    if notice.action is Action.ADD:
        if session is not None and session.cancelled:
            raise ContentError(
                notice.source,
                "Action",
                f"la séance du {day.isoformat()} est annulée ({session.reason}) : pour qu'elle "
                "ait lieu quand même, écrivez « Action: retablissement » (puis, pour changer "
                "de café, un second avis « deplacement »).",
            )
        if session is not None:
            raise ContentError(
                notice.source,
                "Action",
                f"une séance a déjà lieu {when} ({session.venue.name}). Pour changer "
                "de café ou d'horaire, écrivez « Action: deplacement » ; pour la "
                "supprimer, « Action: annulation ».",
            )
        if notice.venue is None:
            raise ContentError(
                notice.source, "Lieu", "une séance ajoutée doit dire dans quel café elle a lieu."
            )
        start, end = notice.start or rule.start, notice.end or rule.end
        _check_hours(notice, start, end)
        return Session(
            day=day,
            start=at_paris(day, start),
            end=at_paris(day, end),
            venue=notice.venue,
            status=Status.EXTRA,
            reason=notice.title,
            notices=(notice,),
        )
    if session is None:
        raise ContentError(
            notice.source,
            "Seance",
            f"aucune séance n'est prévue {when} (hors saison, cinquième lundi ou date "
            "mal saisie). Vérifiez la date ; pour créer une séance ce jour-là, "
            "écrivez « Action: ajout ».",
        )
    notices = session.notices + (notice,)
    if notice.action is Action.CANCEL:
        if session.cancelled:
            raise ContentError(
                notice.source, "Action", f"la séance du {day.isoformat()} est déjà annulée ({session.reason})."
            )
        return replace(session, status=Status.CANCELLED, reason=notice.title, notices=notices)
    if notice.action is Action.MOVE:
        if session.cancelled:
            raise ContentError(
                notice.source,
                "Action",
                f"la séance du {day.isoformat()} est annulée ({session.reason}) : pour "
                "qu'elle ait lieu quand même, écrivez « Action: retablissement ».",
            )
        venue = notice.venue or session.venue
        start = notice.start or session.start.timetz().replace(tzinfo=None)
        end = notice.end or session.end.timetz().replace(tzinfo=None)
        _check_hours(notice, start, end)
        regular = session.regular_venue or session.venue
        return replace(
            session,
            venue=venue,
            start=at_paris(day, start),
            end=at_paris(day, end),
            status=Status.MOVED,
            reason=notice.title,
            regular_venue=regular if venue != regular else None,
            notices=notices,
        )
    # Action.REINSTATE: the rule's session takes place after all.
    if not session.cancelled:
        raise ContentError(
            notice.source,
            "Action",
            f"la séance du {day.isoformat()} n'est pas annulée : il n'y a rien à rétablir.",
        )
    regular = _regular_session(rule, day, {})
    base = regular if regular is not None else session
    status = Status.SCHEDULED if regular is not None else Status.EXTRA
    return replace(base, status=status, reason=notice.title, notices=notices)


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
    errors: list[ContentError] = []
    for notice in notices:
        if notice.day.weekday() != MONDAY:
            errors.append(
                ContentError(
                    notice.source,
                    "Seance",
                    f"le {notice.day.isoformat()} n'est pas un lundi : L'instant CAFÉ a "
                    "lieu le lundi. Indiquez la date du lundi concerné (AAAA-MM-JJ).",
                )
            )
            continue
        by_day.setdefault(notice.day, []).append(notice)
    raise_all(errors)

    days = set(mondays(first, last)) | set(by_day)
    if public_holidays is None:
        public_holidays = french_public_holidays(day.year for day in days)

    for day, same_day in by_day.items():
        published = sorted(notice.published for notice in same_day)
        for earlier, later in zip(published, published[1:]):
            if earlier == later:
                sources = sorted(n.source for n in same_day if n.published == later)
                errors.append(
                    ContentError(
                        sources[-1],
                        "Date",
                        f"les avis {' et '.join(sources)} concernent la même séance ({day.isoformat()}) et ont la même "
                        f"Date ({later:%Y-%m-%d %H:%M}) : on ne sait pas lequel compte. Donnez à l'avis le plus "
                        "récent une Date plus tardive.",
                    )
                )
    raise_all(errors)

    sessions = []
    for day in sorted(days):
        session = _regular_session(rule, day, public_holidays)
        for notice in sorted(by_day.get(day, ()), key=lambda n: (n.published, n.source)):
            try:
                session = _apply(rule, day, session, notice)
            except ContentError as error:
                errors.append(error)
        if session is not None and first <= day <= last:
            sessions.append(session)
    raise_all(errors)
    return sessions


def why_no_session(rule: Rule, day: date) -> str:
    """Why the rule gives no session on the Monday ``day`` (French, for residents)."""
    if rule.season_of(day) is None:
        return "pas de séance : hors saison"
    if monday_rank(day) == 5:
        return "pas de séance le cinquième lundi du mois"
    return "pas de séance"


def check_rule(venues: Iterable[Venue], seasons: Iterable[Season], settings_name: str, seasons_field: str = "seasons") -> None:
    """Raise ContentErrors for venues sharing a rank and for overlapping seasons."""
    errors = []
    by_rank: dict[int, Venue] = {}
    for venue in venues:
        other = by_rank.get(venue.rank)
        if other is not None:
            errors.append(
                ContentError(
                    venue.source,
                    "Rang",
                    f"le rang {venue.rank} est déjà celui de « {other.name} » "
                    f"({other.source}). Chaque café a son propre rang (1 à 4).",
                )
            )
        else:
            by_rank[venue.rank] = venue
    for rank in range(1, 5):
        if rank not in by_rank:
            errors.append(
                ContentError(
                    "content/lieux/",
                    "Rang",
                    f"aucun café n'a le rang {rank} : sans lui, le {rank}e lundi du mois "
                    "n'aurait pas de séance. Donnez « Rang: "
                    f"{rank} » au café qui accueille ce lundi-là.",
                )
            )
    ordered = sorted(seasons, key=lambda s: s.first)
    for season in ordered:
        if season.last < season.first:
            errors.append(
                ContentError(
                    settings_name,
                    seasons_field,
                    f"la saison « {season.name} » finit ({season.last}) avant de commencer "
                    f"({season.first}).",
                )
            )
    for before, after in zip(ordered, ordered[1:]):
        if after.first <= before.last:
            errors.append(
                ContentError(
                    settings_name,
                    seasons_field,
                    f"les saisons « {before.name} » et « {after.name} » se chevauchent "
                    f"({after.first} est avant la fin de la première, {before.last}).",
                )
            )
    if errors:
        raise ContentErrors(errors)
