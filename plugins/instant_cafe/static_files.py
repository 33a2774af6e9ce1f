"""Images staff add to content/images/: only kinds a browser cannot run (no Pelican here).

An HTML or SVG file can carry a script, and a link can point at any file of the
build machine: only real PNG, JPEG, HEIC, WebP and GIF images inside content/ are
published, each through ``photos.publish``.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError
from .photos import CONVERTED, pillow, published_path

# Extension -> the formats Pillow may find in the file (phones write some JPEGs as MPO).
IMAGE_FORMATS = {
    ".png": {"PNG"},
    ".jpg": {"JPEG", "MPO"},
    ".jpeg": {"JPEG", "MPO"},
    ".heic": {"HEIF"},
    ".heif": {"HEIF"},
    ".webp": {"WEBP"},
    ".gif": {"GIF"},
}
# Published as one still picture: an animation is kept in GIF only.
STILL_FORMATS = {"PNG", "WEBP"}


def image_format(path: Path) -> tuple[str, int] | None:
    """The format Pillow reads in the file and its number of frames, or None when it is not an image."""
    from PIL import UnidentifiedImageError

    try:
        with pillow().open(path) as image:
            frames = getattr(image, "n_frames", 1)
            image.verify()
            return image.format, frames
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
    try:
        found = image_format(path)
    except pillow().DecompressionBombError:
        # Pillow's guard (about 179 million pixels): a 200-megapixel phone mode, or a file built to exhaust memory.
        return [
            ContentError(
                shown,
                None,
                "cette image a trop de pixels pour être publiée : ouvrez-la dans un logiciel d'images "
                "et enregistrez-la plus petite (4000 pixels de large suffisent).",
            )
        ]
    if found is None or found[0] not in expected:
        return [
            ContentError(
                shown,
                None,
                f"ce fichier n'est pas une image {path.suffix.lstrip('.').upper()} lisible, malgré son nom. "
                "Ouvrez-le dans un logiciel d'images et enregistrez-le de nouveau.",
            )
        ]
    if found[0] in STILL_FORMATS and found[1] > 1:
        return [
            ContentError(
                shown,
                None,
                "cette image est animée : seules les images GIF peuvent l'être sur le site. "
                "Enregistrez-la en GIF, ou en image fixe (PNG ou JPEG).",
            )
        ]
    return []


def check_published_names(files: dict[str, str]) -> list[ContentError]:
    """Two files published at one address (``photo.jpg`` and ``photo.heic`` both give ``photo.jpg``).

    ``files`` maps a path relative to content/ to the file as staff see it. Addresses are
    compared without case: many servers and computers do not tell ``Photo.jpg`` from ``photo.jpg``.
    """
    errors = []
    taken: dict[str, str] = {}
    for relative, shown in sorted(files.items()):
        address = published_path(relative)
        first = taken.setdefault(address.casefold(), shown)
        if first != shown:
            converted = [Path(name).suffix for name in (first, shown) if Path(name).suffix.lower() in CONVERTED]
            why = (
                f"une photo {converted[0].lstrip('.').upper()} est publiée en JPEG"
                if converted
                else "une adresse ne tient pas compte des majuscules"
            )
            errors.append(
                ContentError(
                    shown,
                    None,
                    f"ce fichier serait publié sous le même nom ({address}) que {first} ({why}). "
                    "Renommez l'un des deux fichiers, ou retirez celui qui est en double.",
                )
            )
    return errors
