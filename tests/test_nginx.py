"""The sample nginx configuration, served by Debian's nginx on 127.0.0.1 over a copy of the shipped site."""

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, write
from quality import require

NGINX_SAMPLE = ROOT / ".deploy/nginx-instant-cafe.conf"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_binary() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def configuration(work: Path, root: Path, port: int) -> Path:
    """The sample, on a free port of 127.0.0.1 and ``root``, inside a minimal nginx.conf."""
    site = NGINX_SAMPLE.read_text(encoding="utf-8")
    assert "listen 80;" in site and "root /srv/instant-cafe/output;" in site
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /srv/instant-cafe/output;", f"root {root};")
    (work / "site.conf").write_text(site, encoding="utf-8")
    temp_paths = "\n".join(f"  {name}_temp_path {work}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = work / "nginx.conf"
    conf.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\ndaemon off;\nevents {{}}\n"
        + f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n{temp_paths}\n"
        + f"  include {work}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    return conf


@pytest.fixture(scope="module")
def served(shipped_site, tmp_path_factory):
    """The shipped site plus the dotfiles a careless deployment leaves behind."""
    binary = nginx_binary()
    require("nginx", binary is not None)
    work = tmp_path_factory.mktemp("nginx")
    root = work / "root"
    shutil.copytree(shipped_site.output, root)
    write(root / ".git/config", "[core]\n\tsecret = oui\n")
    write(root / ".env", "MOT_DE_PASSE=secret\n")
    write(root / ".well-known/acme-challenge/jeton", "jeton-de-renouvellement")
    port = free_port()
    conf = configuration(work, root, port)
    process = subprocess.Popen([binary, "-c", str(conf), "-p", str(work)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {process.stderr.read().decode()}")
            time.sleep(0.1)
    yield {"url": f"http://127.0.0.1:{port}", "conf": conf, "work": work, "root": root}
    process.terminate()
    process.wait(timeout=10)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_configuration_passes_nginx_t_without_a_warning(served):
    result = subprocess.run([nginx_binary(), "-t", "-c", str(served["conf"]), "-p", str(served["work"])], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr and "[emerg]" not in result.stderr, result.stderr


def test_home_page_with_security_headers(served):
    status, headers, body = fetch(served["url"] + "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert headers["Cache-Control"] == "no-cache"
    assert "Server" not in headers or "nginx/" not in headers["Server"]
    assert b'lang="fr"' in body


def test_header_and_page_policies_agree(served):
    """The page's <meta> policy is the header's, minus what only a header can carry."""
    _, headers, body = fetch(served["url"] + "/")
    meta = body.decode().split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    header = headers["Content-Security-Policy"].replace("; frame-ancestors 'none'", "")
    assert meta.replace("&#39;", "'") == header


def test_the_editor_has_its_own_policy_the_one_its_page_carries_online(served):
    """admin/ is the one place with scripts: nginx sends the policy the build writes into the page
    for a forge at forge.example.org (the address the sample asks to replace), plus frame-ancestors."""
    from instant_cafe.editor_config import editor_policy
    from instant_cafe.settings import EditorSettings

    status, headers, body = fetch(served["url"] + "/admin/")
    assert status == 200 and b"decap-cms/decap-cms.js" in body
    online = editor_policy(
        EditorSettings(repo="ccas-dijon/instant-cafe", forge_url="https://forge.example.org", app_id="x"), local_port=None
    )
    assert headers["Content-Security-Policy"] == online + "; frame-ancestors 'none'"
    assert "127.0.0.1" not in online and "'unsafe-eval'" in online
    assert headers["X-Robots-Tag"] == "noindex, nofollow"
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Strict-Transport-Security"] == "max-age=31536000"
    status, headers, _ = fetch(served["url"] + "/admin/decap-cms/decap-cms.js")
    assert status == 200 and headers["Content-Type"] == "application/javascript"
    # The public pages keep theirs: no script anywhere else.
    _, headers, _ = fetch(served["url"] + "/programme/")
    assert "script-src 'none'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/.git/config", "/.env", "/.git/", "/theme/.cache"])
def test_dotfiles_are_never_served(served, path):
    status, _, body = fetch(served["url"] + path)
    assert status == 404
    assert b"secret" not in body


def test_well_known_stays_reachable_for_certificates(served):
    status, _, body = fetch(served["url"] + "/.well-known/acme-challenge/jeton")
    assert status == 200 and body == b"jeton-de-renouvellement"


def test_feed_is_text_calendar(served):
    status, headers, body = fetch(served["url"] + "/agenda/instant-cafe.ics")
    assert status == 200
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert headers["Cache-Control"] == "public, max-age=3600"
    assert body == (served["root"] / "agenda/instant-cafe.ics").read_bytes()


def test_posts_feed_is_atom(served):
    status, headers, body = fetch(served["url"] + "/feeds/bons-plans.atom.xml")
    assert status == 200
    assert headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert body.startswith(b"<?xml")


def test_flyer_pdf(served):
    status, headers, body = fetch(served["url"] + "/flyer/instant-cafe.pdf")
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert body.startswith(b"%PDF-")


def test_a_missing_page_gets_our_404(served):
    status, _, body = fetch(served["url"] + "/programme/1999/01/")
    assert status == 404
    assert "Page introuvable" in body.decode("utf-8")


def test_the_old_address_redirects_everything_permanently(served):
    request = urllib.request.Request(served["url"] + "/agenda/instant-cafe.ics?x=1", headers={"Host": "ancienne-adresse.example.org"})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        urllib.request.build_opener(NoRedirect).open(request, timeout=10)
        raise AssertionError("no redirect")
    except urllib.error.HTTPError as error:
        assert error.code == 301
        assert error.headers["Location"] == "https://instant-cafe.example.org/agenda/instant-cafe.ics?x=1"
