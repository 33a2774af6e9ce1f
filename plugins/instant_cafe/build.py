"""`make html`, `publish`, `check`, `flyer` and `serve`: one build at a time, swapped in whole.

Run as ``python -m instant_cafe.build html`` (the Makefile does). Pelican runs in
this process; every warning or content error is collected and reported in
French at the end, so that staff see all their mistakes at once. The new site
is built beside the published one, its links are checked (while the PDF worker
finishes the flyers, written last), and only then does it replace ``output/``.
A lock next to the output folder makes a second build in the same checkout wait
for the first; a build killed half-way is repaired by the next one.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import pickle
import re
import shutil
import sys
import traceback
from pathlib import Path

from . import read_ahead
from .build_cache import cache_settings
from .errors import ContentError, ContentErrors, MissingSoftware, report
from .output_folders import BuildRefused, build_lock, prune_empty_folders, repair, reuse_spare, sibling, swap_in
from .pdf_render import close_unclaimed
from .settings import read_site
from .urls import POSTS_FOLDER

SETTINGS = {"publish": "publishconf.py"}
DEFAULT_SETTINGS = "pelicanconf.py"


class Problems(logging.Handler):
    """Every warning or error of a Pelican run: a build with any of them is not published."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages += record.getMessage().splitlines()


class BuildProblems(Exception):
    """What went wrong in a build, one line each (French for content errors); ``held`` the posts
    left out of a publication that went ahead without them."""

    def __init__(self, problems: list[str], held: list[str] = ()):
        self.problems = problems
        self.held = list(held)
        super().__init__(report(problems, self.held))


POST_PROBLEM = re.compile(rf"(content/{POSTS_FOLDER}/\S+?\.\w+)(?:, champ « [^»]+ »)? : ")


def faulty_posts(problems: list[str]) -> list[str]:
    """The posts all ``problems`` are about; empty when one is about something else (it then blocks)."""
    matches = [POST_PROBLEM.match(problem) for problem in problems]
    return sorted({match[1] for match in matches}) if matches and all(matches) else []


def without(content: Path, files: list[str], copy: Path) -> Path:
    """A copy of ``content`` without ``files`` (given as content/…)."""
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(content, copy, symlinks=True)
    for name in files:
        (copy / name.removeprefix("content/")).unlink()
    return copy


def read_pelican_settings(settings_file: Path, content: Path, output: Path, extra: dict, cache_beside: Path | None = None) -> dict:
    """Pelican's settings for one run; with ``cache_beside`` (the output folder), the build cache on."""
    from pelican.settings import read_settings

    override = {"PATH": str(content), "OUTPUT_PATH": str(output), **extra}
    settings = read_settings(str(settings_file), override=override)
    if cache_beside is not None:
        settings.update({key: value for key, value in cache_settings(cache_beside, settings).items() if key not in extra})
    return settings


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
    except BaseException:
        stop_helpers()
        raise
    finally:
        close_unclaimed()
    if problems.messages:
        stop_helpers()
        raise BuildProblems(problems.messages)


def stop_helpers() -> None:
    """A run that failed, or a build refused: the PDF worker and the read-ahead helper stop, no PDF is written."""
    from .flyer import drop_unwritten

    drop_unwritten()
    read_ahead.close_all()


def check_links(output: Path, public_url: str, cache: Path, coming: list[str], parsed: dict) -> None:
    """The link check of the new site, whose ``coming`` files are still being made and some of
    whose pages are ``parsed`` already; what each page's bytes say is kept in ``cache`` for the next build."""
    from .output_check import link_problems

    saved = cache / "links.pickle"
    try:
        with open(saved, "rb") as stream:
            known = pickle.load(stream)
    except (OSError, pickle.PickleError, EOFError, AttributeError, TypeError):
        known = {}
    known.update(parsed)
    problems = link_problems(output, public_url, known, coming)
    cache.mkdir(parents=True, exist_ok=True)
    with open(saved, "wb") as stream:
        pickle.dump(known, stream)
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
    # Imported here, not at the top: the PDF worker (multiprocessing's "spawn") imports this
    # module again, and these bring Babel, nh3 and lexbor, which it does not need.
    from . import links_ahead
    from .checklist import address_warning, missing_facts
    from .flyer import PDFS_AFTER_RUN, pdfs_to_come, write_pdfs
    from .practical import read_practical
    from .summary import build_summary

    staging = {"check": sibling(output, ".check"), "flyer": sibling(output, ".flyer")}.get(target, sibling(output, ".new"))
    with build_lock(output, target):
        repair(output)
        shutil.rmtree(staging, ignore_errors=True)
        reused = target in ("html", "publish") and reuse_spare(output, staging)
        # The staging folder is ours: Pelican must not empty it (it may hold the spare's folders).
        extra = {"DELETE_OUTPUT_DIRECTORY": False, **extra}
        if target != "flyer":
            extra = {PDFS_AFTER_RUN: True, **extra}  # written after the link check (write_pdfs)
        else:
            extra = {"FLYER_ONLY": True, "ARTICLE_PATHS": [], "PAGE_PATHS": [], "DIRECT_TEMPLATES": [], **extra}
        settings = read_pelican_settings(settings_file, content, staging, extra, cache_beside=output)
        site = read_site(settings)
        refuse_placeholder(target, site)
        public_url = settings.get("PUBLIC_URL", "") if target == "publish" else ""
        if target != "flyer":
            links_ahead.expect(settings["OUTPUT_PATH"], public_url)
        held: list[str] = []
        try:
            try:
                try:
                    run_pelican(settings)
                except (IsADirectoryError, NotADirectoryError, FileExistsError):
                    if not reused:
                        raise
                    # A page now written where the spare site had a folder, or the reverse: start afresh.
                    shutil.rmtree(staging)
                    run_pelican(settings)
            except BuildProblems as error:
                held = faulty_posts(error.problems) if target == "publish" else []
                if not held:
                    raise
                # An urgent cancellation must never wait for an unrelated mistake in a post:
                # the rest is published, and the run still ends in error (below).
                shutil.rmtree(staging, ignore_errors=True)
                rest = without(content, held, sibling(output, ".content"))
                run_pelican(read_pelican_settings(settings_file, rest, staging, extra, cache_beside=output))
                problems = error.problems
            prune_empty_folders(staging)
            if target != "flyer":
                run = settings["OUTPUT_PATH"]
                check_links(staging, public_url, Path(settings["CACHE_PATH"]), pdfs_to_come(run), links_ahead.take(run))
                read_ahead.close_all()
                write_pdfs(run)
        except BaseException:
            stop_helpers()
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(sibling(output, ".content"), ignore_errors=True)
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
        if target in ("html", "publish"):
            print(build_summary(output, content, output.name, site.build_date))
        if held:
            raise BuildProblems(problems, held=held)


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
    status = main()
    # Everything the build made dies with the process: frozen, it is not traversed again by
    # the collections Python runs while it shuts down (about 0.25 s after a ten-year site).
    gc.freeze()
    sys.exit(status)
