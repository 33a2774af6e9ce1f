"""The easy-to-read page (facile-a-lire/) of the shipped site, built for 2026-11-27:
short sentences, the facts residents need, the theme's own drawings, large text."""

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from quality import CHROMIUM, CHROMIUM_ARGS, add_style, require, serve

PAGE = "facile-a-lire/index.html"
MAX_WORDS = 15  # Inclusion Europe: short sentences; ours have 15 words at most
MIN_SENTENCES = 12
MIN_FONT_PX = 22  # the site's body text is 18 px
DRAWINGS = Path(__file__).resolve().parent.parent / "theme/static/images/facile"
# From /work/shared/guide/facts.md, written out by hand: the page must say the same.
CAFES = [
    ("1er", "La Comédie", "3 place du Théâtre", "21000 Dijon"),
    ("2e", "Le Mably", "9 rue Mably", "21000 Dijon"),
    ("3e", "Le Déclit", "2 place des Cordeliers", "21000 Dijon"),
    ("4e", "Le Bœuf Blanc", "7 boulevard de la Trémouille", "21000 Dijon"),
]
# Where a sentence may end inside an element's text; block elements and <br> end one too.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|[.!?…]+$")
BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "caption", "figcaption", "blockquote", "div", "br"]


def main_of(html: str):
    return BeautifulSoup(html, "html.parser").find("main")


def flat(text: str) -> str:
    """Spaces as a reader sees them (the typography filter puts non-breaking ones)."""
    return " ".join(text.split())


def sentences(main) -> list[str]:
    """The sentences of <main>: cut at . ! ? … and at every block element, list item, heading or <br>."""
    for tag in main.find_all(BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    found = []
    for line in main.get_text().split("\n"):
        found += [flat(part) for part in SENTENCE_END.split(line) if re.search(r"\w", part)]
    return found


def words(sentence: str) -> int:
    """Words as a reader counts them: « 9 h 30 » is three, « L'instant » one, a lone « : » none."""
    return sum(1 for word in sentence.split() if re.search(r"\w", word))


def longest(html: str) -> tuple[int, str]:
    return max((words(s), s) for s in sentences(main_of(html)))


@pytest.fixture(scope="module")
def html(shipped_site) -> str:
    return shipped_site.html(PAGE)


@pytest.fixture(scope="module")
def main_text(html) -> str:
    return flat(main_of(html).get_text(" "))


def test_every_sentence_has_at_most_15_words(html):
    count, sentence = longest(html)
    assert count <= MAX_WORDS, f"{count} mots : « {sentence} »"
    assert len(sentences(main_of(html))) >= MIN_SENTENCES


def test_the_word_count_catches_a_sentence_of_16_words(html):
    """The check above cannot pass by construction: one sentence made longer fails it."""
    short = "<p>Cette page parle de L'instant CAFÉ.</p>"
    assert short in html
    longer = "<p>Cette page parle de L'instant CAFÉ, le lundi matin, avec vous et le CCAS de Dijon.</p>"
    assert words(flat(BeautifulSoup(longer, "html.parser").get_text())) == 16
    count, sentence = longest(html.replace(short, longer))
    assert count == 16 > MAX_WORDS, sentence
    # A list item or a heading ends a sentence even without a full stop.
    assert [words(s) for s in sentences(main_of("<main><ul><li>Un deux</li><li>trois</li></ul><h2>Quatre</h2></main>"))] == [2, 1, 1]


def test_the_page_is_in_the_sitemap(shipped_site):
    root = ElementTree.parse(shipped_site.output / "sitemap.xml").getroot()
    locations = {loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert "https://instant-cafe.example.org/facile-a-lire/" in locations


def test_hours_explained_ccas_and_days_without_a_session(main_text):
    assert "9 h 30" in main_text and "11 h 30" in main_text
    assert "lundi matin" in main_text
    assert "Le CCAS est le service social de la ville de Dijon." in main_text
    assert "jours fériés" in main_text
    assert "Le 5e lundi du mois, L'instant CAFÉ n'a pas lieu." in main_text
    assert "en été" in main_text and "Les dates peuvent changer." in main_text


def test_the_four_cafes_by_rank_with_their_addresses(html):
    items = main_of(html).select("ul.cafes > li")
    assert len(items) == len(CAFES)
    for item, (rank, name, street, city) in zip(items, CAFES, strict=True):
        assert flat(item.h3.get_text()) == f"Le {rank} lundi du mois"
        assert flat(item.a.get_text()) == name
        assert item.a["href"].rstrip("/").startswith("../lieux/")
        address = [flat(part) for part in item.select_one(".address").stripped_strings]
        assert address == ["L'adresse :", street, city]


def test_the_phone_number_is_a_link_to_call(html):
    links = main_of(html).select('a[href^="tel:"]')
    assert [(a["href"], flat(a.get_text())) for a in links] == [("tel:+33380448100", "03 80 44 81 00")]


def test_it_says_the_text_is_not_checked_yet_by_readers(main_text):
    assert "Ce texte n'est pas encore vérifié." in main_text
    assert "handicap intellectuel" in main_text
    assert "doivent encore le relire" in main_text


def test_links_to_the_programme_page(html):
    assert main_of(html).find("a", href="../programme/")


def test_images_are_the_theme_drawings_with_an_alt(shipped_site, html):
    doc = BeautifulSoup(html, "html.parser")
    images = doc.find("main").find_all("img")
    assert len(images) >= 10
    for image in images:
        assert image.has_attr("alt"), image
        assert re.fullmatch(r"\.\./theme/images/facile/[a-z0-9-]+\.svg", image["src"]), image["src"]
        assert (shipped_site.output / "facile-a-lire" / image["src"]).resolve().is_file(), image["src"]
    for tag in doc.find_all(["img", "script", "iframe", "link", "source", "object", "embed"]):
        for attribute in ("src", "href", "data"):
            assert not re.match(r"^\s*(https?:)?//", tag.get(attribute, "")), tag
    assert not doc.find("script"), "no script on this page"


@pytest.mark.parametrize("drawing", sorted(DRAWINGS.glob("*.svg")), ids=lambda path: path.name)
def test_drawings_are_plain_svg(drawing):
    text = drawing.read_text(encoding="utf-8")
    root = ElementTree.fromstring(text)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 100 100"
    for forbidden in ("<script", "href", "@font-face", "<foreignObject", "<image", "<style", "url("):
        assert forbidden not in text, forbidden
    assert not re.search(r"\son[a-z]+\s*=", text), "no event handler"
    colours = set(re.findall(r"#[0-9a-fA-F]{3,6}", text)) - {"#fff"}
    assert colours <= {"#111", "#6b2a00"}, colours


def test_no_italics_emphasis_or_justified_text(html):
    main = main_of(html)
    assert not main.find(["em", "i"])
    assert len(main.find_all("strong")) <= 4, "bold for a few key words only"


@pytest.fixture(scope="module")
def page_in_chromium(shipped_site):
    require("chromium", Path(CHROMIUM).exists())
    from playwright.sync_api import sync_playwright

    with serve(shipped_site.output) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def open_page(width: int, css: str = ""):
            page = browser.new_page(viewport={"width": width, "height": 800}, locale="fr-FR")
            page.goto(base_url + PAGE, wait_until="load")
            if css:
                add_style(page, css)
            return page

        yield open_page
        browser.close()


TEXT_STYLES = """() => [...document.querySelectorAll('main p, main li')].map(el => {
  const s = getComputedStyle(el);
  return {text: el.textContent.trim().slice(0, 40), size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight),
          style: s.fontStyle, align: s.textAlign};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
def test_text_is_large_left_aligned_and_upright(page_in_chromium, width):
    page = page_in_chromium(width)
    styles = page.evaluate(TEXT_STYLES)
    page.close()
    assert len(styles) >= MIN_SENTENCES
    for style in styles:
        assert style["size"] >= MIN_FONT_PX, style
        assert style["line"] >= 1.5 * style["size"], style
        assert style["style"] == "normal", style
        assert style["align"] in ("left", "start"), style


@pytest.mark.browser
def test_no_sideways_scroll_at_320px_with_text_at_200_percent(page_in_chromium):
    page = page_in_chromium(320, "html { font-size: 200% }")
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    scroll = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    page.close()
    assert size >= 2 * MIN_FONT_PX
    assert scroll <= 0, f"la page défile de {scroll} px vers le côté"


@pytest.mark.browser
def test_each_drawing_sits_beside_or_above_its_text(page_in_chromium):
    """At 1280 px the drawing is to the left of its sentences; at 320 px, above them."""
    for width, beside in ((1280, True), (320, False)):
        page = page_in_chromium(width)
        boxes = page.evaluate(
            "() => [...document.querySelectorAll('main .idea')].map(idea => {"
            " const img = idea.querySelector('img').getBoundingClientRect();"
            " const text = idea.querySelector('.idea-text').getBoundingClientRect();"
            " return {img: [img.left, img.right, img.top, img.bottom], text: [text.left, text.top]}; })"
        )
        page.close()
        assert len(boxes) >= 10
        for box in boxes:
            if beside:
                assert box["img"][1] <= box["text"][0] and box["img"][2] <= box["text"][1] + 8, box
            else:
                assert box["img"][3] <= box["text"][1], box
