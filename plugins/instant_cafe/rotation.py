"""ROTATION, the setting that says when sessions run: defaults and French validation (no Pelican here)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, time

from .errors import ContentError, ContentErrors
from .model import Closure, Rule, SeasonRule, Venue

SETTINGS_FILE = "pelicanconf.py"


def setting_error(setting: str, message: str) -> ContentError:
    return ContentError(SETTINGS_FILE, setting, message)


_error = setting_error


def is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


@dataclass(frozen=True)
class Rotation:
    """ROTATION: when sessions run."""

    start: time
    end: time
    seasons: SeasonRule
    closures: tuple[Closure, ...]
    months_ahead: int

    def rule(self, venues: Iterable[Venue], confirmed: Mapping[str, date]) -> Rule:
        """The rule with these cafés, and the seasons whose dates staff confirmed (content/infos/pratique.md)."""
        seasons = replace(self.seasons, confirmed=confirmed)
        return Rule({venue.rank: venue for venue in venues}, seasons, self.start, self.end, self.closures)


ROTATION_DEFAULTS = {
    # When a session starts and ends (Europe/Paris).
    "start": "09:30",
    "end": "11:30",
    # Every year, sessions run from the first Monday of this month…
    "season_start_month": 9,
    # …to the last Monday of this month, the next year.
    "season_end_month": 6,
    # A season with other dates: {"2027-2028": {"first": "2027-09-13"}} (a late start),
    # {"2028-2029": {"last": "2029-09-03"}} (no summer break); "first", "last" or both.
    "season_changes": {},
    # Days without sessions inside a season: [{"name": …, "first": "AAAA-MM-JJ", "last": "AAAA-MM-JJ"}].
    "closures": [],
    # How many months ahead of the build date the site shows.
    "months_ahead": 12,
}
SEASON_LABEL = re.compile(r"(\d{4})-(\d{4})")


def _name(*keys: object) -> str:
    """The setting as written in pelicanconf.py: ROTATION['closures'][0]."""
    return "ROTATION" + "".join(f"[{key!r}]" for key in keys)


def _clock(field: str, value: object, errors: list) -> time:
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        errors.append(_error(field, f"« {value} » n'est pas une heure : écrivez-la « HH:MM », par exemple « 09:30 »."))
        return time(0, 0)


def _day(field: str, value: object, errors: list) -> date | None:
    if isinstance(value, date):
        return value
    if is_date(str(value)):
        return date.fromisoformat(str(value))
    errors.append(_error(field, f"« {value} » n'est pas une date : écrivez-la « AAAA-MM-JJ »."))
    return None


def _season_label(field: str, label: object, errors: list) -> bool:
    match = SEASON_LABEL.fullmatch(str(label))
    if match and int(match[2]) == int(match[1]) + 1:
        return True
    errors.append(_error(field, f"« {label} » n'est pas une saison : écrivez ses deux années, par exemple « 2027-2028 »."))
    return False


def _month(field: str, value: object, errors: list) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
        return value
    errors.append(_error(field, f"« {value!r} » n'est pas un mois : écrivez un nombre de 1 à 12, sans guillemets."))
    return 1


def _season_rule(values: dict, errors: list) -> SeasonRule:
    start_month = _month(_name("season_start_month"), values["season_start_month"], errors)
    end_month = _month(_name("season_end_month"), values["season_end_month"], errors)
    if end_month >= start_month:
        errors.append(
            _error(
                "ROTATION['season_end_month']", "une saison finit l'année qui suit son début : le mois de fin vient avant le mois de début."
            )
        )
    changes = {}
    for label, change in _mapping(_name("season_changes"), values["season_changes"], errors).items():
        field = _name("season_changes", label)
        if not _season_label(field, label, errors):
            continue
        if not isinstance(change, dict) or not change or set(change) - {"first", "last"}:
            errors.append(_error(field, 'écrivez {"first": "AAAA-MM-JJ"}, {"last": "AAAA-MM-JJ"} ou les deux.'))
            continue
        changes[label] = (
            _day(field, change["first"], errors) if "first" in change else None,
            _day(field, change["last"], errors) if "last" in change else None,
        )
    rule = SeasonRule(start_month, end_month, changes)
    for label in changes if not errors else ():
        year = int(label[:4])
        before, season, after = rule.season(year - 1), rule.season(year), rule.season(year + 1)
        if season.last < season.first:
            errors.append(
                _error(_name("season_changes", label), f"la saison finirait ({season.last}) avant de commencer ({season.first}).")
            )
        elif season.first <= before.last or season.last >= after.first:
            errors.append(
                _error(
                    _name("season_changes", label),
                    f"la saison {label} ({season.first} → {season.last}) chevaucherait la précédente ({before.first} → {before.last}) "
                    f"ou la suivante ({after.first} → {after.last}).",
                )
            )
    return rule


def _mapping(field: str, value: object, errors: list) -> dict:
    if isinstance(value, dict):
        return value
    errors.append(_error(field, 'écrivez ce réglage comme un dictionnaire : {"2027-2028": …}.'))
    return {}


def _closures(value: object, errors: list) -> tuple[Closure, ...]:
    closures = []
    for number, closure in enumerate(value if isinstance(value, list) else [None]):
        field = _name("closures", number)
        if not isinstance(closure, dict) or set(closure) != {"name", "first", "last"} or not isinstance(closure["name"], str):
            errors.append(_error(field, 'chaque fermeture s\'écrit {"name": "…", "first": "AAAA-MM-JJ", "last": "AAAA-MM-JJ"}.'))
            continue
        first, last = _day(field, closure["first"], errors), _day(field, closure["last"], errors)
        if first and last and last < first:
            errors.append(_error(field, f"la fermeture « {closure['name']} » finit ({last}) avant de commencer ({first})."))
        elif first and last:
            closures.append(Closure(closure["name"].strip(), first, last))
    return tuple(closures)


def read_rotation(raw: object) -> Rotation:
    """Merge ``raw`` over the defaults and check every value."""
    values = {**ROTATION_DEFAULTS, **(raw or {})}
    errors: list[ContentError] = []
    for key in sorted(set(values) - set(ROTATION_DEFAULTS)):
        errors.append(_error(_name(key), f"réglage inconnu ; réglages possibles : {', '.join(ROTATION_DEFAULTS)}."))
    start, end = _clock(_name("start"), values["start"], errors), _clock(_name("end"), values["end"], errors)
    if not errors and end <= start:
        errors.append(_error("ROTATION['end']", "la fin d'une séance doit venir après son début."))
    seasons = _season_rule(values, errors)
    closures = _closures(values["closures"], errors)
    months_ahead = values["months_ahead"]
    if isinstance(months_ahead, bool) or not isinstance(months_ahead, int) or not 12 <= months_ahead <= 60:
        errors.append(
            _error("ROTATION['months_ahead']", "le site montre de 12 à 60 mois à l'avance : indiquez un nombre entier, par exemple 12.")
        )
    if errors:
        raise ContentErrors(errors)
    return Rotation(start, end, seasons, closures, months_ahead)
