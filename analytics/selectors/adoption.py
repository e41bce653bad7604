"""Adoption: attract (registered vs activated), engage (DAU / WAU / MAU, stickiness, actions,
who posts and who only reads) and retain (weekly cohorts), read from the rollup tables.

Every number is a ``Figure`` carrying the distinct people it was built from, so whatever
renders it applies the suppression rule. Activity in private and secret communities counts
in the company-wide totals only: any breakdown or filter by department or office reads the
``public_*`` counters. Being active at all (a login, a search) and activation reveal no
content and no community, so attract and retain count all of a person's activity.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from analytics.models import DailyActivity, PeriodActivity, PeriodGroupActivity, PersonAdoption
from analytics.privacy import Figure
from analytics.rollups import days_between, month_start, pieces_of, week_start
from profiles.models import Department, Office


@dataclass(frozen=True)
class Group:
    """A department or an office (``id`` None: people without one)."""

    id: int | None
    name: str


# --- attract ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttractRow:
    """People who registered in ``week`` (None: the whole range) in ``department`` (None: all
    departments), and how many of them were activated: a first post, comment or reaction
    within 7 days. Every figure is built from the ``registered`` people."""

    week: datetime.date | None
    department: Group | None
    registered: Figure
    activated: Figure
    rate: Figure  # Per cent of registered.


@dataclass(frozen=True)
class Attract:
    rows: list[AttractRow]  # Week x department, by week then department name.
    weeks: list[AttractRow]  # Per week, all departments together.
    total: AttractRow


def _id(value) -> int | None:
    return getattr(value, "pk", value)


def _percent(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 1) if whole else None


def _groups(model, ids) -> dict[int | None, Group]:
    names = dict(model.objects.filter(pk__in=[i for i in ids if i is not None]).values_list(
        "pk", "name"))  # fmt: skip
    none = _("No department") if model is Department else _("No office")
    return {i: Group(i, names.get(i, none) if i is not None else none) for i in ids}


def _attract_row(week, department, registered: int, activated: int) -> AttractRow:
    return AttractRow(
        week=week,
        department=department,
        registered=Figure(registered, registered),
        activated=Figure(activated, registered),
        rate=Figure(_percent(activated, registered), registered),
    )


def attract(start: datetime.date, end: datetime.date, *, department=None, office=None) -> Attract:
    """Registered vs activated people per week of registration and department."""
    people = PersonAdoption.objects.filter(registered_on__gte=start, registered_on__lte=end)
    if department is not None:
        people = people.filter(department_id=_id(department))
    if office is not None:
        people = people.filter(office_id=_id(office))
    cells: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for row in (
        people.order_by()
        .values("registered_on", "department_id")
        .annotate(registered=Count("user_id"), activated=Count("user_id", filter=Q(activated=True)))
    ):
        cell = cells[(week_start(row["registered_on"]), row["department_id"])]
        cell[0] += row["registered"]
        cell[1] += row["activated"]
    departments = _groups(Department, {d for _w, d in cells})
    weeks: dict[datetime.date, list[int]] = defaultdict(lambda: [0, 0])
    for (week, _d), (registered, activated) in cells.items():
        weeks[week][0] += registered
        weeks[week][1] += activated
    rows = sorted(
        (_attract_row(week, departments[d], *counts) for (week, d), counts in cells.items()),
        key=lambda r: (r.week, r.department.name),
    )
    total = [sum(c[0] for c in weeks.values()), sum(c[1] for c in weeks.values())]
    return Attract(
        rows=rows,
        weeks=[_attract_row(week, None, *weeks[week]) for week in sorted(weeks)],
        total=_attract_row(None, None, *total),
    )


# --- engage -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EngageFigures:
    """Engagement of one group over the range; every figure is built from the ``active``
    people (distinct people with at least one action in the range)."""

    active: Figure
    dau: Figure  # Average people active per day.
    wau: Figure  # Average per week (weeks overlapping the range, Monday to Sunday).
    mau: Figure  # Average per calendar month overlapping the range.
    stickiness: Figure  # DAU / MAU, per cent.
    actions_per_active: Figure
    contributors: Figure  # Per cent of active people who wrote something.
    reactors: Figure  # Per cent who reacted or voted but wrote nothing.
    readers: Figure  # Per cent who only read (logged in, searched, followed ...).


@dataclass(frozen=True)
class EngageGroup:
    group: Group
    figures: EngageFigures


@dataclass(frozen=True)
class Engage:
    # Company-wide (private-community activity included) unless a department or office
    # filter was given; then only public activity, as in the breakdowns.
    total: EngageFigures
    daily: list[tuple[datetime.date, Figure]]  # People active each day (of ``total``), if asked.
    by_department: list[EngageGroup] = field(default_factory=list)
    by_office: list[EngageGroup] = field(default_factory=list)
    company_wide: bool = True


@dataclass(frozen=True)
class _Counts:
    """One group's sums: active people, their actions, how many of them wrote something,
    how many only reacted or voted, and people active summed over the days, weeks and
    months."""

    people: int = 0
    actions: int = 0
    contributors: int = 0
    reactors: int = 0
    day_sum: int = 0
    week_sum: int = 0
    month_sum: int = 0

    def figures(self, days: int, weeks: int, months: int) -> EngageFigures:
        n = self.people
        readers = n - self.contributors - self.reactors
        return EngageFigures(
            active=Figure(n, n),
            dau=Figure(_ratio(self.day_sum, days), n),
            wau=Figure(_ratio(self.week_sum, weeks), n),
            mau=Figure(_ratio(self.month_sum, months), n),
            # From the unrounded averages.
            stickiness=Figure(_percent(self.day_sum / days, self.month_sum / months), n),
            actions_per_active=Figure(_ratio(self.actions, n), n),
            contributors=Figure(_percent(self.contributors, n), n),
            reactors=Figure(_percent(self.reactors, n), n),
            readers=Figure(_percent(readers, n), n),
        )


PUBLIC_ACTIVE = Q(public_actions__gt=0)


def _counts(actions: str, contributions: str, reactions: str, days: str) -> str:
    """The select list of a group's people, actions, writers, only-reactors, person-days."""
    return (
        f"CAST(SUM(CASE WHEN {actions} > 0 THEN 1 ELSE 0 END) AS INTEGER), "
        f"CAST(SUM({actions}) AS INTEGER), "
        f"CAST(SUM(CASE WHEN {contributions} > 0 THEN 1 ELSE 0 END) AS INTEGER), "
        f"CAST(SUM(CASE WHEN {contributions} = 0 AND {reactions} > 0 THEN 1 ELSE 0 END) AS "
        f"INTEGER), CAST(SUM({days}) AS INTEGER)"
    )


# Per person and place (``keyed``), the range's days as its pieces add them up: whole
# months and weeks from their rows, the days left over from the daily rows. Then per person
# (everything) and per person and department or office (public activity only), and one row
# per group: the database hands back a few dozen rows instead of one per person.
PEOPLE_SQL = """
WITH keyed AS (
    SELECT user_id, d, o, {keyed}
    FROM ({pieces}) AS pieces
    GROUP BY user_id, d, o
), by_user AS (
    SELECT {by_user} FROM keyed GROUP BY user_id
), by_department AS (
    SELECT d AS grp, {by_place} FROM keyed GROUP BY d, user_id
), by_office AS (
    SELECT o AS grp, {by_place} FROM keyed GROUP BY o, user_id
)
SELECT 'all', NULL, {everyone}, {public} FROM by_user
UNION ALL
SELECT 'department', grp, 0, 0, 0, 0, 0, {public} FROM by_department GROUP BY grp
UNION ALL
SELECT 'office', grp, 0, 0, 0, 0, 0, {public} FROM by_office GROUP BY grp
"""


def _sums(*names: str) -> str:
    # Integer sums: PostgreSQL sums bigints into numerics, which cost a third of the query.
    return ", ".join(f"CAST(SUM({name}) AS INTEGER) AS {name}" for name in names)


DAYS_SQL = """
SELECT user_id, department_id AS d, office_id AS o, 1 AS days,
    CASE WHEN public_actions > 0 THEN 1 ELSE 0 END AS pdays, actions AS a, contributions AS c,
    reactions AS r, public_actions AS pa, public_contributions AS pc, public_reactions AS pr
FROM {table} WHERE day IN ({days}){place}
"""
WHOLE_PERIODS_SQL = """
SELECT user_id, department_id AS d, office_id AS o, days_active AS days,
    public_days_active AS pdays, actions AS a, contributions AS c, reactions AS r,
    public_actions AS pa, public_contributions AS pc, public_reactions AS pr
FROM {table}
WHERE ((period = 'month' AND start IN ({months})) OR (period = 'week' AND start IN ({weeks})))
    {place}
"""
# People active per week and per month of the weeks and months overlapping the range, per
# department and office: a few hundred rows of ``PeriodGroupActivity``.
PERIODS_SQL = """
SELECT period, department_id, office_id, CAST(SUM(people) AS INTEGER),
    CAST(SUM(public_people) AS INTEGER)
FROM {table}
WHERE ((period = 'week' AND start >= %s AND start <= %s)
    OR (period = 'month' AND start >= %s AND start <= %s)){place}
GROUP BY period, department_id, office_id
"""


def _in(values: list) -> tuple[str, list]:
    """``IN (...)`` placeholders and parameters for ``values`` (none: matches nothing)."""
    if not values:
        return "NULL", []
    return ", ".join(["%s"] * len(values)), [value.isoformat() for value in values]


def _place_sql(department, office) -> tuple[str, list]:
    sql, params = "", []
    if department is not None:
        sql += " AND department_id = %s"
        params.append(_id(department))
    if office is not None:
        sql += " AND office_id = %s"
        params.append(_id(office))
    return sql, params


def _engage_counts(start, end, department, office):
    """The ``_Counts`` of everyone, of public activity, per department and per office (public
    activity only), and the people active per week and month per department and office."""
    whole_months, whole_weeks, odd_days = pieces_of(start, end)
    place, place_params = _place_sql(department, office)
    pieces, params = [], []
    if odd_days:
        days, days_params = _in(odd_days)
        pieces.append(DAYS_SQL.format(table=DailyActivity._meta.db_table, days=days, place=place))
        params += [*days_params, *place_params]
    if whole_months or whole_weeks:
        (months, months_params), (weeks, weeks_params) = _in(whole_months), _in(whole_weeks)
        table = PeriodActivity._meta.db_table
        pieces.append(WHOLE_PERIODS_SQL.format(table=table, months=months, weeks=weeks,
                                               place=place))  # fmt: skip
        params += [*months_params, *weeks_params, *place_params]
    people_sql = PEOPLE_SQL.format(
        pieces=" UNION ALL ".join(pieces),
        keyed=_sums("days", "pdays", "a", "c", "r", "pa", "pc", "pr"),
        by_user=_sums("days", "pdays", "a", "c", "r", "pa", "pc", "pr"),
        by_place=_sums("pdays", "pa", "pc", "pr"),
        everyone=_counts("a", "c", "r", "days"),
        public=_counts("pa", "pc", "pr", "pdays"),
    )
    periods_params = [week_start(start), week_start(end), month_start(start), month_start(end)]
    with connections[DailyActivity.objects.db].cursor() as cursor:
        cursor.execute(people_sql, params)
        people = cursor.fetchall()
        cursor.execute(
            PERIODS_SQL.format(table=PeriodGroupActivity._meta.db_table, place=place),
            [*(day.isoformat() for day in periods_params), *place_params],
        )
        periods = cursor.fetchall()
    return people, periods


def engage(
    start: datetime.date,
    end: datetime.date,
    *,
    department=None,
    office=None,
    daily: bool = True,
) -> Engage:
    """DAU / WAU / MAU, stickiness, actions per active person and who contributes, reacts or
    only reads, for the range (and the filters), by department and by office; with ``daily``,
    the people active each day as well (which reads every daily row of the range).

    The rollups hold one row per person and day (week, month), so people active per day
    summed over the days is a row count, and no figure needs a COUNT(DISTINCT)."""
    company_wide = department is None and office is None
    people, periods = _engage_counts(start, end, department, office)
    total, groups = [0] * 7, {"department": {}, "office": {}}
    for kind, group_id, *counts in people:
        counts = [int(value or 0) for value in counts]  # SUM over no rows is NULL.
        if kind == "all":
            total = counts[:5] if company_wide else counts[5:]
        elif counts[5]:  # Public activity in the range.
            groups[kind][group_id] = [*counts[5:], 0, 0]
    total = [*total, 0, 0]
    for period, department_id, office_id, everyone, public in periods:
        at = 5 if period == "week" else 6  # ``_Counts.week_sum`` or ``month_sum``.
        total[at] += everyone if company_wide else public
        for kind, group_id in (("department", department_id), ("office", office_id)):
            # Only groups with public activity in the range, not only elsewhere in its weeks.
            if (counts := groups[kind].get(group_id)) is not None:
                counts[at] += public

    days = days_between(start, end)
    spans = (len(days), len({week_start(d) for d in days}), len({month_start(d) for d in days}))
    day_counts = {}
    if daily:
        series = DailyActivity.objects.filter(day__gte=start, day__lte=end)
        if department is not None:
            series = series.filter(department_id=_id(department))
        if office is not None:
            series = series.filter(office_id=_id(office))
        if not company_wide:
            series = series.filter(PUBLIC_ACTIVE)
        day_counts = dict(
            series.order_by().values("day").annotate(n=Count("id")).values_list("day", "n")
        )

    def grouped(model, found: dict) -> list[EngageGroup]:
        names = _groups(model, found)
        return sorted(
            (EngageGroup(names[i], _Counts(*c).figures(*spans)) for i, c in found.items()),
            key=lambda g: g.group.name,
        )

    return Engage(
        total=_Counts(*total).figures(*spans),
        daily=[(d, Figure(day_counts.get(d, 0), day_counts.get(d, 0))) for d in days if daily],
        by_department=grouped(Department, groups["department"]),
        by_office=grouped(Office, groups["office"]),
        company_wide=company_wide,
    )


# --- retain -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortCell:
    """Of the people whose first active week was the cohort's, how many were active
    ``weeks_since`` weeks later. Built from the cohort's people."""

    weeks_since: int
    retained: Figure
    share: Figure  # Per cent of the cohort.


@dataclass(frozen=True)
class Cohort:
    week: datetime.date  # Monday of the week of first activity.
    size: Figure
    cells: list[CohortCell]


@dataclass(frozen=True)
class Retention:
    cohorts: list[Cohort]  # Oldest first; a cohort's row stops at the range's last week.
    weeks: int  # The most weeks-since any row has (the heat map's width - 1).


# People of each cohort active in each week, up to the weeks followed (one row per person
# and week). Joined on the adoption rows directly: the ORM would go through the people table.
RETAINED_SQL = """
SELECT p.cohort_week, a.start, COUNT(*)
FROM {activity} a JOIN {people} p ON p.user_id = a.user_id
WHERE a.period = 'week' AND a.start >= %s AND a.start <= %s
    AND p.cohort_week >= %s AND p.cohort_week <= %s AND a.start <= {followed}{place}
GROUP BY p.cohort_week, a.start
"""


def _date(value) -> datetime.date:
    """A date from a raw query (SQLite hands back text)."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def retention(
    start: datetime.date, end: datetime.date, *, department=None, office=None, weeks: int = 12
) -> Retention:
    """The weekly cohort table: cohorts first active from ``start``'s week to ``end``, each
    followed for up to ``weeks`` weeks (not past ``end``'s week)."""
    first, last = week_start(start), week_start(end)
    people = PersonAdoption.objects.filter(cohort_week__gte=first, cohort_week__lte=last)
    place, params = "", [first, last, first, last]
    if department is not None:
        people = people.filter(department_id=_id(department))
        place += " AND p.department_id = %s"
    if office is not None:
        people = people.filter(office_id=_id(office))
        place += " AND p.office_id = %s"
    sizes = dict(
        people.order_by().values("cohort_week").annotate(n=Count("user_id")).values_list(
            "cohort_week", "n")
    )  # fmt: skip
    connection = connections[PeriodActivity.objects.db]
    if connection.vendor == "postgresql":
        followed = f"p.cohort_week + {int(weeks) * 7}"
    else:
        followed = f"date(p.cohort_week, '+{int(weeks) * 7} days')"
    sql = RETAINED_SQL.format(
        activity=PeriodActivity._meta.db_table,
        people=PersonAdoption._meta.db_table,
        followed=followed,
        place=place,
    )
    params = [day.isoformat() for day in params]
    params += [_id(group) for group in (department, office) if group is not None]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        retained = {(_date(cohort), _date(week)): n for cohort, week, n in cursor.fetchall()}
    cohorts, widest = [], 0
    for week in sorted(sizes):
        size = sizes[week]
        span = min(weeks, (last - week).days // 7)
        widest = max(widest, span)
        cells = []
        for since in range(span + 1):
            count = retained.get((week, week + datetime.timedelta(weeks=since)), 0)
            share = Figure(_percent(count, size), size)
            cells.append(CohortCell(since, Figure(count, size), share))
        cohorts.append(Cohort(week, Figure(size, size), cells))
    return Retention(cohorts=cohorts, weeks=widest)
