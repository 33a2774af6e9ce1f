"""What staff still have to fill in or confirm, for `make check` (printed, never a build error).

Pelican's warnings are fatal in every build: a missing fact must not stop the
site, so this list is plain text the build driver prints after a check.
"""

from __future__ import annotations

from dataclasses import fields

from .practical import Practical
from .schedule import window
from .settings import Site
from .urls import PRACTICAL_FILE

LEGAL_LABELS = {
    "publisher_address": "l'adresse postale de l'éditeur (mentions légales)",
    "publication_director": "le directeur ou la directrice de la publication (mentions légales)",
    "host_name": "le nom de l'hébergeur (mentions légales)",
    "host_address": "l'adresse de l'hébergeur (mentions légales)",
    "host_phone": "le téléphone de l'hébergeur (mentions légales)",
}
PRACTICAL_LABELS = {
    "free": "Gratuit : la participation est-elle gratuite (oui ou non) ?",
    "no_signup": "Sans_inscription : peut-on venir sans s'inscrire (oui ou non) ?",
    "no_drink": "Sans_consommation : peut-on venir sans prendre de consommation (oui ou non) ?",
    "phone_days": "Jours_accueil : les jours de l'accueil téléphonique du CCAS",
    "postal_address": "Adresse_postale : l'adresse postale du CCAS",
    "email": "Courriel : l'adresse électronique à laquelle écrire",
    "accessibility_scheme": "Schema_pluriannuel : l'adresse du schéma pluriannuel d'accessibilité",
    "action_plan": "Plan_annuel : l'adresse du plan d'action de l'année",
}


def address_warning(site: Site) -> str | None:
    if not site.provisional_address:
        return None
    return (
        f"l'adresse publique du site est provisoire ({site.public_url}) : les liens d'abonnement et les codes QR des "
        "flyers n'y mènent pas. Indiquez-la (PUBLIC_URL=https://…) avant de publier ou d'imprimer."
    )


def missing_facts(site: Site, practical: Practical) -> list[str]:
    """Every fact still to fill in or confirm, in French."""
    items = []
    warning = address_warning(site)
    if warning:
        items.append(warning)
    rule = site.rotation.rule((), practical.confirmed)
    first, last = window(rule, site.build_date, site.rotation.months_ahead)
    for season in rule.seasons.between(first, last):
        if season.confirmed is None:
            items.append(
                f"les dates de la saison {season.label} (du {season.first} au {season.last}) sont à confirmer : une fois "
                f"confirmées par le CCAS, ajoutez {season.label} à « Saisons_confirmees » dans content/{PRACTICAL_FILE}."
            )
    for name, label in PRACTICAL_LABELS.items():
        if getattr(practical, name) in (None, ""):
            items.append(f"content/{PRACTICAL_FILE}, {label}")
    for field in fields(site.legal):
        if field.name in LEGAL_LABELS and not getattr(site.legal, field.name):
            items.append(f"{LEGAL_LABELS[field.name]} : à renseigner dans LEGAL (pelicanconf.py).")
    if not site.editor.repo:
        items.append(
            "l'éditeur en ligne (admin/) n'est relié à aucun dépôt : à renseigner dans EDITOR (pelicanconf.py) ; "
            "en attendant, make publish ne le publie pas."
        )
    if not site.accessibility.declaration_date:
        items.append("la date de la déclaration d'accessibilité : à renseigner dans ACCESSIBILITY (pelicanconf.py).")
    return items
