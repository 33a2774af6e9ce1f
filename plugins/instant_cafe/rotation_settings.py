"""The ROTATION setting: its defaults and its validation (no Pelican here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from .errors import ContentError, ContentErrors
from .schedule import Season

SETTINGS_FILE = "pelicanconf.py"

DEFAULTS = {
    # When a session starts and ends (Europe/Paris).
    "start": "09:30",
    "end": "11:30",
    # Slug of the café of a fifth Monday, or None for no session that day.
    "fifth_monday": None,
    # The periods when sessions run, as {"name": ..., "first": "YYYY-MM-DD", "last": ...}.
    "seasons": [],
    # How many months ahead of the build date the site shows.
    "months_ahead": 12,
    # False while the CCAS has not confirmed the seasons' dates: pages say so.
    "seasons_confirmed": False,
}


@dataclass(frozen=True)
class RotationSettings:
    start: time
    end: time
    fifth_monday: str | None
    seasons: tuple[Season, ...]
    months_ahead: int
    seasons_confirmed: bool


def _error(field: str, message: str) -> ContentError:
    return ContentError(SETTINGS_FILE, f"ROTATION['{field}']", message)


def _clock(field: str, value: str, errors: list) -> time:
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        errors.append(_error(field, f"« {value} » n'est pas une heure : écrivez-la « HH:MM », par exemple « 09:30 »."))
        return time(0, 0)


def _day(field: str, value: object, errors: list) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors.append(_error(field, f"« {value} » n'est pas une date : écrivez-la « AAAA-MM-JJ »."))
        return date.min


def read_rotation_settings(raw: dict | None) -> RotationSettings:
    """Merge ``raw`` over the defaults and check every value."""
    values = {**DEFAULTS, **(raw or {})}
    errors: list[ContentError] = []
    unknown = sorted(set(values) - set(DEFAULTS))
    if unknown:
        errors.append(
            _error(unknown[0], f"réglage inconnu ; réglages possibles : {', '.join(DEFAULTS)}.")
        )
    start = _clock("start", values["start"], errors)
    end = _clock("end", values["end"], errors)
    if not errors and end <= start:
        errors.append(_error("end", "la fin d'une séance doit venir après son début."))
    seasons = []
    for number, season in enumerate(values["seasons"], start=1):
        field = f"seasons'][{number - 1}"
        if not isinstance(season, dict) or {"name", "first", "last"} - set(season):
            errors.append(_error(field, 'chaque saison s\'écrit {"name": …, "first": "AAAA-MM-JJ", "last": "AAAA-MM-JJ"}.'))
            continue
        seasons.append(Season(str(season["name"]), _day(field, season["first"], errors), _day(field, season["last"], errors)))
    months_ahead = values["months_ahead"]
    if isinstance(months_ahead, bool) or not isinstance(months_ahead, int) or not 12 <= months_ahead <= 60:
        errors.append(_error("months_ahead", "le site montre de 12 à 60 mois à l'avance : indiquez un nombre entier, par exemple 12."))
    if not isinstance(values["seasons_confirmed"], bool):
        errors.append(
            _error("seasons_confirmed", f"« {values['seasons_confirmed']!r} » : écrivez True (dates confirmées) ou False, sans guillemets.")
        )
    if errors:
        raise ContentErrors(errors)
    return RotationSettings(
        start, end, values["fifth_monday"], tuple(seasons), months_ahead, values["seasons_confirmed"]
    )
