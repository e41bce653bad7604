"""The shared cache of the dashboards' data: one leader builds, the next is served; a rollup
run, a rescoring, other filters, another language or time zone build again."""

import csv
import io
from dataclasses import replace
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from analytics import tasks
from analytics.cache import cached_build, dashboard_key, data_version, data_version_bump
from analytics.dashboards import DASHBOARDS, SEARCHES, Dashboard
from analytics.forms import default_filters
from analytics.models import AccessKind, AccessLog
from analytics.selectors.searches import NoResults
from core import events
from profiles.roles import ANALYSTS, LEADERS
from tests.factories import DepartmentFactory, UserFactory
from tests.helpers import in_group

pytestmark = pytest.mark.django_db

API = "/api/v1/analytics/searches/no-results/"
PAGE = "/analytics/searches/"
# Session, user, site roles, the access-log row (and its savepoint): no selector query.
CACHED_API_QUERIES = 6
# The same, plus what the page reads besides the data (the filter form's choices...).
CACHED_PAGE_QUERIES = 10


@pytest.fixture
def search(django_capture_on_commit_callbacks):
    """``search(person, query)``: ``person`` searched ``query`` and found nothing."""

    def searched(person, query="VPN setup"):
        with django_capture_on_commit_callbacks(execute=True):
            events.publish("search.performed", actor=person, payload={"query": query, "results": 0})

    return searched


@pytest.fixture
def searchers(search):
    """Five Finance people searched "VPN setup" and found nothing."""
    finance = DepartmentFactory(name="Finance")
    people = [UserFactory(username=f"f{n}", department=finance) for n in range(5)]
    for person in people:
        search(person)
    return people


@pytest.fixture
def counting():
    """A dashboard like Searches whose builds are counted."""
    calls = []

    def build(filters):
        calls.append(filters)
        return {"built": len(calls)}

    return replace(SEARCHES, slug="counted", build=build), calls


def login(client, username, group=LEADERS, **fields):
    client.force_login(in_group(UserFactory(username=username, **fields), group))
    return client


def vpn_searches(client) -> dict:
    rows = client.get(API).json()["tables"]["no-results"]["rows"]
    return {row["query"]: row["searches"]["value"] for row in rows}


def test_a_second_leader_is_served_the_data_the_first_one_built(client, searchers, search):
    assert vpn_searches(login(client, "leader")) == {"vpn setup": 5}
    search(UserFactory(username="late"))  # Not yet seen: the data has not been rolled up.
    assert vpn_searches(login(client, "other-leader")) == {"vpn setup": 5}


@pytest.mark.parametrize(
    "preference", [{"language": "id"}, {"timezone": "Asia/Jayapura"}], ids=["language", "zone"]
)
def test_a_leader_with_another_language_or_time_zone_gets_an_entry_of_their_own(
    client, searchers, search, preference
):
    assert vpn_searches(login(client, "leader")) == {"vpn setup": 5}
    search(UserFactory(username="late"))
    assert vpn_searches(login(client, "other-leader", **preference)) == {"vpn setup": 6}


def test_a_bumped_data_version_builds_again(client, searchers, search):
    leader = login(client, "leader")
    assert vpn_searches(leader) == {"vpn setup": 5}
    search(UserFactory(username="late"))
    data_version_bump()
    assert vpn_searches(leader) == {"vpn setup": 6}


@pytest.mark.parametrize("task", [tasks.rollup_today, tasks.close_day])
def test_every_rollup_run_bumps_the_data_version(task):
    before = data_version()
    task.apply()
    assert data_version() != before


def test_a_rollup_range_bumps_the_data_version():
    before = data_version()
    today = timezone.localdate().isoformat()
    tasks.rollup_range.apply(args=(today, today))
    assert data_version() != before


def test_the_data_version_comes_back_when_the_cache_loses_it():
    first = data_version()
    assert data_version() == first
    cache.clear()
    assert data_version() not in ("", first)


def test_the_cache_expires_after_analytics_cache_seconds(settings, counting):
    dashboard, calls = counting
    cached_build(dashboard, default_filters())
    cached_build(dashboard, default_filters())
    assert len(calls) == 1
    settings.ANALYTICS_CACHE_SECONDS = 0  # Off: every request builds.
    cached_build(dashboard, default_filters())
    cached_build(dashboard, default_filters())
    assert len(calls) == 3


def test_other_filters_do_not_share_an_entry(counting):
    dashboard, calls = counting
    filters = default_filters()
    finance = DepartmentFactory(name="Finance")
    variants = [
        filters,
        replace(filters, start=filters.start - timedelta(days=1)),
        replace(filters, end=filters.end - timedelta(days=1)),
        replace(filters, department=finance),
    ]
    built = [cached_build(dashboard, variant) for variant in variants]
    assert built == [{"built": n} for n in (1, 2, 3, 4)]
    assert [cached_build(dashboard, variant) for variant in variants] == built
    assert len(calls) == 4


def test_another_language_or_time_zone_builds_its_own_entry(counting):
    dashboard, calls = counting
    filters = default_filters()
    with translation.override("en"):
        cached_build(dashboard, filters)
    with translation.override("id"):
        cached_build(dashboard, filters)
        cached_build(dashboard, filters)
    with timezone.override("Asia/Makassar"):
        cached_build(dashboard, filters)
    assert len(calls) == 3


def test_other_dashboards_do_not_share_an_entry(counting):
    dashboard, calls = counting
    other = replace(dashboard, slug="counted-too")
    assert cached_build(dashboard, default_filters()) == {"built": 1}
    assert cached_build(other, default_filters()) == {"built": 2}


def test_a_dashboard_without_data_is_cached_too(counting):
    dashboard, calls = counting
    empty = replace(dashboard, build=lambda filters: calls.append(filters))
    assert cached_build(empty, default_filters()) is None
    assert cached_build(empty, default_filters()) is None
    assert len(calls) == 1


def test_the_cache_holds_the_selectors_data_not_rendered_html(client, searchers):
    login(client, "leader").get(PAGE)
    (entry,) = cache.get(dashboard_key(SEARCHES, default_filters()))
    assert isinstance(entry, NoResults)
    assert entry.queries[0].searches.value == 5


def test_suppression_still_applies_to_cached_data(client, search, settings):
    for n in range(4):  # Four people: the figures are withheld.
        search(UserFactory(username=f"s{n}"))
    leader = login(client, "leader")
    for _ in range(2):  # Built, then cached.
        summary = leader.get(API).json()["tables"]["summary"]["rows"][0]["value"]
        assert summary == {"value": None, "suppressed": True}
        assert "fewer than 5 people" in leader.get(PAGE).content.decode()
    settings.ANALYTICS_MIN_GROUP_SIZE = 4  # Another threshold is another entry.
    summary = leader.get(API).json()["tables"]["summary"]["rows"][0]["value"]
    assert summary == {"value": 4, "suppressed": False}


def test_the_access_log_is_written_on_every_cache_hit(client, searchers):
    analyst = login(client, "analyst", group=ANALYSTS)
    analyst.get(API)
    analyst.get(API)
    analyst.get(PAGE)
    analyst.get("/analytics/searches/no-results.csv")
    logged = list(AccessLog.objects.order_by("id").values_list("kind", "dashboard"))
    assert logged == [
        (AccessKind.API, "searches"),
        (AccessKind.API, "searches"),
        (AccessKind.PAGE, "searches"),
        (AccessKind.CSV, "searches/no-results"),
    ]


def test_the_page_csv_and_api_share_one_entry(client, searchers, search):
    analyst = login(client, "analyst", group=ANALYSTS)
    assert "vpn setup" in analyst.get(PAGE).content.decode()
    search(UserFactory(username="late"))
    rows = list(csv.reader(io.StringIO(analyst.get("/analytics/searches/no-results.csv").text)))
    assert rows == [["Query", "Searches"], ["vpn setup", "5"]]
    assert vpn_searches(analyst) == {"vpn setup": 5}


def test_bad_filters_are_still_refused_with_the_cache_warm(client, searchers):
    leader = login(client, "leader")
    leader.get(API)
    response = leader.get(API, {"from": "yesterday"})
    assert response.status_code == 400
    assert "from" in response.json()


@pytest.mark.parametrize("dashboard", DASHBOARDS, ids=lambda dashboard: dashboard.slug)
def test_a_cached_dashboard_costs_no_selector_query(client, dashboard: Dashboard):
    leader = login(client, "leader")
    path = "/api/v1/analytics/" + (dashboard.api_path or f"{dashboard.slug}/")
    with CaptureQueriesContext(connection) as built:
        first = leader.get(path)
    with CaptureQueriesContext(connection) as served:
        second = leader.get(path)
    assert first.status_code == second.status_code == 200
    assert second.json() == first.json()
    assert len(served) <= CACHED_API_QUERIES < len(built)


@pytest.mark.parametrize("dashboard", DASHBOARDS, ids=lambda dashboard: dashboard.slug)
def test_a_cached_dashboard_page_costs_no_selector_query(client, dashboard: Dashboard):
    leader = login(client, "leader")
    path = f"/analytics/{dashboard.slug}/"
    with CaptureQueriesContext(connection) as built:
        assert leader.get(path).status_code == 200
    with CaptureQueriesContext(connection) as served:
        assert leader.get(path).status_code == 200
    assert len(served) <= CACHED_PAGE_QUERIES < len(built)


def test_a_cached_page_takes_far_fewer_queries(client, searchers):
    leader = login(client, "leader")
    with CaptureQueriesContext(connection) as built:
        leader.get(PAGE)
    with CaptureQueriesContext(connection) as served:
        leader.get(PAGE)
    selector_queries = 2  # The total and the queries.
    assert len(served) == len(built) - selector_queries
