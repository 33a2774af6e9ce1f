"""The staff editor's configuration (admin/config.yml) as Decap reads it: YAML, parsed here.

Its fields come from the content check's own definitions; a live forge cannot be reached
here, so each login route is tested on the configuration it generates, not on a login.
"""

from __future__ import annotations

import html
import json
from datetime import date

import pytest
import yaml

from conftest import BUILD_DATE, ROOT, build
from instant_cafe.editor_config import editor_config, editor_policy
from instant_cafe.fields import SCHEMAS
from instant_cafe.settings import EditorSettings

FORGE = EditorSettings(route="forgejo", repo="ccas-dijon/instant-cafe", forge_url="https://forge.example.fr", app_id="a1b2")


def config_of(output) -> dict:
    return yaml.safe_load((output / "admin/config.yml").read_text(encoding="utf-8"))


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def test_the_preview_editor_saves_through_decap_server_on_this_computer(shipped_site):
    config = config_of(shipped_site.output)
    assert config["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1", "allowed_hosts": ["127.0.0.1", "localhost"]}
    assert config["locale"] == "fr" and config["media_folder"] == "content/images"
    labels = {c["name"]: c["label"] for c in config["collections"]}
    assert labels == {"bons-plans": "Bons plans", "avis": "Avis aux habitants", "cafes": "Cafés", "infos": "Informations pratiques"}


def test_the_choices_are_the_ones_the_content_check_accepts(shipped_site):
    config = config_of(shipped_site.output)
    notices = {field["name"]: field for field in collection(config, "avis")["fields"]}
    assert [o["value"] for o in notices["Action"]["options"]] == ["annulation", "deplacement", "ajout", "retablissement"]
    assert notices["Action"]["options"][0]["label"] == "annulation : la séance n'a pas lieu"
    cafes = sorted(path.stem for path in (ROOT / "content/lieux").glob("*.md"))
    assert sorted(o["value"] for o in notices["Lieu"]["options"]) == cafes == ["la-comedie", "le-boeuf-blanc", "le-declit", "le-mably"]
    assert {"value": "le-boeuf-blanc", "label": "Le Bœuf Blanc"} in notices["Lieu"]["options"]
    # Only Mondays, in French, from the programme's window around the build date (27 November 2026).
    weeks = {field["name"]: field for field in collection(config, "bons-plans")["fields"]}["Semaine"]["options"]
    days = [date.fromisoformat(o["value"]) for o in weeks]
    assert all(day.weekday() == 0 for day in days) and days == sorted(days)
    assert days[0] <= date.fromisoformat(BUILD_DATE) <= days[-1]
    assert {"value": "2026-12-07", "label": "lundi 7 décembre 2026"} in weeks
    assert notices["Seance"]["options"] == weeks
    # A photo is chosen among content/images/ (or uploaded there) and written as the check reads it.
    photo = {field["name"]: field for field in collection(config, "bons-plans")["fields"]}["Image"]
    assert photo["widget"] == "image" and photo["required"] is False
    assert config["public_folder"] == "{static}/images"
    # Times are written as the check reads them; a wrong one gets the check's own French advice.
    start = notices["Debut"]
    assert start["widget"] == "string" and start["pattern"][1].startswith("Écrivez")


def test_every_field_of_the_check_is_in_the_editor_in_the_same_order(shipped_site):
    config = config_of(shipped_site.output)
    for name, kind in (("bons-plans", "post"), ("avis", "notice"), ("cafes", "venue")):
        names = [field["name"] for field in collection(config, name)["fields"]]
        assert names == [field.name for field in SCHEMAS[kind]] + ["body"], name
    practical = collection(config, "infos")["files"][0]
    assert practical["file"] == "content/infos/pratique.md"
    assert [f["name"] for f in practical["fields"]] == [field.name for field in SCHEMAS["practical"]] + ["body"]


def test_what_staff_may_not_do_from_the_editor(shipped_site):
    config = config_of(shipped_site.output)
    assert collection(config, "avis")["delete"] is False  # a published notice is never deleted
    assert collection(config, "cafes")["create"] is False and collection(config, "cafes")["delete"] is False
    assert collection(config, "infos")["delete"] is False
    assert collection(config, "bons-plans")["create"] is True


@pytest.mark.parametrize(
    ("editor", "backend", "origin"),
    [
        (
            FORGE,
            {"name": "forgejo", "base_url": "https://forge.example.fr", "api_root": "https://forge.example.fr/api/v1", "app_id": "a1b2"},
            "https://forge.example.fr",
        ),
        (
            EditorSettings(route="gitea", repo="ccas/cafe", forge_url="https://git.example.fr/forge", app_id="z9"),
            {
                "name": "gitea",
                "base_url": "https://git.example.fr/forge",
                "api_root": "https://git.example.fr/forge/api/v1",
                "app_id": "z9",
            },
            "https://git.example.fr",
        ),
        (
            EditorSettings(route="github", repo="ccas-dijon/instant-cafe", auth_url="https://relais.example.fr"),
            {"name": "github", "base_url": "https://relais.example.fr"},
            "https://api.github.com",
        ),
    ],
    ids=["forgejo", "gitea", "github"],
)
def test_each_login_route(editor, backend, origin):
    config = editor_config(editor, [date(2026, 12, 7)], [], local_port=None)
    assert {key: config["backend"][key] for key in backend} == backend
    assert config["backend"]["repo"] == editor.repo and config["backend"]["branch"] == "main"
    assert config["backend"]["commit_messages"]["create"] == "Nouveau dans « {{collection}} » : {{slug}}"
    assert "local_backend" not in config
    policy = editor_policy(editor, local_port=None)
    assert f"connect-src 'self' {origin};" in policy and "127.0.0.1" not in policy


def publish(tmp_path, editor: dict):
    output = tmp_path / "output"
    result = build(
        ROOT / "content",
        output,
        conf="publishconf.py",
        target="publish",
        env={"PUBLIC_URL": "https://cafe.dijon.test"},
        args=("-e", f"EDITOR={json.dumps(editor)}"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_publish_ships_the_forge_route_never_decap_server(tmp_path):
    output = publish(tmp_path, {"route": "forgejo", "repo": FORGE.repo, "forge_url": FORGE.forge_url, "app_id": FORGE.app_id})
    config = config_of(output)
    assert "local_backend" not in config and config["backend"]["base_url"] == "https://forge.example.fr"
    page = html.unescape((output / "admin/index.html").read_text(encoding="utf-8"))
    assert "connect-src 'self' https://forge.example.fr;" in page and "8081" not in page
    assert "Disallow: /admin/" in (output / "robots.txt").read_text(encoding="utf-8")
    assert "/admin/" not in (output / "sitemap.xml").read_text(encoding="utf-8")


def test_publish_without_a_repository_ships_no_editor(tmp_path):
    output = publish(tmp_path, {"route": "forgejo", "repo": ""})
    assert not (output / "admin").exists() and (output / "index.html").exists()
