"""A deliberately broken page: each check of the quality gate must name it and its problem."""

from pathlib import Path

import pytest

from conftest import write
from quality import AXE, CHROMIUM, Browser, internal_link_problems, jsonld_problems, require, serve, sitemap_pages, vnu_problems

BROKEN = """<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Page cassée</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main id="contenu">
<h1>Page cassée</h1>
<img src="photo.png">
<p style="color:#bbbbbb;background:#ffffff">Texte trop pâle pour être lu.</p>
<p><a href="manquant.html">Un lien vers une page absente</a> et <a href="#nulle-part">une ancre absente</a>.</p>
<img src="https://example.org/pixel.png" alt="Pixel espion">
<img src="logo.png" srcset="https://example.org/logo-2x.png 2x" alt="Logo">
<video poster="https://example.org/affiche.jpg"></video>
<div style="width:900px">Un bloc trop large pour un téléphone.</div>
<ul class="sessions"><li><div class="session" id="seance-2026-12-07">Lundi 7 décembre</div></li></ul>
<div class="boite" style="height:1.6em;overflow:hidden;width:200px">Un texte qui tient juste sur une ligne</div>
<p><a href="#contenu" style="outline:none">Lien sans contour de focus</a></p>
<p style="width:2.5em;overflow-wrap:anywhere"><time datetime="2026-09-07">septembre</time></p>
</main>
<script>document.cookie = "suivi=1"; console.error("erreur volontaire");</script>
</body>
</html>
"""


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("broken")
    write(output / "casse/index.html", BROKEN)
    write(
        output / "sitemap.xml",
        '<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://instant-cafe.example.org/casse/</loc></url></urlset>",
    )
    return output


def has(problems, *fragments):
    return any(all(fragment in problem for fragment in fragments) for problem in problems)


def test_link_check_names_the_missing_file_and_fragment(broken_site):
    problems = internal_link_problems(broken_site)
    assert has(problems, "casse/index.html", "manquant.html", "fichier absent")
    assert has(problems, "casse/index.html", "autre site", "https://example.org/pixel.png")
    assert has(problems, "casse/index.html", "img charge une ressource d'un autre site", "https://example.org/logo-2x.png")
    assert has(problems, "casse/index.html", "video charge une ressource d'un autre site", "https://example.org/affiche.jpg")
    assert has(problems, "casse/index.html", "photo.png", "fichier absent")
    assert has(problems, "casse/index.html", "#nulle-part", "endroit absent")


def test_html_checker_names_the_image_without_alt(broken_site):
    problems = vnu_problems(broken_site)
    assert has(problems, "casse/index.html", "alt")


def test_structured_data_check_names_the_page_without_events(broken_site):
    assert has(jsonld_problems(broken_site, "casse/index.html"), "casse/index.html", "JSON-LD")


@pytest.fixture(scope="module")
def browser(broken_site):
    require("chromium", Path(CHROMIUM).exists() and AXE.is_file())
    with serve(broken_site) as base_url:
        opened = Browser(base_url)
        yield opened
        opened.close()


@pytest.mark.browser
def test_browser_audit_names_each_problem(broken_site, browser):
    assert sitemap_pages(broken_site) == ["casse/index.html"]
    mobile = browser.audit("casse/index.html", "mobile").problems
    assert has(mobile, "casse/index.html [mobile]", "axe image-alt")
    assert has(mobile, "casse/index.html [mobile]", "axe color-contrast")
    assert has(mobile, "casse/index.html [mobile]", "requête vers l'extérieur https://example.org/pixel.png")
    assert has(mobile, "casse/index.html [mobile]", "défilement horizontal")
    assert has(mobile, "casse/index.html [mobile]", "texte coupé", "div.boite")
    assert has(mobile, "casse/index.html [mobile]", "cookie déposé")
    assert has(mobile, "casse/index.html [mobile]", "erreur console", "erreur volontaire")


@pytest.mark.browser
def test_keyboard_check_names_the_missing_skip_link(browser):
    problems = browser.keyboard("casse/index.html")
    assert has(problems, "casse/index.html", "lien d'évitement")
    assert has(problems, "casse/index.html", "focus peu visible", "Lien sans contour")


def test_link_check_judges_links_at_the_public_address_with_its_path(tmp_path):
    write(
        tmp_path / "index.html",
        '<link rel="alternate" href="https://lecteur.example.org/flux.atom"><h1 id="haut">Accueil</h1>'
        '<a href="https://cafe.example.org/sous/programme/">bon</a> <a href="/programme/">hors du dossier</a> '
        '<a href="#haut">haut</a> <a href="programme/#liste">liste</a> <a href="404.html#perdu">perdu</a>',
    )
    write(tmp_path / "404.html", '<p id="perdu"><a href="#perdu">ici</a> <a href="./">accueil</a></p>')
    write(tmp_path / "programme/index.html", '<ul id="liste"><li><a href="../#haut">retour</a></li></ul>')
    problems = internal_link_problems(tmp_path, "https://cafe.example.org/sous")
    assert problems == ['index.html : href="/programme/" sort du dossier du site (/sous/) : écrivez un lien relatif']


@pytest.mark.browser
def test_reflow_check_names_sideways_scrolling_and_a_broken_date(broken_site, browser):
    problems = browser.reflow("casse/index.html")
    assert has(problems, "casse/index.html [texte à 200 %]", "défilement horizontal")
    assert has(problems, "casse/index.html [zoom à 400 %]", "défilement horizontal")
    assert has(problems, "casse/index.html [zoom à 400 %]", "date ou heure coupée dans un mot : septembre")
