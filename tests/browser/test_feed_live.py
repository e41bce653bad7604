"""The live feed in real browsers: two colleagues with their home pages open.

Ratna posts through the composer; Budi, who follows her, sees "1 new post — show" without a
reload and brings the post in; his reaction then updates the count on Ratna's page, live.
Eko, who follows nobody, keeps a quiet home page (the post is not on his home feed).
Runs through ``asgi_live_server`` (HTTP and /ws/live/ served by uvicorn).
"""

import re

import pytest
from playwright.sync_api import expect

from profiles.services import user_follow
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


def _open_home(page, base_url: str):
    page.goto(f"{base_url}/")
    expect(page.locator("#feed")).to_have_attribute("data-feed-key", "home")
    expect(page.locator("body")).to_have_attribute("data-live", "open")


def test_a_post_appears_live_on_a_followers_home_and_their_reaction_updates_the_authors_count(
    asgi_live_server, browser
):
    ratna = UserFactory(username="ratna", display_name="Ratna Sari")
    budi = UserFactory(username="budi", display_name="Budi Santoso")
    UserFactory(username="eko", display_name="Eko Prasetyo")
    user_follow(follower=budi, followee=ratna)
    author = _log_in(browser, asgi_live_server, "ratna")
    follower = _log_in(browser, asgi_live_server, "budi")
    stranger = _log_in(browser, asgi_live_server, "eko")
    try:
        for page in (author, follower, stranger):
            _open_home(page, asgi_live_server)

        author.get_by_label("Message").fill("Quarter close is done. Thank you all!")
        author.get_by_role("button", name="Publish").click()
        mine = author.locator("#feed-items article").filter(has_text="Quarter close is done")
        expect(mine).to_have_count(1)
        post_id = mine.get_attribute("id").removeprefix("post-")

        # Budi's open home page hears of it: a real button, in a polite live region.
        show = follower.get_by_role("button", name="1 new post — show")
        expect(show).to_be_visible()
        expect(follower.locator("#feed-live-bar")).to_have_attribute("aria-live", "polite")
        expect(follower.locator(f"#post-{post_id}")).to_have_count(0)
        show.click()
        theirs = follower.locator(f"#feed-items > #post-{post_id}")
        expect(theirs).to_contain_text("Quarter close is done. Thank you all!")
        expect(show).to_be_hidden()
        expect(theirs).to_be_focused()

        # Ratna's own page shows her post once, and no "new post" bar for it.
        expect(author.locator(f"#post-{post_id}")).to_have_count(1)
        expect(author.get_by_role("button", name=re.compile("new post", re.I))).to_be_hidden()

        # Budi likes it; Ratna's count changes without a reload.
        counts = author.locator(f"#post-{post_id}-counts")
        expect(counts).not_to_contain_text("1")
        theirs.locator(f"#post-{post_id}-react").click()
        expect(follower.locator(f"#post-{post_id}-react")).to_have_attribute("aria-pressed", "true")
        expect(counts).to_contain_text("👍")
        expect(counts).to_contain_text("1 reaction")

        # Eko may see the post (company-wide) but does not follow Ratna: his home stays quiet,
        # though the count of the post, were it on his page, would be kept up to date.
        expect(stranger.get_by_role("button", name=re.compile("new post", re.I))).to_have_count(0)
        expect(stranger.locator(f"#post-{post_id}")).to_have_count(0)
    finally:
        for page in (author, follower, stranger):
            page.context.close()


def test_posts_appear_live_on_the_company_feed_of_someone_who_follows_nobody_and_leave_it(
    asgi_live_server, browser
):
    UserFactory(username="ratna", display_name="Ratna Sari")
    UserFactory(username="eko", display_name="Eko Prasetyo")
    author = _log_in(browser, asgi_live_server, "ratna")
    reader = _log_in(browser, asgi_live_server, "eko")
    try:
        reader.goto(f"{asgi_live_server}/feed/company/")
        expect(reader.locator("#feed")).to_have_attribute("data-feed-key", "company")
        expect(reader.locator("body")).to_have_attribute("data-live", "open")
        _open_home(author, asgi_live_server)

        for text in ("First news", "Second news"):
            author.get_by_label("Message").fill(text)
            author.get_by_role("button", name="Publish").click()
            expect(author.locator("#feed-items article").filter(has_text=text)).to_have_count(1)

        show = reader.get_by_role("button", name="2 new posts — show")
        show.click()
        items = reader.locator("#feed-items > article")
        expect(items.nth(0)).to_contain_text("Second news")
        expect(items.nth(1)).to_contain_text("First news")
        expect(show).to_be_hidden()

        # Ratna deletes the first one: it leaves Eko's page; hers keeps its "deleted" card.
        first = author.locator("#feed-items > article").filter(has_text="First news")
        post_id = first.get_attribute("id").removeprefix("post-")
        author.once("dialog", lambda dialog: dialog.accept())
        author.locator(f"#post-{post_id}-menu").click()
        first.get_by_role("button", name="Delete").click()
        expect(reader.locator(f"#post-{post_id}")).to_have_count(0)
        expect(items).to_have_count(1)
        expect(author.locator(f"#post-{post_id}")).to_contain_text("The post is deleted.")
        author.wait_for_timeout(1500)  # Past the live removal's wait: the card stays.
        expect(author.locator(f"#post-{post_id}")).to_contain_text("The post is deleted.")
    finally:
        author.context.close()
        reader.context.close()
