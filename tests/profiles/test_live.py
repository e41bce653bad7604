"""Following someone tells them at once, over their live socket.

These tests commit for real (``transactional_db``): Channels closes stale database
connections around each consumer call, which a test-wide transaction would not survive
on PostgreSQL. Committed services run their after-commit subscribers as in production.
"""

from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator

from core.consumers import LiveConsumer
from profiles import services
from tests.factories import UserFactory


def _socket_output_while(user, action) -> list[str]:
    """Open ``user``'s live socket, run ``action``, return what the socket received."""

    async def scenario():
        communicator = WebsocketCommunicator(LiveConsumer.as_asgi(), "/ws/live/")
        communicator.scope["user"] = user
        connected, _ = await communicator.connect()
        assert connected
        await sync_to_async(action)()
        received = []
        while not await communicator.receive_nothing(timeout=0.5):
            received.append(await communicator.receive_from())
        await communicator.disconnect()
        return received

    return async_to_sync(scenario)()


def _toasts(messages: list[str]) -> list[str]:
    """The live toasts among the messages (the bell's badge arrives too)."""
    return [m for m in messages if "#live-toasts" in m]


def test_a_new_follower_appears_live_on_the_followed_persons_pages(transactional_db):
    follower = UserFactory(username="agus", display_name="Agus <b>Wijaya</b>")
    followee = UserFactory(username="siti")

    def follow():
        services.user_follow(follower=follower, followee=followee)

    messages = _toasts(_socket_output_while(followee, follow))

    assert len(messages) == 1
    assert 'hx-swap-oob="beforeend:#live-toasts"' in messages[0]
    assert "Agus &lt;b&gt;Wijaya&lt;/b&gt;" in messages[0]
    assert "/people/agus/" in messages[0]


def test_the_follower_is_not_told_and_a_repeat_follow_sends_nothing(transactional_db):
    follower, followee = UserFactory(username="agus"), UserFactory(username="siti")
    services.user_follow(follower=follower, followee=followee)

    def follow_again():
        services.user_follow(follower=follower, followee=followee)

    assert _socket_output_while(followee, follow_again) == []
    assert _socket_output_while(follower, follow_again) == []


def test_the_live_message_is_in_the_followed_persons_language(transactional_db):
    follower = UserFactory(username="agus")
    followee = UserFactory(username="siti", language="id")

    def follow():
        services.user_follow(follower=follower, followee=followee)

    (message,) = _toasts(_socket_output_while(followee, follow))
    assert "sekarang mengikuti Anda" in message
