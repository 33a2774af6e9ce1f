"""schema.org/Event descriptions of sessions, as JSON-LD (built as data, never as text)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .schedule import Session
from .urls import session_url

STATUS = {True: "https://schema.org/EventCancelled", False: "https://schema.org/EventScheduled"}


def session_event(session: Session, settings: dict) -> dict:
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
    if venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": venue.latitude, "longitude": venue.longitude}
    public_url = settings["PUBLIC_URL"]
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f"L'instant CAFÉ – {venue.name}",
        "description": "Un café du lundi matin avec deux travailleurs sociaux du CCAS pour partager les bons plans de la semaine.",
        "startDate": session.start.isoformat(),
        "endDate": session.end.isoformat(),
        "eventStatus": STATUS[session.cancelled],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place,
        "organizer": {
            "@type": "Organization",
            "name": settings["CONTACT"]["organisation"],
            "telephone": settings["CONTACT"]["phone"],
            "url": f"{public_url}/",
        },
        "url": f"{public_url}/{session_url(session.day)}",
    }


def events_json(sessions: Iterable[Session], settings: dict) -> str:
    """The JSON to put inside <script type="application/ld+json"> (« < » escaped)."""
    data = [session_event(session, settings) for session in sessions if session is not None]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
