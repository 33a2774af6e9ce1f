"""Month, programme, café and home pages of real builds: the dates residents trust."""

import json
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from conftest import build, build_site, copy_content, write

CAFE_BY_RANK = {1: "La Comédie", 2: "Le Mably", 3: "Le Déclit", 4: "Le Bœuf Blanc"}
# Mondays without a session between 2026-12 and 2027-11, written out by hand.
HOLIDAY_MONDAYS = {date(2027, 5, 17): "Lundi de Pentecôte", date(2027, 11, 1): "Toussaint"}
SUMMER_BREAK = (date(2027, 6, 29), date(2027, 9, 5))


def soup(site, page):
    return BeautifulSoup(site.html(page), "html.parser")


def text_of(node):
    return " ".join(node.get_text(" ").split())


def expected_month(year, month):
    """(day, café or None, cancelled?) for every Monday, from the published rule."""
    day = date(year, month, 1)
    day += timedelta(days=(7 - day.weekday()) % 7)
    rows = []
    while day.month == month:
        rank = (day.day + 6) // 7
        in_break = SUMMER_BREAK[0] <= day <= SUMMER_BREAK[1]
        cafe = None if in_break or rank == 5 else CAFE_BY_RANK[rank]
        rows.append((day, cafe, day in HOLIDAY_MONDAYS))
        day += timedelta(days=7)
    return rows


def month_rows(site, year, month):
    doc = soup(site, f"programme/{year}/{month:02d}/index.html")
    rows = []
    for item in doc.select("ul.sessions > li"):
        day = date.fromisoformat(item.find("h2").find("time")["datetime"])
        link = item.select_one(".session-where a")
        cafe_text = text_of(item)
        cafe = link.get_text() if link else next((c for c in CAFE_BY_RANK.values() if f"Café prévu : {c}" in cafe_text), None)
        rows.append((day, cafe, "– séance annulée" in cafe_text))
    return rows


MONTHS = [(2026, 12)] + [(2027, m) for m in range(1, 12)]


@pytest.mark.parametrize("year, month", MONTHS)
def test_month_pages_list_exactly_the_mondays_of_the_rule(shipped_site, year, month):
    assert month_rows(shipped_site, year, month) == expected_month(year, month)


def test_month_pages_cover_the_season_start_to_twelve_months_ahead(shipped_site):
    months = sorted(p.parent.relative_to(shipped_site.output).as_posix() for p in shipped_site.output.glob("programme/*/*/index.html"))
    assert months[0] == "programme/2026/09" and months[-1] == "programme/2027/11"
    assert len(months) == 15


def test_holiday_is_shown_cancelled_with_its_reason(shipped_site):
    doc = soup(shipped_site, "programme/2027/05/index.html")
    item = doc.find("time", datetime="2027-05-17").find_parent("li")
    assert "Lundi 17 mai 2027 – séance annulée Jour férié (lundi de Pentecôte) : le CCAS de Dijon est fermé." in text_of(item)


def test_fifth_monday_and_summer_break_say_why_there_is_no_session(shipped_site):
    march = soup(shipped_site, "programme/2027/03/index.html")
    assert "Pas de séance le cinquième lundi du mois" in text_of(march.find("time", datetime="2027-03-29").find_parent("li"))
    july = soup(shipped_site, "programme/2027/07/index.html")
    assert "Pas de séance : hors saison" in text_of(july.find("time", datetime="2027-07-05").find_parent("li"))


def test_month_page_details_and_navigation(shipped_site):
    doc = soup(shipped_site, "programme/2026/12/index.html")
    assert doc.h1.get_text() == "Programme de décembre 2026"
    first = doc.find("time", datetime="2026-12-07").find_parent("li")
    assert "Lundi 7 décembre 2026" in text_of(first)
    assert "De 9 h 30 à 11 h 30" in text_of(first).replace("\u00a0", " ")
    assert "3 place du Théâtre, 21000 Dijon" in text_of(first)
    assert first.find("a", href="../../../lieux/la-comedie/")
    assert first.find("a", href=lambda h: h.startswith("https://www.openstreetmap.org/"))
    assert first.find("time", datetime="2026-12-07T09:30:00+01:00")
    assert doc.find("a", rel="prev")["href"] == "../../../programme/2026/11/"
    assert doc.find("a", rel="next")["href"] == "../../../programme/2027/01/"


def test_programme_overview_gives_the_rule_and_the_coming_months(shipped_site):
    doc = soup(shipped_site, "programme/index.html")
    rule = " ".join(doc.find("p", class_="lead").get_text().split())
    assert "le 1er lundi à La Comédie, le 2e lundi au Mably, le 3e lundi au Déclit, le 4e lundi au Bœuf Blanc" in rule
    coming = [a["href"] for a in doc.select("ul.months")[0].find_all("a")]
    assert coming[0] == "../programme/2026/11/" and coming[-1] == "../programme/2027/11/"


def test_venue_page(shipped_site):
    doc = soup(shipped_site, "lieux/le-mably/index.html")
    text = text_of(doc.main).replace("\u00a0", " ")
    assert doc.h1.get_text() == "Le Mably"
    assert "9 rue Mably, 21000 Dijon" in text
    assert "Le 2e lundi de chaque mois, de 9 h 30 à 11 h 30" in text
    dates = [t["datetime"] for t in doc.select("ul.sessions h3 time")]
    assert dates[:3] == ["2026-12-14", "2027-01-11", "2027-02-08"]
    # Access facts unknown: nothing invented, nothing « à compléter », a way to ask.
    assert "à compléter" not in text and "Une question sur l'accès au café" in text
    directions = doc.find("a", href=lambda h: h and h.startswith("https://www.openstreetmap.org/search?query="))
    assert " ".join(directions.get_text().split()) == "Trouver Le Mably, 9 rue Mably, sur le plan OpenStreetMap (site externe)"


def test_home_page_leads_with_the_next_cafe(shipped_site):
    doc = soup(shipped_site, "index.html")
    first_section = doc.main.find("section")
    assert doc.h1.get_text() == "Prochain café" and first_section.h1 is doc.h1
    card = first_section.find("div", class_="session")
    assert " ".join(card.get_text().split()).startswith(
        "Lundi 7 décembre 2026 De 9 h 30 à 11 h 30, La Comédie, 3 place du Théâtre, 21000 Dijon."
    )
    way = card.find("a", href=lambda h: h and h.startswith("https://www.openstreetmap.org/"))
    assert " ".join(way.get_text().split()) == "Comment y aller (La Comédie sur le plan OpenStreetMap, site externe)"
    # The empty Monday before it comes after the card, never before.
    after = first_section.find("p", class_="before-next")
    assert text_of(after) == "Lundi 30 novembre : pas de séance le cinquième lundi du mois."
    assert after.sourceline > card.sourceline
    following = doc.find("section", attrs={"aria-labelledby": "seances-suivantes"})
    assert [t["datetime"] for t in following.select("ul.sessions h3 time")] == ["2026-12-14", "2026-12-21", "2026-12-28"]
    text = text_of(doc.main)
    for relative in ("demain", "ce lundi", "aujourd'hui"):
        assert relative not in text.lower()


def test_weekly_post_shows_its_monday_session(shipped_site):
    box = soup(shipped_site, "bons-plans/2026-12-07/index.html").find("aside", class_="week-session")
    assert "Lundi 7 décembre 2026" in text_of(box) and "La Comédie" in text_of(box)
    fifth = soup(shipped_site, "bons-plans/2026-11-30/index.html").find("aside", class_="week-session")
    assert "pas de séance le cinquième lundi du mois" in text_of(fifth)


NOTICE_CANCEL = """Title: Café fermé pour travaux
Date: 2026-12-01 09:00
Seance: 2026-12-14
Action: annulation

Le Mably est fermé ce jour-là. Rendez-vous la semaine suivante.
"""
NOTICE_MOVE = """Title: Changement de café
Date: 2026-12-02 09:00
Seance: 2026-12-21
Action: deplacement
Lieu: la-comedie
Debut: 10:00
Fin: 12:00

Exceptionnellement, le café a lieu à La Comédie, de 10 h à 12 h.
"""


def test_notices_change_month_venue_home_and_post_together(tmp_path):
    content = copy_content(tmp_path)
    write(content / "avis/2026-12-14.md", NOTICE_CANCEL)
    write(content / "avis/2026-12-21.md", NOTICE_MOVE)
    site = build_site(tmp_path, content)

    month = soup(site, "programme/2026/12/index.html")
    cancelled = text_of(month.find("time", datetime="2026-12-14").find_parent("li"))
    assert "– séance annulée Café fermé pour travaux Le Mably est fermé ce jour-là." in cancelled
    moved = month.find("time", datetime="2026-12-21").find_parent("li")
    assert "– séance modifiée De 10 h à 12 h" in text_of(moved).replace("\u00a0", " ")
    assert "Changement de café Exceptionnellement, le café a lieu à La Comédie" in text_of(moved)
    assert "La séance n'a pas lieu au Déclit" in text_of(moved)
    assert moved.find("time", datetime="2026-12-21T10:00:00+01:00")
    assert moved.select_one(".session-where a").get_text() == "La Comédie"

    mably = text_of(soup(site, "lieux/le-mably/index.html").find("time", datetime="2026-12-14").find_parent("li"))
    assert "– séance annulée" in mably
    comedie = soup(site, "lieux/la-comedie/index.html")
    assert comedie.find("time", datetime="2026-12-21")
    # The usual café still lists the moved session, saying where it went.
    declit = text_of(soup(site, "lieux/le-declit/index.html").find("time", datetime="2026-12-21").find_parent("li"))
    assert "La séance n'a pas lieu au Déclit" in declit and "La Comédie" in declit

    home = soup(site, "index.html")
    cancelled = text_of(home.select_one("ul.sessions time[datetime='2026-12-14']").find_parent("li"))
    # The notice about a shown session sits in its card, once, as staff wrote it.
    assert "séance annulée Café fermé pour travaux Le Mably est fermé ce jour-là. Rendez-vous la semaine suivante." in cancelled
    assert text_of(home.main).count("Café fermé pour travaux") == 1
    assert home.find("section", class_="notices") is None

    post = soup(site, "bons-plans/2026-12-14/index.html").find("aside", class_="week-session")
    assert "– séance annulée" in text_of(post)


BAD_NOTICES = {
    "not a Monday": (
        "avis/x.md",
        NOTICE_CANCEL.replace("2026-12-14", "2026-12-15"),
        ["content/avis/x.md", "« Seance »", "n'est pas un lundi"],
    ),
    "unknown venue": (
        "avis/x.md",
        NOTICE_MOVE.replace("la-comedie", "le-mabli"),
        ["content/avis/x.md", "« Lieu »", "« le-mabli » n'est pas un café connu", "la-comedie, le-mably, le-declit, le-boeuf-blanc"],
    ),
    "misspelt field name": (
        "avis/x.md",
        NOTICE_MOVE.replace("Lieu:", "Lieux:"),
        ["content/avis/x.md", "champ « Lieux »", "vouliez-vous écrire « Lieu »"],
    ),
    "unreadable date": ("avis/x.md", NOTICE_CANCEL.replace("2026-12-14", "14/12/2026"), ["content/avis/x.md", "« Seance »", "AAAA-MM-JJ"]),
    "unknown action": (
        "avis/x.md",
        NOTICE_CANCEL.replace("annulation", "supprimer"),
        ["« Action »", "annulation, deplacement, ajout, retablissement"],
    ),
    "not a session": ("avis/x.md", NOTICE_CANCEL.replace("2026-12-14", "2026-11-30"), ["content/avis/x.md", "aucune séance n'est prévue"]),
    "venue without address": (
        "lieux/la-comedie.md",
        "Title: La Comédie\nSlug: la-comedie\nRang: 1\nCode_postal: 21000\nVille: Dijon\n\nTexte.\n",
        ["content/lieux/la-comedie.md", "« Adresse »", "obligatoire"],
    ),
    "coordinates outside France": (
        "lieux/la-comedie.md",
        "Title: La Comédie\nSlug: la-comedie\nRang: 1\nAdresse: 3 place du Théâtre\nCode_postal: 21000\nVille: Dijon\n"
        "Latitude: 5.04384\nLongitude: 47.32186\n\nTexte.\n",
        ["content/lieux/la-comedie.md", "hors de France", "inversées"],
    ),
    "two venues with one rank": (
        "lieux/la-comedie.md",
        "Title: La Comédie\nSlug: la-comedie\nRang: 2\nAdresse: 3 place du Théâtre\nCode_postal: 21000\nVille: Dijon\n\nTexte.\n",
        ["« Rang »", "le rang 2 est déjà celui de", "aucun café n'a le rang 1"],
    ),
}


@pytest.mark.parametrize("case", BAD_NOTICES)
def test_bad_notice_or_venue_stops_the_build(tmp_path, case):
    relative, text, expected = BAD_NOTICES[case]
    content = copy_content(tmp_path)
    write(content / relative, text)
    result = build(content, tmp_path / "output")
    message = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    for fragment in expected:
        assert fragment in message
    assert "Traceback" not in message
    assert not (tmp_path / "output" / "index.html").exists()


def test_overlapping_seasons_stop_the_build(tmp_path):
    changes = {"season_changes": {"2027-2028": {"first": "2027-06-21"}}}
    result = build(copy_content(tmp_path), tmp_path / "output", args=("-e", "ROTATION=" + json.dumps(changes)))
    message = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "pelicanconf.py, champ « ROTATION['season_changes']['2027-2028'] »" in message and "chevaucherait la précédente" in message


def test_home_page_in_the_summer_break_says_when_sessions_resume(tmp_path):
    site = build_site(tmp_path, build_date="2027-07-14")
    home = soup(site, "index.html")
    card = home.find("section", class_="next-session")
    assert text_of(card.find("div", class_="session")).startswith("Lundi 6 septembre 2027")
    assert (
        text_of(card.find("p", class_="before-next"))
        == "Lundi 19 juillet : pas de séance : pause jusqu'à la reprise, le lundi 6 septembre 2027."
    )
    following = [text_of(item).split(" De ")[0] for item in home.select("ul.sessions > li")]
    assert following == ["Lundi 13 septembre 2027", "Lundi 20 septembre 2027", "Lundi 27 septembre 2027"]
    # Outside a season the pages start three months back.
    assert (site.output / "programme/2027/04/index.html").is_file()
    assert not (site.output / "programme/2027/03/index.html").exists()


def test_status_is_in_the_heading_and_past_sessions_say_so(shipped_site):
    may = soup(shipped_site, "programme/2027/05/index.html")
    heading = text_of(may.find("time", datetime="2027-05-17").find_parent(["h2", "h3"]))
    assert heading == "Lundi 17 mai 2027 – séance annulée"
    november = soup(shipped_site, "programme/2026/11/index.html")
    past = november.find("time", datetime="2026-11-02").find_parent("li")
    assert text_of(past.find("h2")) == "Lundi 2 novembre 2026 (passée)"
    assert not past.find("a", href=lambda h: h and h.endswith(".ics")), "no « add to my calendar » for a past session"
    coming = soup(shipped_site, "programme/2026/12/index.html").find("time", datetime="2026-12-07").find_parent("li")
    assert coming.find("a", href="../../../agenda/seances/2026-12-07.ics")


def test_month_names_take_the_french_elision(shipped_site):
    assert soup(shipped_site, "programme/2027/04/index.html").h1.get_text() == "Programme d'avril 2027"
    assert soup(shipped_site, "programme/2027/08/index.html").h1.get_text() == "Programme d'août 2027"
    assert soup(shipped_site, "programme/2026/12/index.html").h1.get_text() == "Programme de décembre 2026"
