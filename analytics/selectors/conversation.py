"""Conversation: how much is written, where, what gets the most engagement, and which topics
are suddenly talked about far more than usual.

Volumes come from ``ContentSentiment``: one row per post, comment, forum thread, forum reply
and published article that is still readable, with its author's department and office when it
was written, its community and whether that is public. (Items with no words, such as a post
that is only a picture, have no row and do not count.) Every figure carries the number of
distinct authors it was built from, for the suppression rule.

Privacy: writing in private and secret communities counts in the company-wide figures only
(the summary and the weekly volumes, while no department, office or community filter is
set). Breakdowns, the top content and the topics read company-wide and public-community
writing only (public when written and still public now), so no title, text, tag or phrase of
a private community ever appears. Nothing here depends on who is looking.

Emerging topics compare the last 7 days of the period with the weeks before it (up to
``BASELINE_WEEKS``): the tags and the key phrases (one to three words, English and Indonesian
stopwords removed: ``analytics.phrases``) stored with the public items' rows when they were
scored (private and secret writing has none), counted in SQL. A topic is listed when at
least ``TOPIC_MIN_COUNT`` items by at least ``ANALYTICS_MIN_GROUP_SIZE`` distinct people carry
it this week and it stands far above its baseline.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag

from analytics.forms import Filters
from analytics.models import ContentKind, ContentSentiment
from analytics.phrases import STOPWORDS, key_phrases  # noqa: F401 - part of this module's API.
from analytics.privacy import Figure, is_reportable, min_group_size
from analytics.selectors.searches import searches_without_results
from blog.models import Article, ArticleStatus
from communities.models import Community, CommunityType
from feed.models import Comment, Post, Reaction
from forums.models import Reply, Thread
from profiles.models import Department

KINDS = (
    ContentKind.POST,
    ContentKind.COMMENT,
    ContentKind.THREAD,
    ContentKind.REPLY,
    ContentKind.ARTICLE,
)
TOP_LIMIT = 10
TOP_CANDIDATES = 50  # Ranked by engagement, then checked for enough distinct people.
COMMUNITY_LIMIT = 20
TOPIC_LIMIT = 20
BASELINE_WEEKS = 4
MIN_BASELINE_WEEKS = 2
TOPIC_MIN_COUNT = 5
TOPIC_MIN_Z = 2.0
TOPIC_MIN_RATIO = 2.0  # When the baseline weeks are all equal (no deviation).

PUBLIC_PLACE = Q(community__isnull=True) | Q(community__type=CommunityType.PUBLIC)
PUBLIC_WRITING = Q(is_public=True) & PUBLIC_PLACE


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VolumeRow:
    """Items written per kind (and all together) in one week, department or community."""

    key: object
    label: str
    url: str
    by_kind: dict  # ContentKind -> Figure
    total: Figure


@dataclass(frozen=True)
class TopItem:
    title: str
    url: str
    place: str
    written_on: date
    engagement: Figure  # Reactions and comments (replies for a thread).
    people: Figure  # Distinct people other than the author who reacted, commented or replied.


@dataclass(frozen=True)
class Topic:
    kind: str  # "tag" or "phrase"
    name: str
    url: str
    this_week: Figure
    baseline: float  # Items per week over the baseline weeks.
    z_score: float | None  # None when the baseline weeks do not vary.
    ratio: float | None  # This week / baseline; None when the baseline is 0 (new).


@dataclass(frozen=True)
class Conversation:
    total: VolumeRow
    contributors: Figure
    includes_private: bool
    no_results: Figure
    searches_url: str
    weeks: list[VolumeRow]
    departments: list[VolumeRow]
    communities: list[VolumeRow]
    top_posts: list[TopItem]
    top_threads: list[TopItem]
    top_articles: list[TopItem]
    topics: list[Topic]
    topic_week: tuple[date, date] | None  # First and last day of "this week" (None: too short).
    baseline_weeks: int


# --- volumes ------------------------------------------------------------------------------


def writing_in(
    filters: Filters, *, public_only: bool, since: datetime | None = None
) -> QuerySet[ContentSentiment]:
    """The rows of the items written in the period (from ``since`` when given) that match
    ``filters``; public writing only when asked or when a filter narrows to a group."""
    qs = ContentSentiment.objects.filter(
        written_at__gte=since or filters.since, written_at__lt=filters.until
    )
    if public_only or filters.narrows_to_people or filters.community:
        qs = qs.filter(PUBLIC_WRITING)
    if filters.department:
        qs = qs.filter(department=filters.department)
    if filters.office:
        qs = qs.filter(office=filters.office)
    if filters.community:
        qs = qs.filter(community=filters.community)
    return qs


def _per_kind(qs: QuerySet, group: str | None) -> tuple[dict, dict]:
    """{group value: {kind: Figure}} and {group value: Figure of all kinds} (the key None
    without ``group``). One query: the rows are first counted per group, kind and author (a
    hash, no sort of every row), then per group and kind and per group, people being the
    distinct authors of those counts (an index-only scan with ``sentiment_written_cover``)."""
    keys = {"grp": F(group)} if group else {}
    inner = qs.values(**keys, knd=F("kind"), who=F("author")).annotate(n=Count("*")).order_by()
    inner_sql, params = inner.query.sql_with_params()
    # Each (group, kind, author) is one row of ``a``: its authors are distinct.
    parts = [
        "SELECT NULL, a.knd, SUM(a.n), COUNT(a.who) FROM a GROUP BY a.knd",
        "SELECT NULL, NULL, SUM(a.n), COUNT(DISTINCT a.who) FROM a",
    ]
    if group:
        parts = [
            "SELECT a.grp, a.knd, SUM(a.n), COUNT(a.who) FROM a GROUP BY a.grp, a.knd",
            "SELECT a.grp, NULL, SUM(a.n), COUNT(DISTINCT a.who) FROM a GROUP BY a.grp",
        ]
    union = "\nUNION ALL\n".join(parts)
    sql = f"WITH a AS ({inner_sql})\n{union}"
    by_kind, total = defaultdict(dict), {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for value, kind, items, people in cursor.fetchall():
            figure = Figure(int(items or 0), people)
            if kind is None:
                total[value] = figure
            else:
                by_kind[value][kind] = figure
    return by_kind, total


def _row(key, label: str, by_kind: dict, total: Figure, url: str = "") -> VolumeRow:
    return VolumeRow(
        key=key,
        label=label,
        url=url,
        by_kind={kind: by_kind.get(kind, Figure(0, 0)) for kind in KINDS},
        total=total,
    )


def _ranked(rows: list[VolumeRow]) -> list[VolumeRow]:
    """Shown rows by volume, then suppressed ones by name (their order would leak it)."""
    return sorted(
        rows,
        key=lambda row: (
            row.total.suppressed,
            0 if row.total.suppressed else -row.total.value,
            row.label.casefold(),
        ),
    )


def volume_total(filters: Filters) -> tuple[VolumeRow, bool]:
    """Items written in the period per kind, company-wide (private and secret communities
    included unless a filter narrows the figures), and whether they were included."""
    includes_private = not (filters.narrows_to_people or filters.community)
    by_kind, total = _per_kind(writing_in(filters, public_only=False), None)
    figure = total.get(None, Figure(0, 0))
    return _row(None, _("All writing"), by_kind.get(None, {}), figure), includes_private


def volume_by_week(filters: Filters) -> list[VolumeRow]:
    """Items written per kind in each week (from Monday) the period touches, with the same
    scope as ``volume_total``. Weeks with no writing are listed (as empty figures)."""
    qs = writing_in(filters, public_only=False).annotate(week=TruncWeek("written_at"))
    by_kind, total = _per_kind(qs, "week")
    found = {_day(week): week for week in total}
    monday = filters.start - timedelta(days=filters.start.weekday())
    rows = []
    while monday <= filters.end:
        week = found.get(monday)
        label = monday.isoformat()
        rows.append(_row(monday, label, by_kind.get(week, {}), total.get(week, Figure(0, 0))))
        monday += timedelta(days=7)
    return rows


def _day(value) -> date:
    """The date of a week as the database gives it (a datetime, or text on SQLite)."""
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value.date() if isinstance(value, datetime) else value


def volume_by_department(filters: Filters) -> list[VolumeRow]:
    """Items written per kind per department of the author at the time (public writing)."""
    by_kind, total = _per_kind(writing_in(filters, public_only=True), "department")
    keys = [key for key in total if key]
    names = dict(Department.objects.filter(pk__in=keys).values_list("pk", "name"))
    no_department = _("No department")
    return _ranked(
        [
            _row(key, names.get(key, no_department), by_kind[key], figure)
            for key, figure in total.items()
        ]
    )


def volume_by_community(filters: Filters, *, limit: int = COMMUNITY_LIMIT) -> list[VolumeRow]:
    """The most active public communities: items written per kind in each, and the
    distinct people who wrote them."""
    qs = writing_in(filters, public_only=True).filter(community__isnull=False)
    by_kind, total = _per_kind(qs, "community")
    communities = Community.objects.in_bulk(list(total)) if total else {}
    rows = [
        _row(key, community.name, by_kind[key], total[key], community.get_absolute_url())
        for key, community in communities.items()
    ]
    return _ranked(rows)[:limit]


# --- top content --------------------------------------------------------------------------


def _place(item) -> str:
    return item.community.name if item.community_id else _("Company-wide")


def _narrowed(qs: QuerySet, filters: Filters, kind: str) -> QuerySet:
    """``qs`` (of ``kind``) limited to what the department, office and community filters
    select, the author's department and office taken as they were when they wrote."""
    if filters.community:
        qs = qs.filter(community=filters.community)
    if filters.narrows_to_people:
        rows = writing_in(filters, public_only=True).filter(kind=kind)
        qs = qs.filter(pk__in=rows.values("object_id"))
    return qs


def _engagers(model, ids: list[int]) -> dict[int, int]:
    """Per post or article id: distinct people other than its author who reacted to it or
    commented on it (deleted comments left out). One query."""
    if not ids:
        return {}
    content_type = ContentType.objects.get_for_model(model)
    marks = ", ".join(["%s"] * len(ids))
    quote = connection.ops.quote_name
    sql = f"""
        SELECT e.object_id, COUNT(DISTINCT e.person)
        FROM (
            SELECT object_id, user_id AS person FROM {quote(Reaction._meta.db_table)}
            WHERE content_type_id = %s AND object_id IN ({marks})
            UNION ALL
            SELECT object_id, author_id AS person FROM {quote(Comment._meta.db_table)}
            WHERE content_type_id = %s AND object_id IN ({marks}) AND deleted_at IS NULL
        ) AS e
        JOIN {quote(model._meta.db_table)} AS item ON item.id = e.object_id
        WHERE e.person <> item.author_id
        GROUP BY e.object_id
    """  # noqa: S608 - table names from the models; values are parameters.
    with connection.cursor() as cursor:
        cursor.execute(sql, [content_type.pk, *ids, content_type.pk, *ids])
        return dict(cursor.fetchall())


def _top(candidates: list, people: dict[int, int], title, limit: int) -> list[TopItem]:
    chosen = [item for item in candidates if is_reportable(people.get(item.pk, 0))][:limit]
    return [
        TopItem(
            title=title(item),
            url=item.get_absolute_url(),
            place=_place(item),
            written_on=timezone.localdate(item.written),
            engagement=Figure(item.engagement, people[item.pk]),
            people=Figure(people[item.pk], people[item.pk]),
        )
        for item in chosen
    ]


def top_posts(filters: Filters, *, limit: int = TOP_LIMIT) -> list[TopItem]:
    """Company-wide and public-community posts written in the period with the most reactions
    and comments, engaged with by at least ``ANALYTICS_MIN_GROUP_SIZE`` other people."""
    qs = Post.objects.status_updates().filter(
        PUBLIC_PLACE,
        deleted_at__isnull=True,
        hidden_at__isnull=True,
        created_at__gte=filters.since,
        created_at__lt=filters.until,
    )
    qs = _narrowed(qs, filters, ContentKind.POST)
    candidates = list(
        qs.annotate(engagement=F("reaction_count") + F("comment_count"), written=F("created_at"))
        .filter(engagement__gte=min_group_size())
        .select_related("community")
        .order_by("-engagement", "-pk")[:TOP_CANDIDATES]
    )
    people = _engagers(Post, [item.pk for item in candidates])
    return _top(candidates, people, str, limit)


def top_articles(filters: Filters, *, limit: int = TOP_LIMIT) -> list[TopItem]:
    """Company-wide, personal and public-community articles published in the period with the
    most reactions and comments, engaged with by enough other people."""
    qs = Article.objects.alive().filter(
        PUBLIC_PLACE,
        hidden_at__isnull=True,
        status=ArticleStatus.PUBLISHED,
        published_at__gte=filters.since,
        published_at__lt=min(filters.until, timezone.now()),
    )
    qs = _narrowed(qs, filters, ContentKind.ARTICLE)
    candidates = list(
        qs.annotate(engagement=F("reaction_count") + F("comment_count"), written=F("published_at"))
        .filter(engagement__gte=min_group_size())
        .select_related("community", "author")
        .order_by("-engagement", "-pk")[:TOP_CANDIDATES]
    )
    people = _engagers(Article, [item.pk for item in candidates])
    return _top(candidates, people, lambda item: item.title, limit)


def top_threads(filters: Filters, *, limit: int = TOP_LIMIT) -> list[TopItem]:
    """Company-wide and public-community forum threads started in the period with the most
    replies, replied to by at least ``ANALYTICS_MIN_GROUP_SIZE`` people besides the author."""
    qs = Thread.objects.alive().filter(
        PUBLIC_PLACE,
        hidden_at__isnull=True,
        created_at__gte=filters.since,
        created_at__lt=filters.until,
    )
    qs = _narrowed(qs, filters, ContentKind.THREAD)
    candidates = list(
        qs.annotate(engagement=F("reply_count"), written=F("created_at"))
        .filter(engagement__gte=min_group_size())
        .select_related("community")
        .order_by("-engagement", "-pk")[:TOP_CANDIDATES]
    )
    repliers = (
        Reply.objects.filter(thread__in=[item.pk for item in candidates], deleted_at__isnull=True)
        .exclude(author=F("thread__author"))
        .values("thread")
        .annotate(people=Count("author", distinct=True))
        .order_by()
    )
    people = {row["thread"]: row["people"] for row in repliers} if candidates else {}
    return _top(candidates, people, lambda item: item.title, limit)


# --- emerging topics ----------------------------------------------------------------------


def topic_windows(filters: Filters) -> list[tuple[datetime, datetime]]:
    """[this week, the week before, ...]: 7-day windows ending with the period, as many
    whole ones as the period holds, at most 1 + ``BASELINE_WEEKS``."""
    days = (filters.end - filters.start).days + 1
    count = min(BASELINE_WEEKS, days // 7 - 1) + 1
    return [
        (filters.until - timedelta(days=7 * (n + 1)), filters.until - timedelta(days=7 * n))
        for n in range(count)
    ]


def _window_of(windows) -> Case:
    return Case(
        *[When(written_at__gte=start, then=Value(n)) for n, (start, _end) in enumerate(windows)],
        output_field=IntegerField(),
    )


def _list_counts(filters: Filters, windows, column: str) -> tuple[dict, dict]:
    """Per element of the JSON list ``column`` ("tags" or "phrases", stored with each item
    when it was scored) of the public writing in the windows, for the elements at least
    ``TOPIC_MIN_COUNT`` items carry this week (no other can be a topic): items per window,
    and distinct authors this week. One query: this week's elements are counted first, then
    the weeks before for those only."""
    now = writing_in(filters, public_only=True, since=windows[0][0])
    now = now.values(lst=F(column), who=F("author")).order_by()
    before = writing_in(filters, public_only=True, since=windows[-1][0])
    before = (
        before.filter(written_at__lt=windows[0][0])
        .annotate(bucket=_window_of(windows))
        .values("bucket", lst=F(column))
        .order_by()
    )
    now_sql, now_params = now.query.sql_with_params()
    before_sql, before_params = before.query.sql_with_params()
    if connection.vendor == "postgresql":
        elements, name = "jsonb_array_elements_text(s.lst) AS t(name)", "t.name"
    else:
        elements, name = "json_each(s.lst) AS t", "t.value"
    sql = f"""
        WITH hot AS (
            SELECT a.name, SUM(a.n) AS n, COUNT(a.who) AS people
            FROM (
                SELECT {name} AS name, s.who, COUNT(*) AS n
                FROM ({now_sql}) AS s, {elements}
                GROUP BY {name}, s.who
            ) AS a
            GROUP BY a.name
            HAVING SUM(a.n) >= %s
        )
        SELECT hot.name, 0, hot.n, hot.people FROM hot
        UNION ALL
        SELECT {name}, s.bucket, COUNT(*), 0
        FROM ({before_sql}) AS s, {elements}
        WHERE {name} IN (SELECT hot.name FROM hot)
        GROUP BY {name}, s.bucket
    """  # noqa: S608 - the inner queries are Django's, with parameters; the rest is constant.
    counts, people = defaultdict(lambda: [0] * len(windows)), {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*now_params, TOPIC_MIN_COUNT, *before_params])
        for key, window, items, authors in cursor.fetchall():
            counts[key][window] = int(items)
            if window == 0:
                people[key] = authors
    return counts, people


def _tag_url(slug: str) -> str:
    return reverse("tags:detail", args=[slug])


def _trending(kind: str, counts: dict, people: dict, *, url) -> list[Topic]:
    topics = []
    for key, weeks in counts.items():
        this_week, baseline = weeks[0], weeks[1:]
        authors = people.get(key, 0)
        if this_week < TOPIC_MIN_COUNT or not is_reportable(authors):
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


def emerging_topics(filters: Filters, *, limit: int = TOPIC_LIMIT) -> list[Topic]:
    """Tags and key phrases of public writing much more frequent in the last 7 days of the
    period than in the weeks before: a z-score of at least ``TOPIC_MIN_Z`` against the
    baseline weeks, or (when those do not vary) ``TOPIC_MIN_RATIO`` times their mean, or new."""
    windows = topic_windows(filters)
    if len(windows) < 1 + MIN_BASELINE_WEEKS:
        return []
    tag_counts, tag_people = _list_counts(filters, windows, "tags")
    tags = _trending("tag", tag_counts, tag_people, url=_tag_url)
    phrase_counts, phrase_people = _list_counts(filters, windows, "phrases")
    phrases = _trending("phrase", phrase_counts, phrase_people, url=lambda _key: "")
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


# --- the dashboard ------------------------------------------------------------------------


def conversation_dashboard(filters: Filters) -> Conversation:
    """Everything the Conversation dashboard shows, for ``filters`` (shared between leaders
    by ``analytics.cache``, like every dashboard's data)."""
    total, includes_private = volume_total(filters)
    windows = topic_windows(filters)
    enough = len(windows) >= 1 + MIN_BASELINE_WEEKS
    this_week = windows[0] if enough else None
    searches = searches_without_results(filters, limit=0)
    return Conversation(
        total=total,
        contributors=Figure(total.total.people, total.total.people),
        includes_private=includes_private,
        no_results=searches.total,
        searches_url=f"{reverse('analytics:searches')}?{filters.querystring()}",
        weeks=volume_by_week(filters),
        departments=volume_by_department(filters),
        communities=volume_by_community(filters),
        top_posts=top_posts(filters),
        top_threads=top_threads(filters),
        top_articles=top_articles(filters),
        topics=emerging_topics(filters),
        topic_week=(
            (timezone.localdate(this_week[0]), filters.end) if this_week is not None else None
        ),
        baseline_weeks=len(windows) - 1 if enough else 0,
    )
