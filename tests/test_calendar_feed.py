"""The .ics feed residents subscribe to, checked on its bytes and by several parsers."""

import os
import re
from datetime import UTC, date

import icalendar
import ics
import pytest
import recurring_ical_events
import vobject
from bs4 import BeautifulSoup

from conftest import ROOT, build_site, fixture_content, write

GOLDEN = ROOT / "tests/golden/instant-cafe.ics"
FEED = "agenda/instant-cafe.ics"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fixture")
    return build_site(folder, fixture_content(folder))


@pytest.fixture(scope="module")
def feed(fixture_site) -> bytes:
    return (fixture_site.output / FEED).read_bytes()


def events(data: bytes) -> dict[str, bytes]:
    """Each VEVENT's bytes, by UID."""
    blocks = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.S)
    return {re.search(rb"\r\nUID:(.*?)\r\n", block).group(1).decode(): block for block in blocks}


def test_lines_end_in_crlf_and_fit_in_75_octets(feed):
    assert b"\n" not in feed.replace(b"\r\n", b"")
    lines = feed.split(b"\r\n")
    assert lines[-1] == b""
    assert max(len(line) for line in lines) <= 75
    unfolded = feed.replace(b"\r\n ", b"")
    long_lines = [line for line in unfolded.split(b"\r\n") if len(line) > 75]
    assert any("Bœuf".encode() in line for line in long_lines), "no long line with « Bœuf » was folded"
    assert any("Déclit".encode() in line for line in long_lines), "no long line with « Déclit » was folded"
    for line in lines:
        line.decode("utf-8")  # folding never splits a UTF-8 character


def test_calendar_properties(feed):
    text = feed.decode()
    for line in (
        "PRODID:-//CCAS de Dijon//L'instant CAFÉ//FR",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "X-WR-TIMEZONE:Europe/Paris",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        "X-PUBLISHED-TTL:P1D",
        "NAME:L'instant CAFÉ – CCAS de Dijon",
        "X-WR-CALNAME:L'instant CAFÉ – CCAS de Dijon",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "TZID:Europe/Paris",
    ):
        assert f"\r\n{line}\r\n" in text, line
    assert "RDATE" not in text


def test_every_dtstamp_is_utc_and_text_is_escaped(feed):
    stamps = re.findall(rb"\r\nDTSTAMP:([^\r]*)", feed)
    assert stamps and all(stamp.endswith(b"Z") for stamp in stamps)
    assert b"\r\nLOCATION:Le Mably\\, 9 rue Mably\\, 21000 Dijon\r\n" in feed
    assert b"travaux \\; rendez-vous" in feed.replace(b"\r\n ", b"")
    assert re.search(rb"\r\nDTSTART;TZID=Europe/Paris:20261207T093000\r\n", feed)


def test_cancelled_session_stays_with_status_and_prefix(feed):
    event = events(feed)["instant-cafe-2026-12-14@instant-cafe.ccas-dijon"].replace(b"\r\n ", b"").decode()
    assert "\r\nSTATUS:CANCELLED\r\n" in event
    assert "\r\nSUMMARY:ANNULÉ – L'instant CAFÉ – Le Mably\r\n" in event
    assert "\r\nSEQUENCE:1\r\n" in event
    assert "\r\nLAST-MODIFIED:20261201T080000Z\r\n" in event
    assert "Café fermé pour travaux ; rendez-vous le lundi suivant au Déclit" in event.replace("\\;", ";")
    assert "vous reçoivent" not in event, "a cancelled session must not invite people to come"


def test_moved_session_keeps_its_uid_and_shows_the_new_place(feed):
    event = events(feed)["instant-cafe-2027-01-18@instant-cafe.ccas-dijon"].replace(b"\r\n ", b"").decode()
    assert "\r\nLOCATION:Le Bœuf Blanc\\, 7 boulevard de la Trémouille\\, 21000 Dijon\r\n" in event
    assert "\r\nDTSTART;TZID=Europe/Paris:20270118T100000\r\n" in event
    assert "\r\nGEO:47.32513;5.0395\r\n" in event
    assert "\r\nURL:https://instant-cafe.example.org/programme/2027/01/#seance-2027-01-18\r\n" in event


def utc(value):
    return value.astimezone(UTC).replace(tzinfo=UTC)


def by_icalendar(data):
    calendar = icalendar.Calendar.from_ical(data)
    return {(str(e["UID"]), utc(e.decoded("DTSTART")), utc(e.decoded("DTEND"))) for e in calendar.walk("VEVENT")}


def by_ics(data):
    calendar = ics.Calendar(data.decode("utf-8"))
    return {(e.uid, e.begin.datetime.astimezone(UTC), e.end.datetime.astimezone(UTC)) for e in calendar.events}


def by_vobject(data):
    calendar = vobject.readOne(data.decode("utf-8"))
    return {(e.uid.value, utc(e.dtstart.value), utc(e.dtend.value)) for e in calendar.vevent_list}


def test_three_parsers_agree(feed):
    first = by_icalendar(feed)
    assert len(first) == 52
    assert by_ics(feed) == first
    assert by_vobject(feed) == first


def test_expansion_gives_the_sessions_of_the_month_pages(fixture_site, feed):
    calendar = icalendar.Calendar.from_ical(feed)
    expanded = recurring_ical_events.of(calendar).between(date(2026, 9, 1), date(2027, 12, 1))
    statuses = {e.decoded("DTSTART").date().isoformat(): str(e["STATUS"]) for e in expanded}
    # A session to be held is TENTATIVE while its season's dates are to be confirmed.
    from_feed = sorted((day, "CANCELLED" if status == "CANCELLED" else "HELD") for day, status in statuses.items())
    from_pages = []
    for page in sorted(fixture_site.output.glob("programme/*/*/index.html")):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for block in doc.select("ul.sessions .session[id]"):
            status = "CANCELLED" if "session--cancelled" in block["class"] else "HELD"
            from_pages.append((block["id"].removeprefix("seance-"), status))
    assert from_feed == sorted(from_pages)
    assert statuses["2026-12-14"] == "CANCELLED" and statuses["2027-05-17"] == "TENTATIVE"


@pytest.mark.parametrize(
    "day, utc_time",
    [("2027-03-22", "08:30"), ("2027-04-05", "07:30"), ("2027-10-25", "07:30"), ("2027-11-08", "08:30")],
)
def test_daylight_saving_in_the_feed(feed, day, utc_time):
    starts = {uid: start for uid, start, _ in by_icalendar(feed)}
    start = starts[f"instant-cafe-{day}@instant-cafe.ccas-dijon"]
    assert start.strftime("%Y-%m-%d %H:%M") == f"{day} {utc_time}"
    assert f"\r\nDTSTART;TZID=Europe/Paris:{day.replace('-', '')}T093000\r\n".encode() in feed


def test_single_session_file_has_the_same_event(fixture_site, feed):
    single = (fixture_site.output / "agenda/seances/2027-01-18.ics").read_bytes()
    uid = "instant-cafe-2027-01-18@instant-cafe.ccas-dijon"
    # The same event, plus a reminder the evening before (a feed's alarms are dropped by calendars).
    alarm = re.search(rb"BEGIN:VALARM\r\n.*?END:VALARM\r\n", single, re.S).group(0)
    assert events(single)[uid].replace(alarm, b"") == events(feed)[uid]
    assert b"REFRESH-INTERVAL" not in single and b"BEGIN:VTIMEZONE" in single
    assert b"VALARM" not in feed


def test_pages_link_to_add_one_session(fixture_site):
    doc = BeautifulSoup((fixture_site.output / "programme/2026/12/index.html").read_text(encoding="utf-8"), "html.parser")
    link = doc.find("a", href="../../../agenda/seances/2026-12-07.ics")
    assert link and link.get_text() == "Ajouter le lundi 7 décembre à mon agenda"


def test_same_content_same_bytes(tmp_path, feed):
    again = build_site(tmp_path, fixture_content(tmp_path))
    assert (again.output / FEED).read_bytes() == feed


def test_a_new_notice_changes_only_its_event(tmp_path, feed):
    content = fixture_content(tmp_path)
    baseline = build_site(tmp_path / "before", content)
    write(
        content / "avis/2027-02-08.md",
        "Title: Pas de café ce lundi\nDate: 2027-01-20 10:00\nSeance: 2027-02-08\nAction: annulation\n\nLe café est fermé.\n",
    )
    after = build_site(tmp_path / "after", content)
    before_events = events((baseline.output / FEED).read_bytes())
    after_events = events((after.output / FEED).read_bytes())
    changed = {uid for uid in before_events if before_events[uid] != after_events[uid]}
    assert changed == {"instant-cafe-2027-02-08@instant-cafe.ccas-dijon"}
    event = after_events["instant-cafe-2027-02-08@instant-cafe.ccas-dijon"].decode()
    assert "\r\nSEQUENCE:1\r\n" in event and "\r\nLAST-MODIFIED:20270120T090000Z\r\n" in event
    assert "\r\nSEQUENCE:0\r\n" in before_events["instant-cafe-2027-02-08@instant-cafe.ccas-dijon"].decode()


def test_golden_feed(feed):
    if os.environ.get("UPDATE_GOLDEN") == "1":  # `make golden`
        GOLDEN.write_bytes(feed)
    assert feed == GOLDEN.read_bytes(), "the feed changed: review it, then run `make golden`"


def test_subscription_page(shipped_site):
    doc = BeautifulSoup(shipped_site.html("agenda/index.html"), "html.parser")
    hrefs = {a["href"] for a in doc.main.find_all("a")}
    assert "webcal://instant-cafe.example.org/agenda/instant-cafe.ics" in hrefs
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Finstant-cafe.example.org%2Fagenda%2Finstant-cafe.ics" in hrefs
    assert any(h.startswith("https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2F") for h in hrefs)
    text = " ".join(doc.main.get_text(" ").split())
    assert "https://instant-cafe.example.org/agenda/instant-cafe.ics" in text
    assert "une fois par jour" in text
    qr = doc.find("figure", class_="qr").img
    assert qr["src"].startswith("data:image/svg+xml") and "instant-cafe.example.org/agenda/" in qr["alt"]
