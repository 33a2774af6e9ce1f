"""The shipped site, built for 2026-11-27: the pages residents read."""

import xml.etree.ElementTree as ElementTree

import pytest
from bs4 import BeautifulSoup

URL_MAP = [
    "index.html",
    "programme/index.html",
    "programme/2026/12/index.html",
    "lieux/la-comedie/index.html",
    "lieux/le-mably/index.html",
    "lieux/le-declit/index.html",
    "lieux/le-boeuf-blanc/index.html",
    "bons-plans/index.html",
    "feeds/bons-plans.atom.xml",
    "accessibilite/index.html",
    "mentions-legales/index.html",
    "plan-du-site/index.html",
    "l-instant-cafe/index.html",
    "contact/index.html",
    "404.html",
    "sitemap.xml",
]


def soup(site, page):
    return BeautifulSoup(site.html(page), "html.parser")


@pytest.mark.parametrize("path", URL_MAP)
def test_url_map_paths_exist(shipped_site, path):
    assert (shipped_site.output / path).is_file()


def test_no_author_tag_category_or_archive_pages(shipped_site):
    for folder in ("author", "tag", "category", "authors.html", "tags.html", "categories.html", "archives.html", "drafts"):
        assert not (shipped_site.output / folder).exists(), folder


def test_every_page_is_french_with_one_h1_and_landmarks(shipped_site):
    for page in shipped_site.pages():
        doc = soup(shipped_site, page)
        assert doc.html["lang"] == "fr", page
        assert len(doc.find_all("h1")) == 1, page
        body = [child for child in doc.body.children if getattr(child, "name", None)]
        assert body[0].name == "a" and body[0]["href"] == "#contenu", f"{page}: skip link is not first"
        assert doc.find("main", id="contenu"), page
        for landmark in ("header", "nav", "footer"):
            assert doc.find(landmark), f"{page}: no <{landmark}>"
        assert doc.title.string.endswith(" – L'instant CAFÉ"), page


def test_every_page_links_legal_pages_and_the_posts_feed(shipped_site):
    for page in shipped_site.pages():
        doc = soup(shipped_site, page)
        footer = doc.find("footer")
        accessibility = footer.find("a", string=lambda t: t and " ".join(t.split()) == "Accessibilité : non conforme")
        assert accessibility and accessibility["href"].endswith("accessibilite/"), page
        assert footer.find("a", href=lambda h: h and h.endswith("mentions-legales/")), page
        feed = doc.find("link", rel="alternate", type="application/atom+xml")
        assert feed and feed["href"].endswith("feeds/bons-plans.atom.xml"), page


def test_home_page(shipped_site):
    doc = soup(shipped_site, "index.html")
    assert doc.title.string == "Accueil – L'instant CAFÉ"
    assert doc.h1.get_text() == "Prochain café" and "L'instant CAFÉ" in doc.header.get_text()
    assert doc.find("a", href="./contact/") or doc.find("a", href="./contact/index.html")


def test_weekly_post_has_full_french_dates(shipped_site):
    doc = soup(shipped_site, "bons-plans/2026-12-07/index.html")
    assert doc.h1.get_text() == "Les bons plans de la semaine du 7 décembre"
    text = doc.main.get_text(" ", strip=True)
    assert "Publié le vendredi 27 novembre 2026" in text
    assert doc.find("time", datetime="2026-11-27")


def test_posts_index_lists_the_posts_newest_first(shipped_site):
    doc = soup(shipped_site, "bons-plans/index.html")
    titles = [h2.get_text(strip=True) for h2 in doc.main.find_all("h2")]
    assert titles == [
        "Les bons plans de la semaine du 14 décembre",
        "Les bons plans de la semaine du 7 décembre",
        "Les bons plans de la semaine du 30 novembre",
    ]
    assert "Semaine du lundi 30 novembre 2026" in doc.main.get_text(" ", strip=True)


def test_atom_feed_has_the_posts_with_absolute_links(shipped_site):
    feed = ElementTree.parse(shipped_site.output / "feeds/bons-plans.atom.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 3
    links = [entry.find(f"{atom}link").get("href") for entry in entries]
    assert all(link.startswith("https://") and "/bons-plans/" in link for link in links)


def test_sitemap_lists_every_html_page_but_the_404(shipped_site):
    root = ElementTree.parse(shipped_site.output / "sitemap.xml").getroot()
    locations = {loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    expected = {
        "https://instant-cafe.example.org/" + page.removesuffix("index.html") for page in shipped_site.pages() if page != "404.html"
    }
    assert locations == expected
    assert "https://instant-cafe.example.org/programme/2026/12/" in locations


def test_legal_pages_mark_unknown_facts(shipped_site):
    legal = soup(shipped_site, "mentions-legales/index.html").main.get_text(" ", strip=True)
    assert "CCAS" in legal and "Hébergeur non communiqué pour le moment" in legal
    assert "cookie" in legal.lower()
    statement = soup(shipped_site, "accessibilite/index.html").main.get_text(" ", strip=True)
    assert "Non conforme" in statement or "non conforme" in statement
    assert "Défenseur des droits" in statement


def test_contact_page(shipped_site):
    doc = soup(shipped_site, "contact/index.html")
    assert doc.find("a", href="tel:+33380448100")
    assert "03 80 44 81 00" in " ".join(doc.main.get_text().split())


def test_site_plan_reaches_every_page(shipped_site):
    doc = soup(shipped_site, "plan-du-site/index.html")
    hrefs = {a["href"].removeprefix("../") for a in doc.main.find_all("a")}
    for page in shipped_site.pages():
        if page in ("404.html", "plan-du-site/index.html"):
            continue
        url = page.removesuffix("index.html")
        assert url in hrefs, page


def test_not_found_page_links_from_the_site_root(shipped_site):
    doc = soup(shipped_site, "404.html")
    assert doc.find("link", rel="stylesheet")["href"] == "/theme/css/site.css"
    assert doc.main.find("a", href="/programme/")


def test_no_script_no_third_party_resource(shipped_site):
    every = sorted(p.relative_to(shipped_site.output).as_posix() for p in shipped_site.output.rglob("*.html"))
    with_scripts = [page for page in every if soup(shipped_site, page).find("script", src=True)]
    assert with_scripts == ["admin/index.html"], "the staff editor alone may run scripts"
    for page in shipped_site.pages():
        doc = soup(shipped_site, page)
        assert not doc.find("script", src=True), page
        for tag in doc.find_all(["img", "link", "iframe"]):
            reference = tag.get("src") or tag.get("href") or ""
            if tag.name == "link" and tag.get("rel") == ["alternate"]:
                continue
            assert not reference.startswith(("http:", "https:", "//")), f"{page}: {tag}"
