"""The Response dashboard in a real browser: a Leader opens it, sees the chart and its
table, picks a department, and both redraw without a page load (the address follows)."""

import re

import pytest
from playwright.sync_api import expect

from tests.analytics.dashboards.conftest import build_world
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()


def _chart_labels(page, slug: str):
    return page.evaluate(
        "(slug) => { const canvas = document.querySelector(`canvas[data-chart='chart-${slug}']`);"
        " const chart = canvas && window.Chart.getChart(canvas);"
        " return chart ? chart.data.labels : null; }",
        slug,
    )


def test_a_leader_filters_the_response_dashboard_by_department(asgi_live_server, page):
    world = build_world()
    _log_in(page, asgi_live_server, "leader")
    page.get_by_role("link", name="Analytics").click()
    page.get_by_role("link", name="Response").first.click()
    expect(page.get_by_role("heading", name="Response", level=1)).to_be_visible()
    expect(page.locator("#analytics-privacy")).to_contain_text("fewer than 5 people")

    departments = page.locator("#by-department-table")
    expect(departments.locator("tbody tr")).to_have_count(3)
    expect(departments).to_contain_text("fewer than 5 people")
    page.wait_for_function("() => window.Chart && document.querySelector('canvas[data-chart]')")
    assert _chart_labels(page, "by-department") == ["Finance", "IT", "No department"]
    page.evaluate("() => { window.notReloaded = true; }")

    page.get_by_label("Department", exact=True).select_option(label="Finance")
    finance = world.departments["finance"].pk
    expect(page).to_have_url(re.compile(rf"department={finance}"))
    expect(departments.locator("tbody tr")).to_have_count(1)
    expect(departments.locator("tbody tr")).to_contain_text("Finance")
    expect(departments.locator("tbody tr")).to_contain_text("7.6")
    page.wait_for_function(
        "() => { const c = document.querySelector(\"canvas[data-chart='chart-by-department']\");"
        " const chart = c && window.Chart.getChart(c);"
        " return chart && chart.data.labels.length === 1; }"
    )
    assert _chart_labels(page, "by-department") == ["Finance"]
    assert page.evaluate("() => window.notReloaded") is True  # An HTMX swap, not a new page.

    # The address is shareable: opening it shows the same filtered view.
    page.reload()
    expect(page.get_by_label("Department", exact=True)).to_have_value(str(finance))
    expect(departments.locator("tbody tr")).to_have_count(1)
