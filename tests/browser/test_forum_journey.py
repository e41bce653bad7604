"""The forum in a real browser: Ratna asks a question; while she types it the suggestions
panel names Budi as an expert (he has an accepted answer on the topic) and a similar thread;
she asks him, he is told, answers it, Ratna accepts the answer and the question shows
"Solved" (on the thread and in its category)."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from forums import services
from forums.models import ThreadKind
from notifications.models import Notification, Verb
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
    budi = UserFactory(username="budi", display_name="Budi Santoso")
    dewi = UserFactory(username="dewi", display_name="Dewi Lestari")
    category = services.category_create(actor=humas, name="Product support")
    # Budi's evidence on the topic: his answer was accepted on an earlier #printer question.
    earlier = services.thread_create(
        author=dewi,
        category=category,
        title="Printer shows error E5",
        kind=ThreadKind.QUESTION,
        tags=["printer"],
    )
    services.answer_accept(
        actor=dewi,
        reply=services.reply_create(author=budi, thread=earlier, body="Clean the fuser."),
    )
    asker = _log_in(browser, asgi_live_server, "ratna")
    helper = _log_in(browser, asgi_live_server, "budi")
    try:
        asker.get_by_role("link", name="Forum").first.click()
        asker.get_by_role("link", name="Product support").first.click()
        asker.get_by_role("link", name="Ask a question").click()
        asker.get_by_label("Title").fill("The printer jams on A3 paper")
        asker.get_by_label("Details").fill("It happens on **every** second sheet.")
        asker.get_by_label("Topics").press_sequentially("printer")

        # While she types, the panel (HTMX) suggests the expert and the similar thread.
        panel = asker.locator("#thread-suggestions")
        experts = panel.get_by_role("region", name="People who may know")
        expect(experts).to_contain_text("1 accepted answer on #printer")
        similar = panel.get_by_role("region", name="Similar threads")
        expect(similar.get_by_role("link", name="Printer shows error E5")).to_be_visible()
        expect(similar).to_contain_text("Solved")
        experts.get_by_label("Ask Budi Santoso").check()
        asker.get_by_role("button", name="Post the thread").click()
        expect(asker.get_by_role("heading", name="The printer jams on A3 paper")).to_be_visible()
        thread_url = asker.url

        # Budi is told he was asked, and follows the notification to the question.
        question = Notification.objects.get(recipient=budi, verb=Verb.EXPERT_ASKED)
        assert question.target.title == "The printer jams on A3 paper"
        helper.goto(f"{asgi_live_server}/notifications/")
        told = helper.get_by_text("Ratna Sari asked you a question: The printer jams on A3 paper")
        expect(told).to_be_visible()
        told.click()
        expect(helper.get_by_role("heading", name="The printer jams on A3 paper")).to_be_visible()
        assert helper.url.split("#")[0].split("?")[0] == thread_url.split("#")[0].split("?")[0]

        helper.get_by_label("Your reply").fill("Open tray 2 and reseat the roller.")
        helper.get_by_role("button", name="Post reply").click()
        expect(helper.get_by_text("Your reply is posted.")).to_be_visible()

        asker.reload()
        asker.get_by_role("button", name="Accept this answer").click()
        expect(asker.locator(".badge", has_text="Solved").first).to_be_visible()
        expect(asker.get_by_text("Accepted answer")).to_be_visible()
        expect(asker.get_by_text(re.compile("Answered in"))).to_be_visible()

        asker.get_by_role("link", name="Product support").click()
        row = asker.locator(".forum-thread-row", has_text="The printer jams on A3 paper")
        expect(row.locator(".badge", has_text="Solved")).to_be_visible()
    finally:
        asker.context.close()
        helper.context.close()
