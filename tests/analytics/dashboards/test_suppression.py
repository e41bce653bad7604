"""The suppression rule at k-1 and k people, the department at the time of asking, and the
searches with no results."""

from dataclasses import replace

import pytest

from analytics.forms import default_filters
from analytics.selectors.response import response_dashboard
from analytics.selectors.searches import searches_without_results
from core import events
from forums import services as forums
from profiles.models import User
from profiles.roles import COMMUNICATORS
from tests.analytics.dashboards.conftest import World, ask
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory
from tests.helpers import in_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_world():
    world = World()
    world.people["sinta"] = UserFactory(username="sinta", display_name="Sinta Dewi")
    communicator = in_group(UserFactory(username="humas"), COMMUNICATORS)
    world.categories["hr"] = forums.category_create(actor=communicator, name="HR")
    return world


def _askers(world, count, *, department=None, office=None):
    for n in range(count):
        asker = UserFactory(username=f"asker{n}", department=department, office=office)
        ask(world, asker, world.categories["hr"], f"Leave question {n}", hours_ago=100,
            first=n + 1, accepted=2 * (n + 1), tags=["leave"])  # fmt: skip


def test_figures_from_four_askers_are_suppressed(small_world):
    _askers(small_world, 4)
    data = response_dashboard(default_filters())
    total = data.total
    assert [f.suppressed for f in (total.questions, total.first_reply_median)] == [True, True]
    assert total.questions.shown() is None
    assert data.experts == []


def test_figures_from_five_askers_are_shown(small_world):
    _askers(small_world, 5)
    data = response_dashboard(default_filters())
    total = data.total
    assert total.questions.shown() == 5
    assert total.first_reply_median.shown() == 3.0  # 1, 2, 3, 4, 5
    assert total.first_reply_p90.shown() == 4.6
    assert total.accepted_median.shown() == 6.0  # 2, 4, 6, 8, 10
    assert total.accepted_p90.shown() == 9.2
    assert [(e.person, e.accepted_answers.shown()) for e in data.experts] == [("Sinta Dewi", 5)]


def test_the_same_asker_twice_counts_as_one_person(small_world):
    asker = UserFactory(username="solo")
    for n in range(5):
        ask(small_world, asker, small_world.categories["hr"], f"Q{n}", hours_ago=50, first=1)
    total = response_dashboard(default_filters()).total
    assert total.questions.value == 5
    assert total.questions.people == 1
    assert total.questions.suppressed


def test_the_department_is_the_askers_when_they_asked(
    small_world, django_capture_on_commit_callbacks
):
    sales = DepartmentFactory(name="Sales")
    legal = DepartmentFactory(name="Legal")
    with django_capture_on_commit_callbacks(execute=True):
        _askers(small_world, 5, department=sales)
    for n in range(5):
        User.objects.filter(username=f"asker{n}").update(department=legal)
    rows = response_dashboard(default_filters()).by_department
    assert [(row.label, row.questions.shown()) for row in rows] == [("Sales", 5)]


def test_the_office_filter_uses_the_askers_office_when_they_asked(
    small_world, django_capture_on_commit_callbacks
):
    bandung, medan = OfficeFactory(name="Bandung"), OfficeFactory(name="Medan")
    with django_capture_on_commit_callbacks(execute=True):
        _askers(small_world, 5, office=bandung)
    User.objects.filter(username__startswith="asker").update(office=medan)
    then = response_dashboard(replace(default_filters(), office=bandung)).total
    now = response_dashboard(replace(default_filters(), office=medan)).total
    assert (then.questions.shown(), now.questions.value) == (5, 0)


def test_without_a_logged_event_the_current_department_counts(small_world):
    sales = DepartmentFactory(name="Sales")
    _askers(small_world, 5, department=sales)  # No commit: the event log stays empty.
    rows = response_dashboard(default_filters()).by_department
    assert [(row.label, row.questions.shown()) for row in rows] == [("Sales", 5)]


def _search(person, query, results):
    events.publish("search.performed", actor=person, payload={"query": query, "results": results})


def test_searches_with_no_results_list_queries_of_enough_people(
    django_capture_on_commit_callbacks,
):
    finance = DepartmentFactory(name="Finance")
    people = [UserFactory(username=f"searcher{n}", department=finance) for n in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        for person in people:
            _search(person, "Reimbursement form", 0)
            _search(person, "reimbursement form ", 0)  # Same query, other case and spaces.
            _search(person, "payslip", 3)  # Found something: not counted.
        for person in people[:4]:
            _search(person, "ceo salary", 0)  # Four people: never listed.
    found = searches_without_results(default_filters())
    assert found.total.shown() == 14
    assert [(q.query, q.searches.shown()) for q in found.queries] == [("reimbursement form", 10)]


def test_searches_with_no_results_follow_the_department_filter(django_capture_on_commit_callbacks):
    finance, it = DepartmentFactory(name="Finance"), DepartmentFactory(name="IT")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            _search(UserFactory(username=f"f{n}", department=finance), "budget", 0)
            _search(UserFactory(username=f"i{n}", department=it), "vpn", 0)
    found = searches_without_results(replace(default_filters(), department=it))
    assert [(q.query, q.searches.shown()) for q in found.queries] == [("vpn", 5)]


def test_searches_with_no_results_follow_the_searchers_office_at_the_time(
    django_capture_on_commit_callbacks,
):
    bandung, medan = OfficeFactory(name="Bandung"), OfficeFactory(name="Medan")
    people = [UserFactory(username=f"s{n}", office=bandung) for n in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        for person in people:
            _search(person, "parking", 0)
    User.objects.filter(username__startswith="s").update(office=medan)
    in_bandung = searches_without_results(replace(default_filters(), office=bandung))
    in_medan = searches_without_results(replace(default_filters(), office=medan))
    assert [(q.query, q.searches.shown()) for q in in_bandung.queries] == [("parking", 5)]
    assert (in_medan.total.value, in_medan.queries) == (0, [])
