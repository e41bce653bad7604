import json
from bisect import bisect_left
from types import SimpleNamespace

from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation

from core.live import EMPLOYEES_GROUP, EVERY_SOCKET, user_group

# Close code for "not signed in" (the 4000-4999 range is for applications).
CLOSE_UNAUTHENTICATED = 4401


def page_language(scope, user) -> str:
    """The language the user's pages are in: their setting, else what the locale middleware
    picks from the language cookie and the browser's Accept-Language header."""
    if user.language:
        return user.language
    headers = dict(scope.get("headers") or ())
    request = SimpleNamespace(
        COOKIES=scope.get("cookies") or {},
        META={"HTTP_ACCEPT_LANGUAGE": headers.get(b"accept-language", b"").decode("latin-1")},
        path_info="/",
    )
    return translation.get_language_from_request(request) or settings.LANGUAGE_CODE


class LiveConsumer(AsyncWebsocketConsumer):
    """``/ws/live/``: one socket per open page, joined to its user's own group and to the
    audience of every employee (for content every employee may see). Nothing else: what is
    restricted is sent to the people allowed to see it by name: to their own groups, or as
    a broadcast naming them in ``only``, which every other socket drops."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.user_id = user.pk
        self.language = page_language(self.scope, user)
        self.groups_joined = [user_group(user.pk), EMPLOYEES_GROUP]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", ()):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        # Clients only listen; whatever they send is ignored.
        return

    async def live_html(self, event):
        html = event["html"]
        if not isinstance(html, str):
            # One version per language: this page's, else the site's default.
            html = html.get(self.language) or html.get(settings.LANGUAGE_CODE) or ""
        if html:
            await self.send(text_data=html)

    def _is_for_me(self, user_ids) -> bool:
        """``user_ids`` is EVERY_SOCKET or a sorted list of user ids (searched, not turned
        into a set: the same message object goes to every socket of the process)."""
        if user_ids is EVERY_SOCKET:
            return True
        index = bisect_left(user_ids, self.user_id)
        return index < len(user_ids) and user_ids[index] == self.user_id

    async def live_json(self, event):
        data = event["data"]
        personal = event.get("personal")
        if personal and self._is_for_me(event.get("personal_to", ())):
            data = {
                **data,
                **{key: [*extra, *data.get(key, [])] for key, extra in personal.items()},
            }
        await self.send(text_data=json.dumps(data, separators=(",", ":")))

    # A broadcast for the people in ``only``: every other socket drops it.

    async def live_html_only(self, event):
        if self._is_for_me(event["only"]):
            await self.live_html(event)

    async def live_json_only(self, event):
        if self._is_for_me(event["only"]):
            await self.live_json(event)
