"""AgendaGenerator: the feed, one .ics per session, and the page that explains subscribing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pelican.generators import Generator
from pelican.utils import sanitised_join

from .build_cache import write_new
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

    def _ics(self, inputs: tuple, make) -> bytes:
        """``make(calendar_feed, context)``, kept in the build cache under the hash of
        ``inputs``: everything the bytes depend on (the sessions, their season's confirmation, the
        site's address, calendar and contact settings) besides the code, which the cache's
        fingerprint covers. All frozen dataclasses, whose repr shows every field. A rebuild
        with the same programme does not even import icalendar."""
        cache = Path(self.settings["CACHE_PATH"], "ics") if self.settings.get("CACHE_CONTENT") else None
        saved = cache / f"{hashlib.sha256(repr(inputs).encode()).hexdigest()}.ics" if cache else None
        if saved is not None and saved.is_file():
            return saved.read_bytes()
        from . import calendar_feed  # icalendar: only when something is to be serialized

        site = self.context["site"]
        data = make(calendar_feed, calendar_feed.FeedContext(site.public_url, site.calendar, site.contact))
        if saved is not None:
            write_new(saved, data)
        return data

    def generate_output(self, writer):
        if self.settings.get("FLYER_ONLY"):
            return
        site, programme = self.context["site"], self.context["programme"]
        rule, settings = programme.rule, (site.public_url, site.calendar, site.contact)
        feed_inputs = [(session, rule.season_of(session.day)) for session in programme.feed_sessions]
        self._write_bytes(
            FEED, self._ics(("feed", feed_inputs, settings), lambda ical, context: ical.feed_bytes(programme.feed_sessions, rule, context))
        )
        for session in programme.sessions:
            inputs = ("session", session, rule.season_of(session.day), settings)
            one = lambda ical, context, session=session: ical.session_bytes(session, rule, context)  # noqa: E731
            self._write_bytes(session_ics(session.day), self._ics(inputs, one))
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
