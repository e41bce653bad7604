"""The composer and the feed in a real browser: @mention suggestions from the keyboard, poll
mode, a refused post keeping its text, image previews, and infinite scroll."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from feed.services.posts import post_create
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


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_composing_with_a_mention_a_refusal_and_a_poll(asgi_live_server, browser):
    UserFactory(username="ratna", display_name="Ratna Sari")
    UserFactory(username="sitirahma", display_name="Siti Rahma")
    page = _log_in(browser, asgi_live_server, "ratna")
    try:
        page.goto(f"{asgi_live_server}/")
        message = page.get_by_label("Message")

        # An empty post is refused in place: the message shows, the topics typed are kept.
        page.get_by_text("Topics, images, files").click()
        page.get_by_label("Topics").fill("finance")
        page.get_by_role("button", name="Publish").click()
        expect(page.locator("#composer-errors")).to_contain_text("Write something first.")
        expect(page.get_by_label("Topics")).to_have_value("finance")

        # @mention suggestions, chosen with the keyboard.
        message.click()
        message.type("Thanks @sit")
        option = page.get_by_role("option", name=re.compile("Siti Rahma"))
        expect(option).to_be_visible()
        message.press("Enter")
        expect(message).to_have_value("Thanks @sitirahma ")
        expect(page.locator("#composer-counter")).to_contain_text("18 / 5000")

        # An image shows a preview before it is sent.
        page.locator("input[data-image-input]").set_input_files(
            [{"name": "chart.png", "mimeType": "image/png", "buffer": _png()}]
        )
        expect(page.locator("[data-image-previews] img")).to_have_count(1)
        page.get_by_role("button", name="Publish").click()
        mine = page.locator("#feed-items article").filter(has_text="Thanks")
        expect(mine).to_have_count(1)
        expect(mine.locator("a.mention")).to_have_text("@Siti Rahma")
        expect(mine.locator(".post-images img")).to_have_count(1)
        expect(page.get_by_label("Message")).to_have_value("")

        # Poll mode shows the poll's fields only then.
        poll_section = page.locator("[data-mode-section=poll]")
        expect(poll_section).to_be_hidden()
        page.locator("label[for=id_mode_1]").click()
        expect(poll_section).to_be_visible()
        page.get_by_label("Message").fill("Lunch on Friday")
        page.get_by_label("Question").fill("Where shall we eat?")
        page.locator("#poll-answer-1").fill("Warung Padang")
        page.get_by_role("button", name="Publish").click()
        expect(page.locator("#composer-errors")).to_contain_text("Give between 2 and 6")
        expect(page.get_by_label("Question")).to_have_value("Where shall we eat?")
        page.locator("#poll-answer-2").fill("Canteen")
        page.get_by_role("button", name="Publish").click()
        poll = page.locator("#feed-items article").filter(has_text="Where shall we eat?")
        expect(poll).to_have_count(1)
        expect(poll.get_by_label("Canteen")).to_be_visible()
    finally:
        page.context.close()


def test_scrolling_down_loads_older_posts(asgi_live_server, browser):
    author = UserFactory(username="ratna", display_name="Ratna Sari")
    for n in range(30):
        post_create(author=author, body=f"Update number {n}")
    page = _log_in(browser, asgi_live_server, "ratna")
    try:
        page.goto(f"{asgi_live_server}/")
        items = page.locator("#feed-items > article")
        expect(items).to_have_count(20)
        page.locator(".feed-more").scroll_into_view_if_needed()
        expect(items).to_have_count(30)
        expect(items.last).to_contain_text("Update number 0")
        expect(page.get_by_text("You are all caught up.")).to_be_visible()
        expect(page.locator("#feed-status")).to_have_text("10 more posts loaded.")
    finally:
        page.context.close()
