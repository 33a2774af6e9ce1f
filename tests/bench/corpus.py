"""A synthetic ten-year corpus: 520 weekly posts and 50 notices, seasons by the yearly rule.

Deterministic (seeded), written to a temporary folder; only this generator is
committed. The posts look like the staff's: French text, headings, lists, links.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from instant_cafe.model import SeasonRule, monday_rank
from instant_cafe.schedule import french_public_holidays

WORDS = [
    "marché",
    "bibliothèque",
    "promenade",
    "parc",
    "jardin",
    "musée",
    "concert",
    "chorale",
    "atelier",
    "lecture",
    "quartier",
    "voisins",
    "café",
    "rencontre",
    "semaine",
    "sortie",
    "balade",
    "exposition",
    "cinéma",
    "théâtre",
    "marche",
    "soleil",
    "hiver",
    "printemps",
    "automne",
    "été",
    "saison",
    "journal",
    "conseil",
    "idée",
    "envie",
    "découvrir",
    "partager",
    "écouter",
    "prendre",
    "temps",
    "ensemble",
    "plaisir",
    "lien",
    "chaleur",
    "ville",
]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return (" ".join(words)).capitalize() + "."


def post_body(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(3, 4)):
        parts.append(f"## {sentence(rng)[:-1]}")
        parts.append(" ".join(sentence(rng) for _ in range(rng.randint(3, 5))))
        parts.append("\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 4))))
        parts.append(f"Plus d'idées sur [le site de la ville](https://www.example.org/{rng.randint(1, 999)}).")
    parts.append("Venez en parler lundi au café !")
    return "\n\n".join(parts) + "\n"


def write_corpus(root: Path, shipped_content: Path, first_monday: date = date(2017, 1, 2), weeks: int = 520, notices: int = 50) -> dict:
    """Write the corpus under ``root`` (content/, settings overrides); returns its description."""
    rng = random.Random(20161107)
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    # The shipped pages, cafés and practical facts; posts and notices are generated.
    shutil.copytree(shipped_content, content, ignore=shutil.ignore_patterns("bons-plans", "avis"))
    (content / "bons-plans").mkdir(parents=True)
    (content / "avis").mkdir(parents=True)
    mondays = [first_monday + timedelta(weeks=n) for n in range(weeks)]
    for monday in mondays:
        published = monday - timedelta(days=3)
        (content / "bons-plans" / f"{monday.isoformat()}.md").write_text(
            f"Title: Les bons plans de la semaine du {monday.isoformat()}\n"
            f"Date: {published.isoformat()} 10:00\nSemaine: {monday.isoformat()}\n"
            f"Summary: {sentence(rng)}\n\n{post_body(rng)}",
            encoding="utf-8",
        )
    seasons = SeasonRule()  # the default yearly rule of pelicanconf.py
    holidays = french_public_holidays(range(first_monday.year, mondays[-1].year + 1))
    candidates = [day for day in mondays if monday_rank(day) <= 4 and day not in holidays and seasons.season_of(day)]
    for day in sorted(rng.sample(candidates, notices)):
        (content / "avis" / f"{day.isoformat()}.md").write_text(
            f"Title: Pas de café le {day.isoformat()}\nDate: {(day - timedelta(days=10)).isoformat()} 09:00\n"
            f"Seance: {day.isoformat()}\nAction: annulation\n\nLe café est fermé ce jour-là.\n",
            encoding="utf-8",
        )
    return {
        "content": content,
        "posts": len(mondays),
        "notices": notices,
        "seasons": len(seasons.between(mondays[0], mondays[-1])),
        "build_date": (mondays[-1] - timedelta(days=3)).isoformat(),
    }
