import re

import pytest
from playwright.sync_api import expect

from communities import services
from communities.models import Membership, MembershipState
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base_url: str, username: str):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    return page


def test_employee_asks_to_join_a_private_community_and_its_admin_approves_in_the_page(
    live_server, page, browser
):
    admin = UserFactory(username="olga", display_name="Olga Owner")
    UserFactory(username="ratna", display_name="Ratna Sari")
    hr = services.community_create(
        creator=admin, name="HR Insiders", type="private", description="People **matters**."
    )
    community_url = f"{live_server.url}/c/{hr.slug}/"

    _log_in(page, live_server.url, "ratna")
    page.goto(f"{live_server.url}/communities/")
    page.get_by_role("link", name="HR Insiders").click()
    expect(page).to_have_url(community_url)
    expect(page.get_by_role("heading", name="HR Insiders")).to_be_visible()
    expect(page.locator("strong", has_text="matters")).to_be_visible()
    expect(page.get_by_role("link", name="Members")).to_have_count(0)
    expect(page.get_by_text("Olga Owner")).to_have_count(0)
    page.get_by_label("Message to the admins").fill("I run payroll and would like to help.")
    page.get_by_role("button", name="Request to join").click()
    expect(page.get_by_text("Request sent, waiting for an admin")).to_be_visible()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    admin_page = context.new_page()
    admin_page.set_default_timeout(15_000)
    try:
        _log_in(admin_page, live_server.url, "olga")
        admin_page.goto(community_url)
        admin_page.get_by_role("link", name=re.compile("Requests")).click()
        request_row = admin_page.get_by_role("listitem").filter(has_text="Ratna Sari")
        expect(request_row).to_contain_text("I run payroll and would like to help.")
        request_row.get_by_role("button", name=re.compile("Approve")).click()
        expect(request_row).to_contain_text("Ratna Sari is now a member.")
    finally:
        context.close()
    assert Membership.objects.get(community=hr, user__username="ratna").state == (
        MembershipState.ACTIVE
    )

    page.reload()
    expect(page.get_by_text("You are a member")).to_be_visible()
    page.get_by_role("link", name="Members", exact=True).click()
    expect(page).to_have_url(f"{community_url}members/")
    members = page.locator("#member-list")
    expect(members).to_contain_text("2 members")
    expect(members.get_by_role("link", name="Olga Owner")).to_be_visible()
    expect(members.get_by_role("link", name="Ratna Sari")).to_be_visible()
