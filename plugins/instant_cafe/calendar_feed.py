"""The iCalendar feed: one VEVENT per session, built with icalendar (no Pelican here).

The rules (stable UIDs, a compact VTIMEZONE, content-derived DTSTAMP, SEQUENCE,
cancelled sessions kept with « ANNULÉ – ») are explained in the team's
calendar guide; every byte of the output depends on the sessions only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vText

from .french import at_place, hour
from .model import PARIS, Rule, Session, Status
from .settings import CalendarSettings, Contact
from .urls import FEED, session_url
from .wording import STATUS_LABEL, cancel_reason


@dataclass(frozen=True)
class FeedContext:
    """What the feed needs besides the sessions."""

    public_url: str  # e.g. https://instant-cafe.example.org (no trailing slash)
    calendar: CalendarSettings
    contact: Contact

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
    """Stable forever, whatever the café and whatever the site's address: one per Monday.

    The part after @ is a setting (CALENDAR["uid_domain"]), not the public host, so a
    change of address does not make calendars see new events."""
    return f"instant-cafe-{session.day.isoformat()}@{context.calendar.uid_domain}"


def confirmed_on(session: Session, rule: Rule) -> date | None:
    """The day staff confirmed the dates of the session's season (None while to be confirmed)."""
    season = rule.season_of(session.day)
    return season.confirmed if season is not None else None


def sequence(session: Session, rule: Rule) -> int:
    """Each notice is a change; so is the confirmation of the season's dates (TENTATIVE → CONFIRMED)."""
    return session.sequence + (confirmed_on(session, rule) is not None and session.status is not Status.EXTRA)


def stamp(session: Session, rule: Rule, context: FeedContext) -> datetime:
    """When the session last changed, from the content only (never the clock).

    The latest of: the feed's fixed starting day (CALENDAR["since"], for sessions the
    rule alone gives), the confirmation of its season, its latest notice. It never goes
    backwards when SEQUENCE rises, whatever Date a notice carries.
    """
    moments = [datetime.combine(context.calendar.since_day, time(), tzinfo=UTC)]
    confirmed = confirmed_on(session, rule)
    if confirmed is not None:
        moments.append(datetime.combine(confirmed, time(), tzinfo=UTC))
    if session.last_modified is not None:
        moments.append(session.last_modified.astimezone(UTC))
    return max(moments)


def tentative(session: Session, rule: Rule) -> bool:
    """A session the rule gives, in a season whose dates the CCAS has not confirmed yet."""
    season = rule.season_of(session.day)
    return season is not None and season.confirmed is None and session.status is not Status.EXTRA


def summary(session: Session, context: FeedContext) -> str:
    text = f"{context.calendar.event_name} – {session.venue.name}"
    return f"ANNULÉ – {text}" if session.cancelled else text


def description(session: Session, rule: Rule, context: FeedContext) -> str:
    lines = []
    label = STATUS_LABEL[session.status].capitalize()
    contact = context.contact
    if session.cancelled:
        lines.append(f"{label} : {cancel_reason(session)}. Pas de séance ce jour-là.")
    else:
        if session.notice is not None:
            lines.append(f"{label} : {session.notice.title}.")
        if tentative(session, rule):
            season = rule.season_of(session.day)
            lines.append(f"Dates de la saison {season.label} à confirmer : en cas de doute, appelez le {contact.organisation}.")
        lines.append(context.calendar.event_description)
    hours = f", {contact.hours}" if contact.hours else ""
    lines.append(f"Renseignements : {contact.organisation}, {contact.phone}{hours}.")
    return "\n".join(lines)


def status(session: Session, rule: Rule) -> str:
    if session.cancelled:
        return "CANCELLED"
    return "TENTATIVE" if tentative(session, rule) else "CONFIRMED"


def session_event(session: Session, rule: Rule, context: FeedContext) -> Event:
    event = Event()
    changed = stamp(session, rule, context)
    event.add("uid", uid(session, context))
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("sequence", sequence(session, rule))
    event.add("dtstart", session.start)
    event.add("dtend", session.end)
    event.add("summary", summary(session, context))
    event.add("location", f"{session.venue.name}, {session.venue.full_address}")
    if session.venue.position:
        event.add("geo", session.venue.position)
    event.add("url", f"{context.public_url}/{session_url(session.day)}")
    event.add("description", description(session, rule, context))
    event.add("status", status(session, rule))
    # A cancelled session no longer makes the resident busy.
    event.add("transp", "TRANSPARENT" if session.cancelled else "OPAQUE")
    return event


def _calendar(context: FeedContext, subscription: bool) -> Calendar:
    """No METHOD: RFC 5546 gives PUBLISH an ORGANIZER, and a subscription or a file to
    import is better without either (a METHOD makes some clients treat it as an invitation)."""
    calendar = Calendar()
    calendar.add("prodid", context.calendar.prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if subscription:
        calendar.add("name", context.calendar.name)
        # X- properties are unknown to icalendar: vText escapes their commas and semicolons.
        calendar.add("x-wr-calname", vText(context.calendar.name))
        calendar.add("x-wr-timezone", vText("Europe/Paris"))
        calendar.add("description", context.calendar.description)
        calendar.add("x-wr-caldesc", vText(context.calendar.description))
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


REMINDER_AT = time(18, 0)


def reminder(session: Session, context: FeedContext) -> Alarm:
    """A reminder the evening before, at 18 h: time to get ready, never at night nor in the
    morning rush. Only in one-session files: subscribed calendars drop a feed's alarms."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    place = at_place(session.venue.name)
    alarm.add("description", f"Demain matin, {context.calendar.event_name} {place}, de {hour(session.start)} à {hour(session.end)}.")
    alarm.add("trigger", datetime.combine(session.day - timedelta(days=1), REMINDER_AT, tzinfo=PARIS) - session.start)
    return alarm


def session_bytes(session: Session, rule: Rule, context: FeedContext) -> bytes:
    """« Ajouter à mon agenda » for one session: same UID as in the feed, and a reminder."""
    calendar = _calendar(context, subscription=False)
    event = session_event(session, rule, context)
    if not session.cancelled:
        event.add_component(reminder(session, context))
    calendar.add_component(event)
    return calendar.to_ical()
