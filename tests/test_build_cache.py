"""The build cache (output.cache/, build_cache.py): a rebuild in the same folder gives, byte for
byte, what a build from nothing gives, whatever changed in between — content, template,
setting, build date or the plugin's own code — and a deleted or renamed post disappears."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build, copy_content, write

LINKING_POST = (
    "Title: Les bons plans du 21 décembre\nDate: 2026-11-26 10:00\nSemaine: 2026-12-21\n\n"
    "Relisez [nos conseils contre le froid]({filename}2026-12-07.md).\n"
)
NOTICE = "Title: Pas de café le 21 décembre\nDate: 2026-11-20 10:00\nSeance: 2026-12-21\nAction: annulation\n\nL'équipe est en formation.\n"


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


class Workspace:
    """Content, theme and plugin copies that a test changes; one output folder built again and again."""

    def __init__(self, root: Path):
        self.root = root
        self.content = copy_content(root)
        self.theme = root / "theme"
        shutil.copytree(ROOT / "theme", self.theme, ignore=shutil.ignore_patterns("node_modules"))
        self.plugins = root / "plugins"
        shutil.copytree(ROOT / "plugins", self.plugins, ignore=shutil.ignore_patterns("__pycache__"))
        self.output = root / "output"
        self.clean_builds = 0

    def build(self, output: Path, build_date: str):
        result = build(
            self.content, output, build_date=build_date, env={"PYTHONPATH": str(self.plugins)}, args=("-e", f"THEME={self.theme}")
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def fingerprints(self) -> set[str]:
        return {path.name for path in (self.root / "output.cache").iterdir()}

    def assert_rebuild_is_clean(self, build_date: str = "2026-11-27") -> None:
        """Rebuild in place (warm), build from nothing elsewhere (cold): the same files, the same bytes."""
        self.build(self.output, build_date)
        self.clean_builds += 1
        clean = self.root / f"clean-{self.clean_builds}" / "output"
        self.build(clean, build_date)
        warm, cold = files(self.output), files(clean)
        assert sorted(warm) == sorted(cold)
        assert [name for name in warm if warm[name] != cold[name]] == []


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Workspace:
    space = Workspace(tmp_path_factory.mktemp("cache"))
    space.build(space.output, "2026-11-27")
    return space


def test_the_first_build_fills_the_cache(workspace):
    (fingerprint,) = workspace.fingerprints()
    cache = workspace.root / "output.cache" / fingerprint
    assert (cache / "ArticlesGenerator-Readers").is_file() and len(list((cache / "flyers").glob("*.pdf"))) == 5


def test_content_changes_reach_the_output(workspace):
    before = workspace.fingerprints()
    post = workspace.content / "bons-plans/2026-12-07.md"
    post.write_text(post.read_text(encoding="utf-8").replace("\n\n", "\n\nUne phrase ajoutée au début.\n\n", 1), encoding="utf-8")
    write(workspace.content / "avis/2026-12-21.md", NOTICE)
    venue = workspace.content / "lieux/le-mably.md"
    venue.write_text(venue.read_text(encoding="utf-8").replace("9 rue Mably", "11 rue Mably"), encoding="utf-8")
    (workspace.content / "bons-plans/2026-11-30.md").unlink()
    (workspace.content / "bons-plans/2026-12-14.md").rename(workspace.content / "bons-plans/2026-12-15.md")
    renamed = workspace.content / "bons-plans/2026-12-15.md"
    renamed.write_text(renamed.read_text(encoding="utf-8").replace("Semaine: 2026-12-14", "Semaine: 2026-12-14\nSlug: semaine-14"), "utf-8")
    practical = workspace.content / "infos/pratique.md"
    confirmed = practical.read_text(encoding="utf-8").replace("Saisons_confirmees:\n", "Saisons_confirmees: 2026-2027\n")
    practical.write_text(confirmed.replace("Confirmation:\n", "Confirmation: 2026-11-25\n"), encoding="utf-8")
    write(workspace.content / "bons-plans/2026-12-21.md", LINKING_POST)
    workspace.assert_rebuild_is_clean()
    assert workspace.fingerprints() == before, "the same settings and code: the same cache, used warm"
    page = (workspace.output / "bons-plans/2026-12-07/index.html").read_text(encoding="utf-8")
    assert "Une phrase ajoutée au début." in page
    assert "11 rue Mably" in (workspace.output / "lieux/le-mably/index.html").read_text(encoding="utf-8")
    assert not (workspace.output / "bons-plans/2026-11-30").exists() and not (workspace.output / "bons-plans/2026-12-14").exists()
    assert (workspace.output / "bons-plans/semaine-14/index.html").is_file()
    assert b"STATUS:CANCELLED" in (workspace.output / "agenda/seances/2026-12-21.ics").read_bytes()
    # The season's dates confirmed: calendars see the sessions as settled, no longer tentative.
    assert b"STATUS:CONFIRMED" in (workspace.output / "agenda/seances/2027-01-04.ics").read_bytes()


def test_an_unchanged_post_page_comes_from_the_live_site(workspace):
    """reused_pages.py: a post page nothing of which changed is the live site's file, linked; a change
    in what it is made from (another post's header it links to) or in the live file renders it again."""
    edited = workspace.content / "bons-plans/2026-12-07.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUne ligne ajoutée à la fin.\n", encoding="utf-8")
    by_hand, linking = workspace.output / "bons-plans/semaine-14/index.html", workspace.output / "bons-plans/2026-12-21/index.html"
    by_hand.write_text(by_hand.read_text(encoding="utf-8").replace("</h1>", " (modifié à la main)</h1>"), encoding="utf-8")
    workspace.assert_rebuild_is_clean()
    assert linking.stat().st_nlink == 2, "shared with the site just replaced (output.spare)"
    assert by_hand.stat().st_nlink == (workspace.output / "bons-plans/2026-12-07/index.html").stat().st_nlink == 1
    assert "Une ligne ajoutée à la fin." in (workspace.output / "bons-plans/2026-12-07/index.html").read_text(encoding="utf-8")
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("Semaine: 2026-12-07", "Semaine: 2026-12-07\nSlug: contre-le-froid"), "utf-8"
    )
    workspace.assert_rebuild_is_clean()
    assert "bons-plans/contre-le-froid/" in linking.read_text(encoding="utf-8")
    edited.write_text(edited.read_text(encoding="utf-8").replace("Slug: contre-le-froid\n", ""), "utf-8")


def test_a_template_and_the_build_date_reach_the_output(workspace):
    article = workspace.theme / "templates/article.html"
    article.write_text(article.read_text(encoding="utf-8").replace("Publié le", "Mis en ligne le"), encoding="utf-8")
    workspace.assert_rebuild_is_clean(build_date="2026-12-04")
    assert "Mis en ligne le" in (workspace.output / "bons-plans/2026-12-07/index.html").read_text(encoding="utf-8")


def test_a_change_in_the_plugin_code_reaches_the_output(workspace):
    # The reader's output is what Pelican caches: change what it returns.
    reader = workspace.plugins / "instant_cafe/reader.py"
    source = reader.read_text(encoding="utf-8")
    assert "        return content, metadata\n" in source
    reader.write_text(
        source.replace("        return content, metadata\n", '        return content.replace("bonnet", "BONNET"), metadata\n')
    )
    before = workspace.fingerprints()
    workspace.assert_rebuild_is_clean(build_date="2026-12-04")
    assert "Pensez au BONNET" in (workspace.output / "bons-plans/2026-12-07/index.html").read_text(encoding="utf-8")
    assert workspace.fingerprints() > before, "a new cache beside the old one"


def test_the_spare_site_lends_its_folders_never_its_files(tmp_path):
    """Each build writes into the folders of the site before the last one (output.spare), emptied;
    a page where the spare has a folder makes the build start afresh rather than fail."""
    output = tmp_path / "output"
    spare = tmp_path / "output.spare"
    write(spare / "ancien/page/index.html", "<p>une page retirée depuis</p>")
    write(spare / "bons-plans/index.html", "<p>ancienne liste</p>")
    (spare / "lien").symlink_to("/etc")
    assert build(ROOT / "content", output).returncode == 0
    assert not spare.exists() and not (output / "ancien").exists() and not (output / "lien").exists()
    assert "ancienne liste" not in (output / "bons-plans/index.html").read_text(encoding="utf-8")
    # The next build reuses the site just replaced: no file of it survives unless written again.
    write(output / "intrus.html", "<p>pas du site</p>")
    assert build(ROOT / "content", output).returncode == 0
    assert spare.is_dir() and not (output / "intrus.html").exists()
    assert files(output).keys() == files(spare).keys() - {"intrus.html"}
    # A folder where the home page goes: that build starts from an empty folder.
    (spare / "index.html").unlink()
    write(spare / "index.html/oublie.txt", "d'un autre site")
    result = build(ROOT / "content", output)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "index.html").is_file()


def test_an_unchanged_page_still_has_its_links_checked(tmp_path):
    """The link check remembers what each page's bytes say, not whether its links led somewhere:
    a file that unchanged pages load, gone, stops the build."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme, ignore=shutil.ignore_patterns("node_modules"))
    output = tmp_path / "output"
    for _ in range(2):
        assert build(ROOT / "content", output, args=("-e", f"THEME={theme}")).returncode == 0
    (theme / "static/css/site.css").unlink()
    result = build(ROOT / "content", output, args=("-e", f"THEME={theme}"))
    assert result.returncode == 1
    assert 'programme/index.html : href="../theme/css/site.css" mène à un fichier absent (theme/css/site.css)' in result.stderr
    assert (output / "theme/css/site.css").is_file(), "the site in place is left as it was"
