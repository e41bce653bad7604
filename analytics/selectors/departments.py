"""What departments are busy with: their top topics month by month, and who talks to whom.

Privacy (DESIGN.md, "What leaders can and cannot see"): everything here is a department
breakdown, so it reads public content only (company-wide and public communities). Writing
and interactions in private or secret communities, their tags included, never count. A
topic is listed for a department and month only when at least ``ANALYTICS_MIN_GROUP_SIZE``
distinct people of that department wrote about it then; a cell of the interaction matrix is
suppressed unless at least that many distinct people acted and as many were acted upon (a
column must not single out the few people of a small department). Nothing depends on who
is looking.

Topics come from ``ContentSentiment`` (one row per post, comment, thread, reply and article,
with the author's department at the time and the item's tag slugs; a comment or reply
carries its post's or thread's tags). Interactions come from the event log: the actor's
department is the one logged with the event; the other person is read from the event's
payload and placed in the department they were in when the month was rolled up (the end of
the month, for a closed month: the hourly run keeps the current month's rows fresh and the
nightly close recomputes yesterday's month).

Both are read from monthly rollups (``analytics.rollups``): ``DepartmentTopicTotal`` (public
items and their distinct authors per month, department and tag, for every office and per
office), ``DepartmentTopicMonth`` (the same per community and author, for the community
filter) and ``InteractionCellMonth`` (public interactions per month and cell of the matrix,
with the sets of people on both sides, for every office and place, per office, and per
office and public community). Distinct people stay exact: per month for topics, across
months for the matrix. Topics are whole months; the
matrix reads whole months (and the current month) from the rollup and the other days of the
range from the event log, placing those people in their current department. Six queries in
all, two of them names.
"""

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from taggit.models import Tag

from analytics.forms import Filters
from analytics.models import (
    CellScope,
    DepartmentTopicMonth,
    DepartmentTopicTotal,
    Event,
    InteractionCellMonth,
)
from analytics.periods import date_of
from analytics.privacy import Figure, is_reportable, min_group_size
from analytics.rollups import day_bounds, local_today, month_start, period_bounds
from profiles.models import Department, User

TOPICS_PER_MONTH = 3
# The seasonal picture needs a year: shorter ranges are widened to the twelve calendar
# months ending with the month of the chosen end date.
YEAR_MONTHS = 12

# Interactions with one person, read from the event's payload: the first key that is set.
ONE_PERSON = {
    "comment.created": ("parent_author_id", "target_author_id"),  # The comment answered.
    "reply.created": ("quoted_author_id", "thread_author_id"),
    "reaction.added": ("target_author_id",),
    "post.shared": ("original_author_id",),
    "reply.voted": ("reply_author_id",),
    "answer.accepted": ("reply_author_id",),
}
# Interactions with each person of a list: mentions and praise.
MANY_PEOPLE = {
    "post.created": "mentioned_user_ids",
    "comment.created": "mentioned_user_ids",
    "reply.created": "mentioned_user_ids",
    "thread.created": "mentioned_user_ids",
    "article.published": "mentioned_user_ids",
    "praise.given": "recipient_ids",
}


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    items: Figure  # Public items with the tag, from ``people`` distinct authors.


@dataclass(frozen=True)
class MonthTopics:
    department_id: int
    department: str
    month: date  # The first day of the month.
    items: Figure  # All the department's public items that month.
    topics: list[Topic]  # At most three, most items first.


@dataclass(frozen=True)
class Interaction:
    interactions: int
    actors: int
    targets: int

    @property
    def figure(self) -> Figure:
        return Figure(self.interactions, min(self.actors, self.targets))


@dataclass(frozen=True)
class Matrix:
    """Rows: the actors' departments; columns: the departments of those they acted on."""

    rows: list[tuple[int, str]]
    columns: list[tuple[int, str]]
    cells: dict[tuple[int, int], Interaction]

    def cell(self, row: int, column: int) -> Figure | None:
        found = self.cells.get((row, column))
        return found.figure if found else None


@dataclass(frozen=True)
class Departments:
    topics_start: date
    topics_end: date
    topics: list[MonthTopics]
    matrix: Matrix


# --- SQL helpers: the same aggregates on PostgreSQL and SQLite ------------------------------


def _pg() -> bool:
    return connection.vendor == "postgresql"


def _text(column: str, key: str) -> str:
    return f"{column}->>'{key}'" if _pg() else f"json_extract({column}, '$.{key}')"


def _elements(column: str, key: str) -> tuple[str, str, str]:
    """(FROM item, its value, the guard that it is a non-empty list) for ``column.key``."""
    if _pg():
        return (
            f"jsonb_array_elements_text(CASE WHEN jsonb_typeof({column}->'{key}') = 'array' "
            f"THEN {column}->'{key}' ELSE '[]'::jsonb END) AS m(value)",
            "m.value",
            f"jsonb_typeof({column}->'{key}') = 'array' AND {column}->'{key}' <> '[]'::jsonb",
        )
    return (
        f"json_each({column}, '$.{key}') AS m",
        "m.value",
        f"json_type({column}, '$.{key}') = 'array' AND json_array_length({column}, '$.{key}') > 0",
    )


def _month(value) -> date:
    """The first day of a truncated month as the database returns it (text on SQLite)."""
    return date_of(value).replace(day=1)


def _fetch(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# --- topics by month -----------------------------------------------------------------------


def topics_range(filters: Filters) -> tuple[date, date]:
    """The days the topics cover: the whole calendar months of the filters' range, widened to
    the twelve months ending with the month of ``filters.end`` when it is shorter."""
    month, year = filters.end.month - (YEAR_MONTHS - 1), filters.end.year
    if month < 1:
        month, year = month + 12, year - 1
    last = period_bounds("month", month_start(filters.end))[1] - timedelta(days=1)
    return min(month_start(filters.start), date(year, month, 1)), last


def _where(filters: Filters, department: str, office: str, community: str) -> tuple[str, list]:
    sql, params = "", []
    for column, value in (
        (department, filters.department),
        (office, filters.office),
        (community, filters.community),
    ):
        if value is not None:
            sql += f" AND {column} = %s"
            params.append(value.pk)
    return sql, params


def _topic_groups_sql(filters: Filters, start: date, end: date, tags: str) -> tuple[str, list]:
    """Rows (department, month, tag, items, people) of the months from ``start`` to ``end``
    whose tag matches ``tags`` (an SQL condition on ``tag``): the totals per department or
    office, or, for a community, summed from one row per author (hashed; COUNT(DISTINCT)
    sorts)."""
    months = [start.isoformat(), end.isoformat()]
    if filters.community is None:
        where, params = _where(filters, "department_id", "office_id", "community_id")
        sql = (
            "SELECT department_id AS department, month, tag, items, people "
            f"FROM {DepartmentTopicTotal._meta.db_table} "
            f"WHERE scope = %s AND {tags} AND month >= %s AND month <= %s{where}"
        )
        return sql, [cell_scope(filters), *months, *params]
    where, params = _where(filters, "department_id", "office_id", "community_id")
    sql = f"""
        SELECT department, month, tag, SUM(items) AS items, COUNT(*) AS people FROM (
            SELECT department_id AS department, month, tag, author_id, SUM(items) AS items
            FROM {DepartmentTopicMonth._meta.db_table}
            WHERE {tags} AND month >= %s AND month <= %s{where}
            GROUP BY department_id, month, tag, author_id
        ) AS per_author GROUP BY department, month, tag
    """  # noqa: S608 - constant SQL with parameters.
    return sql, [*months, *params]


def department_topics_by_month(filters: Filters) -> tuple[date, date, list[MonthTopics]]:
    """Per department and month, its public items and its top three topics (tags) among
    those used by at least ``ANALYTICS_MIN_GROUP_SIZE`` of its people. Four queries."""
    start, end = topics_range(filters)
    every, params = _topic_groups_sql(filters, start, end, "tag = ''")
    volumes = _fetch(f"SELECT department, month, items, people FROM ({every}) AS v", params)
    # The top three per (department, month) among the topics of enough people.
    topics, params = _topic_groups_sql(filters, start, end, "tag <> ''")
    sql = f"""
        WITH ranked AS (
            SELECT department, month, tag, items, people, ROW_NUMBER() OVER (
                PARTITION BY department, month ORDER BY items DESC, people DESC, tag
            ) AS position
            FROM ({topics}) AS t WHERE people >= %s
        )
        SELECT department, month, tag, items, people FROM ranked
        WHERE position <= %s ORDER BY department, month, position
    """  # noqa: S608 - constant SQL with parameters.
    found = _fetch(sql, [*params, min_group_size(), TOPICS_PER_MONTH])
    slugs = {row[2] for row in found if is_reportable(row[4])}
    department_ids = {row[0] for row in volumes}
    names = dict(Tag.objects.filter(slug__in=slugs).values_list("slug", "name")) if slugs else {}
    departments = dict(Department.objects.filter(pk__in=department_ids).values_list("pk", "name"))
    topics = defaultdict(list)
    for department, month, slug, items, people in found:
        if is_reportable(people):
            topics[department, _month(month)].append(
                Topic(slug=slug, name=names.get(slug, slug), items=Figure(int(items), people))
            )
    result = [
        MonthTopics(
            department_id=department,
            department=departments.get(department, "?"),
            month=_month(month),
            items=Figure(int(items), people),
            topics=topics.get((department, _month(month)), []),
        )
        for department, month, items, people in volumes
    ]
    result.sort(key=lambda row: (row.department.casefold(), row.month))
    return start, end, result


# --- who talks to whom ---------------------------------------------------------------------


def _public_events(since, until, verbs, department, office, community_id) -> tuple[str, tuple]:
    """The SQL (and parameters) of the public events of ``verbs`` from ``since`` to before
    ``until``, of the place and community given (None: any)."""
    rows = Event.objects.filter(
        verb__in=sorted(verbs),
        occurred_at__gte=since,
        occurred_at__lt=until,
        community_public=True,
        actor__isnull=False,
        department__isnull=False,
    )
    if department is not None:
        rows = rows.filter(department_id=department)
    if office is not None:
        rows = rows.filter(office_id=office)
    if community_id is not None:
        rows = rows.filter(community_id=community_id)
    rows = rows.order_by().values(
        "verb", "actor_id", "department_id", "office_id", "community_id", "payload"
    )
    return rows.query.sql_with_params()


def _one_person_sql() -> str:
    """The person an event of ``ONE_PERSON`` acts on (NULL for other verbs), as text."""
    whens = []
    for verb, keys in ONE_PERSON.items():
        found = [_text("e.payload", key) for key in keys]
        value = f"COALESCE({', '.join(found)})" if len(found) > 1 else found[0]
        whens.append(f"WHEN '{verb}' THEN {value}")
    return f"CASE e.verb {' '.join(whens)} END"


def interaction_pairs_sql(
    since, until, *, department=None, office=None, community_id=None
) -> tuple[str, list]:
    """One row (actor's department, office, community, actor, person acted on) per
    interaction from ``since`` to before ``until``: one branch per payload shape, each
    reading only its verbs. A person both answered and mentioned by the same comment or reply
    counts once. Oneself is not left out here."""
    big = "bigint" if _pg() else "integer"
    one = _one_person_sql()
    place = (department, office, community_id)
    inner, params = _public_events(since, until, ONE_PERSON, *place)
    columns = "e.department_id AS source, e.office_id AS office, e.community_id AS community"
    branches = [
        f"SELECT {columns}, e.actor_id AS actor, CAST({one} AS {big}) AS target FROM ({inner}) AS e"
    ]
    params = list(params)
    by_key = defaultdict(list)
    for verb, key in MANY_PEOPLE.items():
        by_key[key].append(verb)
    distinct = "IS DISTINCT FROM" if _pg() else "IS NOT"
    for key, verbs in by_key.items():
        inner, more = _public_events(since, until, verbs, *place)
        source, value, guard = _elements("e.payload", key)
        branches.append(
            f"SELECT e.department_id, e.office_id, e.community_id, e.actor_id, "
            f"CAST({value} AS {big}) FROM ({inner}) AS e, "
            f"{source} WHERE {guard} AND {value} {distinct} {one}"
        )
        params.extend(more)
    return " UNION ALL ".join(branches), params


def department_pairs_sql(
    since, until, *, department=None, office=None, community_id=None
) -> tuple[str, list]:
    """``interaction_pairs_sql`` with the department of the person acted on (their current
    one), leaving out oneself and people without a department: rows (source, office,
    community, target_department, actor, target)."""
    pairs, params = interaction_pairs_sql(
        since, until, department=department, office=office, community_id=community_id
    )
    sql = (
        "SELECT p.source, p.office, p.community, u.department_id AS target_department, "
        f"p.actor, p.target FROM ({pairs}) AS p JOIN {User._meta.db_table} AS u "
        "ON u.id = p.target WHERE u.department_id IS NOT NULL AND p.target <> p.actor"
    )
    return sql, params


def cell_scope(filters: Filters) -> str:
    """The level of ``InteractionCellMonth`` rows that holds exactly what ``filters`` keep."""
    if filters.community is not None:
        return CellScope.COMMUNITY
    if filters.office is not None:
        return CellScope.OFFICE
    return CellScope.ALL


def _cells_and_log_sql(filters: Filters) -> tuple[str, list, str, list]:
    """The rollup rows of the range's whole months (and of the current month, refreshed
    hourly), and the interactions of its other days from the event log: (SQL of rows
    (source, target, n, actors, targets), its parameters, SQL of rows (source, target,
    actor, person), its parameters)."""
    # The whole calendar months of the range (not ``pieces_of``, which takes a week first
    # when the range starts on a Monday, and then never reaches a month).
    first = filters.start
    if first.day != 1:
        first = period_bounds("month", month_start(first))[1]
    after = month_start(filters.end + timedelta(days=1))
    if filters.end >= local_today():
        # The current month's rows hold everything up to the last hourly run: read them
        # rather than the log (a range cannot reach past today). A range that starts after
        # its first day reads it from the log.
        after = period_bounds("month", month_start(filters.end))[1]
    place = {
        "department": filters.department.pk if filters.department else None,
        "office": filters.office.pk if filters.office else None,
        "community_id": filters.community.pk if filters.community else None,
    }
    spans = [(filters.start, filters.end)]
    if first < after:
        spans = [(filters.start, first - timedelta(days=1)), (after, filters.end)]
    else:
        first = after = filters.start  # No whole month: the month bounds select no row.
    where, more = _where(filters, "actor_department_id", "actor_office_id", "community_id")
    stored = (
        "SELECT actor_department_id AS source, target_department_id AS target, "
        f"interactions AS n, actors, targets FROM {InteractionCellMonth._meta.db_table} "
        f"WHERE scope = %s AND month >= %s AND month < %s{where}"
    )
    stored_params = [cell_scope(filters), first.isoformat(), after.isoformat(), *more]
    branches, log_params = [], []
    for first_day, last_day in spans:
        if first_day <= last_day:
            pairs, params = department_pairs_sql(
                day_bounds(first_day)[0], day_bounds(last_day)[1], **place
            )
            branches.append(pairs)
            log_params += params
    if not branches:  # An empty set of the same shape.
        pairs, params = department_pairs_sql(filters.since, filters.since, **place)
        branches, log_params = [pairs], list(params)
    log = (
        "SELECT r.source, r.target_department AS target, r.actor, r.target AS person "
        f"FROM ({' UNION ALL '.join(branches)}) AS r"
    )
    return stored, stored_params, log, log_params


def _counts_in_postgresql(filters: Filters) -> list[tuple]:
    """(source, target, interactions, actors, people acted on) per cell: the stored bitmaps
    and those of the days read from the log, padded to one width, united and counted."""
    stored, stored_params, log, log_params = _cells_and_log_sql(filters)
    sql = f"""
        WITH stored AS ({stored}),
        logged AS (
            SELECT source, target, actor, person, COUNT(*) AS n, GROUPING(actor) AS of_person
            FROM ({log}) AS l
            GROUP BY GROUPING SETS ((source, target, actor), (source, target, person))
        ),
        blank AS (
            SELECT repeat('0', GREATEST(
                (SELECT MAX(GREATEST(length(actors), length(targets))) FROM stored),
                (SELECT MAX(COALESCE(actor, person)) + 1 FROM logged), 0
            )::int)::varbit AS bits
        ),
        cells AS (
            SELECT s.source, s.target, s.n, overlay(b.bits PLACING s.actors FROM 1) AS actors,
                   overlay(b.bits PLACING s.targets FROM 1) AS targets
            FROM stored AS s CROSS JOIN blank AS b
            UNION ALL
            SELECT l.source, l.target, CASE WHEN l.of_person = 0 THEN l.n ELSE 0 END,
                   CASE WHEN l.of_person = 0 THEN set_bit(b.bits, l.actor::int, 1)
                        ELSE b.bits END,
                   CASE WHEN l.of_person = 1 THEN set_bit(b.bits, l.person::int, 1)
                        ELSE b.bits END
            FROM logged AS l CROSS JOIN blank AS b
        )
        SELECT source, target, SUM(n), bit_count(bit_or(actors)), bit_count(bit_or(targets))
        FROM cells GROUP BY source, target
    """  # noqa: S608 - the inner queries are Django's, with parameters; the rest is constant.
    return _fetch(sql, [*stored_params, *log_params])


def _counts_in_python(filters: Filters) -> list[tuple]:
    """The same as ``_counts_in_postgresql`` on the other databases (the embedded mode's
    small data): the stored id lists and the log's pairs, united in Python."""
    stored, stored_params, log, log_params = _cells_and_log_sql(filters)
    sql = f"""
        SELECT source, target, n, actors, targets, NULL, NULL FROM ({stored}) AS s
        UNION ALL
        SELECT source, target, COUNT(*), NULL, NULL, actor, person FROM ({log}) AS l
        GROUP BY source, target, actor, person
    """  # noqa: S608 - the inner queries are Django's, with parameters; the rest is constant.
    cells: dict[tuple[int, int], list] = {}
    for source, target, n, actors, targets, actor, person in _fetch(
        sql, [*stored_params, *log_params]
    ):
        cell = cells.setdefault((source, target), [0, set(), set()])
        cell[0] += n
        if actor is None:
            cell[1].update(json.loads(actors))
            cell[2].update(json.loads(targets))
        else:
            cell[1].add(actor)
            cell[2].add(person)
    return [
        (source, target, n, len(actors), len(targets))
        for (source, target), (n, actors, targets) in cells.items()
    ]


def department_interactions(filters: Filters) -> Matrix:
    """Who talks to whom across departments in public places: per department of the actor
    (as logged) and department of the person acted on (when the month was rolled up; now,
    for the days read from the log), the interactions (comments and replies to their
    writing, reactions, shares, votes, accepted answers, mentions and praise; one per event
    and person, never oneself) and the distinct people on both sides. Two queries."""
    found = _counts_in_postgresql(filters) if _pg() else _counts_in_python(filters)
    cells = {
        (source, target): Interaction(int(interactions), int(actors), int(targets))
        for source, target, interactions, actors, targets in found
    }
    ids = {key for pair in cells for key in pair}
    names = dict(Department.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}

    def ordered(keys):
        return sorted(((key, names.get(key, "?")) for key in keys), key=lambda k: k[1].casefold())

    return Matrix(
        rows=ordered({source for source, _target in cells}),
        columns=ordered({target for _source, target in cells}),
        cells=cells,
    )


def departments_dashboard(filters: Filters) -> Departments:
    """Everything the departments dashboard shows, for ``filters``."""
    start, end, topics = department_topics_by_month(filters)
    return Departments(
        topics_start=start,
        topics_end=end,
        topics=topics,
        matrix=department_interactions(filters),
    )


def month_label(month: date) -> str:
    """``2026-03``: sorts and reads the same in every language."""
    return f"{month:%Y-%m}"
