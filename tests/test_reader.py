"""The Markdown reader keeps its Markdown instances from file to file: nothing one post
defines (an abbreviation, its metadata) may reach the next one."""

from __future__ import annotations

from pelican.settings import read_settings

from conftest import ROOT, write
from instant_cafe.reader import CheckedMarkdownReader

FIRST = """Title: Le CCAS en fête
Date: 2026-11-20 10:00
Semaine: 2026-11-30
Summary: Le *CCAS* vous attend.

Le CCAS ouvre ses portes.

*[CCAS]: Centre communal d'action sociale
"""
SECOND = """Title: Une autre semaine
Date: 2026-11-27 10:00
Semaine: 2026-12-07

Le CCAS reste ouvert.
"""


def test_what_a_post_defines_stays_in_that_post(tmp_path):
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path)})
    reader = CheckedMarkdownReader(settings)
    first, first_meta = reader.read(str(write(tmp_path / "premier.md", FIRST)))
    second, second_meta = reader.read(str(write(tmp_path / "second.md", SECOND)))
    assert '<abbr title="Centre communal d\'action sociale">CCAS</abbr>' in first
    assert first_meta["summary"] == "<p>Le <em>CCAS</em> vous attend.</p>"
    assert "<abbr" not in second and second == "<p>Le CCAS reste ouvert.</p>"
    assert "summary" not in second_meta and second_meta["title"] == "Une autre semaine"
    # The first file again: the same HTML as the first time (nothing left from the second).
    assert reader.read(str(tmp_path / "premier.md"))[0] == first
