"""content/infos/pratique.md: the practical facts staff may change without a developer (no Pelican here).

Whether the café is free, needs no sign-up or no drink, the CCAS's phone days,
postal and e-mail addresses, the seasons whose dates are confirmed, the
accessibility scheme and yearly plan. A fact left empty is unknown: residents
do not see it, and `make check` lists it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .content_check import check_fields, split_metadata
from .errors import ContentError, raise_all
from .fields import DATE, SEASONS, parse_value
from .urls import PRACTICAL_FILE


@dataclass(frozen=True)
class Practical:
    free: bool | None = None  # None: not known
    no_signup: bool | None = None
    no_drink: bool | None = None
    phone_days: str = ""
    postal_address: str = ""
    email: str = ""
    # Season label -> the day its dates were confirmed (the file's « Confirmation »).
    confirmed: Mapping[str, date] = field(default_factory=dict)
    accessibility_scheme: str = ""
    action_plan: str = ""


def _yes_no(value: str) -> bool | None:
    return {"oui": True, "non": False}.get(value.strip().lower())


def read_practical(content_root: Path) -> Practical:
    """The facts of content/infos/pratique.md; all unknown when the file is absent."""
    path = content_root / PRACTICAL_FILE
    if not path.is_file():
        return Practical()
    shown = f"content/{PRACTICAL_FILE}"
    source, errors = split_metadata(shown, path.read_bytes())
    if source is None:
        raise_all(errors)
    errors += check_fields(source, "practical")
    raise_all(errors)

    def value(key: str) -> str:
        return source.metadata.get(key.lower(), ("", "", 0))[1]

    seasons = parse_value(SEASONS, value("Saisons_confirmees")) if value("Saisons_confirmees") else []
    confirmation = parse_value(DATE, value("Confirmation")) if value("Confirmation") else None
    if seasons and confirmation is None:
        raise_all(
            [
                ContentError(
                    shown,
                    "Confirmation",
                    "indiquez le jour où le CCAS a confirmé les dates des saisons (AAAA-MM-JJ) : "
                    "les agendas des habitants s'en servent pour se mettre à jour.",
                )
            ]
        )
    return Practical(
        free=_yes_no(value("Gratuit")),
        no_signup=_yes_no(value("Sans_inscription")),
        no_drink=_yes_no(value("Sans_consommation")),
        phone_days=value("Jours_accueil"),
        postal_address=value("Adresse_postale"),
        email=value("Courriel"),
        confirmed=dict.fromkeys(seasons, confirmation),
        accessibility_scheme=value("Schema_pluriannuel"),
        action_plan=value("Plan_annuel"),
    )
