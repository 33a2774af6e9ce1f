"""schema.org/Event descriptions of sessions, as JSON-LD (built as data, never as text)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .model import Session
from .settings import Site
from .urls import session_url

STATUS = {True: "https://schema.org/EventCancelled", False: "https://schema.org/EventScheduled"}


def session_event(session: Session, site: Site) -> dict:
    venue = session.venue
    place = {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.address,
            "postalCode": venue.postcode,
            "addressLocality": venue.city,
            "addressCountry": "FR",
        },
    }
    if venue.position:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": venue.position[0], "longitude": venue.position[1]}
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f"{site.calendar.event_name} – {venue.name}",
        "description": site.calendar.event_description,
        "startDate": session.start.isoformat(),
        "endDate": session.end.isoformat(),
        "eventStatus": STATUS[session.cancelled],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place,
        "organizer": {
            "@type": "Organization",
            "name": site.contact.organisation,
            "telephone": site.contact.phone,
            "url": f"{site.public_url}/",
        },
        "url": f"{site.public_url}/{session_url(session.day)}",
    }


def events_json(sessions: Iterable[Session], site: Site) -> str:
    """The JSON to put inside <script type="application/ld+json"> (« < » escaped)."""
    data = [session_event(session, site) for session in sessions if session is not None]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
