"""The conversation around a post in a real browser (static/js/conversation.js with htmx):
react through the keyboard menu, comment and reply, a refusal shown in place, an @mention
suggestion, who reacted and sharing in a dialog, save for later, vote in a poll."""

import re

import pytest
from playwright.sync_api import expect

from feed.models import Comment, Post, PostKind, Reaction
from feed.services.conversation import comment_create, reaction_set
from feed.services.posts import post_create
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base_url: str, username: str):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()


def test_reacting_commenting_sharing_and_voting_in_the_company_feed(asgi_live_server, page):
    ratna = UserFactory(username="ratna", display_name="Ratna Sari")
    UserFactory(username="budi", display_name="Budi Santoso")
    dewi = UserFactory(username="dewi", display_name="Dewi Lestari")
    post = post_create(author=ratna, body="Quarter close is done.")
    reaction_set(user=dewi, target=post, kind="insightful")
    poll = post_create(
        author=ratna, poll={"question": "Lunch where?", "options": ["Soto", "Bakso"]}
    )
    _log_in(page, asgi_live_server, "budi")
    page.goto(f"{asgi_live_server}/feed/company/")
    card = page.locator(f"#post-{post.pk}")
    actions = card.locator(f"#post-{post.pk}-actions")

    # A click likes; the count follows without a reload.
    actions.get_by_role("button", name="Like").click()
    expect(actions.locator(f"#post-{post.pk}-react")).to_have_attribute("aria-pressed", "true")
    expect(card.locator(f"#post-{post.pk}-counts")).to_contain_text("2")

    # The menu is reachable with the keyboard: open it, go down to Celebrate, press Enter.
    toggle = actions.locator(f"#post-{post.pk}-reaction-menu")
    toggle.focus()
    page.keyboard.press("Enter")
    menu = actions.locator(".reaction-menu")
    expect(menu).to_be_visible()
    # One key at a time, each awaited: a key pressed while the menu is still opening is lost.
    page.keyboard.press("ArrowDown")
    expect(menu.get_by_role("button", name="Like")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(menu.get_by_role("button", name="Celebrate")).to_be_focused()
    page.keyboard.press("Enter")
    expect(actions.locator(f"#post-{post.pk}-react")).to_contain_text("Celebrate")
    expect(actions.locator(f"#post-{post.pk}-reaction-menu")).to_be_focused()
    assert Reaction.objects.get(user__username="budi").kind == "celebrate"

    # "Comment" focuses the box; an empty comment is refused in place; Ctrl+Enter sends.
    actions.get_by_role("link", name="Comment").click()
    box = card.get_by_label("Write a comment")
    expect(box).to_be_focused()
    card.get_by_role("button", name="Send comment").click()
    expect(card.get_by_role("alert")).to_contain_text("Write a comment first.")
    box = card.get_by_label("Write a comment")
    box.fill("Great work, everyone!")
    box.press("Control+Enter")
    expect(card.locator(".comment-text")).to_contain_text(["Great work, everyone!"])
    expect(card.get_by_label("Write a comment")).to_have_value("")
    expect(page.locator("#live-region")).to_have_text("Your comment is posted.")

    # Reply: the thread's form opens, and the reply shows under its comment.
    comment = Comment.objects.get()
    expect(card.locator(f"#reply-form-{comment.pk}")).to_be_hidden()
    card.locator(f"#comment-{comment.pk}").get_by_role("link", name="Reply").click()
    reply = card.get_by_label("Reply to Budi Santoso")
    expect(reply).to_be_focused()
    reply.fill("And thank you, Ratna.")
    card.locator(f"#reply-form-{comment.pk}").get_by_role("button", name="Reply").click()
    expect(card.locator(f"#comment-{comment.pk} .comment-replies")).to_contain_text(
        "And thank you, Ratna."
    )
    expect(card.locator(f"#reply-form-{comment.pk}")).to_be_hidden()

    # @mention suggestions in the comment box (the feed's suggestion list, keyboard-driven).
    box = card.get_by_label("Write a comment")
    box.press_sequentially("Thanks @dew")
    option = card.get_by_role("option", name=re.compile("Dewi Lestari"))
    expect(option).to_be_visible()
    box.press("Enter")
    expect(box).to_have_value("Thanks @dewi ")
    box.press("Control+Enter")
    expect(card.locator(".comment-text a.mention")).to_have_text("@Dewi Lestari")

    # Who reacted opens in a dialog, filters by kind, and Escape closes it.
    card.locator(f"#post-{post.pk}-counts a[data-conversation-dialog]").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name="Who reacted")).to_be_visible()
    expect(dialog).to_contain_text("Dewi Lestari")
    expect(dialog).to_contain_text("Budi Santoso")
    dialog.get_by_role("link", name=re.compile("Insightful")).click()
    expect(dialog).not_to_contain_text("Budi Santoso")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    # Share with a comment, in the dialog; the share count follows.
    actions = card.locator(f"#post-{post.pk}-actions")
    actions.get_by_role("link", name="Share").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Share this post")).to_be_visible()
    dialog.get_by_label("Say something about it").fill("Read this")
    dialog.get_by_role("button", name="Share").click()
    expect(dialog.get_by_role("status")).to_contain_text("Shared.")
    expect(card.locator(f"#post-{post.pk}-counts")).to_contain_text("1 share")
    assert Post.objects.get(kind=PostKind.SHARE).body == "Read this"
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()

    # Save for later.
    card.locator(f"#post-{post.pk}-bookmark-button").click()
    expect(card.locator(f"#post-{post.pk}-bookmark-button")).to_have_attribute(
        "aria-pressed", "true"
    )

    # Vote: the form turns into results.
    poll_card = page.locator(f"#post-{poll.pk}")
    poll_card.get_by_label("Bakso").check()
    poll_card.get_by_role("button", name="Vote").click()
    expect(poll_card.locator(f"#post-{poll.pk}-poll")).to_contain_text("100%")
    expect(poll_card.locator(f"#post-{poll.pk}-poll")).to_contain_text("1 voter")


def test_buttons_a_swap_brings_work_at_once_without_reloading_the_page(asgi_live_server, page):
    # A key pressed right after an answer arrived (a fast hand, a busy machine) must reach
    # htmx, not submit the form the old way: the swapped-in block is wired up by then.
    ratna = UserFactory(username="ratna", display_name="Ratna Sari")
    UserFactory(username="budi", display_name="Budi Santoso")
    post = post_create(author=ratna, body="Quarter close is done.")
    _log_in(page, asgi_live_server, "budi")
    page.goto(f"{asgi_live_server}/feed/company/")
    actions = page.locator(f"#post-{post.pk}-actions")
    page.evaluate(
        """(actions) => {
            window.samePage = true;
            document.addEventListener("htmx:afterSwap", () => queueMicrotask(() => {
                document.querySelector(`${actions} button[name=kind][value=celebrate]`).click();
            }), { once: true });
        }""",
        f"#post-{post.pk}-actions",
    )
    actions.get_by_role("button", name="Like").click()
    expect(actions.locator(f"#post-{post.pk}-react")).to_contain_text("Celebrate")
    assert page.evaluate("window.samePage") is True
    assert page.url == f"{asgi_live_server}/feed/company/"
    assert Reaction.objects.get(user__username="budi").kind == "celebrate"


def test_the_same_conversation_on_a_blog_article(asgi_live_server, page):
    """An article's page uses the feed's components: the reaction picker by keyboard, comments
    and replies in place, an edit, a reaction on a comment and who reacted."""
    from blog.services.articles import article_create

    ratna = UserFactory(username="ratna", display_name="Ratna Sari")
    UserFactory(username="budi", display_name="Budi Santoso")
    article = article_create(
        author=ratna, title="Closing the books", body="## Why\n\nOn time.", publish="now"
    )
    comment = comment_create(author=ratna, target=article, body="Questions welcome.")
    _log_in(page, asgi_live_server, "budi")
    page.goto(f"{asgi_live_server}{article.get_absolute_url()}")
    bar = page.locator(f"#article-{article.pk}-reactions")

    # The menu by keyboard: open it, down to Insightful, Enter; the bar swaps in place.
    toggle = bar.locator(f"#article-{article.pk}-reaction-menu")
    toggle.focus()
    page.keyboard.press("Enter")
    menu = bar.locator(".reaction-menu")
    expect(menu).to_be_visible()
    for name in ("Like", "Celebrate", "Insightful"):
        page.keyboard.press("ArrowDown")
        expect(menu.get_by_role("button", name=name)).to_be_focused()
    page.keyboard.press("Enter")
    expect(bar.locator(f"#article-{article.pk}-react")).to_contain_text("Insightful")
    expect(bar.locator(f"#article-{article.pk}-reaction-menu")).to_be_focused()
    expect(bar).to_contain_text("1 comment")
    assert Reaction.objects.get(user__username="budi").kind == "insightful"

    # A refused comment in place, then a comment; the count in the bar follows.
    section = page.locator(f"#article-{article.pk}-comments")
    section.get_by_role("button", name="Send comment").click()
    expect(section.get_by_role("alert")).to_contain_text("Write a comment first.")
    box = section.get_by_label("Write a comment")
    box.fill("Very clear, thanks.")
    box.press("Control+Enter")
    expect(section.locator(".comment-text")).to_contain_text(["Very clear, thanks."])
    expect(bar).to_contain_text("2 comments")

    # Reply under Ratna's comment.
    section.locator(f"#comment-{comment.pk}").get_by_role("link", name="Reply").first.click()
    reply = section.get_by_label("Reply to Ratna Sari")
    expect(reply).to_be_focused()
    reply.fill("When is the deadline?")
    section.locator(f"#reply-form-{comment.pk}").get_by_role("button", name="Reply").click()
    expect(section.locator(f"#comment-{comment.pk} .comment-replies")).to_contain_text(
        "When is the deadline?"
    )

    # Edit my comment in place.
    mine = Comment.objects.get(body="Very clear, thanks.")
    section.locator(f"#comment-{mine.pk}").get_by_role("link", name="Edit").click()
    edit = section.get_by_label("Edit your comment")
    expect(edit).to_be_focused()
    edit.fill("Very clear, thank you.")
    section.get_by_role("button", name="Save").click()
    expect(section.locator(f"#comment-{mine.pk} .comment-text")).to_have_text(
        "Very clear, thank you."
    )

    # Like Ratna's comment, then see who reacted to the article in the dialog.
    section.locator(f"#comment-{comment.pk}-reactions").get_by_role("button", name="Like").click()
    expect(section.locator(f"#comment-{comment.pk}-react")).to_have_attribute(
        "aria-pressed", "true"
    )
    bar.locator("a[data-conversation-dialog]").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Who reacted")).to_be_visible()
    expect(dialog).to_contain_text("Budi Santoso")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
