"""Response: how fast questions get a first reply and an accepted answer, what waits
unanswered, and who answers on which topic.

Times are measured per question asked in the period (``Thread.kind == question``): to the
first reply by someone other than the asker (``first_reply_at``, kept by the forum services)
and to the first accepted answer (``solved_at``). Each figure carries the number of distinct
askers it was built from, for the suppression rule.

Privacy: breakdowns (by category, by department, the titles of unanswered questions and the
experts per topic) only ever use company-wide threads and threads of public communities.
Threads of private and secret communities count in the company-wide totals only, and only
while no department or office filter narrows them to a group of people. Nothing here depends
on who is looking, so a Leader who belongs to a private community sees what every Leader sees.

The department and office are the asker's when they asked, read from the event log's
``thread.created`` row, or their current ones when the log has none.

Percentiles are ``percentile_cont`` on PostgreSQL; SQLite has no such aggregate, so there
the durations are fetched (one query per breakdown) and interpolated the same way in Python.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import (
    Aggregate,
    BigIntegerField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from analytics.forms import Filters
from analytics.models import Event
from analytics.privacy import Figure, is_reportable
from communities.models import CommunityType
from forums.models import Category, TaggedThread, Thread, ThreadKind
from profiles.models import Department, User

UNANSWERED_AFTER = timedelta(hours=48)
UNANSWERED_LIST_LIMIT = 20
EXPERT_TOPICS_LIMIT = 10
EXPERTS_PER_TOPIC = 3

FIRST_REPLY = ExpressionWrapper(F("first_reply_at") - F("created_at"), output_field=DurationField())
ACCEPTED = ExpressionWrapper(F("solved_at") - F("created_at"), output_field=DurationField())
PUBLIC_PLACE = Q(community__isnull=True) | Q(community__type=CommunityType.PUBLIC)


class PercentileCont(Aggregate):
    """PostgreSQL's ``percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)``."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()

    def __init__(self, expression, *, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


def percentile_cont(values: list, fraction: float):
    """``percentile_cont`` in Python: linear interpolation between the closest ranks of the
    sorted ``values`` (None when empty), as PostgreSQL computes it."""
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def hours(duration: timedelta | None) -> float | None:
    return None if duration is None else round(duration.total_seconds() / 3600, 1)


@dataclass(frozen=True)
class TimeRow:
    """One line of a response-time table: the questions asked and the four times in hours."""

    key: int | None
    label: str
    questions: Figure
    first_reply_median: Figure
    first_reply_p90: Figure
    accepted_median: Figure
    accepted_p90: Figure


@dataclass(frozen=True)
class UnansweredQuestion:
    thread_id: int
    title: str
    url: str
    category: str
    hours_waiting: int


@dataclass(frozen=True)
class Expert:
    topic: str
    topic_slug: str
    person: str
    person_url: str
    accepted_answers: Figure


@dataclass(frozen=True)
class Response:
    total: TimeRow
    by_category: list[TimeRow]
    by_department: list[TimeRow]
    unanswered: Figure
    unanswered_public: list[UnansweredQuestion]
    experts: list[Expert]
    # True when private and secret communities count in ``total`` and ``unanswered``.
    includes_private: bool


def _at_the_time(field: str):
    """The asker's ``department`` or ``office`` when they asked (the event log's
    ``thread.created`` row), else their current one."""
    # The event is published after the thread is stamped, so it is never earlier: scanning the
    # (verb, occurred_at) index from the thread's creation finds it within a few rows.
    logged = (
        Event.objects.filter(
            verb="thread.created",
            occurred_at__gte=OuterRef("created_at"),
            object_type="forums.thread",
            object_id=OuterRef("pk"),
        )
        .order_by("occurred_at")
        .values(f"{field}_id")[:1]
    )
    return Coalesce(Subquery(logged), F(f"author__{field}_id"), output_field=BigIntegerField())


def questions_in(filters: Filters, *, public_only: bool) -> QuerySet:
    """The questions asked in the period that match ``filters`` (alive: not deleted, not
    merged away), with ``asker_department`` annotated (and ``asker_office`` when filtered)."""
    qs = Thread.objects.alive().filter(
        kind=ThreadKind.QUESTION, created_at__gte=filters.since, created_at__lt=filters.until
    )
    if public_only or filters.narrows_to_people or filters.community:
        qs = qs.filter(PUBLIC_PLACE)
    qs = qs.annotate(asker_department=_at_the_time("department"))
    if filters.department:
        qs = qs.filter(asker_department=filters.department.pk)
    if filters.office:
        qs = qs.annotate(asker_office=_at_the_time("office")).filter(asker_office=filters.office.pk)
    if filters.community:
        qs = qs.filter(community=filters.community)
    return qs


@dataclass
class _Stats:
    questions: int = 0
    askers: int = 0
    first_askers: int = 0
    accepted_askers: int = 0
    first_median: timedelta | None = None
    first_p90: timedelta | None = None
    accepted_median: timedelta | None = None
    accepted_p90: timedelta | None = None


def _stats_sql(qs: QuerySet, group: str | None) -> dict:
    aggregates = {
        "questions": Count("pk"),
        "askers": Count("author", distinct=True),
        "first_askers": Count("author", distinct=True, filter=Q(first_reply_at__isnull=False)),
        "accepted_askers": Count("author", distinct=True, filter=Q(solved_at__isnull=False)),
        # percentile_cont skips NULL inputs: unanswered questions drop out by themselves.
        "first_median": PercentileCont(FIRST_REPLY, fraction=0.5),
        "first_p90": PercentileCont(FIRST_REPLY, fraction=0.9),
        "accepted_median": PercentileCont(ACCEPTED, fraction=0.5),
        "accepted_p90": PercentileCont(ACCEPTED, fraction=0.9),
    }
    if group is None:
        return {None: _Stats(**qs.aggregate(**aggregates))}
    rows = qs.values(group).annotate(**aggregates).order_by()
    return {row.pop(group): _Stats(**row) for row in rows}


def _stats_python(qs: QuerySet, group: str | None) -> dict:
    columns = qs.annotate(first=FIRST_REPLY, accepted=ACCEPTED).values_list(
        group or "pk", "author_id", "first", "accepted"
    )
    grouped = defaultdict(list)
    for key, author, first, accepted in columns:
        grouped[None if group is None else key].append((author, first, accepted))
    if group is None and not grouped:
        grouped[None] = []
    result = {}
    for key, rows in grouped.items():
        firsts = [first for _author, first, _accepted in rows if first is not None]
        accepteds = [accepted for _author, _first, accepted in rows if accepted is not None]
        result[key] = _Stats(
            questions=len(rows),
            askers=len({author for author, _first, _accepted in rows}),
            first_askers=len({author for author, first, _accepted in rows if first is not None}),
            accepted_askers=len({author for author, _first, acc in rows if acc is not None}),
            first_median=percentile_cont(firsts, 0.5),
            first_p90=percentile_cont(firsts, 0.9),
            accepted_median=percentile_cont(accepteds, 0.5),
            accepted_p90=percentile_cont(accepteds, 0.9),
        )
    return result


def _stats(qs: QuerySet, group: str | None) -> dict:
    """``_Stats`` per value of ``group`` (or one, under None, for the whole of ``qs``)."""
    if connection.vendor == "postgresql":
        return _stats_sql(qs, group)
    return _stats_python(qs, group)


def _row(key, label: str, stats: _Stats) -> TimeRow:
    return TimeRow(
        key=key,
        label=label,
        questions=Figure(stats.questions, stats.askers),
        first_reply_median=Figure(hours(stats.first_median), stats.first_askers),
        first_reply_p90=Figure(hours(stats.first_p90), stats.first_askers),
        accepted_median=Figure(hours(stats.accepted_median), stats.accepted_askers),
        accepted_p90=Figure(hours(stats.accepted_p90), stats.accepted_askers),
    )


def _sorted(rows: list[TimeRow]) -> list[TimeRow]:
    return sorted(rows, key=lambda row: (-row.questions.value, row.label.casefold()))


def response_times_by_category(filters: Filters) -> list[TimeRow]:
    """Response times per forum category (company-wide and public-community categories)."""
    qs = questions_in(filters, public_only=True)
    stats = _stats(qs, "category_id")
    labels = {}
    if stats:
        for category in Category.objects.filter(pk__in=stats).select_related("community"):
            name = category.name
            if category.community_id:
                name = _("%(category)s (%(community)s)") % {
                    "category": category.name,
                    "community": category.community.name,
                }
            labels[category.pk] = name
    return _sorted([_row(key, labels.get(key, "?"), value) for key, value in stats.items()])


def response_times_by_department(filters: Filters) -> list[TimeRow]:
    """Response times per department of the asker (company-wide and public threads)."""
    qs = questions_in(filters, public_only=True)
    stats = _stats(qs, "asker_department")
    known = Department.objects.filter(pk__in=[key for key in stats if key])
    names = dict(known.values_list("pk", "name"))
    no_department = _("No department")
    return _sorted(
        [_row(key, names.get(key, no_department), value) for key, value in stats.items()]
    )


def response_times_total(filters: Filters) -> tuple[TimeRow, bool]:
    """The company-wide response times (private and secret communities included unless a
    department or office filter is set) and whether they were included."""
    includes_private = not (filters.narrows_to_people or filters.community)
    qs = questions_in(filters, public_only=False)
    return _row(None, _("All questions"), _stats(qs, None)[None]), includes_private


def unanswered_questions(filters: Filters, *, now: datetime | None = None):
    """Questions asked in the period with no reply from anyone but the asker for more than
    48 hours: the company-wide count, and the titles of the public ones, oldest first."""
    now = now or timezone.now()
    waiting = Q(
        first_reply_at__isnull=True, solved_at__isnull=True, created_at__lt=now - UNANSWERED_AFTER
    )
    total = (
        questions_in(filters, public_only=False)
        .filter(waiting)
        .aggregate(questions=Count("pk"), askers=Count("author", distinct=True))
    )
    titles = (
        questions_in(filters, public_only=True)
        .filter(waiting, hidden_at__isnull=True)
        .order_by("created_at", "pk")
        .values("pk", "title", "created_at", "category__name")[:UNANSWERED_LIST_LIMIT]
    )
    listed = [
        UnansweredQuestion(
            thread_id=row["pk"],
            title=row["title"],
            url=reverse("forums:thread-detail", args=[row["pk"]]),
            category=row["category__name"],
            hours_waiting=int((now - row["created_at"]).total_seconds() // 3600),
        )
        for row in titles
    ]
    return Figure(total["questions"], total["askers"]), listed


def top_answerers(filters: Filters) -> list[Expert]:
    """Per topic (tag), the people whose answers were accepted most often on company-wide
    and public questions of the period. A person is listed only when their accepted answers
    on the topic came from at least ``ANALYTICS_MIN_GROUP_SIZE`` distinct askers."""
    solved = questions_in(filters, public_only=True).filter(
        accepted_reply__isnull=False, accepted_reply__deleted_at__isnull=True
    )
    rows = (
        TaggedThread.objects.filter(content_object__in=solved.values("pk"))
        .values("tag__name", "tag__slug", "content_object__accepted_reply__author_id")
        .annotate(
            answers=Count("content_object", distinct=True),
            askers=Count("content_object__author", distinct=True),
        )
        .order_by()
    )
    per_topic = defaultdict(list)
    for row in rows:
        if is_reportable(row["askers"]):
            per_topic[(row["tag__name"], row["tag__slug"])].append(row)
    topics = sorted(
        per_topic.items(),
        key=lambda item: (-sum(r["answers"] for r in item[1]), item[0][0].casefold()),
    )[:EXPERT_TOPICS_LIMIT]
    chosen = []
    for (name, slug), people in topics:
        people.sort(key=lambda r: (-r["answers"], r["content_object__accepted_reply__author_id"]))
        chosen.extend((name, slug, r) for r in people[:EXPERTS_PER_TOPIC])
    person_ids = {r["content_object__accepted_reply__author_id"] for _n, _s, r in chosen}
    people = {u.pk: u for u in User.objects.filter(pk__in=person_ids)}
    return [
        Expert(
            topic=name,
            topic_slug=slug,
            person=people[r["content_object__accepted_reply__author_id"]].name,
            person_url=people[r["content_object__accepted_reply__author_id"]].get_absolute_url(),
            accepted_answers=Figure(r["answers"], r["askers"]),
        )
        for name, slug, r in chosen
    ]


def response_dashboard(filters: Filters, *, now: datetime | None = None) -> Response:
    """Everything the Response dashboard shows, for ``filters``."""
    total, includes_private = response_times_total(filters)
    unanswered, unanswered_public = unanswered_questions(filters, now=now)
    return Response(
        total=total,
        by_category=response_times_by_category(filters),
        by_department=response_times_by_department(filters),
        unanswered=unanswered,
        unanswered_public=unanswered_public,
        experts=top_answerers(filters),
        includes_private=includes_private,
    )
