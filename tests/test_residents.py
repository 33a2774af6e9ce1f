"""What a resident gets: the next café on the first phone screen, facts only when known,
cards in staff's words, a way to add one session on any phone, the site on the home screen."""

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build, build_site, copy_content, write
from quality import AXE, CHROMIUM, CHROMIUM_ARGS, require, serve

FIRST_SCREEN = {"width": 320, "height": 568}
NOTICES = {
    "avis/2026-12-07.md": "Title: Pas de café le 7 décembre\nDate: 2026-11-25 10:00\nSeance: 2026-12-07\nAction: annulation\n\n"
    "Le café de la Comédie est fermé ce jour-là. À la semaine suivante !\n",
    "avis/2026-12-14.md": "Title: Le café du 14 décembre à 10 h\nDate: 2026-11-25 11:00\nSeance: 2026-12-14\nAction: deplacement\n"
    "Debut: 10:00\nFin: 12:00\n\nExceptionnellement, le café commence à 10 h.\n",
}
FILLED = """Title: Informations pratiques
Gratuit: oui
Sans_inscription: oui
Sans_consommation: non
Jours_accueil: du lundi au vendredi
Adresse_postale: 11 rue de l'Hôpital, 21000 Dijon
Courriel: accueil@ccas.example.org
Saisons_confirmees: 2026-2027
Confirmation: 2026-11-20
Schema_pluriannuel: https://www.dijon.example/accessibilite/schema
Plan_annuel: https://www.dijon.example/accessibilite/plan-2026

Texte.
"""


def text(node) -> str:
    return " ".join(node.get_text().split())


def soup(output: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((output / page).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def dated_sites(tmp_path_factory):
    """The shipped site for a fifth Monday ahead, a holiday week, the summer break, and a week with two notices."""
    sites = {}
    for name, build_date, notices in (
        ("fifth-monday", "2026-11-27", {}),
        ("holiday-week", "2027-05-12", {}),
        ("summer", "2027-07-14", {}),
        ("notices", "2026-11-27", NOTICES),
    ):
        folder = tmp_path_factory.mktemp(name)
        content = copy_content(folder)
        for relative, body in notices.items():
            write(content / relative, body)
        sites[name] = build_site(folder, content, build_date=build_date)
    return sites


NEXT = {
    "fifth-monday": ("2026-12-07", "La Comédie"),
    "holiday-week": ("2027-05-24", "Le Bœuf Blanc"),  # 17 May 2027 is Whit Monday
    "summer": ("2027-09-06", "La Comédie"),
    "notices": ("2026-12-14", "Le Mably"),  # 7 December cancelled; 14 December at 10 h
}


@pytest.mark.parametrize("name", NEXT)
def test_the_next_cafe_is_the_first_card_of_the_home_page(dated_sites, name):
    day, cafe = NEXT[name]
    doc = soup(dated_sites[name].output, "index.html")
    card = doc.find("section", class_="next-session").find("div", class_="session")
    assert card["id"] == f"seance-{day}"
    assert card.select_one(".session-where a").get_text() == cafe
    if name == "notices":
        # The notice about that session is inside its card; the cancelled Monday before it comes after.
        assert "Le café du 14 décembre à 10 h Exceptionnellement, le café commence à 10 h." in text(card)
        after = [text(p) for p in doc.find_all("p", class_="before-next")]
        assert after == [
            "Lundi 30 novembre : pas de séance le cinquième lundi du mois.",
            "Lundi 7 décembre : séance annulée (Pas de café le 7 décembre).",
        ]


@pytest.mark.browser
@pytest.mark.parametrize("name", NEXT)
def test_date_hours_cafe_address_and_way_there_fit_the_first_phone_screen(dated_sites, name):
    require("chromium", Path(CHROMIUM).exists() and AXE.is_file())
    from playwright.sync_api import sync_playwright

    with serve(dated_sites[name].output) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=FIRST_SCREEN)
        page.goto(base_url, wait_until="load")
        card = ".next-session .session"
        bottoms = {
            what: page.eval_on_selector(f"{card} {selector}", "el => el.getBoundingClientRect().bottom")
            for what, selector in (
                ("date", ".session-date time"),
                ("hours", ".session-hours"),
                ("café and address", ".session-where"),
                ("way there", ".session-where a.session-way"),
            )
        }
        browser.close()
    late = {what: bottom for what, bottom in bottoms.items() if bottom > FIRST_SCREEN["height"]}
    assert not late, f"below the first 320 × 568 screen: {late}"


def test_no_placeholder_reaches_residents(shipped_site):
    for page in shipped_site.pages():
        assert "compléter" not in shipped_site.html(page).lower(), page


def test_unknown_practical_facts_are_not_shown(shipped_site):
    home = text(soup(shipped_site.output, "index.html").main)
    assert "gratuit" not in home.lower() and "inscrire" not in home.lower()
    contact = soup(shipped_site.output, "contact/index.html")
    assert not contact.find("a", href=lambda h: h and h.startswith("mailto:"))
    assert "Par courrier" not in text(contact.main)
    statement = text(soup(shipped_site.output, "accessibilite/index.html").main)
    assert "schéma pluriannuel" not in statement.lower()


def test_known_practical_facts_are_shown_and_confirm_the_season(tmp_path):
    content = copy_content(tmp_path)
    write(content / "infos/pratique.md", FILLED)
    site = build_site(tmp_path, content)
    home = soup(site.output, "index.html")
    assert text(home.find("p", class_="reassure")) == "C'est gratuit, pas besoin de s'inscrire."
    contact = " ".join(soup(site.output, "contact/index.html").main.get_text(" ").split())
    assert "Accueil téléphonique du CCAS de Dijon Du lundi au vendredi, de 9 h à 12 h" in contact.replace("\u00a0", " ")
    assert "accueil@ccas.example.org" in contact and "11 rue de l'Hôpital, 21000 Dijon" in contact
    statement = soup(site.output, "accessibilite/index.html")
    assert statement.find("a", href="https://www.dijon.example/accessibilite/schema")
    assert statement.find("a", href="https://www.dijon.example/accessibilite/plan-2026")
    june = text(soup(site.output, "programme/2027/06/index.html").main)
    assert "à confirmer" not in june
    feed = (site.output / "agenda/instant-cafe.ics").read_bytes().decode().replace("\r\n ", "")
    december = next(block for block in feed.split("BEGIN:VEVENT")[1:] if "UID:instant-cafe-2026-12-07@" in block)
    assert "STATUS:CONFIRMED" in december and "SEQUENCE:1" in december and "DTSTAMP:20261120T000000Z" in december


@pytest.mark.parametrize(
    "written, words",
    [
        ("Gratuit: peut-être", "champ « Gratuit » : « peut-être » n'est pas une valeur possible (ligne 2). Valeurs possibles : oui, non"),
        ("Saisons_confirmees: 2026", "champ « Saisons_confirmees » : « 2026 » ne peut pas être lu (ligne 8) : écrivez les saisons"),
        ("Courriel: accueil at ccas", "champ « Courriel » : « accueil at ccas » ne peut pas être lu (ligne 7)"),
        ("Schema_pluriannuel: http://www.dijon.example/s", "champ « Schema_pluriannuel »"),
    ],
)
def test_a_wrong_practical_fact_is_refused_in_french(tmp_path, written, words):
    field = written.split(":", 1)[0]
    lines = [written if line.startswith(field + ":") else line for line in FILLED.splitlines()]
    content = copy_content(tmp_path)
    write(content / "infos/pratique.md", "\n".join(lines) + "\n")
    result = build(content, tmp_path / "output")
    message = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert f"content/infos/pratique.md, {words}" in message


def test_confirmed_seasons_need_the_day_of_confirmation(tmp_path):
    content = copy_content(tmp_path)
    write(content / "infos/pratique.md", FILLED.replace("Confirmation: 2026-11-20\n", ""))
    result = build(content, tmp_path / "output")
    message = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0 and "content/infos/pratique.md, champ « Confirmation »" in message


def test_cards_offer_the_way_there_both_calendars_and_whom_to_call(shipped_site):
    card = soup(shipped_site.output, "programme/2026/12/index.html").find("div", id="seance-2026-12-14")
    links = {text(a): a["href"] for a in card.select(".session-links a")}
    assert links["Ajouter le lundi 14 décembre à mon agenda"] == "../../../agenda/seances/2026-12-14.ics"
    google = links["L'ajouter à Google Agenda (site externe)"]
    assert google.startswith(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text=L%27instant%20CAF%C3%89%20%E2%80%93%20Le%20Mably"
    )
    assert "&dates=20261214T093000%2F20261214T113000&ctz=Europe%2FParis&location=Le%20Mably%2C%209%20rue%20Mably" in google
    assert text(card.find("p", class_="session-doubt")) == "Un doute le jour même ? Appelez le CCAS de Dijon au 03 80 44 81 00."
    footer = text(soup(shipped_site.output, "index.html").footer)
    assert "Accueil téléphonique du CCAS de Dijon : 03 80 44 81 00, de 9 h à 12 h." in footer


def test_the_subscription_page_says_what_android_and_outlook_need(shipped_site):
    page = soup(shipped_site.output, "agenda/index.html")
    words = text(page.main)
    assert "On ne peut pas ajouter un agenda par son adresse depuis l'application" in words
    assert "activez « Synchroniser »" in words
    assert "un rappel la veille à 18 h" in words and "ne se met pas à jour si elle change" in words
    assert page.find("a", href=lambda h: h and h.startswith("https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2F"))
    assert page.find("a", href=lambda h: h and h.startswith("https://outlook.live.com/calendar/0/addfromweb?url="))


def test_the_site_goes_on_the_home_screen(shipped_site):
    output = shipped_site.output
    manifest = json.loads((output / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "L'instant CAFÉ" and manifest["start_url"] == "./" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert (output / icon["src"]).is_file()
    assert (output / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (output / "apple-touch-icon.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    head = soup(output, "programme/index.html").head
    assert head.find("link", rel="manifest")["href"] == "../manifest.webmanifest"
    assert head.find("link", rel="apple-touch-icon")["href"] == "../apple-touch-icon.png"
    assert "Ajouter à l'écran d'accueil" in text(soup(output, "contact/index.html").main)


def test_a_cafe_pin_only_from_coordinates_staff_confirmed(tmp_path, shipped_site):
    mably = soup(shipped_site.output, "lieux/le-mably/index.html")
    assert not mably.find("a", href=lambda h: h and "mlat=" in h)
    assert b"GEO:" not in (shipped_site.output / "agenda/instant-cafe.ics").read_bytes()
    content = copy_content(tmp_path)
    venue = content / "lieux/le-mably.md"
    venue.write_text(
        venue.read_text(encoding="utf-8").replace("Longitude: 5.04280\n", "Longitude: 5.04280\nPosition_verifiee: oui\n"), encoding="utf-8"
    )
    site = build_site(tmp_path, content)
    page = soup(site.output, "lieux/le-mably/index.html")
    route = page.find("a", href="https://www.openstreetmap.org/directions?route=%3B47.32389%2C5.0428")
    assert route and text(route).startswith("Itinéraire jusqu'au Mably")
    assert b"GEO:47.32389;5.0428" in (site.output / "agenda/instant-cafe.ics").read_bytes()
