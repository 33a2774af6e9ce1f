"""Posts converted from Markdown in a helper process while Pelican reads the others.

Markdown is most of a cold build of a large site: some 3.5 s for ten years of posts, on
one core. When many posts are missing from Pelican's reader cache, a helper process
converts them from the last one backwards, a few at a time, while Pelican reads from
the first one forwards. When the reader reaches a post, it takes the helper's result if its
batch is done, and otherwise converts the post itself, never waiting: a batch not started
is withdrawn, one under way goes unused. The two meet about half-way, and a helper slowed
down by the rest of the machine only converts less.

The helper converts Markdown only, with the reader's own Markdown settings; the
sanitizer, the metadata and everything else stay in the build's process, as for any
post. A result is used only for the very text the reader reads (their digests are
compared): a post saved again during the build is converted again.

A build that checks its links keeps the helper after the reading (``keep``): it parses
the posts' pages for the link check while the build writes the rest (``links_ahead``).
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import Future, ProcessPoolExecutor

from .worker import helper_process, result_if_done

BATCH = 8  # posts per task: a few tens of milliseconds, so that little is converted twice where the two meet
MIN_POSTS_SETTING = "READ_AHEAD_MIN_POSTS"
MIN_POSTS = 40  # below this, starting a process costs more than it saves


class _Run:
    def __init__(self, pool: ProcessPoolExecutor, batches: dict[str, Future]):
        self.pool = pool
        self.batches = batches


# The run in progress, by output path.
_runs: dict[str, _Run] = {}
_kept: set[str] = set()  # runs whose helper outlives the reading (``keep``)
_converters: dict[str, object] = {}  # in the helper: one Markdown per settings


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


def convert(markdown_settings: dict, paths: list[str]) -> dict[str, tuple[bytes, str, dict]]:
    """In the helper: each post's (digest of its text, HTML, Markdown's Meta), read as Pelican reads it."""
    from markdown import Markdown

    converter = _converters.get(repr(markdown_settings))
    if converter is None:
        converter = _converters[repr(markdown_settings)] = Markdown(**markdown_settings)
    results = {}
    for path in paths:
        with open(path, encoding="utf-8-sig") as stream:  # as pelican_open reads
            text = stream.read()
        converter.reset()
        html = converter.convert(text)
        results[path] = (_digest(text), html, converter.Meta)
    return results


def start(generator) -> None:
    """Pelican's article_generator_init: the posts Pelican will convert, handed to a helper if there are many."""
    settings = generator.settings
    least = settings.get(MIN_POSTS_SETTING, MIN_POSTS)
    files = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    if len(files) < least:
        return
    # The absolute paths Pelican's Readers.read_file gives the reader, in Pelican's order.
    paths = (os.path.abspath(os.path.join(generator.path, name)) for name in files)
    posts = [path for path in paths if path.endswith(".md") and generator.readers.get_cached_data(path, None) is None]
    if len(posts) >= least:
        begin(settings["OUTPUT_PATH"], settings["MARKDOWN"], posts)


def begin(run: str, markdown_settings: dict, posts: list[str]) -> _Run:
    """The helper for the run ``run`` (its output path): ``posts`` from the last batch to the first."""
    pool = helper_process()
    batches = {}
    for first in reversed(range(0, len(posts), BATCH)):
        batch = posts[first : first + BATCH]
        future = pool.submit(convert, markdown_settings, batch)
        batches.update(dict.fromkeys(batch, future))
    _runs[run] = _Run(pool, batches)
    return _runs[run]


def take(settings: dict, path: str, text: str) -> tuple[str, dict] | None:
    """The helper's (HTML, Meta) of the post at ``path`` if it converted this very ``text``;
    None when the reader is to convert it (the batch is not done, or the text differs)."""
    run = _runs.get(settings["OUTPUT_PATH"])
    batch = result_if_done(run.batches.pop(path, None) if run is not None else None)
    if batch is None:
        return None
    digest, html, meta = batch[path]
    return (html, meta) if digest == _digest(text) else None


def finish(generator) -> None:
    """Pelican's article_generator_finalized: the posts are read; the helper ends, unless the
    build keeps it for more work (``keep``), and then only the batches not started are withdrawn."""
    run = generator.settings["OUTPUT_PATH"]
    if run not in _kept:
        _end(run)
    elif run in _runs:
        for future in _runs[run].batches.values():
            future.cancel()
        _runs[run].batches.clear()


def keep(run: str) -> None:
    """Called by the build before Pelican's run: the helper of ``run`` outlives the reading, for
    ``later``, until ``close_all``."""
    _kept.add(run)


def later(run: str, function, *args) -> Future | None:
    """``function(*args)`` in the helper of ``run`` if there is one."""
    return _runs[run].pool.submit(function, *args) if run in _runs else None


def close_all() -> None:
    """The build is done with its helpers, or stopped (a content error while reading): they end."""
    _kept.clear()
    for run in list(_runs):
        _end(run)


def _end(run: str) -> None:
    if run in _runs:
        _runs.pop(run).pool.shutdown(wait=False, cancel_futures=True)
