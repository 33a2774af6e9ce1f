"""reused_pages.py in process: what a post page's key is made of, and a page shared with the live
site replaced, never written through. (The pages themselves: test_build_cache.py.)"""

from __future__ import annotations

import os

from jinja2 import Template

from conftest import write
from instant_cafe.reused_pages import FreshFileWriter, read_inputs

POST = "Title: Les bons plans\nDate: 2026-11-27 10:00\nSemaine: 2026-12-07\n\nAllez au marché.\n"


def inputs(tmp_path):
    return read_inputs(tmp_path / "content", ["bons-plans"], tmp_path / "theme", "fingerprint")


def test_a_post_body_is_its_own_and_everything_else_is_shared(tmp_path):
    post = write(tmp_path / "content/bons-plans/2026-12-07.md", POST)
    venue = write(tmp_path / "content/lieux/le-mably.md", "Title: Le Mably\n\nRang: 2\n")
    template = write(tmp_path / "theme/templates/article.html", "<h1>{{ article.title }}</h1>")
    site, posts = inputs(tmp_path)
    assert list(posts) == [str(post)]

    post.write_text(POST.replace("Allez au marché.", "Allez au parc."), encoding="utf-8")
    body_site, body_posts = inputs(tmp_path)
    assert body_site == site and body_posts[str(post)] != posts[str(post)]

    # The header (a post's address, which another post may link to), a café, a template: every page.
    for path, text in (
        (post, POST.replace("Semaine: 2026-12-07", "Semaine: 2026-12-07\nSlug: marche")),
        (venue, "Title: Le Mably\n\nRang: 3\n"),
        (template, "<h1>{{ article.title|upper }}</h1>"),
    ):
        before = inputs(tmp_path)[0]
        path.write_text(text, encoding="utf-8")
        assert inputs(tmp_path)[0] != before, path.name
    before = inputs(tmp_path)[0]
    write(tmp_path / "content/images/marche.jpg", "une photo")
    assert inputs(tmp_path)[0] != before
    assert read_inputs(tmp_path / "content", ["bons-plans"], tmp_path / "theme", "other settings")[0] != inputs(tmp_path)[0]


def test_a_page_linked_from_the_live_site_is_replaced_never_written_through(tmp_path):
    live = write(tmp_path / "output/bons-plans/marche/index.html", "<p>en ligne</p>")
    new = tmp_path / "output.new/bons-plans/marche/index.html"
    new.parent.mkdir(parents=True)
    os.link(live, new)
    writer = FreshFileWriter(str(tmp_path / "output.new"), settings={})
    writer.write_file("bons-plans/marche/index.html", Template("<p>{{ text }}</p>"), {"text": "nouveau"})
    assert new.read_text(encoding="utf-8") == "<p>nouveau</p>"
    assert live.read_text(encoding="utf-8") == "<p>en ligne</p>"
