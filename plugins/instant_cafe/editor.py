"""EditorGenerator: the staff editor at admin/ — Decap CMS (vendored, checked against its
checksums), our format and its configuration, generated from the content check's fields.

admin/ is the only place of the site with JavaScript; it has its own Content-Security-Policy,
stays out of the sitemap and out of search engines.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from pelican.generators import Generator
from pelican.utils import sanitised_join

from .editor_config import LOCAL_PORT, editor_config, editor_policy
from .errors import MissingSoftware
from .schedule import mondays, window
from .urls import ADMIN

VENDOR = "decap-cms"
OUR_FILES = ("manual-init.js", "instant-cafe-editor.js")


def check_vendor(folder: Path) -> list[str]:
    """The vendored files, each checked against SHA256SUMS (`make update-editor` writes both)."""
    names = []
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        with open(folder / name, "rb") as stream:  # streamed: the bundle is 6 MB
            actual = hashlib.file_digest(stream, "sha256").hexdigest()
        if actual != digest:
            raise MissingSoftware(
                f"le fichier {folder / name} de l'éditeur ne correspond pas à sa somme de contrôle : relancez make update-editor."
            )
        names.append(name)
    return names


def link_or_copy(source: Path, target: Path) -> None:
    """The vendored bundle (6 MB) is only ever read: a hard link spares copying it at every build."""
    try:
        os.link(source, target)
    except OSError:  # another file system, or links refused
        shutil.copyfile(source, target)


class EditorGenerator(Generator):
    """admin/index.html, admin/config.yml, admin/decap-cms/ and our two scripts.

    Reads ``site`` and ``programme`` from the context (ProgrammeGenerator).
    """

    def generate_output(self, writer):
        if self.settings.get("FLYER_ONLY"):
            return
        site, programme = self.context["site"], self.context["programme"]
        # `make publish` sets RELATIVE_URLS to False: only previews may reach decap-server.
        local_port = self.settings.get("EDITOR_LOCAL_PORT", LOCAL_PORT) if self.settings.get("RELATIVE_URLS") else None
        if not local_port and not site.editor.repo:
            return  # online, an editor tied to no repository could save nowhere (`make check` says so)
        theme = Path(self.settings["THEME"], "admin")
        target = Path(sanitised_join(self.output_path, ADMIN))
        (target / VENDOR).mkdir(parents=True, exist_ok=True)
        for name in check_vendor(theme / VENDOR):
            link_or_copy(theme / VENDOR / name, target / VENDOR / name)
        for name in OUR_FILES:
            shutil.copyfile(theme / name, target / name)
        first, last = window(programme.rule, programme.build_date)
        venues = [view.venue for view in programme.venues]
        config = editor_config(site.editor, list(mondays(first, last)), venues, local_port)
        # JSON is YAML: Decap reads it as its config.yml.
        (target / "config.yml").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        writer.write_file(
            ADMIN + "index.html",
            self.get_template("admin"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=ADMIN,
            policy=editor_policy(site.editor, local_port),
        )
