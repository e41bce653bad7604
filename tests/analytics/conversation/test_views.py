"""The Conversation page, CSV exports and API: permissions, numbers, privacy, bad filters."""

import csv
import io
import json
from urllib.parse import urlencode

import pytest

from tests.analytics.conversation.conftest import PRIVATE_WORDS, period, period_query, week_label

pytestmark = pytest.mark.django_db

ROLES = ("anon", "employee", "leader", "analyst", "superuser")
PAGE = "/analytics/conversation/"
API = "/api/v1/analytics/conversation/"
TABLES = (
    "summary",
    "by-week",
    "by-department",
    "communities",
    "top-posts",
    "top-threads",
    "top-articles",
    "emerging-topics",
)


def codes(as_user, path):
    return {role: as_user(role).get(path).status_code for role in ROLES}


def with_period(path: str, **extra) -> str:
    return f"{path}?{urlencode(period_query(**extra))}"


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_only_leaders_analysts_and_superusers_open_the_page(as_user):
    assert codes(as_user, PAGE) == {
        "anon": 302, "employee": 403, "leader": 200, "analyst": 200, "superuser": 200,
    }  # fmt: skip


@pytest.mark.parametrize("table", TABLES)
def test_only_analysts_and_superusers_download_csv(as_user, table):
    assert codes(as_user, f"{PAGE}{table}.csv") == {
        "anon": 302, "employee": 403, "leader": 403, "analyst": 200, "superuser": 200,
    }  # fmt: skip


def test_only_leaders_analysts_and_superusers_call_the_api(as_user):
    assert codes(as_user, API) == {
        "anon": 401, "employee": 403, "leader": 200, "analyst": 200, "superuser": 200,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-13-01"}, "from"),
        ({"from": "2026-05-02", "to": "2026-05-01"}, "to"),
        ({"department": "999999"}, "department"),
        ({"community": "abc"}, "community"),
    ],
)
def test_bad_filters_answer_400_with_the_field_errors(as_user, query, field):
    client = as_user("analyst")
    page = client.get(PAGE, query)
    assert page.status_code == 400
    assert 'id="analytics-filter-errors"' in page.content.decode()
    assert client.get(f"{PAGE}summary.csv", query).status_code == 400
    api = client.get(API, query)
    assert api.status_code == 400
    assert list(api.json()) == [field]


def test_a_private_community_is_not_a_community_filter(as_user, world):
    tax = world.communities["tax"].pk
    assert as_user("leader").get(API, {"community": tax}).status_code == 400


def test_the_api_gives_every_table_with_exact_numbers(as_user, world):
    body = as_user("leader").get(with_period(API)).json()
    start, end = period()
    assert body["dashboard"] == "conversation"
    assert body["filters"]["from"] == start.isoformat()
    tables = body["tables"]
    assert list(tables) == list(TABLES)
    s = {"value": None, "suppressed": True}

    def fig(value):
        return {"value": value, "suppressed": False}

    summary = {row["measure"]: row["value"] for row in tables["summary"]["rows"]}
    assert summary == {
        "All writing": fig(52), "Posts": fig(41), "Comments": s, "Forum threads": s,
        "Forum replies": fig(5), "Blog articles": s, "People who wrote": fig(10),
        "Searches with no results": fig(5),
    }  # fmt: skip
    searches = tables["summary"]["rows"][-1]
    assert searches["measure_url"] == f"/analytics/searches/?from={start}&to={end}"

    weeks = tables["by-week"]["rows"]
    assert [row["label"] for row in weeks] == [week_label(w) for w in range(7, -1, -1)]
    assert weeks[-1]["post"] == fig(11) and weeks[-1]["total"] == fig(22)
    assert weeks[-1]["comment"] == s and weeks[0]["total"] == s

    departments = tables["by-department"]["rows"]
    assert [(r["label"], r["post"], r["total"], r["contributors"]) for r in departments] == [
        ("Finance", fig(7), fig(13), fig(6)),
        ("IT", s, s, s),
    ]
    communities = tables["communities"]["rows"]
    assert [(r["community"], r["community_url"], r["total"], r["contributors"], r["reply"])
            for r in communities] == [
        ("Tech Corner", "/c/tech-corner/", fig(34), fig(6), fig(5)),
    ]  # fmt: skip

    p1 = world.items["p1"]
    assert [(r["title"], r["title_url"], r["place"], r["engagement"], r["people"])
            for r in tables["top-posts"]["rows"]] == [
        ("Payroll delay again", f"/posts/{p1.pk}/", "Company-wide", fig(8), fig(6)),
    ]  # fmt: skip
    assert [r["title"] for r in tables["top-threads"]["rows"]] == ["Laptop refresh schedule"]
    assert [r["title"] for r in tables["top-articles"]["rows"]] == ["Kubernetes migration guide"]

    topics = tables["emerging-topics"]["rows"]
    assert [(r["topic"], r["kind"], r["this_week"], r["baseline"], r["z_score"], r["ratio"])
            for r in topics] == [
        ("payroll", "Tag", fig(10), 0.5, 19.0, 20.0),
        ("laptops", "Tag", fig(6), 0.0, None, None),
        ("laptop refresh", "Key phrase", fig(6), 0.0, None, None),
        ("payroll delay", "Key phrase", fig(6), 0.0, None, None),
    ]  # fmt: skip
    assert topics[0]["topic_url"] == "/tags/payroll/"
    assert topics[1]["note"] == "New: not in the weeks before" and topics[0]["note"] == ""


def test_the_page_shows_the_tables_the_line_chart_and_the_searches_link(as_user):
    html = as_user("leader").get(with_period(PAGE)).content.decode()
    start, end = period()
    for table in TABLES:
        assert f'data-analytics-table="{table}"' in html
    assert "Payroll delay again" in html and "payroll delay" in html
    assert "19.0" in html and "20.0" in html
    assert "fewer than 5 people" in html
    assert f'href="/analytics/searches/?from={start}&amp;to={end}"' in html
    marker = '<script id="chart-by-week" type="application/json">'
    chart = json.loads(html[html.index(marker) :].split(">", 1)[1].split("</script>", 1)[0])
    assert chart["type"] == "line"
    assert chart["labels"] == [week_label(w) for w in range(7, -1, -1)]
    assert [d["label"] for d in chart["datasets"]] == [
        "Posts", "Comments", "Forum threads", "Forum replies", "Blog articles",
    ]  # fmt: skip
    assert chart["datasets"][0]["data"] == [None, None, None, None, 5, None, 5, 11]


def test_the_topics_csv_has_the_z_score_and_the_baseline(as_user):
    response = as_user("analyst").get(with_period(f"{PAGE}emerging-topics.csv"))
    assert response.status_code == 200
    assert rows_of(response) == [
        ["Topic", "Kind", "Items in the last 7 days", "Weekly average before", "z-score",
         "Times the average", "Note"],
        ["payroll", "Tag", "10", "0.5", "19.0", "20.0", ""],
        ["laptops", "Tag", "6", "0.0", "", "", "New: not in the weeks before"],
        ["laptop refresh", "Key phrase", "6", "0.0", "", "", "New: not in the weeks before"],
        ["payroll delay", "Key phrase", "6", "0.0", "", "", "New: not in the weeks before"],
    ]  # fmt: skip


def test_the_department_csv_suppresses_small_departments(as_user):
    response = as_user("analyst").get(with_period(f"{PAGE}by-department.csv"))
    assert rows_of(response)[1:] == [
        ["Finance", "7", "fewer than 5 people", "fewer than 5 people", "fewer than 5 people",
         "fewer than 5 people", "13", "6"],
        ["IT"] + ["fewer than 5 people"] * 7,
    ]  # fmt: skip


@pytest.mark.parametrize("viewer", ["leader", "member_leader", "superuser"])
def test_private_community_words_never_reach_the_page_csv_or_api(as_user, viewer):
    client = as_user(viewer)
    bodies = [client.get(with_period(PAGE)).content.decode()]
    bodies.append(client.get(with_period(API)).content.decode())
    if viewer == "superuser":
        bodies += [client.get(with_period(f"{PAGE}{t}.csv")).content.decode() for t in TABLES]
    for body in bodies:
        for word in PRIVATE_WORDS:
            assert word not in body, word
