"""The departments dashboard's page, CSV exports and API: permissions, numbers, privacy."""

import csv
import io
import json

import pytest

from analytics.dashboards import BY_SLUG
from tests.analytics.departments.conftest import JULY, PRIVATE_WORDS, YEAR

pytestmark = pytest.mark.django_db

ROLES = ("anon", "employee", "leader", "analyst", "superuser")
PAGE = "/analytics/departments/"
API = "/api/v1/analytics/departments/"
TABLES = ("topics", "interactions")
HIDDEN = "fewer than 5 people"


def codes(as_user, path, **extra):
    return {role: as_user(role).get(path, **extra).status_code for role in ROLES}


def csv_of(client, table, query=YEAR):
    response = client.get(f"/analytics/departments/{table}.csv", query)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_only_leaders_analysts_and_superusers_open_the_page(as_user):
    assert codes(as_user, PAGE) == {
        "anon": 302, "employee": 403, "leader": 200, "analyst": 200, "superuser": 200,
    }  # fmt: skip


@pytest.mark.parametrize("table", TABLES)
def test_only_analysts_and_superusers_download_csv(as_user, table):
    assert codes(as_user, f"/analytics/departments/{table}.csv") == {
        "anon": 302, "employee": 403, "leader": 403, "analyst": 200, "superuser": 200,
    }  # fmt: skip


def test_only_leaders_analysts_and_superusers_call_the_api(as_user):
    assert codes(as_user, API) == {
        "anon": 401, "employee": 403, "leader": 200, "analyst": 200, "superuser": 200,
    }  # fmt: skip


def test_the_topics_csv_has_a_row_per_department_and_month(as_user):
    assert csv_of(as_user("analyst"), "topics") == [
        ["Department", "Month", "Public items", "Topic 1", "Items on topic 1", "Topic 2",
         "Items on topic 2", "Topic 3", "Items on topic 3"],
        ["Finance", "2025-03", "36", "closing", "10", "budget", "7", "tax", "6"],
        ["Finance", "2025-06", "5", "", "", "", "", "", ""],
        ["Finance", "2025-07", HIDDEN, "", "", "", "", "", ""],
        ["HR", "2025-06", "7", "", "", "", "", "", ""],
        ["HR", "2025-07", "5", "appraisal", "5", "", "", "", ""],
        ["IT", "2025-03", HIDDEN, "", "", "", "", "", ""],
    ]  # fmt: skip


def test_the_matrix_csv_has_a_column_per_department(as_user):
    assert csv_of(as_user("analyst"), "interactions") == [
        ["From (acting) \u2192 to", "Finance", "HR"],
        ["Finance", "", "10"],
        ["HR", "7", ""],
        ["IT", "", HIDDEN],
    ]
    # July: five people reacted to one person's post only; IT's four people.
    assert csv_of(as_user("analyst"), "interactions", JULY) == [
        ["From (acting) \u2192 to", "HR"],
        ["Finance", HIDDEN],
        ["IT", HIDDEN],
    ]


def test_the_page_shows_both_tables_the_heatmap_and_the_chart(as_user):
    html = as_user("leader").get(PAGE, YEAR).content.decode()
    assert 'id="topics-table"' in html and 'id="interactions-table"' in html
    assert "closing" in html and "appraisal" in html
    assert '<th scope="col" class="text-end">HR</th>' in html
    assert html.count("--heat: 100%") == 1  # Finance -> HR, the largest.
    assert "--heat: 70%" in html  # HR -> Finance: 7 of 10.
    assert HIDDEN in html
    start = html.index('<script id="chart-topics" type="application/json">')
    chart = json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])
    assert chart["labels"][0] == "Finance 2025-03"
    assert chart["datasets"][0]["data"] == [36, 5, None, 7, 5, None]


def test_the_api_gives_the_matrix_columns_and_suppressed_cells(as_user, world):
    data = as_user("leader").get(API, YEAR).json()
    assert data["ignored_filters"] == []
    matrix = data["tables"]["interactions"]
    finance, hr = world.departments["finance"].pk, world.departments["hr"].pk
    assert [column["key"] for column in matrix["columns"]] == [
        "department",
        f"to_{finance}",
        f"to_{hr}",
    ]
    assert matrix["rows"] == [
        {"department": "Finance", f"to_{finance}": None,
         f"to_{hr}": {"value": 10, "suppressed": False}},
        {"department": "HR", f"to_{finance}": {"value": 7, "suppressed": False},
         f"to_{hr}": None},
        {"department": "IT", f"to_{finance}": None,
         f"to_{hr}": {"value": None, "suppressed": True}},
    ]  # fmt: skip
    topics = data["tables"]["topics"]["rows"]
    assert topics[0]["topic_1"] == "closing"
    assert topics[0]["topic_1_items"] == {"value": 10, "suppressed": False}
    assert topics[2]["items"] == {"value": None, "suppressed": True}


def test_the_matrix_columns_follow_each_request(as_user):
    client = as_user("leader")
    assert len(client.get(API, YEAR).json()["tables"]["interactions"]["columns"]) == 3
    assert len(client.get(API, JULY).json()["tables"]["interactions"]["columns"]) == 2
    assert BY_SLUG["departments"].table("interactions").columns is not None


def _every_body(client) -> list[str]:
    bodies = []
    for query in (YEAR, JULY, {}):
        bodies.append(client.get(PAGE, query).content.decode())
        bodies.append(client.get(API, query).content.decode())
        for table in TABLES:
            bodies.append(client.get(f"/analytics/departments/{table}.csv", query).content.decode())
    return bodies


@pytest.mark.parametrize("role", ["analyst", "superuser"])
def test_private_words_and_tags_appear_in_no_page_csv_or_api(as_user, role):
    for body in _every_body(as_user(role)):
        for word in PRIVATE_WORDS:
            assert word not in body


def test_a_leader_in_the_private_community_sees_what_other_leaders_see(as_user):
    outside = as_user("leader").get(API, YEAR).json()
    inside = as_user("member_leader").get(API, YEAR).json()
    assert inside == outside
    page = as_user("member_leader").get(PAGE, YEAR).content.decode()
    for word in PRIVATE_WORDS:
        assert word not in page


def test_the_department_filter_narrows_both_tables(as_user, world):
    hr = world.departments["hr"].pk
    client = as_user("analyst")
    topics = csv_of(client, "topics", {**YEAR, "department": hr})
    assert [row[:2] for row in topics[1:]] == [["HR", "2025-06"], ["HR", "2025-07"]]
    assert csv_of(client, "interactions", {**YEAR, "department": hr}) == [
        ["From (acting) \u2192 to", "Finance"],
        ["HR", "7"],
    ]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=yesterday", "from", "Enter a date as YYYY-MM-DD."),
        ("from=2025-03-01&to=2025-02-01", "to", "The end date must not be before the start date."),
        ("from=2020-01-01&to=2025-01-01", "to", "Choose a range of at most 731 days."),
        ("department=999999", "department", "There is no such department."),
        ("community=PRIVATE", "community", "There is no such public community."),
    ],
)
def test_bad_filters_are_refused_everywhere(as_user, world, query, field, message):
    query = query.replace("PRIVATE", str(world.communities["tax"].pk))
    client = as_user("analyst")
    page = client.get(f"{PAGE}?{query}")
    assert page.status_code == 400
    assert message in page.content.decode()
    partial = client.get(f"{PAGE}?{query}", headers={"HX-Request": "true"})
    assert partial.status_code == 422
    api = client.get(f"{API}?{query}")
    assert api.status_code == 400
    assert api.json() == {field: [message]}
    for table in TABLES:
        assert client.get(f"/analytics/departments/{table}.csv?{query}").status_code == 400


def test_an_htmx_filter_request_gets_the_body_only(as_user, world):
    it = world.departments["it"].pk
    response = as_user("leader").get(
        PAGE, {**YEAR, "department": it}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="dashboard-body">')
    assert "closing" not in html  # Finance's topic.
