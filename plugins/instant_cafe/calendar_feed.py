"""The iCalendar feed: one VEVENT per session, built with icalendar (no Pelican here).

The rules (stable UIDs, a compact VTIMEZONE, content-derived DTSTAMP, SEQUENCE,
cancelled sessions kept with « ANNULÉ – ») are explained in the team's
calendar guide; every byte of the output depends on the sessions only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from .model import Rule, Session
from .settings import CalendarText, Contact
from .urls import FEED, session_url
from .wording import STATUS_LABEL, cancel_reason


@dataclass(frozen=True)
class FeedContext:
    """What the feed needs besides the sessions."""

    public_url: str  # e.g. https://instant-cafe.example.org (no trailing slash)
    calendar: CalendarText
    contact: Contact

    @property
    def domain(self) -> str:
        return urlsplit(self.public_url).hostname or "localhost"

    @property
    def feed_url(self) -> str:
        return f"{self.public_url}/{FEED}"


def _transition(kind, name: str, offset_from: int, offset_to: int, first: datetime, month: int):
    """A yearly change of offset, on the last Sunday of ``month``."""
    component = kind()
    component.add("tzname", name)
    component.add("tzoffsetfrom", timedelta(hours=offset_from))
    component.add("tzoffsetto", timedelta(hours=offset_to))
    component.add("dtstart", first)
    component.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
    return component


def paris_timezone() -> Timezone:
    """Europe/Paris in the compact RRULE form (EU rules since 1996)."""
    zone = Timezone()
    zone.add("tzid", "Europe/Paris")
    zone.add("x-lic-location", "Europe/Paris")
    zone.add_component(_transition(TimezoneDaylight, "CEST", 1, 2, datetime(1970, 3, 29, 2, 0, 0), 3))
    zone.add_component(_transition(TimezoneStandard, "CET", 2, 1, datetime(1970, 10, 25, 3, 0, 0), 10))
    return zone


def uid(session: Session, context: FeedContext) -> str:
    """Stable forever, whatever the café: one per Monday."""
    return f"instant-cafe-{session.day.isoformat()}@{context.domain}"


def stamp(session: Session, rule: Rule) -> datetime:
    """When the session last changed, from the content only (never the clock).

    A session no notice changed comes from the rule: it is stamped with the
    start of the first season the rule knows, a date already past and stable
    while the window of sessions moves forward.
    """
    if session.last_modified is not None:
        return session.last_modified.astimezone(UTC)
    first = min((season.first for season in rule.seasons), default=session.day)
    return datetime.combine(first, datetime.min.time(), tzinfo=UTC)


def summary(session: Session, context: FeedContext) -> str:
    text = f"{context.calendar.event_name} – {session.venue.name}"
    return f"ANNULÉ – {text}" if session.cancelled else text


def description(session: Session, context: FeedContext) -> str:
    lines = []
    label = STATUS_LABEL[session.status].capitalize()
    if session.cancelled:
        lines.append(f"{label} : {cancel_reason(session)}. Pas de séance ce jour-là.")
    else:
        if session.notice is not None:
            lines.append(f"{label} : {session.notice.title}.")
        lines.append(context.calendar.event_description)
    contact = context.contact
    hours = f", {contact.hours}" if contact.hours else ""
    lines.append(f"Renseignements : {contact.organisation}, {contact.phone}{hours}.")
    return "\n".join(lines)


def session_event(session: Session, rule: Rule, context: FeedContext) -> Event:
    event = Event()
    changed = stamp(session, rule)
    event.add("uid", uid(session, context))
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("sequence", session.sequence)
    event.add("dtstart", session.start)
    event.add("dtend", session.end)
    event.add("summary", summary(session, context))
    event.add("location", f"{session.venue.name}, {session.venue.full_address}")
    if session.venue.latitude is not None and session.venue.longitude is not None:
        event.add("geo", (session.venue.latitude, session.venue.longitude))
    event.add("url", f"{context.public_url}/{session_url(session.day)}")
    event.add("description", description(session, context))
    event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _calendar(context: FeedContext, subscription: bool) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", context.calendar.prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if subscription:
        calendar.add("name", context.calendar.name)
        calendar.add("x-wr-calname", context.calendar.name)
        calendar.add("x-wr-timezone", "Europe/Paris")
        calendar.add("description", context.calendar.description)
        calendar.add("x-wr-caldesc", context.calendar.description)
        calendar.add("url", context.feed_url)
        calendar.add("source", context.feed_url, parameters={"VALUE": "URI"})
        calendar.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "P1D")
    calendar.add_component(paris_timezone())
    return calendar


def feed_bytes(sessions: list[Session], rule: Rule, context: FeedContext) -> bytes:
    """The subscription feed: every session given, cancelled ones included."""
    calendar = _calendar(context, subscription=True)
    for session in sessions:
        calendar.add_component(session_event(session, rule, context))
    return calendar.to_ical()


def session_bytes(session: Session, rule: Rule, context: FeedContext) -> bytes:
    """« Ajouter à mon agenda » for one session: same UID as in the feed."""
    calendar = _calendar(context, subscription=False)
    calendar.add_component(session_event(session, rule, context))
    return calendar.to_ical()
