"""The Climate dashboard in a real browser: a Leader opens it (as from an alert's link, on
the weeks of the fixture), picks a department, and the weekly chart redraws with that
department's index without a page load (numbers worked out in tests/analytics/climate)."""

import re

import pytest
from playwright.sync_api import expect

from tests.analytics.climate.conftest import QUERY, build_world
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHART_DATA = (
    "(slug) => { const canvas = document.querySelector(`canvas[data-chart='chart-${slug}']`);"
    " const chart = canvas && window.Chart.getChart(canvas);"
    " return chart ? {labels: chart.data.labels, data: chart.data.datasets[0].data} : null; }"
)


def _log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()


def test_a_leader_filters_the_climate_dashboard_by_department(asgi_live_server, page):
    world = build_world()
    _log_in(page, asgi_live_server, "leader")
    page.get_by_role("link", name="Analytics").click()
    page.get_by_role("link", name="Climate").first.click()
    expect(page.get_by_role("heading", name="Climate", level=1)).to_be_visible()

    page.goto(f"{asgi_live_server}/analytics/climate/?{QUERY}")
    weeks = page.locator("#weeks-table")
    expect(weeks.locator("tbody tr")).to_have_count(2)
    expect(weeks.locator("tbody tr").first).to_contain_text("-0.25")
    page.wait_for_function("() => window.Chart && document.querySelector('canvas[data-chart]')")
    assert page.evaluate(CHART_DATA, "weeks") == {
        "labels": ["2026-03-02", "2026-03-09"],
        "data": [-0.25, 0.0],
    }
    page.evaluate("() => { window.notReloaded = true; }")

    page.get_by_label("Department", exact=True).select_option(label="Finance")
    finance = world.departments["finance"].pk
    expect(page).to_have_url(re.compile(rf"department={finance}"))
    expect(weeks.locator("tbody tr").first).to_contain_text("0.4")
    page.wait_for_function(
        "() => { const c = document.querySelector(\"canvas[data-chart='chart-weeks']\");"
        " const chart = c && window.Chart.getChart(c);"
        " return chart && chart.data.datasets[0].data[0] === 0.4; }"
    )
    assert page.evaluate(CHART_DATA, "weeks") == {
        "labels": ["2026-03-02", "2026-03-09"],
        "data": [0.4, 0.2],
    }
    assert page.evaluate("() => window.notReloaded") is True  # An HTMX swap, not a new page.
    # Breakdowns follow the filter too: only Finance is left.
    expect(page.locator("#by-department-table tbody tr")).to_have_count(2)
    expect(page.locator("#by-department-table")).not_to_contain_text("IT")
