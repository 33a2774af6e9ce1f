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
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from .output_folders import html_pages

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


def _judged(site: str, relative: str, tag: str, attribute: str, value: str) -> tuple[str | None, tuple[str, str, str] | None]:
    """One link of page ``relative``: (a problem, None), (None, what it needs to find) or (None, None)."""
    if value.startswith(SKIPPED_SCHEMES):
        return None, None
    host, prefix = _split_site(site)
    netloc, target_path, fragment = _target(site, relative.rpartition("/")[0], relative, value)
    if netloc != host:
        return (f"{tag} charge une ressource d'un autre site ({value})" if (tag, attribute) not in FOLLOWED else None), None
    if not target_path.startswith(prefix):
        return f"{attribute}=\"{value}\" sort du dossier du site ({prefix}) : écrivez un lien relatif", None
    target = unquote(target_path).removeprefix(prefix)
    if target == "" or target.endswith("/"):
        target += "index.html"
    return None, (target, unquote(fragment), f'{attribute}="{value}"')


def _scope(relative: str, folder: str, value: str) -> str:
    """What the address ``value`` depends on besides itself: the page for « #… » and « ?… »,
    else its folder without the levels its leading « ../ » climb (« ../../programme/ » means
    the same from every post's folder). Never a folder another page could have as its own
    scope for the same value."""
    if value.startswith(("#", "?")):
        return relative
    ups = 0
    while value.startswith("../", ups * 3):
        ups += 1
    levels = folder.split("/") if folder else []
    if ups > len(levels):
        return relative  # climbs above the site's root: judged for this page alone
    return "/".join(levels[: len(levels) - ups])


def _page(data: bytes, relative: str, site: str, judged: dict | None = None) -> _Page:
    """``judged`` remembers each link across pages: the pages of one folder repeat the same menu,
    footer and session links, judged once, and share one copy of what they need."""
    judged = {} if judged is None else judged
    ids, references = _references(data)
    folder = relative.rpartition("/")[0]
    problems, needs = [], []
    for tag, attribute, value in references:
        key = (_scope(relative, folder, value), tag, attribute, value)
        verdict = judged.get(key)
        if verdict is None:
            verdict = judged[key] = _judged(site, relative, tag, attribute, value)
        problem, need = verdict
        if problem is not None:
            problems.append(problem)
        elif need is not None:
            needs.append(need)
    # The same ids (« contenu », the session anchors) on every page: one copy of each.
    return _Page(frozenset(map(sys.intern, ids)), tuple(problems), tuple(needs))


def _site(public_url: str) -> str:
    return public_url.rstrip("/") or f"http://{LOCAL_HOST}"


def _said(output: Path, relative: str, site: str, before: dict, judged: dict) -> tuple[tuple, _Page]:
    """The key of a page (its address and bytes) and what it says, from ``before`` if it has it."""
    data = (output / relative).read_bytes()
    key = (site, relative, hashlib.sha256(data).digest())
    return key, before.get(key) or _page(data, relative, site, judged)


def pages_said(output: str, relatives: list[str], public_url: str) -> dict:
    """What the pages ``relatives`` of ``output`` say, keyed as ``link_problems`` keeps them in
    ``known``: parsed in a helper process while the build writes the rest (``links_ahead``)."""
    site, judged = _site(public_url), {}
    return dict(_said(Path(output), relative, site, {}, judged) for relative in relatives)


def link_problems(output: Path, public_url: str = "", known: dict | None = None, coming: Iterable[str] = ()) -> list[str]:
    """French messages naming the page and what is wrong, or an empty list.

    Pages are placed at their public address (``public_url``, perhaps with a path such as
    https://ccas-dijon.github.io/instant-cafe), so that absolute links to the site and links
    that leave its folder are judged as a browser would follow them. ``known`` (kept by the
    build between two builds) maps a page's address and bytes to what they say: a page that
    did not change is not parsed again, but its links are checked against the new site.
    ``coming`` are files (relative to ``output``) the build writes after the check: the PDFs.
    """
    site = _site(public_url)
    before = known if known is not None else {}
    pages: dict[str, _Page] = {}
    seen = {}
    judged: dict = {}
    for relative in html_pages(output):
        key, pages[relative] = _said(output, relative, site, before, judged)
        seen[key] = pages[relative]
    if known is not None:
        known.clear()
        known.update(seen)
    files: dict[str, bool] = dict.fromkeys(coming, True)
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
