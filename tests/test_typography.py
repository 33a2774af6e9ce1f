"""French typography, byte for byte: which space goes where (U+00A0 no-break space, U+202F narrow no-break space)."""

from datetime import date, time

import pytest
from markupsafe import Markup

from instant_cafe.french import at_place, hour, long_date, of_month, of_place, typography

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    "written, typeset",
    [
        ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
        ("Bonjour !", f"Bonjour{NNBSP}!"),
        ("un ; deux", f"un{NNBSP}; deux"),
        ("Adresse : 3 place du Théâtre", f"Adresse{NBSP}: 3 place du Théâtre"),
        ("« Bons plans »", f"«{NBSP}Bons plans{NBSP}»"),
        ("«Bons plans»", f"«{NBSP}Bons plans{NBSP}»"),
        ("de 9 h 30 à 11 h 30", f"de 9{NBSP}h{NBSP}30 à 11{NBSP}h{NBSP}30"),
        ("à 12 h.", f"à 12{NBSP}h."),
        ("au 03 80 44 81 00", f"au 03{NBSP}80{NBSP}44{NBSP}81{NBSP}00"),
        ("le n° 5", f"le n°{NBSP}5"),
        # Left alone: tags, attributes, URLs and times written without spaces.
        ('<a href="https://www.dijon.fr/?a=1">lien</a>', '<a href="https://www.dijon.fr/?a=1">lien</a>'),
        ('<abbr title="Pourquoi ?">P</abbr> ?', f'<abbr title="Pourquoi ?">P</abbr>{NNBSP}?'),
        # Across a tag: the space before « : » after a word in bold, « 9 h » split by markup.
        ("<p><strong>Adresse</strong> : ici</p>", f"<p><strong>Adresse</strong>{NBSP}: ici</p>"),
        ("<b>9</b> h 30", "<b>9</b> h 30"),
        ("https://exemple.fr", "https://exemple.fr"),
        ("9h30", "9h30"),
        ("Rendez-vous à 10 heures", "Rendez-vous à 10 heures"),
        ("n°5", "n°5"),
    ],
)
def test_typography(written, typeset):
    assert typography(written) == typeset


def test_typography_is_idempotent_and_keeps_markup_safe():
    once = typography(Markup("<p>Pourquoi ? « Oui » : 9 h 30</p>"))
    assert isinstance(once, Markup)
    assert typography(once) == once


@pytest.mark.parametrize(
    "function, value, expected",
    [
        (hour, time(9, 30), f"9{NBSP}h{NBSP}30"),
        (hour, time(12, 0), f"12{NBSP}h"),
        (long_date, date(2027, 2, 1), "lundi 1er février 2027"),
        (long_date, date(2026, 12, 7), "lundi 7 décembre 2026"),
        (of_month, date(2027, 4, 1), "d'avril 2027"),
        (of_month, date(2027, 8, 1), "d'août 2027"),
        (of_month, date(2026, 12, 1), "de décembre 2026"),
        (at_place, "Le Mably", "au Mably"),
        (at_place, "La Comédie", "à La Comédie"),
        (at_place, "Les Halles", "aux Halles"),
        (of_place, "Le Bœuf Blanc", "du Bœuf Blanc"),
        (of_place, "La Comédie", "de La Comédie"),
    ],
)
def test_french_words(function, value, expected):
    assert function(value) == expected


def test_no_page_of_the_site_breaks_a_line_before_a_colon_or_inside_quotes(shipped_site):
    """What residents read on every page — header, menu, content and footer, typeset in three
    parts by base.html — has no ordinary space before « : ; ! ? » nor inside « »."""
    import re

    from selectolax.lexbor import LexborHTMLParser

    breakable = re.compile(r" [:;!?»]|« ")
    pages = [path for path in sorted(shipped_site.output.rglob("*.html")) if path.relative_to(shipped_site.output).parts[0] != "admin"]
    assert len(pages) > 30
    for path in pages:
        text = LexborHTMLParser(path.read_bytes()).body.text(separator="\n")
        assert "Accessibilité\u00a0:" in text, path  # the footer's link, on every page
        assert not breakable.findall(text), (path, [text[max(0, m.start() - 30) : m.end()] for m in breakable.finditer(text)])
