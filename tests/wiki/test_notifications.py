"""Watching in the wiki: the watchers of a page or its space hear of edits and new pages,
batched into one notification per page per hour; never the editor, never someone who may
no longer see the page, nobody who switched it off."""

from datetime import timedelta

import pytest
from django.utils import timezone

from communities import services as communities
from notifications import selectors as notification_selectors
from notifications.models import Notification, Verb
from notifications.services import notification_mark_read, preference_set
from tests.factories import UserFactory
from tests.helpers import fresh, join
from tests.wiki.conftest import make_page, revise
from wiki import services

pytestmark = pytest.mark.django_db


def told() -> set[tuple[str, int]]:
    return {
        (n.recipient.username, n.actor_count)
        for n in Notification.objects.filter(verb=Verb.WIKI_EDITED).select_related("recipient")
    }


def test_the_watchers_of_a_page_hear_of_an_edit_but_not_the_editor(run, page, colleague,
                                                                  outsider):  # fmt: skip
    services.watch_page(user=outsider, page=page)

    run(revise, colleague, page, "Welcome aboard.")

    assert told() == {("ratna", 1), ("eko", 1)}
    row = Notification.objects.get(recipient__username="ratna")
    assert (row.target, row.actor, row.url) == (page, colleague, "/wiki/company/onboarding/")
    assert row.icon == "journal-text"
    assert row.message_text == "Budi Santoso edited Onboarding"


def test_the_watchers_of_a_space_hear_of_new_pages_and_their_edits(run, author, colleague,
                                                                  company_space):  # fmt: skip
    services.watch_space(user=colleague, space=company_space)

    page = run(make_page, author, company_space)
    assert told() == {("budi", 1)}

    run(revise, fresh(author), page, "Second")
    assert told() == {("budi", 1)}  # Still the one row of this hour for this page.


def test_edits_within_an_hour_make_one_notification_that_names_the_latest_editor(
    run, page, colleague, outsider
):
    run(revise, colleague, page, "Second")
    run(revise, outsider, page, "Third")
    run(revise, colleague, page, "Fourth")

    row = Notification.objects.get(recipient__username="ratna", verb=Verb.WIKI_EDITED)
    assert (row.actor, row.actor_count) == (colleague, 2)
    assert row.message_text == "Budi Santoso and 1 other edited Onboarding"
    assert row.read_at is None
    # The editors watch too: each hears of the others' edits only.
    assert told() == {("ratna", 2), ("budi", 1), ("eko", 1)}


def test_a_read_notification_comes_back_unread_with_the_next_edit_of_the_hour(
    run, page, author, colleague
):
    run(revise, colleague, page, "Second")
    row = Notification.objects.get(recipient=author)
    notification_mark_read(user=author, notification=row)

    run(revise, colleague, page, "Third")

    row.refresh_from_db()
    assert row.read_at is None and row.actor_count == 1
    assert Notification.objects.filter(recipient=author).count() == 1


def test_after_an_hour_a_new_notification_starts(run, page, author, colleague):
    run(revise, colleague, page, "Second")
    an_hour_ago = timezone.now() - timedelta(minutes=61)
    Notification.objects.update(created_at=an_hour_ago)

    run(revise, colleague, page, "Third")

    assert Notification.objects.filter(recipient=author, verb=Verb.WIKI_EDITED).count() == 2


def test_each_page_has_its_own_notification(run, author, colleague, company_space):
    first = make_page(author, company_space, title="First")
    second = make_page(author, company_space, title="Second")

    run(revise, colleague, first, "Changed")
    run(revise, colleague, second, "Changed")

    assert Notification.objects.filter(recipient=author).count() == 2


def test_nobody_hears_of_edits_they_switched_off(run, page, author, colleague):
    preference_set(user=author, verb=Verb.WIKI_EDITED, channel="off")

    run(revise, colleague, page, "Second")

    assert told() == set()


def test_a_watcher_who_left_a_private_community_hears_nothing_more_and_loses_the_old_ones(
    run, member, private_community, private_space
):
    page = make_page(member, private_space)
    leaver = join(UserFactory(username="leaver"), private_community)
    services.watch_page(user=leaver, page=page)
    run(revise, member, page, "Second")
    assert told() == {("leaver", 1)}

    communities.community_leave(user=leaver, community=private_community)
    Notification.objects.all().delete()
    run(revise, fresh(member), page, "Third")

    assert told() == set()


def test_notifications_about_a_page_go_when_it_is_deleted_or_its_community_is_left(
    run, member, private_community, private_space, author, company_space, colleague
):
    private = make_page(member, private_space)
    watcher = join(UserFactory(username="watcher"), private_community)
    services.watch_page(user=watcher, page=private)
    run(revise, member, private, "Second")
    company = make_page(author, company_space)
    services.watch_page(user=watcher, page=company)
    run(revise, colleague, company, "Second")
    assert notification_selectors.notification_list_for(watcher).count() == 2

    services.page_delete(actor=author, page=company)
    communities.community_leave(user=watcher, community=private_community)

    assert notification_selectors.notification_list_for(fresh(watcher)).count() == 0
    assert notification_selectors.unread_count(fresh(watcher)) == 0


def test_other_notifications_are_not_batched_by_the_hour(run, author, colleague):
    from feed.services.conversation import comment_create
    from feed.services.posts import post_create

    post = post_create(author=author, body="Hello")
    run(comment_create, author=colleague, target=post, body="One")
    run(comment_create, author=colleague, target=post, body="Two")

    assert Notification.objects.filter(recipient=author, verb=Verb.COMMENT).count() == 2


def test_the_page_title_in_a_notification_is_escaped(run, author, colleague, company_space):
    page = make_page(author, company_space, title="<script>alert(1)</script> Plan")

    run(revise, colleague, page, "Changed")

    html = str(Notification.objects.get(recipient=author).message)
    assert "<script>" not in html
    assert "edited &lt;script&gt;alert(1)&lt;/script&gt; Plan" in html
