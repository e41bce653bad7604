"""The organisation's climate from scored writing (``ContentSentiment``), in aggregate only.

Privacy (DESIGN.md, "What leaders can and cannot see"):
- every figure carries the number of distinct people behind it, and is suppressed below
  ``ANALYTICS_MIN_GROUP_SIZE`` (``Figure.suppressed``);
- nothing is ever given per person;
- writing in private and secret communities counts only in the company-wide rows (no
  grouping, no filter); breakdowns and topics use public writing only, so a private
  community's tags never appear.

The package: ``scored`` reads the scored rows for any scope (the figures' definition, and
the path for a community filter), ``rolled`` reads the weekly and daily rollup
(``analytics.climate_rollups``) where it holds a period, and this module picks one.
"""

from dataclasses import dataclass

from analytics.selectors.climate.rolled import RolledClimate
from analytics.selectors.climate.scored import (
    WHOLE_LEVELS,
    ClimateRow,
    NegativeTopic,
    TopicCount,
    climate_index,
    negative_topics,
    sentiment_scope,
    topic_counts,
)

__all__ = [
    "WHOLE_LEVELS",
    "Climate",
    "ClimateRow",
    "NegativeTopic",
    "TopicCount",
    "climate_dashboard",
    "climate_index",
    "negative_topics",
    "sentiment_scope",
    "topic_counts",
]


@dataclass(frozen=True)
class Climate:
    """The Climate dashboard's data: the index per week, its breakdowns and the topics."""

    weeks: list[ClimateRow]
    by_department: list[ClimateRow]
    by_office: list[ClimateRow]
    by_community: list[ClimateRow]
    topics: list[NegativeTopic]


def _by_name(rows: list[ClimateRow]) -> list[ClimateRow]:
    return sorted(rows, key=lambda row: (row.group_name.casefold(), row.group_id, row.period))


def climate_dashboard(filters) -> Climate:
    """Everything the Climate dashboard shows for ``filters`` (``analytics.forms.Filters``).
    Without a filter or with a department or office filter (or both), whole weeks and days
    come from the rollup (``analytics.climate_rollups``) and the other days from the scored
    rows: at most eleven queries. With a community filter (or no day rolled up), nine queries
    over the scored rows, as ``climate_index`` and ``negative_topics`` read them."""
    narrowed = {
        "department": filters.department,
        "office": filters.office,
        "community": filters.community,
    }
    if filters.community is None:
        rolled = RolledClimate(filters)
        if rolled.weeks or rolled.days:
            return Climate(
                weeks=rolled.index(None),
                by_department=_by_name(rolled.index("department")),
                by_office=_by_name(rolled.index("office")),
                by_community=_by_name(rolled.index("community")),
                topics=rolled.topics(),
            )
    span = {"start": filters.since, "end": filters.until}
    return Climate(
        weeks=climate_index(**span, **narrowed),
        by_department=_by_name(climate_index(**span, group_by="department", **narrowed)),
        by_office=_by_name(climate_index(**span, group_by="office", **narrowed)),
        by_community=_by_name(climate_index(**span, group_by="community", **narrowed)),
        topics=negative_topics(**span, **narrowed),
    )
