"""Hand-built values for the in-process tests: Dijon's four cafés, a rule, notices."""

from datetime import date, datetime

from instant_cafe.model import PARIS, Notice, Rule, SeasonRule, Venue

COMEDIE = Venue(
    "la-comedie", "La Comédie", "3 place du Théâtre", "21000", "Dijon", 1, 47.32186, 5.04384, source="content/lieux/la-comedie.md"
)
MABLY = Venue("le-mably", "Le Mably", "9 rue Mably", "21000", "Dijon", 2, source="content/lieux/le-mably.md")
DECLIT = Venue("le-declit", "Le Déclit", "2 place des Cordeliers", "21000", "Dijon", 3, source="content/lieux/le-declit.md")
BOEUF = Venue(
    "le-boeuf-blanc", "Le Bœuf Blanc", "7 boulevard de la Trémouille", "21000", "Dijon", 4, source="content/lieux/le-boeuf-blanc.md"
)
VENUES = {1: COMEDIE, 2: MABLY, 3: DECLIT, 4: BOEUF}
# The yearly rule: first Monday of September to last Monday of June.
SEASONS = SeasonRule()


def rule(**changes) -> Rule:
    return Rule(**{"venues_by_rank": VENUES, "seasons": SEASONS, **changes})


def notice(day, action, published="2026-11-20 10:00", venue=None, start=None, end=None, title="Avis", source=None) -> Notice:
    return Notice(
        source=source or f"content/avis/{day}.md",
        day=date.fromisoformat(day),
        action=action,
        published=datetime.fromisoformat(published).replace(tzinfo=PARIS),
        title=title,
        venue=venue,
        start=start,
        end=end,
    )
