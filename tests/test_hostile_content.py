"""The hostile corpus (tests/hostile/vectors.jsonl), built for real.

Each vector sits alone in its own content file. A vector marked « refused »
stops the build with a French message naming that file; one marked « built »
is published and then opened in Debian's chromium: no request leaves
127.0.0.1, no dialog opens, the page does not navigate away, and no event
handler or javascript: link reaches the DOM.
"""

import json
import os
import re
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT, build, copy_content, write
from quality import AXE, CHROMIUM, CHROMIUM_ARGS, require, serve

VECTORS = [json.loads(line) for line in (ROOT / "tests/hostile/vectors.jsonl").read_text(encoding="utf-8").split("\n") if line]
REFUSED = [v for v in VECTORS if v["expect"] == "refused"]
BUILT = [v for v in VECTORS if v["expect"] == "built"]
# Where a vector is caught: the header check runs before Pelican reads any
# file; the sanitizer runs on what Pelican's Markdown reader produced.
HEADER_STAGE = {
    "post-title",
    "post-status",
    "notice-title",
    "venue-address",
    "page-save_as",
    "page-slug",
    "page-url",
    "page-template",
    "image",
}

POST = "Title: {title}\nDate: 2026-11-20 10:00\nSemaine: 2026-11-30\nSummary: {summary}\nStatus: {status}\n\n{body}\n"
NOTICE = "Title: {title}\nDate: 2026-11-{day:02d} 10:00\nSeance: 2026-12-07\nAction: annulation\n\n{body}\n"
VENUE = "Title: Un café\nSlug: {slug}\nRang: 1\nAdresse: {address}\nCode_postal: 21000\nVille: Dijon\n\n{body}\n"
PAGE_FIELDS = {"page-save_as": "Save_as", "page-slug": "Slug", "page-url": "Url", "page-template": "Template"}


def slug(vector) -> str:
    return "v-" + vector["id"]


def place(content: Path, vector, number: int = 1) -> str:
    """Write ``vector`` into its own file of ``content``; return the file as staff see it."""
    where, payload, name = vector["where"], vector["payload"], slug(vector)
    if where.startswith("post-"):
        values = {"title": "Un vecteur", "summary": "Un résumé.", "status": "published", "body": "Texte."}
        values[where.removeprefix("post-").replace("body", "body")] = payload
        relative = f"bons-plans/{name}.md"
        write(content / relative, POST.format(**values))
    elif where.startswith("notice-"):
        values = {"title": "Un avis", "body": "Texte.", "day": 1 + number % 28}
        values[where.removeprefix("notice-")] = payload
        relative = f"avis/{name}.md"
        write(content / relative, NOTICE.format(**values))
    elif where.startswith("venue-"):
        values = {"slug": name, "address": "1 rue du Vecteur", "body": "Texte."}
        values[where.removeprefix("venue-")] = payload
        relative = f"lieux/{name}.md"
        write(content / relative, VENUE.format(**values))
    elif where == "page-body":
        relative = f"pages/{name}.md"
        write(content / relative, f"Title: Un vecteur\n\n{payload}\n")
    elif where in PAGE_FIELDS:
        relative = f"pages/{name}.md"
        write(content / relative, f"Title: Un vecteur\n{PAGE_FIELDS[where]}: {payload}\n\nTexte.\n")
    elif where == "image":
        filename, data = payload.split("|", 1)
        relative = f"images/{filename}"
        (content / "images").mkdir(exist_ok=True)
        if data.startswith("->"):
            os.symlink(data[2:], content / relative)
        else:
            write(content / relative, data)
    else:
        raise AssertionError(f"unknown place {where}")
    return f"content/{relative}"


def add_site_image(content: Path) -> None:
    (content / "images").mkdir(exist_ok=True)
    Image.new("RGB", (40, 30), (120, 80, 40)).save(content / "images/cafe.png")


def refused_lines(output: str) -> dict[str, list[str]]:
    """The French error lines, by the file they name."""
    lines: dict[str, list[str]] = {}
    for match in re.finditer(r"^\s*-?\s*(content/\S+?\.\w+)(?:, champ « [^»]+ »)? : (.+)$", output, re.M):
        lines.setdefault(match[1], []).append(match[2])
    return lines


def test_the_corpus_is_large_and_covers_every_place():
    assert len(VECTORS) >= 40
    assert {v["where"] for v in REFUSED} >= {
        "post-body",
        "post-summary",
        "post-title",
        "notice-body",
        "venue-body",
        "page-body",
        "image",
        "page-save_as",
    }
    assert len({v["id"] for v in VECTORS}) == len(VECTORS)


@pytest.mark.parametrize("stage", ["header", "reader"])
def test_every_refused_vector_is_named_in_french(tmp_path, stage, capsys):
    vectors = [v for v in REFUSED if (v["where"] in HEADER_STAGE) == (stage == "header")]
    content = copy_content(tmp_path)
    add_site_image(content)
    files = {place(content, vector, number): vector["id"] for number, vector in enumerate(vectors)}
    output = tmp_path / "output"
    result = build(content, output)
    text = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in text, text
    assert not output.exists(), "a refused build must publish nothing"
    named = refused_lines(text)
    missing = [vector for path, vector in files.items() if path not in named]
    assert not missing, f"vectors not refused by name: {missing}\n{text}"
    with capsys.disabled():
        print(f"\n{len(files)} vecteurs refusés ({stage}) :")
        for path in sorted(files):
            print(f"  {path} : {named[path][0][:110]}")


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("built-vectors")
    content = copy_content(folder)
    add_site_image(content)
    for vector in BUILT:
        place(content, vector)
    output = folder / "output"
    result = build(content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_built_vectors_keep_what_staff_wrote(built_site):
    page = (built_site / "bons-plans/v-https-link/index.html").read_text(encoding="utf-8")
    assert 'href="https://www.dijon.fr/"' in page
    page = (built_site / "bons-plans/v-escaped-script-text/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page and "<script>" not in page.split("<main", 1)[1]
    page = (built_site / "bons-plans/v-attribute-list-title/index.html").read_text(encoding="utf-8")
    assert 'title="Le site de la ville"' in page and "{:" not in page
    page = (built_site / "bons-plans/v-comment/index.html").read_text(encoding="utf-8")
    assert "note interne" not in page
    assert (built_site / "images/cafe.png").is_file()


ATTRIBUTES_THAT_RUN = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attribute of el.attributes) {
      const value = attribute.value.trim().toLowerCase();
      if (attribute.name.startsWith('on') || value.startsWith('javascript:') || value.startsWith('data:text')) {
        found.push(el.tagName.toLowerCase() + ' ' + attribute.name);
      }
    }
  }
  return found;
}"""


@pytest.mark.browser
def test_built_vectors_are_harmless_in_chromium(built_site):
    require("chromium", Path(CHROMIUM).exists() and AXE.is_file())
    from playwright.sync_api import sync_playwright

    pages = [f"bons-plans/{slug(v)}/" for v in BUILT if v["where"] == "post-body"] + ["", "bons-plans/"]
    problems = []
    with serve(built_site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        host = base_url.split("/")[2]
        for path in pages:
            context = browser.new_context()
            page = context.new_page()

            def route(route, path=path, problems=problems):
                if route.request.url.split("/")[2] != host:
                    problems.append(f"{path}: requête vers {route.request.url}")
                    route.abort()
                else:
                    route.continue_()

            context.route("**/*", route)
            page.on(
                "dialog",
                lambda dialog, path=path, problems=problems: (problems.append(f"{path}: dialogue {dialog.message}"), dialog.dismiss()),
            )
            page.goto(base_url + path, wait_until="load")
            for _ in range(6):
                page.keyboard.press("Tab")
            page.mouse.move(100, 200)
            page.wait_for_timeout(100)
            if page.url != base_url + path:
                problems.append(f"{path}: la page est partie vers {page.url}")
            problems += [f"{path}: {found}" for found in page.evaluate(ATTRIBUTES_THAT_RUN)]
            context.close()
        browser.close()
    assert not problems, "\n".join(problems)
