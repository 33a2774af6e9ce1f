"""The schedule core alone: rule, seasons, holidays and notices -> sessions."""

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest
from samples import BOEUF, COMEDIE, DECLIT, MABLY, VENUES, notice, rule

from instant_cafe.model import PARIS, Action, Closure, NoSession, SeasonRule, Status, Venue
from instant_cafe.schedule import Problem, ScheduleError, check_rule, compute_sessions, feed_window, window
from instant_cafe.wording import cancel_reason, issue_error


def on(day: str, notices=(), **rule_changes):
    """The session of one day, or None."""
    d = date.fromisoformat(day)
    sessions = compute_sessions(rule(**rule_changes), d, d, notices)
    return sessions[0] if sessions else None


@pytest.mark.parametrize(
    "day, venue",
    [
        ("2026-12-07", COMEDIE),  # first Monday of December 2026
        ("2026-12-14", MABLY),
        ("2026-12-21", DECLIT),
        ("2026-12-28", BOEUF),
        ("2027-02-01", COMEDIE),  # month starting on a Monday
        ("2027-02-08", MABLY),
        ("2027-03-01", COMEDIE),  # another month starting on a Monday
        ("2027-03-22", BOEUF),
    ],
)
def test_monday_rank_gives_the_cafe(day, venue):
    session = on(day)
    assert session.venue == venue
    assert session.status is Status.SCHEDULED


@pytest.mark.parametrize("day", ["2026-11-30", "2027-03-29", "2027-08-30"])
def test_fifth_monday_has_no_session_by_default(day):
    assert on(day) is None


def test_a_fifth_cafe_takes_the_fifth_monday():
    fifth = Venue("le-cinquieme", "Le Cinquième", "5 rue X", "21000", "Dijon", 5, source="content/lieux/le-cinquieme.md")
    assert on("2026-11-30", venues_by_rank={**VENUES, 5: fifth}).venue == fifth
    assert on("2026-12-07", venues_by_rank={**VENUES, 5: fifth}).venue == COMEDIE


def test_only_mondays_are_sessions():
    sessions = compute_sessions(rule(), date(2026, 12, 1), date(2026, 12, 31))
    assert [s.day for s in sessions] == [date(2026, 12, 7), date(2026, 12, 14), date(2026, 12, 21), date(2026, 12, 28)]


@pytest.mark.parametrize(
    "day, shown",
    [
        ("2028-04-17", "lundi de Pâques"),
        ("2027-05-17", "lundi de Pentecôte"),
        ("2028-05-01", "fête du Travail"),
        ("2028-05-08", "fête de la Victoire"),
        ("2030-11-11", "Armistice"),
        ("2028-12-25", "Noël"),
        ("2029-01-01", "jour de l'an"),
        ("2027-11-01", "Toussaint"),
    ],
)
def test_public_holiday_cancels_the_session(day, shown):
    session = on(day)
    assert session.status is Status.CANCELLED
    assert session.cancelled
    assert cancel_reason(session) == f"jour férié ({shown})"
    assert session.sequence == 0


def test_notice_reinstates_a_session_on_a_holiday():
    session = on("2027-05-17", [notice("2027-05-17", Action.REINSTATE, title="Le café a bien lieu")])
    assert session.status is Status.REINSTATED
    assert session.venue == DECLIT
    assert session.notice.title == "Le café a bien lieu"
    assert session.holiday == "Lundi de Pentecôte"
    assert session.sequence == 1


@pytest.mark.parametrize(
    "day, expected",
    [
        ("2027-06-28", BOEUF),  # last day of the season (4th Monday): included
        ("2027-07-05", None),  # summer break
        ("2027-09-06", COMEDIE),  # first day of the next season
    ],
)
def test_season_boundaries(day, expected):
    session = on(day)
    assert (session.venue if session else None) == expected


@pytest.mark.parametrize(
    "start_year, first, last",
    [
        (2026, "2026-09-07", "2027-06-28"),
        (2027, "2027-09-06", "2028-06-26"),
        (2030, "2030-09-02", "2031-06-30"),  # 1 September 2030 is a Sunday
        (2039, "2039-09-05", "2040-06-25"),
    ],
)
def test_every_year_has_its_season_without_an_edit(start_year, first, last):
    season = SeasonRule().season(start_year)
    assert (season.label, season.first, season.last) == (
        f"{start_year}-{start_year + 1}",
        date.fromisoformat(first),
        date.fromisoformat(last),
    )
    assert season.confirmed is None


@pytest.mark.parametrize(
    "day, venue",
    [("2031-03-03", COMEDIE), ("2031-03-10", MABLY), ("2040-01-16", DECLIT), ("2040-02-27", BOEUF), ("2031-07-07", None)],
)
def test_sessions_years_ahead_follow_the_rule(day, venue):
    session = on(day)
    assert (session.venue if session else None) == venue


def test_season_changes_closures_and_confirmations():
    seasons = SeasonRule(
        changes={"2027-2028": (date(2027, 9, 13), None), "2028-2029": (None, date(2029, 8, 27))},
        confirmed={"2026-2027": date(2026, 11, 20)},
    )
    closure = Closure("Fermeture du CCAS", date(2026, 12, 21), date(2027, 1, 3))
    the_rule = rule(seasons=seasons, closures=(closure,))
    assert the_rule.season_of(date(2026, 12, 7)).confirmed == date(2026, 11, 20)
    assert the_rule.season_of(date(2027, 9, 6)) is None  # a late start
    assert the_rule.regular_venue(date(2027, 9, 13)) == MABLY
    assert the_rule.regular_venue(date(2029, 7, 16)) == DECLIT  # a year without summer break
    assert the_rule.regular_venue(date(2026, 12, 21)) is None
    assert the_rule.why_none(date(2026, 12, 21)) is NoSession.CLOSED
    assert the_rule.why_none(date(2027, 7, 5)) is NoSession.OUT_OF_SEASON
    assert seasons.next_season(date(2027, 7, 14)).label == "2027-2028"
    assert [s.label for s in seasons.between(date(2027, 6, 1), date(2027, 9, 30))] == ["2026-2027", "2027-2028"]


def test_cancel_notice():
    session = on("2026-12-28", [notice("2026-12-28", Action.CANCEL, title="Fermeture du café")])
    assert session.status is Status.CANCELLED
    assert cancel_reason(session) == "Fermeture du café"
    assert session.venue == BOEUF
    assert session.sequence == 1
    assert session.last_modified == datetime(2026, 11, 20, 10, 0, tzinfo=PARIS)


def test_move_notice_to_another_cafe_and_time():
    session = on(
        "2026-12-14",
        [notice("2026-12-14", Action.MOVE, venue=DECLIT, start=time(10, 0), end=time(12, 0), title="Travaux au Mably")],
    )
    assert session.status is Status.MOVED
    assert session.venue == DECLIT
    assert session.regular_venue == MABLY
    assert session.start == datetime(2026, 12, 14, 10, 0, tzinfo=PARIS)
    assert session.end == datetime(2026, 12, 14, 12, 0, tzinfo=PARIS)


def test_move_notice_changing_only_the_hours_keeps_the_cafe():
    session = on("2026-12-14", [notice("2026-12-14", Action.MOVE, start=time(10, 0))])
    assert session.venue == MABLY and session.regular_venue is None
    assert (session.start.hour, session.start.minute, session.end.hour, session.end.minute) == (10, 0, 11, 30)


def test_add_notice_creates_an_extra_session_on_a_fifth_monday():
    session = on("2027-03-29", [notice("2027-03-29", Action.ADD, venue=COMEDIE, title="Un café en plus")])
    assert session.status is Status.EXTRA
    assert session.venue == COMEDIE and session.day == date(2027, 3, 29)
    assert session.start == datetime(2027, 3, 29, 9, 30, tzinfo=PARIS)
    assert session.end == datetime(2027, 3, 29, 11, 30, tzinfo=PARIS)
    assert session.sequence == 1 and session.notice.title == "Un café en plus"


def test_an_added_session_cancelled_then_reinstated_is_an_extra_again():
    notices = [
        notice("2027-03-29", Action.ADD, venue=COMEDIE, published="2027-03-01 10:00"),
        notice("2027-03-29", Action.CANCEL, published="2027-03-02 10:00"),
        notice("2027-03-29", Action.REINSTATE, published="2027-03-03 10:00", title="Finalement"),
    ]
    session = on("2027-03-29", notices)
    assert session.status is Status.EXTRA and session.venue == COMEDIE
    assert session.sequence == 3 and session.notice.title == "Finalement"


def test_every_refused_notice_is_reported_at_once():
    bad = [notice("2026-12-15", Action.CANCEL), notice("2026-12-07", Action.REINSTATE), notice("2027-03-29", Action.ADD)]
    with pytest.raises(ScheduleError) as caught:
        compute_sessions(rule(), date(2026, 12, 1), date(2027, 3, 31), bad[:1])
    assert issue_error(caught.value.issues[0]).message.startswith("le 2026-12-15 n'est pas un lundi")
    with pytest.raises(ScheduleError) as caught:
        compute_sessions(rule(), date(2026, 12, 1), date(2027, 3, 31), bad[1:])
    assert [i.problem for i in caught.value.issues] == [Problem.NOT_CANCELLED, Problem.NO_VENUE]


def test_later_notice_wins_and_sequence_counts_changes():
    notices = [
        notice("2026-12-28", Action.REINSTATE, published="2026-12-20 09:00", title="Finalement maintenu"),
        notice("2026-12-28", Action.CANCEL, published="2026-12-01 09:00", title="Annulé"),
    ]
    session = on("2026-12-28", notices)
    assert session.status is Status.REINSTATED
    assert session.notice.title == "Finalement maintenu"
    assert session.sequence == 2
    assert session.last_modified == datetime(2026, 12, 20, 9, 0, tzinfo=PARIS)


@pytest.mark.parametrize(
    "bad, problem, field, words",
    [
        (notice("2026-12-15", Action.CANCEL), Problem.NOT_A_MONDAY, "Seance", "n'est pas un lundi"),
        (
            notice("2026-11-30", Action.CANCEL),
            Problem.NO_SESSION,
            "Seance",
            "aucune séance n'est prévue le 2026-11-30 (le cinquième lundi du mois)",
        ),
        (notice("2026-07-06", Action.CANCEL), Problem.NO_SESSION, "Seance", "aucune séance n'est prévue le 2026-07-06 (hors saison)"),
        (
            notice("2026-12-07", Action.ADD, venue=MABLY),
            Problem.ALREADY_HELD,
            "Action",
            "une séance a déjà lieu le 2026-12-07 (La Comédie)",
        ),
        (notice("2027-03-29", Action.ADD), Problem.NO_VENUE, "Lieu", "dans quel café"),
        (notice("2026-12-07", Action.REINSTATE), Problem.NOT_CANCELLED, "Action", "rien à rétablir"),
        (notice("2027-05-17", Action.MOVE, venue=MABLY), Problem.CANCELLED_FIRST, "Action", "annulée (jour férié (lundi de Pentecôte))"),
        (notice("2027-05-17", Action.ADD, venue=MABLY), Problem.CANCELLED_FIRST, "Action", "écrivez « Action: retablissement »"),
        (notice("2027-05-17", Action.CANCEL), Problem.ALREADY_CANCELLED, "Action", "déjà annulée"),
        # A time given alone must fit the other one (the session's, or the rule's).
        (
            notice("2026-12-14", Action.MOVE, start=time(12, 0)),
            Problem.ENDS_BEFORE_START,
            "Debut",
            "finirait (11:30) avant de commencer (12:00)",
        ),
        (
            notice("2026-12-14", Action.MOVE, end=time(9, 0)),
            Problem.ENDS_BEFORE_START,
            "Fin",
            "finirait (09:00) avant de commencer (09:30)",
        ),
        (
            notice("2027-03-29", Action.ADD, venue=MABLY, start=time(11, 30)),
            Problem.ENDS_BEFORE_START,
            "Debut",
            "indiquez aussi l'heure de fin",
        ),
    ],
)
def test_notice_that_does_not_fit_is_refused(bad, problem, field, words):
    with pytest.raises(ScheduleError) as caught:
        compute_sessions(rule(), date(2026, 12, 1), date(2026, 12, 31), [bad])
    (issue,) = caught.value.issues
    assert issue.problem is problem and issue.source == bad.source
    error = issue_error(issue)
    assert error.path == bad.source and error.field == field
    assert words in error.message


def test_two_notices_for_one_monday_with_the_same_date_are_ambiguous():
    first = notice("2026-12-28", Action.CANCEL, published="2026-12-18 10:00")
    correction = replace(notice("2026-12-28", Action.REINSTATE, published="2026-12-18 10:00"), source="content/avis/2026-12-28-2.md")
    with pytest.raises(ScheduleError) as caught:
        compute_sessions(rule(), date(2026, 12, 1), date(2026, 12, 31), [first, correction])
    (issue,) = caught.value.issues
    assert issue.problem is Problem.SAME_DATE
    error = issue_error(issue)
    assert error.field == "Date" and "même Date (2026-12-18 10:00)" in error.message
    assert "content/avis/2026-12-28-2.md" in error.message and "content/avis/2026-12-28.md" in error.message


def test_a_correction_with_a_later_date_wins_whatever_its_file_name():
    first = notice("2026-12-28", Action.CANCEL, published="2026-12-18 10:00")
    correction = replace(notice("2026-12-28", Action.REINSTATE, published="2026-12-18 10:01"), source="content/avis/2026-12-28-2.md")
    assert on("2026-12-28", [correction, first]).status is Status.REINSTATED


@pytest.mark.parametrize(
    "day, utc_hour, utc_minute",
    [("2027-03-22", 8, 30), ("2027-04-05", 7, 30), ("2027-10-25", 7, 30), ("2027-11-08", 8, 30)],
)
def test_daylight_saving_keeps_half_past_nine_in_dijon(day, utc_hour, utc_minute):
    start = on(day).start
    assert (start.hour, start.minute) == (9, 30)
    in_utc = start.astimezone(UTC)
    assert (in_utc.hour, in_utc.minute) == (utc_hour, utc_minute)


def test_two_venues_with_one_rank_are_refused():
    twin = Venue("le-twin", "Le Jumeau", "1 rue X", "21000", "Dijon", 2, source="content/lieux/le-twin.md")
    with pytest.raises(ScheduleError) as caught:
        check_rule([COMEDIE, MABLY, DECLIT, BOEUF, twin])
    assert [i.problem for i in caught.value.issues] == [Problem.RANK_TAKEN]
    message = issue_error(caught.value.issues[0]).describe()
    assert "content/lieux/le-twin.md, champ « Rang »" in message and "Le Mably" in message


def test_missing_rank_is_refused_but_rank_five_is_optional():
    with pytest.raises(ScheduleError) as caught:
        check_rule([MABLY, BOEUF])
    assert [(i.problem, i.subject) for i in caught.value.issues] == [(Problem.RANK_MISSING, 1), (Problem.RANK_MISSING, 3)]
    error = issue_error(caught.value.issues[0])
    assert error.describe().startswith("content/lieux/, champ « Rang » : aucun café n'a le rang 1")
    check_rule([COMEDIE, MABLY, DECLIT, BOEUF])


@pytest.mark.parametrize(
    "build, first, last",
    [
        ("2026-11-27", "2026-09-01", "2027-11-30"),  # in season: from its start
        ("2027-07-14", "2027-04-01", "2028-07-31"),  # summer break: three months back
    ],
)
def test_window_from_season_start_to_twelve_months_ahead(build, first, last):
    assert window(rule(), date.fromisoformat(build)) == (date.fromisoformat(first), date.fromisoformat(last))


def test_the_feed_keeps_six_months_back_but_not_before_it_started():
    assert feed_window(rule(), date(2027, 9, 20), 12, date(2026, 9, 7))[0] == date(2027, 3, 1)
    assert feed_window(rule(), date(2026, 11, 27), 12, date(2026, 9, 7))[0] == date(2026, 9, 7)
