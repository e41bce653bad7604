"""In a real browser: a mention lights the open page's bell without a reload, and clicking
the notification opens the post and clears the bell."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from playwright.sync_api import expect

from feed.services.posts import post_create
from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    asgi_live_server,  # noqa: F401 - a fixture.
)
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser():
    """Chromium for this test only: Playwright's sync API keeps an event loop in this thread
    while it runs, which must not outlive the test (later tests use async_to_sync)."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


def _log_in(chromium, base_url: str, username: str):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    return page


def in_another_thread(function, **kwargs):
    """Run a service off Playwright's thread (its event loop forbids async_to_sync)."""

    def call():
        try:
            return function(**kwargs)
        finally:
            connections.close_all()  # The thread's own connection, or the test DB stays busy.

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def test_a_mention_lights_the_bell_live_and_opening_it_clears_it(
    asgi_live_server,  # noqa: F811
    browser,
):
    ratna = UserFactory(username="ratna", display_name="Ratna Sari")
    ani = UserFactory(username="ani", display_name="Ani Wijaya")
    page = _log_in(browser, asgi_live_server, "ratna")
    try:
        page.goto(f"{asgi_live_server}/people/")
        expect(page.locator("body")).to_have_attribute("data-live", "open")
        bell = page.get_by_role("link", name=re.compile("^Notifications"))
        expect(bell).to_have_accessible_name("Notifications")

        post = in_another_thread(post_create, author=ani, body="@ratna the report is ready")

        expect(bell).to_have_accessible_name("Notifications 1 unread notification")
        expect(page.locator("#live-region")).to_contain_text("New notification")
        bell.click()
        expect(page).to_have_url(f"{asgi_live_server}/notifications/")
        page.get_by_role("link", name=re.compile("Ani Wijaya mentioned you in a post")).click()
        expect(page).to_have_url(f"{asgi_live_server}/posts/{post.pk}/")
        expect(page.get_by_role("link", name=re.compile("^Notifications"))).to_have_accessible_name(
            "Notifications"
        )
        assert ratna.notifications.get().read_at is not None
    finally:
        page.context.close()
