"""Where things are published (the URL map of the architecture guide), in one place."""

from datetime import date


def month_url(day: date) -> str:
    return f"programme/{day:%Y/%m}/"


def session_url(day: date) -> str:
    """A session's own place on its month page."""
    return f"{month_url(day)}#seance-{day.isoformat()}"


def venue_url(slug: str) -> str:
    return f"lieux/{slug}/"


def session_ics(day: date) -> str:
    return f"agenda/seances/{day.isoformat()}.ics"
