"""The printable monthly summary: the month's headline figures from the dashboards'
selectors, each next to the month before.

Every number is a ``Figure`` (the suppression rule applies to it, and to its change: a change
reveals both months, so it is built from the smaller of the two groups). With a department
filter every figure reads public activity and writing only, as the dashboards' breakdowns do;
without one, private and secret communities count in the company-wide totals, never by name.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from analytics.forms import Filters
from analytics.models import Sentiment
from analytics.privacy import Figure
from analytics.rollups import month_start, period_bounds, week_start
from analytics.selectors import adoption, response, searches
from analytics.selectors.climate import (
    NegativeTopic,
    climate_index,
    negative_topics,
    sentiment_scope,
)
from analytics.selectors.searches import NoResultQuery
from profiles.models import Department

NEGATIVE_TOPICS_LIMIT = 3
NO_RESULT_QUERIES_LIMIT = 5


def month_last_day(first: datetime.date) -> datetime.date:
    return period_bounds("month", first)[1] - datetime.timedelta(days=1)


def month_before(first: datetime.date) -> datetime.date:
    return month_start(first - datetime.timedelta(days=1))


def last_complete_month(today: datetime.date) -> datetime.date:
    """The first day of the month before ``today``'s."""
    return month_before(month_start(today))


@dataclass(frozen=True)
class Compared:
    """A figure of the month, the same figure of the month before, and the difference."""

    current: Figure
    previous: Figure
    change: Figure


def compared(current: Figure, previous: Figure, *, digits: int = 1) -> Compared:
    if current.value is None or previous.value is None:
        difference = None
    else:
        difference = round(current.value - previous.value, digits)
    return Compared(current, previous, Figure(difference, min(current.people, previous.people)))


@dataclass(frozen=True)
class ClimateWeek:
    week: datetime.date  # Monday; only the month's own days are counted in it.
    index: Figure
    volume: Figure
    written: bool = True  # False: nobody wrote anything that week (nothing to suppress).


@dataclass(frozen=True)
class MonthSummary:
    month: datetime.date  # The first day.
    last_day: datetime.date
    department: Department | None
    in_progress: bool  # The month is not over yet.
    includes_private: bool  # Private and secret communities count in the totals.
    # Adoption (the rollups).
    active: Compared
    mau: Compared
    stickiness: Compared  # Per cent.
    registered: Figure
    activation: Compared  # Per cent of the people registered in the month.
    # Climate (scored writing).
    climate: Compared  # Share positive minus share negative, -1 .. 1.
    climate_volume: Figure
    climate_weeks: list[ClimateWeek]
    negative_topics: list[NegativeTopic]
    # Response (questions asked in the month).
    questions: Figure
    first_reply: Compared  # Median hours.
    accepted: Compared  # Median hours.
    unanswered: Figure  # Still without a reply after 48 hours.
    # Searches that found nothing.
    no_results: Figure
    no_result_queries: list[NoResultQuery]


def _filters(first: datetime.date, department) -> Filters:
    return Filters(start=first, end=month_last_day(first), department=department)


def _climate_month(filters: Filters) -> tuple[Figure, Figure]:
    """The month's index and volume in one figure each (distinct writers of the month, which
    the weekly rows cannot add up to). One query."""
    rows = sentiment_scope(
        start=filters.since,
        end=filters.until,
        department=filters.department,
        public_only=filters.department is not None,
    )
    totals = rows.aggregate(
        positive=Count("pk", filter=Q(label=Sentiment.POSITIVE)),
        negative=Count("pk", filter=Q(label=Sentiment.NEGATIVE)),
        volume=Count("pk"),
        people=Count("author", distinct=True),
    )
    volume, people = totals["volume"], totals["people"]
    index = round((totals["positive"] - totals["negative"]) / volume, 3) if volume else None
    return Figure(index, people), Figure(volume, people)


def _climate_weeks(filters: Filters) -> list[ClimateWeek]:
    """Every week the month touches, in order; a week without writing has no index."""
    rows = {
        row.period: row
        for row in climate_index(
            start=filters.since, end=filters.until, department=filters.department
        )
    }
    weeks = []
    week = week_start(filters.start)
    while week <= filters.end:
        row = rows.get(week)
        if row is None:
            weeks.append(ClimateWeek(week, Figure(None, 0), Figure(0, 0), written=False))
        else:
            weeks.append(ClimateWeek(week, row.index, row.volume))
        week += datetime.timedelta(weeks=1)
    return weeks


def _adoption(filters: Filters):
    engaged = adoption.engage(filters.start, filters.end, department=filters.department)
    attracted = adoption.attract(filters.start, filters.end, department=filters.department)
    return engaged.total, attracted.total


def summary_for_month(
    first: datetime.date,
    *,
    department: Department | None = None,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> MonthSummary:
    """The month starting on ``first`` (and the month before, for the changes), company-wide
    or for one department."""
    current, previous = _filters(first, department), _filters(month_before(first), department)
    engaged, attracted = _adoption(current)
    engaged_before, attracted_before = _adoption(previous)
    climate, climate_volume = _climate_month(current)
    climate_before, _volume = _climate_month(previous)
    times, includes_private = response.response_times_total(current)
    times_before, _included = response.response_times_total(previous)
    unanswered, _listed = response.unanswered_questions(current, now=now)
    no_results = searches.searches_without_results(current, limit=NO_RESULT_QUERIES_LIMIT)
    return MonthSummary(
        month=current.start,
        last_day=current.end,
        department=department,
        in_progress=today is not None and today <= current.end,
        includes_private=includes_private,
        active=compared(engaged.active, engaged_before.active, digits=0),
        mau=compared(engaged.mau, engaged_before.mau),
        stickiness=compared(engaged.stickiness, engaged_before.stickiness),
        registered=attracted.registered,
        activation=compared(attracted.rate, attracted_before.rate),
        climate=compared(climate, climate_before, digits=3),
        climate_volume=climate_volume,
        climate_weeks=_climate_weeks(current),
        negative_topics=negative_topics(
            start=current.since,
            end=current.until,
            department=department,
            limit=NEGATIVE_TOPICS_LIMIT,
        ),
        questions=times.questions,
        first_reply=compared(times.first_reply_median, times_before.first_reply_median),
        accepted=compared(times.accepted_median, times_before.accepted_median),
        unanswered=unanswered,
        no_results=no_results.total,
        no_result_queries=no_results.queries,
    )
