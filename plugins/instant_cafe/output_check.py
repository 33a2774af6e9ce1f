"""Checks of a built site before it replaces the published one (no Pelican here).

Every internal href and src must resolve to a file, every #fragment to an id,
and no page may load a resource from another host. ``make html`` and
``make publish`` run it in the build's own process on the new build
(``build.check_links``) and swap the new site in only when it finds nothing; the
test suite runs the same functions. Pages are parsed by lexbor (selectolax),
an HTML5 parser in C: a ten-year site has some 600 pages to read.
"""

from __future__ import annotations

import posixpath
import sys
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
        base = f"{site}/{page}" if value.startswith(("#", "?")) else f"{site}/{folder}/" if folder else f"{site}/"
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


@dataclass
class _Page:
    ids: set[str]
    references: list[tuple[str, str, str]]  # (tag, attribute, value)


def _parse(path: Path, cache: dict) -> _Page:
    """The ids of a page and the addresses it refers to, as an HTML5 parser reads them (lexbor)."""
    if path not in cache:
        tree = LexborHTMLParser(path.read_bytes())
        ids = {node.attributes["id"] for node in tree.css("[id]") if node.attributes.get("id")}
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
        cache[path] = _Page(ids, references)
    return cache[path]


def link_problems(output: Path, public_url: str = "") -> list[str]:
    """French messages naming the page and what is wrong, or an empty list.

    Pages are placed at their public address (``public_url``, perhaps with a path such as
    https://ccas-dijon.github.io/instant-cafe), so that absolute links to the site and links
    that leave its folder are judged as a browser would follow them.
    """
    cache: dict[Path, _Page] = {}
    files: dict[Path, bool] = {}
    problems = []
    site = public_url.rstrip("/") or f"http://{LOCAL_HOST}"
    site_parts = urlsplit(site)
    prefix = site_parts.path.rstrip("/") + "/"
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        for tag, attribute, value in _parse(path, cache).references:
            if value.startswith(SKIPPED_SCHEMES):
                continue
            netloc, target_path, fragment = _target(site, relative.rpartition("/")[0], relative, value)
            if netloc != site_parts.netloc:
                if (tag, attribute) not in FOLLOWED:
                    problems.append(f"{relative} : {tag} charge une ressource d'un autre site ({value})")
                continue
            if not target_path.startswith(prefix):
                problems.append(f"{relative} : {attribute}=\"{value}\" sort du dossier du site ({prefix}) : écrivez un lien relatif")
                continue
            target_path = unquote(target_path).removeprefix(prefix)
            target = output / target_path
            if target_path == "" or target_path.endswith("/"):
                target = target / "index.html"
            if target not in files:
                files[target] = target.is_file()
            if not files[target]:
                problems.append(f"{relative} : {attribute}=\"{value}\" mène à un fichier absent ({target.relative_to(output)})")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in _parse(target, cache).ids:
                problems.append(f"{relative} : {attribute}=\"{value}\" vise un endroit absent de la page (#{fragment})")
    return problems


def main(argv: list[str]) -> int:
    output = Path(argv[0])
    public_url = argv[1] if len(argv) > 1 else ""
    problems = link_problems(output, public_url)
    if problems:
        print("Le site construit a des liens cassés ou charge un autre site ; rien n'a été publié :", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
