"""View models and residents' words, in-process: what a page will say about each Monday."""

from datetime import date

import pytest
from samples import BOEUF, COMEDIE, DECLIT, MABLY, notice, rule

from instant_cafe.errors import ContentErrors
from instant_cafe.model import Action, NoSession, SeasonRule, Status
from instant_cafe.schedule import compute_sessions
from instant_cafe.settings import read_site
from instant_cafe.views import build_programme, coming_days
from instant_cafe.wording import STATUS_LABEL, no_session


def programme(build: str, *notices):
    the_rule = rule()
    first, last = date(2026, 9, 7), date(2027, 12, 27)
    sessions = compute_sessions(the_rule, date(2026, 9, 1), date(2027, 12, 31), notices)
    venues = [(v, f"<p>{v.name}</p>") for v in (COMEDIE, MABLY, DECLIT, BOEUF)]
    return build_programme(the_rule, sessions, list(notices), venues, date.fromisoformat(build), first, last)


def test_a_fifth_monday_says_why_it_has_no_session():
    view = programme("2026-11-27").day_view(date(2026, 11, 30))
    assert view.session is None and view.no_session is NoSession.NO_CAFE_FOR_RANK
    assert no_session(view.no_session, view.day) == "pas de séance le cinquième lundi du mois"


def test_the_coming_mondays_start_with_the_empty_one():
    days = programme("2026-11-27").upcoming
    assert [d.day for d in days] == [date(2026, 11, 30), date(2026, 12, 7), date(2026, 12, 14), date(2026, 12, 21), date(2026, 12, 28)]
    assert days[0].session is None and days[0].no_session is NoSession.NO_CAFE_FOR_RANK
    assert all(d.session and d.no_session is None for d in days[1:])


def test_the_summer_break_is_one_line_with_the_day_sessions_resume():
    the_rule = rule()
    sessions = compute_sessions(the_rule, date(2027, 6, 1), date(2027, 10, 31))
    days = coming_days(the_rule, sessions, date(2027, 7, 14), 4)
    assert days[0].day == date(2027, 7, 19) and days[0].resumes == date(2027, 9, 6)
    assert (
        no_session(days[0].no_session, days[0].day, days[0].resumes)
        == "pas de séance : pause jusqu'à la reprise, le lundi 6 septembre 2027"
    )
    assert [d.day for d in days[1:]] == [date(2027, 9, 6), date(2027, 9, 13), date(2027, 9, 20), date(2027, 9, 27)]


def test_a_month_lists_its_mondays_with_their_sessions_and_a_post_finds_its_week():
    shown = programme("2026-12-07")
    december = next(m for m in shown.months if m.first_day == date(2026, 12, 1))
    days = [(d.day.day, d.session.venue.name) for d in december.days]
    assert days == [(7, "La Comédie"), (14, "Le Mably"), (21, "Le Déclit"), (28, "Le Bœuf Blanc")]
    assert december.previous.first_day == date(2026, 11, 1) and december.next.first_day == date(2027, 1, 1)
    week = shown.day_view(date(2026, 12, 14))
    assert week.session.venue == MABLY and week.no_session is None
    assert all(d.no_session is None for d in december.days)
    # The build date is a Monday: its session is still « coming ».
    assert shown.upcoming[0].day == date(2026, 12, 7) and shown.upcoming[0].session.venue == COMEDIE
    assert shown.build_date == date(2026, 12, 7)
    assert shown.sessions[0].day == date(2026, 9, 7) and shown.sessions[-1].day == date(2027, 12, 27)


def test_a_notice_for_the_build_day_is_still_current():
    today = notice("2026-12-07", Action.CANCEL, title="Aujourd'hui")
    assert [n.title for n in programme("2026-12-07", today).current_notices] == ["Aujourd'hui"]


def test_months_know_when_a_break_is_in_them():
    months = {m.first_day: m for m in programme("2026-11-27").months}
    assert months[date(2027, 7, 1)].has_break and not months[date(2026, 12, 1)].has_break
    assert months[date(2026, 12, 1)].url == "programme/2026/12/"


def test_a_session_moved_away_stays_listed_at_its_usual_cafe():
    moved = notice("2026-12-21", Action.MOVE, venue=COMEDIE, title="Ailleurs")
    views = {v.venue.slug: v for v in programme("2026-11-27", moved).venues}
    assert views["le-mably"].body_html == "<p>Le Mably</p>" and len(views["le-mably"].upcoming) == 6
    declit = [s for s in views["le-declit"].upcoming if s.day == date(2026, 12, 21)]
    assert declit and declit[0].venue == COMEDIE and declit[0].regular_venue == DECLIT
    assert any(s.day == date(2026, 12, 21) for s in views["la-comedie"].upcoming)


def test_current_notices_are_the_coming_ones_in_order():
    past = notice("2026-11-16", Action.CANCEL, title="Passé")
    later = notice("2026-12-21", Action.CANCEL, title="Plus tard")
    sooner = notice("2026-12-14", Action.CANCEL, title="Bientôt")
    assert [n.title for n in programme("2026-11-27", past, later, sooner).current_notices] == ["Bientôt", "Plus tard"]


def test_a_month_where_an_unconfirmed_season_starts_or_ends_says_so():
    months = {m.first_day: m for m in programme("2026-11-27").months}
    assert months[date(2027, 6, 1)].dates_to_confirm and months[date(2027, 9, 1)].dates_to_confirm
    assert not months[date(2027, 7, 1)].dates_to_confirm and not months[date(2026, 12, 1)].dates_to_confirm
    confirmed = rule(seasons=SeasonRule(confirmed={"2026-2027": date(2026, 11, 20)}))
    sessions = compute_sessions(confirmed, date(2026, 9, 1), date(2027, 12, 31))
    shown = build_programme(confirmed, sessions, [], [], date(2026, 11, 27), date(2026, 9, 7), date(2027, 12, 27))
    june = next(m for m in shown.months if m.first_day == date(2027, 6, 1))
    assert not june.dates_to_confirm and shown.season.confirmed == date(2026, 11, 20)


def test_every_status_has_its_own_words():
    assert set(STATUS_LABEL) == set(Status)
    assert len(set(STATUS_LABEL.values())) == len(Status)
    assert STATUS_LABEL[Status.CANCELLED] == "séance annulée"


GOOD = {
    "PUBLIC_URL": "https://cafe.example.org/",
    "BUILD_DATE": "2026-11-27",
    "ROTATION": {},
    "CONTACT": {"organisation": "CCAS", "organisation_long": "Centre", "phone": "03 80 44 81 00", "phone_uri": "tel:+33380448100"},
    "LEGAL": {"publisher": "CCAS de Dijon"},
    "ACCESSIBILITY": {"status": "non conforme"},
    "CALENDAR": {
        "name": "N",
        "event_name": "E",
        "description": "D",
        "prodid": "P",
        "event_description": "ED",
        "uid_domain": "u.v",
        "since": "2026-09-07",
    },
}


def test_settings_are_read_with_their_defaults():
    site = read_site(GOOD)
    assert site.public_url == "https://cafe.example.org"
    assert site.rotation.start.hour == 9 and site.rotation.months_ahead == 12 and site.rotation.seasons.confirmed == {}
    assert site.legal.host_name == "" and site.contact.person == ""


@pytest.mark.parametrize(
    "setting, value, words",
    [
        ("CONTACT", {**GOOD["CONTACT"], "phone": ""}, "CONTACT['phone']"),
        ("CONTACT", {**GOOD["CONTACT"], "phone_uri": "03 80 44 81 00"}, "format international"),
        ("CONTACT", {**GOOD["CONTACT"], "fax": "x"}, "réglage inconnu"),
        ("LEGAL", {"publisher": "CCAS", "host_name": None}, "texte entre guillemets"),
        ("ACCESSIBILITY", {"status": "conforme"}, "valeurs possibles"),
        ("ACCESSIBILITY", {"status": "non conforme", "declaration_date": "mars 2027"}, "AAAA-MM-JJ"),
        ("ROTATION", {"season_changes": {"2027-2028": {"first": "2027-06-21"}}}, "chevaucherait la précédente"),
        ("ROTATION", {"season_changes": {"2027-2028": {"debut": "2027-09-13"}}}, 'écrivez {"first"'),
        ("ROTATION", {"season_start_month": "9"}, "n'est pas un mois"),
        ("ROTATION", {"closures": [{"name": "Travaux", "first": "2027-01-10", "last": "2027-01-03"}]}, "finit (2027-01-03) avant"),
        ("ROTATION", {"seasons": []}, "réglage inconnu"),
        ("CALENDAR", {**GOOD["CALENDAR"], "uid_domain": "Instant Café"}, "minuscules"),
        ("ROTATION", {**GOOD["ROTATION"], "start": "9h30"}, "n'est pas une heure"),
        ("CALENDAR", {**GOOD["CALENDAR"], "prodid": " "}, "obligatoire"),
    ],
)
def test_a_wrong_setting_is_named_in_french(setting, value, words):
    with pytest.raises(ContentErrors) as caught:
        read_site({**GOOD, setting: value})
    assert any(words in error.describe() and error.describe().startswith("pelicanconf.py") for error in caught.value.errors)
