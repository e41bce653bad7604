"""The wiki in a real browser: Ratna opens the edit form of a page in two tabs. She saves the
first (the live preview shows her text as she types); in the second she changes the same
line differently and saves: the conflict page shows her text from that tab, the saved text
and a merged proposal marking the overlap. She resolves it and saves; the history lists
both revisions and the diff highlights what changed, word by word."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from profiles.roles import COMMUNICATORS
from tests.factories import PASSWORD, UserFactory
from wiki import services
from wiki.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "Submit receipts within 30 days.\nUse the travel form.\nAsk your manager first.\nKeep copies."
)


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


def test_an_edit_conflict_between_two_tabs_is_resolved_without_losing_text(
    asgi_live_server, browser
):
    humas = UserFactory(username="humas", display_name="Humas Kolega")
    humas.groups.add(Group.objects.get_or_create(name=COMMUNICATORS)[0])
    ratna = UserFactory(username="ratna", display_name="Ratna Sari")
    space = services.space_company_ensure()
    services.page_create(author=humas, space=space, title="Expense policy", body=BODY)

    first = _log_in(browser, asgi_live_server, "ratna")
    second = first.context.new_page()
    second.set_default_timeout(15_000)
    try:
        # She finds the page through the wiki's index and the space's outline.
        first.get_by_role("link", name="Wiki").first.click()
        first.get_by_role("link", name=space.name).first.click()
        first.get_by_role("navigation", name=space.name).get_by_role(
            "link", name="Expense policy"
        ).click()
        expect(first.get_by_role("heading", name="Expense policy")).to_be_visible()
        page_url = first.url
        second.goto(page_url)

        # Both tabs open the edit form on revision 1.
        first.get_by_role("link", name="Edit", exact=True).click()
        second.get_by_role("link", name="Edit", exact=True).click()
        expect(first.locator("input[name=base_revision]")).to_have_value("1")
        expect(second.locator("input[name=base_revision]")).to_have_value("1")

        # Tab one: the live preview follows the text; she saves.
        text = first.get_by_label("Text", exact=True)
        text.fill(BODY.replace("Use the travel form.", "Use the **new** travel form."))
        expect(first.locator("#wiki-preview strong", has_text="new")).to_be_visible()
        first.get_by_label("Summary of your change").fill("new form")
        first.get_by_role("button", name="Save the page").click()
        expect(first.get_by_text("Your changes are saved.")).to_be_visible()
        expect(first.locator(".wiki-body strong", has_text="new")).to_be_visible()

        # Tab two still says revision 1: she changes the same line and saves.
        mine = BODY.replace("Use the travel form.", "Use the travel form from the intranet.")
        second.get_by_label("Text", exact=True).fill(mine)
        second.get_by_role("button", name="Save the page").click()

        expect(second.get_by_role("heading", name=re.compile("Edit conflict on"))).to_be_visible()
        expect(second.get_by_role("alert").first).to_contain_text(
            "Ratna Sari saved this page (revision 2) while you were editing it."
        )
        expect(second.get_by_label("Your text (read only; copy what you need)")).to_have_value(mine)
        expect(second.get_by_label("The saved text (read only)")).to_have_value(
            BODY.replace("Use the travel form.", "Use the **new** travel form.")
        )
        proposal = second.get_by_label("Text", exact=True)
        expect(proposal).to_have_value(re.compile(r"<<<<<<< your text"))
        expect(proposal).to_have_value(re.compile(r"Use the travel form from the intranet\."))
        expect(proposal).to_have_value(re.compile(r"Use the \*\*new\*\* travel form\."))
        expect(second.locator("input[name=base_revision]")).to_have_value("2")
        assert Page.objects.get().revision_number == 2  # nothing of tab two saved yet

        # She keeps both ideas, takes the markers out and saves on top of revision 2.
        resolved = BODY.replace(
            "Use the travel form.", "Use the **new** travel form from the intranet."
        )
        proposal.fill(resolved)
        second.get_by_label("Summary of your change").fill("merged both")
        second.get_by_role("button", name="Save the resolved page").click()
        expect(second.get_by_text("Your changes are saved.")).to_be_visible()
        expect(second.locator(".wiki-body")).to_contain_text("new travel form from the intranet")
        assert Page.objects.get().body == resolved

        # The history lists both edits; the diff highlights the words added.
        second.get_by_role("link", name="History").first.click()
        rows = second.locator("table.wiki-history tbody tr")
        expect(rows).to_have_count(3)
        expect(rows.nth(0)).to_contain_text("merged both")
        expect(rows.nth(1)).to_contain_text("new form")
        second.get_by_role("button", name="Compare the chosen revisions").click()
        expect(second.get_by_role("heading", name="Revision 2 → revision 3")).to_be_visible()
        added = second.locator("table.wiki-diff ins").filter(has_text="intranet")
        expect(added).to_be_visible()
        expect(added).to_have_css("text-decoration-line", "underline")
        expect(second.locator("#diff-legend")).to_be_visible()
        assert ratna.pk == Page.objects.get().edited_by_id
    finally:
        first.context.close()
