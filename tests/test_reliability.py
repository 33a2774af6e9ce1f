"""Reproducible bytes, atomic publishing and the sample nginx configuration."""

import hashlib
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import BUILD_DATE, ROOT, build, copy_content, write
from quality import require

NGINX_SAMPLE = ROOT / ".deploy/nginx-instant-cafe.conf"


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_builds_in_different_environments_are_byte_identical(tmp_path):
    faketime = shutil.which("faketime")
    require("faketime", faketime is not None)
    first = build(ROOT / "content", tmp_path / "a", env={"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C", "LANG": "C"})
    second = build(
        ROOT / "content",
        tmp_path / "b",
        env={"PYTHONHASHSEED": "4242", "TZ": "Pacific/Auckland", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
        wrapper=(faketime, "2031-07-14 08:00:00"),
    )
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert a.keys() == b.keys()
    different = [name for name in a if a[name] != b[name]]
    assert not different, different
    assert any(name.endswith(".pdf") for name in a) and "agenda/instant-cafe.ics" in a and "sitemap.xml" in a


PUBLIC = "https://instant-cafe.example.org"


def make(target: str, content: Path, output: Path, public_url: str = PUBLIC):
    environment = {**os.environ, "BUILD_DATE": BUILD_DATE, "PUBLIC_URL": public_url}
    return subprocess.run(
        ["make", "-C", str(ROOT), target, f"INPUTDIR={content}", f"OUTPUTDIR={output}", f"VENV={ROOT / '.venv'}"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_failed_publish_leaves_the_previous_site_exactly_as_it_was(tmp_path):
    content = copy_content(tmp_path)
    output = tmp_path / "output"
    good = make("publish", content, output)
    assert good.returncode == 0, good.stdout + good.stderr
    before = tree(output)
    assert "index.html" in before
    write(content / "bons-plans/2026-12-21.md", "Title: Oups\nDate: 21/12/2026\nSemaine: 2026-12-21\n\nTexte.\n")
    bad = make("publish", content, output)
    assert bad.returncode != 0
    assert "content/bons-plans/2026-12-21.md, champ « Date »" in " ".join((bad.stdout + bad.stderr).split())
    assert tree(output) == before
    assert not Path(f"{output}.new").exists()


def test_publish_uses_absolute_links_on_the_public_address(tmp_path):
    output = tmp_path / "output"
    result = make("publish", ROOT / "content", output, public_url="https://cafe.dijon.test")
    assert result.returncode == 0, result.stderr
    home = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="https://cafe.dijon.test/programme/"' in home
    assert b"UID:instant-cafe-2026-12-07@cafe.dijon.test" in (output / "agenda/instant-cafe.ics").read_bytes()


def test_publish_refuses_to_run_without_the_public_address(tmp_path):
    output = tmp_path / "output"
    result = make("publish", ROOT / "content", output, public_url="")
    assert result.returncode != 0
    assert "indiquez l'adresse publique du site" in result.stdout + result.stderr
    assert not output.exists()


def test_publish_refuses_a_build_with_a_broken_link(tmp_path):
    content = copy_content(tmp_path)
    output = tmp_path / "output"
    assert make("publish", content, output).returncode == 0
    before = tree(output)
    write(content / "pages/liens.md", "Title: Liens\nSlug: liens\n\n[Le programme](/programme/1999/01/)\n")
    result = make("publish", content, output)
    assert result.returncode != 0
    assert "liens/index.html" in result.stderr and "fichier absent" in result.stderr
    assert tree(output) == before


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(shipped_site, tmp_path_factory):
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    require("nginx", binary is not None)
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    site = NGINX_SAMPLE.read_text(encoding="utf-8")
    assert "listen 80;" in site and "root /srv/instant-cafe/output;" in site
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};").replace(
        "root /srv/instant-cafe/output;", f"root {shipped_site.output};"
    )
    (work / "site.conf").write_text(site, encoding="utf-8")
    temp_paths = "\n".join(f"  {name}_temp_path {work}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\ndaemon off;\nevents {{}}\n"
        + f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n{temp_paths}\n"
        + f"  include {work}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen([binary, "-c", str(work / "nginx.conf"), "-p", str(work)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {process.stderr.read().decode()}")
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_nginx_serves_the_home_page_with_security_headers(nginx):
    status, headers, body = fetch(nginx + "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "script-src" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cache-Control"] == "no-cache"
    assert "Server" not in headers or "nginx/" not in headers["Server"]
    assert b'lang="fr"' in body


def test_nginx_serves_the_feed_as_text_calendar(nginx, shipped_site):
    status, headers, body = fetch(nginx + "/agenda/instant-cafe.ics")
    assert status == 200
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert headers["Cache-Control"] == "public, max-age=3600"
    assert body == (shipped_site.output / "agenda/instant-cafe.ics").read_bytes()


def test_nginx_serves_the_flyer_pdf(nginx):
    status, headers, body = fetch(nginx + "/flyer/instant-cafe.pdf")
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert body.startswith(b"%PDF-")


def test_nginx_answers_a_missing_page_with_our_404(nginx):
    status, headers, body = fetch(nginx + "/programme/1999/01/")
    assert status == 404
    assert "Page introuvable" in body.decode("utf-8")
