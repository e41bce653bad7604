from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from core import events
        from notifications import subscribers, visibility

        visibility.register_defaults()
        for name, handler in subscribers.HANDLERS.items():
            events.subscribe(name, handler)
