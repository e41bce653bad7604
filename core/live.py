"""Live delivery over WebSockets: every signed-in browser listens on ``user.<id>``.

Services call these helpers after commit (from an event subscriber), never before, so a
browser is only told about rows that exist. The browser's HTMX WebSocket extension swaps
the HTML fragments it receives into the page (``hx-swap-oob``); JSON messages (``send_json``)
are read by page scripts instead (``static/js/feed-live.js``).

Two kinds of address:

- ``user.<id>``: the open pages of one person (``send_html``, ``send_json``);
- ``audience.employees``: every open page of every signed-in active employee
  (``broadcast_html``, ``broadcast_json``). Only for what *every* employee may see
  (company-wide content, public communities). However many sockets listen, the Redis layer
  stores one copy per server process, so this is the cheap way to reach ten thousand pages.

``broadcast_json`` can add a personal part (``personal``, e.g. the "home" feed key) that
only the sockets of ``personal_to`` see: one message instead of one per follower.

For restricted content the audience is named: ``send_*`` by user group for a few people,
or ``broadcast_*(..., only=ids)`` for many: one message that each socket drops unless its
user is named (a message type of its own, ``live.json_only``/``live.html_only``, so that a
consumer unaware of ``only`` fails rather than passes it on).

HTML may be one string, or a mapping of language code to string when the fragment holds
words: each socket then gets the version in its page's language (see ``core.consumers``).
"""

import asyncio
import os
import threading
from collections.abc import Iterable, Mapping

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer

EMPLOYEES_GROUP = "audience.employees"
# ``personal_to`` value for "every socket".
EVERY_SOCKET = True
# Sends to many user groups run concurrently, this many at a time (one after the other they
# would add up: 2,000 members x 4 Redis round trips). Each holds a connection of the Redis
# pool while it runs, and redis-py's pool refuses more than 100 by default.
CONCURRENT_SENDS = 50
SEND_TIMEOUT = 30  # seconds; a request never hangs on a stuck Redis

Html = str | Mapping[str, str]


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def _html_message(html: Html) -> dict:
    return {"type": "live.html", "html": html if isinstance(html, str) else dict(html)}


def _json_message(data: dict) -> dict:
    return {"type": "live.json", "data": data}


async def _group_send_many(groups: list[str], message: dict) -> None:
    layer = get_channel_layer()
    for start in range(0, len(groups), CONCURRENT_SENDS):
        chunk = groups[start : start + CONCURRENT_SENDS]
        await asyncio.gather(*(layer.group_send(group, message) for group in chunk))


class _SenderLoop:
    """One long-lived event loop per process, in a daemon thread, for sends to a networked
    layer: its Redis connections stay open between requests (``async_to_sync`` from a plain
    thread would start a loop, and a connection pool, for every send)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._loop = None
        self._pid = None

    def run(self, coroutine):
        with self._lock:
            if self._loop is None or self._pid != os.getpid():  # None yet, or we forked.
                self._loop = asyncio.new_event_loop()
                self._pid = os.getpid()
                threading.Thread(
                    target=self._loop.run_forever, name="core.live sender", daemon=True
                ).start()
            loop = self._loop
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout=SEND_TIMEOUT)


_sender = _SenderLoop()


def _send(groups: Iterable[str], message: dict) -> None:
    groups = list(dict.fromkeys(groups))
    if not groups:
        return
    if isinstance(get_channel_layer(), InMemoryChannelLayer):
        # The in-memory layer's queues belong to the loop its consumers run on (one process,
        # development and tests): send from that loop.
        async_to_sync(_group_send_many)(groups, message)
    else:
        _sender.run(_group_send_many(groups, message))


def send_html(user_ids, html: Html) -> None:
    """Send an HTML fragment to the open pages of each user in ``user_ids``."""
    _send((user_group(pk) for pk in user_ids), _html_message(html))


def send_json(user_ids, data: dict) -> None:
    """Send a JSON message (``{"type": ..., ...}``) to the open pages of each user."""
    _send((user_group(pk) for pk in user_ids), _json_message(data))


def _only(message: dict, only) -> dict:
    if only is None:
        return message
    # Another type, so that a consumer that does not know ``only`` fails instead of leaking.
    return {**message, "type": f"{message['type']}_only", "only": sorted(set(only))}


def broadcast_html(html: Html, *, only=None) -> None:
    """Send an HTML fragment to every open page of every employee: only for content that
    every employee may see, unless ``only`` (user ids) names the people whose pages may get
    it (one message filtered by the sockets, instead of one per person: large audiences)."""
    _send([EMPLOYEES_GROUP], _only(_html_message(html), only))


def broadcast_json(data: dict, *, only=None, personal: dict | None = None, personal_to=()) -> None:
    """Send a JSON message to every open page of every employee (or of ``only``, user ids,
    as for ``broadcast_html``). ``personal`` maps list fields of ``data`` to items put in
    front of them on the pages of ``personal_to`` (user ids, or ``EVERY_SOCKET``) only."""
    message = _json_message(data)
    if personal:
        message["personal"] = personal
        message["personal_to"] = (
            EVERY_SOCKET if personal_to is EVERY_SOCKET else sorted(set(personal_to))
        )
    _send([EMPLOYEES_GROUP], _only(message, only))
