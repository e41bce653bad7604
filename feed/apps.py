from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedConfig(AppConfig):
    name = "feed"
    verbose_name = _("Feed")

    def ready(self):
        from core import events
        from feed import subscribers

        for name, handlers in subscribers.SUBSCRIPTIONS.items():
            for handler in handlers:
                events.subscribe(name, handler)
