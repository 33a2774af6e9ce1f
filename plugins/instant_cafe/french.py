"""French wording of dates and hours, with Babel (never the machine's locale)."""

import re
from datetime import date, datetime, time
from functools import lru_cache

from babel.dates import format_date
from markupsafe import Markup

LOCALE = "fr_FR"
NBSP = "\u00a0"


@lru_cache(maxsize=4096)
def _formatted(day: date, pattern: str) -> str:
    # Babel is slow and a build formats the same Mondays many times.
    text = format_date(day, pattern, locale=LOCALE)
    if day.day == 1:
        text = text.replace(" 1 ", " 1er ", 1)
    return text


def long_date(day: date) -> str:
    """« lundi 7 décembre 2026 », « lundi 1er février 2027 »."""
    return _formatted(day.date() if isinstance(day, datetime) else day, "EEEE d MMMM y")


def short_date(day: date) -> str:
    """« lundi 7 décembre » (the year is given by the page)."""
    return _formatted(day.date() if isinstance(day, datetime) else day, "EEEE d MMMM")


def month_name(day: date) -> str:
    """« décembre 2026 »."""
    return _formatted(day.replace(day=2), "MMMM y")


def of_month(day: date) -> str:
    """« de décembre 2026 », « d'octobre 2026 »."""
    name = month_name(day)
    return ("d'" if name[0] in "aeiouy" else "de ") + name


def hour(clock: time | datetime) -> str:
    """« 9 h 30 », « 12 h »: French typography, non-breaking spaces."""
    text = f"{clock.hour}{NBSP}h"
    if clock.minute:
        text += f"{NBSP}{clock.minute:02d}"
    return text


NNBSP = "\u202f"
TYPOGRAPHY = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[ \u00a0\u202f]+([;!?])", NNBSP + r"\1"),  # « Pourquoi ? »
        (r"(?<=\S)[ \u00a0]+(:)(?=\s|$)", NBSP + r"\1"),  # « Adresse : »
        (r"«[ \u00a0]*", "«" + NBSP),
        (r"[ \u00a0]*»", NBSP + "»"),
        (r"\b(\d{1,2}) h (\d{2})\b", r"\1" + NBSP + "h" + NBSP + r"\2"),  # « 9 h 30 »
        (r"\b(\d{1,2}) h\b", r"\1" + NBSP + "h"),
        (r"\b(0\d) (\d\d) (\d\d) (\d\d) (\d\d)\b", NBSP.join(rf"\{n}" for n in range(1, 6))),  # 03 80 44 81 00
        (r"\bn° (?=\d)", "n°" + NBSP),
    )
)
TAG = re.compile(r"(<[^<>]*>)")
# What any of the patterns above needs; most runs of text have none of it.
TRIGGER = re.compile(r"[;!?:«»]|\d [h\d]|n° ")


@lru_cache(maxsize=65536)
def _typeset_text(text: str, after_tag: bool) -> str:
    """One run of text between two tags. After a tag, « : » may follow a space (« <b>Adresse</b> : »):
    the tag's « > » stands before it, as a visible character would."""
    text = ">" + text if after_tag else text
    for pattern, replacement in TYPOGRAPHY:
        text = pattern.sub(replacement, text)
    return text[1:] if after_tag else text


def typography(html: str) -> str:
    """French spacing in the text of an HTML fragment: no line break before « : ; ! ? »,
    inside « », or within « 9 h 30 ». Tags and attributes are left alone.

    Each run of text between tags is typeset once per build: the session cards that many
    pages repeat cost a dictionary lookup, not eight regular expressions. The header, menu
    and footer, which base.html typesets apart from the content, are found whole."""
    text = _typeset_html(str(html))
    return Markup(text) if isinstance(html, Markup) else text


@lru_cache(maxsize=64)
def _typeset_html(html: str) -> str:
    pieces = TAG.split(html)
    for index in range(0, len(pieces), 2):
        if TRIGGER.search(pieces[index]):
            pieces[index] = _typeset_text(pieces[index], index > 0)
    return "".join(pieces)


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


ORDINAL_WORDS = {1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", 5: "cinquième"}


def ordinal_word(number: int) -> str:
    """« premier », « cinquième »…"""
    return ORDINAL_WORDS[number]


def ordinal(number: int) -> str:
    """« 1er », « 2e », « 3e »…"""
    return "1er" if number == 1 else f"{number}e"


def of_place(name: str) -> str:
    """« de La Comédie », « du Mably », « des Halles »: French contraction of de + le/les."""
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    return "de " + name


def at_place(name: str) -> str:
    """« à La Comédie », « au Mably », « aux Halles »: French contraction of à + le/les."""
    for article, contracted in (("Le ", "au "), ("Les ", "aux ")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    return "à " + name
