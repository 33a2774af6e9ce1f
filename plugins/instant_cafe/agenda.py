"""The calendar outputs: the feed, one .ics per session, and the page that explains subscribing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import segno
from pelican.generators import Generator
from pelican.utils import sanitised_join

from .calendar_feed import FEED_PATH, FeedContext, feed_bytes, session_bytes
from .urls import session_ics

AGENDA_PAGE = "agenda/index.html"


def qr_data_uri(url: str) -> str:
    """A QR code as an SVG data URI: vector, inside the page, no request."""
    return segno.make(url, error="m").svg_data_uri(scale=5, border=4, dark="#000", light="#fff")


@dataclass(frozen=True)
class SubscribeLinks:
    https: str
    webcal: str
    google: str
    outlook: str
    page: str


def subscribe_links(context: FeedContext) -> SubscribeLinks:
    feed = context.feed_url
    webcal = "webcal://" + feed.split("://", 1)[1]
    return SubscribeLinks(
        https=feed,
        webcal=webcal,
        google="https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=""),
        outlook=(
            "https://outlook.live.com/calendar/0/addfromweb?url="
            + quote(feed, safe="")
            + "&name="
            + quote("L'instant CAFÉ", safe="")
        ),
        page=f"{context.public_url}/agenda/",
    )


def feed_context(settings: dict) -> FeedContext:
    contact = settings["CONTACT"]
    return FeedContext(
        public_url=settings["PUBLIC_URL"].rstrip("/"),
        organisation=contact["organisation"],
        phone=contact["phone"],
        hours=contact["hours"],
    )


class AgendaGenerator(Generator):
    """agenda/instant-cafe.ics, agenda/seances/YYYY-MM-DD.ics and agenda/index.html."""

    def generate_context(self):
        self.feed = feed_context(self.settings)
        links = subscribe_links(self.feed)
        self.context["agenda"] = {
            "links": links,
            "qr_page": qr_data_uri(links.page),
        }

    def _write_bytes(self, relative: str, data: bytes) -> None:
        path = Path(sanitised_join(self.output_path, relative))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def generate_output(self, writer):
        if self.settings.get("FLYER_ONLY"):
            return
        programme = self.context["programme"]
        self._write_bytes(FEED_PATH, feed_bytes(programme.sessions, programme.rule, self.feed))
        for session in programme.sessions:
            self._write_bytes(session_ics(session.day), session_bytes(session, programme.rule, self.feed))
        writer.write_file(
            AGENDA_PAGE,
            self.get_template("agenda"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="agenda/",
        )
