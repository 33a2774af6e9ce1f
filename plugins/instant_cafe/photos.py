"""Images as published: upright, at most MAX_SIDE pixels, without metadata (no Pelican here).

Phones write photos of 4000 pixels and more, in HEIC, with their GPS position
in the EXIF data. Every image of content/ is published through ``publish``: the
EXIF orientation applied, the colours converted to sRGB, the size reduced,
and saved again with no EXIF, XMP, comment nor colour profile, with fixed
encoder settings, so that the same file always gives the same bytes.

GIF is published byte for byte: the format cannot hold EXIF (nor a GPS
position), and re-encoding would risk its animation.
"""

from __future__ import annotations

import io
import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MAX_SIDE = 1600  # pixels: twice a phone's width in CSS pixels, sharp on its screen
JPEG_QUALITY = 82
WEBP_QUALITY = 82
# Bump when the output of ``publish`` changes, so that cached results are not reused.
RECIPE = 1

# Extensions a browser may not show, published as JPEG under the same stem.
CONVERTED = {".heic": ".jpg", ".heif": ".jpg"}
PHOTO_FORMATS = {"JPEG", "MPO", "HEIF"}


@lru_cache(maxsize=1)
def pillow():
    """Pillow's Image module, able to read HEIC (pillow-heif registered). Imported on the first
    image, not with the build: most builds have none to convert."""
    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    return Image


@lru_cache(maxsize=1)
def _srgb():
    from PIL import ImageCms

    return ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Published:
    data: bytes
    width: int
    height: int


def published_path(relative: str) -> str:
    """Where a file of content/ is published: ``images/marche.heic`` becomes ``images/marche.jpg``."""
    stem, suffix = posixpath.splitext(relative)
    return stem + CONVERTED[suffix.lower()] if suffix.lower() in CONVERTED else relative


def fitted(size: tuple[int, int], limit: int = MAX_SIDE) -> tuple[int, int]:
    """``size`` reduced so that its longest side is at most ``limit``, never enlarged."""
    width, height = size
    if max(width, height) <= limit:
        return width, height
    scale = limit / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _quarter_turn(image) -> bool:
    """Whether the EXIF orientation turns the picture by a quarter (orientations 5 to 8)."""
    from PIL import ImageOps

    return image.getexif().get(ImageOps.ExifTags.Base.Orientation, 1) in (5, 6, 7, 8)


def _in_srgb(image):
    """The pixels in sRGB, the colour space browsers assume when an image has no profile."""
    from PIL import ImageCms

    icc = image.info.get("icc_profile")
    if not icc:
        return image
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        space = profile.profile.xcolor_space.strip()
    except (ImageCms.PyCMSError, OSError, TypeError, ValueError):
        return image  # an unreadable profile: the pixels are taken as sRGB
    if (space, image.mode) in (("RGB", "RGB"), ("RGB", "RGBA"), ("CMYK", "CMYK")):
        return ImageCms.profileToProfile(image, profile, _srgb(), outputMode="RGBA" if image.mode == "RGBA" else "RGB")
    return image


def _encodable(image, photo: bool, resized: bool):
    """A mode our encoders write (RGB or L for JPEG) and, when resized, one that resamples without losing transparency."""
    if photo:
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    keep = ("RGB", "RGBA", "L", "LA") if resized else ("RGB", "RGBA", "L", "LA", "P")
    if image.mode in keep and not (resized and "transparency" in image.info):
        return image
    return image.convert("RGBA" if transparent else "RGB")


def _webp_lossless(data: bytes) -> bool:
    """Whether a WebP file holds a lossless picture (a VP8L chunk), read from its RIFF chunks."""
    offset = 12
    while offset + 8 <= len(data):
        fourcc, length = data[offset : offset + 4], int.from_bytes(data[offset + 4 : offset + 8], "little")
        if fourcc in (b"VP8L", b"VP8 "):
            return fourcc == b"VP8L"
        offset += 8 + length + (length & 1)
    return False


def publish(source: Path, limit: int = MAX_SIDE) -> Published:
    """The bytes to publish for ``source`` (never changed), and their size in pixels."""
    from PIL import ImageOps

    Image = pillow()
    with Image.open(source) as image:
        kind = image.format
        if kind == "GIF":
            return Published(source.read_bytes(), *image.size)
        quarter = _quarter_turn(image)
        target = fitted(image.size[::-1] if quarter else image.size, limit)
        if kind in ("JPEG", "MPO"):
            # Decode at a reduced scale when the target allows it (much faster for a phone photo).
            image.draft(None, target[::-1] if quarter else target)
        image.load()
        picture = _in_srgb(ImageOps.exif_transpose(image))
        picture = _encodable(picture, kind in PHOTO_FORMATS, picture.size != target)
        if picture.size != target:
            picture = picture.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
        # Nothing read from the source goes back into the file, except which colour is transparent.
        picture.info = {"transparency": picture.info["transparency"]} if "transparency" in picture.info else {}
        out = io.BytesIO()
        if kind in PHOTO_FORMATS:
            picture.save(out, "JPEG", quality=JPEG_QUALITY, subsampling="4:2:0", optimize=True, progressive=True)
        elif kind == "PNG":
            picture.save(out, "PNG", optimize=True)
        elif kind == "WEBP":
            lossless = _webp_lossless(source.read_bytes())
            picture.save(out, "WEBP", lossless=lossless, quality=100 if lossless else WEBP_QUALITY)
        else:
            raise ValueError(f"{source}: {kind} images are not published")
        return Published(out.getvalue(), *picture.size)
