"""Following topics through tags.services: idempotent both ways, one event per change."""

import pytest
from taggit.models import Tag

from feed.services.posts import post_create
from tags.models import TagFollow
from tags.services import tag_follow, tag_unfollow
from tests.factories import UserFactory
from tests.feed import conftest as feed_fixtures
from tests.feed.conftest import named

pytestmark = pytest.mark.django_db

published = feed_fixtures.published  # Every domain event delivered after commit.


@pytest.fixture
def person(db):
    return UserFactory(username="ratna")


@pytest.fixture
def tag(db):
    return Tag.objects.create(name="pembayaran", slug="pembayaran")


def test_following_a_tag_is_idempotent_and_announced_once(
    person, tag, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = tag_follow(user=person, tag=tag)
        again = tag_follow(user=person, tag=tag)

    assert first == again and TagFollow.objects.count() == 1
    [event] = published
    assert (event.name, event.actor_id, event.object_type, event.object_id) == (
        "tag.followed", person.pk, "taggit.tag", tag.pk,
    )  # fmt: skip


def test_unfollowing_says_whether_there_was_a_follow(
    person, tag, published, django_capture_on_commit_callbacks
):
    tag_follow(user=person, tag=tag)

    with django_capture_on_commit_callbacks(execute=True):
        answers = [tag_unfollow(user=person, tag=tag), tag_unfollow(user=person, tag=tag)]

    assert answers == [True, False]
    assert not TagFollow.objects.exists()
    assert [e.name for e in named(published, "tag.unfollowed")] == ["tag.unfollowed"]


def test_follows_are_personal(person, tag):
    other = UserFactory(username="budi")
    tag_follow(user=person, tag=tag)
    tag_follow(user=other, tag=tag)

    assert tag_unfollow(user=other, tag=tag) is True
    assert list(TagFollow.objects.values_list("user__username", flat=True)) == ["ratna"]


def test_a_hashtag_made_by_a_post_can_be_followed(person):
    post_create(author=UserFactory(username="budi"), body="Lunas #Pembayaran")
    tag = Tag.objects.get(slug="pembayaran")

    follow = tag_follow(user=person, tag=tag)

    assert follow.tag.name == "pembayaran" and str(follow) == f"{person} follows #pembayaran"


def test_a_hashtag_and_a_topic_of_the_same_name_share_one_tag(person):
    author = UserFactory(username="budi")
    post_create(author=author, body="#SAP go-live")
    post_create(author=author, body="Go-live", tags=["sap"])
    post_create(author=author, body="Go-live", tags=["SAP"])

    assert Tag.objects.filter(slug__startswith="sap").count() == 1


def test_unfollowing_a_tag_never_followed_publishes_nothing(
    person, tag, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert tag_unfollow(user=person, tag=tag) is False

    assert published == []
