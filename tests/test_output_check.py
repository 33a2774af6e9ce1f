"""The link check's own address resolution against urllib's, on every link the shipped site holds,
its memory of links judged on other pages against judging each page alone, and the files the
build writes after the check (the flyers' PDFs)."""

from urllib.parse import urljoin, urlsplit

import pytest

from instant_cafe.output_check import _page, _references, _target, link_problems

SITES = ["http://site.invalid", "https://ccas-dijon.github.io/instant-cafe"]
EDGES = ["./", ".", "..", "../", "../../../../x/", "a/./b/../c.html#top", "c%20d/", "#haut", "?q=1", "//autre.example.org/x", "/racine/"]


def browser(site: str, page: str, value: str) -> tuple[str, str, str]:
    parts = urlsplit(urljoin(f"{site}/{page}", value))
    return parts.netloc, parts.path, parts.fragment


@pytest.mark.parametrize("site", SITES)
def test_every_link_resolves_as_a_browser_resolves_it(shipped_site, site):
    checked = 0
    for path in sorted(shipped_site.output.rglob("*.html")):
        page = path.relative_to(shipped_site.output).as_posix()
        values = {value for _, _, value in _references(path.read_bytes())[1]} | set(EDGES)
        for value in values:
            assert _target(site, page.rpartition("/")[0], page, value) == browser(site, page, value), (page, value)
            checked += 1
    assert checked > 1000


@pytest.mark.parametrize("site", SITES)
def test_a_link_judged_on_another_page_is_judged_as_on_this_one(shipped_site, site):
    pages = {path.relative_to(shipped_site.output).as_posix(): path.read_bytes() for path in sorted(shipped_site.output.rglob("*.html"))}
    # The same addresses, links and images, from folders one to four levels deep.
    edges = "".join(f'<a href="{value}">x</a><img src="{value}" alt="">' for value in EDGES + ["../../../x", "../../x/", "../y.html"])
    for depth in range(5):
        for name in ("index.html", "autre.html"):
            pages["/".join(["d"] * depth + [name])] = f"<!doctype html><title>t</title>{edges}".encode()
    judged: dict = {}
    for relative, data in pages.items():
        assert _page(data, relative, site, judged) == _page(data, relative, site), relative
    assert len(judged) < sum(len(_references(data)[1]) for data in pages.values()) / 2, "most links are judged once"


def test_a_file_written_after_the_check_is_found_only_when_announced(tmp_path):
    (tmp_path / "flyer").mkdir()
    (tmp_path / "flyer/index.html").write_text('<a href="instant-cafe.pdf">Le flyer (PDF)</a> <a href="vieux.pdf">Ancien</a>')
    absent = 'flyer/index.html : href="{0}" mène à un fichier absent (flyer/{0})'
    assert link_problems(tmp_path, coming=["flyer/instant-cafe.pdf"]) == [absent.format("vieux.pdf")]
    assert link_problems(tmp_path) == [absent.format("instant-cafe.pdf"), absent.format("vieux.pdf")]
