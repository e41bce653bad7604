"""The placed-content permission matrix (tests/communities/matrix.py) for threads and their
replies, through every way of reading them: every role x every placement, one rule."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404

from forums import selectors, services
from forums.models import Category, Reply, Thread
from moderation.services import content_hide
from notifications import visibility
from profiles.roles import COMMUNICATORS, MODERATORS
from tests.communities.matrix import check_placed_content_matrix
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _category(author, community):
    if community is None:
        author.groups.add(Group.objects.get(name=COMMUNICATORS))
        author.__dict__.pop("_site_roles", None)
    name = f"Matrix {community.slug if community else 'company'}"
    return services.category_create(actor=author, community=community, name=name)


def make_thread(*, author, community):
    category = _category(author, community)
    thread = services.thread_create(
        author=author, category=category, title="Matrix question", body="Hello", kind="question"
    )
    services.reply_create(author=author, thread=thread, body="An answer")
    return thread


def make_reply(*, author, community):
    thread = make_thread(author=author, community=community)
    return thread.replies.get()


def make_deleted(*, author, community):
    return services.thread_delete(
        actor=author, thread=make_thread(author=author, community=community)
    )


def make_hidden(*, author, community):
    thread = make_thread(author=author, community=community)
    if community is None:
        moderator = UserFactory(username="matrix-site-moderator")
        moderator.groups.add(Group.objects.get(name=MODERATORS))
        return content_hide(actor=moderator, obj=thread, reason="Spam")
    return content_hide(actor=author, obj=thread, reason="Spam")


def _raises_nothing(call) -> bool:
    try:
        call()
    except (Http404, PermissionDenied):
        return False
    return True


THREAD_WAYS = {
    "is_visible_to": lambda user, t: t.is_visible_to(user),
    "visible_to": lambda user, t: Thread.objects.visible_to(user).filter(pk=t.pk).exists(),
    "thread_detail": lambda user, t: _raises_nothing(lambda: selectors.thread_detail(user, t.pk)),
    "threads_in": lambda user, t: _in_list(user, t),
    "categories_for": lambda user, t: any(
        c.pk == t.category_id and c.thread_count == 1 for c in _categories(user, t.community)
    ),
    "replies_for": lambda user, t: _raises_nothing(lambda: list(selectors.replies_for(user, t))),
    "notifications": lambda user, t: user.is_authenticated and visibility.may_see(user, t),
}


def _in_list(user, thread) -> bool:
    try:
        return thread.pk in {x.pk for x in selectors.threads_in(user, thread.category)}
    except Http404:
        return False


def _categories(user, community):
    try:
        return selectors.categories_for(user, community)
    except (Http404, PermissionDenied):
        return []


REPLY_WAYS = {
    "is_visible_to": lambda user, r: r.is_visible_to(user),
    "visible_to": lambda user, r: Reply.objects.visible_to(user).filter(pk=r.pk).exists(),
    "reply_get_for": lambda user, r: _raises_nothing(lambda: selectors.reply_get_for(user, r.pk)),
    "notifications": lambda user, r: user.is_authenticated and visibility.may_see(user, r),
}


def nobody(role, placement) -> bool:
    return False


@pytest.mark.parametrize("way", list(THREAD_WAYS))
def test_threads_follow_the_visibility_rule(way):
    check_placed_content_matrix(make=make_thread, can_see=THREAD_WAYS[way])


@pytest.mark.parametrize("way", list(REPLY_WAYS))
def test_replies_follow_their_threads_visibility(way):
    check_placed_content_matrix(make=make_reply, can_see=REPLY_WAYS[way])


@pytest.mark.parametrize("way", ["is_visible_to", "visible_to", "thread_detail", "notifications"])
def test_deleted_threads_are_seen_by_nobody(way):
    check_placed_content_matrix(make=make_deleted, can_see=THREAD_WAYS[way], expected=nobody)


@pytest.mark.parametrize("way", ["is_visible_to", "visible_to", "thread_detail", "categories_for"])
def test_hidden_threads_are_seen_by_nobody(way):
    check_placed_content_matrix(make=make_hidden, can_see=THREAD_WAYS[way], expected=nobody)


def test_categories_follow_the_placement_rule():
    def can_see(user, thread):
        category = thread.category
        one = category.is_visible_to(user)
        many = Category.objects.visible_to(user).filter(pk=category.pk).exists()
        assert one == many
        return one

    check_placed_content_matrix(make=make_thread, can_see=can_see)
