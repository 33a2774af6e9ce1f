"""The link check of the posts' pages, begun in the read-ahead helper while the build writes the rest.

The link check parses every page of the new site; a ten-year site has some 600, nearly all
of them posts, which Pelican writes first. When the posts were read ahead (``read_ahead``),
the build keeps that helper and gives it the posts' pages as soon as they are written; the
link check takes what the helper said about them if it is done, and otherwise parses them
itself, never waiting. What a page says is keyed by its bytes, as between two builds: a
page written again since is parsed again.
"""

from __future__ import annotations

from concurrent.futures import Future

from . import read_ahead
from .output_check import pages_said
from .worker import result_if_done

_public_urls: dict[str, str] = {}  # output path -> the address its links are checked at
_parsed: dict[str, Future] = {}


def expect(output_path: str, public_url: str) -> None:
    """Called by the build before Pelican's run: the links of ``output_path`` will be checked at ``public_url``."""
    _public_urls[output_path] = public_url
    read_ahead.keep(output_path)


def start(generator, writer) -> None:
    """Pelican's article_writer_finalized: the posts' pages, to the helper if the build expects a link check."""
    output = generator.settings["OUTPUT_PATH"]
    if output in _public_urls:
        pages = [article.save_as for article in generator.articles if article.save_as.endswith(".html")]
        future = read_ahead.later(output, pages_said, output, pages, _public_urls[output])
        if future is not None:
            _parsed[output] = future


def take(output_path: str) -> dict:
    """What the helper said about the posts' pages (``link_problems``' ``known``), if it is done."""
    _public_urls.pop(output_path, None)
    return result_if_done(_parsed.pop(output_path, None)) or {}
