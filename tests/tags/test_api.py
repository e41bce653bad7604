"""The topics API (tags.api): one topic with its followers and related topics, everything
carrying it, following; found through the one visibility-aware lookup that the topic page
uses (tags.selectors.tag_find_for), not a copy of its own. (Suggestions:
test_autocomplete.py; trending: test_trending.py.)"""

import pytest
from rest_framework.test import APIClient
from taggit.models import Tag

from communities.models import CommunityType
from communities.services import community_leave
from feed.services.posts import post_create
from tags import api, selectors
from tags.services import tag_follow, tag_rename
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.feed.conftest import join
from tests.helpers import fresh
from tests.tags.conftest import make

pytestmark = pytest.mark.django_db


def client_for(person) -> APIClient:
    client = APIClient()
    client.force_authenticate(person)
    return client


def test_the_topics_api_uses_the_selectors_lookup_not_a_copy():
    assert api.tag_find_for is selectors.tag_find_for


def test_a_topic_only_in_a_secret_community_answers_404_like_the_topic_page():
    author, outsider = UserFactory(), UserFactory()
    secret = build_community(name="Merger Room", slug="merger-room", type=CommunityType.SECRET)
    join(author, secret)
    post_create(author=author, community=secret, body="Hush #merger")

    page = client_for(outsider).get("/api/v1/tags/merger/")
    follow = client_for(outsider).put("/api/v1/tags/merger/follow/")

    assert (page.status_code, follow.status_code) == (404, 404)
    assert client_for(author).get("/api/v1/tags/merger/").json()["is_followed"] is False


# --- a topic, everything with it ----------------------------------------------------------


def test_a_topic_has_its_followers_counts_and_related_topics(communicator):
    author, fan, reader = communicator, UserFactory(), UserFactory()
    make("post", author=author, tags=["budget", "pajak"])
    make("file", author=author, tags=["budget"])
    tag_follow(user=fan, tag=Tag.objects.get(slug="budget"))

    data = client_for(reader).get("/api/v1/tags/budget/").json()

    assert data["follower_count"] == 1 and data["is_followed"] is False
    assert data["item_counts"] == {"post": 1, "file": 1}
    assert data["related_tags"] == [{"slug": "pajak", "name": "pajak", "count": 1}]
    assert data["items_url"] == "http://testserver/api/v1/tags/budget/items/"
    assert data["page_url"] == "http://testserver/tags/budget/"


def test_the_items_of_a_topic_are_every_kind_newest_first_paginated(communicator):
    author, reader = UserFactory(), UserFactory()
    posts = [post_create(author=author, body=f"Note {i}", tags=["budget"]) for i in range(21)]
    page = make("wiki_page", author=communicator, tags=["budget"], title="Budget rules")
    api = client_for(reader)

    first = api.get("/api/v1/tags/budget/items/").json()
    second = api.get(first["next"]).json()
    pages = api.get("/api/v1/tags/budget/items/", {"kind": "wiki_page"}).json()

    assert (first["count"], first["num_pages"], first["previous"]) == (22, 2, None)
    assert first["counts"] == {"post": 21, "wiki_page": 1}
    assert [(r["kind"], r["id"]) for r in first["results"][:2]] == [
        ("wiki_page", page.pk), ("post", posts[-1].pk),
    ]  # fmt: skip
    assert [r["id"] for r in second["results"]] == [posts[1].pk, posts[0].pk]
    assert second["next"] is None and second["previous"].endswith("page=1")
    [row] = pages["results"]
    assert row["title"] == "Budget rules" and row["url"].startswith("http://testserver/wiki/")
    assert row["author"]["username"] == communicator.username and row["community"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [({"kind": "nonsense"}, "kind"), ({"page": "abc"}, "page"), ({"page": "0"}, "page"),
     ({"page": "-1"}, "page"), ({"page": "1" * 20}, "page")],
)  # fmt: skip
def test_bad_filters_answer_400_with_the_field(params, field):

    reader = UserFactory()
    post_create(author=reader, body="#budget")

    response = client_for(reader).get("/api/v1/tags/budget/items/", params)

    assert response.status_code == 400 and field in response.json()


def test_outsiders_get_404_and_members_the_items_of_a_private_topic():

    private = build_community(name="Tax Team", slug="tax-team", type=CommunityType.PRIVATE)
    member, outsider = UserFactory(), UserFactory()
    join(member, private)
    thread = make("thread", author=private.created_by, community=private, tags=["merger"])

    assert client_for(outsider).get("/api/v1/tags/merger/items/").status_code == 404
    rows = client_for(member).get("/api/v1/tags/merger/items/").json()["results"]
    assert [(r["kind"], r["id"], r["community"]["slug"]) for r in rows] == [
        ("thread", thread.pk, "tax-team")
    ]
    community_leave(user=member, community=private)
    assert client_for(fresh(member)).get("/api/v1/tags/merger/items/").status_code == 404


def test_an_old_address_answers_301_to_the_new_one():

    reader = UserFactory()
    post_create(author=reader, body="#budget")
    tag_rename(tag=Tag.objects.get(slug="budget"), name="Anggaran")
    api = client_for(reader)

    detail = api.get("/api/v1/tags/budget/")
    items = api.get("/api/v1/tags/budget/items/", {"kind": "post"})
    followed = api.put("/api/v1/tags/budget/follow/")

    assert (detail.status_code, detail["Location"]) == (
        301, "http://testserver/api/v1/tags/anggaran/",
    )  # fmt: skip
    assert items["Location"] == "http://testserver/api/v1/tags/anggaran/items/?kind=post"
    assert followed.status_code == 200 and followed.json()["slug"] == "anggaran"


@pytest.mark.parametrize("count", [10, 100])
def test_the_topic_api_runs_a_bounded_number_of_queries(count, django_assert_max_num_queries):

    people = [UserFactory() for _ in range(4)]
    for i in range(count):
        post_create(author=people[i % 4], body=f"Note {i}", tags=["budget", f"t{i % 6}"])
    api = client_for(UserFactory())

    with django_assert_max_num_queries(8):
        items = api.get("/api/v1/tags/budget/items/")
    with django_assert_max_num_queries(8):
        detail = api.get("/api/v1/tags/budget/")

    assert len(items.json()["results"]) == min(count, 20)
    assert len(detail.json()["related_tags"]) == 6
