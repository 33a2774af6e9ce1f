"""The flyers residents carry: PDF text, QR codes, tags, language and stable bytes."""

import pypdfium2
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ROOT, build, build_site, copy_content, write

SEASON_PDF = "flyer/instant-cafe.pdf"
ADDRESSES = [
    ("La Comédie", "3 place du Théâtre, 21000 Dijon"),
    ("Le Mably", "9 rue Mably, 21000 Dijon"),
    ("Le Déclit", "2 place des Cordeliers, 21000 Dijon"),
    ("Le Bœuf Blanc", "7 boulevard de la Trémouille, 21000 Dijon"),
]


def pdf_text(path):
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split()).replace("\u00a0", " ")


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
    return build_site(tmp, content)


def test_season_flyer_has_every_cafe_the_hours_and_the_phone(shipped_site):
    text = pdf_text(shipped_site.output / SEASON_PDF)
    for name, address in ADDRESSES:
        assert name in text and address in text
    assert "Le 1er lundi du mois : La Comédie" in text
    assert "De 9 h 30 à 11 h 30" in text
    assert "03 80 44 81 00" in text and "de 9 h à 12 h" in text
    assert "Concevoir Autrement, Faire Ensemble" in text
    assert "travailleurs sociaux" in text


def test_month_flyers_for_this_month_and_the_next_two(shipped_site):
    pdfs = sorted(p.name for p in (shipped_site.output / "flyer").glob("instant-cafe-*.pdf"))
    assert pdfs == ["instant-cafe-2026-11.pdf", "instant-cafe-2026-12.pdf", "instant-cafe-2027-01.pdf"]
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


def test_qr_codes_decode_to_the_public_addresses(shipped_site):
    pdf = pypdfium2.PdfDocument(shipped_site.output / SEASON_PDF)
    image = pdf[0].render(scale=3).to_pil()
    found = {code.text for code in zxingcpp.read_barcodes(image)}
    assert found == {"https://instant-cafe.example.org/", "https://instant-cafe.example.org/agenda/"}
    text = pdf_text(shipped_site.output / SEASON_PDF).replace("- ", "-")
    assert "https://instant-cafe.example.org/agenda/" in text.replace(" ", "")


def test_pdf_is_tagged_in_french_with_a_title_and_embedded_fonts(shipped_site):
    reader = PdfReader(shipped_site.output / SEASON_PDF)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == "Le flyer de la saison – L'instant CAFÉ"
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()
            descendant = descriptor.get("/DescendantFonts")
            descriptor = descendant[0].get_object() if descendant else descriptor
            file_keys = {"/FontFile", "/FontFile2", "/FontFile3"}
            assert file_keys & set(descriptor["/FontDescriptor"].keys()), descriptor["/BaseFont"]
            assert "Flyer-Sans" in str(descriptor["/BaseFont"])


def test_pdf_body_text_is_at_least_14_points(shipped_site):
    sizes = []

    def visitor(text, cm, tm, font_dict, font_size):
        if text.strip():
            sizes.append(font_size * tm[0])

    PdfReader(shipped_site.output / SEASON_PDF).pages[0].extract_text(visitor_text=visitor)
    assert sizes and min(sizes) >= 14


def test_flyer_pages_link_the_pdf_next_to_the_accessible_version(shipped_site):
    doc = BeautifulSoup(shipped_site.html("flyer/index.html"), "html.parser")
    assert doc.find("a", href="../flyer/instant-cafe.pdf")
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
    assert len(expected) == 4
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
