from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forum")

    def ready(self):
        from feed import items
        from feed.models import PostKind
        from forums import feed_items
        from notifications import visibility

        # Notifications about threads and replies are shown while their thread is visible.
        visibility.register("forums.thread")
        visibility.register("forums.reply")
        # A new thread is a card in the feeds (forums.services.threads keeps it in step).
        items.register(
            PostKind.THREAD,
            load=feed_items.load,
            template=feed_items.TEMPLATE,
            model="forums.thread",
        )
