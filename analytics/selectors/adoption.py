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
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from analytics.models import DailyActivity, PeriodActivity, PersonAdoption
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
    daily: list[tuple[datetime.date, Figure]]  # People active each day (of ``total``).
    by_department: list[EngageGroup] = field(default_factory=list)
    by_office: list[EngageGroup] = field(default_factory=list)
    company_wide: bool = True


@dataclass
class _Tally:
    people: set = field(default_factory=set)
    actions: int = 0
    contributors: set = field(default_factory=set)
    reactors: set = field(default_factory=set)
    day_sum: int = 0
    week_sum: int = 0
    month_sum: int = 0

    def add(self, user_id, actions, contributions, reactions, days):
        self.people.add(user_id)
        self.actions += actions
        self.day_sum += days
        if contributions:
            self.contributors.add(user_id)
        if reactions:
            self.reactors.add(user_id)

    def figures(self, days: int, weeks: int, months: int) -> EngageFigures:
        n = len(self.people)
        reactors_only = len(self.reactors - self.contributors)
        readers = n - len(self.contributors | self.reactors)
        dau, wau = _ratio(self.day_sum, days), _ratio(self.week_sum, weeks)
        mau = _ratio(self.month_sum, months)
        return EngageFigures(
            active=Figure(n, n),
            dau=Figure(dau, n),
            wau=Figure(wau, n),
            mau=Figure(mau, n),
            # From the unrounded averages.
            stickiness=Figure(_percent(self.day_sum / days, self.month_sum / months), n),
            actions_per_active=Figure(_ratio(self.actions, n), n),
            contributors=Figure(_percent(len(self.contributors), n), n),
            reactors=Figure(_percent(reactors_only, n), n),
            readers=Figure(_percent(readers, n), n),
        )


PUBLIC_SUMS = ("public_actions", "public_contributions", "public_reactions")
ALL_SUMS = ("actions", "contributions", "reactions")
PUBLIC_ACTIVE = Q(public_actions__gt=0)


def _placed(queryset, department, office):
    if department is not None:
        queryset = queryset.filter(department_id=_id(department))
    if office is not None:
        queryset = queryset.filter(office_id=_id(office))
    return queryset


def _raw_rows(queryset, columns: tuple[str, ...]) -> list[tuple]:
    """The rows of a ``values(...).annotate(...)`` queryset as plain tuples in ``columns``
    order, without Django's per-value converters: a company's worth of people is thousands
    of rows, and converting them cost more than the query."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    if names == list(columns):
        return rows
    order = [names.index(name) for name in columns]
    return [tuple(row[i] for i in order) for row in rows]


def engage(start: datetime.date, end: datetime.date, *, department=None, office=None) -> Engage:
    """DAU / WAU / MAU, stickiness, actions per active person and who contributes, reacts or
    only reads, for the range (and the filters), by department and by office.

    The rollups hold one row per person and day (week, month), so people active per day
    summed over the days is a row count, and no figure needs a COUNT(DISTINCT)."""
    company_wide = department is None and office is None
    days = days_between(start, end)
    weeks = sorted({week_start(d) for d in days})
    months = sorted({month_start(d) for d in days})
    daily = _placed(DailyActivity.objects.filter(day__gte=start, day__lte=end), department, office)
    periods = _placed(
        PeriodActivity.objects.filter(
            Q(period="week", start__in=weeks) | Q(period="month", start__in=months)
        ),
        department,
        office,
    )

    total, by_department, by_office = _Tally(), defaultdict(_Tally), defaultdict(_Tally)
    # Per person and place: whole months and weeks from their rows, the other days from the
    # daily rows (a few rows per person instead of one a day).
    whole_months, whole_weeks, odd_days = pieces_of(start, end)
    sums = {n: Sum(n) for n in ALL_SUMS + PUBLIC_SUMS}
    keys = ("user_id", "department_id", "office_id")
    from_days = (
        daily.filter(day__in=odd_days)
        .order_by()
        .values(*keys)
        .annotate(days=Count("id"), public_days=Count("id", filter=PUBLIC_ACTIVE), **sums)
    )
    from_periods = (
        _placed(
            PeriodActivity.objects.filter(
                Q(period="month", start__in=whole_months) | Q(period="week", start__in=whole_weeks)
            ),
            department,
            office,
        )
        .order_by()
        .values(*keys)
        .annotate(days=Sum("days_active"), public_days=Sum("public_days_active"), **sums)
    )
    columns = (*keys, "days", "public_days", *ALL_SUMS, *PUBLIC_SUMS)
    people: dict[tuple, list[int]] = {}
    sources = [from_days] if odd_days else []
    if whole_months or whole_weeks:
        sources.append(from_periods)
    for source in sources:
        for row in _raw_rows(source, columns):
            key, counts = row[:3], row[3:]
            kept = people.get(key)
            if kept is None:
                people[key] = list(counts)
            else:
                for i, value in enumerate(counts):
                    kept[i] += value
    for (user_id, department_id, office_id), counts in people.items():
        person_days, public_days, actions, contributions, reactions, *public = counts
        if company_wide:
            total.add(user_id, actions, contributions, reactions, person_days)
        elif public[0]:
            total.add(user_id, *public, public_days)
        if public[0]:
            by_department[department_id].add(user_id, *public, public_days)
            by_office[office_id].add(user_id, *public, public_days)

    series = daily if company_wide else daily.filter(PUBLIC_ACTIVE)
    day_counts = dict(
        series.order_by().values("day").annotate(n=Count("id")).values_list("day", "n")
    )
    for row in (
        periods.order_by()
        .values("period", "start", "department_id", "office_id")
        .annotate(everyone=Count("id"), public=Count("id", filter=PUBLIC_ACTIVE))
    ):
        attr = "week_sum" if row["period"] == "week" else "month_sum"
        counted = row["everyone"] if company_wide else row["public"]
        setattr(total, attr, getattr(total, attr) + counted)
        for tallies, group_id in (
            (by_department, row["department_id"]),
            (by_office, row["office_id"]),
        ):
            if group_id in tallies:  # Active in the range, not only elsewhere in the month.
                setattr(tallies[group_id], attr, getattr(tallies[group_id], attr) + row["public"])

    spans = (len(days), len(weeks), len(months))
    departments = _groups(Department, by_department)
    offices = _groups(Office, by_office)
    return Engage(
        total=total.figures(*spans),
        daily=[(d, Figure(day_counts.get(d, 0), day_counts.get(d, 0))) for d in days],
        by_department=sorted(
            (EngageGroup(departments[i], t.figures(*spans)) for i, t in by_department.items()),
            key=lambda g: g.group.name,
        ),
        by_office=sorted(
            (EngageGroup(offices[i], t.figures(*spans)) for i, t in by_office.items()),
            key=lambda g: g.group.name,
        ),
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


def retention(
    start: datetime.date, end: datetime.date, *, department=None, office=None, weeks: int = 12
) -> Retention:
    """The weekly cohort table: cohorts first active from ``start``'s week to ``end``, each
    followed for up to ``weeks`` weeks (not past ``end``'s week)."""
    first, last = week_start(start), week_start(end)
    people = PersonAdoption.objects.filter(cohort_week__gte=first, cohort_week__lte=last)
    activity = PeriodActivity.objects.filter(
        period="week",
        start__gte=first,
        start__lte=last,
        user__analytics_adoption__cohort_week__gte=first,
        user__analytics_adoption__cohort_week__lte=last,
    )
    if department is not None:
        people = people.filter(department_id=_id(department))
        activity = activity.filter(user__analytics_adoption__department_id=_id(department))
    if office is not None:
        people = people.filter(office_id=_id(office))
        activity = activity.filter(user__analytics_adoption__office_id=_id(office))
    sizes = dict(
        people.order_by().values("cohort_week").annotate(n=Count("user_id")).values_list(
            "cohort_week", "n")
    )  # fmt: skip
    retained = {
        (row["user__analytics_adoption__cohort_week"], row["start"]): row["n"]
        for row in activity.order_by()
        .values("user__analytics_adoption__cohort_week", "start")
        .annotate(n=Count("id"))  # One row per person and week.
    }
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
