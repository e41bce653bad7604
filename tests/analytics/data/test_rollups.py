import datetime

import pytest
from django.db import connection

from analytics import rollups
from analytics.models import DailyActivity, PeriodActivity, PersonAdoption
from tests.analytics.data.conftest import MONDAY, at, log

COUNTS = ("actions", "contributions", "reactions", "logins", "public_actions",
          "public_contributions", "public_reactions")  # fmt: skip


def daily_rows() -> list[tuple]:
    return sorted(
        (row.day.day, row.user.username, *(getattr(row, n) for n in COUNTS))
        for row in DailyActivity.objects.select_related("user")
    )


def period_rows() -> list[tuple]:
    return sorted(
        (row.period, row.start, row.user.username, row.department.name, row.days_active,
         *(getattr(row, n) for n in COUNTS))
        for row in PeriodActivity.objects.select_related("user", "department")
    )  # fmt: skip


def adoption_rows() -> list[tuple]:
    return sorted(
        (
            row.user.username,
            row.department.name,
            row.office.name,
            row.registered_on,
            row.first_active_on,
            row.first_contribution_on,
            row.activated,
            row.cohort_week,
        )
        for row in PersonAdoption.objects.select_related("user", "department", "office")
    )


def march(day: int) -> datetime.date:
    return datetime.date(2026, 3, day)


def test_daily_rows_count_each_persons_actions_per_local_day(rolled):
    # day, person, actions, contributions, reactions, logins, and the public three.
    assert daily_rows() == [
        (2, "agus", 1, 0, 0, 1, 1, 0, 0),
        (2, "ani", 2, 1, 0, 1, 2, 1, 0),
        (3, "agus", 1, 0, 0, 1, 1, 0, 0),  # 23:30 in Jakarta is still the 3rd.
        (3, "ani", 2, 1, 1, 0, 2, 1, 1),  # The thread once, not its feed item too.
        (4, "agus", 1, 0, 0, 1, 1, 0, 0),  # 00:30 on the 4th (17:30 UTC on the 3rd).
        (5, "ayu", 2, 1, 0, 0, 1, 0, 0),  # The private post: in the totals only.
        (9, "ani", 1, 0, 0, 1, 1, 0, 0),
        (10, "agus", 1, 1, 0, 0, 1, 1, 0),
        (10, "bima", 1, 0, 1, 0, 1, 0, 1),
    ]


def test_week_and_month_rows_sum_the_days(rolled):
    assert period_rows() == [
        ("month", march(1), "agus", "Sales", 4, 4, 1, 0, 3, 4, 1, 0),
        ("month", march(1), "ani", "Sales", 3, 5, 2, 1, 2, 5, 2, 1),
        ("month", march(1), "ayu", "Sales", 1, 2, 1, 0, 0, 1, 0, 0),
        ("month", march(1), "bima", "Tech", 1, 1, 0, 1, 0, 1, 0, 1),
        ("week", march(2), "agus", "Sales", 3, 3, 0, 0, 3, 3, 0, 0),
        ("week", march(2), "ani", "Sales", 2, 4, 2, 1, 1, 4, 2, 1),
        ("week", march(2), "ayu", "Sales", 1, 2, 1, 0, 0, 1, 0, 0),
        ("week", march(9), "agus", "Sales", 1, 1, 1, 0, 0, 1, 1, 0),
        ("week", march(9), "ani", "Sales", 1, 1, 0, 0, 1, 1, 0, 0),
        ("week", march(9), "bima", "Tech", 1, 1, 0, 1, 0, 1, 0, 1),
    ]


def test_adoption_rows_know_registration_activation_and_cohort(rolled):
    assert adoption_rows() == [
        ("agus", "Sales", "Jakarta", march(2), march(2), march(10), False, march(2)),
        ("ani", "Sales", "Jakarta", march(2), march(2), march(2), True, march(2)),
        ("ayu", "Sales", "Bandung", march(3), march(5), march(5), True, march(2)),
        ("bayu", "Tech", "Bandung", march(4), None, None, False, None),
        ("bima", "Tech", "Bandung", march(10), march(10), march(10), True, march(9)),
    ]


def test_rerunning_a_range_writes_the_same_rows(rolled):
    before = (daily_rows(), period_rows(), adoption_rows())

    rollups.rollup_range(MONDAY, MONDAY + datetime.timedelta(days=13))
    rollups.rollup_day(march(3))

    assert (daily_rows(), period_rows(), adoption_rows()) == before


def test_a_late_event_is_picked_up_when_its_day_is_recomputed(rolled):
    log("comment.created", rolled["agus"], at(4, 12))

    rollups.rollup_day(march(4))

    assert (4, "agus", 2, 1, 0, 1, 2, 1, 0) in daily_rows()
    adoption = PersonAdoption.objects.get(user=rolled["agus"])
    assert (adoption.first_contribution_on, adoption.activated) == (march(4), True)
    week = PeriodActivity.objects.get(period="week", start=march(2), user=rolled["agus"])
    assert (week.actions, week.contributions) == (4, 1)


def test_a_day_without_events_has_no_rows_and_a_bad_range_is_refused(town):
    assert rollups.rollup_day(march(20)) == 0
    assert DailyActivity.objects.count() == 0

    with pytest.raises(ValueError):
        rollups.rollup_range(march(5), march(4))


def test_rollup_units_count_days_weeks_and_months():
    # Monday 30 March to Thursday 2 April: 4 days, 1 week, 2 months.
    assert rollups.rollup_units(march(30), datetime.date(2026, 4, 2)) == 4 + 1 + 2


def test_the_daily_rollup_reads_the_log_by_its_time_index(db):
    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    start, end = rollups.day_bounds(march(2))
    from analytics.models import Event

    queryset = Event.objects.filter(occurred_at__gte=start, occurred_at__lt=end).order_by()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()

    assert "analytics_event_occurred_at" in plan


def test_someone_who_moves_during_a_day_counts_once_there_in_the_new_department(rolled):
    ani = rolled["ani"]
    log("comment.created", ani, at(9, 11))
    ani.department = rolled["tech"]
    ani.save()
    log("reaction.added", ani, at(9, 15))

    rollups.rollup_range(march(9), march(9))

    (row,) = DailyActivity.objects.filter(user=ani, day=march(9))
    assert (row.department, row.actions, row.contributions, row.reactions) == (
        rolled["tech"], 3, 1, 1,
    )  # fmt: skip
    weeks = PeriodActivity.objects.filter(user=ani, period="week")
    assert sorted((w.start, w.department.name, w.actions) for w in weeks) == [
        (march(2), "Sales", 4),
        (march(9), "Tech", 3),
    ]
    (month,) = PeriodActivity.objects.filter(user=ani, period="month")
    assert (month.department.name, month.actions, month.days_active) == ("Tech", 7, 3)


def test_a_range_is_read_as_whole_months_then_whole_weeks_then_days():
    # Friday 27 February to Wednesday 15 April 2026.
    months, weeks, days = rollups.pieces_of(datetime.date(2026, 2, 27), datetime.date(2026, 4, 15))

    assert months == [march(1)]
    assert weeks == [datetime.date(2026, 4, 6)]
    assert days == [datetime.date(2026, 2, 27), datetime.date(2026, 2, 28)] + [
        datetime.date(2026, 4, d) for d in (1, 2, 3, 4, 5, 13, 14, 15)
    ]
