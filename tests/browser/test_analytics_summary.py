"""The summary in a real browser: printed, it is one A4 page without the site's navigation."""

import re

import pytest
from playwright.sync_api import expect

from tests.analytics.summary.conftest import build_world
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_the_summary_prints_on_one_a4_page(asgi_live_server, page):
    build_world()
    page.goto(f"{asgi_live_server}/accounts/login/")
    page.get_by_label("Username or e-mail").fill("leader")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()

    page.goto(f"{asgi_live_server}/analytics/")
    page.get_by_role("link", name=re.compile("Monthly summary")).click()
    page.locator("#id_month").fill("2026-10")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Monthly summary: October 2026")).to_be_visible()
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    expect(page.get_by_role("img", name="Climate index per week")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.locator("#analytics-privacy")).to_be_hidden()
    expect(page.locator("#summary")).to_contain_text("fewer than 5 people")
    assert _pages(page.pdf(format="A4", print_background=True)) == 1
