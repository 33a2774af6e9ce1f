"""Addresses on other sites that residents may follow: maps and calendar apps (no Pelican here)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from .model import Session, Venue
from .urls import AGENDA, FEED


def osm_url(venue: Venue) -> str:
    """The café on OpenStreetMap: a pin at its confirmed position, else a search for its address."""
    if venue.position:
        latitude, longitude = venue.position
        return f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=18/{latitude}/{longitude}"
    return "https://www.openstreetmap.org/search?query=" + quote(f"{venue.name}, {venue.full_address}")


def directions_url(venue: Venue) -> str:
    """How to get there, on OpenStreetMap: a route to the confirmed position, else the address search."""
    if venue.position:
        latitude, longitude = venue.position
        return "https://www.openstreetmap.org/directions?route=" + quote(f";{latitude},{longitude}")
    return osm_url(venue)


def google_calendar_url(session: Session, event_name: str, details: str) -> str:
    """Google Agenda's « new event » form, filled in for one session (nothing is sent until clicked)."""
    dates = f"{session.start:%Y%m%dT%H%M%S}/{session.end:%Y%m%dT%H%M%S}"
    query = {
        "action": "TEMPLATE",
        "text": f"{event_name} – {session.venue.name}",
        "dates": dates,
        "ctz": "Europe/Paris",
        "location": f"{session.venue.name}, {session.venue.full_address}",
        "details": details,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query, quote_via=quote)


@dataclass(frozen=True)
class SubscribeLinks:
    https: str
    webcal: str
    google: str
    outlook: str
    outlook_work: str
    page: str


def subscribe_links(public_url: str, calendar_name: str) -> SubscribeLinks:
    feed = f"{public_url}/{FEED}"
    webcal = "webcal://" + feed.split("://", 1)[1]
    return SubscribeLinks(
        https=feed,
        webcal=webcal,
        google="https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=""),
        outlook="https://outlook.live.com/calendar/0/addfromweb?url=" + quote(feed, safe="") + "&name=" + quote(calendar_name, safe=""),
        outlook_work="https://outlook.office.com/calendar/0/addfromweb?url="
        + quote(feed, safe="")
        + "&name="
        + quote(calendar_name, safe=""),
        page=f"{public_url}/{AGENDA}",
    )
