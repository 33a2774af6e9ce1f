"""The flyers: season and month, as HTML pages and as tagged PDFs (WeasyPrint).

One layout (``partials/flyer.html``) in two wrappers: the site page (``flyer.html``)
and a bare print document (``flyer-pdf.html``) that WeasyPrint turns into PDF
with the fonts shipped in ``theme/print/fonts`` and nothing fetched from outside.
The PDFs render in a worker process during the whole run; they are written into
the output last (``write_pdfs``).
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator
from pelican.utils import sanitised_join

from .french import of_month
from .pdf_render import PdfRenderer, renderer, start_early
from .qr import qr_data_uri
from .schedule import add_months
from .urls import AGENDA, FLYER
from .views import MonthView

MONTH_FLYERS = 3  # the build date's month and the next two


@dataclass
class Flyer:
    """One flyer: the season's (``month`` is None) or one month's."""

    title: str
    slug: str  # "" for the season flyer, "2026-12" for a month
    month: MonthView | None = None

    @property
    def url(self) -> str:
        return f"{FLYER}{self.slug}/" if self.slug else FLYER

    @property
    def pdf(self) -> str:
        return f"{FLYER}instant-cafe-{self.slug}.pdf" if self.slug else f"{FLYER}instant-cafe.pdf"

    @property
    def a5_pdf(self) -> str | None:
        """The handout sheet, two A5 copies on one A4: the season flyer only."""
        return None if self.slug else f"{FLYER}instant-cafe-a5.pdf"


def renderer_folders(settings: dict) -> tuple[Path, Path]:
    return Path(settings["THEME"], "print"), Path(settings["CACHE_PATH"], "flyers")


def start_pdf_worker(pelican) -> None:
    """Pelican's initialized signal: the PDF worker, if PDFs are missing, starts before the generators."""
    start_early(*renderer_folders(pelican.settings))


class FlyerGenerator(Generator):
    """flyer/index.html, flyer/instant-cafe.pdf, its A5 handout sheet and the three month flyers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.renderer = renderer(*renderer_folders(self.settings))
        self.pending = []
        # ProgrammeGenerator, made just before, has the programme before Pelican reads the
        # posts (unless a café or a notice has a mistake, which stops the build anyway): the
        # PDFs render in the worker while Pelican reads and writes.
        if "programme" in self.context:
            self._send_flyers()

    def _send_flyers(self):
        """Reads ``site`` and ``programme`` (ProgrammeGenerator); adds ``flyers`` for the templates."""
        site, programme = self.context["site"], self.context["programme"]
        first_month = programme.build_date.replace(day=1)
        wanted = {add_months(first_month, n) for n in range(MONTH_FLYERS)}
        flyers = [Flyer("Le flyer de la saison", "")]
        for month in programme.months:
            if month.first_day in wanted:
                flyers.append(Flyer(f"Le flyer {of_month(month.first_day)}", f"{month.first_day:%Y-%m}", month))
        home_url, agenda_url = f"{site.public_url}/", f"{site.public_url}/{AGENDA}"
        self.context["flyers"] = {
            "all": flyers,
            "season": programme.season,
            "home_url": home_url,
            "agenda_url": agenda_url,
            "qr_home": qr_data_uri(home_url),
            "qr_agenda": qr_data_uri(agenda_url),
        }
        # They link to the public site, never to relative paths.
        template = self.get_template("flyer-pdf")
        for flyer in flyers:
            # The A4 poster; for the season, also the A5 handout (two copies on one A4 sheet).
            for pdf, two_up in ((flyer.pdf, False), (flyer.a5_pdf, True)):
                if pdf:
                    html = template.render({**self.context, "flyer": flyer, "two_up": two_up, "SITEURL": site.public_url})
                    self.pending.append((pdf, html, self.renderer.submit(html, pdf)))

    def generate_output(self, writer):
        try:
            for flyer in self.context["flyers"]["all"]:
                writer.write_file(
                    flyer.url + "index.html",
                    self.get_template("flyer"),
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    url=flyer.url,
                    flyer=flyer,
                )
        except BaseException:
            self.renderer.close()
            raise
        _unwritten[self.output_path] = (self.renderer, self.pending)


# The PDFs of a run, by output path, until they are written: at the end of Pelican's run, or,
# in a build (PDFS_AFTER_RUN), after its link check, so that the build checks the new site's
# links while the worker finishes the flyers instead of waiting for them first.
_unwritten: dict[str, tuple[PdfRenderer, list[tuple[str, str, Future]]]] = {}
PDFS_AFTER_RUN = "PDFS_AFTER_RUN"


def pdfs_to_come(output_path: str) -> list[str]:
    """The PDFs ``write_pdfs`` will write into ``output_path``, relative to it."""
    return [pdf for pdf, _, _ in _unwritten.get(output_path, (None, []))[1]]


def write_pdfs(output_path: str) -> None:
    """Waits for the flyers' PDFs of the run into ``output_path`` and writes them there."""
    renderer, pending = _unwritten.pop(output_path, (None, []))
    try:
        for pdf, html, future in pending:
            path = Path(sanitised_join(output_path, pdf))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(renderer.result(html, pdf, future))
    finally:
        if renderer is not None:
            renderer.close()


def write_pdfs_at_end(pelican) -> None:
    """Pelican's finalized signal: the PDFs, unless the build writes them after its link check."""
    if not pelican.settings.get(PDFS_AFTER_RUN):
        write_pdfs(pelican.settings["OUTPUT_PATH"])


def drop_unwritten() -> None:
    """A run that failed, or a build refused: the workers stop and no PDF is written."""
    while _unwritten:
        _unwritten.popitem()[1][0].close()
