from channels.generic.websocket import AsyncWebsocketConsumer

from core.live import user_group

# Close code for "not signed in" (the 4000-4999 range is for applications).
CLOSE_UNAUTHENTICATED = 4401


class LiveConsumer(AsyncWebsocketConsumer):
    """``/ws/live/``: one socket per open page, joined to its user's own group only."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.group_name = user_group(user.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group_name"):
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        # Clients only listen; whatever they send is ignored.
        return

    async def live_html(self, event):
        await self.send(text_data=event["html"])
