"""`make bench`: what staff wait for, against bare Pelican on the same posts.

Usage: python tests/bench/bench.py BUILD_DIR   (the Makefile passes output.bench)
Writes BUILD_DIR/bench/results.json and prints the README's table.

Our builds run `make html` exactly as staff type it (link check and swap included).
Each measurement is a series of pairs, ours and bare Pelican's one after the other,
the order alternating from pair to pair so that a busy moment of the machine hits
both; the figure is the median of the per-pair ratios, with their min and max.
"""

from __future__ import annotations

import json
import os
import platform
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

PAIRS = int(os.environ.get("BENCH_PAIRS", "7"))
SHIPPED_BUILD_DATE = "2026-11-27"  # the tests' date: the shipped posts are not in the future
BARE_SETTINGS = """\
SITENAME = "Pelican nu"
SITEURL = ""
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
PLUGINS = []
"""


class Run:
    """One timed child process: wall time (s), CPU time of it and its children (s), peak memory (MiB)."""

    def __init__(self, command: list[str], env: dict):
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        self.seconds = time.perf_counter() - start
        errors = process.stderr.read().decode(errors="replace")
        process.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"build failed: {' '.join(command)}\n{errors}")
        self.cpu = usage.ru_utime + usage.ru_stime
        # Of the largest process of the tree (make, python, the PDF worker): Linux reports the maximum.
        self.memory = usage.ru_maxrss / 1024


def make_html(content: Path, output: Path) -> list[str]:
    return ["make", "-s", "-C", str(ROOT), "html", f"INPUTDIR={content}", f"OUTPUTDIR={output}"]


def bare_pelican(posts: Path, output: Path, settings: Path) -> list[str]:
    return [sys.executable, "-m", "pelican", str(posts), "-o", str(output), "-s", str(settings), "--delete-output-directory"]


def forget(output: Path) -> None:
    """A cold build: no output folder, no cache, nothing left by an earlier build."""
    for path in [output, *output.parent.glob(output.name + ".*")]:
        if not path.exists():
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def spread(values: list[float]) -> dict:
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3), "max": round(max(values), 3)}


def pairs(ours, bare, before_ours=lambda: None, before_bare=lambda: None) -> dict:
    """``PAIRS`` pairs, alternating which goes first; per-pair ratios of wall and CPU time."""
    rows = []
    for number in range(PAIRS):
        first, second = ((before_ours, ours), (before_bare, bare)), ((before_bare, bare), (before_ours, ours))
        results = {}
        for prepare, measure in first if number % 2 == 0 else second:
            prepare()
            results[measure] = measure()
        rows.append((results[ours], results[bare]))
    return {
        "pairs": PAIRS,
        "ours_s": [round(o.seconds, 3) for o, _ in rows],
        "bare_s": [round(b.seconds, 3) for _, b in rows],
        "ratio": spread([o.seconds / b.seconds for o, b in rows]),
        "cpu_ratio": spread([o.cpu / b.cpu for o, b in rows]),
        "ours_median_s": round(statistics.median(o.seconds for o, _ in rows), 3),
        "bare_median_s": round(statistics.median(b.seconds for _, b in rows), 3),
        "memory_mib": {"ours": round(max(o.memory for o, _ in rows), 1), "bare": round(max(b.memory for _, b in rows), 1)},
        "memory_ratio": spread([o.memory / b.memory for o, b in rows]),
    }


def files_in(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file())


def shipped_site(work: Path, bare_settings: Path, env: dict) -> dict:
    """`make html` on the shipped content with nothing changed since the last build, against bare Pelican."""
    env = {**env, "BUILD_DATE": SHIPPED_BUILD_DATE}
    output, bare_output = work / "shipped", work / "shipped-bare"
    ours_command = make_html(ROOT / "content", output)
    bare_command = bare_pelican(ROOT / "content/bons-plans", bare_output, bare_settings)
    forget(output)
    Run(ours_command, env)  # the build before: staff run `make html` again with nothing changed
    Run(bare_command, env)
    result = pairs(lambda: Run(ours_command, env), lambda: Run(bare_command, env))
    result.update(ours_files=files_in(output), bare_files=files_in(bare_output))
    return result


def ten_years_cold(work: Path, corpus: dict, bare_settings: Path, env: dict) -> dict:
    """A cold build of the ten-year corpus (no output, no cache) against bare Pelican on its posts."""
    output, bare_output = work / "ten-years", work / "ten-years-bare"
    ours_command = make_html(corpus["content"], output)
    bare_command = bare_pelican(corpus["content"] / "bons-plans", bare_output, bare_settings)
    Run(bare_command, env)  # untimed: Python's byte-code caches, the disk cache
    result = pairs(lambda: Run(ours_command, env), lambda: Run(bare_command, env), before_ours=lambda: forget(output))
    result.update(ours_files=files_in(output), bare_files=files_in(bare_output))
    return result


def rebuild_after_one_edit(work: Path, corpus: dict, env: dict) -> dict:
    """A cold build, one post edited, `make html` again: the second build's time over the first's."""
    output = work / "rebuild"
    command = make_html(corpus["content"], output)
    posts = sorted((corpus["content"] / "bons-plans").glob("*.md"))
    rows = []
    for number in range(PAIRS):
        forget(output)
        cold = Run(command, env)
        post = posts[len(posts) // 2 + number]
        with open(post, "a", encoding="utf-8") as stream:
            stream.write(f"\nUne ligne ajoutée ({number}).\n")
        warm = Run(command, env)
        if f"Une ligne ajoutée ({number})." not in (output / "bons-plans" / post.stem / "index.html").read_text(encoding="utf-8"):
            raise SystemExit(f"the rebuild did not publish the edit of {post}")
        rows.append((cold, warm))
    return {
        "pairs": PAIRS,
        "cold_s": [round(c.seconds, 3) for c, _ in rows],
        "warm_s": [round(w.seconds, 3) for _, w in rows],
        "ratio": spread([w.seconds / c.seconds for c, w in rows]),
        "cpu_ratio": spread([w.cpu / c.cpu for c, w in rows]),
    }


def core_and_feed(corpus: dict) -> dict:
    """The schedule core and the feed, in process (best of 5), for sites with 1, 10 and 50 years of posts.

    « as_built »: what ProgrammeGenerator and AgendaGenerator compute. The core gives every
    Monday from the oldest post's (each post shows its session) to the end of the window, with
    the corpus's notices; the feed holds the feed's window only (the calendar guide: from six
    months back to twelve ahead), whatever the years of posts. « every_session »: the same
    sessions all in one feed, which the site never publishes: the feed's cost per event. The
    public holidays are an input here: the build keeps them in its cache, or has them computed
    in a child process while it reads the content."""
    from pelican.settings import read_settings

    from instant_cafe.calendar_feed import FeedContext, feed_bytes
    from instant_cafe.content_check import split_metadata
    from instant_cafe.loading import ReadFile, load_notices, load_venues
    from instant_cafe.practical import read_practical
    from instant_cafe.schedule import compute_sessions, feed_window, french_public_holidays
    from instant_cafe.settings import read_site

    def files(folder: str) -> list:
        items = []
        for path in sorted((corpus["content"] / folder).glob("*.md")):
            source, _ = split_metadata(str(path), path.read_bytes())
            items.append(ReadFile(str(path), {key: value for key, (_, value, _) in source.metadata.items()}, ""))
        return items

    site = read_site(read_settings(str(ROOT / "pelicanconf.py"), override={"BUILD_DATE": corpus["build_date"]}))
    venues = load_venues(files("lieux"))
    notices = load_notices(files("avis"), {venue.slug: venue for venue in venues})
    rotation = site.rotation
    rule = rotation.rule(venues, read_practical(corpus["content"]).confirmed)
    feed_first, last = feed_window(rule, site.build_date, rotation.months_ahead, site.calendar.since_day)
    context = FeedContext(site.public_url, site.calendar, site.contact)
    results: dict = {"as_built": {}, "every_session": {}}
    for years in (1, 10, 50):
        first = min(feed_first, date(last.year - years, last.month, 1))
        holidays = french_public_holidays(range(first.year, last.year + 1))
        for kind, series in results.items():
            best = None
            for _ in range(5):
                start = time.perf_counter()
                sessions = compute_sessions(rule, first, last, notices, holidays)
                published = [session for session in sessions if session.day >= feed_first] if kind == "as_built" else sessions
                feed = feed_bytes(published, rule, context)
                elapsed = time.perf_counter() - start
                best = elapsed if best is None else min(best, elapsed)
            series[f"{years}_years"] = {
                "sessions": len(sessions),
                "in_feed": len(published),
                "seconds": round(best, 4),
                "feed_bytes": len(feed),
            }
    return results


def page_weights(output: Path) -> dict:
    """Bytes a browser fetches per page (nothing is compressed by our test server)."""

    def size(page: Path, reference: str) -> int:
        target = output / reference.lstrip("/") if reference.startswith("/") else page.parent / reference
        return target.stat().st_size if target.is_file() else 0

    weights = {}
    for page in sorted(output.rglob("*.html")):
        if page.relative_to(output).parts[0] == "admin":
            continue  # the staff editor, not a page residents open
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        css = sum(size(page, link["href"]) for link in doc.find_all("link", rel="stylesheet"))
        images = sum(size(page, img["src"]) for img in doc.find_all("img", src=True) if not img["src"].startswith("data:"))
        html = page.stat().st_size
        weights[page.relative_to(output).as_posix()] = {"html": html, "css": css, "images": images, "total": html + css + images}
    return weights


def machine() -> dict:
    cpu_model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        "unknown",
    )
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0")
    return {
        "python": platform.python_version(),
        "system": platform.platform(),
        "cpu_model": cpu_model,
        "cpus": os.cpu_count(),
        "memory_gib": round(int(memory) / 1024 / 1024, 1),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def main(build_dir: Path) -> None:
    build_dir = build_dir.resolve()
    shutil.rmtree(build_dir, ignore_errors=True)
    work = build_dir / "work"
    work.mkdir(parents=True)
    results = {"machine": machine()}
    corpus = write_corpus(work, ROOT / "content")
    bare_settings = work / "bare.py"
    bare_settings.write_text(BARE_SETTINGS, encoding="utf-8")
    env = {**os.environ, "BUILD_DATE": corpus["build_date"]}
    env.pop("PUBLIC_URL", None)
    # As an ordinary installation runs: with Python's byte-code caches.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"Corpus: {corpus['posts']} posts, {corpus['notices']} notices, {corpus['seasons']} seasons; {PAIRS} pairs.", flush=True)
    results["corpus"] = {key: value for key, value in corpus.items() if key != "content"}
    results["shipped"] = shipped_site(work, bare_settings, env)
    print("Shipped site: done.", flush=True)
    results["ten_years"] = ten_years_cold(work, corpus, bare_settings, env)
    print("Ten years, cold: done.", flush=True)
    results["rebuild"] = rebuild_after_one_edit(work, corpus, env)
    print("Rebuild after one edit: done.", flush=True)
    results["core_and_feed"] = core_and_feed(corpus)
    results["page_weights"] = page_weights(work / "shipped")
    results["feed_bytes"] = (work / "shipped/agenda/instant-cafe.ics").stat().st_size
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    (build_dir / "bench").mkdir(exist_ok=True)
    (build_dir / "bench/results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print_table(results)
    print(f"\nAll figures: {build_dir / 'bench/results.json'}")


def ratio(figures: dict) -> str:
    return f"{figures['median']:.2f} ({figures['min']:.2f}–{figures['max']:.2f})"


def span(key: str) -> str:
    """« 1 year », « 10 years » for the keys 1_years, 10_years."""
    years = int(key.split("_")[0])
    return f"{years} year{'s' if years > 1 else ''}"


def print_table(results: dict) -> None:
    shipped, ten, rebuild, core = results["shipped"], results["ten_years"], results["rebuild"], results["core_and_feed"]
    host = results["machine"]
    print(
        f"\nMachine: {host['cpu_model']}, {host['cpus']} CPUs, {host['memory_gib']} GiB, Python {host['python']}, {host['system']}; "
        f"load average {host['load_average_at_start'][0]} at the start, {host['load_average_at_end'][0]} at the end."
    )
    print("\n| measure (median of per-pair ratios, min–max) | ratio | median times | target |")
    print("|---|---|---|---|")
    print(
        f"| shipped site, `make html` with nothing changed / bare Pelican | {ratio(shipped['ratio'])} "
        f"| {shipped['ours_median_s']} s / {shipped['bare_median_s']} s | ≤ 2.5 |"
    )
    print(
        f"| ten years ({results['corpus']['posts']} posts), cold / bare Pelican | {ratio(ten['ratio'])} "
        f"| {ten['ours_median_s']} s / {ten['bare_median_s']} s | ≤ 1.3 |"
    )
    print(
        f"| rebuild after editing one post / cold build | {ratio(rebuild['ratio'])} "
        f"| {statistics.median(rebuild['warm_s'])} s / {statistics.median(rebuild['cold_s'])} s | ≤ 0.35 |"
    )
    print(
        f"| peak memory, ten years, ours / bare Pelican | {ratio(ten['memory_ratio'])} "
        f"| {ten['memory_mib']['ours']} / {ten['memory_mib']['bare']} MiB | ≤ 1.5 |"
    )
    for key, value in core["as_built"].items():
        label = f"schedule core + feed as built, {span(key)} of posts ({value['sessions']} sessions, {value['in_feed']} in the feed)"
        print(f"| {label} | | {value['seconds']} s | 10 years < 0.1 s |")
    for key, value in core["every_session"].items():
        label = f"every session in one feed (never published), {span(key)} ({value['sessions']} sessions)"
        print(f"| {label} | | {value['seconds']} s | |")
    weights = results["page_weights"]
    heaviest = max(weights.items(), key=lambda item: item[1]["total"])
    print(f"| home page (HTML + CSS + images) | | {weights['index.html']['total']} bytes | |")
    print(f"| heaviest page ({heaviest[0]}) | | {heaviest[1]['total']} bytes | |")
    print(f"| `.ics` feed | | {results['feed_bytes']} bytes | |")
    print("\nCPU time (ours and our processes / bare Pelican), median per pair:")
    print(f"  shipped {ratio(shipped['cpu_ratio'])}, ten years {ratio(ten['cpu_ratio'])}, rebuild {ratio(rebuild['cpu_ratio'])}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "output.bench"))
