"""French public holidays for a build: from the build cache, else from a short-lived process.

To name France's dozen days a year, the holidays package imports every calendar it knows
(Islamic, Hindu, Chinese… about 10 MiB once loaded). A build asks a child process for the
years it needs and keeps the answer in its cache folder, so the build's own process never
holds that package. Without a cache folder (tests, a preview), the schedule core's
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


def _from_child(years: list[int]) -> dict[str, list[list[str]]]:
    command = [sys.executable, "-m", "instant_cafe.public_holidays", *map(str, years)]
    plugins = str(Path(__file__).parents[1])
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [plugins, os.environ.get("PYTHONPATH")]))}
    answer = subprocess.run(command, capture_output=True, check=True, env=environment)
    return json.loads(answer.stdout)


def public_holidays(years: Iterable[int], cache: Path | None) -> dict[date, str]:
    """Day -> French name of every public holiday of ``years``, kept in ``cache`` between builds."""
    years = sorted(set(years))
    if cache is None:
        return french_public_holidays(years)
    path = cache / CACHE_FILE
    try:
        known = json.loads(path.read_bytes())
    except (OSError, ValueError):
        known = {}
    if any(str(year) not in known for year in years):
        span = range(years[0] - YEARS_BEFORE, years[-1] + YEARS_AFTER + 1)
        known.update(_from_child([year for year in sorted({*span, *years}) if str(year) not in known]))
        write_new(path, json.dumps(known, ensure_ascii=False, sort_keys=True).encode())
    return {date.fromisoformat(day): name for year in years for day, name in known[str(year)]}


if __name__ == "__main__":
    json.dump(_by_year([int(year) for year in sys.argv[1:]]), sys.stdout, ensure_ascii=False)
