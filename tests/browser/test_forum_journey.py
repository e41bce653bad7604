"""The forum in a real browser: Ratna asks a question, Budi answers it, Ratna accepts the
answer and the question shows "Solved" (on the thread and in its category)."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from forums import services
from profiles.roles import COMMUNICATORS
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


def test_a_question_is_asked_answered_accepted_and_shows_solved(asgi_live_server, browser):
    humas = UserFactory(username="humas", display_name="Humas Kolega")
    humas.groups.add(Group.objects.get_or_create(name=COMMUNICATORS)[0])
    UserFactory(username="ratna", display_name="Ratna Sari")
    UserFactory(username="budi", display_name="Budi Santoso")
    services.category_create(actor=humas, name="Product support")
    asker = _log_in(browser, asgi_live_server, "ratna")
    helper = _log_in(browser, asgi_live_server, "budi")
    try:
        asker.get_by_role("link", name="Forum").first.click()
        asker.get_by_role("link", name="Product support").click()
        asker.get_by_role("link", name="Ask a question").click()
        asker.get_by_label("Title").fill("The printer jams on A3 paper")
        asker.get_by_label("Details").fill("It happens on **every** second sheet.")
        asker.get_by_label("Topics").fill("printer")
        asker.get_by_role("button", name="Post the thread").click()
        expect(asker.get_by_role("heading", name="The printer jams on A3 paper")).to_be_visible()
        thread_url = asker.url

        helper.goto(thread_url)
        helper.get_by_label("Your reply").fill("Open tray 2 and reseat the roller.")
        helper.get_by_role("button", name="Post reply").click()
        expect(helper.get_by_text("Your reply is posted.")).to_be_visible()

        asker.reload()
        asker.get_by_role("button", name="Accept this answer").click()
        expect(asker.locator(".badge", has_text="Solved").first).to_be_visible()
        expect(asker.get_by_text("Accepted answer")).to_be_visible()
        expect(asker.get_by_text(re.compile("Answered in"))).to_be_visible()

        asker.get_by_role("link", name="Product support").click()
        expect(asker.locator(".forum-thread-row .badge", has_text="Solved")).to_be_visible()
    finally:
        asker.context.close()
        helper.context.close()
