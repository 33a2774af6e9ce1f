"""The quality gate on the shipped site: every sitemap page in a real chromium, valid HTML,
resolving links, schema.org events and the home page's weight."""

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from quality import (
    AXE,
    CHROMIUM,
    VIEWPORTS,
    Browser,
    internal_link_problems,
    jsonld_problems,
    require,
    serve,
    sitemap_pages,
    vnu_problems,
)

HOME_BUDGET = 30_000


@pytest.fixture(scope="module")
def browser(shipped_site):
    require("chromium", Path(CHROMIUM).exists() and AXE.is_file())
    with serve(shipped_site.output) as base_url:
        opened = Browser(base_url)
        yield opened
        opened.close()


@pytest.mark.browser
def test_every_page_of_the_sitemap_in_chromium(shipped_site, browser, capsys):
    pages = sitemap_pages(shipped_site.output)
    html_files = [p for p in shipped_site.pages() if p != "404.html"]
    assert sorted(pages) == sorted(html_files), "sitemap.xml must list every HTML page"
    problems, incomplete, weights = [], [], {}
    for page in pages + ["404.html"]:
        for viewport in VIEWPORTS:
            report = browser.audit(page, viewport)
            problems += report.problems
            incomplete += report.incomplete
            if viewport == "desktop":
                weights[page] = report.transferred
    (shipped_site.output.parent / "page-weights.json").write_text(json.dumps(weights, indent=1), encoding="utf-8")
    with capsys.disabled():
        print(f"\nPages vérifiées dans chromium : {len(pages)} (pages dans sitemap.xml : {len(pages)}), plus 404.html")
        print(f"Résultats axe « incomplete » (liste revue) : {len(incomplete)}")
        for entry in sorted(set(incomplete)):
            print("  " + entry)
    assert len(pages) == len(html_files)
    assert not problems, "\n".join(problems)
    home = sum(weights["index.html"].values())
    assert home < HOME_BUDGET, f"la page d'accueil pèse {home} octets (budget {HOME_BUDGET})"


@pytest.mark.browser
def test_keyboard_skip_link_and_visible_focus(shipped_site, browser):
    problems = []
    for page in sitemap_pages(shipped_site.output):
        problems += browser.keyboard(page)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_every_page_reflows_with_large_text_and_zoom(shipped_site, browser):
    problems = []
    for page in sitemap_pages(shipped_site.output) + ["404.html"]:
        problems += browser.reflow(page)
    assert not problems, "\n".join(problems)


def test_nu_html_checker_finds_no_error(shipped_site):
    problems = vnu_problems(shipped_site.output)
    assert not problems, "\n".join(problems)


def test_every_internal_link_resolves(shipped_site):
    problems = internal_link_problems(shipped_site.output)
    assert not problems, "\n".join(problems)


def test_month_and_venue_pages_describe_their_sessions_as_events(shipped_site):
    pages = [p for p in shipped_site.pages() if p.startswith(("programme/20", "lieux/")) and p != "lieux/index.html"]
    assert len(pages) >= 19
    problems = [problem for page in pages for problem in jsonld_problems(shipped_site.output, page)]
    assert not problems, "\n".join(problems)
    doc = BeautifulSoup(shipped_site.html("programme/2027/05/index.html"), "html.parser")
    may = json.loads(doc.find("script", type="application/ld+json").string)
    whit_monday = next(e for e in may if e["startDate"].startswith("2027-05-17"))
    assert whit_monday["eventStatus"] == "https://schema.org/EventCancelled"
    assert whit_monday["startDate"] == "2027-05-17T09:30:00+02:00"
