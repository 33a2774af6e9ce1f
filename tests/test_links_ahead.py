"""The posts' pages parsed for the link check by the read-ahead helper (links_ahead.py): it says
of each page what the build's own link check says, and a page changed since is parsed again."""

from __future__ import annotations

from conftest import write
from instant_cafe import links_ahead, read_ahead
from instant_cafe.output_check import link_problems, pages_said
from instant_cafe.output_folders import html_pages


def test_the_helper_says_of_each_page_what_the_link_check_says(shipped_site):
    output = shipped_site.output
    pages = html_pages(output)
    for public_url in ("", "https://ccas-dijon.github.io/instant-cafe"):
        known: dict = {}
        link_problems(output, public_url, known)
        assert len(known) == len(pages) > 20
        assert pages_said(str(output), pages, public_url) == known


def test_a_broken_link_is_found_on_a_page_parsed_ahead_and_on_one_changed_since(tmp_path):
    output = tmp_path / "output"
    write(output / "index.html", '<a href="bons-plans/2026-12-07/">Le bon plan</a>')
    write(output / "bons-plans/2026-12-07/index.html", '<h1 id="haut">Lundi</h1><a href="../2026-12-14/">La semaine suivante</a>')
    write(output / "bons-plans/2026-12-14/index.html", '<a href="../2026-12-07/#bas">Le lundi d\'avant</a>')
    run = str(output)
    links_ahead.expect(run, "")
    read_ahead.begin(run, {}, [])
    try:
        future = read_ahead.later(run, pages_said, run, ["bons-plans/2026-12-07/index.html", "bons-plans/2026-12-14/index.html"], "")
        future.result(timeout=60)
        links_ahead._parsed[run] = future  # as links_ahead.start leaves it
        parsed = links_ahead.take(run)
    finally:
        read_ahead.close_all()
    assert len(parsed) == 2
    assert link_problems(output, "", dict(parsed)) == [
        'bons-plans/2026-12-14/index.html : href="../2026-12-07/#bas" vise un endroit absent de la page (#bas)'
    ]
    # Written again after the helper parsed it: its new link is judged, not the old one.
    write(output / "bons-plans/2026-12-07/index.html", '<h1 id="bas">Lundi</h1><a href="../2026-12-21/">Plus tard</a>')
    assert link_problems(output, "", dict(parsed)) == [
        'bons-plans/2026-12-07/index.html : href="../2026-12-21/" mène à un fichier absent (bons-plans/2026-12-21/index.html)'
    ]
