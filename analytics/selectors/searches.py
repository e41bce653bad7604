"""Searches with no results: what people look for and do not find (``search.performed``
events of the period whose payload says ``results == 0``).

A query is listed only when at least ``ANALYTICS_MIN_GROUP_SIZE`` distinct people searched
for it: a query typed by fewer could name a person or a private matter. The department and
the office are the searcher's at the time (the event log; for rows logged before offices
were, their current office). Searches have no community: the community filter does not apply.
"""

from dataclasses import dataclass

from django.db.models import BigIntegerField, Count, F, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Lower, Trim

from analytics.forms import Filters
from analytics.models import Event
from analytics.privacy import Figure, min_group_size

NO_RESULTS_LIMIT = 20


@dataclass(frozen=True)
class NoResultQuery:
    query: str
    searches: Figure


@dataclass(frozen=True)
class NoResults:
    total: Figure
    queries: list[NoResultQuery]


def _searches_without_results(filters: Filters) -> QuerySet:
    qs = Event.objects.filter(
        verb="search.performed",
        occurred_at__gte=filters.since,
        occurred_at__lt=filters.until,
        payload__results=0,
    )
    if filters.department:
        qs = qs.filter(department=filters.department)
    if filters.office:
        # Older rows of the log have no office: the searcher's current one stands in.
        office = Coalesce(F("office_id"), F("actor__office_id"), output_field=BigIntegerField())
        qs = qs.annotate(searcher_office=office).filter(searcher_office=filters.office.pk)
    return qs


def searches_without_results(filters: Filters, *, limit: int = NO_RESULTS_LIMIT) -> NoResults:
    """The number of searches that found nothing, and the most frequent such queries
    (compared case-insensitively) searched by enough people to be shown."""
    qs = _searches_without_results(filters)
    total = qs.aggregate(searches=Count("pk"), people=Count("actor", distinct=True))
    rows = (
        qs.annotate(query=Lower(Trim(KT("payload__query"))))
        .values("query")
        .annotate(searches=Count("pk"), people=Count("actor", distinct=True))
        .filter(people__gte=min_group_size())
        .order_by("-searches", "query")[:limit]
    )
    return NoResults(
        total=Figure(total["searches"], total["people"]),
        queries=[
            NoResultQuery(query=row["query"], searches=Figure(row["searches"], row["people"]))
            for row in rows
        ],
    )
