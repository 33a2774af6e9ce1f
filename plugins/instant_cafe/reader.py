"""Pelican's Markdown reader, with every HTML fragment it produces checked by the sanitizer.

The one reader of the site: posts, pages, cafés and notices all come through
it, so what is checked is exactly what is published. A file with something the
sanitizer would remove raises a ContentError: Pelican then skips it without
caching it, and the build reports it in French.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from . import read_ahead
from .errors import ContentError, ContentErrors
from .sanitizer import Refusal, check_html


def shown_path(content_root: str, source_path: str) -> str:
    """The file as staff see it: content/bons-plans/2026-12-07.md."""
    try:
        return "content/" + Path(source_path).resolve().relative_to(Path(content_root).resolve()).as_posix()
    except ValueError:
        return source_path


def line_of(text: str, needle: str) -> int | None:
    """The first line of ``text`` holding ``needle`` (case-insensitive), if any."""
    lowered = needle.lower()
    for number, line in enumerate(text.splitlines(), start=1):
        if lowered and lowered in line.lower():
            return number
    return None


def refusal_error(path: str, field: str | None, refusal: Refusal, source: str) -> ContentError:
    line = line_of(source, refusal.needle)
    where = f"ligne {line}, " if line else ""
    return ContentError(path, field, where + refusal.describe())


class CheckedMarkdownReader(MarkdownReader):
    """Only ``.md`` files, and only HTML that the sanitizer keeps whole."""

    file_extensions = ["md"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Pelican makes a new Markdown per file, which costs more than converting a post: this
        # reader keeps two, reset before each use (what Markdown.reset is for). One reads the
        # files, with the Meta extension; the other the formatted fields (Summary), whose
        # "meta" step Pelican's _parse_metadata removes at each call.
        self._files = Markdown(**self.settings["MARKDOWN"])
        self._fields = Markdown(**self.settings["MARKDOWN"])

    def _markdown_read(self, source_path):
        """Pelican's MarkdownReader.read, with the two kept Markdown instances (the body perhaps
        converted by the read-ahead helper)."""
        self._source_path = source_path
        with pelican_open(source_path) as text:
            converted = read_ahead.take(self.settings, source_path, text)
        if converted is None:
            self._md = self._files
            self._md.reset()
            converted = self._md.convert(text), self._md.Meta
        content, meta = converted
        if not meta:
            return content, {}
        self._md = self._fields
        if "meta" not in self._md.preprocessors:
            self._md.preprocessors.register(_Removed(self._md), "meta", 0)
        return content, self._parse_metadata(meta)

    def read(self, source_path):
        content, metadata = self._markdown_read(source_path)
        errors = []
        content = self._checked(source_path, None, content, errors)
        if "summary" in metadata:
            metadata["summary"] = self._checked(source_path, "Summary", metadata["summary"], errors)
        if errors:
            raise ContentErrors(errors)
        return content, metadata

    def _checked(self, source_path: str, field: str | None, html: str, errors: list) -> str:
        cleaned, refusals = check_html(html)
        if refusals:  # the file is read again only to name the lines
            path = shown_path(self.settings["PATH"], source_path)
            source = Path(source_path).read_text(encoding="utf-8")
            errors += [refusal_error(path, field, refusal, source) for refusal in refusals]
        return cleaned


class _Removed(Preprocessor):
    """Stands for the "meta" step that Pelican's _parse_metadata removes from the fields' Markdown."""

    def run(self, lines):
        return lines
