"""The Climate dashboard: page, CSV and API numbers (worked out in conftest), suppression,
private communities, permissions, bad filters and query counts."""

import csv
import io
import json
from datetime import date

import pytest

from analytics.conversation_rollups import rollup_conversation_week
from analytics.dashboards import BY_SLUG
from analytics.models import ContentSentiment
from profiles.roles import ANALYSTS
from tests.analytics.climate.conftest import PERIOD, PRIVATE_WORDS, QUERY, at, written
from tests.communities.conftest import build_community
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory
from tests.helpers import in_group

pytestmark = pytest.mark.django_db

PAGE = "/analytics/climate/"
API = "/api/v1/analytics/climate/"
TABLES = ("weeks", "by-department", "by-office", "by-community", "negative-topics")
ROLES = ("anon", "employee", "leader", "analyst", "superuser")
HIDDEN = "fewer than 5 people"


def codes(as_user, path):
    return {role: as_user(role).get(path, PERIOD).status_code for role in ROLES}


def chart(html: str, table: str) -> dict:
    start = html.index(f'<script id="chart-{table}" type="application/json">')
    return json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])


def api_rows(as_user, table, **query) -> list[dict]:
    data = as_user("leader").get(API, {**PERIOD, **query}).json()
    return data["tables"][table]["rows"]


def figure(value):
    return {"value": value, "suppressed": value is None}


def test_the_dashboard_is_registered_as_climate():
    assert BY_SLUG["climate"].title == "Climate"
    assert [table.slug for table in BY_SLUG["climate"].tables] == list(TABLES)


def test_only_leaders_analysts_and_superusers_open_the_page_and_the_api(as_user):
    assert codes(as_user, PAGE) == {
        "anon": 302, "employee": 403, "leader": 200, "analyst": 200, "superuser": 200,
    }  # fmt: skip
    assert codes(as_user, API) == {
        "anon": 401, "employee": 403, "leader": 200, "analyst": 200, "superuser": 200,
    }  # fmt: skip


@pytest.mark.parametrize("table", TABLES)
def test_only_analysts_and_superusers_download_csv(as_user, table):
    assert codes(as_user, f"/analytics/climate/{table}.csv") == {
        "anon": 302, "employee": 403, "leader": 403, "analyst": 200, "superuser": 200,
    }  # fmt: skip


def test_the_weekly_index_counts_everything_company_wide(as_user):
    rows = api_rows(as_user, "weeks")
    assert [row["label"] for row in rows] == ["2026-03-02", "2026-03-09"]
    # Week 1: (4 - 7) / 12; the private community's two negatives count here.
    assert rows[0] == {
        "label": "2026-03-02", "index": figure(-0.25), "positive": figure(4),
        "neutral": figure(1), "negative": figure(7), "volume": figure(12),
    }  # fmt: skip
    assert rows[1]["index"] == figure(0.0) and rows[1]["volume"] == figure(6)


def test_the_page_draws_the_index_as_a_line_and_explains_it(as_user):
    html = as_user("leader").get(PAGE, PERIOD).content.decode()
    weeks = chart(html, "weeks")
    assert weeks["type"] == "line"
    assert weeks["labels"] == ["2026-03-02", "2026-03-09"]
    assert weeks["datasets"] == [{"label": "Sentiment index", "data": [-0.25, 0.0]}]
    assert "share of positive writing minus the share of negative writing" in html
    assert "Volume is how many posts" in html


def test_a_department_filter_counts_its_public_writing_only(as_user, world):
    finance = world.departments["finance"].pk
    rows = api_rows(as_user, "weeks", department=finance)
    assert [(r["label"], r["index"]["value"], r["volume"]["value"]) for r in rows] == [
        ("2026-03-02", 0.4, 5),
        ("2026-03-09", 0.2, 5),
    ]
    html = as_user("leader").get(PAGE, {**PERIOD, "department": finance}).content.decode()
    assert chart(html, "weeks")["datasets"][0]["data"] == [0.4, 0.2]


def test_breakdowns_by_department_office_and_community_with_suppression(as_user):
    def cells(table):
        return [
            (row["label"], row["week"], row["index"]["value"], row["volume"]["value"])
            for row in api_rows(as_user, table)
        ]

    assert cells("by-department") == [
        ("Finance", "2026-03-02", 0.4, 5),
        ("Finance", "2026-03-09", 0.2, 5),
        ("IT", "2026-03-02", None, None),  # i1..i4: 4 people.
        ("IT", "2026-03-09", None, None),
    ]
    assert cells("by-office") == [
        ("Jakarta HQ", "2026-03-02", 0.4, 5),
        ("Jakarta HQ", "2026-03-09", 0.2, 5),
        ("Surabaya", "2026-03-02", -0.6, 5),  # i1..i4 and n1: 5 people.
        ("Surabaya", "2026-03-09", None, None),
    ]
    assert cells("by-community") == [
        ("Tech Corner", "2026-03-02", -0.6, 5),
        ("Tech Corner", "2026-03-09", None, None),
    ]


def test_negative_topics_show_public_tags_and_withhold_small_negative_parts(as_user):
    rows = api_rows(as_user, "negative-topics")
    assert rows == [
        {"topic": "Laptops", "volume": figure(6), "negative": figure(5),
         "negative_share": figure(83.3)},
        {"topic": "Payroll", "volume": figure(10), "negative": figure(None),
         "negative_share": figure(None)},
    ]  # fmt: skip
    html = as_user("leader").get(PAGE, PERIOD).content.decode()
    assert chart(html, "negative-topics")["labels"] == ["Laptops", "Payroll"]
    assert chart(html, "negative-topics")["datasets"][0]["data"] == [5, None]


def test_the_csv_has_the_numbers_and_the_suppression_text(as_user):
    body = as_user("analyst").get(f"/analytics/climate/by-department.csv?{QUERY}").content
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows == [
        ["Department", "Week starting", "Sentiment index", "Positive", "Neutral", "Negative",
         "Volume"],
        ["Finance", "2026-03-02", "0.4", "3", "1", "1", "5"],
        ["Finance", "2026-03-09", "0.2", "3", "0", "2", "5"],
        ["IT", "2026-03-02", HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
        ["IT", "2026-03-09", HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
    ]  # fmt: skip


def test_suppression_starts_below_the_minimum_group_size(as_user, settings):
    settings.ANALYTICS_MIN_GROUP_SIZE = 4
    it = api_rows(as_user, "by-department")[2]
    assert (it["label"], it["index"], it["volume"]) == ("IT", figure(-0.5), figure(4))
    settings.ANALYTICS_MIN_GROUP_SIZE = 5
    it = api_rows(as_user, "by-department")[2]
    assert (it["index"], it["volume"]) == (figure(None), figure(None))


def _every_body(client) -> list[str]:
    bodies = [client.get(PAGE, PERIOD).content.decode(), client.get(API, PERIOD).content.decode()]
    bodies += [client.get(f"/analytics/climate/{t}.csv?{QUERY}").content.decode() for t in TABLES]
    return bodies


@pytest.mark.parametrize("role", ["analyst", "superuser"])
def test_private_names_and_tags_appear_in_no_page_csv_or_api(as_user, role):
    for body in _every_body(as_user(role)):
        for word in PRIVATE_WORDS:
            assert word not in body


def test_a_leader_in_the_private_community_sees_what_other_leaders_see(as_user):
    outside = as_user("leader").get(API, PERIOD).json()
    inside = as_user("member_leader").get(API, PERIOD).json()
    assert inside == outside
    page = as_user("member_leader").get(PAGE, PERIOD).content.decode()
    for word in PRIVATE_WORDS:
        assert word not in page


def test_nothing_is_ever_given_per_person(as_user, world):
    bodies = _every_body(as_user("superuser"))
    for name in ("f1", "f5", "i2", "n1"):
        person = world.people[name]
        for body in bodies:
            assert person.display_name not in body
            assert f"/people/{person.username}/" not in body


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"department": "999999"}, "department"),
        ({"office": "nope"}, "office"),
        ({"from": "2026-13-01"}, "from"),
        ({"from": "2026-03-15", "to": "2026-03-01"}, "to"),
    ],
)
def test_bad_filters_are_refused_with_field_errors(as_user, query, field):
    response = as_user("leader").get(PAGE, query)
    assert response.status_code == 400
    assert 'id="analytics-filter-errors"' in response.content.decode()
    api = as_user("leader").get(API, query)
    assert api.status_code == 400
    assert field in api.json()


def test_a_private_community_cannot_be_chosen(as_user, world):
    tax = world.communities["tax"].pk
    assert as_user("leader").get(PAGE, {**PERIOD, "community": tax}).status_code == 400
    assert "community" in as_user("leader").get(API, {**PERIOD, "community": tax}).json()


# Session and user, site roles, the access log, the filter choices, the rolled-up weeks (and
# their communities) and nine selector queries (three name lookups and the tag names are
# skipped when there is nothing to name); with the weeks rolled up, nine too.
PAGE_QUERIES = 21
API_QUERIES = 16


def _writing(pieces: int) -> None:
    """``pieces`` scored pieces over the two weeks, 8 departments, 2 offices, 3 communities
    and 6 tags."""
    departments = [DepartmentFactory(name=f"Department {n}") for n in range(8)]
    offices = [OfficeFactory(name=f"Office {n}") for n in range(2)]
    writers = [
        UserFactory(username=f"w{n}", department=departments[n % 8], office=offices[n % 2])
        for n in range(40)
    ]
    clubs = [build_community(name=f"Club {n}") for n in range(3)]
    labels = ("positive", "neutral", "negative")
    rows = [
        written(writers[n % 40], labels[n % 3], at(PERIOD_DAYS[n % 2], n % 20),
                community=clubs[n % 3] if n % 4 == 0 else None, tags=[f"topic-{n % 6}"])
        for n in range(pieces)
    ]  # fmt: skip
    ContentSentiment.objects.bulk_create(rows)


PERIOD_DAYS = (date(2026, 3, 3), date(2026, 3, 11))


@pytest.mark.parametrize("rolled", [False, True])
@pytest.mark.parametrize("pieces", [20, 400])
def test_the_page_csv_and_api_take_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, pieces, rolled
):
    _writing(pieces)
    if rolled:
        for week in (date(2026, 3, 2), date(2026, 3, 9)):
            rollup_conversation_week(week)
    client.force_login(in_group(UserFactory(username="analyst"), ANALYSTS))
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert client.get(PAGE, PERIOD).status_code == 200
    with django_assert_max_num_queries(API_QUERIES):
        assert client.get(API, PERIOD).status_code == 200
    with django_assert_max_num_queries(API_QUERIES):
        assert client.get(f"/analytics/climate/negative-topics.csv?{QUERY}").status_code == 200
