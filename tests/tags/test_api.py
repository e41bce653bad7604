"""The topics API (tags.api) finds its topic through the one visibility-aware lookup that the
topic page uses (tags.selectors.tag_get_for), not a copy of its own."""

import pytest
from rest_framework.test import APIClient

from communities.models import CommunityType
from feed.services.posts import post_create
from tags import api, selectors
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.feed.conftest import join

pytestmark = pytest.mark.django_db


def client_for(person) -> APIClient:
    client = APIClient()
    client.force_authenticate(person)
    return client


def test_the_topics_api_uses_the_selectors_lookup_not_a_copy():
    assert api.tag_get_for is selectors.tag_get_for


def test_a_topic_only_in_a_secret_community_answers_404_like_the_topic_page():
    author, outsider = UserFactory(), UserFactory()
    secret = build_community(name="Merger Room", slug="merger-room", type=CommunityType.SECRET)
    join(author, secret)
    post_create(author=author, community=secret, body="Hush #merger")

    page = client_for(outsider).get("/api/v1/tags/merger/")
    follow = client_for(outsider).put("/api/v1/tags/merger/follow/")

    assert (page.status_code, follow.status_code) == (404, 404)
    assert client_for(author).get("/api/v1/tags/merger/").json()["is_followed"] is False
