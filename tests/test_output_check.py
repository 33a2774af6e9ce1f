"""The link check's own address resolution against urllib's, on every link the shipped site holds."""

from urllib.parse import urljoin, urlsplit

import pytest

from instant_cafe.output_check import _references, _target

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
