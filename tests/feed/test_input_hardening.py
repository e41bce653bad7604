"""What browsers really send: CRLF line breaks counted once, and every form that writes
refuses a request without the CSRF token."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from feed.models import BODY_MAX_LENGTH, COMMENT_MAX_LENGTH, Comment, Post
from feed.services.posts import post_create, post_delete
from profiles.roles import MODERATORS
from tags.models import TagFollow
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def crlf_text(total: int) -> str:
    """``total`` characters as the writer sees them, lines joined by CRLF as a form sends."""
    lines, line = [], "x" * 49
    while sum(len(text) + 1 for text in lines) + len(line) <= total:
        lines.append(line)
    text = "\r\n".join(lines)
    return text + "y" * (total - len(text.replace("\r\n", "\n")))


def test_a_full_length_post_with_line_breaks_is_accepted_as_the_counter_showed():
    author = UserFactory(username="writer")
    client = Client()
    client.force_login(author)
    body = crlf_text(BODY_MAX_LENGTH)
    assert len(body) > BODY_MAX_LENGTH  # What the browser sends...
    assert len(body.replace("\r\n", "\n")) == BODY_MAX_LENGTH  # ...and what the writer saw.

    response = client.post(reverse("feed:compose"), {"body": body})

    assert response.status_code == 302
    post = Post.objects.get()
    assert "\r" not in post.body and len(post.body) == BODY_MAX_LENGTH


def test_one_character_more_is_still_refused_with_line_breaks():
    author = UserFactory(username="writer")
    client = Client()
    client.force_login(author)

    response = client.post(reverse("feed:compose"), {"body": crlf_text(BODY_MAX_LENGTH + 1)})

    assert response.status_code in (200, 422)
    assert f"(it has {BODY_MAX_LENGTH + 1})" in response.content.decode()
    assert not Post.objects.exists()


def test_a_full_length_comment_with_line_breaks_is_accepted():
    author = UserFactory(username="writer")
    post = post_create(author=author, body="Ask me anything")
    client = Client()
    client.force_login(UserFactory(username="reader"))

    response = client.post(
        reverse("feed:comment-create", args=[post.pk]), {"body": crlf_text(COMMENT_MAX_LENGTH)}
    )

    assert response.status_code == 302
    assert len(Comment.objects.get().body) == COMMENT_MAX_LENGTH


def test_every_post_form_and_the_api_refuse_a_request_without_the_csrf_token():
    author = UserFactory(username="writer")
    moderator = UserFactory(username="moderator")
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    live = post_create(author=author, body="Hello #kopi")
    gone = post_create(author=author, body="Gone")
    post_delete(actor=author, post=gone)
    requests = {
        author: [
            (reverse("feed:compose"), {"body": "New"}),
            (reverse("feed:post-edit", args=[live.pk]), {"body": "Changed"}),
            (reverse("feed:post-delete", args=[live.pk]), {}),
            (reverse("tags:follow", args=["kopi"]), {}),
        ],
        moderator: [(reverse("feed:post-restore", args=[gone.pk]), {})],
    }
    codes = {}
    for person, calls in requests.items():
        client = Client(enforce_csrf_checks=True)
        client.force_login(person)
        for path, data in calls:
            codes[path] = client.post(path, data).status_code
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(author)
    codes["api"] = api.post("/api/v1/posts/", {"body": "New"}, format="json").status_code

    assert set(codes.values()) == {403}, codes
    live.refresh_from_db()
    gone.refresh_from_db()
    assert live.body == "Hello #kopi" and not live.is_deleted and gone.is_deleted
    assert Post.objects.count() == 2 and not TagFollow.objects.exists()
