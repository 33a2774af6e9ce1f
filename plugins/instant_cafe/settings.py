"""The build's inputs and the site's settings, validated once, in French (no Pelican here)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from .errors import ContentError

# A build date outside these years is a typing mistake (2062 for 2026…).
BUILD_YEARS = (2020, 2199)
LOCAL_HOSTS = ("localhost", "127.0.0.1")


def read_build_date(value: object) -> date:
    """BUILD_DATE, the day the site is built for."""
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        day = None
    if day is None or not BUILD_YEARS[0] <= day.year <= BUILD_YEARS[1]:
        raise ContentError(
            "BUILD_DATE", None, f"« {value} » n'est pas une date de construction possible : écrivez par exemple BUILD_DATE=2027-01-04."
        )
    return day


def read_public_url(value: object) -> str:
    """PUBLIC_URL, the site's address: https, a host, perhaps a path; no trailing slash."""
    text = str(value or "").strip()
    parts = urlsplit(text)
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOCAL_HOSTS)
    if not secure or not parts.hostname or parts.query or parts.fragment or parts.username or parts.password:
        raise ContentError(
            "PUBLIC_URL",
            None,
            f"« {text} » n'est pas une adresse de site possible : écrivez l'adresse complète qui commence par "
            "https://, par exemple PUBLIC_URL=https://instant-cafe.ccas-dijon.fr (sans « ? » ni « # »).",
        )
    return text.rstrip("/")
