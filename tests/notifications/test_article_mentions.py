"""@mentions in blog articles: publishing (now, later or by the scheduler) and editing an
article tell the people it names, once each, only those who may read it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import Blog
from blog.services.articles import (
    article_create,
    article_delete,
    article_edit,
    article_publish,
    article_publish_due,
    article_unpublish,
)
from notifications import selectors
from notifications.messages import describe_html, describe_text
from notifications.models import Notification, Verb
from tests.notifications.conftest import join, verbs_of

pytestmark = pytest.mark.django_db


def write(author, body, **kwargs):
    kwargs.setdefault("publish", "now")
    return article_create(author=author, title="Closing the books", body=body, **kwargs)


def test_publishing_an_article_tells_the_people_it_mentions(run, ratna, ani, budi):
    article = run(write, author=ani, body="Thanks @ratna and @budi for the numbers.")

    for person in (ratna, budi):
        (note,) = Notification.objects.filter(recipient=person)
        assert (note.verb, note.actor, note.target) == (Verb.MENTION, ani, article)
        assert note.url == article.get_absolute_url()
    note = Notification.objects.get(recipient=ratna)
    assert describe_text(note) == "Ani Wijaya mentioned you in an article"
    assert "<strong>Ani Wijaya</strong> mentioned you in an article" in describe_html(note)
    assert verbs_of(ani) == []


def test_the_mentioned_person_sees_it_until_the_article_is_deleted(run, ratna, ani):
    article = run(write, author=ani, body="Over to @ratna.")
    assert [n.target for n in selectors.notifications_visible_to(ratna)] == [article]
    assert selectors.unread_count(ratna) == 1

    run(article_delete, actor=ani, article=article)

    assert list(selectors.notifications_visible_to(ratna)) == []
    assert selectors.unread_count(ratna) == 0


def test_a_draft_tells_nobody_until_it_is_published(run, ratna, ani):
    draft = run(write, author=ani, body="Ask @ratna", publish="draft")
    run(article_edit, actor=ani, article=draft, body="Ask @ratna about VAT")
    assert verbs_of(ratna) == []

    run(article_publish, actor=ani, article=draft)

    assert verbs_of(ratna) == [Verb.MENTION]


def test_a_scheduled_article_tells_when_the_scheduler_publishes_it(run, ratna, ani):
    article = run(
        write,
        author=ani,
        body="Ask @ratna",
        publish="schedule",
        publish_at=timezone.now() + timedelta(hours=1),
    )
    assert verbs_of(ratna) == []

    run(article_publish_due, article_id=article.pk, now=timezone.now() + timedelta(hours=2))

    assert verbs_of(ratna) == [Verb.MENTION]


def test_an_edit_tells_only_the_newly_mentioned_and_each_once(run, ratna, ani, budi):
    article = run(write, author=ani, body="Thanks @ratna.")
    run(article_edit, actor=ani, article=article, body="Thanks @ratna and @budi.")
    run(article_edit, actor=ani, article=article, body="Thanks @ratna.")
    run(article_edit, actor=ani, article=article, body="Thanks @ratna and @budi, again.")

    assert verbs_of(ratna) == [Verb.MENTION]
    assert verbs_of(budi) == [Verb.MENTION]


def test_publishing_again_does_not_tell_the_same_people_twice(run, ratna, ani):
    article = run(write, author=ani, body="Thanks @ratna.")
    run(article_unpublish, actor=ani, article=article)
    run(article_publish, actor=ani, article=article)

    assert verbs_of(ratna) == [Verb.MENTION]


def test_mentioning_yourself_tells_nobody(run, ani):
    run(write, author=ani, body="Note to self @ani")

    assert Notification.objects.count() == 0


def test_a_private_community_article_tells_members_only(run, ratna, ani, eko, private_community):
    blog = Blog.of_community(private_community)
    article = run(write, author=ani, body="For @ratna and @eko", blog=blog)

    assert verbs_of(ratna) == [Verb.MENTION]
    assert Notification.objects.get(recipient=ratna).target == article
    assert verbs_of(eko) == []  # Not a member: the article does not exist for them.


def test_a_secret_community_article_tells_no_outsider(run, ani, eko, secret_community):
    join(ani, secret_community)
    run(write, author=ani, body="Hello @eko", blog=Blog.of_community(secret_community))

    assert verbs_of(eko) == []
