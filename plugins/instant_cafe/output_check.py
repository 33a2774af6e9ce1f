"""Checks of a built site before it replaces the published one (no Pelican here).

Every internal href and src must resolve to a file, every #fragment to an id,
and no page may load a resource from another host. ``make html`` and
``make publish`` run it in the build's own process on the new build
(``build.check_links``) and swap the new site in only when it finds nothing; the
test suite runs the same functions. Pages are parsed by lexbor (selectolax),
an HTML5 parser in C: a ten-year site has some 600 pages to read.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

SKIPPED_SCHEMES = ("mailto:", "tel:", "webcal:", "data:", "javascript:")
LOCAL_HOST = "site.invalid"
# Attributes that hold an address; srcset holds several.
URL_ATTRIBUTES = ("href", "src", "srcset", "poster", "data", "background", "action", "formaction")
# A link a person follows; every other address is loaded by the browser by itself.
FOLLOWED = {("a", "href"), ("area", "href")}
SELECTOR = ", ".join(f"[{attribute}]" for attribute in URL_ATTRIBUTES)


@lru_cache(maxsize=65536)
def _resolve(base: str, value: str) -> tuple[str, str, str]:
    parts = urlsplit(urljoin(base, value))
    return parts.netloc, parts.path, parts.fragment


def _target(site: str, folder: str, page: str, value: str) -> tuple[str, str, str]:
    """(host, path, fragment) of ``value`` as a browser resolves it on ``page`` (in ``folder``).

    A plain relative path (« ../../programme/2026/12/ », most links) is joined without urllib:
    a ten-year site has some 40,000 links, most of them different."""
    host, root = _split_site(site)
    if value.startswith("#"):
        return host, root + page, value[1:]
    path, _, fragment = value.partition("#")
    if not path or path.startswith("/") or any(sign in path for sign in ":?\\"):
        base = f"{site}/{page}" if value.startswith("?") else f"{site}/{folder}/" if folder else f"{site}/"
        return _resolve(base, value)
    joined = posixpath.normpath(posixpath.join(root + (f"{folder}/" if folder else ""), path))
    if path.endswith(("/", "/.", "/..")) or path in (".", ".."):
        joined = joined.rstrip("/") + "/"
    return host, joined, fragment


@lru_cache(maxsize=8)
def _split_site(site: str) -> tuple[str, str]:
    """The host and the folder (« /instant-cafe/ », or « / ») of the site's address."""
    parts = urlsplit(site)
    return parts.netloc, parts.path.rstrip("/") + "/"


@dataclass(frozen=True)
class _Page:
    """What a page's own bytes say, whatever the rest of the site: its ids, the problems of its
    links to other sites or out of the site's folder, and what its other links need to find
    (the file, the #fragment or "", the link as written)."""

    ids: frozenset[str]
    problems: tuple[str, ...]
    needs: tuple[tuple[str, str, str], ...]


def _references(data: bytes):
    """The ids of a page and the (tag, attribute, address) it refers to, as an HTML5 parser reads them (lexbor)."""
    tree = LexborHTMLParser(data)
    ids = frozenset(node.attributes["id"] for node in tree.css("[id]") if node.attributes.get("id"))
    references = []
    for node in tree.css(SELECTOR):
        values = node.attributes
        if node.tag == "link" and "alternate" in (values.get("rel") or "").split():
            continue  # a feed link is followed by a feed reader, not loaded by the page
        for attribute in URL_ATTRIBUTES:
            value = values.get(attribute)
            if value:
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if attribute == "srcset" else [value]
                references += [(node.tag, attribute, url) for url in urls]
    return ids, references


def _page(data: bytes, relative: str, site: str, keep=lambda text: text) -> _Page:
    """``keep`` gives one shared copy of equal strings: most pages repeat the same ids and
    links, and a ten-year site holds some 40,000 of them until every page is read."""
    ids, references = _references(data)
    ids = frozenset(map(keep, ids))
    host, prefix = _split_site(site)
    problems, needs = [], []
    for tag, attribute, value in references:
        if value.startswith(SKIPPED_SCHEMES):
            continue
        netloc, target_path, fragment = _target(site, relative.rpartition("/")[0], relative, value)
        if netloc != host:
            if (tag, attribute) not in FOLLOWED:
                problems.append(f"{tag} charge une ressource d'un autre site ({value})")
        elif not target_path.startswith(prefix):
            problems.append(f"{attribute}=\"{value}\" sort du dossier du site ({prefix}) : écrivez un lien relatif")
        else:
            target = unquote(target_path).removeprefix(prefix)
            if target == "" or target.endswith("/"):
                target += "index.html"
            needs.append((keep(target), keep(unquote(fragment)), keep(f'{attribute}="{value}"')))
    return _Page(ids, tuple(problems), tuple(needs))


def link_problems(output: Path, public_url: str = "", known: dict | None = None) -> list[str]:
    """French messages naming the page and what is wrong, or an empty list.

    Pages are placed at their public address (``public_url``, perhaps with a path such as
    https://ccas-dijon.github.io/instant-cafe), so that absolute links to the site and links
    that leave its folder are judged as a browser would follow them. ``known`` (kept by the
    build between two builds) maps a page's address and bytes to what they say: a page that
    did not change is not parsed again, but its links are checked against the new site.
    """
    site = public_url.rstrip("/") or f"http://{LOCAL_HOST}"
    before = known if known is not None else {}
    pages: dict[str, _Page] = {}
    seen = {}
    strings: dict[str, str] = {}

    def keep(text: str) -> str:
        return strings.setdefault(text, text)

    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        data = path.read_bytes()
        key = (site, relative, hashlib.sha256(data).digest())
        pages[relative] = seen[key] = before.get(key) or _page(data, relative, site, keep)
    if known is not None:
        known.clear()
        known.update(seen)
    files: dict[str, bool] = {}
    problems = []
    for relative, page in pages.items():
        problems += [f"{relative} : {problem}" for problem in page.problems]
        for target, fragment, link in page.needs:
            if target not in files:
                files[target] = target in pages or (output / target).is_file()
            if not files[target]:
                problems.append(f"{relative} : {link} mène à un fichier absent ({target})")
            elif fragment and target in pages and fragment not in pages[target].ids:
                problems.append(f"{relative} : {link} vise un endroit absent de la page (#{fragment})")
    return problems
