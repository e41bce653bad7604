"""The Adoption dashboard's page, CSV exports and API on the hand-computed town (see
``tests/analytics/data/conftest.py``): the numbers, suppression, permissions, bad filters."""

import csv
import io
import json

import pytest

from analytics.dashboards import BY_SLUG
from analytics.forms import default_filters
from analytics.models import AccessKind, AccessLog
from analytics.rollups import rollup_day
from tests.analytics.adoption_dashboard.conftest import API, FORTNIGHT, PAGE, TABLES
from tests.analytics.data.conftest import MONDAY, at, log
from tests.communities.conftest import build_community
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ("anon", "employee", "leader", "analyst", "superuser")
HIDDEN = "fewer than 5 people"


def codes(as_user, path, **params):
    return {role: as_user(role).get(path, params).status_code for role in ROLES}


def api_tables(client, **params) -> dict:
    response = client.get(API, {**FORTNIGHT, **params})
    assert response.status_code == 200
    return response.json()["tables"]


def values(rows: list[dict], *keys) -> list[tuple]:
    """The rows' label and the given figures' values (None: suppressed)."""
    return [(row["label"], *(row[key]["value"] for key in keys)) for row in rows]


def csv_rows(client, table: str, **params) -> list[list[str]]:
    response = client.get(f"{PAGE}{table}.csv", {**FORTNIGHT, **params})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


ENGAGE = ("active", "dau", "wau", "mau", "stickiness", "actions_per_active", "contributors",
          "reactors", "readers")  # fmt: skip


# --- who may look -----------------------------------------------------------------------------


def test_only_leaders_analysts_and_superusers_open_the_page(as_user):
    assert codes(as_user, PAGE) == {
        "anon": 302, "employee": 403, "leader": 200, "analyst": 200, "superuser": 200,
    }  # fmt: skip


@pytest.mark.parametrize("table", TABLES)
def test_only_analysts_and_superusers_download_each_table(as_user, table):
    assert codes(as_user, f"{PAGE}{table}.csv") == {
        "anon": 302, "employee": 403, "leader": 403, "analyst": 200, "superuser": 200,
    }  # fmt: skip


def test_only_leaders_analysts_and_superusers_call_the_api(as_user):
    assert codes(as_user, API) == {
        "anon": 401, "employee": 403, "leader": 200, "analyst": 200, "superuser": 200,
    }  # fmt: skip


def test_every_view_is_written_to_the_access_log(as_user):
    client = as_user("analyst")
    client.get(PAGE, FORTNIGHT)
    client.get(f"{PAGE}retention.csv", FORTNIGHT)
    client.get(API, FORTNIGHT)
    logged = list(AccessLog.objects.order_by("id").values_list("kind", "dashboard", "filters"))
    filters = {"from": "2026-03-02", "to": "2026-03-15", "department": None, "office": None,
               "community": None}  # fmt: skip
    assert logged == [
        (AccessKind.PAGE, "adoption", filters),
        (AccessKind.CSV, "adoption/retention", filters),
        (AccessKind.API, "adoption", filters),
    ]


# --- the town's numbers (suppression off) -----------------------------------------------------


def test_the_api_gives_the_towns_attract_figures(rolled, every_figure_shown, as_user):
    tables = api_tables(as_user("leader"))

    # Week of the 2nd: ani, agus, ayu, bayu registered; ani and ayu acted within 7 days
    # (agus first wrote on day 8, bayu never). Week of the 9th: bima, who reacted that day.
    assert values(tables["attract-weeks"]["rows"], "registered", "activated", "rate") == [
        ("2026-03-02", 4, 2, 50.0),
        ("2026-03-09", 1, 1, 100.0),
    ]
    assert values(tables["attract-departments"]["rows"], "registered", "activated", "rate") == [
        ("Sales", 3, 2, 66.7),
        ("Tech", 2, 1, 50.0),
    ]
    rows = tables["attract-department-weeks"]["rows"]
    assert [(r["label"], r["week"], r["registered"]["value"], r["activated"]["value"])
            for r in rows] == [
        ("Sales", "2026-03-02", 3, 2),
        ("Tech", "2026-03-02", 1, 0),
        ("Tech", "2026-03-09", 1, 1),
    ]  # fmt: skip


def test_the_api_gives_the_towns_engagement_company_wide_and_by_place(
    rolled, every_figure_shown, as_user
):
    tables = api_tables(as_user("leader"))

    summary = {row["measure"]: row["value"]["value"] for row in tables["summary"]["rows"]}
    # Company-wide, private activity included. Active: ani, agus, ayu, bima. Person-days
    # 3 + 4 + 1 + 1 = 9 over 14 days: DAU 0.6; weeks 3 and 3: WAU 3.0; March: 4. Stickiness
    # (9/14) / 4 = 16.1 %. Actions 5 + 4 + 2 + 1 = 12 over 4. ani, agus and ayu (her private
    # post counts here) wrote; bima only reacted.
    assert list(summary.values()) == [5, 3, 60.0, 4, 0.6, 3.0, 4.0, 16.1, 3.0, 75.0, 25.0, 0.0]
    assert list(summary)[:4] == [
        "People who registered",
        "Of them, activated within 7 days",
        "Activation rate (%)",
        "People active",
    ]
    # By department, public activity only: ayu's private post is left out, so in Sales she
    # only read (a search). Sales: person-days 3 + 4 + 1 = 8 (DAU 0.6), weeks 3 and 2 (WAU
    # 2.5), March 3, stickiness (8/14) / 3 = 19.0 %, actions 10 / 3. Tech: bima alone.
    assert values(tables["engage-departments"]["rows"], *ENGAGE) == [
        ("Sales", 3, 0.6, 2.5, 3.0, 19.0, 3.3, 66.7, 0.0, 33.3),
        ("Tech", 1, 0.1, 0.5, 1.0, 7.1, 1.0, 0.0, 100.0, 0.0),
    ]
    # Bandung: ayu (a search) and bima (a reaction); bayu never acted. Jakarta: ani and agus.
    assert values(tables["engage-offices"]["rows"], *ENGAGE) == [
        ("Bandung", 2, 0.1, 1.0, 2.0, 7.1, 1.0, 0.0, 50.0, 50.0),
        ("Jakarta", 2, 0.5, 2.0, 2.0, 25.0, 4.5, 100.0, 0.0, 0.0),
    ]


def test_a_department_filter_narrows_every_table_and_reads_public_activity(
    rolled, every_figure_shown, as_user
):
    tables = api_tables(as_user("leader"), department=rolled["sales"].pk)

    summary = [row["value"]["value"] for row in tables["summary"]["rows"]]
    # Sales registered ani, agus, ayu. Engagement of ani, agus and ayu's search only.
    assert summary == [3, 2, 66.7, 3, 0.6, 2.5, 3.0, 19.0, 3.3, 66.7, 0.0, 33.3]
    assert [row["label"] for row in tables["engage-departments"]["rows"]] == ["Sales"]
    assert [row["label"] for row in tables["retention"]["rows"]] == ["2026-03-02"]


def test_the_retention_table_follows_weekly_cohorts(rolled, every_figure_shown, as_user):
    table = api_tables(as_user("leader"))["retention"]

    assert [column["key"] for column in table["columns"]] == [
        "label", "size", *(f"week_{n}" for n in range(13)),
    ]  # fmt: skip
    assert table["columns"][2]["label"] == "Week 0"
    first, second = table["rows"]
    # ani, agus, ayu first acted in the week of the 2nd; ani and agus came back the next
    # week. bima first acted in the week of the 9th: the range ends with it.
    assert first["label"] == "2026-03-02" and first["size"]["value"] == 3
    assert [first[f"week_{n}"] for n in range(3)] == [
        {"value": 100.0, "suppressed": False},
        {"value": 66.7, "suppressed": False},
        None,
    ]
    assert second["label"] == "2026-03-09" and second["size"]["value"] == 1
    assert second["week_0"]["value"] == 100.0 and second["week_1"] is None


def test_the_page_shows_the_numbers_the_charts_and_shades_the_heat_map(
    rolled, every_figure_shown, as_user
):
    response = as_user("leader").get(PAGE, FORTNIGHT)
    html = response.content.decode()

    assert response.status_code == 200
    for title in ("Totals", "Engagement by department", "Weekly cohort retention"):
        assert title in html
    assert "counts in the company-wide totals only" in html
    start = html.index('<script id="chart-attract-weeks" type="application/json">')
    chart = json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])
    assert chart["labels"] == ["2026-03-02", "2026-03-09"]
    assert [d["data"] for d in chart["datasets"]] == [[4, 1], [2, 1]]
    start = html.index('<script id="chart-engage-departments" type="application/json">')
    chart = json.loads(html[start:].split(">", 1)[1].split("</script>", 1)[0])
    assert chart["labels"] == ["Sales", "Tech"]
    assert [d["data"] for d in chart["datasets"]] == [[0.6, 0.1], [2.5, 0.5], [3.0, 1.0]]
    # The heat map: each share shaded against the largest (100 %), and only in its table.
    retention = html[html.index('id="retention-table"') :]
    assert retention.count('style="--heat: 100%"') == 2
    assert retention.count('style="--heat: 67%"') == 1
    assert "heat-strong" in retention
    assert "--heat" not in html[: html.index('id="retention-table"')]


def test_the_csv_has_the_exact_numbers(rolled, every_figure_shown, as_user):
    client = as_user("analyst")

    assert csv_rows(client, "attract-weeks") == [
        ["Week", "Registered", "Activated within 7 days", "Activation rate (%)"],
        ["2026-03-02", "4", "2", "50.0"],
        ["2026-03-09", "1", "1", "100.0"],
    ]
    retention = csv_rows(client, "retention")
    assert retention[0][:4] == ["Cohort (week of first action)", "People", "Week 0", "Week 1"]
    assert retention[1:] == [
        ["2026-03-02", "3", "100.0", "66.7", *[""] * 11],
        ["2026-03-09", "1", "100.0", *[""] * 12],
    ]
    response = client.get(f"{PAGE}retention.csv", FORTNIGHT)
    assert response["Content-Disposition"] == (
        'attachment; filename="kolega-adoption-retention-20260302-20260315.csv"'
    )


def test_the_community_filter_does_not_apply(rolled, every_figure_shown, as_user):
    client = as_user("leader")
    community = build_community(name="Pecinta Kopi")

    assert api_tables(client, community=community.pk) == api_tables(client)
    data = client.get(API, FORTNIGHT).json()
    assert data["ignored_filters"] == ["community"]
    assert BY_SLUG["adoption"].ignores == ("community",)
    assert 'id="community-ignored"' in client.get(PAGE, FORTNIGHT).content.decode()


def test_an_empty_period_says_so(as_user):
    html = as_user("leader").get(PAGE).content.decode()
    assert "Nobody registered in this period." in html
    assert "Nobody was active for the first time in this period." in html
    filters = default_filters()
    assert f"{filters.start:%Y-%m-%d}" in html


# --- suppression ------------------------------------------------------------------------------


def test_with_the_default_threshold_only_groups_of_five_show(rolled, as_user):
    tables = api_tables(as_user("leader"))

    summary = [row["value"] for row in tables["summary"]["rows"]]
    # Five people registered: shown; four were active: every engagement figure hidden.
    assert [figure["value"] for figure in summary[:3]] == [5, 3, 60.0]
    assert {figure["suppressed"] for figure in summary[3:]} == {True}
    assert {figure["value"] for figure in summary[3:]} == {None}
    for table in ("attract-weeks", "engage-departments", "engage-offices", "retention"):
        for row in tables[table]["rows"]:
            figures = [cell for cell in row.values() if isinstance(cell, dict)]
            assert figures and {cell["suppressed"] for cell in figures} == {True}
    html = as_user("leader").get(PAGE, FORTNIGHT).content.decode()
    assert "data-suppressed" in html
    assert "--heat" not in html  # Hidden shares are not shaded either.
    rows = csv_rows(as_user("analyst"), "engage-offices")
    assert rows[1] == ["Bandung", *[HIDDEN] * 9]


def crowd(size: int, department) -> None:
    """``size`` people of ``department`` registering and logging in on Monday 2 March."""
    for n in range(size):
        someone = UserFactory(username=f"crowd{n}", department=department, date_joined=at(2, 8))
        log("user.logged_in", someone, at(2, 9))
    rollup_day(MONDAY)


@pytest.mark.parametrize(("size", "suppressed"), [(4, True), (5, False)])
def test_a_group_of_four_is_suppressed_and_a_group_of_five_shown(as_user, size, suppressed):
    crowd(size, DepartmentFactory(name="Legal"))
    day = {"from": "2026-03-02", "to": "2026-03-02"}

    tables = api_tables(as_user("leader"), **day)
    for table in ("attract-weeks", "attract-departments", "engage-departments", "retention"):
        (row,) = tables[table]["rows"]
        figures = [cell for cell in row.values() if isinstance(cell, dict)]
        assert {cell["suppressed"] for cell in figures} == {suppressed}, table
        assert {cell["value"] is None for cell in figures} == {suppressed}, table
    (legal,) = tables["engage-departments"]["rows"]
    assert legal["active"]["value"] == (None if suppressed else 5)
    html = as_user("leader").get(PAGE, day).content.decode()
    assert ("data-suppressed" in html) is suppressed
    rows = csv_rows(as_user("analyst"), "attract-departments", **day)
    assert rows[1] == (["Legal", HIDDEN, HIDDEN, HIDDEN] if suppressed else
                       ["Legal", "5", "0", "0.0"])  # fmt: skip


# --- bad input --------------------------------------------------------------------------------


BAD = [
    ({"from": "2026-13-01"}, "from"),
    ({"from": "2026-03-15", "to": "2026-03-02"}, "to"),
    ({"from": "2024-01-01", "to": "2026-03-02"}, "to"),
    ({"department": "999999"}, "department"),
    ({"office": "abc"}, "office"),
]


@pytest.mark.parametrize(("params", "field"), BAD)
def test_bad_filters_are_refused_with_the_fields_errors(as_user, params, field):
    client = as_user("analyst")

    response = client.get(API, params)
    assert response.status_code == 400
    assert list(response.json()) == [field]
    page = client.get(PAGE, params)
    assert page.status_code == 400
    assert 'id="analytics-filter-errors"' in page.content.decode()
    export = client.get(f"{PAGE}summary.csv", params)
    assert export.status_code == 400
    assert export.content.decode().startswith(f"{field}: ")
