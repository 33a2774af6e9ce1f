"""Addresses on other sites that residents may follow: maps and calendar apps (no Pelican here)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from .model import Venue
from .urls import AGENDA, FEED


def osm_url(venue: Venue) -> str:
    """An OpenStreetMap search for the address: right even without coordinates."""
    return "https://www.openstreetmap.org/search?query=" + quote(f"{venue.name}, {venue.full_address}")


@dataclass(frozen=True)
class SubscribeLinks:
    https: str
    webcal: str
    google: str
    outlook: str
    page: str


def subscribe_links(public_url: str, calendar_name: str) -> SubscribeLinks:
    feed = f"{public_url}/{FEED}"
    webcal = "webcal://" + feed.split("://", 1)[1]
    return SubscribeLinks(
        https=feed,
        webcal=webcal,
        google="https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=""),
        outlook="https://outlook.live.com/calendar/0/addfromweb?url=" + quote(feed, safe="") + "&name=" + quote(calendar_name, safe=""),
        page=f"{public_url}/{AGENDA}",
    )
