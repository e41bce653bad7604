from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "analytics"
    verbose_name = _("Analytics")

    def ready(self):
        from analytics import subscribers
        from core import events

        events.subscribe(events.ALL_EVENTS, subscribers.record_event)
