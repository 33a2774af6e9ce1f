"""HomeScreenGenerator: the site's icon at the addresses browsers ask for, and a web app manifest.

A resident can then put the programme on a phone's home screen like an app (no
service worker, no script: it opens the home page). Browsers ask for
/favicon.ico on every page; answering it also removes the only console error.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pelican.generators import Generator
from pelican.utils import sanitised_join

ROOT_FILES = ("favicon.ico", "apple-touch-icon.png")
MANIFEST = "manifest.webmanifest"


def manifest(name: str, short_name: str, theme_colour: str) -> dict:
    """Addresses are relative to the manifest, so the site works under any path."""
    return {
        "name": name,
        "short_name": short_name,
        "lang": "fr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": theme_colour,
        "icons": [
            {"src": "theme/images/icone-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "theme/images/icone-512.png", "sizes": "512x512", "type": "image/png"},
            {"src": "theme/images/icone.svg", "sizes": "any", "type": "image/svg+xml"},
        ],
    }


class HomeScreenGenerator(Generator):
    def generate_output(self, writer):
        if self.settings.get("FLYER_ONLY"):
            return
        images = Path(self.settings["THEME"], "static", "images")
        for name in ROOT_FILES:
            shutil.copyfile(images / name, sanitised_join(self.output_path, name))
        data = manifest(self.settings["SITENAME"], self.settings["SITENAME"], "#6b2a00")
        Path(sanitised_join(self.output_path, MANIFEST)).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
