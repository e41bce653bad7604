import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(browser, base_url: str, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    return page


def test_a_new_follower_pops_up_on_the_followed_persons_open_page_without_a_reload(
    asgi_live_server, browser
):
    UserFactory(username="budi", display_name="Budi Santoso")
    UserFactory(username="ratna", display_name="Ratna Sari")
    budi = _log_in(browser, asgi_live_server, "budi")
    ratna = _log_in(browser, asgi_live_server, "ratna")
    try:
        budi.goto(f"{asgi_live_server}/people/")
        expect(budi.locator("body")).to_have_attribute("data-live", "open")

        ratna.goto(f"{asgi_live_server}/people/budi/")
        ratna.get_by_role("button", name=re.compile(r"^\s*Follow\b", re.I)).click()

        toast = budi.locator("#live-toasts [data-live-toast]")
        expect(toast).to_contain_text("Ratna Sari now follows you.")
        expect(toast.get_by_role("link", name="View profile")).to_have_attribute(
            "href", "/people/ratna/"
        )
        # Nobody else's page hears about it.
        expect(ratna.locator("#live-toasts [data-live-toast]")).to_have_count(0)
    finally:
        budi.context.close()
        ratna.context.close()
