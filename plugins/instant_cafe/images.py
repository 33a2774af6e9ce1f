"""Images as Pelican publishes them, through ``photos.publish``, and the photo of a post.

Pelican's StaticGenerator would copy (or hard-link) each image as it is, GPS
position included. Once it has found them, each image is taken out of its list,
given its published address (``images/marche.heic`` is ``images/marche.jpg``, for
Pelican's own ``{static}`` links too) and written here as a new file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from pelican.utils import sanitised_join

from .build_cache import write_new
from .errors import ContentError, raise_all
from .fields import IMAGE, parse_value
from .photos import RECIPE, Published, pillow, publish, published_path
from .static_files import IMAGE_FORMATS


@dataclass(frozen=True)
class Photo:
    """What a template needs to show a published image."""

    url: str  # relative to the site, like Pelican's
    width: int
    height: int


def _cache_key(source: Path) -> str:
    digest = hashlib.sha256(f"{RECIPE} {version('pillow')} {version('pillow-heif')}\n".encode())
    digest.update(source.read_bytes())
    return digest.hexdigest()


def _published(source: Path, cache: Path | None) -> Published:
    """``publish(source)``, kept in ``cache`` between builds when Pelican's content cache is on."""
    if cache is None:
        return publish(source)
    key = _cache_key(source)
    cached = cache / f"{key}.bin"
    if cached.is_file():
        width, height, data = cached.read_bytes().split(b"\n", 2)
        return Published(data, int(width), int(height))
    result = publish(source)
    write_new(cached, b"%d\n%d\n" % (result.width, result.height) + result.data)
    return result


def publish_images(generator) -> None:
    """static_generator_finalized: write every image of content/ ourselves, at its published address."""
    settings = generator.settings
    cache = Path(settings["CACHE_PATH"], "photos") if settings.get("CACHE_CONTENT") else None
    photos: dict[str, Photo] = {}
    errors = []
    others = []
    for static in generator.staticfiles:
        relative = Path(static.get_relative_source_path()).as_posix()
        if Path(relative).suffix.lower() not in IMAGE_FORMATS:
            others.append(static)
            continue
        static.override_save_as = published_path(static.save_as)
        static.override_url = published_path(static.url)
        try:
            result = _published(Path(static.source_path), cache)
        except (OSError, ValueError, SyntaxError, RuntimeError, pillow().DecompressionBombError):
            errors.append(
                ContentError(
                    f"content/{relative}",
                    None,
                    "cette image n'a pas pu être lue ni convertie : ouvrez-la dans un logiciel d'images "
                    "et enregistrez-la de nouveau en JPEG.",
                )
            )
            continue
        write_new(Path(sanitised_join(generator.output_path, static.save_as)), result.data)
        photos[relative] = Photo(static.url, result.width, result.height)
    raise_all(errors)
    generator.staticfiles = others
    generator.context["staticfiles"] = others
    generator.context["published_images"] = photos


def attach_post_photos(generators) -> None:
    """all_generators_finalized: a post's « Image » becomes ``article.photo`` (None without one)."""
    context = generators[0].context
    photos = context.get("published_images", {})
    for generator in generators:
        for article in getattr(generator, "articles", []):
            value = getattr(article, "image", "")
            article.photo = photos.get(parse_value(IMAGE, value)) if value else None
            if value and article.photo is None:
                # The content check makes this impossible; say so rather than publish a broken image.
                raise ContentError(f"content/{article.get_relative_source_path()}", "Image", f"la photo « {value} » n'est pas publiée.")
