"""The month's figures against the hand-worked world (conftest.py)."""

import datetime

import pytest

from analytics.summary import last_complete_month, month_before, month_last_day, summary_for_month
from tests.analytics.summary.conftest import OCTOBER, SEPTEMBER

pytestmark = pytest.mark.django_db


def shown(compared):
    return (compared.current.shown(), compared.previous.shown(), compared.change.shown())


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 11, 28), datetime.date(2026, 10, 1)),
        (datetime.date(2026, 11, 1), datetime.date(2026, 10, 1)),
        (datetime.date(2027, 1, 15), datetime.date(2026, 12, 1)),
    ],
)
def test_the_last_complete_month_is_the_one_before_today(today, expected):
    assert last_complete_month(today) == expected


def test_months_end_and_begin_where_the_calendar_says():
    assert month_last_day(datetime.date(2026, 2, 1)) == datetime.date(2026, 2, 28)
    assert month_last_day(datetime.date(2026, 12, 1)) == datetime.date(2026, 12, 31)
    assert month_before(datetime.date(2026, 1, 1)) == datetime.date(2025, 12, 1)


def test_company_wide_adoption_with_the_change_from_september(world):
    summary = summary_for_month(OCTOBER)
    assert (summary.month, summary.last_day) == (OCTOBER, datetime.date(2026, 10, 31))
    assert summary.includes_private is True
    assert shown(summary.active) == (9, 6, 3)
    assert shown(summary.mau) == (9.0, 6.0, 3.0)
    assert shown(summary.stickiness) == (3.6, 3.3, 0.3)
    assert summary.registered.shown() == 5
    # September's 4 registrations are suppressed, and so is the change.
    assert shown(summary.activation) == (40.0, None, None)
    assert summary.activation.change.suppressed


def test_company_wide_climate_counts_private_writing_in_the_total_only(world):
    summary = summary_for_month(OCTOBER)
    assert shown(summary.climate) == (-0.182, 0.6, -0.782)
    assert summary.climate_volume.shown() == 11
    weeks = [(w.week, w.written, w.index.shown(), w.index.people) for w in summary.climate_weeks]
    assert weeks == [
        (datetime.date(2026, 9, 28), False, None, 0),  # Oct 1-4: nobody wrote.
        (datetime.date(2026, 10, 5), True, 0.4, 5),
        (datetime.date(2026, 10, 12), True, None, 4),
        (datetime.date(2026, 10, 19), True, None, 1),  # The private writing.
        (datetime.date(2026, 10, 26), False, None, 0),
    ]
    assert [(t.slug, t.volume.shown(), t.negative.suppressed) for t in summary.negative_topics] == [
        ("parking", 9, True)
    ]


def test_company_wide_response_and_searches(world):
    summary = summary_for_month(OCTOBER)
    assert summary.questions.shown() == 8
    assert shown(summary.first_reply) == (3.5, 2.0, 1.5)
    assert shown(summary.accepted) == (7.0, None, None)
    assert summary.unanswered.suppressed  # 2 questions by 2 askers.
    assert summary.no_results.shown() == 9
    assert [(q.query, q.searches.shown()) for q in summary.no_result_queries] == [("visa form", 5)]


def test_a_department_reads_public_activity_and_writing_only(world):
    summary = summary_for_month(OCTOBER, department=world.departments["sales"])
    assert summary.includes_private is False
    # 5 people in October (shown), 4 in September (suppressed): every change is suppressed.
    assert shown(summary.active) == (5, None, None)
    assert shown(summary.mau) == (5.0, None, None)
    assert shown(summary.stickiness) == (3.9, None, None)
    assert summary.registered.suppressed
    assert shown(summary.climate) == (0.0, 0.6, -0.6)
    assert summary.climate_volume.shown() == 9
    assert summary.questions.shown() == 5
    assert shown(summary.first_reply) == (3.0, 2.0, 1.0)
    assert summary.accepted.current.shown() == 6.0


def test_suppression_starts_below_the_minimum_group_size(world, settings):
    settings.ANALYTICS_MIN_GROUP_SIZE = 4
    summary = summary_for_month(OCTOBER, department=world.departments["sales"])
    assert shown(summary.active) == (5, 4, 1)
    settings.ANALYTICS_MIN_GROUP_SIZE = 6
    summary = summary_for_month(OCTOBER, department=world.departments["sales"])
    assert shown(summary.active) == (None, None, None)


def test_a_month_in_progress_is_marked(world):
    assert summary_for_month(OCTOBER, today=datetime.date(2026, 10, 20)).in_progress is True
    assert summary_for_month(OCTOBER, today=datetime.date(2026, 11, 1)).in_progress is False


def test_september_compares_with_an_empty_august(world):
    summary = summary_for_month(SEPTEMBER)
    assert shown(summary.active) == (6, None, None)
    assert summary.active.previous.people == 0
