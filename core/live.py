"""Live delivery over WebSockets: every signed-in browser listens on ``user.<id>``.

Services call these helpers after commit (from an event subscriber), never before, so a
browser is only told about rows that exist. The browser's HTMX WebSocket extension swaps
the HTML fragments it receives into the page (``hx-swap-oob``).
"""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def send_html(user_ids, html: str) -> None:
    """Send an HTML fragment to the open pages of each user in ``user_ids``."""
    layer = get_channel_layer()
    for user_id in user_ids:
        async_to_sync(layer.group_send)(user_group(user_id), {"type": "live.html", "html": html})
