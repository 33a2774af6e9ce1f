"""Any public address works, a sub-path included (a GitHub Pages project site), and a change of
address costs subscribers nothing."""

import re
import socket
from collections import deque
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from conftest import EDITOR, ROOT, make
from quality import AXE, CHROMIUM, CHROMIUM_ARGS, require

SUB_PATH = "/instant-cafe"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    """`make publish` for http://127.0.0.1:PORT/instant-cafe, served from that very sub-path."""
    folder = tmp_path_factory.mktemp("sub-path")
    port = free_port()
    public_url = f"http://127.0.0.1:{port}{SUB_PATH}"
    result = make("publish", ROOT / "content", folder / "root" / SUB_PATH.strip("/"), public_url=public_url)
    assert result.returncode == 0, result.stdout + result.stderr

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder / "root"), **kwargs)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Quiet)
    Thread(target=server.serve_forever, daemon=True).start()
    yield public_url, folder / "root" / SUB_PATH.strip("/")
    server.shutdown()
    server.server_close()


def test_every_address_inside_the_site_keeps_its_sub_path(sub_path_site):
    public_url, output = sub_path_site
    home = (output / "index.html").read_text(encoding="utf-8")
    assert f'href="{public_url}/programme/"' in home and f'href="{public_url}/theme/css/site.css"' in home
    feed = (output / "agenda/instant-cafe.ics").read_bytes().replace(b"\r\n ", b"")
    assert f"\r\nURL:{public_url}/agenda/instant-cafe.ics\r\n".encode() in feed
    assert f"URL:{public_url}/programme/2026/12/#seance-2026-12-07".encode() in feed
    agenda = (output / "agenda/index.html").read_text(encoding="utf-8")
    assert f"webcal://127.0.0.1:{urlsplit(public_url).port}{SUB_PATH}/agenda/instant-cafe.ics" in agenda


@pytest.mark.browser
def test_a_crawl_of_the_sub_path_site_finds_no_broken_link(sub_path_site):
    require("chromium", Path(CHROMIUM).exists() and AXE.is_file())
    from playwright.sync_api import sync_playwright

    public_url, output = sub_path_site
    origin = public_url.removesuffix(SUB_PATH)
    problems, seen, pages = [], set(), 0
    queue = deque([public_url + "/"])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()

        def route(route):
            if route.request.url.startswith(origin):
                route.continue_()
            else:
                problems.append(f"requête vers l'extérieur : {route.request.url}")
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
        while queue:
            url = queue.popleft()
            if url in seen:
                continue
            seen.add(url)
            if not url.startswith(public_url + "/"):
                problems.append(f"lien hors du site : {url}")
                continue
            if not url.endswith(("/", ".html")):
                response = context.request.get(url)
                if response.status != 200:
                    problems.append(f"{response.status} {url}")
                continue
            page.goto(url, wait_until="load")
            pages += 1
            for href in page.eval_on_selector_all("a[href], link[href], img[src]", "els => els.map(e => e.href || e.src)"):
                target = urldefrag(urljoin(url, href))[0]
                if target.startswith(origin):
                    queue.append(target)
        browser.close()
    html_pages = len([page for page in output.rglob("*.html") if not page.relative_to(output).as_posix().startswith(EDITOR)])
    assert pages >= html_pages - 1, f"{pages} pages crawled for {html_pages} on disk"  # 404.html is not linked
    assert not problems, "\n".join(problems)


def test_uids_are_the_same_under_two_public_addresses(tmp_path):
    uids = []
    for name, address in (("a", "https://cafe.dijon.test"), ("b", "https://ccas-dijon.github.io/instant-cafe")):
        output = tmp_path / name
        assert make("publish", ROOT / "content", output, public_url=address).returncode == 0
        feed = (output / "agenda/instant-cafe.ics").read_bytes()
        uids.append(re.findall(rb"\r\nUID:(.*?)\r\n", feed))
        assert address.encode() in feed
    assert uids[0] == uids[1] and len(uids[0]) > 40
