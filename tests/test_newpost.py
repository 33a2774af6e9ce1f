"""`make newpost`: a week's skeleton, kept as a draft until staff fill and publish it."""

import os
import subprocess
import sys

from conftest import ROOT, build, build_site, copy_content


def newpost(content, build_date, week=""):
    env = {**os.environ, "BUILD_DATE": build_date, "SEMAINE": week, "PYTHONPATH": str(ROOT / "plugins")}
    return subprocess.run([sys.executable, "-m", "instant_cafe.newpost", str(content)], env=env, capture_output=True, text=True)


def test_newpost_creates_next_mondays_draft_that_must_be_filled_before_it_is_published(tmp_path):
    content = copy_content(tmp_path)
    result = newpost(content, "2026-12-15")
    assert result.returncode == 0
    path = content / "bons-plans/2026-12-21.md"
    assert result.stdout.splitlines() == [
        f"Le brouillon des bons plans de la semaine du lundi 21 décembre 2026 est prêt : {path}",
        "Remplissez-le, puis remplacez « Status: draft » par « Status: published » pour le publier.",
    ]
    text = path.read_text(encoding="utf-8")
    assert "Title: Les bons plans de la semaine du 21 décembre\n" in text
    assert "Semaine: 2026-12-21\n" in text and "Status: draft\n" in text

    site = build_site(tmp_path, content)
    assert not (site.output / "bons-plans/2026-12-21").exists()

    # Switched to published without being filled: refused, the placeholders named.
    path.write_text(text.replace("Status: draft", "Status: published"), encoding="utf-8")
    refused = build(content, tmp_path / "refused")
    message = " ".join((refused.stdout + refused.stderr).split())
    assert refused.returncode != 0
    assert (
        "content/bons-plans/2026-12-21.md : le modèle de make newpost n'a pas été rempli "
        "(« Une phrase qui résume les idées de la semaine. » ; « Première idée » ; « Quelques mots pour la présenter. » ; "
        "« Deuxième idée » ; « un autre détail ») : remplacez ces phrases par vos bons plans, "
        "ou remettez « Status: draft » pour garder le brouillon."
    ) in message

    filled = (
        path.read_text(encoding="utf-8")
        .replace("Une phrase qui résume les idées de la semaine.", "Deux idées pour la semaine.")
        .split("<!--")[0]
    )
    path.write_text(filled + "## Le marché\n\nLes Halles sont ouvertes le matin.\n", encoding="utf-8")
    site = build_site(tmp_path / "again", content, build_date="2026-12-15")
    page = site.html("bons-plans/2026-12-21/index.html")
    assert "Les Halles sont ouvertes le matin." in page and "Première idée" not in page


def test_newpost_takes_the_week(tmp_path):
    content = copy_content(tmp_path)
    result = newpost(content, "2026-11-27", week="2027-01-11")
    assert result.returncode == 0
    assert "Semaine: 2027-01-11\n" in (content / "bons-plans/2027-01-11.md").read_text(encoding="utf-8")


def test_newpost_for_a_day_that_is_not_a_monday_names_the_mondays_around(tmp_path):
    result = newpost(copy_content(tmp_path), "2026-11-27", week="2026-12-23")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "SEMAINE=2026-12-23 n'est pas un lundi : écrivez le lundi de la semaine, "
        "SEMAINE=2026-12-21 (le lundi d'avant) ou SEMAINE=2026-12-28 (celui d'après)."
    )
    assert "écrivez la date du lundi sous la forme AAAA-MM-JJ" in newpost(copy_content(tmp_path / "b"), "2026-11-27", week="21/12").stderr


def test_newpost_on_a_monday_prepares_the_following_one_and_never_overwrites(tmp_path):
    content = copy_content(tmp_path)
    assert newpost(content, "2026-12-21").stdout.splitlines()[0].endswith("2026-12-28.md")
    again = newpost(content, "2026-12-21")
    assert again.returncode == 1
    assert again.stderr.strip() == (
        f"{content / 'bons-plans/2026-12-28.md'} existe déjà : ouvrez-le pour le compléter. "
        "Pour une autre semaine : make newpost SEMAINE=AAAA-MM-JJ (un lundi)."
    )
