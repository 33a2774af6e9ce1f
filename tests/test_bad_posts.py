"""A staff mistake in a post stops the build with a French message naming the file."""

import pytest
from bs4 import BeautifulSoup

from conftest import build, build_site, copy_content, write

GOOD_HEADER = "Title: Un titre\nDate: 2026-11-20 10:00\nSemaine: 2026-12-21\nSummary: Un résumé.\n"


def failed_build(tmp_path, relative, text, raw=None):
    content = copy_content(tmp_path)
    target = content / relative
    if raw is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
    else:
        write(target, text)
    output = tmp_path / "output"
    result = build(content, output)
    message = result.stdout + result.stderr
    return result, " ".join(message.split()), output


CASES = {
    "invalid date": (
        "bons-plans/2026-12-21.md",
        GOOD_HEADER.replace("2026-11-20 10:00", "2026-13-45"),
        ["content/bons-plans/2026-12-21.md", "champ « Date »", "AAAA-MM-JJ"],
    ),
    "partial date": (
        "bons-plans/2026-12-21.md",
        GOOD_HEADER.replace("2026-11-20 10:00", "2026-12"),
        ["content/bons-plans/2026-12-21.md", "champ « Date »", "ne peut pas être lu"],
    ),
    "no title": (
        "bons-plans/2026-12-21.md",
        GOOD_HEADER.replace("Title: Un titre\n", ""),
        ["content/bons-plans/2026-12-21.md", "champ « Title »", "obligatoire manque"],
    ),
    "misspelt field": (
        "bons-plans/2026-12-21.md",
        GOOD_HEADER.replace("Title:", "Tilte:"),
        ["champ « Tilte »", "vouliez-vous écrire « Title »"],
    ),
    "week not a Monday": (
        "bons-plans/2026-12-21.md",
        GOOD_HEADER.replace("Semaine: 2026-12-21", "Semaine: 2026-12-22"),
        ["champ « Semaine »", "n'est pas un lundi"],
    ),
    "broken filename link": (
        "bons-plans/2026-12-21.md",
        GOOD_HEADER + "\nVoir [le contact]({filename}/pages/contacts.md).\n",
        ["content/bons-plans/2026-12-21.md", "{filename}/pages/contacts.md", "n'existe pas"],
    ),
    "duplicate url": (
        "bons-plans/autre.md",
        GOOD_HEADER + "Slug: 2026-12-07\n\nTexte.\n",
        ["content/bons-plans/autre.md", "même adresse", "content/bons-plans/2026-12-07.md"],
    ),
    "malformed metadata block": (
        "bons-plans/2026-12-21.md",
        "Title: Un titre\nDate 2026-12-18\nSemaine: 2026-12-21\n\nTexte.\n",
        ["content/bons-plans/2026-12-21.md", "ligne 2", "Champ: valeur"],
    ),
    "script in a post": (
        "bons-plans/2026-12-21.md",
        GOOD_HEADER + "\n<script>alert(1)</script>\n",
        ["content/bons-plans/2026-12-21.md", "ligne 6", "la balise <script> n'est pas acceptée"],
    ),
    "iframe in a post": (
        "bons-plans/2026-12-21.md",
        GOOD_HEADER + '\n<iframe src="https://video.example/x"></iframe>\n',
        ["content/bons-plans/2026-12-21.md", "<iframe>", "autre site"],
    ),
    "inline event handler": (
        "bons-plans/2026-12-21.md",
        GOOD_HEADER + '\n<a href="#" onclick="suivre()">lien</a>\n',
        ["content/bons-plans/2026-12-21.md", "ligne 6", "l'attribut « onclick » de <a> n'est pas accepté", "aucun script"],
    ),
    "image from another host": (
        "bons-plans/2026-12-21.md",
        GOOD_HEADER + "\n![Affiche](https://cdn.example.org/affiche.jpg)\n",
        ["content/bons-plans/2026-12-21.md", "ligne 6", "https://cdn.example.org/affiche.jpg", "une image doit venir du site lui-même"],
    ),
    "reference-style image from another host": (
        "bons-plans/2026-12-21.md",
        GOOD_HEADER + "\n![Affiche][a]\n\n[a]: https://cdn.example.org/affiche.jpg\n",
        ["content/bons-plans/2026-12-21.md", "ligne 8", "une image doit venir du site lui-même"],
    ),
    "tag split over two lines": (
        "bons-plans/2026-12-21.md",
        GOOD_HEADER + '\n<img alt="x"\n     src="https://cdn.example.org/x.jpg">\n',
        ["content/bons-plans/2026-12-21.md", "ligne 7", "une image doit venir du site lui-même"],
    ),
    "wrong extension": (
        "bons-plans/2026-12-21.txt",
        GOOD_HEADER + "\nTexte.\n",
        ["content/bons-plans/2026-12-21.txt", "seuls les fichiers « .md »"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_post_stops_the_build_with_a_french_message(tmp_path, case):
    relative, text, expected = CASES[case]
    result, message, output = failed_build(tmp_path, relative, text)
    assert result.returncode != 0
    for fragment in expected:
        assert fragment in message
    assert "Rien n'a été publié" in message
    assert "Traceback" not in message
    assert not (output / "index.html").exists(), "a half-built site was written"


def test_plain_outbound_link_is_allowed(tmp_path):
    content = copy_content(tmp_path)
    write(content / "bons-plans/2026-12-21.md", GOOD_HEADER + "\nVoir [le site de la ville](https://www.dijon.fr/).\n")
    site = build_site(tmp_path, content)
    assert 'href="https://www.dijon.fr/"' in site.html("bons-plans/2026-12-21/index.html")


def test_file_not_in_utf8(tmp_path):
    raw = (GOOD_HEADER + "\nUne journée à la bibliothèque.\n").encode("latin-1")
    result, message, _ = failed_build(tmp_path, "bons-plans/2026-12-21.md", None, raw=raw)
    assert result.returncode != 0
    assert "content/bons-plans/2026-12-21.md" in message and "UTF-8" in message


def test_markup_in_a_title_is_refused(tmp_path):
    result, message, output = failed_build(
        tmp_path, "bons-plans/2026-12-21.md", GOOD_HEADER.replace("Un titre", "<b>Gras</b> & cie") + "\nTexte.\n"
    )
    assert result.returncode != 0
    assert "content/bons-plans/2026-12-21.md, champ « Title » : « <b>Gras</b> & cie » contient du code HTML" in message
    assert not output.exists()


def test_an_ampersand_in_a_title_is_text(tmp_path):
    content = copy_content(tmp_path)
    write(content / "bons-plans/2026-12-21.md", GOOD_HEADER.replace("Un titre", "Jeux & goûters < 5 €") + "\nTexte.\n")
    site = build_site(tmp_path, content)
    assert "<h1>Jeux &amp; goûters &lt; 5 €</h1>" in site.html("bons-plans/2026-12-21/index.html")


def test_ten_posts_a_page(tmp_path):
    content = copy_content(tmp_path)
    for day in range(1, 13):
        write(
            content / f"bons-plans/extra-{day:02d}.md",
            f"Title: Bons plans numéro {day}\nDate: 2026-10-{day:02d} 10:00\nSemaine: 2026-10-05\n\nTexte.\n",
        )
    site = build_site(tmp_path, content)
    first = BeautifulSoup(site.html("bons-plans/index.html"), "html.parser")
    second = BeautifulSoup(site.html("bons-plans/page/2/index.html"), "html.parser")
    assert len(first.select("ul.posts > li")) == 10
    assert len(second.select("ul.posts > li")) == 5
    assert first.find("a", rel="next")["href"] == "../bons-plans/page/2/"
    assert second.find("a", rel="prev")


def test_french_dates_do_not_depend_on_the_machine_locale(tmp_path):
    site = build_site(tmp_path, env={"LC_ALL": "C", "LANG": "C", "LANGUAGE": "en"})
    assert "Publié le vendredi 27 novembre 2026" in " ".join(
        BeautifulSoup(site.html("bons-plans/2026-12-07/index.html"), "html.parser").main.get_text(" ").split()
    )
