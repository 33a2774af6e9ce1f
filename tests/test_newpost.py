"""`make newpost`: next Monday's skeleton, kept as a draft until staff publish it."""

import os
import subprocess
import sys

from conftest import ROOT, build_site, copy_content


def newpost(content, build_date):
    env = {**os.environ, "BUILD_DATE": build_date, "PYTHONPATH": str(ROOT / "plugins")}
    return subprocess.run([sys.executable, "-m", "instant_cafe.newpost", str(content)], env=env, capture_output=True, text=True)


def test_newpost_creates_next_mondays_draft(tmp_path):
    content = copy_content(tmp_path)
    result = newpost(content, "2026-12-15")
    assert result.returncode == 0
    path = content / "bons-plans/2026-12-21.md"
    assert result.stdout.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert "Title: Les bons plans de la semaine du 21 décembre\n" in text
    assert "Semaine: 2026-12-21\n" in text and "Status: draft\n" in text

    site = build_site(tmp_path, content)
    assert not (site.output / "bons-plans/2026-12-21").exists()

    path.write_text(text.replace("Status: draft", "Status: published"), encoding="utf-8")
    site = build_site(tmp_path / "again", content)
    assert (site.output / "bons-plans/2026-12-21/index.html").is_file()


def test_newpost_on_a_monday_prepares_the_following_one_and_never_overwrites(tmp_path):
    content = copy_content(tmp_path)
    assert newpost(content, "2026-12-21").stdout.strip().endswith("2026-12-28.md")
    again = newpost(content, "2026-12-21")
    assert again.returncode == 1 and "existe déjà" in again.stderr
