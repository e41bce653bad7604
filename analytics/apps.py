from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "analytics"
    verbose_name = _("Analytics")

    def ready(self):
        from analytics import subscribers
        from analytics.sentiment import subscribers as sentiment_subscribers

        subscribers.register()
        sentiment_subscribers.register()
