from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("People")

    def ready(self):
        from profiles import signals  # noqa: F401 - connects the login event.
