"""The organisation's climate from scored writing (``ContentSentiment``), in aggregate only.

Privacy (DESIGN.md, "What leaders can and cannot see"):
- every figure carries the number of distinct people behind it, and is suppressed below
  ``ANALYTICS_MIN_GROUP_SIZE`` (``Figure.suppressed``);
- nothing is ever given per person;
- writing in private and secret communities counts only in the company-wide rows (no
  grouping, no filter); breakdowns and topics use public writing only, so a private
  community's tags never appear.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction

from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from taggit.models import Tag

from analytics.climate_rollups import (
    monday,
    public_tag_rows,
    sentiment_groups,
    sentiment_tally,
    topic_tally,
)
from analytics.models import (
    ClimateLevel,
    ClimateSentimentWeek,
    ClimateTopicWeek,
    ContentSentiment,
    Sentiment,
)
from analytics.privacy import Figure, is_reportable, min_group_size
from analytics.selectors.conversation.rolled import RolledWeeks, spans_of
from analytics.selectors.conversation.volumes import unpack_authors
from communities.models import Community, CommunityType
from profiles.models import Department, Office

GROUPS = {"department": Department, "office": Office, "community": Community}


@dataclass(frozen=True)
class ClimateRow:
    period: date  # Monday of the ISO week.
    group_id: int | None  # None: company-wide (or the filtered whole).
    group_name: str
    positive: Figure
    neutral: Figure
    negative: Figure
    volume: Figure
    index: Figure  # Share positive minus share negative, -1 .. 1.
    people: int

    @property
    def suppressed(self) -> bool:
        return self.volume.suppressed


@dataclass(frozen=True)
class NegativeTopic:
    slug: str
    name: str
    volume: Figure
    negative: Figure
    negative_share: Figure
    people: int


def sentiment_scope(*, start, end, department=None, office=None, community=None, public_only: bool):
    rows = ContentSentiment.objects.filter(written_at__gte=start, written_at__lt=end)
    if public_only:
        rows = rows.filter(is_public=True)
    if department is not None:
        rows = rows.filter(department=department)
    if office is not None:
        rows = rows.filter(office=office)
    if community is not None:
        rows = rows.filter(community=community)
    return rows


def climate_index(
    *,
    start: datetime,
    end: datetime,
    group_by: str | None = None,
    department: Department | int | None = None,
    office: Office | int | None = None,
    community: Community | int | None = None,
) -> list[ClimateRow]:
    """The sentiment index per ISO week in [start, end), company-wide or per department,
    office or (public) community, optionally narrowed by the filters. Two queries."""
    if group_by is not None and group_by not in GROUPS:
        raise ValueError(f"Cannot group the climate by {group_by!r}.")
    narrowed = any(f is not None for f in (department, office, community))
    rows = sentiment_scope(
        start=start,
        end=end,
        department=department,
        office=office,
        community=community,
        # Private writing counts in the whole company's rows only.
        public_only=group_by is not None or narrowed,
    )
    keys = ["week"]
    if group_by == "community":
        rows = rows.filter(community__isnull=False, community__type=CommunityType.PUBLIC)
    if group_by is not None:
        rows = rows.filter(**{f"{group_by}__isnull": False})
        keys.append(group_by)
    aggregated = (
        rows.annotate(week=TruncWeek("written_at"))
        .values(*keys)
        .annotate(
            positive=Count("pk", filter=Q(label=Sentiment.POSITIVE)),
            neutral=Count("pk", filter=Q(label=Sentiment.NEUTRAL)),
            negative=Count("pk", filter=Q(label=Sentiment.NEGATIVE)),
            volume=Count("pk"),
            people=Count("author", distinct=True),
        )
        .order_by(*keys)
    )
    aggregated = list(aggregated)
    names = {}
    if group_by is not None:
        ids = {row[group_by] for row in aggregated}
        names = {pk: str(obj) for pk, obj in GROUPS[group_by].objects.in_bulk(ids).items()}
    result = []
    for row in aggregated:
        people, volume = row["people"], row["volume"]
        week = row["week"]
        group_id = row.get(group_by) if group_by else None
        result.append(
            ClimateRow(
                period=week.date() if isinstance(week, datetime) else week,
                group_id=group_id,
                group_name=names.get(group_id, ""),
                positive=Figure(row["positive"], people),
                neutral=Figure(row["neutral"], people),
                negative=Figure(row["negative"], people),
                volume=Figure(volume, people),
                index=Figure(round((row["positive"] - row["negative"]) / volume, 3), people),
                people=people,
            )
        )
    return result


def negative_topics(
    *,
    start: datetime,
    end: datetime,
    department: Department | int | None = None,
    office: Office | int | None = None,
    community: Community | int | None = None,
    limit: int = 10,
) -> list[NegativeTopic]:
    """The tags of public writing in [start, end) that carry the most negative writing (most
    negative items, then the highest negative share). Only topics written about by at least
    ``ANALYTICS_MIN_GROUP_SIZE`` people are listed; their negative figures are suppressed
    when fewer people wrote the negative part. Two queries."""
    scope = sentiment_scope(
        start=start,
        end=end,
        department=department,
        office=office,
        community=community,
        public_only=True,
    )
    inner_sql, params = scope.values("tags", "label", "author_id").query.sql_with_params()
    if connection.vendor == "postgresql":
        tags = "jsonb_array_elements_text(s.tags::jsonb) AS t(tag)"
        tag = "t.tag"
    else:
        tags = "json_each(s.tags) AS t"
        tag = "t.value"
    neg = f"SUM(CASE WHEN s.label = '{Sentiment.NEGATIVE.value}' THEN 1 ELSE 0 END)"
    sql = f"""
        SELECT {tag} AS tag, COUNT(*) AS volume, {neg} AS negative,
               COUNT(DISTINCT s.author_id) AS people,
               COUNT(DISTINCT CASE WHEN s.label = '{Sentiment.NEGATIVE.value}'
                     THEN s.author_id END) AS negative_people
        FROM ({inner_sql}) AS s, {tags}
        GROUP BY {tag}
        HAVING COUNT(DISTINCT s.author_id) >= %s AND {neg} > 0
        ORDER BY {neg} DESC, 1.0 * {neg} / COUNT(*) DESC, {tag}
    """  # noqa: S608 - the inner query is Django's, with parameters; the rest is constant.
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, min_group_size()])
        found = cursor.fetchall()
    reportable = [row for row in found if is_reportable(row[3])][:limit]
    names = dict(
        Tag.objects.filter(slug__in=[row[0] for row in reportable]).values_list("slug", "name")
    )
    return [
        NegativeTopic(
            slug=slug,
            name=names.get(slug, slug),
            volume=Figure(volume, people),
            negative=Figure(int(neg), negative_people),
            negative_share=Figure(round(int(neg) / volume, 3), negative_people),
            people=people,
        )
        for slug, volume, neg, people, negative_people in reportable
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
    Without filters, whole weeks and days come from the rollup (``analytics.climate_rollups``)
    and the other days from the scored rows: at most eleven queries. With a filter (or no
    day rolled up), nine queries over the scored rows, as ``climate_index`` and
    ``negative_topics`` read them."""
    narrowed = {
        "department": filters.department,
        "office": filters.office,
        "community": filters.community,
    }
    if not any(value is not None for value in narrowed.values()):
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


class RolledClimate:
    """The unfiltered Climate figures of a period: whole weeks the rollup holds up to date
    (``RolledWeeks``) from ``ClimateSentimentWeek`` and ``ClimateTopicWeek``, the days of
    partial weeks rolled up after they ended from their day rows, the rest (today, a week not
    rolled up or gone stale) from the scored rows, summed as the rollup sums them, with the
    author sets merged. Same scopes and figures as ``climate_index`` and
    ``negative_topics``."""

    def __init__(self, filters):
        start, end = filters.start, filters.end
        rolled = RolledWeeks(start, end)
        first = start + timedelta(days=(7 - start.weekday()) % 7)
        self.weeks = [
            first + timedelta(days=7 * n)
            for n in range(max(0, ((end - first).days + 1) // 7))
            if rolled.week_is_whole(first + timedelta(days=7 * n))
        ]
        whole = set(self.weeks)
        period = (start + timedelta(days=n) for n in range((end - start).days + 1))
        days = [day for day in period if monday(day) not in whole]
        self.days = [day for day in days if rolled.day_is_whole(day)]
        self.spans = spans_of(sorted(set(days) - set(self.days)))
        self._sentiment = None

    def _sentiment_rows(self) -> dict[tuple, tuple]:
        """{(week, level, group id): (positive, neutral, negative, people)}. Three queries."""
        if self._sentiment is None:
            # Partial weeks: the scored rows of their days not rolled up, and their days'
            # rows, author sets merged.
            partial = sentiment_tally(sentiment_groups(self.spans))
            days = ClimateSentimentWeek.objects.filter(span=0, week__in=self.days)
            for day, level, group_id, *counts, authors in days.order_by().values_list(
                "week", "level", "group_id", "positive", "neutral", "negative", "authors"
            ):
                summed = partial[(monday(day), level, group_id)]
                for n, count in enumerate(counts):
                    summed[n] += count
                summed[3] |= unpack_authors(authors)
            found = {
                key: (positive, neutral, negative, bits.bit_count())
                for key, (positive, neutral, negative, bits) in partial.items()
            }
            weeks = ClimateSentimentWeek.objects.filter(span=1, week__in=self.weeks)
            for week, level, group_id, *counts in weeks.order_by().values_list(
                "week", "level", "group_id", "positive", "neutral", "negative", "people"
            ):
                found[(week, level, group_id)] = tuple(counts)
            self._sentiment = found
        return self._sentiment

    def index(self, group_by: str | None) -> list[ClimateRow]:
        """As ``climate_index(group_by=group_by)`` over the period. One query for the names
        (the first call also reads the counts)."""
        level = group_by or ClimateLevel.ALL
        found = sorted(
            (week, group_id, counts)
            for (week, row_level, group_id), counts in self._sentiment_rows().items()
            if row_level == level
        )
        names = {}
        if group_by is not None:
            groups = GROUPS[group_by].objects.filter(pk__in={row[1] for row in found})
            if group_by == "community":  # Read only while public, as the scored rows are.
                groups = groups.filter(type=CommunityType.PUBLIC)
            names = {group.pk: str(group) for group in groups}
        result = []
        for week, group_id, (positive, neutral, negative, people) in found:
            if group_by is not None and group_id not in names:
                continue  # Gone (or no longer public) since: the scored rows no longer count it.
            volume = positive + neutral + negative
            result.append(
                ClimateRow(
                    period=week,
                    group_id=group_id,
                    group_name=names.get(group_id, ""),
                    positive=Figure(positive, people),
                    neutral=Figure(neutral, people),
                    negative=Figure(negative, people),
                    volume=Figure(volume, people),
                    index=Figure(round((positive - negative) / volume, 3), people),
                    people=people,
                )
            )
        return result

    def topics(self, limit: int = 10) -> list[NegativeTopic]:
        """As ``negative_topics`` over the period. Three queries."""
        tally = topic_tally(public_tag_rows(self.spans), per_week=False)
        rows = ClimateTopicWeek.objects.filter(
            Q(span=1, week__in=self.weeks) | Q(span=0, week__in=self.days)
        ).values_list("tag", "items", "negative", "authors", "negative_authors")
        for tag, items, negative, authors, negative_authors in rows.order_by():
            counts = tally[(None, tag)]
            counts[0] += items
            counts[1] += negative
            counts[2] |= unpack_authors(authors)
            counts[3] |= unpack_authors(negative_authors)
        found = [
            (tag, items, negative, bits.bit_count(), negative_bits.bit_count())
            for (_week, tag), (items, negative, bits, negative_bits) in tally.items()
            if negative > 0 and is_reportable(bits.bit_count())
        ]
        # Most negative pieces, then the highest negative share, then the tag.
        found.sort(key=lambda row: (-row[2], -Fraction(row[2], row[1]), row[0]))
        reportable = found[:limit]
        names = dict(
            Tag.objects.filter(slug__in=[row[0] for row in reportable]).values_list("slug", "name")
        )
        return [
            NegativeTopic(
                slug=slug,
                name=names.get(slug, slug),
                volume=Figure(volume, people),
                negative=Figure(negative, negative_people),
                negative_share=Figure(round(negative / volume, 3), negative_people),
                people=people,
            )
            for slug, volume, negative, people, negative_people in reportable
        ]


@dataclass(frozen=True)
class TopicCount:
    """Raw counts of one tag of public writing (for the alerts; never rendered as such)."""

    slug: str
    volume: int
    negative: int
    people: int
    negative_people: int


def topic_counts(*, start: datetime, end: datetime) -> dict[str, TopicCount]:
    """Per tag of public writing in [start, end): pieces of writing, negative ones, and the
    distinct people behind each. One query."""
    scope = sentiment_scope(start=start, end=end, public_only=True)
    inner_sql, params = scope.values("tags", "label", "author_id").query.sql_with_params()
    if connection.vendor == "postgresql":
        tags, tag = "jsonb_array_elements_text(s.tags::jsonb) AS t(tag)", "t.tag"
    else:
        tags, tag = "json_each(s.tags) AS t", "t.value"
    negative = f"s.label = '{Sentiment.NEGATIVE.value}'"
    sql = f"""
        SELECT {tag} AS tag, COUNT(*) AS volume,
               SUM(CASE WHEN {negative} THEN 1 ELSE 0 END) AS negative,
               COUNT(DISTINCT s.author_id) AS people,
               COUNT(DISTINCT CASE WHEN {negative} THEN s.author_id END) AS negative_people
        FROM ({inner_sql}) AS s, {tags}
        GROUP BY {tag}
    """  # noqa: S608 - the inner query is Django's, with parameters; the rest is constant.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    return {
        slug: TopicCount(slug, volume, int(neg or 0), people, negative_people)
        for slug, volume, neg, people, negative_people in found
    }
