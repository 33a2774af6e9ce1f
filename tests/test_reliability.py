"""Reproducible bytes and atomic publishing."""

import hashlib
import shutil
from pathlib import Path

from conftest import ROOT, build, copy_content, make, write
from quality import require


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
    feed = (output / "agenda/instant-cafe.ics").read_bytes()
    assert b"\r\nURL:https://cafe.dijon.test/agenda/instant-cafe.ics\r\n" in feed
    # The UID does not follow the address: a move costs subscribers nothing.
    assert b"UID:instant-cafe-2026-12-07@instant-cafe.ccas-dijon" in feed


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
