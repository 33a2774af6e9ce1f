"""The flyers residents carry: PDF text, sizes and fill as printed, QR codes, tags, language and stable bytes."""

import math
from dataclasses import dataclass

import pypdfium2
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ROOT, build, build_site, copy_content, write
from instant_cafe.pdf_render import FIT_STEPS, fitted

SEASON_PDF = "flyer/instant-cafe.pdf"
A5_PDF = "flyer/instant-cafe-a5.pdf"
MONTH_PDFS = ["flyer/instant-cafe-2026-11.pdf", "flyer/instant-cafe-2026-12.pdf", "flyer/instant-cafe-2027-01.pdf"]
A4_PDFS = [SEASON_PDF, *MONTH_PDFS]
A4_PORTRAIT = (595, 842)  # points, rounded
A4_LANDSCAPE = (842, 595)
HOURS = "Le lundi, de 9 h 30 à 11 h 30"
ADDRESSES = [
    ("La Comédie", "3 place du Théâtre, 21000 Dijon"),
    ("Le Mably", "9 rue Mably, 21000 Dijon"),
    ("Le Déclit", "2 place des Cordeliers, 21000 Dijon"),
    ("Le Bœuf Blanc", "7 boulevard de la Trémouille, 21000 Dijon"),
]


def pdf_text(path):
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split()).replace("\u00a0", " ")


@dataclass(frozen=True)
class Run:
    """A piece of text as printed: its size in points and its baseline, from the page's bottom left corner."""

    text: str
    size: float
    x: float
    y: float


def runs(path, page=0) -> list[Run]:
    """The text of one page with the size it prints at: the font size times the text and page matrices.

    WeasyPrint draws in CSS pixels under a 0.75 scale: the size pypdf reports is not
    the printed size until both matrices are applied.
    """
    found = []

    def visitor(text, cm, tm, font_dict, font_size):
        if not text.strip():
            return
        a, b, c, d, e, f = tm
        m = [a * cm[0] + b * cm[2], a * cm[1] + b * cm[3], c * cm[0] + d * cm[2], c * cm[1] + d * cm[3]]
        x, y = e * cm[0] + f * cm[2] + cm[4], e * cm[1] + f * cm[3] + cm[5]
        size = round(font_size * math.hypot(m[2], m[3]), 2)  # WeasyPrint's 14 pt is 13.9995
        found.append(Run(" ".join(text.replace("\u00a0", " ").split()), size, x, y))

    PdfReader(path).pages[page].extract_text(visitor_text=visitor)
    return found


def run_with(path, text, page=0) -> list[Run]:
    found = [run for run in runs(path, page) if text in run.text]
    assert found, f"« {text} » not found in {path}"
    return found


def page_size(path) -> tuple[int, int]:
    box = PdfReader(path).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.fixture(scope="module")
def notice_site(tmp_path_factory):
    """The shipped content with a cancellation in December 2026."""
    tmp = tmp_path_factory.mktemp("flyer")
    content = copy_content(tmp)
    write(
        content / "avis/2026-12-14.md",
        "Title: Café fermé pour travaux\nDate: 2026-12-01 09:00\nSeance: 2026-12-14\nAction: annulation\n\n"
        "Le Mably est fermé ce jour-là.\n",
    )
    write(content / "avis/2027-01-18.md", MOVED_NOTICE)
    return build_site(tmp, content)


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    """The shipped content with the real public address: the flyers as they are printed, without the draft banner."""
    return build_site(tmp_path_factory.mktemp("public"), env={"PUBLIC_URL": "https://cafe.dijon.test"})


# A long notice, as staff may write one on a Friday evening: the month flyer still holds on one page.
MOVED_NOTICE = """Title: Le café du 18 janvier a lieu au Bœuf Blanc, de 10 h à 12 h
Date: 2027-01-05 14:30
Seance: 2027-01-18
Action: deplacement
Lieu: le-boeuf-blanc
Debut: 10:00
Fin: 12:00

Le Déclit accueille ce jour-là une réunion privée. Nous nous retrouvons donc au Bœuf Blanc,
boulevard de la Trémouille, exceptionnellement de 10 h à 12 h. Le bus s'arrête juste devant.
Si vous aviez prévu de venir au Déclit, pas d'inquiétude : une personne de l'équipe vous y
attendra à 10 h pour faire le chemin ensemble, à pied, en dix minutes environ. Les séances
suivantes reprennent au café habituel, à l'heure habituelle. Pour toute question, appelez le
CCAS de Dijon le matin.
"""


def test_season_flyer_has_every_cafe_the_hours_and_the_phone(shipped_site):
    text = pdf_text(shipped_site.output / SEASON_PDF)
    for name, address in ADDRESSES:
        assert name in text and address in text
    assert "Le 1er lundi du mois : La Comédie" in text
    assert HOURS in text
    assert "Pas de séance le 5e lundi du mois ni les jours fériés." in text
    assert "Saison 2026-2027 : du lundi 7 septembre 2026 au lundi 28 juin 2027 (dates à confirmer auprès du CCAS de Dijon)." in text
    assert "Pour les Dijonnais adultes" in text
    assert "03 80 44 81 00" in text and "de 9 h à 12 h" in text
    assert "Concevoir Autrement, Faire Ensemble" in text
    assert "travailleurs sociaux" in text


def test_month_flyers_for_this_month_and_the_next_two(shipped_site):
    pdfs = sorted(p.name for p in (shipped_site.output / "flyer").glob("instant-cafe-*.pdf"))
    assert pdfs == ["instant-cafe-2026-11.pdf", "instant-cafe-2026-12.pdf", "instant-cafe-2027-01.pdf", "instant-cafe-a5.pdf"]
    for month in ("2026-11", "2026-12", "2027-01"):
        assert (shipped_site.output / f"flyer/{month}/index.html").is_file()


def test_month_flyer_lists_exactly_its_sessions_with_the_cancelled_one(notice_site):
    text = pdf_text(notice_site.output / "flyer/instant-cafe-2026-12.pdf")
    for day in ("Lundi 7 décembre 2026", "Lundi 14 décembre 2026", "Lundi 21 décembre 2026", "Lundi 28 décembre 2026"):
        assert day in text
    assert text.count("décembre 2026") == 7  # title, heading, four Mondays, the notice
    assert "novembre" not in text and "janvier" not in text
    assert "ANNULÉE : Café fermé pour travaux" in text
    assert "Avis pour le lundi 14 décembre 2026 : Café fermé pour travaux" in text
    assert "Le Mably est fermé ce jour-là." in text
    january = pdf_text(notice_site.output / "flyer/instant-cafe-2027-01.pdf")
    assert "ANNULÉE" not in january and "Lundi 4 janvier 2027" in january


def test_a_changed_session_says_its_status_and_reason_once(notice_site):
    december = pdf_text(notice_site.output / "flyer/instant-cafe-2026-12.pdf")
    line = december[december.index("Lundi 14 décembre 2026") : december.index("Lundi 21 décembre 2026")]
    assert line.strip() == "Lundi 14 décembre 2026 SÉANCE ANNULÉE : Café fermé pour travaux."
    january = pdf_text(notice_site.output / "flyer/instant-cafe-2027-01.pdf")
    line = january[january.index("Lundi 18 janvier 2027") : january.index("Lundi 25 janvier 2027")]
    assert line.strip() == (
        "Lundi 18 janvier 2027 : Le Bœuf Blanc SÉANCE MODIFIÉE : Le café du 18 janvier a lieu au Bœuf Blanc, de 10 h à 12 h. "
        "La séance n'a pas lieu au Déclit. 7 boulevard de la Trémouille, 21000 Dijon, de 10 h à 12 h"
    )
    # The notice itself, as staff wrote it, in full.
    assert "Avis pour le lundi 18 janvier 2027 : Le café du 18 janvier a lieu au Bœuf Blanc, de 10 h à 12 h" in january
    assert " ".join(MOVED_NOTICE.split("\n\n", 1)[1].split()) in january


def test_every_flyer_is_one_page_even_with_a_long_notice_and_the_draft_banner(shipped_site, notice_site, public_site):
    for site, draft in ((shipped_site, True), (notice_site, True), (public_site, False)):
        for name in (*A4_PDFS, A5_PDF):
            assert len(PdfReader(site.output / name).pages) == 1, name
            assert ("BROUILLON" in pdf_text(site.output / name)) is draft, name


@pytest.mark.parametrize("name", A4_PDFS)
def test_a4_flyers_are_posters_that_fill_their_page(shipped_site, notice_site, public_site, name):
    """Read from a wall: the title at 36 pt or more, the hours big and near the top, the text down to the bottom tenth."""
    for site in (shipped_site, notice_site, public_site):
        path = site.output / name
        assert page_size(path) == A4_PORTRAIT
        width, height = A4_PORTRAIT
        title = run_with(path, "L'instant CAFÉ")[0]
        assert title.size >= 36, title
        if name != SEASON_PDF:  # the month is part of the title
            month = max((r for r in runs(path) if r.y < title.y and r.y > title.y - 80), key=lambda r: r.size)
            assert month.size >= 36, month
        hours = run_with(path, HOURS)[0]
        assert hours.size >= 24, hours
        assert hours.y > height * 2 / 3, f"the hours are not near the top: {hours}"
        lowest = min(run.y for run in runs(path))
        assert lowest < height / 10, f"{name}: the text stops at {lowest:.0f} pt from the bottom, the page is not filled"


@pytest.mark.parametrize("draft", [True, False])
def test_the_cafes_and_the_hours_are_the_largest_text_after_the_title(shipped_site, public_site, draft):
    for name in (SEASON_PDF, A5_PDF):
        path = (shipped_site if draft else public_site).output / name
        everything = runs(path)
        titles = [r for r in everything if r.text == "L'instant CAFÉ"]
        hours = [r for r in everything if r.text == HOURS]
        cafes = [r for r in everything if " lundi du mois : " in r.text]
        assert len(cafes) == len(titles) * 4 and len(hours) == len(titles)
        if name == SEASON_PDF:
            addresses = [r for r in everything if r.text.endswith(", 21000 Dijon")]
            assert len(addresses) == 4
            assert min(r.size for r in (*cafes, *hours, *addresses)) >= 16
        rest = [r for r in everything if r not in (*titles, *hours, *cafes)]
        assert min(r.size for r in titles) > max(r.size for r in hours) > max(r.size for r in cafes)
        assert min(r.size for r in cafes) > max(r.size for r in rest), max(rest, key=lambda r: r.size)


@pytest.mark.parametrize("name", MONTH_PDFS)
def test_each_monday_of_a_month_flyer_is_at_least_16_points(notice_site, name):
    everything = runs(notice_site.output / name)
    mondays = [r for r in everything if r.text.startswith("Lundi ")]
    assert len(mondays) >= 4
    assert min(r.size for r in mondays) >= 16, min(mondays, key=lambda r: r.size)
    # What is said under each Monday (its café, or its change) is large print too.
    lines = [r for r in everything if r.text.startswith(("SÉANCE", "Pas de séance")) or ", 21000 Dijon" in r.text]
    assert lines and min(r.size for r in lines) >= 16, min(lines, key=lambda r: r.size)


def test_qr_codes_decode_to_the_public_addresses(shipped_site):
    pdf = pypdfium2.PdfDocument(shipped_site.output / SEASON_PDF)
    image = pdf[0].render(scale=3).to_pil()
    found = {code.text for code in zxingcpp.read_barcodes(image)}
    assert found == {"https://instant-cafe.example.org/", "https://instant-cafe.example.org/agenda/"}
    text = pdf_text(shipped_site.output / SEASON_PDF).replace("- ", "-")
    assert "https://instant-cafe.example.org/agenda/" in text.replace(" ", "")


@pytest.mark.parametrize(
    "name, title",
    [
        (SEASON_PDF, "Le flyer de la saison – L'instant CAFÉ"),
        (A5_PDF, "Le flyer de la saison, version A5 (deux par feuille A4) – L'instant CAFÉ"),
    ],
)
def test_pdf_is_tagged_in_french_with_a_title_and_embedded_fonts(shipped_site, name, title):
    reader = PdfReader(shipped_site.output / name)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == title
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()
            descendant = descriptor.get("/DescendantFonts")
            descriptor = descendant[0].get_object() if descendant else descriptor
            file_keys = {"/FontFile", "/FontFile2", "/FontFile3"}
            assert file_keys & set(descriptor["/FontDescriptor"].keys()), descriptor["/BaseFont"]
            assert "Flyer-Sans" in str(descriptor["/BaseFont"])


@pytest.mark.parametrize("name", A4_PDFS)
def test_pdf_body_text_is_at_least_14_points(shipped_site, notice_site, name):
    """Every piece of text, the draft banner and the web addresses too, in printed points;
    a month with a short notice is not made smaller."""
    for path in (shipped_site.output / name, notice_site.output / "flyer/instant-cafe-2026-12.pdf"):
        smallest = min(runs(path), key=lambda r: r.size)
        assert smallest.size >= 14, (path.name, smallest)


class Pages:
    """A stand-in for WeasyPrint's layout: ``needed`` is the first step at which the text fits."""

    def __init__(self, needed):
        self.needed, self.tried = needed, []

    def __call__(self, step):
        self.tried.append(step)
        return type("Document", (), {"pages": [None] * (1 if step >= self.needed else 2), "step": step})()


@pytest.mark.parametrize(
    "needed, chosen, most_layouts",
    [
        (0, 0, 1),  # fits as designed: one layout
        (1, 1, 5),
        (6, 6, 5),
        (len(FIT_STEPS) - 1, len(FIT_STEPS) - 1, 5),
        (len(FIT_STEPS), len(FIT_STEPS) - 1, 6),  # never fits: the smallest, on two pages
    ],
)
def test_a_long_flyer_is_fitted_at_the_largest_size_that_holds_on_one_page(needed, chosen, most_layouts):
    layout = Pages(needed)
    document = fitted(lambda step: layout(FIT_STEPS.index(step)), FIT_STEPS)
    assert document.step == chosen
    assert len(layout.tried) <= most_layouts


def test_fitting_first_shrinks_the_flyer_then_its_root():
    assert FIT_STEPS[0] == (14, 14)
    roots = [root for root, _ in FIT_STEPS]
    flyers = [flyer for _, flyer in FIT_STEPS]
    assert roots == sorted(roots, reverse=True) and flyers == sorted(flyers, reverse=True)
    assert all(root == 14 for root, flyer in FIT_STEPS if flyer > min(flyers))


def test_a5_sheet_holds_two_copies_of_the_season_flyer_side_by_side(shipped_site):
    path = shipped_site.output / A5_PDF
    assert page_size(path) == A4_LANDSCAPE
    assert len(PdfReader(path).pages) == 1
    text = pdf_text(path)
    season = pdf_text(shipped_site.output / SEASON_PDF)
    assert text == f"{season} {season}"
    width, height = A4_LANDSCAPE
    for line in ("L'instant CAFÉ", HOURS, "Le 4e lundi du mois : Le Bœuf Blanc", "03 80 44 81 00"):
        found = run_with(path, line)
        assert len(found) == 2, line
        left, right = sorted(found, key=lambda r: r.x)
        assert left.x < width / 2 < right.x and abs(left.y - right.y) < 0.5, line
    title = run_with(path, "L'instant CAFÉ")[0]
    assert title.size >= 24, title
    lowest = min(run.y for run in runs(path))
    assert lowest < height / 10, f"the A5 copies stop at {lowest:.0f} pt from the bottom"
    image = pypdfium2.PdfDocument(path)[0].render(scale=3).to_pil()
    codes = sorted(code.text for code in zxingcpp.read_barcodes(image))
    assert codes == ["https://instant-cafe.example.org/"] * 2 + ["https://instant-cafe.example.org/agenda/"] * 2


def test_flyer_pages_link_the_pdf_next_to_the_accessible_version(shipped_site):
    doc = BeautifulSoup(shipped_site.html("flyer/index.html"), "html.parser")
    assert doc.find("a", href="../flyer/instant-cafe.pdf")
    a5 = doc.find("a", href="../flyer/instant-cafe-a5.pdf")
    assert a5 and a5.get_text() == "Télécharger la version A5, deux par feuille A4"
    assert "3 place du Théâtre, 21000 Dijon" in doc.main.get_text()
    month = BeautifulSoup(shipped_site.html("flyer/2026-12/index.html"), "html.parser")
    assert month.find("a", href="../../flyer/instant-cafe-2026-12.pdf")


FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>/usr/share/fonts</dir><dir>{decoy}</dir><cachedir>{cache}</cachedir></fontconfig>
"""


def test_pdf_bytes_do_not_depend_on_caches_or_on_the_machines_fonts(tmp_path, shipped_site):
    """Three builds from nothing — no PDF or content cache, a fresh XDG_CACHE_HOME and HOME, an empty
    fontconfig cache, a first worker start — and a machine whose fontconfig offers other fonts
    (a decoy « DejaVu Sans » first): the same bytes as the session's build, every time."""
    decoy = tmp_path / "decoy"
    decoy.mkdir()
    (decoy / "DejaVuSans.ttf").write_bytes((ROOT / "theme/print/fonts/DejaVuSans-Bold.ttf").read_bytes())
    expected = {pdf.name: pdf.read_bytes() for pdf in (shipped_site.output / "flyer").glob("*.pdf")}
    assert len(expected) == 5
    for run in range(3):
        home = tmp_path / f"home-{run}"
        (home / "fontconfig-cache").mkdir(parents=True)
        conf = home / "fonts.conf"
        conf.write_text(FONTCONFIG.format(decoy=decoy, cache=home / "fontconfig-cache"), encoding="utf-8")
        env = {"HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"), "FONTCONFIG_FILE": str(conf)}
        result = build(ROOT / "content", home / "output", env=env)
        assert result.returncode == 0, result.stderr
        built = {pdf.name: pdf.read_bytes() for pdf in (home / "output/flyer").glob("*.pdf")}
        assert built == expected, f"run {run}: {[name for name in expected if built.get(name) != expected[name]]}"
