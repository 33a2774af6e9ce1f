"""HTML to tagged PDF with WeasyPrint, in a worker process, with a cache.

WeasyPrint takes about half a second to import and a fraction of a second per
page. A PDF whose inputs (HTML, print style sheet, fonts, WeasyPrint version)
did not change is taken from the build cache (``build_cache``); only when one
is missing does a worker process start, import WeasyPrint and render it while
Pelican writes pages. With an empty cache the worker starts with the build, so
that WeasyPrint loads while Pelican reads the posts.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import os
import shutil
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname
from xml.sax.saxutils import escape

from .build_cache import write_new
from .errors import MissingSoftware
from .worker import helper_process

PANGO_HELP = (
    "la bibliothèque système Pango, nécessaire à WeasyPrint pour fabriquer les flyers PDF, "
    "est introuvable. Installez-la puis relancez : "
    "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 (Debian ou Ubuntu)."
)


def load_weasyprint():
    """WeasyPrint, or a French message naming the missing system package."""
    try:
        import weasyprint
    except OSError as error:  # raised when libpango cannot be loaded
        raise MissingSoftware(f"{PANGO_HELP} (détail : {error})") from None
    return weasyprint


FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>{fonts}</dir><cachedir>{cache}</cachedir></fontconfig>
"""


def isolate_fonts(print_dir: str) -> Path:
    """Let fontconfig (under Pango, under WeasyPrint) see the shipped fonts only, scanned afresh.

    The PDFs must not depend on the fonts a machine has, nor on the state of its
    font caches: on a fresh machine the first build could otherwise embed other
    bytes than the next one. Runs in the worker, before WeasyPrint is imported; the
    folder returned is removed when the worker ends.
    """
    folder = Path(tempfile.mkdtemp(prefix="instant-cafe-fonts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    config = FONTCONFIG.format(fonts=escape(str(Path(print_dir, "fonts"))), cache=escape(str(folder / "cache")))
    (folder / "fonts.conf").write_text(config, encoding="utf-8")
    os.environ["FONTCONFIG_FILE"] = str(folder / "fonts.conf")
    return folder


def warm_up() -> None:
    load_weasyprint()
    # WeasyPrint's modules live as long as the worker: frozen, they are left out of the
    # collection after each flyer (render_in_worker), which then takes 0.01 s instead of 0.06 s.
    gc.freeze()


def print_folder_fetcher(weasyprint, print_dir: str):
    """A URL fetcher that reads data: URIs and the files of ``print_dir``, nothing else.

    The flyers are made from staff text: a link or an image pointing at another
    file of the build machine (file:///etc/passwd, ../../.git/config) must never
    end up inside a published PDF.
    """
    folder = Path(print_dir).resolve()

    class PrintFolderFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if path.is_relative_to(folder):
                    return super().fetch(path.as_uri(), headers)
            raise ValueError(f"not read for a flyer: {url}")

    return PrintFolderFetcher(allowed_protocols={"file", "data"})


# A flyer is one page. When staff notices make a month too long for its page, the
# flyer's text is set a half point smaller, and smaller, rather than spilling onto a
# second sheet: first everything but what is sized from the root (a month's title,
# hours and Mondays), then, only if that is not enough, the root as well.
# Steps are (root, flyer) sizes in points, largest first.
FIT_STEPS = tuple((14.0, half / 2) for half in range(28, 17, -1)) + tuple((root, 9.0) for root in (13.0, 12.0, 11.0, 10.0))


def render(html: str, print_dir: str, identifier: str) -> bytes:
    """One PDF/UA document on one page if it can; only files under ``print_dir`` and data: URIs may be read."""
    weasyprint = load_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    fetcher = print_folder_fetcher(weasyprint, print_dir)
    fonts = FontConfiguration()
    stylesheet = weasyprint.CSS(filename=Path(print_dir, "flyer.css"), font_config=fonts, url_fetcher=fetcher)
    source = weasyprint.HTML(string=html, base_url=f"{Path(print_dir).as_uri()}/", url_fetcher=fetcher)
    options = {"pdf_variant": "pdf/ua-1", "pdf_identifier": identifier.encode()}

    def layout(step: tuple[float, float]):
        sizes = weasyprint.CSS(string=f"html {{ font-size: {step[0]}pt; }} .flyer {{ font-size: {step[1]}pt; }}", font_config=fonts)
        return source.render(font_config=fonts, stylesheets=[stylesheet, sizes], **options)

    return fitted(layout, FIT_STEPS).write_pdf(**options)


def render_in_worker(html: str, print_dir: str, identifier: str) -> bytes:
    """``render``, then the layout's reference cycles freed before the next flyer: without it
    the worker's memory grows by some 2 MiB a flyer (it is the largest process of a cold build)."""
    pdf = render(html, print_dir, identifier)
    gc.collect()
    return pdf


def fitted(layout, steps):
    """The layout at the first of ``steps`` (largest first) that fits on one page, or at the last one.

    The first step is tried alone (nearly every flyer fits as designed), then a binary
    search: a few layouts, not one per step.
    """
    document = layout(steps[0])
    if len(document.pages) == 1:
        return document
    fits, low, high = None, 1, len(steps) - 1
    while low <= high:
        middle = (low + high) // 2
        candidate = layout(steps[middle])
        if len(candidate.pages) == 1:
            fits, high = candidate, middle - 1
        else:
            low = middle + 1
    return fits or layout(steps[-1])


class PdfRenderer:
    """``submit`` returns a future of the PDF bytes: from the cache, or from a worker process
    started on the first PDF the cache lacks (WeasyPrint is never imported in the build's process)."""

    def __init__(self, print_dir: Path, cache_dir: Path):
        self.print_dir = print_dir.resolve()
        self.cache_dir = cache_dir
        self._inputs_digest = None
        self._pool = None
        if not any(cache_dir.glob("*.pdf")):
            self._start()  # nothing cached: every PDF is missing, WeasyPrint loads while Pelican reads the posts

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = helper_process(isolate_fonts, str(self.print_dir))
            self._pool.submit(warm_up)
        return self._pool

    def _cached(self, html: str, identifier: str) -> Path:
        if self._inputs_digest is None:
            # The style sheet, the fonts, WeasyPrint's version and the fitting steps: read once per build.
            inputs = hashlib.sha256(f"{version('weasyprint')} {FIT_STEPS}".encode())
            for path in sorted(self.print_dir.rglob("*")):
                if path.is_file():
                    inputs.update(path.name.encode() + path.read_bytes())
            self._inputs_digest = inputs.hexdigest()
        key = hashlib.sha256(f"{self._inputs_digest}\n{identifier}\n{html}".encode()).hexdigest()
        return self.cache_dir / f"{key}.pdf"

    def submit(self, html: str, identifier: str) -> Future:
        cached = self._cached(html, identifier)
        if cached.is_file():
            future: Future = Future()
            future.set_result(cached.read_bytes())
            return future
        return self._start().submit(render_in_worker, html, str(self.print_dir), identifier)

    def result(self, html: str, identifier: str, future: Future) -> bytes:
        pdf = future.result()
        cached = self._cached(html, identifier)
        if not cached.is_file():
            write_new(cached, pdf)
        return pdf

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


# A renderer made before Pelican sets up its generators (``start_early``), by cache folder.
_early: dict[str, PdfRenderer] = {}


def start_early(print_dir: Path, cache_dir: Path) -> None:
    """With an empty cache, the worker loads WeasyPrint from the start of the run, while Pelican
    sets itself up, the public holidays are computed and the content is checked."""
    _early[str(cache_dir)] = PdfRenderer(print_dir, cache_dir)


def renderer(print_dir: Path, cache_dir: Path) -> PdfRenderer:
    """The renderer ``start_early`` made for this cache, or a new one."""
    return _early.pop(str(cache_dir), None) or PdfRenderer(print_dir, cache_dir)


def close_unclaimed() -> None:
    """A run stopped before its flyers (a content error): its worker is stopped too."""
    while _early:
        _early.popitem()[1].close()
