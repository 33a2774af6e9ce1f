"""`make newpost`: the skeleton of next Monday's « bons plans » post.

Run as ``python -m instant_cafe.newpost content`` (the Makefile does). The
Monday is the next one after BUILD_DATE (today in Dijon by default).
"""

import os
import sys
from datetime import date, timedelta
from pathlib import Path

from .french import long_date
from .settings import read_build_date, today_in_paris

TEMPLATE = """\
Title: Les bons plans de la semaine du {monday_words}
Date: {published}
Semaine: {monday}
Summary: Une phrase qui résume les idées de la semaine.
Status: draft

<!--
Mode d'emploi (supprimez ce bloc avant de publier) :
- Title : le titre affiché en haut de la page.
- Date : le jour et l'heure de publication, sous la forme AAAA-MM-JJ HH:MM.
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


def main(content: str) -> int:
    today = read_build_date(os.environ.get("BUILD_DATE") or today_in_paris())
    monday = next_monday(today)
    path = Path(content, "bons-plans", f"{monday.isoformat()}.md")
    if path.exists():
        print(f"{path} existe déjà : ouvrez-le pour le compléter.", file=sys.stderr)
        return 1
    words = long_date(monday).removeprefix("lundi ").rsplit(" ", 1)[0]
    path.write_text(
        TEMPLATE.format(monday_words=words, monday=monday, published=f"{today.isoformat()} 10:00"),
        encoding="utf-8",
    )
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "content"))
