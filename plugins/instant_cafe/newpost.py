"""`make newpost`: the skeleton of a week's « bons plans » post, as a draft.

Run as ``python -m instant_cafe.newpost content`` (the Makefile does). The week
is SEMAINE (a Monday, `make newpost SEMAINE=2026-12-21`), or by default the
next Monday after BUILD_DATE (today in Dijon).
"""

import os
import sys
from datetime import date, timedelta
from pathlib import Path

from .french import long_date
from .settings import read_build_date, today_in_paris

# The skeleton's example sentences: the content check refuses a published post that still holds one.
SUMMARY_EXAMPLE = "Une phrase qui résume les idées de la semaine."
SKELETON_SENTENCES = (SUMMARY_EXAMPLE, "Première idée", "Quelques mots pour la présenter.", "Deuxième idée", "un autre détail")

TEMPLATE = f"""\
Title: Les bons plans de la semaine du {{monday_words}}
Date: {{published}}
Semaine: {{monday}}
Summary: {SUMMARY_EXAMPLE}
Status: draft

<!--
Mode d'emploi (supprimez ce bloc avant de publier) :
- Title : le titre affiché en haut de la page.
- Date : le jour et l'heure de publication, sous la forme AAAA-MM-JJ HH:MM.
  Une date à venir fait attendre le bon plan jusqu'à ce jour-là.
- Semaine : le lundi de la semaine dont parlent ces bons plans (AAAA-MM-JJ).
  Le site ajoute tout seul où et quand a lieu le café de ce lundi-là.
- Summary : une phrase, reprise dans la liste des bons plans.
- Status : « draft » garde l'article en brouillon (non publié). Quand il est
  prêt, remplacez « draft » par « published ».
Sous l'en-tête, laissez une ligne vide puis écrivez le texte :
« ## Un sous-titre », des listes avec « - », des liens [texte](adresse).
N'annoncez pas de date, de prix ou d'horaire dont vous n'êtes pas sûr.
-->

## Première idée

Quelques mots pour la présenter.

## Deuxième idée

- un détail
- un autre détail

Venez en parler lundi au café !
"""


def next_monday(today: date) -> date:
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


def week_of(value: str, today: date) -> date:
    """SEMAINE, checked: a Monday written AAAA-MM-JJ; else the next Monday after today."""
    if not value:
        return next_monday(today)
    try:
        monday = date.fromisoformat(value)
    except ValueError:
        raise SystemExit(f"SEMAINE={value} : écrivez la date du lundi sous la forme AAAA-MM-JJ, par exemple SEMAINE=2026-12-21.") from None
    if monday.weekday() != 0:
        before = monday - timedelta(days=monday.weekday())
        raise SystemExit(
            f"SEMAINE={value} n'est pas un lundi : écrivez le lundi de la semaine, "
            f"SEMAINE={before.isoformat()} (le lundi d'avant) ou SEMAINE={(before + timedelta(days=7)).isoformat()} (celui d'après)."
        )
    return monday


def main(content: str) -> int:
    today = read_build_date(os.environ.get("BUILD_DATE") or today_in_paris())
    monday = week_of(os.environ.get("SEMAINE", "").strip(), today)
    path = Path(content, "bons-plans", f"{monday.isoformat()}.md")
    if path.exists():
        print(
            f"{path} existe déjà : ouvrez-le pour le compléter. Pour une autre semaine : make newpost SEMAINE=AAAA-MM-JJ (un lundi).",
            file=sys.stderr,
        )
        return 1
    words = long_date(monday).removeprefix("lundi ").rsplit(" ", 1)[0]
    path.write_text(TEMPLATE.format(monday_words=words, monday=monday, published=f"{today.isoformat()} 10:00"), encoding="utf-8")
    print(f"Le brouillon des bons plans de la semaine du {long_date(monday)} est prêt : {path}")
    print("Remplissez-le, puis remplacez « Status: draft » par « Status: published » pour le publier.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "content"))
