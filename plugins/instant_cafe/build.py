"""`make html`, `publish`, `check`, `flyer` and `serve`: one build at a time, swapped in whole.

Run as ``python -m instant_cafe.build html`` (the Makefile does). Pelican runs in
this process; every warning or content error is collected and reported in
French at the end, so that staff see all their mistakes at once. The new site
is built beside the published one, its links are checked, and only then does it
replace ``output/``. A lock next to the output folder makes a second build in
the same checkout wait for the first; a build killed half-way is repaired by
the next one.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import logging
import os
import shutil
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path

from .checklist import address_warning, missing_facts
from .errors import ContentError, ContentErrors, MissingSoftware, report
from .practical import read_practical
from .settings import read_site

SETTINGS = {"publish": "publishconf.py"}
DEFAULT_SETTINGS = "pelicanconf.py"


class BuildRefused(Exception):
    """A build that must not start or not finish; the message is French, for staff."""


@contextmanager
def build_lock(output: Path, target: str):
    """Hold ``<output>.lock`` for the whole build (output folders and Pelican's cache)."""
    lock_path = output.with_name(output.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            if target == "serve" or holder.startswith("serve"):
                raise BuildRefused(
                    "l'aperçu (make serve) ou une autre construction utilise déjà ce dossier "
                    f"({holder or 'inconnu'}). Arrêtez l'aperçu (touches Ctrl et C dans son terminal) puis relancez."
                ) from None
            print(f"Une autre construction est en cours dans ce dossier ({holder}) : j'attends qu'elle se termine…", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{target} (processus {os.getpid()})\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()


def sibling(output: Path, suffix: str) -> Path:
    return output.with_name(output.name + suffix)


def repair(output: Path) -> None:
    """Undo what a killed build left: the previous site comes back if it was moved aside."""
    old = sibling(output, ".old")
    if not output.exists() and old.is_dir():
        old.rename(output)
        print("Le site précédent a été remis en place (une construction avait été interrompue).", file=sys.stderr)
    for leftover in (old, sibling(output, ".new")):
        shutil.rmtree(leftover, ignore_errors=True)


def swap_in(new: Path, output: Path) -> None:
    """Replace ``output`` by ``new``; a kill between the two renames is repaired by ``repair``."""
    old = sibling(output, ".old")
    if output.exists():
        output.rename(old)
    new.rename(output)
    shutil.rmtree(old, ignore_errors=True)


class Problems(logging.Handler):
    """Every warning or error of a Pelican run: a build with any of them is not published."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages += record.getMessage().splitlines()


class BuildProblems(Exception):
    """What went wrong in a build, one line each (French for content errors)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(report(problems))


def read_pelican_settings(settings_file: Path, content: Path, output: Path, extra: dict) -> dict:
    from pelican.settings import read_settings

    override = {"PATH": str(content), "OUTPUT_PATH": str(output), **extra}
    return read_settings(str(settings_file), override=override)


def run_pelican(settings: dict) -> None:
    """One Pelican run; raises BuildProblems with everything it logged or raised."""
    from pelican import Pelican
    from pelican.log import console

    problems = Problems()
    root = logging.getLogger()
    root.handlers, root.level = [problems], logging.WARNING
    console.quiet = True  # Pelican's English summary: the build prints its own
    try:
        Pelican(settings).run()
    except (ContentError, ContentErrors) as error:
        errors = error.errors if isinstance(error, ContentErrors) else [error]
        problems.messages += [each.describe() for each in errors]
    if problems.messages:
        raise BuildProblems(problems.messages)


def check_links(output: Path, public_url: str) -> None:
    from .output_check import link_problems

    problems = link_problems(output, public_url)
    if problems:
        lines = "\n".join(f"  - {problem}" for problem in problems)
        raise BuildRefused(f"le site construit a des liens cassés ou charge un autre site ; rien n'a été publié :\n{lines}")


def parse_extra(pairs: list[str]) -> dict:
    """``-e KEY=VALUE`` as Pelican's command line reads it: VALUE is JSON, or a string."""
    extra = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        try:
            extra[key] = json.loads(value)
        except json.JSONDecodeError:
            extra[key] = value
    return extra


def build(target: str, content: Path, output: Path, settings_file: Path, extra: dict) -> None:
    staging = {"check": sibling(output, ".check"), "flyer": sibling(output, ".flyer")}.get(target, sibling(output, ".new"))
    with build_lock(output, target):
        repair(output)
        shutil.rmtree(staging, ignore_errors=True)
        if target == "flyer":
            extra = {"FLYER_ONLY": True, "ARTICLE_PATHS": [], "PAGE_PATHS": [], "DIRECT_TEMPLATES": [], **extra}
        settings = read_pelican_settings(settings_file, content, staging, extra)
        site = read_site(settings)
        refuse_placeholder(target, site)
        try:
            run_pelican(settings)
            if target != "flyer":
                check_links(staging, settings.get("PUBLIC_URL", "") if target == "publish" else "")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if target == "check":
            shutil.rmtree(staging, ignore_errors=True)
            print("Contenu vérifié : aucune erreur.")
            to_do = missing_facts(site, read_practical(content))
            if to_do:
                print("À compléter ou à confirmer (ce ne sont pas des erreurs, le site se construit) :")
                print("\n".join(f"  - {item}" for item in to_do))
        elif target == "flyer":
            kind = "Flyers BROUILLON (à ne pas distribuer)" if site.draft_flyers else "Flyers prêts à imprimer"
            print(f"{kind} :")
            for pdf in sorted(staging.glob("flyer/*.pdf")):
                print(f"  {pdf}")
        else:
            swap_in(staging, output)
        warning = address_warning(site)
        if warning and target in ("html", "flyer"):
            print(f"ATTENTION : {warning}", file=sys.stderr)


def refuse_placeholder(target: str, site) -> None:
    """Never publish, nor print as final, a site whose address is a placeholder."""
    if not site.provisional_address:
        return
    if target == "publish":
        raise BuildRefused(f"l'adresse publique est provisoire ({site.public_url}) : indiquez la vraie, PUBLIC_URL=https://… make publish.")
    if target == "flyer" and not site.draft:
        raise BuildRefused(
            f"l'adresse du site est provisoire ({site.public_url}) : les codes QR des flyers mèneraient nulle part. "
            "Indiquez-la (PUBLIC_URL=https://… make flyer), ou imprimez un brouillon marqué comme tel : make flyer BROUILLON=1."
        )


def serve(content: Path, output: Path, settings_file: Path, bind: str, port: int) -> None:
    """Preview in its own folder (``<output>.serve``), so a content error never empties ``output/``."""
    import pelican

    preview = sibling(output, ".serve")
    with build_lock(output, "serve"):
        pelican.main(
            [str(content), "-o", str(preview), "-s", str(settings_file), "--autoreload", "--listen", "--bind", bind, "--port", str(port)]
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m instant_cafe.build")
    parser.add_argument("target", choices=("html", "publish", "check", "flyer", "serve"))
    parser.add_argument("--content", default="content", type=Path)
    parser.add_argument("--output", default="output", type=Path)
    parser.add_argument("--settings", type=Path)
    parser.add_argument("-e", "--extra-settings", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", default=8000, type=int)
    args = parser.parse_args(argv)
    settings_file = args.settings or Path(SETTINGS.get(args.target, DEFAULT_SETTINGS))
    try:
        if args.target == "serve":
            serve(args.content, args.output, settings_file, args.bind, args.port)
        else:
            build(args.target, args.content, args.output, settings_file, parse_extra(args.extra_settings))
    except BuildProblems as error:
        print(error, file=sys.stderr)
        return 1
    except ContentErrors as error:
        print(error.describe(), file=sys.stderr)
        return 1
    except ContentError as error:
        print(report([error.describe()]), file=sys.stderr)
        return 1
    except BuildRefused as error:
        print(f"Construction arrêtée : {error}", file=sys.stderr)
        return 1
    except MissingSoftware as error:
        print(f"Construction arrêtée : il manque un logiciel sur cette machine. {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Construction interrompue : le site précédent reste en place.", file=sys.stderr)
        return 130
    except Exception:
        traceback.print_exc()
        print(
            "Erreur inattendue pendant la construction : rien n'a été publié. Transmettez ce message à la personne qui s'occupe du site.",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
