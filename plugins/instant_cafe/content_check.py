"""Checks of the raw content files, before Pelican reads them (no Pelican here).

Pelican skips a file it cannot read with a warning that scrolls past; a staff
member would never know their post is missing. Here every mistake we can
foresee becomes a French message naming the file, the field and the fix.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .errors import ContentError

# Python-Markdown's meta extension: a key is ASCII letters, digits, _ or -.
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
META_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)$")
FILENAME_LINK = re.compile(r"\{(?:filename|static)\}(?P<target>[^)\s\"'>]+)")

DATE = "date"
DATETIME = "datetime"
MONDAY_DATE = "monday"
CLOCK = "clock"
INTEGER = "integer"
NUMBER = "number"
TEXT = "text"

DATE_HELP = "écrivez la date sous la forme AAAA-MM-JJ, par exemple 2026-12-07"
DATETIME_HELP = "écrivez la date sous la forme AAAA-MM-JJ HH:MM, par exemple 2026-12-04 10:00"
FORMAT_HELP = {
    DATE: DATE_HELP,
    MONDAY_DATE: DATE_HELP + " (un lundi)",
    DATETIME: DATETIME_HELP,
    CLOCK: "écrivez l'heure sous la forme HH:MM, par exemple 09:30",
    INTEGER: "écrivez un nombre entier, par exemple 2",
    NUMBER: "écrivez un nombre avec un point, par exemple 47.32186",
}


@dataclass(frozen=True)
class Field:
    name: str  # as staff write it
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()


PAGE_STATUS = ("published", "hidden", "draft")
POST_STATUS = ("published", "draft")

SCHEMAS: dict[str, tuple[Field, ...]] = {
    "post": (
        Field("Title", required=True),
        Field("Date", DATETIME, required=True),
        Field("Semaine", MONDAY_DATE, required=True),
        Field("Summary"),
        Field("Modified", DATETIME),
        Field("Slug"),
        Field("Status", choices=POST_STATUS),
    ),
    "page": (
        Field("Title", required=True),
        Field("Slug"),
        Field("Summary"),
        Field("Template"),
        Field("Save_as"),
        Field("Url"),
        Field("Status", choices=PAGE_STATUS),
        Field("Modified", DATETIME),
    ),
    "venue": (
        Field("Title", required=True),
        Field("Slug", required=True),
        Field("Rang", INTEGER, required=True, choices=("1", "2", "3", "4")),
        Field("Adresse", required=True),
        Field("Code_postal", required=True),
        Field("Ville", required=True),
        Field("Latitude", NUMBER),
        Field("Longitude", NUMBER),
        Field("Arret"),
        Field("Acces"),
        Field("Toilettes"),
    ),
    "notice": (
        Field("Title", required=True),
        Field("Date", DATETIME, required=True),
        Field("Seance", DATE, required=True),
        Field("Action", required=True, choices=("annulation", "deplacement", "ajout", "retablissement")),
        Field("Lieu"),
        Field("Debut", CLOCK),
        Field("Fin", CLOCK),
    ),
}

# Folders of content/ whose URLs the site itself generates.
RESERVED_SLUGS = {"programme", "lieux", "agenda", "flyer", "bons-plans", "feeds", "theme"}

# Things that would load a third party into residents' browsers, or run code.
FORBIDDEN = (
    (re.compile(r"<\s*script", re.I), "une balise <script> (aucun script n'est permis dans le contenu)"),
    (re.compile(r"<\s*(iframe|embed|object)", re.I), "une intégration d'un autre site (<iframe>, <embed> ou <object>)"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "un attribut « on… » qui exécute du code"),
    (
        re.compile(r"!\[[^\]]*\]\(\s*(https?:)?//", re.I),
        "une image chargée depuis un autre site (copiez l'image dans content/images/)",
    ),
    (
        re.compile(r"<\s*(img|audio|video|source|link)\b[^>]*\s(src|href|srcset)\s*=\s*[\"']?\s*(https?:)?//", re.I),
        "une ressource chargée depuis un autre site (copiez-la dans content/images/)",
    ),
)


@dataclass
class SourceFile:
    """A content file split into its metadata block and its body."""

    path: str  # as shown to staff, e.g. content/bons-plans/2026-12-07.md
    metadata: dict[str, tuple[str, str, int]]  # lower-case key -> (key as typed, value, line)
    body: str
    body_line: int


def split_metadata(path: str, raw: bytes) -> tuple[SourceFile | None, list[ContentError]]:
    """Split a Markdown file as Python-Markdown's meta extension would, strictly."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            ContentError(
                path,
                None,
                f"le fichier n'est pas enregistré en UTF-8 (caractère illisible ligne {line}). "
                "Enregistrez-le en UTF-8 (dans l'éditeur du site web de la forge, "
                "recopiez le texte dans un nouveau fichier).",
            )
        ]
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    metadata: dict[str, tuple[str, str, int]] = {}
    errors = []
    last_key = None
    index = 0
    for index, line in enumerate(lines):
        if not line.strip():
            break
        match = META_LINE.match(line)
        if match:
            key = match["key"]
            if key.lower() in metadata:
                errors.append(
                    ContentError(path, key, f"le champ est écrit deux fois (ligne {index + 1}) : gardez-en un seul.")
                )
            metadata[key.lower()] = (key, match["value"].strip(), index + 1)
            last_key = key.lower()
            continue
        continuation = META_CONTINUATION.match(line)
        if continuation and last_key:
            typed, value, number = metadata[last_key]
            metadata[last_key] = (typed, f"{value} {continuation['value'].strip()}".strip(), number)
            continue
        errors.append(
            ContentError(
                path,
                None,
                f"ligne {index + 1}, « {line.strip()[:60]} » n'est pas de la forme « Champ: valeur ». "
                "L'en-tête du fichier ne contient que des lignes « Champ: valeur » "
                "(nom sans accent ni espace), puis une ligne vide avant le texte.",
            )
        )
        break
    else:
        index = len(lines)
    if not metadata and not errors:
        errors.append(
            ContentError(
                path,
                None,
                "le fichier ne commence pas par son en-tête (« Title: … » et les autres champs). "
                "Recopiez le modèle du guide de publication.",
            )
        )
    body = "\n".join(lines[index + 1 :])
    return SourceFile(path, metadata, body, index + 2), errors


def parse_value(kind: str, value: str) -> object:
    """The typed value of a metadata field; ValueError when it cannot be read."""
    if kind == DATE or kind == MONDAY_DATE:
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
    return value


def check_fields(source: SourceFile, kind: str) -> list[ContentError]:
    """Unknown (misspelt) fields, missing required fields, unreadable values."""
    schema = {field.name.lower(): field for field in SCHEMAS[kind]}
    known = ", ".join(field.name for field in SCHEMAS[kind])
    errors = []
    for key, (typed, value, line) in source.metadata.items():
        field = schema.get(key)
        if field is None:
            close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.6)
            hint = f"vouliez-vous écrire « {schema[close[0]].name} » ? " if close else ""
            errors.append(
                ContentError(
                    source.path,
                    typed,
                    f"ce champ n'existe pas (ligne {line}) ; {hint}Champs possibles : {known}.",
                )
            )
            continue
        if not value:
            if field.required:
                errors.append(ContentError(source.path, field.name, f"le champ est vide (ligne {line}) : remplissez-le."))
            continue
        if field.kind != TEXT:
            try:
                parsed = parse_value(field.kind, value)
            except ValueError:
                errors.append(
                    ContentError(
                        source.path, field.name, f"« {value} » ne peut pas être lu (ligne {line}) : {FORMAT_HELP[field.kind]}."
                    )
                )
                continue
            if field.kind == MONDAY_DATE and parsed.weekday() != 0:
                errors.append(
                    ContentError(
                        source.path,
                        field.name,
                        f"le {value} n'est pas un lundi (ligne {line}) : indiquez le lundi de la semaine concernée.",
                    )
                )
        if field.choices and plain_word(value) not in field.choices:
            errors.append(
                ContentError(
                    source.path,
                    field.name,
                    f"« {value} » n'est pas une valeur possible (ligne {line}). "
                    f"Valeurs possibles : {', '.join(field.choices)}.",
                )
            )
    for field in SCHEMAS[kind]:
        if field.required and field.name.lower() not in source.metadata:
            errors.append(
                ContentError(source.path, field.name, f"ce champ obligatoire manque : ajoutez une ligne « {field.name}: … » en tête du fichier.")
            )
    return errors


def plain_word(value: str) -> str:
    """Lower case without accents, so « Déplacement » reads as « deplacement »."""
    table = str.maketrans("àâäéèêëîïôöùûüç", "aaaeeeeiioouuuc")
    return value.strip().lower().translate(table)


REFERENCE_IMAGE = re.compile(r"!\[[^\]]*\]\[(?P<name>[^\]]*)\]")
REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[(?P<name>[^\]]+)\]:\s*(?P<url>\S+)", re.M)
EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def check_body(source: SourceFile, file_path: Path, content_root: Path) -> list[ContentError]:
    """Broken {filename} links and anything that would load a third party.

    The whole body is searched at once, so that a tag split over two lines or a
    reference-style image (``![x][ref]`` with ``[ref]: https://…``) is caught.
    """
    errors = []
    body = source.body

    def line_of(position: int) -> int:
        return source.body_line + body.count("\n", 0, position)

    for match in FILENAME_LINK.finditer(body):
        target = match["target"].split("#", 1)[0].split("?", 1)[0]
        base = content_root if target.startswith("/") else file_path.parent
        if not (base / target.lstrip("/")).is_file():
            errors.append(
                ContentError(
                    source.path,
                    None,
                    f"ligne {line_of(match.start())}, le lien « {match.group(0)} » mène à un fichier qui n'existe pas. "
                    "Vérifiez le nom du fichier (par exemple {filename}/pages/contact.md).",
                )
            )
    found = [(match.start(), what) for pattern, what in FORBIDDEN for match in pattern.finditer(body)]
    definitions = {m["name"].lower(): (m["url"], m.start()) for m in REFERENCE_DEFINITION.finditer(body)}
    for match in REFERENCE_IMAGE.finditer(body):
        url, _ = definitions.get((match["name"] or "").lower(), ("", 0))
        if EXTERNAL.match(url):
            found.append((match.start(), "une image chargée depuis un autre site (copiez l'image dans content/images/)"))
    for position, what in sorted(found):
        errors.append(
            ContentError(
                source.path,
                None,
                f"ligne {line_of(position)} contient {what}. Le site promet aux habitants "
                "de ne rien charger depuis un autre site : retirez-la.",
            )
        )
    return errors


def output_path(source: SourceFile, kind: str, stem: str) -> str | None:
    """Where Pelican will write the file (mirrors pelicanconf's URL settings)."""
    status = plain_word(source.metadata.get("status", ("", "published", 0))[1])
    if status == "draft":
        return None
    slug = source.metadata.get("slug", ("", stem, 0))[1] or stem
    if kind == "post":
        return f"bons-plans/{slug}/index.html"
    if kind == "page":
        save_as = source.metadata.get("save_as", ("", "", 0))[1]
        return save_as or f"{slug}/index.html"
    return None


def check_content(content_root: Path, files: dict[str, str], shown_root: str = "content") -> list[ContentError]:
    """Check every file; ``files`` maps a path relative to ``content_root`` to its kind."""
    errors: list[ContentError] = []
    outputs: dict[str, str] = {}
    for relative, kind in sorted(files.items()):
        file_path = content_root / relative
        shown = f"{shown_root}/{relative}"
        source, found = split_metadata(shown, file_path.read_bytes())
        errors += found
        if source is None:
            continue
        errors += check_fields(source, kind)
        errors += check_body(source, file_path, content_root)
        target = output_path(source, kind, file_path.stem)
        if target is None:
            continue
        if kind == "page" and target.split("/", 1)[0] in RESERVED_SLUGS:
            errors.append(
                ContentError(shown, "Slug", f"l'adresse « {target} » est réservée aux pages du programme : choisissez un autre nom.")
            )
        if target in outputs:
            errors.append(
                ContentError(
                    shown,
                    "Slug",
                    f"ce fichier serait publié à la même adresse ({target}) que {outputs[target]}. "
                    "Renommez l'un des deux fichiers ou changez son champ « Slug ».",
                )
            )
        else:
            outputs[target] = shown
    return errors
