"""AgendaGenerator: the feed, one .ics per session, and the page that explains subscribing."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator
from pelican.utils import sanitised_join

from .calendar_feed import FeedContext, feed_bytes, session_bytes
from .links import subscribe_links
from .qr import qr_data_uri
from .urls import AGENDA, FEED, session_ics


class AgendaGenerator(Generator):
    """agenda/instant-cafe.ics, agenda/seances/YYYY-MM-DD.ics and agenda/index.html.

    Reads ``site`` and ``programme`` from the context (ProgrammeGenerator).
    """

    def _write_bytes(self, relative: str, data: bytes) -> None:
        path = Path(sanitised_join(self.output_path, relative))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def generate_output(self, writer):
        if self.settings.get("FLYER_ONLY"):
            return
        site, programme = self.context["site"], self.context["programme"]
        feed = FeedContext(site.public_url, site.calendar, site.contact)
        self._write_bytes(FEED, feed_bytes(programme.feed_sessions, programme.rule, feed))
        for session in programme.sessions:
            self._write_bytes(session_ics(session.day), session_bytes(session, programme.rule, feed))
        links = subscribe_links(site.public_url, self.settings["SITENAME"])
        writer.write_file(
            AGENDA + "index.html",
            self.get_template("agenda"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=AGENDA,
            links=links,
            qr_page=qr_data_uri(links.page),
        )
