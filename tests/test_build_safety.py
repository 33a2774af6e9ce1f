"""What a build must never do: ignore a notice, publish an impossible session, leak a
machine's file, lose the published site, or stop with an English traceback."""

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import BUILD_DATE, ROOT, build, build_site, copy_content, make, write

NOTICE = "Title: {title}\nDate: {date}\nSeance: {day}\nAction: {action}\n{extra}\n{body}\n"


def notice(title="Un avis", date="2026-12-01 10:00", day="2026-12-14", action="annulation", extra="", body="Texte."):
    return NOTICE.format(title=title, date=date, day=day, action=action, extra=extra + "\n" if extra else "", body=body)


def text_of(site, page, day):
    doc = BeautifulSoup(site.html(page), "html.parser")
    return " ".join(doc.find("time", datetime=day).find_parent("li").get_text(" ").split())


def flat(result) -> str:
    return " ".join((result.stdout + result.stderr).split())


def test_a_notice_in_a_subfolder_is_applied_everywhere(tmp_path):
    content = copy_content(tmp_path)
    write(content / "avis/2026/2026-12-14.md", notice(title="Fermeture exceptionnelle"))
    site = build_site(tmp_path, content)
    assert "Lundi 14 décembre 2026 – séance annulée Fermeture exceptionnelle Texte." in text_of(
        site, "programme/2026/12/index.html", "2026-12-14"
    )
    feed = (site.output / "agenda/instant-cafe.ics").read_bytes().decode()
    event = feed.split("UID:instant-cafe-2026-12-14@", 1)[1].split("END:VEVENT", 1)[0]
    assert "STATUS:CANCELLED" in event


@pytest.mark.parametrize(
    "extra, day, action, field, words",
    [
        ("Debut: 12:00", "2026-12-14", "deplacement", "Debut", "finirait (11:30) avant de commencer (12:00)"),
        ("Fin: 09:00", "2026-12-14", "deplacement", "Fin", "indiquez aussi l'heure de début"),
        ("Lieu: le-mably\nDebut: 11:45", "2026-11-30", "ajout", "Debut", "indiquez aussi l'heure de fin"),
    ],
)
def test_a_time_given_alone_never_gives_an_impossible_session(tmp_path, extra, day, action, field, words):
    content = copy_content(tmp_path)
    write(content / f"avis/{day}.md", notice(day=day, action=action, extra=extra))
    result = build(content, tmp_path / "output")
    assert result.returncode != 0
    assert f"content/avis/{day}.md, champ « {field} »" in flat(result) and words in flat(result)
    assert "Traceback" not in flat(result)


def test_a_start_time_alone_keeps_the_usual_end(tmp_path):
    content = copy_content(tmp_path)
    write(content / "avis/2026-12-14.md", notice(action="deplacement", extra="Debut: 10:00"))
    site = build_site(tmp_path, content)
    assert "De 10 h à 11 h 30" in text_of(site, "programme/2026/12/index.html", "2026-12-14").replace("\u00a0", " ")


def test_the_readme_correction_wins_and_a_same_date_correction_is_refused(tmp_path):
    content = copy_content(tmp_path)
    write(content / "avis/2026-12-28.md", notice(day="2026-12-28", date="2026-12-18 10:00"))
    write(
        content / "avis/2026-12-28-2.md",
        notice(day="2026-12-28", date="2026-12-19 10:00", action="retablissement", title="Finalement, le café a lieu"),
    )
    site = build_site(tmp_path / "later", content)
    assert "annulée" not in text_of(site, "programme/2026/12/index.html", "2026-12-28")
    write(content / "avis/2026-12-28-2.md", notice(day="2026-12-28", date="2026-12-18 10:00", action="retablissement"))
    result = build(content, tmp_path / "same" / "output")
    assert result.returncode != 0
    assert "md, champ « Date » : les avis content/avis/2026-12-28-2.md et content/avis/2026-12-28.md" in flat(result)
    assert "on ne sait pas lequel compte" in flat(result)


@pytest.mark.parametrize(
    "args, env, words",
    [
        (("-e", 'ROTATION={"season_start_month": "9"}'), {}, "ROTATION['season_start_month'] » : « '9' » n'est pas un mois"),
        (("-e", "ROTATION=" + json.dumps({"months_ahead": 10**9})), {}, "de 12 à 60 mois"),
        ((), {"BUILD_DATE": "0001-01-01"}, "BUILD_DATE : « 0001-01-01 » n'est pas une date de construction possible"),
        ((), {"BUILD_DATE": "2026-13-01"}, "BUILD_DATE : « 2026-13-01 »"),
        (
            (),
            {"PUBLIC_URL": "instant-cafe.example.org"},
            "PUBLIC_URL : « instant-cafe.example.org » n'est pas une adresse de site possible",
        ),
        ((), {"PUBLIC_URL": "http://instant-cafe.example.org"}, "commence par https://"),
    ],
)
def test_a_setting_of_the_wrong_type_stops_the_build_in_french(tmp_path, args, env, words):
    result = build(ROOT / "content", tmp_path / "output", args=args, env=env)
    assert result.returncode != 0
    assert words in flat(result)
    assert "Traceback" not in flat(result)
    assert not (tmp_path / "output").exists()


def test_every_page_carries_the_content_security_policy(shipped_site):
    settings = {}
    exec((ROOT / "pelicanconf.py").read_text(encoding="utf-8"), settings)
    policy = settings["CONTENT_SECURITY_POLICY"]
    for directive in (
        "default-src 'self'",
        "script-src 'none'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ):
        assert directive in policy
    for page in shipped_site.pages():
        head = BeautifulSoup(shipped_site.html(page), "html.parser").head
        metas = head.find_all("meta")
        assert metas[1].get("http-equiv") == "Content-Security-Policy", f"{page}: the policy must come right after the charset"
        assert metas[1]["content"] == policy, page
    # The staff editor has its own: scripts from the site itself, connections to decap-server on
    # 127.0.0.1 (a preview build); never inline scripts, never another site.
    editor = BeautifulSoup(shipped_site.html("admin/index.html"), "html.parser").head.find("meta", attrs={"http-equiv": True})["content"]
    assert "script-src 'self' 'unsafe-eval';" in editor and "'unsafe-inline'" not in editor.split("style-src")[0]
    assert "connect-src 'self' http://127.0.0.1:8081 http://localhost:8081;" in editor


def test_the_pdf_renderer_reads_nothing_outside_the_print_folder(tmp_path):
    from instant_cafe.pdf_render import render

    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe de la machine", encoding="utf-8")
    print_dir = str((ROOT / "theme/print").resolve())
    html = (
        f'<p>Flyer</p><a rel="attachment" href="{secret.as_uri()}">x</a><img src="{secret.as_uri()}" alt="x">'
        '<a rel="attachment" href="file:///etc/passwd">y</a><a rel="attachment" href="../../pelicanconf.py">z</a>'
        '<a rel="attachment" href="flyer.css">la feuille de style</a>'
    )
    reader = PdfReader(io.BytesIO(render(html, print_dir, "test")))
    attached = {}  # WeasyPrint embeds a rel="attachment" link as a file annotation
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation["/Subtype"] == "/FileAttachment":
                spec = annotation["/FS"]
                attached[str(spec["/F"])] = spec["/EF"]["/F"].get_object().get_data()
    # The style sheet sits in the print folder: embedding it shows the check reads attachments at all.
    assert list(attached) == ["flyer.css"]
    assert b"@font-face" in attached["flyer.css"]


def test_publish_refuses_a_notice_pointing_at_a_machine_file(tmp_path):
    content = copy_content(tmp_path)
    output = tmp_path / "output"
    write(content / "avis/2026-12-14.md", notice(body='<a rel="attachment" href="file:///etc/passwd">le règlement</a>'))
    result = make("publish", content, output)
    assert result.returncode != 0
    assert "content/avis/2026-12-14.md : ligne 6, l'adresse « file:///etc/passwd » de <a> n'est pas acceptée" in flat(result)
    assert not output.exists()


def complete(output: Path) -> bool:
    return all((output / name).is_file() for name in ("index.html", "sitemap.xml", "agenda/instant-cafe.ics", "flyer/instant-cafe.pdf"))


def driver(output: Path, target="html", extra=(), own_group=False):
    env = {**os.environ, "BUILD_DATE": BUILD_DATE, "PYTHONPATH": str(ROOT / "plugins")}
    env.pop("PUBLIC_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "instant_cafe.build", target, "--content", str(ROOT / "content"), "--output", str(output), *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=own_group,
    )


def test_two_builds_at_once_wait_for_each_other(tmp_path):
    output = tmp_path / "output"
    first, second = driver(output), driver(output)
    results = [process.communicate(timeout=300) for process in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, results
    assert any("j'attends qu'elle se termine" in stderr for _, stderr in results)
    assert complete(output)
    # The site, the lock, the build cache (build_cache.py) and the site before, whose folders the
    # next build reuses: nothing half-built left beside them.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output", "output.cache", "output.lock", "output.spare"]


def test_a_build_killed_between_the_two_renames_is_repaired(tmp_path):
    output = tmp_path / "output"
    assert driver(output).wait(timeout=300) == 0
    before = sorted(p.relative_to(output).as_posix() for p in output.rglob("*"))
    # What a kill between `output -> output.old` and `output.new -> output` leaves.
    output.rename(tmp_path / "output.old")
    write(tmp_path / "output.new/index.html", "<p>à moitié")
    process = driver(output, "check")
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0
    assert "Le site précédent a été remis en place" in stderr
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*")) == before
    assert not (tmp_path / "output.old").exists() and not (tmp_path / "output.new").exists()


@pytest.mark.parametrize("delay", [0.3, 0.9, 1.5])
def test_a_build_killed_at_any_moment_leaves_a_site_to_restore(tmp_path, delay):
    output = tmp_path / "output"
    assert driver(output).wait(timeout=300) == 0
    process = driver(output)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert complete(output) or complete(tmp_path / "output.old")
    assert driver(output).wait(timeout=300) == 0
    assert complete(output)


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` and that still run (a zombie is over)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
        except (OSError, IndexError):
            continue
        if int(parent) == pid and state != "Z":
            found.add(int(stat.parent.name))
    return found


def command(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_killed_build_leaves_no_process_behind(tmp_path):
    """A build lacking its PDFs starts the PDF worker at once; killed, it takes the worker along
    (and multiprocessing's helper with it) instead of leaving them idle for ever."""
    process = driver(tmp_path / "output")
    deadline = time.monotonic() + 60
    while not any(b"spawn_main" in command(pid) for pid in children(process.pid)):
        assert process.poll() is None and time.monotonic() < deadline, "no PDF worker started"
        time.sleep(0.05)
    left = children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 15
    while any(running(pid) for pid in left):
        assert time.monotonic() < deadline, "a process of the killed build is still running"
        time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_previews_in_its_own_folder_and_holds_the_lock(tmp_path):
    output = tmp_path / "output"
    assert driver(output).wait(timeout=300) == 0
    before = {p: p.stat().st_mtime_ns for p in output.rglob("*")}
    port = free_port()
    # Its own process group, as in a terminal: Ctrl and C reach Pelican's server and rebuild processes too.
    server = driver(output, "serve", ("--port", str(port)), own_group=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (tmp_path / "output.serve/index.html").is_file():
            time.sleep(0.2)
        assert (tmp_path / "output.serve/index.html").is_file()
        blocked = driver(output)
        _, stderr = blocked.communicate(timeout=60)
        assert blocked.returncode != 0 and "l'aperçu (make serve)" in stderr
        assert {p: p.stat().st_mtime_ns for p in output.rglob("*")} == before
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def commit(folder, message):
    for args in (["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(["git", "-C", str(folder), "-c", "user.email=equipe@example.org", "-c", "user.name=Équipe", *args], check=True)


def test_a_published_notice_that_is_deleted_stops_the_build(tmp_path):
    content = copy_content(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(content / "avis/2026-12-14.md", notice(title="Fermé"))
    write(content / "avis/2026-03-02.md", notice(day="2026-03-02", title="Ancien"))
    commit(tmp_path, "Deux avis")
    (content / "avis/2026-12-14.md").unlink()
    (content / "avis/2026-03-02.md").unlink()  # its session left the feed long ago: no harm
    commit(tmp_path, "Avis supprimés")
    result = build(content, tmp_path / "output")
    assert result.returncode != 0
    assert "content/avis/2026-12-14.md : cet avis pour la séance du 2026-12-14 a été publié puis supprimé" in flat(result)
    assert "2026-03-02" not in flat(result)
    write(content / "avis/2026-12-14.md", notice(title="Fermé"))
    assert build(content, tmp_path / "again").returncode == 0
