"""The staff editor's configuration (Decap CMS's config.yml), made from the content check's own
field definitions (``fields.SCHEMAS``), so the editor and the check can never disagree. No Pelican here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit

from .fields import (
    CLOCK,
    DATE,
    DATETIME,
    EMAIL,
    FORMAT_HELP,
    HTML,
    HTTPS_URL,
    IMAGE,
    INTEGER,
    MONDAY_DATE,
    NUMBER,
    SCHEMAS,
    SEASONS,
    Field,
)
from .french import long_date, ordinal
from .model import Action, Venue
from .settings import EditorSettings
from .urls import IMAGES_FOLDER, NOTICES_FOLDER, POSTS_FOLDER, PRACTICAL_FILE, VENUES_FOLDER
from .wording import ACTION_LABELS

FORMAT = "pelican"  # registered by theme/admin/instant-cafe-editor.js
LOCAL_PORT = 8081  # decap-server's, `make editeur` (EDITOR_LOCAL_PORT)
PATTERNS = {
    CLOCK: r"^\d{1,2}:\d{2}$",
    NUMBER: r"^-?\d+(\.\d+)?$",
    EMAIL: r"^[^\s@<>]+@[^\s@<>]+\.[A-Za-z]{2,}$",
    HTTPS_URL: r"^https://[^\s/?#]+\.[^\s/?#]+(/\S*)?$",
    SEASONS: r"^\d{4}-\d{4}(, *\d{4}-\d{4})*$",
    DATE: r"^\d{4}-\d{2}-\d{2}$",
}


def options(pairs: Iterable[tuple[str, str]]) -> list[dict]:
    return [{"label": label, "value": value} for value, label in pairs]


def widget(field: Field, mondays: list[date], venues: list[Venue]) -> dict:
    """One Decap field for one of the check's fields: its choices, or its format as a pattern.
    A field without a French label is kept as it is written, not shown."""
    if not field.label:
        return {"name": field.name, "widget": "hidden", "required": False}
    base = {"name": field.name, "label": field.label, "required": field.required}
    if field.hint:
        base["hint"] = field.hint
    if field.name == "Action":
        return {**base, "widget": "select", "options": options((action.value, ACTION_LABELS[action]) for action in Action)}
    if field.name == "Lieu":
        return {**base, "widget": "select", "options": options((venue.slug, venue.name) for venue in venues)}
    if field.kind == MONDAY_DATE or field.name == "Seance":
        return {**base, "widget": "select", "options": options((day.isoformat(), long_date(day)) for day in mondays)}
    if field.kind == INTEGER and field.choices:
        return {**base, "widget": "select", "options": options((rank, f"le {ordinal(int(rank))} lundi du mois") for rank in field.choices)}
    if field.choices:
        return {**base, "widget": "select", "options": list(field.choices)}
    if field.kind == IMAGE:
        # Saved as media_folder's file, written « {static}/images/… » (public_folder): what the check reads.
        return {**base, "widget": "image", "choose_url": False}
    if field.kind == DATETIME:
        # Local time as written (AAAA-MM-JJ HH:MM), never converted to UTC; a new entry starts at « now ».
        return {**base, "widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "DD/MM/YYYY", "time_format": "HH:mm"} | (
            {"default": "{{now}}"} if field.required else {}
        )
    if field.kind in PATTERNS:
        return {
            **base,
            "widget": "string",
            "pattern": [PATTERNS[field.kind], FORMAT_HELP.get(field.kind, FORMAT_HELP[DATE]).capitalize() + "."],
        }
    return {**base, "widget": "text" if field.kind == HTML else "string"}


def fields(kind: str, mondays: list[date], venues: list[Venue], body: str | None) -> list[dict]:
    """Every field of the check, in its order (the order the format writes them), then the text,
    as a plain text area: Decap's Markdown widget rewrites what it does not change, the text area never does."""
    shown = [widget(field, mondays, venues) for field in SCHEMAS[kind]]
    if body is not None:
        shown.append({"name": "body", "label": body, "widget": "text", "required": kind != "practical"})
    return shown


# Each save is a commit; its message is read by staff in the forge's history.
COMMIT_MESSAGES = {
    "create": "Nouveau dans « {{collection}} » : {{slug}}",
    "update": "Modification dans « {{collection}} » : {{slug}}",
    "delete": "Suppression dans « {{collection}} » : {{slug}}",
    "uploadMedia": "Nouvelle image : {{path}}",
    "deleteMedia": "Image retirée : {{path}}",
}


def backend(editor: EditorSettings) -> dict:
    if editor.route == "github":
        # GitHub's login needs an OAuth relay (EDITOR["auth_url"]), see the staff guide.
        return {
            "name": "github",
            "repo": editor.repo,
            "branch": editor.branch,
            "base_url": editor.auth_url,
            "commit_messages": COMMIT_MESSAGES,
        }
    # Forgejo or Gitea: the browser logs in with PKCE, no server of ours in between.
    return {
        "name": editor.route,
        "repo": editor.repo,
        "branch": editor.branch,
        "base_url": editor.forge_url,
        "api_root": f"{editor.forge_url}/api/v1",
        "app_id": editor.app_id,
        "commit_messages": COMMIT_MESSAGES,
    }


def local_servers(port: int) -> list[str]:
    return [f"http://127.0.0.1:{port}", f"http://localhost:{port}"]


def editor_config(editor: EditorSettings, mondays: list[date], venues: list[Venue], local_port: int | None) -> dict:
    """config.yml as data. ``local_port`` (previews, never `make publish`) adds decap-server on 127.0.0.1."""
    folder = {"create": True, "extension": "md", "format": FORMAT}
    config = {
        "backend": backend(editor),
        "locale": "fr",
        "media_folder": f"content/{IMAGES_FOLDER}",
        "public_folder": f"{{static}}/{IMAGES_FOLDER}",
        "collections": [
            {
                **folder,
                "name": "bons-plans",
                "label": "Bons plans",
                "label_singular": "bons plans de la semaine",
                "folder": f"content/{POSTS_FOLDER}",
                "slug": "{{fields.Semaine}}",
                "identifier_field": "Title",
                "summary": "{{fields.Semaine}} – {{fields.Title}}",
                "fields": fields("post", mondays, venues, "Texte des bons plans"),
            },
            {
                **folder,
                "name": "avis",
                "label": "Avis aux habitants",
                "label_singular": "avis",
                "folder": f"content/{NOTICES_FOLDER}",
                "slug": "{{fields.Seance}}",
                "identifier_field": "Title",
                "summary": "{{fields.Seance}} – {{fields.Action}} – {{fields.Title}}",
                # A published notice is never deleted: calendars would not see the change undone.
                "delete": False,
                "fields": fields("notice", mondays, venues, "Ce que vous expliquez aux habitants"),
            },
            {
                **folder,
                "name": "cafes",
                "label": "Cafés",
                "label_singular": "café",
                "folder": f"content/{VENUES_FOLDER}",
                "create": False,
                "delete": False,
                "identifier_field": "Title",
                "fields": fields("venue", mondays, venues, "Présentation du café"),
            },
            {
                "name": "infos",
                "label": "Informations pratiques",
                "format": FORMAT,
                "extension": "md",
                "delete": False,
                "files": [
                    {
                        "name": "pratique",
                        "label": "Informations pratiques",
                        "file": f"content/{PRACTICAL_FILE}",
                        "fields": fields("practical", mondays, venues, "Notes pour l'équipe (non publiées)"),
                    }
                ],
            },
        ],
    }
    if local_port:
        config["local_backend"] = {"url": f"{local_servers(local_port)[0]}/api/v1", "allowed_hosts": ["127.0.0.1", "localhost"]}
    return config


def editor_policy(editor: EditorSettings, local_port: int | None) -> str:
    """The admin page's Content-Security-Policy: what Decap needs, nothing more."""
    origins = ["'self'"]
    if editor.route == "github":
        origins += ["https://api.github.com"]
    elif editor.forge_url:
        origins.append(f"{urlsplit(editor.forge_url).scheme}://{urlsplit(editor.forge_url).netloc}")
    if local_port:
        origins += local_servers(local_port)
    return (
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        f"connect-src {' '.join(origins)}; object-src 'none'; base-uri 'self'; form-action 'none'; frame-src 'none'"
    )
