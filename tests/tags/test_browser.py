"""Topic suggestions in a real browser (static/tags/tags.js): typed, chosen with the keyboard,
closed with Escape, in the composer's Topics box."""

import re

import pytest
from playwright.sync_api import expect

from feed.services.posts import post_create
from tests.browser.conftest import asgi_live_server, browser  # noqa: F401 (fixtures)
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_topics_are_suggested_and_chosen_with_the_keyboard(asgi_live_server, browser):  # noqa: F811
    author = UserFactory(username="ratna", display_name="Ratna Sari")
    post_create(author=author, body="Rates", tags=["pajak", "pajak daerah", "budget"])
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{asgi_live_server}/accounts/login/")
        page.get_by_label("Username or e-mail").fill("ratna")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name=re.compile("Log in", re.I)).click()
        expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
        page.get_by_text("Topics, images, files").click()
        box = page.get_by_role("combobox", name="Topics")

        box.click()
        box.press_sequentially("budget, paj")
        listbox = page.get_by_role("listbox", name="Topic suggestions")
        expect(listbox.get_by_role("option")).to_have_text(["#pajak", "#pajak daerah"])
        expect(box).to_have_attribute("aria-expanded", "true")
        box.press("ArrowDown")
        box.press("ArrowDown")
        second = listbox.get_by_role("option", name="#pajak daerah")
        expect(second).to_have_attribute("aria-selected", "true")
        assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
        box.press("Enter")  # Takes the topic; does not publish.

        expect(box).to_have_value("budget, pajak daerah, ")
        expect(listbox).to_be_hidden()
        expect(box).to_have_attribute("aria-expanded", "false")

        box.press_sequentially("paj")  # What is entered already is not suggested again.
        expect(listbox.get_by_role("option")).to_have_text(["#pajak"])
        box.press("Escape")
        expect(listbox).to_be_hidden()
        expect(box).to_have_value("budget, pajak daerah, paj")
        expect(page.locator("#composer-errors")).to_have_count(0)
    finally:
        context.close()
