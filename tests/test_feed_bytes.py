"""The feed's bytes from hand-built sessions, in-process: one event per status, as calendars read it."""

import os
import re
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import icalendar
import ics
import pytest
import vobject
from samples import BOEUF, MABLY, notice, rule

from instant_cafe.calendar_feed import FeedContext, feed_bytes, session_bytes
from instant_cafe.model import Action, SeasonRule
from instant_cafe.schedule import compute_sessions
from instant_cafe.settings import CalendarSettings, Contact

CONTEXT = FeedContext(
    "https://cafe.example.org",
    CalendarSettings(
        "Le café – CCAS",
        "Le café",
        "Les séances du café, le lundi.",
        "-//Test//Café//FR",
        "Deux travailleurs sociaux vous reçoivent.",
        "cafe.test",
        "2026-09-07",
    ),
    Contact("CCAS de Dijon", "Centre communal", "03 80 44 81 00", "tel:+33380448100", "de 9 h à 12 h"),
)


def sessions(*notices, first=date(2026, 12, 1), the_rule=None):
    return compute_sessions(the_rule or rule(), first, date(2026, 12, 31), notices)


def unfolded(data: bytes) -> str:
    return data.replace(b"\r\n ", b"").decode()


def event(data: bytes, day: str) -> str:
    """The VEVENT of ``day``, unfolded, from its BEGIN line to its END line."""
    blocks = unfolded(data).split("BEGIN:VEVENT")[1:]
    (block,) = [b for b in blocks if f"\r\nUID:instant-cafe-{day}@" in b]
    return "\r\n" + block.split("END:VEVENT", 1)[0]


def test_calendar_header_says_what_the_settings_say():
    text = unfolded(feed_bytes(sessions(), rule(), CONTEXT))
    for line in (
        "PRODID:-//Test//Café//FR",
        "NAME:Le café – CCAS",
        "X-WR-CALNAME:Le café – CCAS",
        "DESCRIPTION:Les séances du café\\, le lundi.",
    ):
        assert f"\r\n{line}\r\n" in text, line
    # An X- property is text too: its comma is escaped.
    assert "\r\nX-WR-CALDESC:Les séances du café\\, le lundi.\r\n" in text
    assert "\r\nURL:https://cafe.example.org/agenda/instant-cafe.ics\r\n" in text
    # No METHOD: RFC 5546's PUBLISH would need an ORGANIZER, and a subscription needs neither.
    assert "METHOD" not in text and "METHOD" not in unfolded(session_bytes(sessions()[0], rule(), CONTEXT))


def test_a_scheduled_session_of_a_season_to_be_confirmed_is_tentative():
    text = event(feed_bytes(sessions(), rule(), CONTEXT), "2026-12-14")
    assert "\r\nSUMMARY:Le café – Le Mably\r\n" in text
    assert "\r\nSTATUS:TENTATIVE\r\n" in text and "\r\nSEQUENCE:0\r\n" in text and "\r\nTRANSP:OPAQUE\r\n" in text
    assert "\r\nDTSTART;TZID=Europe/Paris:20261214T093000\r\n" in text
    assert "\r\nDTEND;TZID=Europe/Paris:20261214T113000\r\n" in text
    assert "\r\nDTSTAMP:20260907T000000Z\r\n" in text and "\r\nLAST-MODIFIED:20260907T000000Z\r\n" in text
    assert (
        "DESCRIPTION:Dates de la saison 2026-2027 à confirmer : en cas de doute\\, appelez le CCAS de Dijon.\\n"
        "Deux travailleurs sociaux vous reçoivent.\\nRenseignements : CCAS de Dijon\\, 03 80 44 81 00\\, de 9 h à 12 h."
    ) in text
    assert "\r\nURL:https://cafe.example.org/programme/2026/12/#seance-2026-12-14\r\n" in text


def test_confirming_the_season_raises_sequence_and_stamps_and_confirms():
    confirmed = rule(seasons=SeasonRule(confirmed={"2026-2027": date(2026, 12, 1)}))
    before = event(feed_bytes(sessions(), rule(), CONTEXT), "2026-12-14")
    after = event(feed_bytes(sessions(the_rule=confirmed), confirmed, CONTEXT), "2026-12-14")
    assert "\r\nSEQUENCE:0\r\n" in before and "\r\nSEQUENCE:1\r\n" in after
    assert "\r\nSTATUS:CONFIRMED\r\n" in after and "à confirmer" not in after
    assert "\r\nLAST-MODIFIED:20261201T000000Z\r\n" in after and "\r\nDTSTAMP:20261201T000000Z\r\n" in after


def test_a_notice_dated_before_the_feed_began_never_stamps_backwards():
    early = notice("2026-12-14", Action.CANCEL, published="2026-08-01 10:00")
    text = event(feed_bytes(sessions(early), rule(), CONTEXT), "2026-12-14")
    assert "\r\nSEQUENCE:1\r\n" in text and "\r\nDTSTAMP:20260907T000000Z\r\n" in text


def test_uids_do_not_depend_on_the_public_address():
    moved = FeedContext("https://ccas-dijon.github.io/instant-cafe", CONTEXT.calendar, CONTEXT.contact)
    uids = [re.findall(rb"\r\nUID:(.*?)\r\n", feed_bytes(sessions(), rule(), context)) for context in (CONTEXT, moved)]
    assert uids[0] == uids[1] and uids[0][0] == b"instant-cafe-2026-12-07@cafe.test"


@pytest.mark.parametrize(
    "day, notice_, summary, status, first_line",
    [
        ("2026-12-14", notice("2026-12-14", Action.CANCEL, title="Fermé pour travaux"), "ANNULÉ – Le café – Le Mably", "CANCELLED",
         "Séance annulée : Fermé pour travaux. Pas de séance ce jour-là."),
        ("2026-12-21", notice("2026-12-21", Action.MOVE, venue=BOEUF, start=time(10), end=time(12), title="Au Bœuf Blanc"),
         "Le café – Le Bœuf Blanc", "TENTATIVE", "Séance modifiée : Au Bœuf Blanc."),
        ("2026-11-30", notice("2026-11-30", Action.ADD, venue=MABLY, title="Un café en plus"),
         "Le café – Le Mably", "CONFIRMED", "Séance en plus : Un café en plus."),
    ],
)  # fmt: skip
def test_a_changed_session_says_so_first(day, notice_, summary, status, first_line):
    text = event(feed_bytes(sessions(notice_, first=date(2026, 11, 30)), rule(), CONTEXT), day)
    assert f"\r\nSUMMARY:{summary}\r\n" in text
    assert f"\r\nSTATUS:{status}\r\n" in text and "\r\nSEQUENCE:1\r\n" in text
    description = text.split("DESCRIPTION:", 1)[1].split("\r\n", 1)[0].replace("\\,", ",").replace("\\;", ";")
    assert description.startswith(first_line)


def test_a_cancelled_session_does_not_invite_nor_keep_you_busy():
    text = event(feed_bytes(sessions(notice("2026-12-14", Action.CANCEL)), rule(), CONTEXT), "2026-12-14")
    assert "vous reçoivent" not in text and "à confirmer" not in text
    assert "\r\nTRANSP:TRANSPARENT\r\n" in text


def test_one_session_file_is_the_feed_event():
    all_sessions = sessions()
    feed = feed_bytes(all_sessions, rule(), CONTEXT)
    single = session_bytes(all_sessions[1], rule(), CONTEXT)
    alarm = unfolded(single).split("BEGIN:VALARM", 1)[1].split("END:VALARM\r\n", 1)[0]
    assert event(single, "2026-12-14").replace(f"BEGIN:VALARM{alarm}END:VALARM\r\n", "") == event(feed, "2026-12-14")
    calendar = icalendar.Calendar.from_ical(single)
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == ["instant-cafe-2026-12-14@cafe.test"]


def test_contact_hours_are_said_only_when_known():
    unknown = FeedContext(CONTEXT.public_url, CONTEXT.calendar, replace(CONTEXT.contact, hours=""))
    text = event(feed_bytes(sessions(), rule(), unknown), "2026-12-14")
    assert "Renseignements : CCAS de Dijon\\, 03 80 44 81 00.\r\n" in text


def test_text_is_escaped_and_lines_folded_on_octets():
    moved = notice("2026-12-21", Action.MOVE, venue=MABLY, title="Nouveau lieu ; le Mably, près des Halles")
    data = feed_bytes(sessions(moved), rule(), CONTEXT)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert "Nouveau lieu \\; le Mably\\, près des Halles" in unfolded(data)


GOLDEN = Path(__file__).parent / "golden" / "feed-unit.ics"


def test_feed_of_every_status_matches_its_golden_file():
    """Every property of the calendar, the time zone and each kind of event, byte for byte."""
    notices = [
        notice("2026-11-30", Action.ADD, venue=MABLY, title="Un café en plus"),
        notice("2026-12-14", Action.CANCEL, title="Fermé pour travaux"),
        notice("2026-12-21", Action.MOVE, venue=BOEUF, start=time(10), end=time(12), title="Au Bœuf Blanc"),
        notice("2027-05-17", Action.REINSTATE, title="Le café a bien lieu"),
    ]
    data = feed_bytes(compute_sessions(rule(), date(2026, 11, 30), date(2027, 5, 31), notices), rule(), CONTEXT)
    if os.environ.get("UPDATE_GOLDEN") == "1":  # `make golden`
        GOLDEN.write_bytes(data)
    assert data == GOLDEN.read_bytes(), "the feed changed: review it, then run `make golden`"


def test_a_one_session_file_reminds_the_evening_before_and_the_feed_never():
    notices = [notice("2026-12-21", Action.MOVE, start=time(10), end=time(12), title="Plus tard")]
    all_sessions = sessions(*notices)
    assert "VALARM" not in unfolded(feed_bytes(all_sessions, rule(), CONTEXT))
    for session, trigger, hours in ((all_sessions[0], "-PT15H30M", "de 9 h 30 à 11 h 30"), (all_sessions[2], "-PT16H", "de 10 h à 12 h")):
        text = unfolded(session_bytes(session, rule(), CONTEXT)).replace("\u00a0", " ")
        assert "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Demain matin\\, Le café " in text
        assert f"{hours}.\r\nTRIGGER:{trigger}\r\nEND:VALARM" in text
        # Three parsers read the reminder as « the day before at 18 h, Paris time ».
        calendar = icalendar.Calendar.from_ical(session_bytes(session, rule(), CONTEXT))
        (alarm,) = calendar.walk("VALARM")
        assert session.start + alarm.decoded("TRIGGER") == session.start.replace(day=session.day.day - 1, hour=18, minute=0)
        assert len(ics.Calendar(text).events.pop().alarms) == 1
        assert (
            vobject.readOne(text).vevent.valarm.trigger.value
            == session.start.replace(day=session.day.day - 1, hour=18, minute=0) - session.start
        )


def test_a_cancelled_session_file_has_no_reminder():
    cancelled = sessions(notice("2026-12-14", Action.CANCEL))[1]
    assert "VALARM" not in unfolded(session_bytes(cancelled, rule(), CONTEXT))
