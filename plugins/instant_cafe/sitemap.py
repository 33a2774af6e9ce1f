"""sitemap.xml: every HTML page the build wrote (the not-found page excepted)."""

from pathlib import Path
from xml.etree import ElementTree

from pelican.generators import Generator

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
NOT_LISTED = {"404.html"}


def page_urls(output: Path, siteurl: str) -> list[str]:
    urls = []
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        if relative in NOT_LISTED:
            continue
        urls.append(f"{siteurl}/{relative.removesuffix('index.html')}")
    return urls


class SitemapGenerator(Generator):
    """Runs after every generator that writes HTML, and reads what they wrote."""

    def generate_output(self, writer):
        if self.settings.get("FLYER_ONLY"):
            return
        ElementTree.register_namespace("", NAMESPACE)
        root = ElementTree.Element(f"{{{NAMESPACE}}}urlset")
        for url in page_urls(Path(self.output_path), self.settings["SITEURL"]):
            entry = ElementTree.SubElement(root, f"{{{NAMESPACE}}}url")
            ElementTree.SubElement(entry, f"{{{NAMESPACE}}}loc").text = url
        ElementTree.indent(root)
        tree = ElementTree.ElementTree(root)
        with open(Path(self.output_path, "sitemap.xml"), "wb") as stream:
            tree.write(stream, encoding="utf-8", xml_declaration=True)
