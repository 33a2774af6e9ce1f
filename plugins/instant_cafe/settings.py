"""The site's settings and the build's inputs: defaults, types and French validation side by side.

As pelican-plugins/seo's settings module: every setting the plugin reads is
read here, once, into a frozen object; a value of the wrong type (the string
"False" where True or False is expected) is an error, not a truthy value.
No Pelican here.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, fields
from datetime import date, datetime
from urllib.parse import urlsplit

from .errors import ContentError, ContentErrors
from .model import PARIS
from .rotation import Rotation, is_date, read_rotation
from .rotation import setting_error as _error

# The address used until the CCAS chooses its domain; any example domain (RFC 2606) is a placeholder.
PLACEHOLDER_URL = "https://instant-cafe.example.org"
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net", "example")
# A build date outside these years is a typing mistake (2062 for 2026…).
BUILD_YEARS = (2020, 2199)
LOCAL_HOSTS = ("localhost", "127.0.0.1")
CONFORMITY = ("non conforme", "partiellement conforme", "totalement conforme")


def today_in_paris() -> date:
    """Today in Dijon: the default build date (read once, before any generation)."""
    return datetime.now(PARIS).date()


@dataclass(frozen=True)
class Contact:
    """CONTACT: who residents call. Empty text means « not known yet »."""

    organisation: str
    organisation_long: str
    phone: str
    phone_uri: str
    hours: str = ""
    person: str = ""


@dataclass(frozen=True)
class Legal:
    """LEGAL: the legal notice's facts. Empty text means « not known yet »."""

    publisher: str
    publisher_address: str = ""
    publication_director: str = ""
    host_name: str = ""
    host_address: str = ""
    host_phone: str = ""


@dataclass(frozen=True)
class Accessibility:
    """ACCESSIBILITY: the accessibility statement's facts."""

    status: str
    declaration_date: str = ""


@dataclass(frozen=True)
class CalendarSettings:
    """CALENDAR: how the feed and the events describe themselves, and what must never change."""

    name: str
    event_name: str
    description: str
    prodid: str
    event_description: str
    # After the @ of every event's UID. Never change it: calendars would see new events.
    uid_domain: str
    # The feed's first day (AAAA-MM-JJ): the DTSTAMP of sessions no notice changed. Never change it.
    since: str

    @property
    def since_day(self) -> date:
        return date.fromisoformat(self.since)


@dataclass(frozen=True)
class EditorSettings:
    """EDITOR: where the staff editor (admin/) saves: a Forgejo or Gitea forge (route « forgejo », « gitea »),
    or GitHub through an OAuth relay (« github »)."""

    route: str = "forgejo"
    repo: str = ""
    branch: str = "main"
    forge_url: str = ""  # forgejo, gitea: the forge's address
    app_id: str = ""  # forgejo, gitea: the client ID of the forge's OAuth2 application
    auth_url: str = ""  # github: the OAuth relay's address


EDITOR_ROUTES = ("forgejo", "gitea", "github")


def read_editor(raw: object) -> EditorSettings:
    editor = read_table("EDITOR", raw if raw is not None else {}, EditorSettings)
    errors = []
    if editor.route not in EDITOR_ROUTES:
        errors.append(_error("EDITOR['route']", f"valeurs possibles : {', '.join(EDITOR_ROUTES)}."))
    for name in ("forge_url", "auth_url"):
        value = getattr(editor, name)
        if value and not re.fullmatch(r"https://[^\s/?#]+(/[^\s?#]*[^\s?#/])?", value):
            errors.append(_error(f"EDITOR['{name}']", "écrivez l'adresse complète, qui commence par https://, sans « / » final."))
    if editor.repo and not re.fullmatch(r"[\w.-]+/[\w.-]+", editor.repo):
        errors.append(_error("EDITOR['repo']", "écrivez « propriétaire/dépôt », par exemple ccas-dijon/instant-cafe."))
    # Once the editor is tied to a repository, what its route needs to log in.
    needed = ("auth_url",) if editor.route == "github" else ("forge_url", "app_id")
    for name in needed if editor.repo else ():
        if not getattr(editor, name):
            errors.append(_error(f"EDITOR['{name}']", f"la route « {editor.route} » en a besoin : voyez la page d'exploitation du guide."))
    if errors:
        raise ContentErrors(errors)
    return editor


def read_table(setting: str, raw: object, cls):
    """A dict of text settings into ``cls``: known keys only, text values, required ones filled."""
    if not isinstance(raw, dict):
        raise ContentErrors([_error(setting, 'ce réglage s\'écrit comme un dictionnaire : {"clé": "valeur", …}.')])
    known = {field.name: field for field in fields(cls)}
    errors = [
        _error(f"{setting}['{key}']", f"réglage inconnu ; réglages possibles : {', '.join(known)}.") for key in raw if key not in known
    ]
    values = {}
    for name, field in known.items():
        required = field.default is MISSING
        value = raw.get(name, "" if required else field.default)
        if not isinstance(value, str):
            errors.append(_error(f"{setting}['{name}']", "écrivez ce réglage comme un texte entre guillemets (\"\" s'il n'est pas connu)."))
        elif required and not value.strip():
            errors.append(_error(f"{setting}['{name}']", "ce réglage est obligatoire : remplissez-le."))
        else:
            values[name] = value.strip()
    if errors:
        raise ContentErrors(errors)
    return cls(**values)


def read_contact(raw: object) -> Contact:
    contact = read_table("CONTACT", raw, Contact)
    if not re.fullmatch(r"tel:\+\d{6,15}", contact.phone_uri):
        raise ContentErrors([_error("CONTACT['phone_uri']", "écrivez le numéro au format international, par exemple tel:+33380448100.")])
    return contact


def read_calendar(raw: object) -> CalendarSettings:
    """CALENDAR: text values; ``since`` a date; ``uid_domain`` a domain-like name (letters, digits, . and -)."""
    calendar = read_table("CALENDAR", raw, CalendarSettings)
    errors = []
    if not is_date(calendar.since):
        errors.append(_error("CALENDAR['since']", "écrivez le premier jour du flux sous la forme AAAA-MM-JJ, et ne le changez plus."))
    if not re.fullmatch(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?", calendar.uid_domain):
        message = "écrivez un nom en minuscules, chiffres, points et tirets, par exemple instant-cafe.ccas-dijon."
        errors.append(_error("CALENDAR['uid_domain']", message))
    if errors:
        raise ContentErrors(errors)
    return calendar


def read_accessibility(raw: object) -> Accessibility:
    accessibility = read_table("ACCESSIBILITY", raw, Accessibility)
    errors = []
    if accessibility.status not in CONFORMITY:
        errors.append(_error("ACCESSIBILITY['status']", f"valeurs possibles : {', '.join(CONFORMITY)}."))
    if accessibility.declaration_date and not is_date(accessibility.declaration_date):
        errors.append(
            _error("ACCESSIBILITY['declaration_date']", "écrivez la date sous la forme AAAA-MM-JJ (ou \"\" tant qu'elle n'est pas connue).")
        )
    if errors:
        raise ContentErrors(errors)
    return accessibility


def read_build_date(value: object) -> date:
    """BUILD_DATE, the day the site is built for."""
    day = value if isinstance(value, date) else date.fromisoformat(str(value)) if is_date(str(value)) else None
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


@dataclass(frozen=True)
class Site:
    """Every setting the plugin reads, validated: the ``site`` of the templates' context."""

    public_url: str
    build_date: date
    rotation: Rotation
    contact: Contact
    legal: Legal
    accessibility: Accessibility
    calendar: CalendarSettings
    editor: EditorSettings
    # FLYER_DRAFT: flyers marked « brouillon » (make flyer BROUILLON=1), as they are anyway
    # while the address is provisional.
    draft: bool = False

    @property
    def provisional_address(self) -> bool:
        """The public address is still a placeholder: links and QR codes lead nowhere."""
        host = urlsplit(self.public_url).hostname or ""
        return any(host == domain or host.endswith("." + domain) for domain in PLACEHOLDER_DOMAINS)

    @property
    def draft_flyers(self) -> bool:
        return self.draft or self.provisional_address


def read_site(settings: dict) -> Site:
    """All settings at once; every mistake is reported, not only the first."""
    readers = {
        "public_url": lambda: read_public_url(settings.get("PUBLIC_URL")),
        "build_date": lambda: read_build_date(settings.get("BUILD_DATE")),
        "rotation": lambda: read_rotation(settings.get("ROTATION")),
        "contact": lambda: read_contact(settings.get("CONTACT")),
        "legal": lambda: read_table("LEGAL", settings.get("LEGAL"), Legal),
        "accessibility": lambda: read_accessibility(settings.get("ACCESSIBILITY")),
        "calendar": lambda: read_calendar(settings.get("CALENDAR")),
        "editor": lambda: read_editor(settings.get("EDITOR")),
    }
    values, errors = {}, []
    for name, read in readers.items():
        try:
            values[name] = read()
        except ContentErrors as error:
            errors += error.errors
        except ContentError as error:
            errors.append(error)
    draft = settings.get("FLYER_DRAFT", False)
    if not isinstance(draft, bool):
        errors.append(_error("FLYER_DRAFT", "écrivez True ou False."))
    if errors:
        raise ContentErrors(errors)
    return Site(**values, draft=draft)
