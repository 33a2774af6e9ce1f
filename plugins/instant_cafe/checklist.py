"""What staff still have to fill in or confirm, for `make check` (printed, never a build error).

Pelican's warnings are fatal in every build: a missing fact must not stop the
site, so this list is plain text the build driver prints after a check.
"""

from __future__ import annotations

from dataclasses import fields

from .model import Rule
from .schedule import window
from .settings import Site

LEGAL_LABELS = {
    "publisher_address": "l'adresse postale de l'éditeur (mentions légales)",
    "publication_director": "le directeur ou la directrice de la publication (mentions légales)",
    "host_name": "le nom de l'hébergeur (mentions légales)",
    "host_address": "l'adresse de l'hébergeur (mentions légales)",
    "host_phone": "le téléphone de l'hébergeur (mentions légales)",
}


def address_warning(site: Site) -> str | None:
    if not site.provisional_address:
        return None
    return (
        f"l'adresse publique du site est provisoire ({site.public_url}) : les liens d'abonnement et les codes QR des "
        "flyers n'y mènent pas. Indiquez-la (PUBLIC_URL=https://…) avant de publier ou d'imprimer."
    )


def missing_facts(site: Site) -> list[str]:
    """Every fact still to fill in or confirm, in French."""
    items = []
    warning = address_warning(site)
    if warning:
        items.append(warning)
    first, last = window(Rule({}, site.rotation.seasons), site.build_date, site.rotation.months_ahead)
    for season in site.rotation.seasons.between(first, last):
        if season.confirmed is None:
            items.append(
                f"les dates de la saison {season.label} (du {season.first} au {season.last}) sont à confirmer : "
                f'une fois confirmées par le CCAS, ajoutez « "{season.label}": "AAAA-MM-JJ" » à '
                'ROTATION["confirmed_seasons"] (pelicanconf.py).'
            )
    for field in fields(site.legal):
        if field.name in LEGAL_LABELS and not getattr(site.legal, field.name):
            items.append(f"{LEGAL_LABELS[field.name]} : à renseigner dans LEGAL (pelicanconf.py).")
    if not site.accessibility.declaration_date:
        items.append("la date de la déclaration d'accessibilité : à renseigner dans ACCESSIBILITY (pelicanconf.py).")
    return items
