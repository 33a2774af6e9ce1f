"""The public holidays a build reads from its cache folder (public_holidays.py): asked once of
a child process, kept by year, completed when a build needs a year it does not hold."""

from __future__ import annotations

import json
from datetime import date

import pytest

from instant_cafe import public_holidays as module
from instant_cafe.public_holidays import CACHE_FILE, ask_early, public_holidays


def test_a_build_gets_the_french_holidays_of_the_years_it_asks_for(tmp_path):
    days = public_holidays([2027, 2026], tmp_path)
    assert days[date(2026, 12, 25)] == "Noël"
    assert days[date(2027, 5, 17)] == "Lundi de Pentecôte"
    assert days[date(2027, 7, 14)] == "Fête nationale"
    assert {day.year for day in days} == {2026, 2027}
    assert len(days) == 22  # eleven a year in metropolitan France
    saved = json.loads((tmp_path / CACHE_FILE).read_bytes())
    # The child, once started, also kept the years around (older posts ask for their Mondays' years).
    assert sorted(saved) == [str(year) for year in range(1996, 2038)]
    assert {day[:4] for day, _ in saved["2026"]} == {"2026"} and len(saved["2027"]) == 11
    assert public_holidays([2016], tmp_path)[date(2016, 5, 16)] == "Lundi de Pentecôte"


def test_a_year_the_cache_lacks_is_added_and_the_others_are_read_back(tmp_path):
    # What an earlier build kept is trusted as it is (the cache folder's fingerprint covers the
    # holidays package's version): a marked name proves it was read, not computed again.
    (tmp_path / CACHE_FILE).write_text(json.dumps({"2026": [["2026-12-25", "Noël (gardé)"]]}), encoding="utf-8")
    days = public_holidays([2026, 2028], tmp_path)
    assert days[date(2026, 12, 25)] == "Noël (gardé)"
    assert days[date(2028, 6, 5)] == "Lundi de Pentecôte"
    assert date(2028, 6, 5) not in public_holidays([2026], tmp_path)
    saved = json.loads((tmp_path / CACHE_FILE).read_bytes())
    assert saved["2026"] == [["2026-12-25", "Noël (gardé)"]] and len(saved["2028"]) == len(saved["1996"]) == 11


def test_without_a_cache_folder_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert public_holidays([2027], None)[date(2027, 3, 29)] == "Lundi de Pâques"
    assert list(tmp_path.iterdir()) == []


def test_a_child_started_early_answers_when_the_programme_asks(tmp_path, monkeypatch):
    # As a build does when Pelican starts: the child runs while the build checks its content.
    ask_early([2026, 2027, 2028], tmp_path)
    monkeypatch.setattr(module, "_child", lambda years: pytest.fail(f"a second child for {years}"))
    assert public_holidays([2026, 2027], tmp_path)[date(2027, 11, 11)] == "Armistice"
    assert sorted(json.loads((tmp_path / CACHE_FILE).read_bytes())) == [str(year) for year in range(1996, 2039)]
    ask_early([2027], tmp_path)  # every year known: nothing to start
    assert public_holidays([2027], tmp_path)[date(2027, 12, 25)] == "Noël"
