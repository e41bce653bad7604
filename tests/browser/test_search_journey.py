"""Search in a real browser: Ratna types a colleague's name in the header, the suggestions
drop down, she picks one with the keyboard; then she searches for a word, narrows the results
to posts and turns the page."""

import re

import pytest
from playwright.sync_api import expect

from feed.services import posts
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()


def test_search_as_you_type_with_the_keyboard_then_the_results_page(asgi_live_server, page):
    # The ASGI server, as in production: requests overlap here (suggestions while typing, the
    # live socket), and Django's threaded WSGI test server would run them on one shared
    # in-memory SQLite connection at once, which can deadlock in SQLite's REGEXP function.
    UserFactory(username="ratna", display_name="Ratna Sari")
    budi = UserFactory(username="budi", display_name="Budi Santoso", job_title="Tax Accountant")
    UserFactory(username="budiman", display_name="Budiman Hadi", job_title="Driver")
    for number in range(23):
        posts.post_create(author=budi, body=f"Santoso payroll memo number {number}")
    _log_in(page, asgi_live_server, "ratna")

    box = page.get_by_role("combobox", name="Search Kolega")
    listbox = page.get_by_role("listbox", name="Search suggestions")
    box.press_sequentially("budi san", delay=40)
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    first = listbox.get_by_role("option").first
    expect(first).to_contain_text("Budi Santoso")
    expect(listbox.get_by_role("option").last).to_contain_text("See all results for “budi san”")

    box.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("ArrowUp")  # Wraps round to "See all results".
    expect(listbox.get_by_role("option").last).to_have_attribute("aria-selected", "true")
    box.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("ArrowDown")  # Opens the list again, on the first option.
    expect(listbox).to_be_visible()
    expect(first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/people/budi/$"))
    expect(page.get_by_role("heading", name="Budi Santoso")).to_be_visible()

    # Enter without choosing an option: the full results page.
    box = page.get_by_role("combobox", name="Search Kolega")
    box.fill("santoso")
    expect(listbox).to_contain_text("See all results for “santoso”")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=santoso$"))
    results = page.locator("#search-results")
    expect(results.get_by_role("heading", name=re.compile("24 results"))).to_be_visible()
    types = page.get_by_role("navigation", name="Show")
    expect(types.get_by_role("link", name=re.compile(r"People\s+1"))).to_be_visible()

    types.get_by_role("link", name=re.compile(r"Posts\s+23")).click()
    expect(page).to_have_url(re.compile(r"type=post"))
    expect(types.get_by_role("link", name=re.compile("Posts"))).to_have_attribute(
        "aria-current", "page"
    )
    expect(results.locator("article.search-hit")).to_have_count(20)
    expect(results.locator("article.search-hit[data-kind=post]")).to_have_count(20)
    expect(results.locator("mark").first).to_have_text(re.compile("santoso", re.I))

    results.get_by_role("link", name="Next").click()  # HTMX swaps the results in place.
    expect(results.get_by_text("Page 2 of 2")).to_be_visible()
    expect(page.locator("#search-results article.search-hit")).to_have_count(3)
    expect(page).to_have_url(re.compile(r"page=2"))
