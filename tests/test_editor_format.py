"""The editor's file format (theme/admin/instant-cafe-editor.js), run in Node as Decap runs it.

Decap reads a file with ``fromFile``, hands the fields back in an order of its own, and writes
them with ``toFile`` and the collection's field order (``sortedKeys``). A save that changes
nothing must change no byte; a title edit must change the title line only.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

from conftest import ROOT
from instant_cafe.editor_config import editor_config
from instant_cafe.settings import EditorSettings
from quality import require

FORMAT = ROOT / "theme/admin/instant-cafe-editor.js"
# Node reads the format as a module; keys come back reversed, as Decap may give them in any order.
ROUND_TRIP = """
const format = require(process.argv[1]);
const jobs = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = jobs.map(({content, sortedKeys, changes}) => {
  const data = format.fromFile(content);
  const shuffled = {};
  for (const key of Object.keys(data).reverse()) shuffled[key] = data[key];
  Object.assign(shuffled, changes);
  return {data, written: format.toFile(shuffled, sortedKeys)};
});
process.stdout.write(JSON.stringify(out));
"""


def run(jobs: list[dict]) -> list[dict]:
    require("node", shutil.which("node") is not None)
    done = subprocess.run(
        ["node", "-e", ROUND_TRIP, str(FORMAT)], input=json.dumps(jobs), capture_output=True, text=True, check=True, encoding="utf-8"
    )
    return json.loads(done.stdout)


def sorted_keys() -> dict[str, list[str]]:
    """Each content folder's field order, read from the configuration the site ships."""
    config = editor_config(EditorSettings(), [date(2026, 11, 30)], [], local_port=None)
    order = {}
    for collection in config["collections"]:
        for entry in collection.get("files", [collection]):
            where = entry.get("folder") or str(Path(entry["file"]).parent)
            order[where.removeprefix("content/")] = [field["name"] for field in entry["fields"]]
    return order


EDITED = sorted(path for folder in ("bons-plans", "avis", "lieux", "infos") for path in (ROOT / "content" / folder).glob("*.md"))


def test_every_file_the_editor_opens_comes_back_byte_identical():
    order = sorted_keys()
    assert len(EDITED) >= 8 and set(order) == {"bons-plans", "avis", "lieux", "infos"}
    jobs = [{"content": path.read_text(encoding="utf-8"), "sortedKeys": order[path.parent.name], "changes": {}} for path in EDITED]
    for path, job, result in zip(EDITED, jobs, run(jobs), strict=True):
        assert result["written"] == job["content"], path.relative_to(ROOT)


NOTICE = (
    "Title: Pas de café le lundi 7 décembre\n"
    "Date: 2026-11-27 10:00\n"
    "Seance: 2026-12-07\n"
    "Action: annulation\n"
    "\n"
    "L'équipe est en formation.  \nVoir [Contact]({filename}/pages/contact.md).\n\n\n* une liste\n\n"
)


def test_a_notice_comes_back_identical_and_a_title_edit_changes_one_line():
    order = sorted_keys()["avis"]
    same, edited = run(
        [
            {"content": NOTICE, "sortedKeys": order, "changes": {}},
            {"content": NOTICE, "sortedKeys": order, "changes": {"Title": "Pas de café le 7 décembre"}},
        ]
    )
    assert same["written"] == NOTICE
    assert same["data"]["Seance"] == "2026-12-07" and same["data"]["Date"] == "2026-11-27 10:00"  # text, never a UTC date
    assert edited["written"] == NOTICE.replace("lundi 7 décembre\n", "7 décembre\n", 1)


def test_headers_as_a_person_writes_them():
    [result] = run(
        [
            {
                "content": "Title: Un titre\nAutre: gardé\nLieu:\nSummary: une phrase\n    qui continue\n\nLe texte.\n",
                "sortedKeys": ["Title", "Summary", "Lieu"],
                "changes": {"Title": "Deux\nlignes"},
            }
        ]
    )
    assert result["data"]["Summary"] == "une phrase qui continue" and result["data"]["Lieu"] == ""
    # The editor's field order, then a key it does not know; an empty value kept; a line break in a
    # field never splits the header.
    assert result["written"] == "Title: Deux lignes\nSummary: une phrase qui continue\nLieu:\nAutre: gardé\n\nLe texte.\n"
