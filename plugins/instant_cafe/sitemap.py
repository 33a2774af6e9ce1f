"""sitemap.xml and robots.txt: every HTML page the build wrote, but the not-found page and the staff editor."""

from pathlib import Path
from xml.etree import ElementTree

from pelican.generators import Generator

from .output_folders import html_pages
from .urls import ADMIN

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
NOT_LISTED = {"404.html"}


def page_urls(output: Path, siteurl: str) -> list[str]:
    urls = []
    for relative in html_pages(output):
        if relative in NOT_LISTED or relative.startswith(ADMIN):
            continue
        urls.append(f"{siteurl}/{relative.removesuffix('index.html')}")
    return urls


def robots(siteurl: str) -> str:
    """Search engines stay out of the staff editor; the rest is public. (A host serving the site
    under a path reads robots.txt at its root: admin/ also says noindex itself.)"""
    path = "/" + siteurl.split("://", 1)[-1].partition("/")[2]
    return f"User-agent: *\nDisallow: {path.rstrip('/')}/{ADMIN}\n\nSitemap: {siteurl}/sitemap.xml\n"


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
        Path(self.output_path, "robots.txt").write_text(robots(self.settings["SITEURL"]), encoding="utf-8")
