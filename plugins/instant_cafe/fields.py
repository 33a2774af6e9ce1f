"""The fields staff write at the top of each content file: names, kinds, formats (no Pelican here).

One vocabulary, read by the content check, by the loader that turns cafés and
notices into the schedule's data, and by the staff editor's configuration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from .model import RANKS, Action
from .urls import IMAGES_FOLDER

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
IMAGE = "image"  # a file of content/images/, written as the editor's image widget does: {static}/images/marche.heic

IMAGE_PREFIX = "{static}/" + IMAGES_FOLDER + "/"

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
    IMAGE: "choisissez la photo dans l'éditeur, ou écrivez {static}/images/ et le nom du fichier, par exemple {static}/images/marche.heic",
}


@dataclass(frozen=True)
class Field:
    name: str  # as staff write it
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    # Compare choices without accents or capitals (« Déplacement » is « deplacement »).
    loose_choices: bool = False
    # The staff editor (admin/): its label and hint in French; fields without a label are not shown there.
    label: str = ""
    hint: str = ""


YES_NO = ("oui", "non")
POST_STATUS = ("published", "draft")
PAGE_STATUS = ("published", "hidden", "draft")
ACTIONS = tuple(action.value for action in Action)

SCHEMAS: dict[str, tuple[Field, ...]] = {
    "post": (
        Field("Title", required=True, label="Titre", hint="Par exemple : Les bons plans de la semaine du 21 décembre."),
        Field(
            "Date",
            DATETIME,
            required=True,
            label="Date de publication",
            hint="Le jour et l'heure de publication. Un bon plan daté d'un jour à venir attend ce jour-là pour paraître.",
        ),
        Field("Semaine", MONDAY_DATE, required=True, label="Semaine", hint="Le lundi de la semaine dont parlent ces bons plans."),
        Field("Summary", HTML, label="Résumé", hint="Une phrase simple, reprise dans la liste des bons plans."),
        Field(
            "Image",
            IMAGE,
            label="Photo (facultative)",
            hint="Une photo montrée sous le titre, par exemple prise avec un téléphone. Le site la réduit et retire les informations "
            "cachées qu'elle contient, dont le lieu de la prise de vue. Une personne reconnaissable : seulement avec son accord.",
        ),
        Field(
            "Image_alt",
            label="Description de la photo",
            hint="Obligatoire avec une photo : en une phrase, ce qu'elle montre, pour les personnes qui ne la voient pas. "
            "Par exemple : Des étals de légumes au marché des Halles.",
        ),
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
        Field("Title", required=True, label="Nom du café"),
        Field("Slug", SLUG, required=True),
        Field(
            "Rang",
            INTEGER,
            required=True,
            choices=tuple(str(rank) for rank in RANKS),
            label="Lundi du mois",
            hint="Le café reçoit ce lundi-là de chaque mois (1 pour le premier lundi). Chaque lundi a un seul café.",
        ),
        Field("Adresse", required=True, label="Adresse", hint="Le numéro et la rue, par exemple 9 rue Mably."),
        Field("Code_postal", required=True, label="Code postal"),
        Field("Ville", required=True, label="Ville"),
        Field("Latitude", NUMBER, label="Latitude", hint="Un nombre avec un point, par exemple 47.32186 (environ 47,3 à Dijon)."),
        Field("Longitude", NUMBER, label="Longitude", hint="Un nombre avec un point, par exemple 5.04384 (environ 5,0 à Dijon)."),
        Field(
            "Position_verifiee",
            choices=YES_NO,
            label="Position vérifiée sur un plan",
            hint="« oui » seulement si quelqu'un a vérifié la latitude et la longitude sur un plan : le site montre alors l'itinéraire.",
        ),
        Field("Arret", label="Arrêt de tram ou de bus", hint="Le nom de l'arrêt le plus proche, s'il est connu."),
        Field("Acces", label="Accès", hint="Par exemple : de plain-pied, ou trois marches à l'entrée."),
        Field("Toilettes", label="Toilettes", hint="Par exemple : accessibles en fauteuil roulant."),
    ),
    # content/infos/pratique.md: the facts staff may change without a developer.
    "practical": (
        Field("Title", required=True),
        Field("Gratuit", choices=YES_NO, label="La participation est gratuite", hint="Laissez vide tant que ce n'est pas sûr."),
        Field("Sans_inscription", choices=YES_NO, label="On peut venir sans s'inscrire", hint="Laissez vide tant que ce n'est pas sûr."),
        Field(
            "Sans_consommation",
            choices=YES_NO,
            label="On peut venir sans prendre de consommation",
            hint="Laissez vide tant que ce n'est pas sûr.",
        ),
        Field("Jours_accueil", label="Jours de l'accueil téléphonique du CCAS", hint="Par exemple : du lundi au vendredi."),
        Field("Adresse_postale", label="Adresse postale du CCAS", hint="Le numéro, la rue, le code postal et la ville."),
        Field("Courriel", EMAIL, label="Adresse électronique", hint="Celle à laquelle les habitants peuvent écrire."),
        Field(
            "Saisons_confirmees",
            SEASONS,
            label="Saisons dont les dates sont confirmées",
            hint="Par exemple : 2026-2027. Séparez plusieurs saisons par des virgules.",
        ),
        Field("Confirmation", DATE, label="Date de la confirmation", hint="Le jour où le CCAS a confirmé ces dates (AAAA-MM-JJ)."),
        Field("Schema_pluriannuel", HTTPS_URL, label="Adresse du schéma pluriannuel d'accessibilité", hint="Commence par https://"),
        Field("Plan_annuel", HTTPS_URL, label="Adresse du plan d'action de l'année", hint="Commence par https://"),
    ),
    "notice": (
        Field("Title", required=True, label="Titre de l'avis", hint="Clair et court, par exemple : Pas de café le lundi 28 décembre."),
        Field(
            "Date",
            DATETIME,
            required=True,
            label="Date de l'avis",
            hint="Le jour et l'heure où vous publiez l'avis. Un avis qui en corrige un autre a une date plus tardive.",
        ),
        Field("Seance", DATE, required=True, label="Séance concernée", hint="Le lundi dont la séance change."),
        Field("Action", required=True, choices=ACTIONS, loose_choices=True, label="Ce qui change"),
        Field(
            "Lieu",
            label="Café",
            hint="Obligatoire pour une séance ajoutée ; pour un déplacement, le nouveau café ; rien pour une annulation.",
        ),
        Field("Debut", CLOCK, label="Heure de début", hint="HH:MM, seulement si l'horaire change."),
        Field("Fin", CLOCK, label="Heure de fin", hint="HH:MM, seulement si l'horaire change."),
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
    if kind == IMAGE:
        name = value.removeprefix(IMAGE_PREFIX)
        if not value.startswith(IMAGE_PREFIX) or "\\" in name or any(part in ("", ".", "..") for part in name.split("/")):
            raise ValueError(value)
        return f"{IMAGES_FOLDER}/{name}"
    if kind == SEASONS:
        labels = [label.strip() for label in value.split(",")]
        if not all(re.fullmatch(r"\d{4}-\d{4}", label) and int(label[5:]) == int(label[:4]) + 1 for label in labels):
            raise ValueError(value)
        return labels
    return value
