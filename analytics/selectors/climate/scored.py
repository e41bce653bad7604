"""The Climate figures from the scored rows (``ContentSentiment``), for any scope."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from taggit.models import Tag

from analytics.models import ClimateLevel, ContentSentiment, Sentiment
from analytics.privacy import Figure, is_reportable, min_group_size
from communities.models import Community, CommunityType
from profiles.models import Department, Office

GROUPS = {"department": Department, "office": Office, "community": Community}
# The rows the unfiltered view reads: one per week and group, people already counted.
WHOLE_LEVELS = (
    ClimateLevel.ALL,
    ClimateLevel.DEPARTMENT,
    ClimateLevel.OFFICE,
    ClimateLevel.COMMUNITY,
)


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
    return named_topics([row for row in found if is_reportable(row[3])][:limit])


def named_topics(rows: list[tuple]) -> list[NegativeTopic]:
    """``NegativeTopic``s of ``(slug, volume, negative, people, negative_people)`` rows, with
    the tags' names. One query."""
    names = dict(Tag.objects.filter(slug__in=[row[0] for row in rows]).values_list("slug", "name"))
    return [
        NegativeTopic(
            slug=slug,
            name=names.get(slug, slug),
            volume=Figure(volume, people),
            negative=Figure(int(negative), negative_people),
            negative_share=Figure(round(int(negative) / volume, 3), negative_people),
            people=people,
        )
        for slug, volume, negative, people, negative_people in rows
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
