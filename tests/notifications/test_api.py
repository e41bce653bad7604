"""/api/v1/notifications/: the list with the unread count, mark read, preferences."""

import pytest

from feed.services.posts import post_create, post_delete
from notifications import selectors
from notifications.models import Notification, Verb
from profiles import services as profiles
from tests.notifications.conftest import build_notifications

LIST = "/api/v1/notifications/"
READ_ALL = "/api/v1/notifications/read-all/"
PREFERENCES = "/api/v1/notifications/preferences/"


def read_url(pk) -> str:
    return f"/api/v1/notifications/{pk}/read/"


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", LIST), ("post", READ_ALL), ("get", PREFERENCES), ("put", PREFERENCES),
     ("post", read_url(1))],
)  # fmt: skip
def test_every_endpoint_needs_a_signed_in_caller(api_client, db, method, url):
    assert getattr(api_client, method)(url).status_code == 401


def test_the_list_shows_my_visible_notifications_and_the_unread_count(
    run, api_client, ratna, ani, budi
):
    hidden = run(post_create, author=ani, body="@ratna one")
    post = run(post_create, author=ani, body="@ratna two")
    run(profiles.user_follow, follower=budi, followee=ratna)
    run(profiles.user_follow, follower=budi, followee=ani)  # Someone else's.
    post_delete(actor=ani, post=hidden)
    api_client.force_authenticate(ratna)

    body = api_client.get(LIST).json()

    assert body["count"] == 2 and body["unread_count"] == 2
    first, second = body["results"]
    assert (first["verb"], first["message"], first["actor"]["username"]) == (
        "follow", "Budi Santoso started following you", "budi",
    )  # fmt: skip
    assert (second["verb"], second["target_type"], second["target_id"]) == (
        "mention", "feed.post", post.pk,
    )  # fmt: skip
    assert second["url"] == post.get_absolute_url()
    assert second["is_read"] is False


def test_the_list_can_show_unread_only(run, api_client, ratna, ani, budi):
    run(profiles.user_follow, follower=ani, followee=ratna)
    run(profiles.user_follow, follower=budi, followee=ratna)
    Notification.objects.filter(actor=ani).update(read_at="2026-01-01T00:00:00Z")
    api_client.force_authenticate(ratna)

    body = api_client.get(LIST, {"unread": "true"}).json()

    assert [n["actor"]["username"] for n in body["results"]] == ["budi"]
    assert body["unread_count"] == 1


def test_marking_one_read(run, api_client, ratna, ani):
    run(profiles.user_follow, follower=ani, followee=ratna)
    note = Notification.objects.get(recipient=ratna)
    api_client.force_authenticate(ratna)

    response = api_client.post(read_url(note.pk))

    assert response.status_code == 200
    assert response.json()["is_read"] is True
    assert selectors.unread_count(ratna) == 0


def test_marking_someone_elses_or_a_missing_notification_read_is_404(run, api_client, ratna, ani):
    run(profiles.user_follow, follower=ani, followee=ratna)
    note = Notification.objects.get(recipient=ratna)
    api_client.force_authenticate(ani)

    assert api_client.post(read_url(note.pk)).status_code == 404
    assert api_client.post(read_url(999999)).status_code == 404
    assert selectors.unread_count(ratna) == 1


def test_marking_all_read(run, api_client, ratna, ani, budi):
    run(profiles.user_follow, follower=ani, followee=ratna)
    run(profiles.user_follow, follower=budi, followee=ratna)
    api_client.force_authenticate(ratna)

    assert api_client.post(READ_ALL).json() == {"marked": 2, "unread_count": 0}
    assert api_client.post(READ_ALL).json() == {"marked": 0, "unread_count": 0}


def test_preferences_read_and_change(api_client, ratna):
    api_client.force_authenticate(ratna)

    before = api_client.get(PREFERENCES).json()
    assert before == {verb: "in_app" for verb in Verb.values}

    response = api_client.put(PREFERENCES, {"mention": "email", "reaction": "off"}, format="json")

    assert response.status_code == 200
    assert response.json() == before | {"mention": "email", "reaction": "off"}
    assert api_client.patch(PREFERENCES, {"follow": "off"}, format="json").json()["follow"] == "off"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"mention": "sms"}, "mention"),
        ({"gossip": "email"}, "verb"),
        ({"mention": ["email"]}, "detail"),
        ({"mention": None}, "detail"),
        ({}, "detail"),
        (["mention", "email"], "detail"),
    ],
)
def test_bad_preferences_are_refused_with_400_and_change_nothing(api_client, ratna, payload, field):
    api_client.force_authenticate(ratna)

    response = api_client.put(PREFERENCES, payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert set(selectors.preferences_for(ratna).values()) == {"in_app"}


@pytest.mark.parametrize("count", [10, 100])
def test_the_list_takes_the_same_number_of_queries_for_10_and_100(
    api_client, ratna, count, django_assert_max_num_queries
):
    build_notifications(ratna, count)
    api_client.force_authenticate(ratna)

    with django_assert_max_num_queries(8):
        response = api_client.get(LIST)
    assert len(response.json()["results"]) == min(count, 25)
