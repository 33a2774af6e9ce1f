"""The staff editor (admin/) in real chromium, saving through decap-server into a temporary clone.

What staff do on a local clone with `make editeur`: write a week's post, cancel one session, move
another, change a title; then the files written (bytes), the content check, the rebuilt pages and
feed. Nothing may leave 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import ROOT, build, build_site, write
from quality import AXE, AXE_TAGS, CHROMIUM, CHROMIUM_ARGS, require, serve

DECAP_SERVER = ROOT / "theme/admin/server/node_modules/decap-server/dist/index.js"
# The browser's clock: a Friday morning in Dijon, the day the tests build for.
NOW = "2026-11-27T10:00:00+01:00"

# A body with everything Decap's Markdown widget would rewrite: « * » lists, a numbered list,
# a {filename} link, a hard line break (two spaces), emphasis with underscores, an HTML entity.
TRICKY_BODY = """\
## Un marché de Noël

* Place de la Libération, _en plein air_.
* Pensez à vous couvrir.

1. Venez au café lundi ;
2. nous en parlerons ensemble.

Voir la page [Contact]({filename}/pages/contact.md) pour nous joindre.<BR>
Une ligne après un retour forcé &amp; un « & ».
""".replace("<BR>", "  ")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """A clone with the shipped content, decap-server on it, the built site served; yields a dict."""
    require("chromium", Path(CHROMIUM).exists())
    require("decap-server (make test installs it)", DECAP_SERVER.exists() and shutil.which("node") is not None)
    work = tmp_path_factory.mktemp("editor")
    repo = work / "clone"
    shutil.copytree(ROOT / "content", repo / "content")
    post = repo / "content/bons-plans/2026-12-07.md"
    head, _, _ = post.read_text(encoding="utf-8").partition("\n\n")
    write(post, head + "\n\n" + TRICKY_BODY)
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    git(repo, "config", "user.name", "Équipe du CCAS")
    git(repo, "config", "user.email", "equipe@example.invalid")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Contenu de départ")

    port = free_port()
    log = (work / "decap-server.log").open("wb")
    server = subprocess.Popen(
        ["node", str(DECAP_SERVER)],
        env={**os.environ, "GIT_REPO_DIRECTORY": str(repo), "MODE": "git", "BIND_HOST": "127.0.0.1", "PORT": str(port)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info"}', timeout=1)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"decap-server did not start: {(work / 'decap-server.log').read_text()}")
            time.sleep(0.2)
    site = build_site(work, repo / "content", args=("-e", f"EDITOR_LOCAL_PORT={port}"))
    with serve(site.output) as base:
        yield {"repo": repo, "base": base, "output": site.output, "work": work}
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Session:
    """One browser context on admin/, every request outside 127.0.0.1 refused and recorded."""

    def __init__(self, browser, base: str, javascript: bool = True):
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="fr-FR", timezone_id="Europe/Paris", java_script_enabled=javascript
        )
        self.context.clock.install(time=NOW)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.base = base

    def _route(self, route):
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, fragment: str, ready: str = "[id^=Title-field]"):
        """admin/ at ``fragment``, logged in (decap-server asks for no password: one click)."""
        self.page.goto("about:blank")  # a fresh start, not a hash change inside the last entry
        self.page.goto(f"{self.base}admin/#/{fragment}")
        login = self.page.get_by_role("button", name="Se connecter")
        target = self.page.locator(ready).first
        login.or_(target).first.wait_for()
        if login.is_visible():
            login.click()
        target.wait_for()
        return self.page

    def choose(self, field: str, option: str):
        self.page.locator(f"[id^={field}-field]").click()
        self.page.get_by_role("option", name=option, exact=True).click()

    def fill(self, field: str, text: str):
        self.page.locator(f"[id^={field}-field]").fill(text)

    def publish(self, repo: Path):
        commits = git(repo, "rev-list", "--count", "HEAD")
        self.page.get_by_role("button", name="Publier").click()
        self.page.get_by_role("menuitem", name="Publier maintenant").click()
        deadline = time.monotonic() + 20
        while git(repo, "rev-list", "--count", "HEAD") == commits:
            assert time.monotonic() < deadline, "the editor did not commit"
            # Not time.sleep: the routes above are served while Playwright waits.
            self.page.wait_for_timeout(200)

    def close(self):
        self.context.close()


def test_staff_publish_a_post_cancel_and_move_sessions_and_change_a_title(editor, browser, tmp_path):
    repo = editor["repo"]
    before = (repo / "content/bons-plans/2026-12-07.md").read_bytes()
    session = Session(browser, editor["base"])

    # A week's post.
    session.open("collections/bons-plans/new")
    session.fill("Title", "Les bons plans de la semaine du 21 décembre")
    session.choose("Semaine", "lundi 21 décembre 2026")
    session.fill("Summary", "Un marché de Noël et une promenade.")
    session.fill("body", "## Le marché de Noël\n\nIl ouvre place de la Libération.\n")
    session.publish(repo)

    # Cancel the first Monday of December, move the second to Le Déclit.
    session.open("collections/avis/new")
    session.fill("Title", "Pas de café le lundi 7 décembre")
    session.choose("Seance", "lundi 7 décembre 2026")
    session.choose("Action", "annulation : la séance n'a pas lieu")
    session.fill("body", "L'équipe est en formation ce jour-là.\n")
    session.publish(repo)
    session.open("collections/avis/new")
    session.fill("Title", "Le 14 décembre, rendez-vous au Déclit")
    session.choose("Seance", "lundi 14 décembre 2026")
    session.choose("Action", "déplacement : un autre café ou un autre horaire")
    session.choose("Lieu", "Le Déclit")
    session.fill("body", "Le Mably est fermé ce lundi-là.\n")
    session.publish(repo)

    # A title changed in a post whose text the Markdown widget would have rewritten.
    session.open("collections/bons-plans/entries/2026-12-07")
    session.fill("Title", "Bien au chaud en décembre")
    session.publish(repo)

    # A published notice cannot be deleted from the editor.
    session.open("collections/avis/entries/2026-12-07")
    expect(session.page.locator("[id^=Title-field]")).to_have_value("Pas de café le lundi 7 décembre")
    assert session.page.get_by_role("button", name="Supprimer l'entrée").count() == 0
    session.close()
    assert session.outside == [] and session.errors == []

    assert (repo / "content/bons-plans/2026-12-21.md").read_text(encoding="utf-8") == (
        "Title: Les bons plans de la semaine du 21 décembre\n"
        "Date: 2026-11-27 10:00\n"
        "Semaine: 2026-12-21\n"
        "Summary: Un marché de Noël et une promenade.\n"
        "\n"
        "## Le marché de Noël\n\nIl ouvre place de la Libération.\n"
    )
    assert (repo / "content/avis/2026-12-07.md").read_text(encoding="utf-8") == (
        "Title: Pas de café le lundi 7 décembre\nDate: 2026-11-27 10:00\nSeance: 2026-12-07\nAction: annulation\n\n"
        "L'équipe est en formation ce jour-là.\n"
    )
    assert (repo / "content/avis/2026-12-14.md").read_text(encoding="utf-8") == (
        "Title: Le 14 décembre, rendez-vous au Déclit\nDate: 2026-11-27 10:00\nSeance: 2026-12-14\nAction: deplacement\n"
        "Lieu: le-declit\n\nLe Mably est fermé ce lundi-là.\n"
    )
    after = (repo / "content/bons-plans/2026-12-07.md").read_bytes()
    assert after.split(b"\n", 1)[0] == "Title: Bien au chaud en décembre".encode()
    assert after.split(b"\n", 1)[1] == before.split(b"\n", 1)[1], "the title edit changed something else"

    # Four ordinary commits, in French, signed by the clone's user.
    log = git(repo, "log", "--format=%an|%s", "-4").splitlines()
    assert log == [
        "Équipe du CCAS|Modification dans « bons plans de la semaine » : 2026-12-07",
        "Équipe du CCAS|Nouveau dans « avis » : 2026-12-14",
        "Équipe du CCAS|Nouveau dans « avis » : 2026-12-07",
        "Équipe du CCAS|Nouveau dans « bons plans de la semaine » : 2026-12-21",
    ]
    assert git(repo, "status", "--porcelain") == ""

    # `make check` passes, and the rebuilt site shows the changes.
    checked = build(repo / "content", tmp_path / "checked", target="check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = build_site(tmp_path, repo / "content")
    december = site.html("programme/2026/12/index.html")
    assert "Pas de café le lundi 7 décembre" in december and "Le 14 décembre, rendez-vous au Déclit" in december
    assert "Bien au chaud en décembre" in site.html("bons-plans/index.html")
    feed = (site.output / "agenda/instant-cafe.ics").read_bytes()
    assert b"STATUS:CANCELLED" in (site.output / "agenda/seances/2026-12-07.ics").read_bytes()
    assert b"Le D\xc3\xa9clit" in (site.output / "agenda/seances/2026-12-14.ics").read_bytes()
    assert feed.count(b"BEGIN:VEVENT") > 40
    # The 21 December post is dated 27 November: published at once, with the session of its week.
    page = site.html("bons-plans/2026-12-21/index.html")
    assert "Il ouvre place de la Libération." in page and "Le Déclit" in page


# axe-core inside Decap's own interface: what it reports there, looked at, and listed in the README
# (section « Accessibility of the editor »). Anything else fails; our own page, without JavaScript, has none.
DECAP_VIOLATIONS = {
    "landmark-one-main": "login screen: no <main>",
    "page-has-heading-one": "login screen: no <h1>",
    "region": "entry editor: the back link sits outside any landmark",
    "color-contrast": "white on Decap's light blue and red badges",
    "frame-title": "the preview <iframe> has no title",
    "label-content-name-mismatch": "the « Maintenant » button is labelled « Set Date to now »",
}


def axe(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return sorted(violation["id"] for violation in results["violations"])


def test_axe_on_the_editor(editor, browser):
    ours = Session(browser, editor["base"], javascript=False)
    ours.page.goto(f"{editor['base']}admin/")
    assert ours.page.get_by_role("heading", level=1).inner_text() == "Éditeur du site"
    ours.close()
    assert axe_without_script(browser, editor["base"]) == []

    session = Session(browser, editor["base"])
    found = {}
    session.page.goto(f"{editor['base']}admin/")
    session.page.get_by_role("button", name="Se connecter").wait_for()
    found["connexion"] = axe(session.page)
    for fragment in ("collections/bons-plans", "collections/avis/new", "collections/bons-plans/entries/2026-11-30"):
        session.open(fragment, ready="[id^=Title-field], [href*='collections/bons-plans/entries']")
        found[fragment] = axe(session.page)
    session.close()
    unexpected = {where: [rule for rule in rules if rule not in DECAP_VIOLATIONS] for where, rules in found.items()}
    assert all(not rules for rules in unexpected.values()), unexpected
    assert session.outside == []


def axe_without_script(browser, base: str) -> list[str]:
    """What a browser without JavaScript shows: the editor's scripts refused, the <noscript> text made
    markup (axe itself needs JavaScript to run)."""
    session = Session(browser, base)
    session.page.route("**/admin/*.js", lambda route: route.abort())
    session.page.route("**/admin/decap-cms/*", lambda route: route.abort())
    session.page.goto(f"{base}admin/")
    session.page.evaluate("document.querySelectorAll('noscript').forEach(n => { n.outerHTML = n.textContent; })")
    assert session.page.get_by_role("heading", level=1).inner_text() == "Éditeur du site"
    found = axe(session.page)
    session.close()
    return found
