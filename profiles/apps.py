from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("People")

    def ready(self):
        from core import events
        from profiles import signals, subscribers  # noqa: F401 - signals connects the login event.

        events.subscribe("user.followed", subscribers.tell_followee_live)
