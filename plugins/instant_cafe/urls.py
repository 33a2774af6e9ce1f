"""Where things are published (the URL map of the architecture guide), in one place.

The settings (pelicanconf.py), the content check and the generators all read
these names, so an address can only change here.
"""

from __future__ import annotations

import posixpath
import unicodedata
from datetime import date

POSTS_FOLDER = "bons-plans"
VENUES_FOLDER = "lieux"
NOTICES_FOLDER = "avis"
PAGES_FOLDER = "pages"
IMAGES_FOLDER = "images"
INFOS_FOLDER = "infos"
PRACTICAL_FILE = INFOS_FOLDER + "/pratique.md"

POST_URL = POSTS_FOLDER + "/{slug}/"
POST_SAVE_AS = POST_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
POSTS_INDEX = POSTS_FOLDER + "/index.html"
POSTS_FEED = "feeds/bons-plans.atom.xml"
PROGRAMME = "programme/"
AGENDA = "agenda/"
FEED = AGENDA + "instant-cafe.ics"
FLYER = "flyer/"
ADMIN = "admin/"

# Addresses the site itself generates: no page of content/ may take them.
RESERVED_FOLDERS = ("programme", "lieux", "agenda", "flyer", POSTS_FOLDER, "feeds", "theme", "admin", IMAGES_FOLDER)
RESERVED_FILES = ("sitemap.xml", "robots.txt", "favicon.ico", "apple-touch-icon.png", "manifest.webmanifest")


def month_url(day: date) -> str:
    return f"{PROGRAMME}{day:%Y/%m}/"


def session_url(day: date) -> str:
    """A session's own place on its month page."""
    return f"{month_url(day)}#seance-{day.isoformat()}"


def venue_url(slug: str) -> str:
    return f"{VENUES_FOLDER}/{slug}/"


def session_ics(day: date) -> str:
    return f"{AGENDA}seances/{day.isoformat()}.ics"


class UnsafePath(ValueError):
    """An address that cannot be published as written; the message is French."""


def normalise_output_path(value: str) -> str:
    """The file an address would be written to, as the web server sees it.

    ``./programme/index.html``, ``Programme/index.html`` and ``programme//index.html``
    are the same place: compare them in this form. Raise UnsafePath for an address
    that leaves the site's folder or hides characters a person cannot see.
    """
    text = unicodedata.normalize("NFC", value.strip())
    hidden = [c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") or (c.isspace() and c != " ")]
    if hidden:
        raise UnsafePath("l'adresse contient un caractère invisible (retour à la ligne, espace spéciale…) : récrivez-la à la main")
    if "\\" in text or text.startswith("/") or "://" in text or ":" in text.split("/", 1)[0]:
        raise UnsafePath("écrivez une adresse relative au site, par exemple « ma-page/index.html »")
    parts = [part for part in text.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise UnsafePath("« .. » sortirait du dossier du site : écrivez une adresse sans « .. »")
    normal = posixpath.join(*parts) if parts else ""
    if text.endswith("/") or not normal:
        normal = posixpath.join(normal, "index.html")
    return normal.casefold()


def reserved(normal: str) -> bool:
    """True for an address the site itself generates (a normalised path)."""
    return normal.split("/", 1)[0] in RESERVED_FOLDERS or normal in RESERVED_FILES
