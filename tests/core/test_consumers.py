"""``/ws/live/`` through the real ASGI application: origin check, session auth, user groups.

pytest-asyncio is not used: each test drives an async scenario with ``async_to_sync``. The
consumer reads the session and user from the database in another thread, hence
``transactional_db``.
"""

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from core import live
from core.consumers import CLOSE_UNAUTHENTICATED
from esn.asgi import application
from tests.factories import UserFactory

FRAGMENT = '<span id="notification-count" hx-swap-oob="true">3</span>'


def socket_for(client=None, origin=b"http://testserver"):
    """A communicator on /ws/live/ with the browser's session cookie (if any) and origin."""
    headers = [(b"origin", origin)]
    if client is not None:
        session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={session_id}".encode()))
    return WebsocketCommunicator(application, "/ws/live/", headers=headers)


def signed_in_client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ratna(transactional_db):
    return UserFactory(username="ratna")


@pytest.fixture
def budi(transactional_db):
    return UserFactory(username="budi")


def test_an_anonymous_socket_is_closed(transactional_db):
    async def scenario():
        communicator = socket_for()
        connected, code = await communicator.connect()
        await communicator.disconnect()
        return connected, code

    assert async_to_sync(scenario)() == (False, CLOSE_UNAUTHENTICATED)


def test_a_socket_from_a_foreign_origin_is_refused(ratna, client):
    client.force_login(ratna)

    async def scenario():
        communicator = socket_for(client, origin=b"https://evil.example.com")
        connected, _code = await communicator.connect()
        await communicator.disconnect()
        return connected

    assert async_to_sync(scenario)() is False


def test_a_signed_in_user_receives_html_sent_to_them(ratna, client):
    client.force_login(ratna)

    async def scenario():
        communicator = socket_for(client)
        connected, _code = await communicator.connect()
        assert connected
        await sync_to_async(live.send_html)([ratna.pk], FRAGMENT)
        message = await communicator.receive_from(timeout=5)
        await communicator.disconnect()
        return message

    assert async_to_sync(scenario)() == FRAGMENT


def test_html_sent_to_one_user_does_not_reach_another_users_socket(ratna, budi):
    ratna_client, budi_client = signed_in_client(ratna), signed_in_client(budi)

    async def scenario():
        ratna_socket, budi_socket = socket_for(ratna_client), socket_for(budi_client)
        assert (await ratna_socket.connect())[0]
        assert (await budi_socket.connect())[0]
        await sync_to_async(live.send_html)([ratna.pk], FRAGMENT)
        ratna_got = await ratna_socket.receive_from(timeout=5)
        budi_got_nothing = await budi_socket.receive_nothing(timeout=0.5)
        await ratna_socket.disconnect()
        await budi_socket.disconnect()
        return ratna_got, budi_got_nothing

    assert async_to_sync(scenario)() == (FRAGMENT, True)


def test_every_open_page_of_a_user_receives_the_html(ratna, client):
    client.force_login(ratna)

    async def scenario():
        first_tab, second_tab = socket_for(client), socket_for(client)
        assert (await first_tab.connect())[0]
        assert (await second_tab.connect())[0]
        await sync_to_async(live.send_html)([ratna.pk], FRAGMENT)
        received = [
            await first_tab.receive_from(timeout=5),
            await second_tab.receive_from(timeout=5),
        ]
        await first_tab.disconnect()
        await second_tab.disconnect()
        return received

    assert async_to_sync(scenario)() == [FRAGMENT, FRAGMENT]


def test_client_payloads_are_ignored(ratna, budi, client):
    client.force_login(ratna)

    async def scenario():
        communicator = socket_for(client)
        assert (await communicator.connect())[0]
        # A client trying to speak for the server or join someone else's group gets nowhere.
        await communicator.send_to(text_data='{"type": "live.html", "html": "<b>x</b>"}')
        await communicator.send_json_to({"join": f"user.{budi.pk}"})
        silent = await communicator.receive_nothing(timeout=0.5)
        # The socket is still open and still delivers what the server sends.
        await sync_to_async(live.send_html)([ratna.pk], FRAGMENT)
        message = await communicator.receive_from(timeout=5)
        await sync_to_async(live.send_html)([budi.pk], "<b>for budi</b>")
        silent_after = await communicator.receive_nothing(timeout=0.5)
        await communicator.disconnect()
        return silent, message, silent_after

    assert async_to_sync(scenario)() == (True, FRAGMENT, True)


@pytest.mark.redis
def test_html_reaches_the_socket_over_the_redis_channel_layer(ratna, client):
    from channels_redis.core import RedisChannelLayer

    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert isinstance(get_channel_layer(), RedisChannelLayer)
    client.force_login(ratna)

    async def scenario():
        communicator = socket_for(client)
        assert (await communicator.connect())[0]
        await sync_to_async(live.send_html)([ratna.pk], FRAGMENT)
        message = await communicator.receive_from(timeout=5)
        await communicator.disconnect()
        return message

    assert async_to_sync(scenario)() == FRAGMENT
