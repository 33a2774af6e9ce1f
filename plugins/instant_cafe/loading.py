"""Venues and notices, from the metadata Pelican read, into the schedule's data.

The fields' formats were already checked by ``content_check``; here are the
checks that need to know the other files (a known café, a rank, France).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from .content_check import clean_name
from .errors import ContentError, ContentErrors
from .fields import CLOCK, parse_value, plain_word
from .model import PARIS, Action, Notice, Venue

# Metropolitan France and Corsica, generously.
FRANCE_LATITUDE = (41.0, 51.5)
FRANCE_LONGITUDE = (-5.5, 10.0)

ACCESS_FIELDS = (("arret", "Arrêt de tram ou de bus"), ("acces", "Accès"), ("toilettes", "Toilettes"))


@dataclass(frozen=True)
class ReadFile:
    """What Pelican read from one file: metadata (lower-case keys) and body HTML."""

    path: str
    metadata: Mapping[str, object]
    body_html: str


def _coordinate(item: ReadFile, key: str, bounds: tuple[float, float], errors: list) -> float | None:
    value = item.metadata.get(key)
    if value in (None, ""):
        return None
    number = float(value)
    if not bounds[0] <= number <= bounds[1]:
        errors.append(
            ContentError(
                item.path,
                key.capitalize(),
                f"{number} est hors de France (attendu entre {bounds[0]} et {bounds[1]}). "
                "Vérifiez que latitude et longitude ne sont pas inversées.",
            )
        )
        return None
    return number


def load_venues(items: Iterable[ReadFile]) -> list[Venue]:
    errors: list[ContentError] = []
    venues = []
    for item in items:
        meta = item.metadata
        venue = Venue(
            slug=str(meta["slug"]),
            name=str(meta["title"]),
            address=str(meta["adresse"]),
            postcode=str(meta["code_postal"]),
            city=str(meta["ville"]),
            rank=int(meta["rang"]),
            latitude=_coordinate(item, "latitude", FRANCE_LATITUDE, errors),
            longitude=_coordinate(item, "longitude", FRANCE_LONGITUDE, errors),
            position_confirmed=str(meta.get("position_verifiee", "")).strip().lower() == "oui",
            access=tuple((label, str(meta[key])) for key, label in ACCESS_FIELDS if meta.get(key)),
            source=item.path,
        )
        venues.append(venue)
    if errors:
        raise ContentErrors(errors)
    return sorted(venues, key=lambda venue: venue.rank)


def find_venue(venues: Mapping[str, Venue], written: str, path: str, field: str) -> Venue:
    """The café staff named by its short name; else a French error suggesting the closest one."""
    if written in venues:
        return venues[written]
    as_slug = clean_name(written)
    by_name = {clean_name(venue.name): slug for slug, venue in venues.items()}
    if as_slug in venues or as_slug in by_name:
        guess = by_name.get(as_slug, as_slug)
    else:
        guess = next(iter(difflib.get_close_matches(as_slug, list(venues), n=1)), None)
    hint = f"vouliez-vous écrire « {guess} » ? " if guess else ""
    raise ContentError(path, field, f"« {written} » n'est pas un café connu : {hint}Cafés connus : {', '.join(venues)}.")


def _clock(value: object) -> time | None:
    if value in (None, ""):
        return None
    hours, minutes = parse_value(CLOCK, str(value))
    return time(hours, minutes)


def _published(value: object) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    moment = datetime(*moment.timetuple()[:6])
    return moment.replace(tzinfo=PARIS)


def load_notices(items: Iterable[ReadFile], venues: Mapping[str, Venue]) -> list[Notice]:
    errors: list[ContentError] = []
    notices = []
    for item in items:
        meta = item.metadata
        action = Action(plain_word(str(meta["action"])))
        venue = None
        if meta.get("lieu"):
            try:
                venue = find_venue(venues, str(meta["lieu"]).strip(), item.path, "Lieu")
            except ContentError as error:
                errors.append(error)
                continue
        start, end = _clock(meta.get("debut")), _clock(meta.get("fin"))
        if action in (Action.CANCEL, Action.REINSTATE) and (venue or start or end):
            errors.append(
                ContentError(
                    item.path,
                    "Action",
                    f"« {action.value} » ne change ni le café ni l'horaire : retirez les champs "
                    "Lieu, Debut et Fin, ou écrivez « Action: deplacement ».",
                )
            )
            continue
        if action is Action.MOVE and not (venue or start or end):
            errors.append(
                ContentError(item.path, "Lieu", "un déplacement indique le nouveau café (Lieu) et/ou le nouvel horaire (Debut, Fin).")
            )
            continue
        if start and end and end <= start:
            errors.append(ContentError(item.path, "Fin", "l'heure de fin doit venir après l'heure de début."))
            continue
        notices.append(
            Notice(
                source=item.path,
                day=date.fromisoformat(str(meta["seance"])),
                action=action,
                published=_published(meta["date"]),
                title=str(meta["title"]),
                venue=venue,
                start=start,
                end=end,
                body_html=item.body_html,
            )
        )
    if errors:
        raise ContentErrors(errors)
    return notices
