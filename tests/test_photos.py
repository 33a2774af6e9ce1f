"""Photos from a phone, built for real: HEIC and large JPEG in, small upright JPEG without EXIF out.

The source images are made here with Pillow and pillow-heif, with a GPS position
and an orientation tag, and a red corner that shows which way they were turned.
"""

import hashlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw
from PIL.ExifTags import IFD, Base
from PIL.PngImagePlugin import PngInfo

from conftest import build, copy_content, write
from instant_cafe.photos import MAX_SIDE, fitted, pillow, published_path
from instant_cafe.static_files import check_static_file

pillow()  # Pillow writes and reads HEIC from here on, as the build does

POST = "bons-plans/2026-11-23.md"
SHOWN = f"content/{POST}"
HEADER = "Title: Les bons plans de la semaine du 23 novembre\nDate: 2026-11-20 10:00\nSemaine: 2026-11-23\nSummary: Un marché.\n"
BODY = (
    "\n## Au marché\n\n![Le marché couvert]({static}/images/marche.heic)\n\n"
    "Et une terrasse : ![Une terrasse au soleil]({static}/images/terrasse.jpg)\n"
)
ALT = "Des étals de légumes au marché des Halles"
RED, BLUE = (220, 20, 20), (40, 90, 160)


def phone_exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[Base.Make] = "Apple"
    exif[Base.Model] = "iPhone 15"
    exif[Base.Orientation] = orientation
    exif[IFD.GPSInfo] = {1: "N", 2: (47.0, 19.0, 24.5), 3: "E", 4: (5.0, 2.0, 31.2)}
    return exif


def marked(size: tuple[int, int]) -> Image.Image:
    """Blue, with a red top-left corner as stored in the file."""
    image = Image.new("RGB", size, BLUE)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 5, size[1] // 5), fill=RED)
    return image


def red_green_swapped() -> bytes:
    """An ICC profile in which the file's red is sRGB's green and the other way round: converted, red becomes green."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    tags = {}
    for number in range(int.from_bytes(data[128:132], "big")):
        entry = data[132 + 12 * number : 144 + 12 * number]
        tags[bytes(entry[:4])] = (int.from_bytes(entry[4:8], "big"), int.from_bytes(entry[8:12], "big"))
    (red, size), (green, _) = tags[b"rXYZ"], tags[b"gXYZ"]
    data[red : red + size], data[green : green + size] = data[green : green + size], data[red : red + size]
    data[84:100] = bytes(16)  # the profile's checksum, now wrong: « not computed »
    return bytes(data)


def gps_of(path: Path) -> dict:
    with Image.open(path) as image:
        return dict(image.getexif().get_ifd(IFD.GPSInfo))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def close_to(colour, expected, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    """The images staff might add, made once: a HEIC and a JPEG from a phone, a PNG diagram, a GIF."""
    folder = tmp_path_factory.mktemp("sources")
    # 4000 × 3000 stored, to be turned a quarter clockwise (6): shown portrait, the red corner top right.
    marked((4000, 3000)).save(folder / "marche.heic", exif=phone_exif(6).tobytes(), quality=60)
    # The same turned a quarter anticlockwise (8): the red corner bottom left.
    marked((4000, 3000)).save(
        folder / "terrasse.jpg",
        exif=phone_exif(8).tobytes(),
        quality=90,
        comment=b"Chez Mme Martin, 3 rue des Lilas",
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">GPS 47.3 5.0</x:xmpmeta>',
    )
    diagram = Image.new("RGB", (300, 200), (255, 255, 255))
    ImageDraw.Draw(diagram).line((0, 0, 299, 199), fill=(0, 0, 0), width=3)
    text = PngInfo()
    text.add_text("Comment", "Chez Mme Martin")
    diagram.save(folder / "plan.png", pnginfo=text, exif=phone_exif(1).tobytes())
    Image.new("P", (40, 20), 3).save(folder / "fleche.gif")
    Image.new("RGB", (20, 10), (255, 0, 0)).save(folder / "couleurs.png", icc_profile=red_green_swapped())
    assert gps_of(folder / "marche.heic") and gps_of(folder / "terrasse.jpg")
    return folder


def site_with_photos(tmp: Path, sources: Path, header: str = HEADER + f"Image: {{static}}/images/marche.heic\nImage_alt: {ALT}\n") -> Path:
    content = copy_content(tmp)
    images = content / "images"
    images.mkdir()
    for source in sources.iterdir():
        (images / source.name).write_bytes(source.read_bytes())
    write(content / POST, header + BODY)
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory, sources):
    """The site built twice from the same content, the second time with Pelican's caches and hard links on."""
    folder = tmp_path_factory.mktemp("photos")
    content = site_with_photos(folder, sources)
    before = {path.name: digest(path) for path in (content / "images").iterdir()}
    outputs = []
    for number, args in enumerate(
        ((), ("-e", "CACHE_CONTENT=true", "-e", f"CACHE_PATH={folder / 'cache'}", "-e", "STATIC_CREATE_LINKS=true"))
    ):
        output = folder / f"output-{number}"
        result = build(content, output, args=args)
        assert result.returncode == 0, result.stdout + result.stderr
        outputs.append(output)
    return content, before, outputs


def test_a_heic_photo_is_published_as_a_small_upright_jpeg_without_metadata(built):
    _, _, (output, _) = built
    assert not (output / "images/marche.heic").exists()
    published = output / "images/marche.jpg"
    data = published.read_bytes()
    with Image.open(published) as image:
        assert image.format == "JPEG"
        assert image.size == (1200, 1600)  # 4000 × 3000 turned a quarter, longest side at the limit
        assert not image.getexif()
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)
        assert close_to(image.getpixel((1190, 10)), RED) and close_to(image.getpixel((10, 10)), BLUE)
    assert b"Exif" not in data and b"iPhone" not in data


def test_a_large_jpeg_loses_its_gps_position_comment_and_xmp(built):
    _, _, (output, _) = built
    published = output / "images/terrasse.jpg"
    data = published.read_bytes()
    with Image.open(published) as image:
        assert image.size == (1200, 1600)
        assert max(image.size) <= MAX_SIDE
        assert not image.getexif() and not gps_of(published)
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)
        assert close_to(image.getpixel((10, 1590)), RED) and close_to(image.getpixel((10, 10)), BLUE)
    for secret in (b"Exif", b"iPhone", b"Mme Martin", b"xmpmeta", b"GPS"):
        assert secret not in data


def test_a_png_diagram_keeps_its_pixels_and_loses_its_text(built, sources):
    _, _, (output, _) = built
    with Image.open(output / "images/plan.png") as image, Image.open(sources / "plan.png") as source:
        assert image.format == "PNG" and image.size == (300, 200)
        assert not image.getexif() and not ({"exif", "Comment", "icc_profile"} & set(image.info))
        assert image.convert("RGB").tobytes() == source.convert("RGB").tobytes()  # lossless
    assert b"Mme Martin" not in (output / "images/plan.png").read_bytes()


def test_colours_are_converted_to_srgb_and_the_profile_dropped(built):
    _, _, (output, _) = built
    with Image.open(output / "images/couleurs.png") as image:
        assert "icc_profile" not in image.info
        assert image.convert("RGB").getpixel((0, 0)) == (0, 255, 0)


def test_a_gif_is_published_as_it_is(built, sources):
    _, _, (output, _) = built
    assert (output / "images/fleche.gif").read_bytes() == (sources / "fleche.gif").read_bytes()


def test_the_post_shows_its_photo_and_links_in_its_text_reach_the_jpeg(built):
    _, _, (output, _) = built
    page = (output / "bons-plans/2026-11-23/index.html").read_text(encoding="utf-8")
    assert f'<img class="photo" src="../../images/marche.jpg" alt="{ALT}" width="1200" height="1600">' in page
    assert '<img alt="Le marché couvert" src="../../images/marche.jpg">' in page
    assert '<img alt="Une terrasse au soleil" src="../../images/terrasse.jpg">' in page
    assert ".heic" not in page


def test_two_builds_give_the_same_bytes_and_never_touch_the_sources(built):
    content, before, (first, second) = built
    for name in ("marche.jpg", "terrasse.jpg", "plan.png", "couleurs.png", "fleche.gif"):
        assert (first / "images" / name).read_bytes() == (second / "images" / name).read_bytes(), name
        # A new file, never a hard link to content/ (Pelican's STATIC_CREATE_LINKS was on in the second build).
        assert (second / "images" / name).stat().st_nlink == 1, name
    assert {path.name: digest(path) for path in (content / "images").iterdir()} == before


def test_a_rebuild_from_the_photo_cache_gives_the_same_bytes(built, tmp_path):
    content, _, (first, _) = built
    output = tmp_path / "output"
    folder = first.parent
    result = build(content, output, args=("-e", "CACHE_CONTENT=true", "-e", f"CACHE_PATH={folder / 'cache'}"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert list((folder / "cache/photos").iterdir())
    for name in ("marche.jpg", "terrasse.jpg", "plan.png"):
        assert (output / "images" / name).read_bytes() == (first / "images" / name).read_bytes(), name


def test_sizes_and_addresses():
    assert fitted((4000, 3000)) == (1600, 1200)
    assert fitted((3000, 4000)) == (1200, 1600)
    assert fitted((800, 600)) == (800, 600)  # never enlarged
    assert published_path("images/marche.heic") == "images/marche.jpg"
    assert published_path("images/IMG_0042.HEIF") == "images/IMG_0042.jpg"
    assert published_path("images/plan.png") == "images/plan.png"


def refused(tmp_path: Path, content: Path) -> str:
    output = tmp_path / "output"
    result = build(content, output)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert not output.exists()
    return result.stdout + result.stderr


def test_a_photo_without_description_is_refused(tmp_path, sources):
    content = site_with_photos(tmp_path, sources, HEADER + "Image: {static}/images/marche.heic\n")
    assert (
        f"{SHOWN}, champ « Image_alt » : une photo doit être décrite pour les personnes qui ne la voient pas : "
        "dites en une phrase ce qu'elle montre, dans « Description de la photo » de l'éditeur ou sur une ligne "
        "« Image_alt: … » en tête du fichier, par exemple « Image_alt: Des étals de légumes au marché des Halles »."
    ) in refused(tmp_path, content)


def test_a_photo_that_is_not_there_is_refused_with_the_closest_name(tmp_path, sources):
    content = site_with_photos(tmp_path, sources, HEADER + f"Image: {{static}}/images/marche.heif\nImage_alt: {ALT}\n")
    assert (
        f"{SHOWN}, champ « Image » : la photo « {{static}}/images/marche.heif » n'est pas dans le dossier content/images/ "
        "(ligne 5) ; vouliez-vous écrire « {static}/images/marche.heic » ?"
    ) in refused(tmp_path, content)


def test_a_photo_never_added_is_refused(tmp_path, sources):
    content = site_with_photos(tmp_path, sources, HEADER + f"Image: {{static}}/images/piscine.heic\nImage_alt: {ALT}\n")
    assert (
        f"{SHOWN}, champ « Image » : la photo « {{static}}/images/piscine.heic » n'est pas dans le dossier content/images/ "
        "(ligne 5) ; ajoutez d'abord la photo au dossier content/images/ (dans l'éditeur, « Choisir une image »)."
    ) in refused(tmp_path, content)


def test_a_photo_that_is_not_an_image_is_refused(tmp_path, sources):
    content = site_with_photos(tmp_path, sources, HEADER + f"Image: {{static}}/pages/accueil.md\nImage_alt: {ALT}\n")
    text = refused(tmp_path, content)
    assert (
        f"{SHOWN}, champ « Image » : « {{static}}/pages/accueil.md » ne peut pas être lu (ligne 5) : choisissez la photo dans "
        "l'éditeur, ou écrivez {static}/images/ et le nom du fichier, par exemple {static}/images/marche.heic."
    ) in text
    write(content / POST, HEADER + f"Image: {{static}}/images/menu.pdf\nImage_alt: {ALT}\n" + BODY)
    assert (
        f"{SHOWN}, champ « Image » : « {{static}}/images/menu.pdf » n'est pas une photo (ligne 5) : "
        "choisissez une image (gif, heic, heif, jpeg, jpg, png, webp)."
    ) in refused(tmp_path, content)


def test_a_jpeg_and_a_heic_of_the_same_name_are_refused(tmp_path, sources):
    content = site_with_photos(tmp_path, sources)
    (content / "images/marche.jpg").write_bytes((sources / "terrasse.jpg").read_bytes())
    assert (
        "content/images/marche.jpg : ce fichier serait publié sous le même nom (images/marche.jpg) que content/images/marche.heic "
        "(une photo HEIC est publiée en JPEG). Renommez l'un des deux fichiers, ou retirez celui qui est en double."
    ) in refused(tmp_path, content)


def test_an_animated_png_is_refused(tmp_path, sources):
    content = site_with_photos(tmp_path, sources)
    frames = [Image.new("RGB", (20, 20), colour) for colour in (RED, BLUE)]
    frames[0].save(content / "images/clignote.png", save_all=True, append_images=frames[1:], duration=200)
    assert (
        "content/images/clignote.png : cette image est animée : seules les images GIF peuvent l'être sur le site. "
        "Enregistrez-la en GIF, ou en image fixe (PNG ou JPEG)."
    ) in refused(tmp_path, content)


def test_a_photo_that_cannot_be_decoded_is_refused(tmp_path, sources):
    content = site_with_photos(tmp_path, sources)
    data = (sources / "terrasse.jpg").read_bytes()
    (content / "images/terrasse.jpg").write_bytes(data[: len(data) // 2])
    assert (
        "content/images/terrasse.jpg : cette image n'a pas pu être lue ni convertie : ouvrez-la dans un logiciel d'images "
        "et enregistrez-la de nouveau en JPEG."
    ) in refused(tmp_path, content)


def test_a_heic_that_is_not_a_photo_is_refused(tmp_path, sources):
    content = site_with_photos(tmp_path, sources)
    write(content / "images/faux.heic", "<html><script>alert(1)</script></html>")
    assert (
        "content/images/faux.heic : ce fichier n'est pas une image HEIC lisible, malgré son nom. "
        "Ouvrez-le dans un logiciel d'images et enregistrez-le de nouveau."
    ) in refused(tmp_path, content)


def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(tmp_path):
    # 15000 × 12000 one-bit pixels: a small file, beyond Pillow's guard once decoded.
    Image.new("1", (15000, 12000)).save(tmp_path / "panorama.png")
    [error] = check_static_file("content/images/panorama.png", tmp_path / "panorama.png", tmp_path)
    assert error.describe() == (
        "content/images/panorama.png : cette image a trop de pixels pour être publiée : ouvrez-la dans un logiciel "
        "d'images et enregistrez-la plus petite (4000 pixels de large suffisent)."
    )
