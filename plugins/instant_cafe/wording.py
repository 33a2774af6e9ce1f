"""What the schedule says, in French: statuses, reasons and the problems of a notice.

The one place where residents' words for a status live (pages, flyer and feed
all read ``STATUS_LABEL``), and where the core's facts about a notice that does
not fit become a French message for the staff member who wrote it.
"""

from __future__ import annotations

from datetime import date, timedelta

from .errors import ContentError, ContentErrors
from .french import long_date, ordinal_word
from .model import Action, NoSession, Session, Status
from .schedule import Issue, Problem
from .urls import VENUES_FOLDER

STATUS_LABEL = {
    Status.SCHEDULED: "séance prévue",
    Status.CANCELLED: "séance annulée",
    Status.MOVED: "séance modifiée",
    Status.EXTRA: "séance en plus",
    Status.REINSTATED: "séance maintenue",
}


# What each action does, for the staff editor's choice list.
ACTION_LABELS = {
    Action.CANCEL: "annulation : la séance n'a pas lieu",
    Action.MOVE: "déplacement : un autre café ou un autre horaire",
    Action.ADD: "ajout : une séance en plus, un lundi sans séance",
    Action.REINSTATE: "rétablissement : la séance a lieu finalement",
}


def status_label(session: Session) -> str:
    return STATUS_LABEL[session.status]


def holiday_name(name: str) -> str:
    """« lundi de Pâques », « fête du Travail », but « Toussaint », « Noël »."""
    first_word = name.split(" ", 1)[0]
    return name[:1].lower() + name[1:] if first_word in ("Lundi", "Jour", "Fête") else name


def holiday_reason(session: Session) -> str:
    return f"jour férié ({holiday_name(session.holiday)})" if session.holiday else ""


def cancel_reason(session: Session) -> str:
    """Why a cancelled session is cancelled: the notice's title, or the public holiday."""
    notice = session.notice
    return notice.title if notice is not None else holiday_reason(session)


def no_session(reason: NoSession, day: date, resumes: date | None = None, closure: str = "") -> str:
    """Why a Monday has no session, for residents (« pas de séance… »)."""
    if resumes is not None:
        return f"pas de séance : pause jusqu'à la reprise, le {long_date(resumes)}"
    if reason is NoSession.OUT_OF_SEASON:
        return "pas de séance : hors saison"
    if reason is NoSession.CLOSED:
        return f"pas de séance : {closure[:1].lower() + closure[1:]}" if closure else "pas de séance : fermeture"
    return f"pas de séance le {ordinal_word((day.day - 1) // 7 + 1)} lundi du mois"


def _session_state(session: Session) -> str:
    return cancel_reason(session) if session.cancelled else session.venue.name


# One small function per problem: (field, message) from the facts of the issue.
def mondays_around(day: date) -> str:
    """« le lundi d'avant est le 2026-12-14, celui d'après le 2026-12-21 »."""
    before = day - timedelta(days=day.weekday())
    return f"le lundi d'avant est le {before.isoformat()}, celui d'après le {(before + timedelta(days=7)).isoformat()}"


def _not_a_monday(day: str, subject, issue: Issue):
    return "Seance", f"le {day} n'est pas un lundi : L'instant CAFÉ a lieu le lundi ; {mondays_around(issue.day)}."


def _no_session(day: str, subject, issue: Issue):
    why = no_session(subject, issue.day).removeprefix("pas de séance").strip(" :")
    return "Seance", (
        f"aucune séance n'est prévue le {day} ({why}). Vérifiez la date ; pour créer une séance ce jour-là, écrivez « Action: ajout »."
    )


def _already_held(day: str, subject, issue: Issue):
    return "Action", (
        f"une séance a déjà lieu le {day} ({subject.venue.name}). Pour changer de café ou d'horaire, "
        "écrivez « Action: deplacement » ; pour la supprimer, « Action: annulation »."
    )


def _cancelled_first(day: str, subject, issue: Issue):
    return "Action", (
        f"la séance du {day} est annulée ({_session_state(subject)}) : pour qu'elle ait lieu quand même, "
        "écrivez « Action: retablissement » (puis, pour changer de café, un second avis « deplacement »)."
    )


def _no_venue(day: str, subject, issue: Issue):
    return "Lieu", "une séance ajoutée doit dire dans quel café elle a lieu."


def _already_cancelled(day: str, subject, issue: Issue):
    return "Action", f"la séance du {day} est déjà annulée ({_session_state(subject)})."


def _not_cancelled(day: str, subject, issue: Issue):
    return "Action", f"la séance du {day} n'est pas annulée : il n'y a rien à rétablir."


def _ends_before_start(day: str, subject, issue: Issue):
    start, end, notice = subject
    field, other = ("Debut", "fin") if notice.start and not notice.end else ("Fin", "début")
    return field, (
        f"la séance finirait ({end:%H:%M}) avant de commencer ({start:%H:%M}) : indiquez aussi l'heure de {other} (champs Debut et Fin)."
    )


def _same_date(day: str, subject, issue: Issue):
    sources = " et ".join(notice.source for notice in subject)
    return "Date", (
        f"les avis {sources} concernent la même séance ({day}) et ont la même Date "
        f"({subject[0].published:%Y-%m-%d %H:%M}) : on ne sait pas lequel compte. "
        "Donnez à l'avis le plus récent une Date plus tardive."
    )


def _rank_taken(day: str, subject, issue: Issue):
    return "Rang", (
        f"le rang {subject.rank} est déjà celui de « {subject.name} » ({subject.source}). Chaque café a son propre rang (1 à 5)."
    )


def _rank_missing(day: str, subject, issue: Issue):
    return "Rang", (
        f"aucun café n'a le rang {subject} : sans lui, le {subject}e lundi du mois n'aurait pas de séance. "
        f"Donnez « Rang: {subject} » au café qui accueille ce lundi-là."
    )


MESSAGES = {
    Problem.NOT_A_MONDAY: _not_a_monday,
    Problem.NO_SESSION: _no_session,
    Problem.ALREADY_HELD: _already_held,
    Problem.CANCELLED_FIRST: _cancelled_first,
    Problem.NO_VENUE: _no_venue,
    Problem.ALREADY_CANCELLED: _already_cancelled,
    Problem.NOT_CANCELLED: _not_cancelled,
    Problem.ENDS_BEFORE_START: _ends_before_start,
    Problem.SAME_DATE: _same_date,
    Problem.RANK_TAKEN: _rank_taken,
    Problem.RANK_MISSING: _rank_missing,
}


def issue_error(issue: Issue) -> ContentError:
    """The French message for one problem of the schedule, naming the file and the field."""
    field, message = MESSAGES[issue.problem](issue.day.isoformat() if issue.day else "", issue.subject, issue)
    return ContentError(issue.source or f"content/{VENUES_FOLDER}/", field, message)


def schedule_errors(error) -> ContentErrors:
    """A ScheduleError, said in French."""
    return ContentErrors([issue_error(issue) for issue in error.issues])
