"""The bell updates live: a new notification (or reading one in another tab) sends the new
unread badge to the recipient's open pages over /ws/live/, and to nobody else.

These tests commit for real (``transactional_db``), so the services' after-commit
subscribers run as in production (see tests/profiles/test_live.py).
"""

import asyncio

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from django.utils import translation

from communities.models import CommunityType
from communities.services import community_leave
from core.consumers import LiveConsumer
from esn.asgi import application
from feed.services.posts import post_create, post_delete
from notifications import selectors, services
from notifications.models import Notification, Verb
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.notifications.conftest import fresh, join


def badges_while(people, action) -> dict:
    """Open a live socket for each of ``people``, run ``action``, return the badge fragments
    each socket received (other live messages, e.g. new posts, are left out)."""

    async def scenario():
        sockets = {}
        for person in people:
            communicator = WebsocketCommunicator(LiveConsumer.as_asgi(), "/ws/live/")
            communicator.scope["user"] = person
            connected, _ = await communicator.connect()
            assert connected
            sockets[person.username] = communicator
        await sync_to_async(action)()

        async def badges(communicator) -> list[str]:
            messages = []
            while not await communicator.receive_nothing(timeout=0.5):
                messages.append(await communicator.receive_from())
            await communicator.disconnect()
            return [m for m in messages if 'id="notification-badge"' in m]

        # Side by side: each socket still waits for half a second of silence, not in turn.
        heard = await asyncio.gather(*(badges(communicator) for communicator in sockets.values()))
        return dict(zip(sockets, heard, strict=True))

    return async_to_sync(scenario)()


@pytest.fixture
def people(transactional_db):
    return (
        UserFactory(username="ratna", display_name="Ratna Sari"),
        UserFactory(username="ani", display_name="Ani Wijaya"),
        UserFactory(username="eko", display_name="Eko Prasetyo"),
    )


def test_a_mention_lights_the_mentioned_persons_bell_at_once(people):
    ratna, ani, eko = people

    got = badges_while(people, lambda: post_create(author=ani, body="@ratna look at this"))

    (badge,) = got["ratna"]
    assert 'hx-swap-oob="true"' in badge
    assert "1 unread notification" in badge
    assert 'id="live-region" hx-swap-oob="innerHTML"' in badge
    assert got["ani"] == [] and got["eko"] == []


def test_an_outsider_mentioned_in_a_private_community_receives_nothing(people):
    ratna, ani, eko = people
    community = build_community(creator=ratna, name="Tax", type=CommunityType.PRIVATE)
    join(ani, community)

    got = badges_while(
        people, lambda: post_create(author=ani, body="@eko @ratna see", community=community)
    )

    assert got["eko"] == []
    assert len(got["ratna"]) == 1


def test_reading_a_notification_updates_the_bell_on_the_readers_other_pages(people):
    ratna, ani, _eko = people
    post_create(author=ani, body="@ratna one")
    post_create(author=ani, body="@ratna two")
    note = Notification.objects.filter(recipient=ratna).first()

    got = badges_while(
        [ratna], lambda: services.notification_mark_read(user=ratna, notification=note)
    )

    (badge,) = got["ratna"]
    assert "1 unread notification" in badge
    assert "live-region" not in badge  # Reading is not news to announce.


def test_deleting_a_post_takes_its_count_off_the_bell_live(people):
    ratna, ani, _eko = people
    post = post_create(author=ani, body="@ratna soon gone")

    got = badges_while([ratna], lambda: post_delete(actor=ani, post=post))

    (badge,) = got["ratna"]
    assert badge.startswith('<span id="notification-badge" hx-swap-oob="true"></span>')


def test_leaving_a_private_community_updates_the_bell_live(people):
    ratna, ani, _eko = people
    community = build_community(creator=ratna, name="Tax", type=CommunityType.PRIVATE)
    join(ani, community)
    post_create(author=ratna, body="@ani see", community=community)
    assert selectors.unread_count(fresh(ani)) == 2

    got = badges_while([ani], lambda: community_leave(user=ani, community=community))

    # The invitation stays (the community's page is still visible); the mention goes.
    (badge,) = got["ani"]
    assert "1 unread notification" in badge
    assert selectors.unread_count(fresh(ani)) == 1


def test_the_live_badge_is_rendered_in_the_recipients_language(db, monkeypatch):
    person = UserFactory(username="siti", language="id")
    seen = []

    def spy(template_name, context=None, *args, **kwargs):
        seen.append(translation.get_language())
        return ""

    monkeypatch.setattr(services, "render_to_string", spy)
    services.send_badges([person.pk])

    assert seen == ["id"]


def test_many_badges_go_out_through_a_task(people, monkeypatch):
    sent = []
    monkeypatch.setattr(
        "notifications.tasks.push_badges_task.delay",
        lambda ids, announce=False: sent.append((len(ids), announce)),
    )

    services.push_badges(range(1, 1202), announce=True)

    assert sent == [(500, True), (500, True), (201, True)]


@pytest.mark.redis
def test_the_badge_reaches_a_browser_socket_over_the_redis_channel_layer(people):
    from channels.layers import get_channel_layer
    from channels_redis.core import RedisChannelLayer

    assert isinstance(get_channel_layer(), RedisChannelLayer)
    ratna, ani, _eko = people
    client = Client()
    client.force_login(ratna)
    session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
    headers = [
        (b"origin", b"http://testserver"),
        (b"cookie", f"{settings.SESSION_COOKIE_NAME}={session_id}".encode()),
    ]

    async def scenario():
        communicator = WebsocketCommunicator(application, "/ws/live/", headers=headers)
        assert (await communicator.connect())[0]
        await sync_to_async(post_create)(author=ani, body="@ratna over Redis")
        messages = []
        while not await communicator.receive_nothing(timeout=1):
            messages.append(await communicator.receive_from())
        await communicator.disconnect()
        return [m for m in messages if 'id="notification-badge"' in m]

    (badge,) = async_to_sync(scenario)()
    assert "1 unread notification" in badge
    assert selectors.unread_count(fresh(ratna)) == 1
    assert Notification.objects.get(recipient=ratna).verb == Verb.MENTION
