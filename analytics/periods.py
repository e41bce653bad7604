"""Calendar pieces the rollups and their readers share (kept apart from ``analytics.rollups``,
which imports the rollup modules that need them)."""

import datetime


def date_of(value) -> datetime.date:
    """A day as the database gives it (a date, a datetime, or text on SQLite)."""
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    return value.date() if isinstance(value, datetime.datetime) else value


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of ``day``'s week."""
    return day - datetime.timedelta(days=day.weekday())
