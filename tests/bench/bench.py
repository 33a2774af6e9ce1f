"""`make bench`: build speed against bare Pelican, growth over ten years, page weight.

Usage: python tests/bench/bench.py BUILD_DIR   (the Makefile passes output.bench)
Writes BUILD_DIR/bench/results.json and prints a short table.
"""

from __future__ import annotations

import cProfile
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from bs4 import BeautifulSoup  # noqa: E402
from corpus import write_corpus  # noqa: E402

from instant_cafe.calendar_feed import FeedContext, feed_bytes  # noqa: E402
from instant_cafe.content_check import split_metadata  # noqa: E402
from instant_cafe.loading import ReadFile, load_venues  # noqa: E402
from instant_cafe.schedule import Rule, Season, compute_sessions  # noqa: E402

ROUNDS = 5
BARE_SETTINGS = """\
SITENAME = "Pelican nu"
SITEURL = ""
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
PLUGINS = []
"""
PROFILE_GROUPS = {
    "lecture (Markdown)": ("pelican/readers.py", "read_file"),
    "vérification du contenu": ("instant_cafe/content_check.py", "check_content"),
    "cœur du calendrier": ("instant_cafe/schedule.py", "compute_sessions"),
    "pages HTML": ("pelican/writers.py", "write_file"),
    "flux .ics": ("instant_cafe/agenda.py", "_write_bytes"),
    "PDF (attente du processus de rendu)": ("instant_cafe/pdf_render.py", "result"),
}


def run(command: list[str], env: dict) -> tuple[float, int]:
    """Wall time (s) and peak memory (KiB) of one child process."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as quiet:
        process = subprocess.Popen(command, env=env, stdout=quiet, stderr=quiet)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed (run it by hand to read why): {' '.join(command)}")
    return elapsed, usage.ru_maxrss


def pelican(content: Path, output: Path, settings: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings), *extra]


def our_overrides(corpus: dict, *more: str) -> list[str]:
    """Pelican's -e takes every override at once (a second -e replaces the first)."""
    return ["-e", "ROTATION=" + json.dumps({"seasons": corpus["seasons"]}), *more]


def compare_with_bare(work: Path, corpus: dict, env: dict) -> dict:
    bare_settings = work / "bare.py"
    bare_settings.write_text(BARE_SETTINGS, encoding="utf-8")
    ours_cmd = pelican(corpus["content"], work / "ours", ROOT / "pelicanconf.py", *our_overrides(corpus))
    bare_cmd = pelican(corpus["content"] / "bons-plans", work / "bare", bare_settings, "--delete-output-directory")
    run(ours_cmd, env)  # warm-up, not timed: byte-code caches, disk cache
    run(bare_cmd, env)
    ours, bare = [], []
    for _ in range(ROUNDS):  # alternate, so that machine noise hits both
        ours.append(run(ours_cmd, env))
        bare.append(run(bare_cmd, env))
    ours_median = statistics.median(t for t, _ in ours)
    bare_median = statistics.median(t for t, _ in bare)
    return {
        "rounds": ROUNDS,
        "ours_seconds": [round(t, 3) for t, _ in ours],
        "bare_seconds": [round(t, 3) for t, _ in bare],
        "ours_median_s": round(ours_median, 3),
        "bare_median_s": round(bare_median, 3),
        "ratio": round(ours_median / bare_median, 3),
        "ours_peak_memory_mib": round(max(m for _, m in ours) / 1024, 1),
        "bare_peak_memory_mib": round(max(m for _, m in bare) / 1024, 1),
        "ours_files": sum(1 for p in (work / "ours").rglob("*") if p.is_file()),
        "bare_files": sum(1 for p in (work / "bare").rglob("*") if p.is_file()),
    }


def profile(work: Path, corpus: dict) -> dict:
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(corpus["content"]),
            "OUTPUT_PATH": str(work / "profiled"),
            "BUILD_DATE": corpus["build_date"],
            "ROTATION": {"seasons": corpus["seasons"]},
        },
    )
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    Pelican(settings).run()
    profiler.disable()
    total = time.perf_counter() - start
    stats = pstats.Stats(profiler).stats
    groups = {}
    for label, (file_end, function) in PROFILE_GROUPS.items():
        groups[label] = round(sum(row[3] for (file, _, name), row in stats.items() if file.endswith(file_end) and name == function), 3)
    return {"total_s": round(total, 3), "cumulative_s": groups}


def warm_rebuild(work: Path, corpus: dict, env: dict) -> dict:
    cache = work / "cache"
    caching = ["CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", f'CACHE_PATH="{cache}"']
    command = pelican(corpus["content"], work / "warm", ROOT / "pelicanconf.py", *our_overrides(corpus, *caching))
    post = corpus["content"] / "bons-plans" / sorted(os.listdir(corpus["content"] / "bons-plans"))[-1]
    cold, warm = [], []
    for round_number in range(ROUNDS):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(run(command, env)[0])
        with open(post, "a", encoding="utf-8") as stream:
            stream.write(f"\nUne ligne ajoutée ({round_number}).\n")
        warm.append(run(command, env)[0])
    return {
        "cold_median_s": round(statistics.median(cold), 3),
        "warm_median_s": round(statistics.median(warm), 3),
        "ratio": round(statistics.median(warm) / statistics.median(cold), 3),
    }


def core_and_feed() -> dict:
    items = []
    for path in sorted((ROOT / "content/lieux").glob("*.md")):
        source, _ = split_metadata(str(path), path.read_bytes())
        items.append(ReadFile(str(path), {key: value for key, (_, value, _) in source.metadata.items()}, ""))
    venues = load_venues(items)
    context = FeedContext("https://instant-cafe.example.org", "CCAS de Dijon", "03 80 44 81 00", "de 9 h à 12 h")
    results = {}
    for years in (1, 10, 50):
        seasons = tuple(Season(str(y), date(y, 1, 1), date(y, 12, 31)) for y in range(2027, 2027 + years))
        rule = Rule({v.rank: v for v in venues}, seasons)
        best = None
        for _ in range(5):
            start = time.perf_counter()
            sessions = compute_sessions(rule, date(2027, 1, 1), date(2026 + years, 12, 31))
            feed = feed_bytes(sessions, rule, context)
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        results[f"{years}_years"] = {"sessions": len(sessions), "seconds": round(best, 4), "feed_bytes": len(feed)}
    return results


def page_weights(output: Path) -> dict:
    """Bytes a browser fetches per page (nothing is compressed by our test server)."""

    def size(page: Path, reference: str) -> int:
        target = output / reference.lstrip("/") if reference.startswith("/") else page.parent / reference
        return target.stat().st_size if target.is_file() else 0

    weights = {}
    for page in sorted(output.rglob("*.html")):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        css = sum(size(page, link["href"]) for link in doc.find_all("link", rel="stylesheet"))
        images = sum(size(page, img["src"]) for img in doc.find_all("img", src=True) if not img["src"].startswith("data:"))
        html = page.stat().st_size
        weights[page.relative_to(output).as_posix()] = {"html": html, "css": css, "images": images, "total": html + css + images}
    return weights


def main(build_dir: Path) -> None:
    build_dir = build_dir.resolve()
    shutil.rmtree(build_dir, ignore_errors=True)
    work = build_dir / "work"
    work.mkdir(parents=True)
    corpus = write_corpus(work, ROOT / "content")
    env = {**os.environ, "BUILD_DATE": corpus["build_date"], "PYTHONPATH": str(ROOT / "plugins")}
    env.pop("PUBLIC_URL", None)
    # Measure as an ordinary installation runs: with Python's byte-code caches.
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    print(f"Corpus : {corpus['posts']} billets, {corpus['notices']} avis, {len(corpus['seasons'])} saisons.", flush=True)
    comparison = compare_with_bare(work, corpus, env)
    print("Comparaison faite.", flush=True)
    profiled = profile(work, corpus)
    warm = warm_rebuild(work, corpus, env)
    core = core_and_feed()
    shipped_output = work / "shipped"
    run(pelican(ROOT / "content", shipped_output, ROOT / "pelicanconf.py"), {**env, "BUILD_DATE": date.today().isoformat()})
    weights = page_weights(shipped_output)
    results = {
        "machine": {
            "python": platform.python_version(),
            "system": platform.platform(),
            "processor": platform.machine(),
            "cpus": os.cpu_count(),
            "cpu_model": next(
                (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
                "inconnu",
            ),
        },
        "corpus": {k: v for k, v in corpus.items() if k != "content"},
        "full_build": comparison,
        "profile": profiled,
        "warm_rebuild": warm,
        "core_and_feed": core,
        "page_weights": weights,
        "feed_bytes": (shipped_output / "agenda/instant-cafe.ics").stat().st_size,
    }
    (build_dir / "bench").mkdir(exist_ok=True)
    (build_dir / "bench/results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print_table(results)
    print(f"\nRésultats complets : {build_dir / 'bench/results.json'}")


def print_table(results: dict) -> None:
    full, warm, core = results["full_build"], results["warm_rebuild"], results["core_and_feed"]
    print("\n| mesure | valeur | cible |")
    print("|---|---|---|")
    print(f"| construction complète, 10 ans (médiane de {full['rounds']}) | {full['ours_median_s']} s ({full['ours_files']} fichiers) | |")
    print(f"| Pelican nu, mêmes billets (médiane) | {full['bare_median_s']} s ({full['bare_files']} fichiers) | |")
    print(f"| rapport notre construction / Pelican nu | {full['ratio']} | ≤ 1,0 |")
    print(f"| mémoire maximale (nous / Pelican nu) | {full['ours_peak_memory_mib']} / {full['bare_peak_memory_mib']} Mio | |")
    ratio = f"{warm['warm_median_s']} s / {warm['cold_median_s']} s = {warm['ratio']}"
    print(f"| reconstruction après une modification / à froid | {ratio} | ≤ 0,5 |")
    for key, value in core.items():
        print(f"| cœur + flux, {key.replace('_', ' ')} ({value['sessions']} séances) | {value['seconds']} s | 10 ans < 0,2 s |")
    weights = results["page_weights"]
    home = weights["index.html"]["total"]
    heaviest = max(weights.items(), key=lambda item: item[1]["total"])
    print(f"| page d'accueil | {home} octets | < 30 Ko |")
    print(f"| page la plus lourde ({heaviest[0]}) | {heaviest[1]['total']} octets | < 60 Ko |")
    print(f"| flux .ics | {results['feed_bytes']} octets | |")
    print("\nTemps cumulés dans notre construction (profil) :")
    for label, seconds in results["profile"]["cumulative_s"].items():
        print(f"  {label:<28} {seconds:>7.3f} s")
    print(f"  {'total (sous profilage)':<28} {results['profile']['total_s']:>7.3f} s")
    print("\nPoids des pages (octets : HTML + CSS + images) :")
    for page, weight in weights.items():
        print(f"  {page:<40} {weight['html']:>7} + {weight['css']:>6} + {weight['images']:>5} = {weight['total']:>7}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "output.bench"))
