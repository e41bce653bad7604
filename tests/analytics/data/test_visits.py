"""Reading counts as activity: ``core.middleware.VisitMiddleware`` logs ``user.visited`` once
per signed-in person and company day, and the rollups count a visitor as an active reader."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from analytics import rollups
from analytics.models import DailyActivity, Event
from analytics.selectors.adoption import engage
from core import middleware
from tests.analytics.data.conftest import at, log
from tests.factories import UserFactory

VISIT = "core.middleware.VisitMiddleware"


@pytest.fixture
def visits_on(settings):
    """The visit middleware in place, right after authentication."""
    stack = list(settings.MIDDLEWARE)
    stack.insert(stack.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1, VISIT)
    settings.MIDDLEWARE = stack


@pytest.fixture
def on_day(monkeypatch):
    """Pin the company clock to a Jakarta moment: ``on_day(datetime)``."""

    def pin(moment: datetime.datetime) -> None:
        monkeypatch.setattr(middleware, "company_now", lambda: moment)

    return pin


def visits(person) -> int:
    return Event.objects.filter(verb="user.visited", actor=person).count()


def browse(client, capture, times: int = 1) -> None:
    for _ in range(times):
        with capture(execute=True):
            assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_two_page_views_on_one_day_record_one_visit(
    visits_on, on_day, user_client, user, django_capture_on_commit_callbacks
):
    on_day(at(2, 9))

    browse(user_client, django_capture_on_commit_callbacks, times=2)
    on_day(at(2, 23, 59))
    browse(user_client, django_capture_on_commit_callbacks)

    assert visits(user) == 1
    event = Event.objects.get(verb="user.visited")
    assert (event.department_id, event.office_id) == (user.department_id, user.office_id)
    assert event.object_type == "profiles.user" and event.object_id == user.pk


@pytest.mark.django_db
def test_the_next_company_day_records_another_visit(
    visits_on, on_day, user_client, user, django_capture_on_commit_callbacks
):
    on_day(at(2, 23, 30))
    browse(user_client, django_capture_on_commit_callbacks)
    # 00:10 in Jakarta is still the 2nd in UTC: the company's day has changed all the same.
    on_day(at(3, 0, 10))
    browse(user_client, django_capture_on_commit_callbacks)

    assert visits(user) == 2


@pytest.mark.django_db
def test_each_person_has_a_visit_of_their_own(
    visits_on, on_day, client, django_capture_on_commit_callbacks
):
    on_day(at(2, 9))
    ani, budi = UserFactory(), UserFactory()

    for person in (ani, budi):
        client.force_login(person)
        browse(client, django_capture_on_commit_callbacks)

    assert (visits(ani), visits(budi)) == (1, 1)


@pytest.mark.django_db
def test_anonymous_page_views_record_nothing(visits_on, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("home"))
        client.get(reverse("login"))

    assert not Event.objects.filter(verb="user.visited").exists()


@pytest.mark.django_db
def test_after_the_first_page_of_the_day_a_page_view_writes_nothing(
    visits_on, user_client, django_capture_on_commit_callbacks
):
    def logged(queries) -> list[str]:
        return [q["sql"] for q in queries.captured_queries if "analytics_event" in q["sql"]]

    with CaptureQueriesContext(connection) as first:
        browse(user_client, django_capture_on_commit_callbacks)
    with CaptureQueriesContext(connection) as second:
        browse(user_client, django_capture_on_commit_callbacks)

    assert len(logged(first)) == 1
    assert logged(second) == []
    assert len(second.captured_queries) < len(first.captured_queries)


def test_a_visitor_who_did_nothing_else_is_an_active_reader(db):
    people = [UserFactory(date_joined=at(1, 8)) for _ in range(5)]
    ani, *others = people
    log("user.visited", ani, at(2, 9))
    log("user.visited", ani, at(3, 9))
    for person in others:
        log("user.visited", person, at(2, 10))
        log("comment.created", person, at(2, 11))

    rollups.rollup_range(datetime.date(2026, 3, 2), datetime.date(2026, 3, 3))

    row = DailyActivity.objects.get(user=ani, day=datetime.date(2026, 3, 2))
    assert (row.actions, row.contributions, row.reactions, row.logins) == (1, 0, 0, 0)
    figures = engage(datetime.date(2026, 3, 2), datetime.date(2026, 3, 3)).total
    assert figures.active.value == 5
    assert (figures.contributors.value, figures.reactors.value, figures.readers.value) == (
        80.0,
        0.0,
        20.0,
    )
    assert figures.dau.value == 3.0  # Five on the 2nd, ani alone on the 3rd.
    assert not figures.readers.suppressed
