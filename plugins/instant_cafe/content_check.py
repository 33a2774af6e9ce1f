"""Checks of the raw content files, before Pelican reads them (no Pelican here).

Pelican skips a file it cannot read with a warning that scrolls past; a staff
member would never know their post is missing. Here every mistake in a file's
header, name or address becomes a French message naming the file, the field and
the fix. What the body may contain is the sanitizer's decision (``reader.py``).
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from unidecode import unidecode

from .errors import ContentError
from .fields import (
    ADDRESS,
    FORMAT_HELP,
    HTML,
    IMAGE,
    IMAGE_PREFIX,
    MONDAY_DATE,
    SCHEMAS,
    SLUG_PATTERN,
    TEMPLATE,
    TEXT,
    parse_value,
    plain_word,
)
from .newpost import SKELETON_SENTENCES
from .sanitizer import has_markup
from .static_files import IMAGE_FORMATS
from .urls import IMAGES_FOLDER, POST_SAVE_AS, PRACTICAL_FILE, UnsafePath, normalise_output_path, reserved
from .wording import mondays_around

# Python-Markdown's meta extension: a key is ASCII letters, digits, _ or -.
# Python-Markdown's meta extension takes ASCII keys only; an accented key is read here too, to name it.
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[\w-]+):\s*(?P<value>.*)$")
META_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)$")
FILENAME_LINK = re.compile(r"\{(?:filename|static)\}(?P<target>[^)\s\"'>]+)")
README_NAMES = ("LISEZMOI", "README")


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
    # Split lines as Python-Markdown does: on line feeds only (not on U+2028…).
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
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
            if not key.isascii():
                plain = unidecode(key)
                errors.append(
                    ContentError(path, key, f"un nom de champ s'écrit sans accent (ligne {index + 1}) : écrivez « {plain} »."),
                )
                key = plain
            if key.lower() in metadata:
                errors.append(ContentError(path, key, f"le champ est écrit deux fois (ligne {index + 1}) : gardez-en un seul."))
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


def _value_error(source: SourceFile, field, value: str, line: int, templates: frozenset[str]) -> str | None:
    """What is wrong with one value, in French, or None."""
    if field.kind == TEXT and has_markup(value):
        return f"« {value[:60]} » contient du code HTML (ligne {line}) : ce champ s'affiche tel quel, écrivez du texte simple."
    if field.kind == TEMPLATE and value not in templates:
        return f"le modèle « {value} » n'existe pas (ligne {line}). Modèles possibles : {', '.join(sorted(templates))}."
    if field.kind == ADDRESS:
        try:
            normalise_output_path(value)
        except UnsafePath as error:
            return f"« {value[:60]} » (ligne {line}) : {error}."
        return None
    if field.kind not in (TEXT, HTML, TEMPLATE):
        try:
            parsed = parse_value(field.kind, value)
        except ValueError:
            return f"« {value} » ne peut pas être lu (ligne {line}) : {FORMAT_HELP[field.kind]}."
        if field.kind == MONDAY_DATE and parsed.weekday() != 0:
            return f"le {value} n'est pas un lundi (ligne {line}) : {mondays_around(parsed)}."
    if field.choices:
        written = plain_word(value) if field.loose_choices else value.strip().lower()
        if written not in field.choices:
            return f"« {value} » n'est pas une valeur possible (ligne {line}). Valeurs possibles : {', '.join(field.choices)}."
    return None


def check_fields(source: SourceFile, kind: str, templates: frozenset[str] = frozenset()) -> list[ContentError]:
    """Unknown (misspelt) fields, missing required fields, unreadable values."""
    schema = {field.name.lower(): field for field in SCHEMAS[kind]}
    known = ", ".join(field.name for field in SCHEMAS[kind])
    errors = []
    for key, (typed, value, line) in source.metadata.items():
        field = schema.get(key)
        if field is None:
            close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.6)
            hint = f"vouliez-vous écrire « {schema[close[0]].name} » ? " if close else ""
            errors.append(ContentError(source.path, typed, f"ce champ n'existe pas (ligne {line}) ; {hint}Champs possibles : {known}."))
            continue
        if typed != field.name:
            errors.append(
                ContentError(
                    source.path,
                    field.name,
                    f"écrivez le nom du champ exactement « {field.name} » (ligne {line}), avec les mêmes majuscules.",
                )
            )
        if not value:
            if field.required:
                errors.append(ContentError(source.path, field.name, f"le champ est vide (ligne {line}) : remplissez-le."))
            continue
        problem = _value_error(source, field, value, line, templates)
        if problem:
            errors.append(ContentError(source.path, field.name, problem))
    for field in SCHEMAS[kind]:
        if field.required and field.name.lower() not in source.metadata:
            errors.append(
                ContentError(
                    source.path, field.name, f"ce champ obligatoire manque : ajoutez une ligne « {field.name}: … » en tête du fichier."
                )
            )
    return errors


def check_links(source: SourceFile, file_path: Path, content_root: Path) -> list[ContentError]:
    """A {filename} or {static} link to a file that does not exist (Pelican would only warn)."""
    errors = []
    for match in FILENAME_LINK.finditer(source.body):
        target = match["target"].split("#", 1)[0].split("?", 1)[0]
        base = content_root if target.startswith("/") else file_path.parent
        if not (base / target.lstrip("/")).is_file():
            line = source.body_line + source.body.count("\n", 0, match.start())
            errors.append(
                ContentError(
                    source.path,
                    None,
                    f"ligne {line}, le lien « {match.group(0)} » mène à un fichier qui n'existe pas. "
                    "Vérifiez le nom du fichier (par exemple {filename}/pages/contact.md).",
                )
            )
    return errors


def check_photo(source: SourceFile, content_root: Path) -> list[ContentError]:
    """A post's photo: an image of content/images/ that exists, with its description."""
    _, value, line = source.metadata.get("image", ("", "", 0))
    if not value:
        return []
    errors = []
    if not source.metadata.get("image_alt", ("", "", 0))[1]:
        errors.append(
            ContentError(
                source.path,
                "Image_alt",
                "une photo doit être décrite pour les personnes qui ne la voient pas : dites en une phrase ce qu'elle montre, "
                "dans « Description de la photo » de l'éditeur ou sur une ligne « Image_alt: … » en tête du fichier, "
                "par exemple « Image_alt: Des étals de légumes au marché des Halles ».",
            )
        )
    try:
        relative = parse_value(IMAGE, value)
    except ValueError:
        return errors  # check_fields says how to write it
    folder = content_root / IMAGES_FOLDER
    if Path(relative).suffix.lower() not in IMAGE_FORMATS:
        kinds = ", ".join(sorted(suffix.lstrip(".") for suffix in IMAGE_FORMATS))
        message = f"« {value} » n'est pas une photo (ligne {line}) : choisissez une image ({kinds})."
        errors.append(ContentError(source.path, "Image", message))
    elif not (content_root / relative).is_file():
        # Compared without the extension, which every photo shares: « marche.heif » for « marche.heic ».
        names = {
            p.relative_to(folder).with_suffix("").as_posix(): p.relative_to(folder).as_posix()
            for p in sorted(folder.rglob("*"))
            if p.suffix.lower() in IMAGE_FORMATS and p.is_file()
        }
        close = difflib.get_close_matches(str(Path(relative).relative_to(IMAGES_FOLDER).with_suffix("")), sorted(names), n=1, cutoff=0.6)
        hint = (
            f"vouliez-vous écrire « {IMAGE_PREFIX}{names[close[0]]} » ?"
            if close
            else "ajoutez d'abord la photo au dossier content/images/ (dans l'éditeur, « Choisir une image »)."
        )
        errors.append(
            ContentError(source.path, "Image", f"la photo « {value} » n'est pas dans le dossier content/images/ (ligne {line}) ; {hint}")
        )
    return errors


def output_path(source: SourceFile, kind: str, stem: str) -> str | None:
    """Where Pelican will write the file (normalised), or None when it writes nothing."""

    def value(key: str, default: str) -> str:
        return source.metadata.get(key, ("", default, 0))[1] or default

    if value("status", "published").strip().lower() == "draft" or kind not in ("post", "page"):
        return None
    slug = value("slug", stem)
    if kind == "post":
        return normalise_output_path(POST_SAVE_AS.format(slug=slug))
    return normalise_output_path(value("save_as", f"{slug}/index.html"))


def clean_name(stem: str) -> str:
    """The file name to use: lower case, no accent, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", unidecode(stem).lower()).strip("-") or "fichier"


def skeleton_left(source: SourceFile) -> list[str]:
    """The `make newpost` example sentences still in a file."""
    text = source.body + "\n".join(value for _, value, _ in source.metadata.values())
    return [sentence for sentence in SKELETON_SENTENCES if sentence in text]


def file_errors(shown: str, file_path: Path, content_root: Path) -> list[ContentError]:
    """A file Pelican would skip, or one that points outside content/."""
    if os.path.islink(file_path) and not file_path.resolve().is_relative_to(content_root.resolve()):
        return [
            ContentError(
                shown,
                None,
                "ce fichier est un lien vers un fichier hors du dossier content/ : remplacez-le par une vraie copie du fichier.",
            )
        ]
    if file_path.suffix == ".md" and not SLUG_PATTERN.fullmatch(file_path.stem):
        name = clean_name(file_path.stem) + ".md"
        return [
            ContentError(
                shown,
                None,
                f"le nom du fichier doit s'écrire en minuscules, sans accent ni espace : renommez-le « {name} » "
                "(son nom devient l'adresse de la page).",
            )
        ]
    if file_path.suffix != ".md":
        return [
            ContentError(
                shown,
                None,
                "ce fichier serait ignoré : seuls les fichiers « .md » sont publiés. "
                "Renommez-le avec l'extension .md (par exemple 2026-12-07.md).",
            )
        ]
    return []


def check_content(
    content_root: Path, files: dict[str, str], templates: frozenset[str] = frozenset(), shown_root: str = "content"
) -> list[ContentError]:
    """Check every file; ``files`` maps a path relative to ``content_root`` to its kind."""
    errors: list[ContentError] = []
    outputs: dict[str, str] = {}
    for relative, kind in sorted(files.items()):
        file_path = content_root / relative
        shown = f"{shown_root}/{relative}"
        if file_path.name.upper().startswith(README_NAMES) and file_path.suffix != ".md":
            continue
        found = file_errors(shown, file_path, content_root)
        if kind == "practical" and relative != PRACTICAL_FILE:
            message = f"ce fichier ne serait pas lu : les informations pratiques sont dans content/{PRACTICAL_FILE}."
            found.append(ContentError(shown, None, message))
        if found:
            errors += found
            continue
        source, found = split_metadata(shown, file_path.read_bytes())
        errors += found
        if source is None:
            continue
        found = check_fields(source, kind, templates)
        if kind == "post":
            found += check_photo(source, content_root)
        if kind == "post" and output_path(source, kind, file_path.stem) and skeleton_left(source):
            left = " ; ".join(f"« {sentence} »" for sentence in skeleton_left(source))
            found.append(
                ContentError(
                    shown,
                    None,
                    f"le modèle de make newpost n'a pas été rempli ({left}) : remplacez ces phrases par vos bons plans, "
                    "ou remettez « Status: draft » pour garder le brouillon.",
                )
            )
        errors += found + check_links(source, file_path, content_root)
        if found:
            continue
        target = output_path(source, kind, file_path.stem)
        if target is None:
            continue
        if kind == "page" and reserved(target):
            field = "Save_as" if "save_as" in source.metadata else "Slug"
            errors.append(
                ContentError(shown, field, f"l'adresse « {target} » est réservée aux pages du programme : choisissez un autre nom.")
            )
        elif target in outputs:
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
