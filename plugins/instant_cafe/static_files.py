"""Images staff add to content/images/: only kinds a browser cannot run (no Pelican here).

An HTML or SVG file can carry a script, and a link can point at any file of the
build machine: only real PNG, JPEG, WebP and GIF images inside content/ are published.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError

# Extension -> the formats Pillow may find in the file (phones write some JPEGs as MPO).
IMAGE_FORMATS = {".png": {"PNG"}, ".jpg": {"JPEG", "MPO"}, ".jpeg": {"JPEG", "MPO"}, ".webp": {"WEBP"}, ".gif": {"GIF"}}


def image_format(path: Path) -> str | None:
    """The format Pillow reads in the file, or None when it is not an image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.verify()
            return image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None


def check_static_file(shown: str, path: Path, content_root: Path) -> list[ContentError]:
    if path.is_symlink() and not path.resolve().is_relative_to(content_root.resolve()):
        return [
            ContentError(shown, None, "ce fichier est un lien vers un fichier hors du dossier content/ : copiez la vraie image à sa place.")
        ]
    expected = IMAGE_FORMATS.get(path.suffix.lower())
    if expected is None:
        kinds = ", ".join(sorted({suffix.lstrip(".") for suffix in IMAGE_FORMATS}))
        hint = " (un dessin SVG peut contenir un programme : enregistrez-le en PNG)" if path.suffix.lower() == ".svg" else ""
        return [
            ContentError(
                shown, None, f"seules les images sont publiées depuis ce dossier ({kinds}){hint}. Retirez ce fichier ou convertissez-le."
            )
        ]
    if image_format(path) not in expected:
        return [
            ContentError(
                shown,
                None,
                f"ce fichier n'est pas une image {path.suffix.lstrip('.').upper()} lisible, malgré son nom. "
                "Ouvrez-le dans un logiciel d'images et enregistrez-le de nouveau.",
            )
        ]
    return []
