import logging
from collections import defaultdict

import pytest
from django.db import transaction

from analytics.models import Event
from core import events
from profiles.services import profile_update, user_follow
from tests.factories import DepartmentFactory


@pytest.fixture
def received(monkeypatch):
    """Events named ``test.*`` that reached a subscriber; subscriptions end with the test."""
    registry = defaultdict(list, {name: list(hs) for name, hs in events._subscribers.items()})
    monkeypatch.setattr(events, "_subscribers", registry)
    seen = []
    events.subscribe("test.happened", seen.append)
    return seen


def test_publish_delivers_only_after_the_transaction_commits(transactional_db, received):
    with transaction.atomic():
        events.publish("test.happened", payload={"n": 1})
        assert received == []

    assert [(e.name, e.payload) for e in received] == [("test.happened", {"n": 1})]


def test_publish_in_a_rolled_back_transaction_delivers_nothing(transactional_db, received):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            events.publish("test.happened")
            raise RuntimeError("the service failed after publishing")

    assert received == []


def test_muted_events_are_not_delivered_and_delivery_resumes_after(
    db, received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with events.muted():
            events.publish("test.happened", payload={"n": 1})
        events.publish("test.happened", payload={"n": 2})

    assert [e.payload for e in received] == [{"n": 2}]


def test_events_are_delivered_to_subscribers_of_that_name_only(
    db, received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        events.publish("test.something_else")

    assert received == []


def test_a_failing_subscriber_does_not_stop_the_others(
    db, received, caplog, django_capture_on_commit_callbacks
):
    def broken(event):
        raise ValueError("subscriber bug")

    also_seen = []
    events.subscribe("test.happened", broken)
    events.subscribe("test.happened", also_seen.append)

    with caplog.at_level(logging.ERROR, logger="core.events"):
        with django_capture_on_commit_callbacks(execute=True):
            events.publish("test.happened")

    assert len(received) == 1
    assert len(also_seen) == 1
    assert "test.happened" in caplog.text
    assert "subscriber bug" in caplog.text


def test_subscribing_twice_delivers_once(db, received, django_capture_on_commit_callbacks):
    events.subscribe("test.happened", received.append)

    with django_capture_on_commit_callbacks(execute=True):
        events.publish("test.happened")

    assert len(received) == 1


def test_the_event_log_records_actor_verb_object_and_department_at_the_time(
    user, other_user, django_capture_on_commit_callbacks
):
    finance = user.department
    with django_capture_on_commit_callbacks(execute=True):
        user_follow(follower=user, followee=other_user)

    with django_capture_on_commit_callbacks(execute=True):
        profile_update(user=user, department=DepartmentFactory(name="Human Resources"))

    followed = Event.objects.get(verb="user.followed")
    assert followed.actor == user
    assert (followed.object_type, followed.object_id) == ("profiles.user", other_user.pk)
    assert followed.department == finance
    assert followed.occurred_at is not None
    updated = Event.objects.get(verb="profile.updated")
    assert updated.department.name == "Human Resources"


def test_the_event_log_cannot_be_changed(user, other_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user_follow(follower=user, followee=other_user)
    event = Event.objects.get(verb="user.followed")

    event.verb = "user.unfollowed"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        Event.objects.filter(pk=event.pk).update(verb="user.unfollowed")
    # bulk_update fails inside its own transaction; a savepoint keeps the test's usable.
    with pytest.raises(TypeError), transaction.atomic():
        Event.objects.bulk_update([event], ["verb"])

    assert Event.objects.get(pk=event.pk).verb == "user.followed"


def test_nothing_is_logged_when_the_service_rolls_back(transactional_db, user, other_user):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            user_follow(follower=user, followee=other_user)
            raise RuntimeError("a later step failed")

    assert not Event.objects.filter(verb="user.followed").exists()


def test_the_event_log_records_logins(client, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(user)

    login = Event.objects.get(verb="user.logged_in")
    assert (login.actor, login.department) == (user, user.department)
