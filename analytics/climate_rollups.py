"""The Climate dashboard's rollup: ``ContentSentiment`` counted per week (from Monday, company
time zone) and sentiment into ``ClimateSentimentWeek`` rows, company-wide and per department,
office and community, and the public writing's tags into ``ClimateTopicWeek`` rows, with exact
author sets (``analytics.selectors.conversation.volumes.pack_authors``).

It runs inside ``analytics.conversation_rollups.rollup_conversation_week``: the week's
``ConversationWeek`` (when, from which rows, which communities were public) tells the
dashboard whether these rows are whole and up to date too. The rows of days not rolled up are
summed by the same functions (``sentiment_tally``, ``topic_tally``), so both paths give the
same figures.

The scopes are the Climate selectors' own (``analytics.selectors.climate``): company-wide
rows count all writing; the department, office and community rows count public writing
(``is_public``) only, and a community's rows are read only while it is public.

For the department and office filters, public writing is also counted per department and
office (and per department, office or both with the community, and the tags per department,
office or both): a filtered view sums a few of these rows, author sets merged.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, DateField, Q
from django.db.models.functions import TruncDay, TruncWeek

from analytics.models import (
    ClimateLevel,
    ClimateSentimentWeek,
    ClimateTopicWeek,
    ContentSentiment,
    Sentiment,
)
from analytics.periods import date_of, week_start
from analytics.selectors.conversation.volumes import pack_authors

LABELS = (Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE)
GROUP_OF_LEVEL = {
    ClimateLevel.DEPARTMENT: 2,
    ClimateLevel.OFFICE: 3,
    ClimateLevel.COMMUNITY: 4,
}  # The position of a level's key in a ``SentimentGroup``.
# The filters' levels: (department, office, community) kept in the row's key.
FILTER_LEVELS = {
    ClimateLevel.DEPARTMENT_OFFICE: (True, True, False),
    ClimateLevel.DEPARTMENT_COMMUNITY: (True, False, True),
    ClimateLevel.OFFICE_COMMUNITY: (False, True, True),
    ClimateLevel.DEPARTMENT_OFFICE_COMMUNITY: (True, True, True),
}
TOPIC_LEVELS = {
    ClimateLevel.ALL: (False, False),
    ClimateLevel.DEPARTMENT: (True, False),
    ClimateLevel.OFFICE: (False, True),
    ClimateLevel.DEPARTMENT_OFFICE: (True, True),
}  # The tags' levels: (department, office) kept in the row's key.


class SentimentGroup(NamedTuple):
    """Pieces of one sentiment written in one week by one author from one department and
    office in one community (or none), public or not."""

    week: datetime.date
    label: str
    department_id: int | None
    office_id: int | None
    community_id: int | None
    public: bool
    author_id: int | None
    items: int


def _days(values: Iterable) -> dict:
    """{value as the database gives it: date}: one conversion per distinct week or day."""
    return {value: date_of(value) for value in set(values)}


def _in_spans(spans: Iterable[tuple[datetime.datetime, datetime.datetime]]):
    when = Q()
    for since, until in spans:
        when |= Q(written_at__gte=since, written_at__lt=until)
    return None if not when else ContentSentiment.objects.filter(when)


def _weekly(qs, per_day: bool):
    # Weeks (days) of the active time zone.
    trunc = TruncDay if per_day else TruncWeek
    return qs.annotate(wk=trunc("written_at", output_field=DateField()))


def sentiment_groups(spans, *, per_day: bool = False) -> list[SentimentGroup]:
    """The rows written in the ``[since, until)`` spans, grouped per week (or day),
    sentiment, department, office, community, public flag and author. One query."""
    qs = _in_spans(spans)
    if qs is None:
        return []
    rows = (
        _weekly(qs, per_day)
        .values_list(
            "wk", "label", "department_id", "office_id", "community_id", "is_public", "author_id"
        )
        .annotate(n=Count("*"))
        .order_by()
    )
    # Through the cursor: Django's per-row conversions cost more than the query here.
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    days = _days(row[0] for row in found)
    return [
        SentimentGroup(days[week], label, dep, office, community, bool(public), who, n)
        for week, label, dep, office, community, public, who, n in found
    ]


def _filter_keys(group: SentimentGroup) -> list[tuple]:
    """(level, community id, department id, office id) of a public group's filter rows: only
    rows a filter can read (a department or office set, a community when kept)."""
    keys = []
    for level, (by_department, by_office, by_community) in FILTER_LEVELS.items():
        department = group.department_id if by_department else None
        office = group.office_id if by_office else None
        community = group.community_id if by_community else None
        if by_department and by_office and not by_community:
            wanted = department is not None or office is not None
        else:
            wanted = not (
                (by_department and department is None)
                or (by_office and office is None)
                or (by_community and community is None)
            )
        if wanted:
            keys.append((level, community, department, office))
    return keys


def sentiment_tally(groups: Iterable[SentimentGroup]) -> dict[tuple, list]:
    """{(week, level, group id, department id, office id): [positive, neutral, negative,
    authors bitmap]}: the rows of ``ClimateSentimentWeek`` (group id None company-wide;
    department and office ids set for the filters' levels only)."""
    tally = defaultdict(lambda: [0, 0, 0, 0])
    for group in groups:
        keys = [(ClimateLevel.ALL, None, None, None)]
        if group.public:
            keys += [
                (level, group[position], None, None)
                for level, position in GROUP_OF_LEVEL.items()
                if group[position] is not None
            ]
            keys += _filter_keys(group)
        for level, group_id, department_id, office_id in keys:
            counts = tally[(group.week, level, group_id, department_id, office_id)]
            counts[LABELS.index(group.label)] += group.items
            if group.author_id is not None:
                counts[3] |= 1 << group.author_id
    return tally


def public_tag_rows(spans, *, per_day: bool = False) -> list[tuple]:
    """Public writing in the spans per week (or day), tag, sentiment, author, department and
    office: (week, tag, label, author id, department id, office id, pieces). One query."""
    qs = _in_spans(spans)
    if qs is None:
        return []
    inner = _weekly(qs.filter(is_public=True), per_day).values(
        "wk", "tags", "label", "author_id", "department_id", "office_id"
    )
    inner_sql, params = inner.query.sql_with_params()
    if connection.vendor == "postgresql":
        tags, tag = "jsonb_array_elements_text(s.tags::jsonb) AS t(tag)", "t.tag"
    else:
        tags, tag = "json_each(s.tags) AS t", "t.value"
    sql = f"""
        SELECT s.wk, {tag}, s.label, s.author_id, s.department_id, s.office_id, COUNT(*)
        FROM ({inner_sql}) AS s, {tags}
        GROUP BY s.wk, {tag}, s.label, s.author_id, s.department_id, s.office_id
    """  # noqa: S608 - the inner query is Django's, with parameters; the rest is constant.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    days = _days(row[0] for row in found)
    return [(days[week], *rest) for week, *rest in found]


def topic_tally(rows: Iterable[tuple], *, per_week: bool = True) -> dict[tuple, list]:
    """{(week, level, department id, office id, tag): [pieces, negative pieces, authors,
    authors of negative pieces]}, at every ``TOPIC_LEVELS`` level (week None when not
    ``per_week``)."""
    tally = defaultdict(lambda: [0, 0, 0, 0])
    for week, tag, label, author_id, department_id, office_id, items in rows:
        bit = 0 if author_id is None else 1 << author_id
        for level, (by_department, by_office) in TOPIC_LEVELS.items():
            department = department_id if by_department else None
            office = office_id if by_office else None
            if (by_department and department is None) or (by_office and office is None):
                continue
            counts = tally[(week if per_week else None, level, department, office, tag)]
            counts[0] += items
            counts[2] |= bit
            if label == Sentiment.NEGATIVE:
                counts[1] += items
                counts[3] |= bit
    return tally


def rollup_climate_week(week: datetime.date, since, until) -> int:
    """Recompute the ``ClimateSentimentWeek`` and ``ClimateTopicWeek`` rows of the week
    starting on ``week`` and of its days ([since, until) in the company time zone, which
    must be active). Delete and insert: running it again writes the same rows. Returns the
    week's sentiment rows."""
    until_day = week + datetime.timedelta(days=7)
    days = sentiment_groups([(since, until)], per_day=True)
    weekly = sentiment_tally(group._replace(week=week_start(group.week)) for group in days)
    daily = sentiment_tally(days)
    ClimateSentimentWeek.objects.filter(
        Q(span=1, week=week) | Q(span=0, week__gte=week, week__lt=until_day)
    ).delete()
    ClimateSentimentWeek.objects.bulk_create(
        (
            ClimateSentimentWeek(
                week=start, span=span, level=level, group_id=group_id,
                department_id=department_id, office_id=office_id, positive=positive,
                neutral=neutral, negative=negative, people=bits.bit_count(),
                authors=pack_authors(bits),
            )
            for span, tally in ((1, weekly), (0, daily))
            for (start, level, group_id, department_id, office_id), (
                positive, neutral, negative, bits
            ) in tally.items()
        ),
        batch_size=2000,
    )  # fmt: skip
    tags = public_tag_rows([(since, until)], per_day=True)
    weekly_topics = topic_tally((week_start(day), *rest) for day, *rest in tags)
    ClimateTopicWeek.objects.filter(
        Q(span=1, week=week) | Q(span=0, week__gte=week, week__lt=until_day)
    ).delete()
    ClimateTopicWeek.objects.bulk_create(
        (
            ClimateTopicWeek(
                week=start, span=span, level=level, department_id=department_id,
                office_id=office_id, tag=tag, items=items, negative=negative,
                people=bits.bit_count(), authors=pack_authors(bits),
                negative_authors=pack_authors(negative_bits),
            )
            for span, tally in ((1, weekly_topics), (0, topic_tally(tags)))
            for (start, level, department_id, office_id, tag), (
                items, negative, bits, negative_bits
            ) in tally.items()
        ),
        batch_size=2000,
    )  # fmt: skip
    return len(weekly)
