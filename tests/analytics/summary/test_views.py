"""The summary page: who may open it, the numbers as printed, privacy, bad months, the log."""

import datetime
import re

import pytest
from django.utils import timezone

from analytics.models import AccessKind, AccessLog
from analytics.summary import last_complete_month, month_last_day
from tests.analytics.summary.conftest import PRIVATE_WORDS

pytestmark = pytest.mark.django_db

SUMMARY = "/analytics/summary/"
OCTOBER = f"{SUMMARY}?month=2026-10"
ROLES = ("anon", "employee", "leader", "analyst", "superuser")
SUPPRESSED = "fewer than 5 people"


def tile(html: str, label: str) -> tuple[str, str]:
    """The value and the change of the headline tile called ``label``, as text."""
    found = re.search(
        rf'summary-label">{re.escape(label)}</div>\s*<div class="summary-value">(.*?)</div>\s*'
        r'<div class="summary-sub">[^<]*<span class="summary-change" data-change>(.*?)</span>'
        r"</div>",
        html,
        re.S,
    )
    assert found, label
    return tuple(re.sub(r"<[^>]+>", "", part).strip() for part in found.groups())


def row(html: str, label: str) -> list[str]:
    """The cells of the table row headed ``label``, as text."""
    found = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.S)
    assert found, label
    cells = re.findall(r"<td[^>]*>(.*?)</td>", found[1], re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]


def test_only_leaders_analysts_and_superusers_open_the_summary(as_user):
    codes = {role: as_user(role).get(OCTOBER).status_code for role in ROLES}
    assert codes == {"anon": 302, "employee": 403, "leader": 200, "analyst": 200, "superuser": 200}


def test_the_overview_links_to_the_summary(as_user):
    assert f'href="{SUMMARY}"' in as_user("leader").get("/analytics/").content.decode()


def test_the_page_prints_the_month_with_the_changes(as_user):
    html = as_user("leader").get(OCTOBER).content.decode()
    assert "Monthly summary: October 2026" in html
    assert tile(html, "Active people") == ("9", "+3")
    assert tile(html, "Monthly active people (MAU)") == ("9.0", "+3.0")
    assert tile(html, "Stickiness (DAU / MAU)") == ("3.6 %", "+0.3 %")
    assert tile(html, "Activation of new people") == ("40.0 %", SUPPRESSED)
    assert "New people registered this month: 5." in html
    assert row(html, "Questions asked") == ["8", ""]
    assert row(html, "Median time to a first reply") == ["3.5 h", "+1.5 h"]
    assert row(html, "Median time to an accepted answer") == ["7.0 h", SUPPRESSED]
    assert row(html, "Unanswered for more than 48 hours") == [SUPPRESSED, ""]
    assert row(html, "Index") == ["no writing", "0.4", SUPPRESSED, SUPPRESSED, "no writing"]
    assert "Searches that found nothing: 9" in html
    assert "<li>“visa form”: 5</li>" in html
    assert "<li>parking: <span" in html and "negative of 9</li>" in html


def test_the_climate_index_of_the_month_and_its_change(as_user):
    html = as_user("leader").get(OCTOBER).content.decode()
    found = re.search(
        r'Climate index of the month</div>\s*<div class="summary-value">(.*?)</div>.*?'
        r"data-change>(.*?)</span>",
        html,
        re.S,
    )
    assert found.groups() == ("-0.182", "-0.782")
    assert "Scored items: 11" in html


def test_the_weekly_chart_is_svg_drawn_on_the_server_with_a_text_alternative(as_user):
    html = as_user("leader").get(OCTOBER).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="climate-chart-title climate-chart-desc"' in svg
    assert "Week of 5 Oct: 0.4; Week of 12 Oct: fewer than 5 people" in svg
    assert "Week of 28 Sep: no writing" in svg
    # One bar (the week shown); the suppressed and empty weeks only get a marker.
    assert svg.count('class="summary-bar-positive"') == 1
    assert svg.count('class="summary-bar-empty"') == 4
    assert "summary-bar-negative" not in svg
    assert "<script" not in html[html.index('<article id="summary"') :]


def test_the_print_button_and_the_print_styles(as_user):
    html = as_user("leader").get(OCTOBER).content.decode()
    assert 'data-print id="summary-print"' in html
    assert "analytics/summary.js" in html
    assert "analytics/summary.css" in html


def test_a_department_shows_public_figures_and_suppresses_at_four_people(as_user, world):
    sales = world.departments["sales"].pk
    html = as_user("leader").get(f"{OCTOBER}&department={sales}").content.decode()
    assert "Department: Sales (public activity and writing only)" in html
    # October: 5 Sales people (shown); September: 4 (suppressed), so the change is too.
    assert tile(html, "Active people") == ("5", SUPPRESSED)
    assert tile(html, "Stickiness (DAU / MAU)") == ("3.9 %", SUPPRESSED)
    assert row(html, "Median time to a first reply") == ["3.0 h", "+1.0 h"]


def test_the_limit_follows_the_setting(as_user, world, settings):
    settings.ANALYTICS_MIN_GROUP_SIZE = 4
    sales = world.departments["sales"].pk
    html = as_user("leader").get(f"{OCTOBER}&department={sales}").content.decode()
    assert tile(html, "Active people") == ("5", "+1")
    settings.ANALYTICS_MIN_GROUP_SIZE = 6
    html = as_user("leader").get(f"{OCTOBER}&department={sales}").content.decode()
    assert tile(html, "Active people") == ("fewer than 6 people", "fewer than 6 people")


@pytest.mark.parametrize("role", ["leader", "member_leader", "analyst", "superuser"])
@pytest.mark.parametrize("department", [None, "sales", "tech"])
def test_private_community_words_never_reach_the_page(as_user, world, role, department):
    path = OCTOBER
    if department:
        path += f"&department={world.departments[department].pk}"
    response = as_user(role).get(path)
    assert response.status_code == 200
    body = response.content.decode()
    for word in PRIVATE_WORDS:
        assert word not in body


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("2026-13", "Enter a month as YYYY-MM, for example 2026-10."),
        ("october", "Enter a month as YYYY-MM, for example 2026-10."),
        ("2026-1", "Enter a month as YYYY-MM, for example 2026-10."),
        ("1999-12", "Choose a month from 2000 on."),
    ],
)
def test_a_bad_month_is_refused_with_a_message(as_user, month, message):
    response = as_user("leader").get(SUMMARY, {"month": month})
    assert response.status_code == 400
    html = response.content.decode()
    assert f"<li>Month: {message}</li>" in html
    assert 'id="summary"' not in html and "window.print" not in html


def test_a_future_month_is_refused(as_user):
    today = timezone.localdate()
    following = month_last_day(today.replace(day=1)) + datetime.timedelta(days=1)
    response = as_user("leader").get(SUMMARY, {"month": following.strftime("%Y-%m")})
    assert response.status_code == 400
    assert "has not begun yet" in response.content.decode()


def test_an_unknown_department_is_refused(as_user):
    response = as_user("leader").get(OCTOBER + "&department=999999")
    assert response.status_code == 400
    assert "There is no such department." in response.content.decode()


def test_without_a_month_the_last_complete_month_is_shown(as_user):
    expected = last_complete_month(timezone.localdate())
    response = as_user("leader").get(SUMMARY)
    assert response.status_code == 200
    assert response.context["summary"].month == expected
    assert f"Monthly summary: {expected:%B %Y}" in response.content.decode()
    assert "This month is not over yet" not in response.content.decode()


def test_this_month_is_shown_as_in_progress(as_user):
    month = timezone.localdate().strftime("%Y-%m")
    response = as_user("leader").get(SUMMARY, {"month": month})
    assert response.status_code == 200
    assert "This month is not over yet: figures so far." in response.content.decode()


def test_every_view_is_written_to_the_access_log(as_user, world):
    sales = world.departments["sales"].pk
    as_user("analyst").get(f"{OCTOBER}&department={sales}")
    as_user("leader").get(SUMMARY, {"month": "2026-13"})
    entries = list(AccessLog.objects.order_by("pk").values_list(
        "user__username", "kind", "dashboard", "filters", "path"))  # fmt: skip
    assert entries == [
        ("analyst", AccessKind.PAGE, "summary", {"month": "2026-10", "department": sales},
         f"{OCTOBER}&department={sales}"),
        ("leader", AccessKind.PAGE, "summary", {"month": "2026-13"}, f"{SUMMARY}?month=2026-13"),
    ]  # fmt: skip


def test_a_refused_request_is_not_logged(as_user):
    as_user("employee").get(OCTOBER)
    assert not AccessLog.objects.exists()


def test_the_chosen_department_stays_selected(as_user, world):
    sales = world.departments["sales"].pk
    html = as_user("leader").get(f"{OCTOBER}&department={sales}").content.decode()
    assert f'<option value="{sales}" selected>Sales</option>' in html
