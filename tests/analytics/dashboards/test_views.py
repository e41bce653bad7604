"""The dashboard pages, CSV exports and API: permissions, numbers, privacy, access log."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from analytics.forms import default_filters
from analytics.models import AccessKind, AccessLog
from analytics.permissions import can_export_analytics
from core import events
from tests.analytics.dashboards.conftest import PRIVATE_WORDS, ask

pytestmark = pytest.mark.django_db

ROLES = ("anon", "employee", "leader", "analyst", "superuser")
RESPONSE = "/analytics/response/"
RESPONSE_API = "/api/v1/analytics/response/"
SEARCHES_API = "/api/v1/analytics/searches/no-results/"
CSV_TABLES = ("summary", "by-category", "by-department", "unanswered", "experts")


def codes(as_user, path, **extra):
    return {role: as_user(role).get(path, **extra).status_code for role in ROLES}


@pytest.mark.parametrize(
    "path",
    ["/analytics/", RESPONSE, "/analytics/searches/"],
    ids=["overview", "response", "searches"],
)
def test_only_leaders_analysts_and_superusers_open_the_pages(as_user, path):
    assert codes(as_user, path) == {
        "anon": 302, "employee": 403, "leader": 200, "analyst": 200, "superuser": 200,
    }  # fmt: skip


@pytest.mark.parametrize("table", CSV_TABLES)
def test_only_analysts_and_superusers_download_csv(as_user, table):
    assert codes(as_user, f"/analytics/response/{table}.csv") == {
        "anon": 302, "employee": 403, "leader": 403, "analyst": 200, "superuser": 200,
    }  # fmt: skip


@pytest.mark.parametrize("path", [RESPONSE_API, SEARCHES_API])
def test_only_leaders_analysts_and_superusers_call_the_api(as_user, path):
    assert codes(as_user, path) == {
        "anon": 401, "employee": 403, "leader": 200, "analyst": 200, "superuser": 200,
    }  # fmt: skip


def test_the_nav_link_shows_only_to_those_who_may_open_analytics(as_user):
    link = 'href="/analytics/"'
    assert link not in as_user("employee").get("/").content.decode()
    assert link in as_user("leader").get("/").content.decode()


def test_an_unknown_table_is_not_found(as_user):
    assert as_user("analyst").get("/analytics/response/nope.csv").status_code == 404


def test_the_page_shows_the_numbers_the_chart_data_and_the_privacy_statement(as_user):
    html = as_user("leader").get(RESPONSE).content.decode()
    assert "Payroll" in html and "7.6" in html and "15.2" in html
    assert "fewer than 5 people" in html
    assert 'id="analytics-privacy"' in html
    assert "Printer jammed on floor 3" in html
    assert "chart.umd.min.js" in html and "analytics/charts.js" in html
    start = html.index('<script id="chart-by-category" type="application/json">')
    chart = json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])
    # Both have 5 questions: by name. Laptops' times come from 4 askers: suppressed.
    assert chart["labels"] == ["Laptops (Tech Corner)", "Payroll"]
    assert chart["datasets"][0]["data"] == [None, 3.0]
    assert chart["datasets"][1]["data"] == [None, 6.0]


def test_leaders_see_no_csv_links_and_analysts_do(as_user):
    assert ".csv?" not in as_user("leader").get(RESPONSE).content.decode()
    html = as_user("analyst").get(RESPONSE).content.decode()
    assert "/analytics/response/by-category.csv?from=" in html


def test_the_overview_lists_every_dashboard_once(as_user):
    html = as_user("leader").get("/analytics/").content.decode()
    for slug in ("adoption", "conversation", "departments", "climate", "response", "searches"):
        assert html.count(f'href="/analytics/{slug}/"') == 1
    assert html.count("stretched-link") == 6


def test_the_csv_has_the_tables_numbers_and_the_suppression_text(as_user):
    response = as_user("analyst").get("/analytics/response/by-category.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    filters = default_filters()
    assert response["Content-Disposition"] == (
        'attachment; filename="kolega-response-by-category-'
        f'{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Category",
        "Questions asked",
        "First reply, median (hours)",
        "First reply, 90th percentile (hours)",
        "Accepted answer, median (hours)",
        "Accepted answer, 90th percentile (hours)",
    ]
    hidden = "fewer than 5 people"
    assert rows[1:] == [
        ["Laptops (Tech Corner)", "5", hidden, hidden, hidden, hidden],
        ["Payroll", "5", "3.0", "7.6", "6.0", "15.2"],
    ]


def test_csv_cells_that_look_like_formulas_are_defused(as_user, world):
    ask(world, world.people["f3"], world.categories["payroll"], "=HYPERLINK(evil)", hours_ago=50)
    body = as_user("analyst").get("/analytics/response/unanswered.csv").content.decode()
    assert "'=HYPERLINK(evil)" in body
    assert "\n=HYPERLINK" not in body


def test_the_api_gives_figures_with_suppression_flags(as_user):
    start = (timezone.localdate() - timedelta(days=30)).isoformat()
    data = as_user("leader").get(RESPONSE_API, {"from": start}).json()
    assert data["dashboard"] == "response"
    assert data["min_group_size"] == 5
    assert data["filters"]["from"] == start
    assert data["filters"]["to"] == timezone.localdate().isoformat()
    rows = data["tables"]["by-category"]["rows"]
    assert [row["label"] for row in rows] == ["Laptops (Tech Corner)", "Payroll"]
    assert rows[0]["first_reply_median"] == {"value": None, "suppressed": True}
    assert rows[1]["first_reply_p90"] == {"value": 7.6, "suppressed": False}
    assert rows[1]["questions"] == {"value": 5, "suppressed": False}
    summary = {row["measure"]: row["value"] for row in data["tables"]["summary"]["rows"]}
    assert summary["Hours to first reply, 90th percentile"] == {"value": 19.0, "suppressed": False}
    assert summary["Unanswered for more than 48 hours"] == {"value": None, "suppressed": True}
    unanswered = data["tables"]["unanswered"]["rows"]
    assert [row["question"] for row in unanswered] == ["Printer jammed on floor 3"]
    assert unanswered[0]["question_url"].startswith("/forum/")


def _every_body(client) -> list[str]:
    bodies = [client.get(path).content.decode() for path in (RESPONSE, "/analytics/searches/")]
    bodies += [client.get(f"/analytics/response/{t}.csv").content.decode() for t in CSV_TABLES]
    bodies += [client.get(path).content.decode() for path in (RESPONSE_API, SEARCHES_API)]
    return bodies


@pytest.mark.parametrize("role", ["analyst", "superuser"])
def test_private_titles_and_tags_appear_in_no_page_csv_or_api(as_user, world, role):
    client = as_user(role)
    assert can_export_analytics(world.people[role])
    for body in _every_body(client):
        for word in PRIVATE_WORDS:
            assert word not in body


def test_a_leader_in_the_private_community_sees_what_other_leaders_see(as_user, world):
    outside = as_user("leader").get(RESPONSE_API).json()
    inside = as_user("member_leader").get(RESPONSE_API).json()
    assert inside == outside
    page = as_user("member_leader").get(RESPONSE).content.decode()
    for word in PRIVATE_WORDS:
        assert word not in page


def test_every_view_export_and_api_call_is_logged_with_its_filters(as_user, world):
    finance = world.departments["finance"].pk
    query = f"?from=2026-01-01&to=2026-03-31&department={finance}"
    client = as_user("analyst")
    client.get(RESPONSE + query)
    client.get("/analytics/response/experts.csv" + query)
    client.get(RESPONSE_API + query)
    expected_filters = {
        "from": "2026-01-01",
        "to": "2026-03-31",
        "department": finance,
        "office": None,
        "community": None,
    }
    rows = list(
        AccessLog.objects.order_by("id").values("user", "kind", "dashboard", "filters", "path")
    )
    analyst = world.people["analyst"].pk
    assert rows == [
        {"user": analyst, "kind": AccessKind.PAGE, "dashboard": "response",
         "filters": expected_filters, "path": RESPONSE + query},
        {"user": analyst, "kind": AccessKind.CSV, "dashboard": "response/experts",
         "filters": expected_filters, "path": "/analytics/response/experts.csv" + query},
        {"user": analyst, "kind": AccessKind.API, "dashboard": "response",
         "filters": expected_filters, "path": RESPONSE_API + query},
    ]  # fmt: skip


def test_refused_requests_leave_no_access_log_rows(as_user):
    as_user("employee").get(RESPONSE)
    as_user("leader").get("/analytics/response/summary.csv")
    as_user("employee").get(RESPONSE_API)
    assert AccessLog.objects.count() == 0


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=yesterday", "from", "Enter a date as YYYY-MM-DD."),
        ("from=2026-03-01&to=2026-02-01", "to", "The end date must not be before the start date."),
        ("from=2020-01-01&to=2026-01-01", "to", "Choose a range of at most 731 days."),
        ("department=999999", "department", "There is no such department."),
        ("office=abc", "office", "There is no such office."),
        ("community=PRIVATE", "community", "There is no such public community."),
    ],
)
def test_bad_filters_are_refused_everywhere(as_user, world, query, field, message):
    query = query.replace("PRIVATE", str(world.communities["tax"].pk))
    client = as_user("analyst")
    page = client.get(f"{RESPONSE}?{query}")
    assert page.status_code == 400
    assert message in page.content.decode()
    partial = client.get(f"{RESPONSE}?{query}", headers={"HX-Request": "true"})
    assert partial.status_code == 422
    assert message in partial.content.decode()
    assert "<html" not in partial.content.decode()
    api = client.get(f"{RESPONSE_API}?{query}")
    assert api.status_code == 400
    assert api.json() == {field: [message]}
    assert client.get(f"/analytics/response/summary.csv?{query}").status_code == 400
    # Refused filters are still looks: logged with what was asked for.
    logged = list(AccessLog.objects.order_by("id").values_list("kind", "filters"))
    asked = dict(pair.split("=") for pair in query.split("&"))
    assert logged == [
        (AccessKind.PAGE, asked),
        (AccessKind.PAGE, asked),
        (AccessKind.API, asked),
        (AccessKind.CSV, asked),
    ]


def test_an_htmx_filter_request_gets_the_body_only(as_user, world):
    it = world.departments["it"].pk
    response = as_user("leader").get(f"{RESPONSE}?department={it}", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="dashboard-body">')
    assert "Payroll" not in html  # Finance's category: not IT's.
    assert "Laptops (Tech Corner)" in html


def test_the_schema_documents_both_analytics_endpoints(as_user):
    schema = as_user("leader").get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/analytics/response/" in schema["paths"]
    assert "/api/v1/analytics/searches/no-results/" in schema["paths"]
    operation = schema["paths"]["/api/v1/analytics/response/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"from", "to", "department"}


def test_the_searches_page_csv_and_api_show_queries_of_enough_people(
    as_user, world, django_capture_on_commit_callbacks
):
    finance = [world.people[f"f{n}"] for n in range(1, 6)]
    with django_capture_on_commit_callbacks(execute=True):
        for person in finance:
            events.publish(
                "search.performed", actor=person, payload={"query": "VPN setup", "results": 0}
            )
        events.publish(
            "search.performed", actor=finance[0], payload={"query": "=cmd|calc", "results": 0}
        )
    client = as_user("analyst")
    html = client.get("/analytics/searches/").content.decode()
    assert "vpn setup" in html
    assert "cmd|calc" not in html  # One person's query: never shown.
    rows = list(csv.reader(io.StringIO(client.get("/analytics/searches/no-results.csv").text)))
    assert rows == [["Query", "Searches"], ["vpn setup", "5"]]
    summary = list(csv.reader(io.StringIO(client.get("/analytics/searches/summary.csv").text)))
    assert summary == [["Measure", "Value"], ["Searches with no results", "6"]]
    data = client.get(SEARCHES_API).json()
    assert data["ignored_filters"] == ["community"]
    assert data["tables"]["no-results"]["rows"] == [
        {"query": "vpn setup", "searches": {"value": 5, "suppressed": False}}
    ]
