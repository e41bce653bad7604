"""Emerging topics: tags and key phrases of public writing much more frequent in the last 7
days of the period than in the weeks before."""

import json
import math
import statistics
from collections import defaultdict
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import Case, DateField, IntegerField, Q, Sum, Value, When
from django.db.models.functions import TruncDay
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from analytics.forms import Filters
from analytics.models import ContentSentiment, ConversationTopicDay, TopicSource
from analytics.periods import date_of
from analytics.privacy import Figure, is_reportable
from analytics.selectors.conversation.common import (
    BASELINE_WEEKS,
    MIN_BASELINE_WEEKS,
    PUBLIC_WRITING,
    TOPIC_LIMIT,
    TOPIC_MIN_COUNT,
    TOPIC_MIN_RATIO,
    TOPIC_MIN_Z,
    Topic,
    in_groups_of,
    public_only_for,
)
from analytics.selectors.conversation.rolled import RolledWeeks, spans_of
from analytics.selectors.conversation.volumes import unpack_authors


def topic_windows(filters: Filters) -> list[tuple[datetime, datetime]]:
    """[this week, the week before, ...]: 7-day windows ending with the period, as many
    whole ones as the period holds, at most 1 + ``BASELINE_WEEKS``."""
    days = (filters.end - filters.start).days + 1
    count = min(BASELINE_WEEKS, days // 7 - 1) + 1
    return [
        (filters.until - timedelta(days=7 * (n + 1)), filters.until - timedelta(days=7 * n))
        for n in range(count)
    ]


def topic_tally(rows) -> dict[tuple, list]:
    """{(day, source, name): [items, authors bitmap]} of rows (day written in the active time
    zone, author id, tags, key phrases): what ``ConversationTopicDay`` holds."""
    tally = defaultdict(lambda: [0, 0])
    for day, author, tags, phrases in rows:
        for source, names in ((TopicSource.TAG, tags), (TopicSource.PHRASE, phrases)):
            for name in names:
                counts = tally[(day, source, name)]
                counts[0] += 1
                if author is not None:
                    counts[1] |= 1 << author
    return tally


def public_topic_rows(spans, filters: Filters | None = None) -> list[tuple]:
    """(day written in the active time zone, author id, tags, key phrases) of the public
    writing in the ``[since, until)`` spans that ``filters`` select. One query."""
    when = Q()
    for since, until in spans:
        when |= Q(written_at__gte=since, written_at__lt=until)
    if not when:
        return []
    qs = ContentSentiment.objects.filter(when).filter(PUBLIC_WRITING)
    if filters is not None:
        qs = in_groups_of(qs, filters)
    rows = qs.annotate(
        # The day in the database (a date, no conversion per row), as the volumes do.
        day=TruncDay("written_at", output_field=DateField())
    ).values_list("day", "author_id", "tags", "phrases")
    # Through the cursor: Django's per-row conversions cost more than the query here.
    sql, params = rows.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            (date_of(day), author, _names(tags), _names(phrases))
            for day, author, tags, phrases in cursor.fetchall()
        ]


def _names(value) -> list[str]:
    """Tags or key phrases as the database gives them (JSON text, or already a list)."""
    return json.loads(value) if isinstance(value, str | bytes) else value or []


def _topic_counts(filters: Filters, windows, rolled: RolledWeeks | None) -> dict:
    """{source: (items per window per name, distinct authors this week per name)} for the
    names at least ``TOPIC_MIN_COUNT`` items carry this week (no other can be a topic).
    Days the rollup holds whole are read from ``ConversationTopicDay`` (sums and, for those
    names, author sets); the others from the scored rows."""
    last = timezone.localdate(windows[0][1] - timedelta(days=1))
    days = [last - timedelta(days=n) for n in range(7 * len(windows))]
    if public_only_for(filters):
        rolled = None  # The rollup has no department, office or community.
    elif rolled is None:
        rolled = RolledWeeks(days[-1], last)
    whole = [day for day in days if rolled is not None and rolled.day_is_whole(day)]
    rows = public_topic_rows(spans_of(sorted(set(days) - set(whole))), filters)
    counts = {source: defaultdict(lambda: [0] * len(windows)) for source in TopicSource}
    authors = {source: defaultdict(int) for source in TopicSource}
    for (day, source, name), (items, bits) in topic_tally(rows).items():
        window = (last - day).days // 7
        counts[source][name][window] += items
        if window == 0:
            authors[source][name] |= bits
    this_week = [day for day in whole if (last - day).days < 7]
    topic_days = ConversationTopicDay.objects.order_by()
    if this_week:
        sums = topic_days.filter(day__in=this_week).values_list("source", "name")
        for source, name, items in sums.annotate(n=Sum("items")):
            counts[source][name][0] += items
    hot = {
        source: {name for name, weeks in counts[source].items() if weeks[0] >= TOPIC_MIN_COUNT}
        for source in TopicSource
    }
    wanted = Q(pk__in=[])
    for source, names in hot.items():
        if names:
            wanted |= Q(source=source, name__in=sorted(names))
    if whole and any(hot.values()):
        hot_days = topic_days.filter(wanted)
        for source, name, bits in hot_days.filter(day__in=this_week).values_list(
            "source", "name", "authors"
        ):
            authors[source][name] |= unpack_authors(bits)
        before = [day for day in whole if (last - day).days >= 7]
        window = Case(
            *[
                When(day__gt=last - timedelta(days=7 * (n + 1)), then=Value(n))
                for n in range(1, len(windows))
            ],
            output_field=IntegerField(),
        )
        sums = (
            hot_days.filter(day__in=before)
            .annotate(window=window)
            .values_list("source", "name", "window")
            .annotate(n=Sum("items"))
        )
        for source, name, n, items in sums if before else ():
            counts[source][name][n] += items
    return {
        source: (
            {name: counts[source][name] for name in hot[source]},
            {name: authors[source][name].bit_count() for name in hot[source]},
        )
        for source in TopicSource
    }


def _tag_url(slug: str) -> str:
    return reverse("tags:detail", args=[slug])


def _trending(kind: str, counts: dict, people: dict, *, url) -> list[Topic]:
    topics = []
    for key, weeks in counts.items():
        this_week, baseline = weeks[0], weeks[1:]
        authors = people.get(key, 0)
        if this_week < TOPIC_MIN_COUNT or not is_reportable(authors):
            continue
        # No value is more than sqrt(n - 1) deviations above the mean of n values (Samuelson):
        # a week no busier than the busiest baseline week cannot reach TOPIC_MIN_Z.
        varies = len(set(baseline)) > 1
        if varies and this_week <= max(baseline) and math.sqrt(len(baseline) - 1) < TOPIC_MIN_Z:
            continue
        mean = statistics.fmean(baseline)
        deviation = statistics.pstdev(baseline)
        z_score = ratio = None
        if deviation:
            z_score = (this_week - mean) / deviation
            if z_score < TOPIC_MIN_Z:
                continue
        if mean:
            ratio = this_week / mean
            if not deviation and ratio < TOPIC_MIN_RATIO:
                continue
        topics.append(
            Topic(
                kind=kind,
                name=key,
                url=url(key),
                this_week=Figure(this_week, authors),
                baseline=round(mean, 1),
                z_score=None if z_score is None else round(z_score, 1),
                ratio=None if ratio is None else round(ratio, 1),
            )
        )
    return topics


def _without_parts(topics: list[Topic]) -> list[Topic]:
    """Leave out a phrase inside a longer listed phrase that is just as frequent ("payroll"
    when every item saying it says "payroll delay")."""
    kept = []
    for topic in topics:
        padded = f" {topic.name} "
        if not any(
            other.name != topic.name
            and padded in f" {other.name} "
            and other.this_week.value >= topic.this_week.value
            for other in topics
        ):
            kept.append(topic)
    return kept


def emerging_topics(
    filters: Filters, *, limit: int = TOPIC_LIMIT, rolled: RolledWeeks | None = None
) -> list[Topic]:
    """Tags and key phrases of public writing much more frequent in the last 7 days of the
    period than in the weeks before: a z-score of at least ``TOPIC_MIN_Z`` against the
    baseline weeks, or (when those do not vary) ``TOPIC_MIN_RATIO`` times their mean, or new."""
    windows = topic_windows(filters)
    if len(windows) < 1 + MIN_BASELINE_WEEKS:
        return []
    found = _topic_counts(filters, windows, rolled)
    tags = _trending("tag", *found[TopicSource.TAG], url=_tag_url)
    phrases = _trending("phrase", *found[TopicSource.PHRASE], url=lambda _key: "")
    topics = tags + _without_parts(phrases)
    topics.sort(key=lambda topic: (-topic.this_week.value, topic.kind != "tag", topic.name))
    topics = topics[:limit]
    names = dict(
        Tag.objects.filter(slug__in=[t.name for t in topics if t.kind == "tag"]).values_list(
            "slug", "name"
        )
    )
    topics = [
        topic
        if topic.kind != "tag"
        else Topic(**{**topic.__dict__, "name": names.get(topic.name, topic.name)})
        for topic in topics
    ]
    return topics
