import datetime

import pytest

from analytics import rollups
from analytics.privacy import Figure
from analytics.selectors.adoption import attract, engage, retention
from profiles.models import User
from tests.analytics.data.conftest import MONDAY, at, log
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory

SUNDAY = MONDAY + datetime.timedelta(days=6)
FORTNIGHT = MONDAY + datetime.timedelta(days=13)


def values(figures, *names) -> tuple:
    return tuple(getattr(figures, name).value for name in names)


ENGAGE = ("active", "dau", "wau", "mau", "stickiness", "actions_per_active", "contributors",
          "reactors", "readers")  # fmt: skip


# --- attract ----------------------------------------------------------------------------------


def test_attract_counts_registered_and_activated_people_per_week_and_department(rolled):
    result = attract(MONDAY, FORTNIGHT)

    assert [
        (row.week, row.department.name, row.registered.value, row.activated.value, row.rate.value)
        for row in result.rows
    ] == [
        (MONDAY, "Sales", 3, 2, 66.7),  # ani and ayu within 7 days; agus on day 8.
        (MONDAY, "Tech", 1, 0, 0.0),  # bayu never acted.
        (MONDAY + datetime.timedelta(days=7), "Tech", 1, 1, 100.0),  # bima.
    ]
    assert [(r.week, r.registered.value, r.activated.value) for r in result.weeks] == [
        (MONDAY, 4, 2),
        (MONDAY + datetime.timedelta(days=7), 1, 1),
    ]
    total = result.total
    assert (total.registered.value, total.activated.value, total.rate.value) == (5, 3, 60.0)
    # Each figure is built from the people who registered there.
    assert [row.registered.people for row in result.rows] == [3, 1, 1]
    assert {row.activated.people for row in result.rows} == {3, 1}


def test_attract_filters_by_department_and_office(rolled):
    by_department = attract(MONDAY, FORTNIGHT, department=rolled["tech"])
    by_office = attract(MONDAY, FORTNIGHT, office=rolled["jakarta"].pk)

    assert (by_department.total.registered.value, by_department.total.activated.value) == (2, 1)
    assert (by_office.total.registered.value, by_office.total.activated.value) == (2, 1)
    assert [row.department.name for row in by_office.rows] == ["Sales"]


# --- engage -----------------------------------------------------------------------------------


def test_engage_company_wide_counts_everything_including_private_communities(rolled):
    result = engage(MONDAY, SUNDAY)

    # Active: ani, agus, ayu. Daily actives 2, 2, 1, 1, 0, 0, 0 over 7 days: 0.9 on average;
    # the week: 3; March so far (rolled up to the 15th): ani, agus, ayu and bima, 4.
    # Stickiness (6/7) / 4 = 21.4 %. Actions 4 + 3 + 2 = 9 over 3 people. ani and ayu (her
    # private post counts here) wrote something, agus only read.
    assert result.company_wide is True
    assert values(result.total, *ENGAGE) == (3, 0.9, 3.0, 4.0, 21.4, 3.0, 66.7, 0.0, 33.3)
    assert {figure.people for figure in vars(result.total).values()} == {3}
    assert [(day.day, figure.value) for day, figure in result.daily] == [
        (2, 2), (3, 2), (4, 1), (5, 1), (6, 0), (7, 0), (8, 0),
    ]  # fmt: skip


def test_engage_by_department_and_office_leaves_out_private_community_activity(rolled):
    result = engage(MONDAY, SUNDAY)

    (sales,) = result.by_department
    assert sales.group.name == "Sales"
    # ayu's private post is gone: of her day only the search is left, so she only read.
    # Actions 4 + 3 + 1 = 8 over 3 people.
    assert values(sales.figures, *ENGAGE) == (3, 0.9, 3.0, 3.0, 28.6, 2.7, 33.3, 0.0, 66.7)
    assert [(g.group.name, values(g.figures, "active", "actions_per_active", "contributors"))
            for g in result.by_office] == [
        ("Bandung", (1, 1.0, 0.0)),
        ("Jakarta", (2, 3.5, 50.0)),
    ]  # fmt: skip


def test_a_department_filter_reads_public_activity_only(rolled):
    result = engage(MONDAY, FORTNIGHT, department=rolled["sales"])

    assert result.company_wide is False
    # Over the fortnight: ani (5 actions, wrote), agus (4, wrote on the 10th), ayu (1, read).
    assert values(result.total, "active", "actions_per_active", "contributors", "readers") == (
        3, 3.3, 66.7, 33.3,
    )  # fmt: skip
    assert [g.group.name for g in result.by_department] == ["Sales"]


def test_people_who_only_react_are_told_apart_from_readers(rolled):
    result = engage(MONDAY + datetime.timedelta(days=7), FORTNIGHT)

    # Week of the 9th: ani logs in (reads), agus comments (writes), bima reacts.
    assert values(result.total, "active", "contributors", "reactors", "readers") == (
        3, 33.3, 33.3, 33.3,
    )  # fmt: skip
    assert [g.group.name for g in result.by_department] == ["Sales", "Tech"]


def test_engage_of_an_empty_range_is_zero_people(db):
    result = engage(MONDAY, SUNDAY)

    assert result.total.active == Figure(0, 0)
    assert result.total.actions_per_active.value is None
    assert result.by_department == [] and result.by_office == []


# --- retain -----------------------------------------------------------------------------------


def test_retention_follows_weekly_cohorts_of_first_activity(rolled):
    result = retention(MONDAY, FORTNIGHT)

    assert result.weeks == 1
    assert [
        (c.week, c.size.value, [(cell.weeks_since, cell.retained.value, cell.share.value)
                                for cell in c.cells])
        for c in result.cohorts
    ] == [
        (MONDAY, 3, [(0, 3, 100.0), (1, 2, 66.7)]),  # ani, agus, ayu; then ani and agus.
        (MONDAY + datetime.timedelta(days=7), 1, [(0, 1, 100.0)]),  # bima.
    ]  # fmt: skip
    assert [cell.share.people for cell in result.cohorts[0].cells] == [3, 3]


def test_retention_filters_by_the_cohorts_department(rolled):
    result = retention(MONDAY, FORTNIGHT, department=rolled["tech"])

    assert [(c.week, c.size.value) for c in result.cohorts] == [
        (MONDAY + datetime.timedelta(days=7), 1)
    ]


def test_retention_stops_at_the_asked_number_of_weeks(rolled):
    log("user.logged_in", rolled["ani"], at(16))
    rollups.rollup_range(MONDAY, MONDAY + datetime.timedelta(days=20))

    assert [len(c.cells) for c in retention(MONDAY, MONDAY + datetime.timedelta(days=20),
                                            weeks=1).cohorts] == [2, 2]  # fmt: skip
    wider = retention(MONDAY, MONDAY + datetime.timedelta(days=20))
    assert [(cell.weeks_since, cell.retained.value) for cell in wider.cohorts[0].cells] == [
        (0, 3), (1, 2), (2, 1),
    ]  # fmt: skip


# --- privacy: the suppression rule ------------------------------------------------------------


def crowd(size: int, department) -> None:
    for n in range(size):
        someone = UserFactory(username=f"crowd{n}", department=department, date_joined=at(2, 8))
        log("user.logged_in", someone, at(2, 9))
    rollups.rollup_day(MONDAY)


@pytest.mark.parametrize(("size", "suppressed"), [(4, True), (5, False)])
def test_a_breakdown_of_fewer_than_five_people_is_suppressed(db, size, suppressed):
    legal = DepartmentFactory(name="Legal")
    crowd(size, legal)

    (group,) = engage(MONDAY, MONDAY).by_department
    attracted = attract(MONDAY, MONDAY).rows[0]
    (cohort,) = retention(MONDAY, MONDAY).cohorts

    figures = [*vars(group.figures).values(), attracted.registered, attracted.activated,
               cohort.size, *(cell.share for cell in cohort.cells)]  # fmt: skip
    assert {figure.suppressed for figure in figures} == {suppressed}
    assert {figure.shown() is None for figure in figures} == {suppressed}
    if suppressed:
        assert str(group.figures.active) == "fewer than 5 people"
    else:
        assert str(group.figures.active) == "5"


# --- query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [10, 100])
def test_the_selectors_run_a_fixed_number_of_queries(db, django_assert_max_num_queries, size):
    departments = [DepartmentFactory(name=f"Unit {n}") for n in range(5)]
    offices = [OfficeFactory(name=f"Site {n}") for n in range(3)]
    people = User.objects.bulk_create(  # No password hashing: 100 people stay quick.
        User(username=f"p{n}", department=departments[n % 5], office=offices[n % 3],
             date_joined=at(2, 8))
        for n in range(size)
    )  # fmt: skip
    for n, someone in enumerate(people):
        log("user.logged_in", someone, at(2 + n % 7, 9))
        log("post.created", someone, at(3 + n % 5, 9), kind="post")
    rollups.rollup_range(MONDAY, FORTNIGHT)

    with django_assert_max_num_queries(6):
        engage(MONDAY, FORTNIGHT)
    with django_assert_max_num_queries(2):
        attract(MONDAY, FORTNIGHT)
    with django_assert_max_num_queries(2):
        retention(MONDAY, FORTNIGHT)


def test_a_range_of_odd_days_and_a_whole_week_adds_up_like_the_days(rolled):
    # Sunday 1 March (a day), the week of the 2nd (its row), Monday 9 and Tuesday 10 (days).
    result = engage(MONDAY - datetime.timedelta(days=1), MONDAY + datetime.timedelta(days=8))

    # ani 5 actions on 3 days, agus 4 on 4, ayu 2 on 1, bima 1 on 1: 9 person-days over 10
    # days; ani, agus and ayu wrote, bima only reacted.
    assert values(result.total, "active", "dau", "actions_per_active", "contributors",
                  "reactors", "readers") == (4, 0.9, 3.0, 75.0, 25.0, 0.0)  # fmt: skip
    assert sum(figure.value for _day, figure in result.daily) == 9
