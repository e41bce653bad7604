"""Who may do what in the forum: non-members never see private or secret community threads
in any selector (404 for secret ones), 403 with a reason for what people see but may not do,
and unsafe Markdown rendered inert."""

from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from communities.models import CommunityType
from forums import permissions, selectors, services
from forums.models import Reply, Thread
from tests.communities.conftest import build_community
from tests.forums.conftest import answer, ask, make_category
from tests.helpers import fresh, join

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", [CommunityType.PRIVATE, CommunityType.SECRET])
def test_non_members_never_see_community_threads_in_any_selector(author, outsider, kind):
    community = build_community(type=kind)
    join(author, community)
    category = make_category(actor=community.created_by, community=community)
    thread = ask(author, category)
    reply = answer(fresh(author), thread, "Inside answer")
    outsider = fresh(outsider)

    assert not Thread.objects.visible_to(outsider).exists()
    assert not Reply.objects.visible_to(outsider).exists()
    assert not thread.is_visible_to(outsider) and not reply.is_visible_to(outsider)
    for read in (
        lambda: selectors.thread_detail(outsider, thread.pk),
        lambda: selectors.replies_for(outsider, thread),
        lambda: selectors.reply_get_for(outsider, reply.pk),
        lambda: selectors.threads_in(outsider, category),
        lambda: selectors.category_get_for(outsider, pk=category.pk),
    ):
        with pytest.raises(Http404):
            read()
    expected = Http404 if kind == CommunityType.SECRET else PermissionDenied
    with pytest.raises(expected):
        selectors.categories_for(outsider, community)
    # And every write that names the thread answers as if it did not exist.
    for write in (
        lambda: services.reply_create(author=outsider, thread=thread, body="Hi"),
        lambda: services.reply_vote(user=outsider, reply=reply, value=1),
        lambda: services.thread_follow(user=outsider, thread=thread),
        lambda: services.thread_edit(actor=outsider, thread=thread, title="x"),
        lambda: services.answer_accept(actor=outsider, reply=reply),
    ):
        with pytest.raises(Http404):
            write()


def test_members_see_what_outsiders_do_not(author, colleague, private_community):
    join(author, private_community)
    join(colleague, private_community)
    category = make_category(actor=private_community.created_by, community=private_community)
    thread = ask(author, category)

    assert selectors.thread_detail(fresh(colleague), thread.pk) == thread
    assert [t.pk for t in selectors.threads_in(colleague, category)] == [thread.pk]


def test_anonymous_people_see_nothing(question, company_category):
    from django.contrib.auth.models import AnonymousUser

    nobody = AnonymousUser()
    assert selectors.categories_for(nobody) == []
    assert not Thread.objects.visible_to(nobody).exists()
    with pytest.raises(Http404):
        selectors.thread_detail(nobody, question.pk)
    with pytest.raises(Http404):
        selectors.threads_in(nobody, company_category)


def test_the_can_helpers_agree_with_the_services(author, colleague, question, site_moderator):
    reply = answer(colleague, question)

    assert permissions.can_edit_thread(author, question)
    assert not permissions.can_edit_thread(colleague, question)
    assert permissions.can_accept(author, question)
    assert not permissions.can_accept(colleague, question)
    assert permissions.can_accept(site_moderator, question)
    assert permissions.can_vote(author, reply) and not permissions.can_vote(colleague, reply)
    assert permissions.can_reply(colleague, question)
    assert permissions.can_delete_reply(colleague, reply)
    assert not permissions.can_delete_reply(author, reply)
    assert permissions.can_moderate_thread(site_moderator, question)
    assert not permissions.can_moderate_thread(author, question)
    assert permissions.can_see_history(author, question)
    assert not permissions.can_see_history(colleague, question)


def test_an_archived_community_is_read_only(author, colleague, public_community):
    from communities import services as communities

    join(author, public_community)
    category = make_category(actor=public_community.created_by, community=public_community)
    thread = ask(author, category)
    reply = answer(colleague, thread)
    communities.community_set_archived(
        actor=public_community.created_by, community=public_community, archived=True
    )
    thread.refresh_from_db()
    reply = Reply.objects.select_related("thread__community").get(pk=reply.pk)

    assert thread.is_visible_to(colleague)
    for write in (
        lambda: services.reply_create(author=colleague, thread=thread, body="Late"),
        lambda: services.thread_edit(actor=author, thread=thread, title="Changed"),
        lambda: services.reply_vote(user=author, reply=reply, value=1),
        lambda: services.answer_accept(actor=author, reply=reply),
    ):
        with pytest.raises(PermissionDenied, match="archived"):
            write()


# --- unsafe Markdown ----------------------------------------------------------------------------

XSS = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    "<iframe src='https://evil.example'></iframe>",
    'https://x.example/"onmouseover="alert(1)',
    "<svg onload=alert(1)>",
]


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    """No script-capable element, no event-handler attribute, no javascript: address (as the
    browser would parse the HTML; the same words as plain text are harmless)."""
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag not in {"script", "iframe", "svg", "object", "embed", "style"}, html
        assert not [name for name in attrs if name.startswith("on")], html
        for name in ("href", "src"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), html


@pytest.mark.parametrize("body", XSS)
def test_unsafe_markdown_in_a_thread_is_inert(author, company_category, body):
    thread = ask(author, company_category, body=f"# Heading\n\n{body}\n\n```\ncode <b>\n```")

    assert_inert(thread.body_html)
    assert "&lt;b&gt;" in thread.body_html  # Code stays text.


@pytest.mark.parametrize("body", XSS)
def test_unsafe_markdown_in_replies_and_edits_is_inert(author, colleague, question, body):
    reply = answer(colleague, question, body)
    assert_inert(reply.body_html)

    edited = services.reply_edit(actor=colleague, reply=reply, body=f"Edited {body}")
    assert_inert(edited.body_html)
    thread = services.thread_edit(actor=author, thread=question, body=body)
    assert_inert(thread.body_html)


def test_a_title_is_kept_as_plain_text(author, company_category):
    thread = ask(author, company_category, title="<b>Bold</b> question")

    assert thread.title == "<b>Bold</b> question"  # Escaped where it is shown, like any text.
