"""Calendar pieces the rollups and their readers share (kept apart from ``analytics.rollups``,
which imports the rollup modules that need them)."""

import datetime


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of ``day``'s week."""
    return day - datetime.timedelta(days=day.weekday())
