"""Post pages taken from the live site when nothing they are made from has changed.

A rebuild after one post is edited renders that post's page, not the 520 others. A post
page is made from its own file, the headers of the other posts (a post may link to
another: its address comes from that post's header), every other file in content/
(cafés, notices, pages, practical facts, images), the theme's templates, and what the
build cache's fingerprint covers (settings, BUILD_DATE, the plugin's code, the pinned
packages). Their digests, taken before Pelican reads anything, make the page's key;
``pages.pickle`` in the build cache maps each page to its key and the digest of the bytes
rendered. A page whose key is unchanged, and whose live copy still has those bytes, is
hard-linked from the live site into the new one (one system call, where writing a file
anew costs several on a slow disk); any other page is rendered.

A hard link shares the live file: writing through it would change the published site.
So every file the writer opens is first removed and created anew (``FreshFileWriter``),
and the next build's ``reuse_spare`` unlinks the spare site's files, never writes them.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from pelican.utils import sanitised_join
from pelican.writers import Writer

from .build_cache import write_new

RECORDS = "pages.pickle"
LIVE_SETTING = "LIVE_OUTPUT_PATH"

# The run in progress, by output path: its digests (taken before reading) and its writer.
_inputs: dict[str, tuple[str, dict[str, str]]] = {}
_writers: dict[str, ReusingWriter] = {}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files(root: Path) -> list[Path]:
    # Folders linked from content/ are followed, as Pelican follows them.
    return sorted(Path(folder, name) for folder, _, names in os.walk(root, followlinks=True) for name in names)


def read_inputs(content: Path, post_folders: list[str], theme: Path, fingerprint: str) -> tuple[str, dict[str, str]]:
    """The digest of everything a post page is made from except the post bodies, and each post's own digest."""
    site = hashlib.sha256(f"{fingerprint}\0{sys.version}\0".encode())
    posts = {}
    roots = [content / folder for folder in post_folders]
    for path in _files(content):
        data = path.read_bytes()
        name = path.relative_to(content).as_posix().encode()
        if any(path.is_relative_to(root) for root in roots):
            posts[str(path)] = _digest(data)
            data = data.split(b"\n\n", 1)[0]  # the header only: the body is the post's own
        site.update(b"content\0" + name + b"\0" + _digest(data).encode())
    # Pages link to the theme's static files by fixed addresses, never embed them: the templates only.
    for path in _files(theme / "templates"):
        site.update(b"theme\0" + path.relative_to(theme).as_posix().encode() + b"\0" + _digest(path.read_bytes()).encode())
    return site.hexdigest(), posts


def take_inputs(generator) -> None:
    """Before Pelican reads the posts (article_generator_init): what their pages will be made from."""
    settings = generator.settings
    if _active(settings) and settings["ARTICLE_PATHS"]:
        _inputs[settings["OUTPUT_PATH"]] = read_inputs(
            Path(settings["PATH"]), settings["ARTICLE_PATHS"], Path(settings["THEME"]), Path(settings["CACHE_PATH"]).name
        )


def _active(settings: dict) -> bool:
    live = settings.get(LIVE_SETTING)
    return bool(settings.get("CACHE_CONTENT") and live and os.path.abspath(live) != os.path.abspath(settings["OUTPUT_PATH"]))


class _Recorded:
    """The template, remembering the digest of what it rendered."""

    def __init__(self, template):
        self.template, self.digest = template, None

    def render(self, context) -> str:
        text = self.template.render(context)
        self.digest = _digest(text.encode("utf-8"))  # Pelican writes it in UTF-8, newlines as they are
        return text


class FreshFileWriter(Writer):
    """Pelican's writer, opening every file as a new one: never through a hard link to the live site."""

    def _open_w(self, filename, encoding, override=False):
        if filename not in self._overridden_files:  # otherwise Pelican writes to os.devnull
            _remove(filename)
        return super()._open_w(filename, encoding, override)


class ReusingWriter(FreshFileWriter):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.live = Path(settings[LIVE_SETTING])
        self.saved = Path(settings["CACHE_PATH"], RECORDS)
        self.site, self.posts = _inputs.pop(settings["OUTPUT_PATH"])
        try:
            with open(self.saved, "rb") as stream:
                self.known = pickle.load(stream)
        except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError):
            self.known = {}
        self.records: dict[str, tuple[str, str]] = {}
        _writers[settings["OUTPUT_PATH"]] = self

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None, **kwargs):
        article = kwargs.get("article")
        own = self.posts.get(str(article.source_path)) if article is not None and name else None
        if own is None or paginated:
            return super().write_file(name, template, context, relative_urls, paginated, template_name, **kwargs)
        key = _digest(f"{self.site}\0{name}\0{relative_urls}\0{own}".encode())
        if self._linked(name, key, sanitised_join(self.output_path, name)):
            return None
        recorded = _Recorded(template)
        result = super().write_file(name, recorded, context, relative_urls, paginated, template_name, **kwargs)
        self.records[name] = (key, recorded.digest)
        return result

    def _linked(self, name: str, key: str, path: str) -> bool:
        record = self.known.get(name)
        if record is None or record[0] != key or path in self._written_files:
            return False
        live = sanitised_join(str(self.live), name)
        try:
            data = Path(live).read_bytes()
        except OSError:
            return False
        if _digest(data) != record[1]:
            return False
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _remove(path)
        os.link(live, path)
        self._written_files.add(path)
        self.records[name] = record
        return True


def _remove(path: str) -> None:
    if os.path.lexists(path):
        os.unlink(path)


def writer_class(pelican):
    """Pelican's get_writer signal: with the build cache on and a live site to link from, pages are reused."""
    return ReusingWriter if _active(pelican.settings) and pelican.settings["OUTPUT_PATH"] in _inputs else FreshFileWriter


def save_records(pelican) -> None:
    """Pelican's finalized signal: the records of the pages this run wrote, for the next build."""
    writer = _writers.pop(pelican.settings["OUTPUT_PATH"], None)
    if writer is not None:
        write_new(writer.saved, pickle.dumps(writer.records))
