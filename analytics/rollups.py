"""Rollups: the event log summed into small fact tables that the adoption dashboards read.

Every table is derived from the log alone and recomputed by delete-and-insert in one
transaction, so re-running a day (or a whole range) writes the same rows again. Days are
days of the company time zone (``settings.TIME_ZONE``, the same zone as Celery's beat).

- ``DailyActivity``: per person, day, department and office (as they were at the time).
- ``PeriodActivity``: the daily rows summed per week (from Monday) and calendar month.
- ``PersonAdoption``: per person, registration, first activity, activation and cohort.
- ``PeriodGroupActivity``: people active per week or month, department and office.
- ``DepartmentTopicMonth`` and ``InteractionCellMonth``: public writing per tag and author,
  and public interactions per cell of the departments matrix with the people on both sides,
  per month (the departments dashboard).
- ``ConversationVolume`` and ``ConversationWeek``: scored writing per week, kind and group,
  with exact author sets (the conversation dashboard; ``analytics.conversation_rollups``).
"""

import datetime
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery, Sum

from analytics.cache import data_version_bump
from analytics.conversation_rollups import rollup_conversation_week, stale_conversation_weeks
from analytics.models import (
    CellScope,
    ContentSentiment,
    DailyActivity,
    DepartmentTopicMonth,
    DepartmentTopicTotal,
    Event,
    InteractionCellMonth,
    PeriodActivity,
    PeriodGroupActivity,
    PersonAdoption,
)
from analytics.periods import week_start
from profiles.models import User

# Posts that stand for a thread, article or wiki page: their own event already counts.
ITEM_POST_KINDS = ("thread", "article", "wiki_page")

# Writing something others read (the "post" of "people who post vs only read").
CONTRIBUTION_VERBS = (
    "comment.created",
    "reply.created",
    "thread.created",
    "article.published",
    "wiki.page_created",
    "wiki.page_edited",
    "file.uploaded",
    "file.version_uploaded",
)
REACTION_VERBS = ("reaction.added", "reply.voted", "poll.voted")
LOGIN_VERBS = ("user.logged_in",)
# Reading: the first page a signed-in person opens on a day (``core.middleware.VisitMiddleware``).
# An action, like a login, but neither a contribution nor a reaction: it makes a reader.
VISIT_VERBS = ("user.visited",)
# Not something the person did on the site, or a second event for one action (a praise and
# a share also publish ``post.created``).
NOT_ACTION_VERBS = (
    "user.signed_up",
    "user.activated",
    "user.deactivated",
    "profile.avatar_reset",
    "praise.given",
    "post.shared",
)

# ``has_key`` first: a missing key makes ``kind IN (...)`` NULL, and an exclude of NULL drops
# the row (a post logged without a kind would not count at all).
ITEM_POST = Q(verb="post.created", payload__has_key="kind") & Q(payload__kind__in=ITEM_POST_KINDS)
NOT_ACTION = Q(verb__in=NOT_ACTION_VERBS) | ITEM_POST
CONTRIBUTION = Q(verb__in=CONTRIBUTION_VERBS) | Q(verb="post.created")
REACTION = Q(verb__in=REACTION_VERBS)
LOGIN = Q(verb__in=LOGIN_VERBS)
PUBLIC = Q(community_public=True)

COUNTERS = (
    "actions",
    "contributions",
    "reactions",
    "logins",
    "public_actions",
    "public_contributions",
    "public_reactions",
)
ACTIVATION_DAYS = 7
CHUNK = 500

Progress = Callable[[int], None] | None


def company_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_today() -> datetime.date:
    return datetime.datetime.now(company_zone()).date()


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first instant of ``day`` and of the next day, in the company time zone."""
    zone = company_zone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, zone)
    return start, end


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def period_bounds(period: str, start: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First day and the day after the last of the week or month starting on ``start``."""
    if period == "week":
        return start, start + datetime.timedelta(days=7)
    following = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start, following


def days_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]


def pieces_of(
    start: datetime.date, end: datetime.date
) -> tuple[list[datetime.date], list[datetime.date], list[datetime.date]]:
    """The range as whole calendar months, then whole weeks, then the days left over: the
    fewest rollup rows that add up to exactly these days."""
    months, weeks, days = [], [], []
    day = start
    while day <= end:
        month_end = period_bounds("month", month_start(day))[1] - datetime.timedelta(days=1)
        week_end = day + datetime.timedelta(days=6)
        if day.day == 1 and month_end <= end:
            months.append(day)
            day = month_end + datetime.timedelta(days=1)
        elif day.weekday() == 0 and week_end <= end:
            weeks.append(day)
            day = week_end + datetime.timedelta(days=1)
        else:
            days.append(day)
            day += datetime.timedelta(days=1)
    return months, weeks, days


def periods_of(days: Iterable[datetime.date]) -> list[tuple[str, datetime.date]]:
    """The weeks and months the days fall in, each once."""
    found = {("week", week_start(d)) for d in days} | {("month", month_start(d)) for d in days}
    return sorted(found, key=lambda p: (p[1], p[0]))


def rollup_units(start: datetime.date, end: datetime.date) -> int:
    """How many steps ``rollup_range`` reports to its progress callback."""
    days = days_between(start, end)
    return len(days) + len(periods_of(days))


# --- the three tables -------------------------------------------------------------------------


def _one_per_person(grouped, latest: str) -> list[dict]:
    """Fold the (person, department, office) groups of a period into one row per person,
    placed where the person was at their ``latest`` action of it (someone who moved in the
    middle of a day counts once that day, in the new department)."""
    people: dict[int, dict] = {}
    for row in grouped:
        kept = people.get(row["user_id"])
        if kept is None:
            people[row["user_id"]] = row
            continue
        for name in (*COUNTERS, "days_active", "public_days_active"):
            if name in row:
                kept[name] += row[name]
        if row[latest] > kept[latest]:
            kept["department_id"], kept["office_id"] = row["department_id"], row["office_id"]
            kept[latest] = row[latest]
    return list(people.values())


def _daily_rows(day: datetime.date) -> list[DailyActivity]:
    start, end = day_bounds(day)
    grouped = (
        Event.objects.filter(occurred_at__gte=start, occurred_at__lt=end, actor__isnull=False)
        .exclude(NOT_ACTION)
        .order_by()
        .values("actor_id", "department_id", "office_id")
        .annotate(
            user_id=F("actor_id"),
            last=Max("occurred_at"),
            actions=Count("id"),
            contributions=Count("id", filter=CONTRIBUTION),
            reactions=Count("id", filter=REACTION),
            logins=Count("id", filter=LOGIN),
            public_actions=Count("id", filter=PUBLIC),
            public_contributions=Count("id", filter=CONTRIBUTION & PUBLIC),
            public_reactions=Count("id", filter=REACTION & PUBLIC),
        )
    )
    return [
        DailyActivity(
            day=day,
            user_id=row["user_id"],
            department_id=row["department_id"],
            office_id=row["office_id"],
            **{name: row[name] for name in COUNTERS},
        )
        for row in _one_per_person(grouped, "last")
    ]


@transaction.atomic
def rollup_daily(day: datetime.date) -> int:
    """Recompute the ``DailyActivity`` rows of ``day`` (one per active person); returns how
    many there are."""
    rows = _daily_rows(day)
    DailyActivity.objects.filter(day=day).delete()
    DailyActivity.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@transaction.atomic
def rollup_period(period: str, start: datetime.date) -> int:
    """Recompute the ``PeriodActivity`` rows of one week or month (one per active person)
    from its daily rows."""
    first, after = period_bounds(period, start)
    grouped = (
        DailyActivity.objects.filter(day__gte=first, day__lt=after)
        .order_by()
        .values("user_id", "department_id", "office_id")
        .annotate(
            last=Max("day"),
            days_active=Count("id"),
            public_days_active=Count("id", filter=Q(public_actions__gt=0)),
            **{n: Sum(n) for n in COUNTERS},
        )
    )
    rows = [
        PeriodActivity(
            period=period,
            start=start,
            user_id=row["user_id"],
            department_id=row["department_id"],
            office_id=row["office_id"],
            days_active=row["days_active"],
            public_days_active=row["public_days_active"],
            **{name: row[name] for name in COUNTERS},
        )
        for row in _one_per_person(grouped, "last")
    ]
    PeriodActivity.objects.filter(period=period, start=start).delete()
    PeriodActivity.objects.bulk_create(rows, batch_size=1000)
    groups: dict[tuple, list[int]] = {}
    for row in rows:
        counts = groups.setdefault((row.department_id, row.office_id), [0, 0])
        counts[0] += 1
        counts[1] += row.public_actions > 0
    PeriodGroupActivity.objects.filter(period=period, start=start).delete()
    PeriodGroupActivity.objects.bulk_create(
        PeriodGroupActivity(
            period=period, start=start, department_id=department, office_id=office,
            people=people, public_people=public,
        )
        for (department, office), (people, public) in groups.items()
    )  # fmt: skip
    return len(rows)


def _month_instants(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    first, after = period_bounds("month", month)
    return day_bounds(first)[0], day_bounds(after)[0]


def _execute(sql: str, params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _topic_rows_sql(month: datetime.date) -> tuple[str, list]:
    """INSERT of a month's ``DepartmentTopicMonth`` rows: every public item (tag "") and
    every tag of it, per department, office, community and author."""
    since, until = _month_instants(month)
    writing = ContentSentiment.objects.filter(
        is_public=True, department__isnull=False, written_at__gte=since, written_at__lt=until
    ).order_by()
    every, every_params = writing.values(
        "department_id", "office_id", "community_id", "author_id"
    ).query.sql_with_params()
    tagged, tagged_params = (
        writing.exclude(tags=[])
        .values("department_id", "office_id", "community_id", "author_id", "tags")
        .query.sql_with_params()
    )
    if connection.vendor == "postgresql":
        tags, tag = "jsonb_array_elements_text(s.tags::jsonb) AS t(tag)", "t.tag"
    else:
        tags, tag = "json_each(s.tags) AS t", "t.value"
    keys = "s.department_id, s.office_id, s.community_id"
    table = DepartmentTopicMonth._meta.db_table
    sql = f"""
        INSERT INTO {table} (month, department_id, office_id, community_id, tag, author_id, items)
        SELECT %s, {keys}, '', s.author_id, COUNT(*) FROM ({every}) AS s
        GROUP BY {keys}, s.author_id
        UNION ALL
        SELECT %s, {keys}, {tag}, s.author_id, COUNT(*) FROM ({tagged}) AS s, {tags}
        GROUP BY {keys}, {tag}, s.author_id
    """  # noqa: S608 - the inner queries are Django's, with parameters; the rest is constant.
    day = connection.ops.adapt_datefield_value(month)
    return sql, [day, *every_params, day, *tagged_params]


def _topic_totals_sql(month: datetime.date) -> tuple[str, list]:
    """INSERT of a month's ``DepartmentTopicTotal`` rows from its ``DepartmentTopicMonth``
    rows: one person per author (one group of the unknown authors, as the dashboard
    counts them)."""
    table, source = DepartmentTopicTotal._meta.db_table, DepartmentTopicMonth._meta.db_table
    sql = f"""
        INSERT INTO {table} (month, scope, department_id, office_id, tag, items, people)
        SELECT %s, %s, department_id, NULL, tag, SUM(items), COUNT(*) FROM (
            SELECT department_id, tag, author_id, SUM(items) AS items FROM {source}
            WHERE month = %s GROUP BY department_id, tag, author_id
        ) AS per_author GROUP BY department_id, tag
        UNION ALL
        SELECT %s, %s, department_id, office_id, tag, SUM(items), COUNT(*) FROM (
            SELECT department_id, office_id, tag, author_id, SUM(items) AS items FROM {source}
            WHERE month = %s AND office_id IS NOT NULL
            GROUP BY department_id, office_id, tag, author_id
        ) AS per_author GROUP BY department_id, office_id, tag
    """  # noqa: S608 - constant SQL with parameters.
    day = connection.ops.adapt_datefield_value(month)
    return sql, [day, str(CellScope.ALL), day, day, str(CellScope.OFFICE), day]


def _interaction_cells_sql(month: datetime.date) -> tuple[str, list]:
    """INSERT of a month's ``InteractionCellMonth`` rows on PostgreSQL: one bitmap per cell
    and side from the distinct people of it, built once per office and place and united
    into the per-office and every-place rows. The few people of a community's cell are
    stored without the zeros after the last of them (the reader pads bitmaps to one width)."""
    from analytics.selectors.departments import department_pairs_sql

    since, until = _month_instants(month)
    pairs, params = department_pairs_sql(since, until)
    table, people = InteractionCellMonth._meta.db_table, User._meta.db_table
    keys = "source, office, community, target_department"
    sql = f"""
        INSERT INTO {table} (month, scope, actor_department_id, actor_office_id, community_id,
                             target_department_id, interactions, actors, targets)
        WITH members AS (
            SELECT {keys}, actor, target, COUNT(*) AS n, GROUPING(actor) AS of_target
            FROM ({pairs}) AS p
            GROUP BY GROUPING SETS (({keys}, actor), ({keys}, target))
        ),
        blank AS (SELECT repeat('0', (COALESCE(MAX(id), 0) + 1)::int)::varbit AS bits
                  FROM {people}),
        place AS (
            SELECT {keys}, SUM(n) FILTER (WHERE of_target = 0) AS n,
                   MAX(actor)::int AS last_actor, MAX(target)::int AS last_target,
                   bit_or(CASE WHEN of_target = 0 THEN set_bit(b.bits, actor::int, 1)
                               ELSE b.bits END) AS actors,
                   bit_or(CASE WHEN of_target = 1 THEN set_bit(b.bits, target::int, 1)
                               ELSE b.bits END) AS targets
            FROM members CROSS JOIN blank AS b GROUP BY {keys}
        )
        SELECT %s, %s, source, office, community, target_department, n,
               substring(actors FROM 1 FOR last_actor + 1),
               substring(targets FROM 1 FOR last_target + 1)
        FROM place WHERE community IS NOT NULL
        UNION ALL
        SELECT %s, %s, source, office, NULL, target_department, SUM(n), bit_or(actors),
               bit_or(targets)
        FROM place WHERE office IS NOT NULL GROUP BY source, office, target_department
        UNION ALL
        SELECT %s, %s, source, NULL, NULL, target_department, SUM(n), bit_or(actors),
               bit_or(targets)
        FROM place GROUP BY source, target_department
    """  # noqa: S608 - the inner queries are Django's, with parameters; the rest is constant.
    day = connection.ops.adapt_datefield_value(month)
    scopes = [CellScope.COMMUNITY, CellScope.OFFICE, CellScope.ALL]
    return sql, [*params, *(value for scope in scopes for value in (day, str(scope)))]


def _interaction_cells(month: datetime.date) -> list[InteractionCellMonth]:
    """A month's ``InteractionCellMonth`` rows built in Python (the embedded mode's small
    data): the same rows as ``_interaction_cells_sql``."""
    from analytics.selectors.departments import department_pairs_sql

    pairs, params = department_pairs_sql(*_month_instants(month))
    cells: dict[tuple, list] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT source, office, community, target_department, actor, target, COUNT(*) "
            f"FROM ({pairs}) AS p GROUP BY source, office, community, target_department, "
            "actor, target",  # noqa: S608 - Django's query, with parameters.
            params,
        )
        for source, office, community, target_department, actor, target, n in cursor:
            levels = [(CellScope.ALL, None, None)]
            if office is not None:
                levels.append((CellScope.OFFICE, office, None))
            if community is not None:
                levels.append((CellScope.COMMUNITY, office, community))
            for scope, level_office, level_community in levels:
                key = (scope, source, level_office, level_community, target_department)
                cell = cells.setdefault(key, [0, set(), set()])
                cell[0] += n
                cell[1].add(actor)
                cell[2].add(target)
    return [
        InteractionCellMonth(
            month=month, scope=scope, actor_department_id=source, actor_office_id=office,
            community_id=community, target_department_id=target_department,
            interactions=n, actors=actors, targets=targets,
        )
        for (scope, source, office, community, target_department), (n, actors, targets)
        in cells.items()
    ]  # fmt: skip


@transaction.atomic
def rollup_departments_month(month: datetime.date) -> None:
    """Recompute the ``DepartmentTopicMonth``, ``DepartmentTopicTotal`` and
    ``InteractionCellMonth`` rows of the month starting on ``month``."""
    DepartmentTopicMonth.objects.filter(month=month).delete()
    _execute(*_topic_rows_sql(month))
    DepartmentTopicTotal.objects.filter(month=month).delete()
    _execute(*_topic_totals_sql(month))
    InteractionCellMonth.objects.filter(month=month).delete()
    if connection.vendor == "postgresql":
        _execute(*_interaction_cells_sql(month))
    else:
        InteractionCellMonth.objects.bulk_create(_interaction_cells(month), batch_size=500)


def _adoption_rows(user_ids: list[int]) -> list[PersonAdoption]:
    first_day = DailyActivity.objects.filter(user_id=OuterRef("user_id")).order_by("day", "id")
    activity = {
        row["user_id"]: row
        for row in DailyActivity.objects.filter(user_id__in=user_ids)
        .order_by()
        .values("user_id")
        .annotate(
            first_active=Min("day"),
            first_contribution=Min("day", filter=Q(contributions__gt=0) | Q(reactions__gt=0)),
            first_department=Subquery(first_day.values("department_id")[:1]),
            first_office=Subquery(first_day.values("office_id")[:1]),
        )
    }
    zone = company_zone()
    rows = []
    for user in User.objects.filter(pk__in=user_ids).values(
        "pk", "date_joined", "department_id", "office_id"
    ):
        registered = user["date_joined"].astimezone(zone).date()
        acted = activity.get(user["pk"])
        first_active = acted["first_active"] if acted else None
        first_contribution = acted["first_contribution"] if acted else None
        deadline = registered + datetime.timedelta(days=ACTIVATION_DAYS - 1)
        rows.append(
            PersonAdoption(
                user_id=user["pk"],
                department_id=acted["first_department"] if acted else user["department_id"],
                office_id=acted["first_office"] if acted else user["office_id"],
                registered_on=registered,
                first_active_on=first_active,
                first_contribution_on=first_contribution,
                activated=first_contribution is not None and first_contribution <= deadline,
                cohort_week=week_start(first_active) if first_active else None,
            )
        )
    return rows


def rollup_people(user_ids: Iterable[int]) -> int:
    """Recompute the ``PersonAdoption`` rows of these people from their daily rows."""
    ids = sorted(set(user_ids))
    for offset in range(0, len(ids), CHUNK):
        chunk = ids[offset : offset + CHUNK]
        with transaction.atomic():
            rows = _adoption_rows(chunk)
            PersonAdoption.objects.filter(user_id__in=chunk).delete()
            PersonAdoption.objects.bulk_create(rows)
    return len(ids)


def _people_touched(start: datetime.date, end: datetime.date) -> set[int]:
    """People active in the range or registered in it: the only ones whose adoption row a
    recomputation of these days can change."""
    first, _ = day_bounds(start)
    _, after = day_bounds(end)
    active = DailyActivity.objects.filter(day__gte=start, day__lte=end).values_list(
        "user_id", flat=True
    )
    joined = User.objects.filter(date_joined__gte=first, date_joined__lt=after).values_list(
        "pk", flat=True
    )
    # Someone who acted and contributed before these days keeps their row as it is.
    settled = PersonAdoption.objects.filter(
        first_active_on__lt=start, first_contribution_on__lt=start
    ).values_list("user_id", flat=True)
    return (set(active.distinct()) | set(joined)) - set(settled)


# --- entry points -----------------------------------------------------------------------------


def rollup_range(start: datetime.date, end: datetime.date, progress: Progress = None) -> int:
    """Recompute every rollup for the days ``start`` to ``end`` (inclusive): their daily rows,
    the weeks and months they fall in (people per group, departments' topics and
    interactions included), and the people they touch. Returns the number of daily
    rows written. ``progress(n)`` is called as steps finish (``rollup_units`` of them)."""
    if start > end:
        raise ValueError("start must not be after end")
    days = days_between(start, end)
    written = 0
    for day in days:
        written += rollup_daily(day)
        if progress:
            progress(1)
    for period, first in periods_of(days):
        rollup_period(period, first)
        if period == "month":
            rollup_departments_month(first)
        if period == "week":
            rollup_conversation_week(first)
        if progress:
            progress(1)
    # Older weeks whose writing changed since (deleted, moved or scored late), a few a run.
    for week in stale_conversation_weeks():
        rollup_conversation_week(week)
    rollup_people(_people_touched(start, end))
    # The dashboards' shared data (analytics.cache) was computed from the rows just replaced.
    data_version_bump()
    return written


def rollup_day(day: datetime.date) -> int:
    """Recompute one day (the hourly run for today, the nightly close of yesterday)."""
    return rollup_range(day, day)
