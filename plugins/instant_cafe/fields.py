"""The fields staff write at the top of each content file: names, kinds, formats (no Pelican here).

One vocabulary, read by the content check, by the loader that turns cafés and
notices into the schedule's data, and by the staff editor's configuration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from .model import RANKS, Action

DATE = "date"
DATETIME = "datetime"
MONDAY_DATE = "monday"
CLOCK = "clock"
INTEGER = "integer"
NUMBER = "number"
SLUG = "slug"
TEXT = "text"
HTML = "html"  # Markdown rendered to HTML, then sanitized (Pelican's FORMATTED_FIELDS)
ADDRESS = "address"  # where Pelican writes a page (Save_as, Url)
TEMPLATE = "template"
HTTPS_URL = "https-url"
EMAIL = "email"
SEASONS = "seasons"  # season labels separated by commas: 2026-2027, 2027-2028

DATE_HELP = "écrivez la date sous la forme AAAA-MM-JJ, par exemple 2026-12-07"
DATETIME_HELP = "écrivez la date sous la forme AAAA-MM-JJ HH:MM, par exemple 2026-12-04 10:00"
FORMAT_HELP = {
    DATE: DATE_HELP,
    MONDAY_DATE: DATE_HELP + " (un lundi)",
    DATETIME: DATETIME_HELP,
    CLOCK: "écrivez l'heure sous la forme HH:MM, par exemple 09:30",
    INTEGER: "écrivez un nombre entier, par exemple 2",
    NUMBER: "écrivez un nombre avec un point, par exemple 47.32186",
    SLUG: "écrivez-le en minuscules, sans accent ni espace, les mots séparés par des tirets, par exemple la-comedie",
    HTTPS_URL: "écrivez l'adresse complète de la page, qui commence par https://",
    EMAIL: "écrivez une adresse électronique, par exemple accueil@ccas-dijon.fr",
    SEASONS: "écrivez les saisons séparées par des virgules, par exemple 2026-2027, 2027-2028",
}


@dataclass(frozen=True)
class Field:
    name: str  # as staff write it
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    # Compare choices without accents or capitals (« Déplacement » is « deplacement »).
    loose_choices: bool = False


YES_NO = ("oui", "non")
POST_STATUS = ("published", "draft")
PAGE_STATUS = ("published", "hidden", "draft")
ACTIONS = tuple(action.value for action in Action)

SCHEMAS: dict[str, tuple[Field, ...]] = {
    "post": (
        Field("Title", required=True),
        Field("Date", DATETIME, required=True),
        Field("Semaine", MONDAY_DATE, required=True),
        Field("Summary", HTML),
        Field("Modified", DATETIME),
        Field("Slug", SLUG),
        Field("Status", choices=POST_STATUS),
    ),
    "page": (
        Field("Title", required=True),
        Field("Slug", SLUG),
        Field("Summary", HTML),
        Field("Template", TEMPLATE),
        Field("Save_as", ADDRESS),
        Field("Url", ADDRESS),
        Field("Status", choices=PAGE_STATUS),
        Field("Modified", DATETIME),
    ),
    "venue": (
        Field("Title", required=True),
        Field("Slug", SLUG, required=True),
        Field("Rang", INTEGER, required=True, choices=tuple(str(rank) for rank in RANKS)),
        Field("Adresse", required=True),
        Field("Code_postal", required=True),
        Field("Ville", required=True),
        Field("Latitude", NUMBER),
        Field("Longitude", NUMBER),
        Field("Position_verifiee", choices=YES_NO),
        Field("Arret"),
        Field("Acces"),
        Field("Toilettes"),
    ),
    # content/infos/pratique.md: the facts staff may change without a developer.
    "practical": (
        Field("Title", required=True),
        Field("Gratuit", choices=YES_NO),
        Field("Sans_inscription", choices=YES_NO),
        Field("Sans_consommation", choices=YES_NO),
        Field("Jours_accueil"),
        Field("Adresse_postale"),
        Field("Courriel", EMAIL),
        Field("Saisons_confirmees", SEASONS),
        Field("Confirmation", DATE),
        Field("Schema_pluriannuel", HTTPS_URL),
        Field("Plan_annuel", HTTPS_URL),
    ),
    "notice": (
        Field("Title", required=True),
        Field("Date", DATETIME, required=True),
        Field("Seance", DATE, required=True),
        Field("Action", required=True, choices=ACTIONS, loose_choices=True),
        Field("Lieu"),
        Field("Debut", CLOCK),
        Field("Fin", CLOCK),
    ),
}

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def plain_word(value: str) -> str:
    """Lower case without accents, so « Déplacement » reads as « deplacement »."""
    table = str.maketrans("àâäéèêëîïôöùûüç", "aaaeeeeiioouuuc")
    return value.strip().lower().translate(table)


def parse_value(kind: str, value: str) -> object:
    """The typed value of a metadata field; ValueError when it cannot be read."""
    if kind in (DATE, MONDAY_DATE):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return date.fromisoformat(value)
    if kind == DATETIME:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?", value):
            raise ValueError(value)
        return datetime.fromisoformat(value)
    if kind == CLOCK:
        match = re.fullmatch(r"(\d{1,2})[:h](\d{2})", value.replace(" ", ""))
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValueError(value)
        return int(match[1]), int(match[2])
    if kind == INTEGER:
        return int(value)
    if kind == NUMBER:
        return float(value)
    if kind == SLUG and not SLUG_PATTERN.fullmatch(value):
        raise ValueError(value)
    if kind == HTTPS_URL and not re.fullmatch(r"https://[^\s/?#]+\.[^\s/?#]+(/\S*)?", value):
        raise ValueError(value)
    if kind == EMAIL and not re.fullmatch(r"[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}", value, re.I):
        raise ValueError(value)
    if kind == SEASONS:
        labels = [label.strip() for label in value.split(",")]
        if not all(re.fullmatch(r"\d{4}-\d{4}", label) and int(label[5:]) == int(label[:4]) + 1 for label in labels):
            raise ValueError(value)
        return labels
    return value
