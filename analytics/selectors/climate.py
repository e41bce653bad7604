"""The organisation's climate from scored writing (``ContentSentiment``), in aggregate only.

Privacy (DESIGN.md, "What leaders can and cannot see"):
- every figure carries the number of distinct people behind it, and is suppressed below
  ``ANALYTICS_MIN_GROUP_SIZE`` (``Figure.suppressed``);
- nothing is ever given per person;
- writing in private and secret communities counts only in the company-wide rows (no
  grouping, no filter); breakdowns and topics use public writing only, so a private
  community's tags never appear.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from taggit.models import Tag

from analytics.climate_rollups import (
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
from analytics.periods import week_start
from analytics.privacy import Figure, is_reportable, min_group_size
from analytics.selectors.conversation.rolled import RolledWeeks, spans_of
from analytics.selectors.conversation.volumes import unpack_authors
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


class RolledClimate:
    """The Climate figures of a period, unfiltered or for a department, an office or both:
    whole weeks the rollup holds up to date (``RolledWeeks``) from ``ClimateSentimentWeek``
    and ``ClimateTopicWeek``, the days of partial weeks rolled up after they ended from their
    day rows, the rest (today, a week not rolled up or gone stale) from the scored rows,
    summed as the rollup sums them, with the author sets merged. Same scopes and figures as
    ``climate_index`` and ``negative_topics``.

    Filtered, the figures are sums of the filters' rows (public writing only, as the scored
    rows are read then): per department and office for the index and its department and
    office breakdowns, per department, office or both with the community for the community
    breakdown, and the tags per department, office or both."""

    def __init__(self, filters):
        start, end = filters.start, filters.end
        self.department = filters.department.pk if filters.department is not None else None
        self.office = filters.office.pk if filters.office is not None else None
        self.narrowed = self.department is not None or self.office is not None
        self.community_level = {
            (True, True): ClimateLevel.DEPARTMENT_OFFICE_COMMUNITY,
            (True, False): ClimateLevel.DEPARTMENT_COMMUNITY,
            (False, True): ClimateLevel.OFFICE_COMMUNITY,
        }.get((self.department is not None, self.office is not None))
        self.topic_level = {
            (False, False): ClimateLevel.ALL,
            (True, True): ClimateLevel.DEPARTMENT_OFFICE,
            (True, False): ClimateLevel.DEPARTMENT,
            (False, True): ClimateLevel.OFFICE,
        }[(self.department is not None, self.office is not None)]
        rolled = RolledWeeks(start, end)
        self.weeks, days = rolled.pieces(start, end)
        self.days = [day for day in days if rolled.day_is_whole(day)]
        self.spans = spans_of(sorted(set(days) - set(self.days)))
        self._sentiment = None

    def _matches(self, department_id, office_id) -> bool:
        return (self.department is None or department_id == self.department) and (
            self.office is None or office_id == self.office
        )

    def _rows(self, model, levels):
        """The ``model``'s rows of the ``levels`` this view sums, for its filters."""
        rows = model.objects.filter(level__in=levels)
        if self.department is not None:
            rows = rows.filter(department_id=self.department)
        if self.office is not None:
            rows = rows.filter(office_id=self.office)
        return rows.order_by()

    def _sentiment_targets(self, level, group_id, department_id, office_id) -> list[tuple]:
        """The (level, group id) figures of this view a stored row adds to: itself unfiltered;
        filtered, the index and the department and office breakdowns from the rows per
        department and office, the community breakdown from the community's rows."""
        if not self.narrowed:
            return [(level, group_id)] if level in WHOLE_LEVELS else []
        if not self._matches(department_id, office_id):
            return []
        if level == self.community_level:
            return [(ClimateLevel.COMMUNITY, group_id)]
        if level != ClimateLevel.DEPARTMENT_OFFICE:
            return []
        targets = [(ClimateLevel.ALL, None)]
        if department_id is not None:
            targets.append((ClimateLevel.DEPARTMENT, department_id))
        if office_id is not None:
            targets.append((ClimateLevel.OFFICE, office_id))
        return targets

    def _sentiment_rows(self) -> dict[tuple, tuple]:
        """{(week, level, group id): (positive, neutral, negative, people)}. Three queries."""
        if self._sentiment is None:
            summed = defaultdict(lambda: [0, 0, 0, 0])

            def add(week, key, numbers, bits):
                for target in self._sentiment_targets(*key):
                    row = summed[(week, *target)]
                    for n, count in enumerate(numbers):
                        row[n] += count
                    row[3] |= bits

            # Partial weeks: the scored rows of their days not rolled up, and their days'
            # rows, author sets merged.
            for (week, *key), (*numbers, bits) in sentiment_tally(
                sentiment_groups(self.spans)
            ).items():
                add(week, key, numbers, bits)
            levels = (
                [ClimateLevel.DEPARTMENT_OFFICE, self.community_level]
                if self.narrowed
                else WHOLE_LEVELS
            )
            fields = ("week", "level", "group_id", "department_id", "office_id")
            counts = ("positive", "neutral", "negative")
            days = self._rows(ClimateSentimentWeek, levels).filter(span=0, week__in=self.days)
            for day, *rest, authors in days.values_list(*fields, *counts, "authors"):
                add(week_start(day), rest[:4], rest[4:], unpack_authors(authors))
            weeks = self._rows(ClimateSentimentWeek, levels).filter(span=1, week__in=self.weeks)
            found = {}
            if self.narrowed:  # Sums of several rows: their author sets merged.
                for week, *rest, authors in weeks.values_list(*fields, *counts, "authors"):
                    add(week, rest[:4], rest[4:], unpack_authors(authors))
            else:  # One row per figure: its people as counted.
                for week, level, group_id, *numbers in weeks.values_list(
                    "week", "level", "group_id", *counts, "people"
                ):
                    found[(week, level, group_id)] = tuple(numbers)
            for key, (positive, neutral, negative, bits) in summed.items():
                found[key] = (positive, neutral, negative, bits.bit_count())
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
        tally = defaultdict(lambda: [0, 0, 0, 0])
        for (_week, level, department_id, office_id, tag), partial in topic_tally(
            public_tag_rows(self.spans), per_week=False
        ).items():
            if level == self.topic_level and self._matches(department_id, office_id):
                counts = tally[tag]
                for n in (0, 1):
                    counts[n] += partial[n]
                for n in (2, 3):
                    counts[n] |= partial[n]
        rows = (
            self._rows(ClimateTopicWeek, [self.topic_level])
            .filter(Q(span=1, week__in=self.weeks) | Q(span=0, week__in=self.days))
            .values_list("tag", "items", "negative", "authors", "negative_authors")
        )
        # The negative authors are unpacked for the listed topics only (most of the work).
        negative_blobs = defaultdict(list)
        for tag, items, negative, authors, negative_authors in rows:
            counts = tally[tag]
            counts[0] += items
            counts[1] += negative
            counts[2] |= unpack_authors(authors)
            negative_blobs[tag].append(negative_authors)
        found = [
            (tag, items, negative, bits.bit_count())
            for tag, (items, negative, bits, _negative_bits) in tally.items()
            if negative > 0 and is_reportable(bits.bit_count())
        ]
        # Most negative pieces, then the highest negative share, then the tag.
        found.sort(key=lambda row: (-row[2], -Fraction(row[2], row[1]), row[0]))
        reportable = []
        for tag, items, negative, people in found[:limit]:
            negative_bits = tally[tag][3]
            for blob in negative_blobs[tag]:
                negative_bits |= unpack_authors(blob)
            reportable.append((tag, items, negative, people, negative_bits.bit_count()))
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
