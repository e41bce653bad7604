"""Leftovers of the status feed: what screen readers hear of the composer's character counter
and of the next page of posts (with a plural), and what ``seed_demo --help`` promises."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from feed.demo import DAYS
from feed.services.posts import post_create
from profiles.management.commands.seed_demo import Command as SeedDemo
from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    asgi_live_server,  # noqa: F401 - a fixture.
)
from tests.factories import PASSWORD, UserFactory


def page_of(client, person, url):
    client.force_login(person)
    return client.get(url).content.decode()


def attributes(html: str, marker: str) -> dict[str, str]:
    """The data-* attributes of the first tag carrying ``marker``."""
    tag = re.search(rf"<[a-z]+\s[^>]*{re.escape(marker)}[^>]*>", html, re.S).group(0)
    return dict(re.findall(r'\b(data-[a-z-]+)="([^"]*)"', tag))


# --- the composer's counter --------------------------------------------------------------


@pytest.mark.django_db
def test_the_visible_counter_is_not_a_live_region(client, author):
    html = page_of(client, author, reverse("home"))

    counter = re.search(r'<span id="composer-counter"[^>]*>', html).group(0)
    assert "aria-live" not in counter and "role=" not in counter
    assert 'aria-describedby="composer-help composer-counter"' in html  # Read on focus.


@pytest.mark.django_db
def test_the_counter_has_a_quiet_status_line_with_its_words(client, author):
    words = attributes(page_of(client, author, reverse("home")), "data-counter-status")

    assert words == {
        "data-left-one": "%(count)s character left.",
        "data-left-other": "%(count)s characters left.",
        "data-none-left": "No characters left.",
        "data-over-one": "%(count)s character over the limit.",
        "data-over-other": "%(count)s characters over the limit.",
    }


@pytest.mark.django_db
def test_editing_a_post_has_the_same_quiet_counter(client, author):
    post = post_create(author=author, body="Typo here")

    html = page_of(client, author, reverse("feed:post-edit", args=[post.pk]))

    assert "data-counter-status" in html
    assert not re.search(r"<[^>]*data-counter[ >][^>]*aria-live", html)


# --- the next page -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_feed_carries_both_forms_of_more_posts_loaded(client, author):
    words = attributes(page_of(client, author, reverse("home")), 'id="feed"')

    assert "data-loaded-text" not in words
    assert words["data-loaded-one"] == "%(count)s more post loaded."
    assert words["data-loaded-other"] == "%(count)s more posts loaded."


# --- seed_demo ----------------------------------------------------------------------------


def test_seed_demo_help_says_it_also_writes_the_feed_history():
    parser = SeedDemo().create_parser("manage.py", "seed_demo")

    text = " ".join(parser.format_help().split())
    assert f"{DAYS} days of feed history" in text and DAYS == 90


# --- in a browser ---------------------------------------------------------------------------


@pytest.fixture
def chromium():
    """Chromium for one test: the browser tests' package-wide one would keep Playwright's
    event loop in this thread for the rest of tests/feed."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


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


WATCH_STATUS = """() => {
    const status = document.querySelector("#composer [data-counter-status]");
    window.heard = [];
    new MutationObserver(() => window.heard.push(status.textContent))
        .observe(status, {childList: true, characterData: true, subtree: true});
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_screen_readers_hear_the_counter_only_at_its_thresholds(
    asgi_live_server,  # noqa: F811 - the fixture imported above.
    chromium,
):
    UserFactory(username="ratna", display_name="Ratna Sari")
    page = _log_in(chromium, asgi_live_server, "ratna")
    try:
        page.goto(f"{asgi_live_server}/")
        message = page.get_by_label("Message")
        counter = page.locator("#composer-counter")
        page.evaluate(WATCH_STATUS)

        message.fill("x" * 4890)
        message.press_sequentially("y" * 12)  # 110 left, then 98: one word, at 100.
        expect(counter).to_have_text("4902 / 5000")
        message.fill("x" * 4985)
        message.press_sequentially("y" * 15)  # 15 left... 0 left.
        expect(counter).to_have_text("5000 / 5000")
        message.press_sequentially("zz")
        expect(counter).to_have_text("5002 / 5000")
        expect(counter).to_have_class(re.compile("text-danger"))
        message.press("Backspace")  # Still over: nothing new to hear.
        message.press("Backspace")

        assert page.evaluate("window.heard.filter(Boolean)") == [
            "100 characters left.",
            "15 characters left.",
            "No characters left.",
            "1 character over the limit.",
            "No characters left.",
        ]
        expect(counter).not_to_have_attribute("aria-live", re.compile("."))
    finally:
        page.context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_one_more_post_loaded_is_said_in_the_singular(
    asgi_live_server,  # noqa: F811 - the fixture imported above.
    chromium,
):
    author = UserFactory(username="ratna", display_name="Ratna Sari")
    for n in range(21):
        post_create(author=author, body=f"Update number {n}")
    page = _log_in(chromium, asgi_live_server, "ratna")
    try:
        page.goto(f"{asgi_live_server}/")
        items = page.locator("#feed-items > article")
        expect(items).to_have_count(20)
        page.locator(".feed-more").scroll_into_view_if_needed()
        expect(items).to_have_count(21)
        expect(page.locator("#feed-status")).to_have_text("1 more post loaded.")
    finally:
        page.context.close()
