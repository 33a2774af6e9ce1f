"""Mistakes a new staff member makes, each caught in French with the fix to make (issue 12)."""

from conftest import PUBLIC, build, build_site, copy_content, write

POST = "Title: Un titre\nDate: {date}\nSemaine: 2026-12-21\nSummary: Un résumé.\n\nLe marché de Noël ouvre ses portes.\n"
NOTICE = "Title: Pas de café\nDate: 2026-11-20 10:00\n{fields}\n\nLe café n'a pas lieu ce jour-là.\n"
CANCELLATION = NOTICE.format(fields="Seance: 2026-12-21\nAction: annulation")


def refused(tmp_path, files: dict[str, str]) -> str:
    """The build's French report for content with ``files`` added; asserts nothing was built."""
    content = copy_content(tmp_path)
    for relative, text in files.items():
        write(content / relative, text)
    result = build(content, tmp_path / "output")
    assert result.returncode == 1
    assert not (tmp_path / "output").exists()
    return result.stdout + result.stderr


def only_error(report: str) -> str:
    lines = report.strip().splitlines()
    assert lines[0] == "Une erreur dans le contenu empêche la publication :", report
    assert lines[-1].startswith("Rien n'a été publié")
    assert len(lines) == 3, report
    return lines[1].removeprefix("  - ")


def test_a_file_name_with_spaces_capitals_or_accents_is_refused_with_the_clean_name(tmp_path):
    report = refused(tmp_path, {"bons-plans/Bons plans 21 décembre.md": POST.format(date="2026-11-20 10:00")})
    assert only_error(report) == (
        "content/bons-plans/Bons plans 21 décembre.md : le nom du fichier doit s'écrire en minuscules, sans accent ni espace : "
        "renommez-le « bons-plans-21-decembre.md » (son nom devient l'adresse de la page)."
    )


def test_a_notice_for_a_tuesday_names_the_monday_before_and_after(tmp_path):
    report = refused(tmp_path, {"avis/2026-12-22.md": NOTICE.format(fields="Seance: 2026-12-22\nAction: annulation")})
    assert only_error(report) == (
        "content/avis/2026-12-22.md, champ « Seance » : le 2026-12-22 n'est pas un lundi : L'instant CAFÉ a lieu le lundi ; "
        "le lundi d'avant est le 2026-12-21, celui d'après le 2026-12-28."
    )


def test_a_cafe_written_by_its_name_suggests_its_short_name(tmp_path):
    report = refused(tmp_path, {"avis/2026-12-21.md": NOTICE.format(fields="Seance: 2026-12-21\nAction: deplacement\nLieu: Le Mably")})
    assert only_error(report) == (
        "content/avis/2026-12-21.md, champ « Lieu » : « Le Mably » n'est pas un café connu : vouliez-vous écrire « le-mably » ? "
        "Cafés connus : la-comedie, le-mably, le-declit, le-boeuf-blanc."
    )


def test_an_accented_key_is_named_once_and_nothing_else_is_reported(tmp_path):
    report = refused(tmp_path, {"avis/2026-12-21.md": CANCELLATION.replace("Seance:", "Séance:")})
    assert only_error(report) == (
        "content/avis/2026-12-21.md, champ « Séance » : un nom de champ s'écrit sans accent (ligne 3) : écrivez « Seance »."
    )


def test_a_key_in_the_wrong_case_is_named_with_its_spelling(tmp_path):
    report = refused(tmp_path, {"bons-plans/2026-12-21.md": POST.format(date="2026-11-20 10:00").replace("Title:", "title:")})
    assert only_error(report) == (
        "content/bons-plans/2026-12-21.md, champ « Title » : "
        "écrivez le nom du champ exactement « Title » (ligne 1), avec les mêmes majuscules."
    )


def test_a_post_dated_in_the_future_waits_for_its_day(tmp_path):
    content = copy_content(tmp_path)
    write(content / "bons-plans/2026-12-21.md", POST.format(date="2026-12-18 10:00"))
    before = build_site(tmp_path / "before", content, build_date="2026-11-27")
    assert not (before.output / "bons-plans/2026-12-21").exists()
    assert "Le marché de Noël" not in before.html("index.html") + before.html("bons-plans/index.html")
    assert before.result.stdout.strip().splitlines()[-1] == (
        "Bons plans qui attendent leur date de publication : content/bons-plans/2026-12-21.md (le 2026-12-18)"
    )

    on_the_day = build_site(tmp_path / "day", content, build_date="2026-12-18")
    assert "Le marché de Noël ouvre ses portes." in on_the_day.html("bons-plans/2026-12-21/index.html")
    assert '<time datetime="2026-12-18">vendredi 18 décembre 2026</time>' in on_the_day.html("bons-plans/2026-12-21/index.html")


def test_the_build_says_what_it_published_in_french_as_its_last_line(tmp_path):
    site = build_site(tmp_path)
    # The shipped content on 2026-11-27: three weeks of posts, the season's sessions from
    # 2026-05-25 (six months back, not before the feed starts) to June 2027.
    assert site.result.stdout.strip().splitlines()[-1] == (
        "Site construit : 3 bons plans, 52 séances (2 annulées), 0 avis, 5 flyers — prêt dans output/"
    )


def publish(content, output):
    return build(content, output, conf="publishconf.py", env={"PUBLIC_URL": PUBLIC}, target="publish")


def test_an_urgent_cancellation_is_published_even_when_a_post_is_faulty(tmp_path):
    content = copy_content(tmp_path)
    write(content / "avis/2026-12-21.md", CANCELLATION)
    write(content / "bons-plans/2026-12-28.md", POST.format(date="2026-11-20 10:00").replace("Semaine: 2026-12-21", "Semaine: 2026-12-29"))
    result = publish(content, tmp_path / "output")
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert lines[-3:] == [
        "Une erreur retient un bon plan :",
        "  - content/bons-plans/2026-12-28.md, champ « Semaine » : le 2026-12-29 n'est pas un lundi (ligne 3) : "
        "le lundi d'avant est le 2026-12-28, celui d'après le 2027-01-04.",
        "Le reste du site a été publié, avis et séances compris ; seuls ces bons plans attendent d'être corrigés : "
        "content/bons-plans/2026-12-28.md. Corrigez-les : ils paraîtront à la publication suivante.",
    ]
    output = tmp_path / "output"
    december = (output / "programme/2026/12/index.html").read_text(encoding="utf-8")
    assert "Pas de café" in december
    assert b"STATUS:CANCELLED" in (output / "agenda/seances/2026-12-21.ics").read_bytes()
    assert not (output / "bons-plans/2026-12-28").exists()


def test_a_faulty_notice_blocks_the_publication(tmp_path):
    content = copy_content(tmp_path)
    write(content / "avis/2026-12-21.md", CANCELLATION.replace("annulation", "fermeture"))
    result = publish(content, tmp_path / "output")
    assert result.returncode == 1
    assert "Rien n'a été publié" in result.stdout + result.stderr
    assert not (tmp_path / "output").exists()
