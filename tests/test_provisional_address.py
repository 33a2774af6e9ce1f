"""While the public address is a placeholder, nobody prints useless QR codes or publishes dead links."""

from pypdf import PdfReader

from conftest import ROOT, make


def flat(result) -> str:
    return " ".join((result.stdout + result.stderr).split())


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_make_flyer_refuses_the_placeholder_address(tmp_path):
    result = make("flyer", ROOT / "content", tmp_path / "output", public_url="")
    assert result.returncode != 0
    assert "l'adresse du site est provisoire (https://instant-cafe.example.org)" in flat(result)
    assert "make flyer BROUILLON=1" in flat(result)
    assert not (tmp_path / "output.flyer").exists()


def test_a_draft_print_is_marked_on_every_flyer(tmp_path):
    result = make("flyer", ROOT / "content", tmp_path / "output", public_url="", env={"BROUILLON": "1"})
    assert result.returncode == 0, flat(result)
    assert "Flyers BROUILLON (à ne pas distribuer)" in flat(result)
    pdfs = sorted((tmp_path / "output.flyer/flyer").glob("*.pdf"))
    assert len(pdfs) == 5  # the season, three months, and the A5 sheet
    for pdf in pdfs:
        assert "BROUILLON – ne pas distribuer : l'adresse du site et les codes QR sont provisoires" in pdf_text(pdf), pdf.name


def test_flyers_with_the_real_address_are_not_drafts(tmp_path):
    result = make("flyer", ROOT / "content", tmp_path / "output", public_url="https://cafe.dijon.test")
    assert result.returncode == 0 and "Flyers prêts à imprimer" in flat(result)
    assert "ATTENTION" not in flat(result)
    assert "BROUILLON" not in pdf_text(tmp_path / "output.flyer/flyer/instant-cafe.pdf")


def test_make_html_warns_and_the_flyer_page_says_draft(tmp_path):
    result = make("html", ROOT / "content", tmp_path / "output", public_url="")
    assert result.returncode == 0
    assert "ATTENTION : l'adresse publique du site est provisoire (https://instant-cafe.example.org)" in flat(result)
    page = (tmp_path / "output/flyer/index.html").read_text(encoding="utf-8")
    assert "BROUILLON</strong> – ne pas distribuer" in page


def test_make_publish_refuses_a_placeholder_address(tmp_path):
    result = make("publish", ROOT / "content", tmp_path / "output", public_url="https://instant-cafe.example.org")
    assert result.returncode != 0 and "l'adresse publique est provisoire" in flat(result)
    assert not (tmp_path / "output").exists()


def test_make_check_lists_what_is_still_to_fill_in_without_failing(tmp_path):
    result = make("check", ROOT / "content", tmp_path / "output", public_url="")
    assert result.returncode == 0
    text = flat(result)
    assert "Contenu vérifié : aucune erreur. À compléter ou à confirmer (ce ne sont pas des erreurs, le site se construit) :" in text
    assert "les dates de la saison 2026-2027 (du 2026-09-07 au 2027-06-28) sont à confirmer" in text
    assert "les dates de la saison 2027-2028 (du 2027-09-06 au 2028-06-26) sont à confirmer" in text
    assert "le nom de l'hébergeur (mentions légales) : à renseigner" in text
    assert "l'adresse publique du site est provisoire" in text
