"""Posts read ahead by a helper process (read_ahead.py): the same site as when the build's
process converts every post, and a post saved again during the build is never stale."""

from __future__ import annotations

from concurrent.futures import wait
from datetime import date
from pathlib import Path

from bench.corpus import write_corpus
from pelican.settings import read_settings
from test_reader import FIRST, SECOND

from conftest import ROOT, build, write
from instant_cafe import read_ahead
from instant_cafe.reader import CheckedMarkdownReader

TABLE = """Title: Les horaires en un coup d'œil
Date: 2026-08-10 10:00
Semaine: 2026-12-14

| Jour | Lieu |
|:-----|-----:|
| Lundi | Le Mably |

Un mot à retenir
:   Le CCAS{: .important }
"""


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_helper_converts_each_post_as_the_reader_does_and_only_the_text_it_read(tmp_path):
    posts = [str(write(tmp_path / name, text)) for name, text in (("premier.md", FIRST), ("second.md", SECOND), ("table.md", TABLE))]
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path), "OUTPUT_PATH": str(tmp_path / "output")})
    reader = CheckedMarkdownReader(settings)  # Pelican completes the Markdown settings here
    alone = {path: reader.read(path) for path in posts}
    run = read_ahead.begin(settings["OUTPUT_PATH"], settings["MARKDOWN"], posts)
    try:
        wait(set(run.batches.values()), timeout=60)
        write(tmp_path / "table.md", TABLE + "\nUne ligne ajoutée pendant la construction.\n")
        taken = {path: read_ahead.take(settings, path, Path(path).read_text(encoding="utf-8")) for path in posts}
    finally:
        read_ahead.close_all()
    first_html, first_meta = taken[posts[0]]
    # One Markdown converts all three in the helper: nothing one post defines reaches the next.
    assert '<abbr title="Centre communal d\'action sociale">CCAS</abbr>' in first_html
    assert first_meta["title"] == ["Le CCAS en fête"] and first_meta["summary"] == ["Le *CCAS* vous attend."]
    assert taken[posts[1]] == (
        "<p>Le CCAS reste ouvert.</p>",
        {"title": ["Une autre semaine"], "date": ["2026-11-27 10:00"], "semaine": ["2026-12-07"]},
    )
    # The same HTML the reader makes of the same text.
    assert first_html == alone[posts[0]][0] and taken[posts[1]][0] == alone[posts[1]][0]
    # Saved again after the helper read it: the reader converts the new text itself.
    assert taken[posts[2]] is None
    assert "Une ligne ajoutée pendant la construction." in reader.read(posts[2])[0]


def test_a_site_read_ahead_is_the_site_read_in_one_process(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", ROOT / "content", first_monday=date(2026, 6, 1), weeks=26, notices=2)
    write(corpus["content"] / "bons-plans/2026-12-14.md", TABLE)
    sites = {}
    for least in (1, 100_000):  # every post handed to the helper; none
        output = tmp_path / f"read-ahead-{least}" / "output"
        result = build(corpus["content"], output, build_date=corpus["build_date"], args=("-e", f"READ_AHEAD_MIN_POSTS={least}"))
        assert result.returncode == 0, result.stdout + result.stderr
        sites[least] = files(output)
    assert len([name for name in sites[1] if name.startswith("bons-plans/")]) >= 26
    assert sites[1] == sites[100_000]


def test_a_post_the_sanitizer_refuses_is_refused_when_read_ahead(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", ROOT / "content", first_monday=date(2026, 6, 1), weeks=12, notices=1)
    write(
        corpus["content"] / "bons-plans/2026-08-17.md", TABLE.replace("2026-12-14", "2026-08-17") + '\n<img src="x" onerror="alert(1)">\n'
    )
    result = build(corpus["content"], tmp_path / "output", build_date=corpus["build_date"], args=("-e", "READ_AHEAD_MIN_POSTS=1"))
    assert "content/bons-plans/2026-08-17.md" in result.stderr and "onerror" in result.stderr
    assert not (tmp_path / "output/bons-plans/2026-08-17/index.html").exists()
