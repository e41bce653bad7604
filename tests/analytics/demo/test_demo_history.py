"""The demo company's analytics history (``profiles.demo.history``): after ``seed_demo`` the
leader dashboards show figures, not "fewer than 5 people".

30 people is the smallest demo company with three departments of five or more (Engineering,
Sales and Operations, the department of the story); it is seeded once for the module, today,
in a transaction rolled back at the end (``tests.conftest.shared_data``)."""

import datetime
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Min
from django.utils import timezone

from analytics import rollups
from analytics.forms import Filters
from analytics.models import ContentSentiment, DailyActivity, Event, PersonAdoption
from analytics.selectors.adoption import engage, retention
from analytics.selectors.climate import climate_index, negative_topics
from analytics.selectors.response import response_dashboard
from analytics.selectors.searches import searches_without_results
from feed.models import Post
from forums.models import Thread
from profiles.demo import history
from profiles.models import Department, User
from tests.conftest import shared_data

USERS = 30
# The first test also seeds the company (about 20 s of CPU): room for a busy CI machine.
pytestmark = pytest.mark.timeout(300)
WEEK = datetime.timedelta(weeks=1)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        out = StringIO()
        call_command("seed_demo", users=USERS, seed=42, stdout=out)
        today = timezone.localdate()
        first = rollups.week_start(today) - (history.WEEKS - 1) * WEEK
        yield SimpleNamespace(output=out.getvalue(), today=today, first=first)


@pytest.fixture
def seeded(demo, db):
    return demo


def department(name: str) -> Department:
    return Department.objects.get(name=name)


def bounds(first: datetime.date, last: datetime.date):
    return rollups.day_bounds(first)[0], rollups.day_bounds(last)[1]


def test_seed_demo_reports_the_analytics_it_wrote(seeded):
    assert f"events over {history.WEEKS} weeks" in seeded.output
    assert Event.objects.count() > 1000
    assert ContentSentiment.objects.count() > 100


def test_the_log_spans_thirteen_weeks_and_never_the_future(seeded):
    times = Event.objects.aggregate(first=Min("occurred_at"))
    first_week = rollups.week_start(times["first"].astimezone(rollups.company_zone()).date())

    assert first_week == seeded.first
    assert not Event.objects.filter(occurred_at__gt=timezone.now()).exists()
    weeks = {rollups.week_start(day) for day in DailyActivity.objects.values_list("day", flat=True)}
    assert len(weeks) == history.WEEKS


def test_each_logged_thread_and_post_is_dated_as_the_row_it_stands_for(seeded):
    threads = dict(Thread.objects.values_list("pk", "created_at"))
    posts = dict(Post.objects.values_list("pk", "created_at"))

    logged_threads = Event.objects.filter(verb="thread.created").values_list(
        "object_id", "occurred_at", "department_id", "actor__department_id"
    )
    assert logged_threads
    for pk, at, logged_department, department_now in logged_threads:
        assert threads[pk] == at
        assert logged_department == department_now
    for pk, at in Event.objects.filter(verb="post.created").values_list("object_id", "occurred_at"):
        assert posts[pk] == at


def test_weekdays_are_busier_than_weekends(seeded):
    days = DailyActivity.objects.values("day").annotate(n=Count("id"))
    weekday = [row["n"] for row in days if row["day"].weekday() < 5]
    weekend = [row["n"] for row in days if row["day"].weekday() >= 5]

    assert sum(weekday) / len(weekday) > 2 * sum(weekend) / max(1, len(weekend))


def test_reading_shows_as_visits_logins_and_searches(seeded):
    verbs = dict(Event.objects.values_list("verb").annotate(n=Count("id")))

    assert verbs["user.visited"] > verbs["user.logged_in"] > 0
    assert verbs["search.performed"] > 0
    # At most one visit per person and company day.
    zone = rollups.company_zone()
    visits = Event.objects.filter(verb="user.visited").values_list("actor_id", "occurred_at")
    days = [(actor, at.astimezone(zone).date()) for actor, at in visits]
    assert len(days) == len(set(days))


def test_adoption_engage_shows_the_company_and_departments(seeded):
    start = seeded.today - datetime.timedelta(days=27)
    figures = engage(start, seeded.today)

    assert not figures.total.active.suppressed
    assert figures.total.active.value >= USERS * 0.8
    assert not figures.total.dau.suppressed and figures.total.dau.value > 0
    shown = [g.group.name for g in figures.by_department if not g.figures.active.suppressed]
    assert "Engineering" in shown
    # A week: some people only read.
    week = engage(seeded.today - datetime.timedelta(days=6), seeded.today).total
    assert not week.readers.suppressed


def test_adoption_retention_has_a_cohort(seeded):
    cohorts = retention(seeded.first, seeded.today, weeks=12).cohorts

    assert cohorts and not cohorts[0].size.suppressed
    assert PersonAdoption.objects.count() == USERS + 1  # The admin has a row too.


def test_the_climate_index_shows_many_weeks(seeded):
    rows = climate_index(start=bounds(seeded.first, seeded.today)[0], end=timezone.now())

    shown = [row for row in rows if not row.index.suppressed]
    assert len(shown) >= history.WEEKS - 1
    assert all(-1 <= row.index.value <= 1 for row in shown)


def test_operations_has_a_bad_fortnight(seeded):
    operations = department(history.STORY_DEPARTMENT)
    start, end = bounds(seeded.first, seeded.today)
    rows = climate_index(start=start, end=end, group_by="department")
    mine = {row.period: row.index for row in rows if row.group_id == operations.pk}
    story = [rollups.week_start(seeded.today) - back * WEEK for back in history.STORY_WEEKS]

    assert all(not mine[week].suppressed for week in story)
    others = [f.value for week, f in mine.items() if week not in story and not f.suppressed]
    assert max(mine[week].value for week in story) < min(others, default=1)
    topics = negative_topics(start=start, end=end)
    assert history.STORY_TAG in [topic.slug for topic in topics]


def test_response_times_are_shown(seeded):
    data = response_dashboard(Filters(start=seeded.first, end=seeded.today))

    assert not data.total.questions.suppressed
    assert not data.total.first_reply_median.suppressed
    assert data.total.first_reply_median.value is not None
    assert not data.total.accepted_median.suppressed
    assert not data.unanswered.suppressed and data.unanswered.value > 0


def test_searches_without_results_list_queries(seeded):
    data = searches_without_results(Filters(start=seeded.first, end=seeded.today))

    queries = {item.query for item in data.queries}
    assert queries and queries <= {query for query, _back, _share in history.MISSING}
    assert not data.total.suppressed


def test_an_analyst_downloads_a_figure_not_a_suppression(seeded, client):
    client.force_login(User.objects.get(username="siti.rahmawati"))
    query = f"?from={seeded.first.isoformat()}&to={seeded.today.isoformat()}"

    body = client.get(f"/analytics/adoption/summary.csv{query}").content.decode()

    active = next(line for line in body.splitlines() if line.startswith("People active"))
    assert active.split(",")[-1].strip().isdigit()


def test_the_people_behind_events_are_the_seeded_company(seeded):
    assert not Event.objects.exclude(actor__isnull=False).exists()
    assert not Event.objects.exclude(department_id=F("actor__department_id")).exists()
