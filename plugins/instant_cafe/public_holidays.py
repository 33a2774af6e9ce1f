"""French public holidays for a build: from the build cache, else from a short-lived process.

To name France's dozen days a year, the holidays package imports every calendar it knows
(Islamic, Hindu, Chinese… about 10 MiB once loaded). A build asks a child process for the
years it needs and keeps the answer in its cache folder, so the build's own process never
holds that package. The child starts when Pelican starts (``ask_early``), so that the build
checks its content meanwhile instead of waiting for it. Without a cache folder (tests, a preview), the schedule core's
``french_public_holidays`` is called directly. No Pelican here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from .build_cache import write_new
from .schedule import french_public_holidays

CACHE_FILE = "public-holidays.json"
# Starting the child costs about 0.3 s, a year about 0.1 ms: once started, it computes the years
# around those asked too (a site with years of posts asks again for their Mondays' years).
YEARS_BEFORE, YEARS_AFTER = 30, 10


def _by_year(years: list[int]) -> dict[str, list[list[str]]]:
    table = french_public_holidays(years)
    return {str(year): [[day.isoformat(), name] for day, name in sorted(table.items()) if day.year == year] for year in years}


def _child(years: list[int]) -> subprocess.Popen:
    command = [sys.executable, "-m", "instant_cafe.public_holidays", *map(str, years)]
    plugins = str(Path(__file__).parents[1])
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [plugins, os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)


def _answer(child: subprocess.Popen) -> dict[str, list[list[str]]]:
    out, err = child.communicate()
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, child.args, out, err)
    return json.loads(out)


def _span(years: list[int]) -> range:
    return range(years[0] - YEARS_BEFORE, years[-1] + YEARS_AFTER + 1)


def _lacks(known: dict, years: list[int]) -> bool:
    return any(str(year) not in known for year in years)


def _known(cache: Path) -> dict[str, list[list[str]]]:
    try:
        return json.loads((cache / CACHE_FILE).read_bytes())
    except (OSError, ValueError):
        return {}


# Children started ahead (``ask_early``), by cache folder.
_asked: dict[str, subprocess.Popen] = {}


def ask_early(years: Iterable[int], cache: Path) -> None:
    """Start the child for the years around ``years`` that the cache lacks, without waiting for it:
    ``public_holidays`` reads its answer when the programme needs it."""
    years = sorted(set(years))
    known = _known(cache)
    if _lacks(known, years):
        _asked[str(cache)] = _child([year for year in _span(years) if str(year) not in known])


def public_holidays(years: Iterable[int], cache: Path | None) -> dict[date, str]:
    """Day -> French name of every public holiday of ``years``, kept in ``cache`` between builds."""
    years = sorted(set(years))
    if cache is None:
        return french_public_holidays(years)
    known = _known(cache)
    if _lacks(known, years):
        early = _asked.pop(str(cache), None)
        if early is not None:
            known.update(_answer(early))
        if _lacks(known, years):
            known.update(_answer(_child([year for year in _span(years) if str(year) not in known])))
        write_new(cache / CACHE_FILE, json.dumps(known, ensure_ascii=False, sort_keys=True).encode())
    return {date.fromisoformat(day): name for year in years for day, name in known[str(year)]}


if __name__ == "__main__":
    json.dump(_by_year([int(year) for year in sys.argv[1:]]), sys.stdout, ensure_ascii=False)
