from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forum")

    def ready(self):
        from notifications import visibility

        # Notifications about threads and replies are shown while their thread is visible.
        visibility.register("forums.thread")
        visibility.register("forums.reply")
