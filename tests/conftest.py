"""Shared fixtures: real builds of the real configuration into tmp_path."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The day the tests build the site for: fixed, so expectations do not move.
BUILD_DATE = "2026-11-27"


def build(
    content: Path, output: Path, build_date: str = BUILD_DATE, conf: str = "pelicanconf.py", env=None, args=(), wrapper=(), target="html"
):
    """Run the build as `make html` does; returns the finished process."""
    environment = {key: value for key, value in os.environ.items() if key != "PUBLIC_URL"}
    environment.update({"BUILD_DATE": build_date, "PYTHONPATH": str(ROOT / "plugins"), **(env or {})})
    return subprocess.run(
        [
            *wrapper,
            sys.executable,
            "-m",
            "instant_cafe.build",
            target,
            "--content",
            str(content),
            "--output",
            str(output),
            "--settings",
            str(ROOT / conf),
            *args,
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PUBLIC = "https://instant-cafe.ccas-dijon.test"
EDITOR = "admin/"


def make(target: str, content: Path, output: Path, public_url: str = PUBLIC, env=None):
    """Run a Makefile target as staff do, on ``content`` into ``output``."""
    environment = {**os.environ, "BUILD_DATE": BUILD_DATE, "PUBLIC_URL": public_url, **(env or {})}
    return subprocess.run(
        ["make", "-C", str(ROOT), target, f"INPUTDIR={content}", f"OUTPUTDIR={output}", f"VENV={ROOT / '.venv'}"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_content(destination: Path) -> Path:
    """A copy of the shipped content/ that a test may change."""
    content = destination / "content"
    shutil.copytree(ROOT / "content", content)
    return content


FIXTURE = ROOT / "tests/fixtures/content"


def fixture_content(destination: Path) -> Path:
    """The shipped pages with the fixture's cafés and notices, and no posts: a site that never moves."""
    content = copy_content(destination)
    for folder in ("bons-plans", "lieux", "avis"):
        shutil.rmtree(content / folder, ignore_errors=True)
    for folder in ("lieux", "avis"):
        shutil.copytree(FIXTURE / folder, content / folder)
    return content


class Site:
    """A built output folder, read as residents get it."""

    def __init__(self, output: Path, result):
        self.output = output
        self.result = result

    def html(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")

    def pages(self) -> list[str]:
        """The site's HTML pages. The staff editor (admin/) is not one of them: no menu, no sitemap,
        its own policy and the site's only scripts (test_editor_*.py)."""
        every = (p.relative_to(self.output).as_posix() for p in self.output.rglob("*.html"))
        return sorted(page for page in every if not page.startswith(EDITOR))


def build_site(tmp: Path, content: Path | None = None, **kwargs) -> Site:
    output = tmp / "output"
    result = build(content or ROOT / "content", output, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(output, result)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Site:
    """The shipped content (Dijon's programme), built for BUILD_DATE."""
    return build_site(tmp_path_factory.mktemp("shipped"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
