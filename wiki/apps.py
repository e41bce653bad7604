from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WikiConfig(AppConfig):
    name = "wiki"
    verbose_name = _("Wiki")

    def ready(self):
        from core import events
        from feed import items
        from feed.models import PostKind
        from notifications import visibility
        from wiki import feed_items, subscribers

        for name, handlers in subscribers.SUBSCRIPTIONS.items():
            for handler in handlers:
                events.subscribe(name, handler)
        # Notifications about a page are shown while the page is visible.
        visibility.register("wiki.page")
        # A new page is a card in the feeds (wiki.services.pages keeps it in step).
        items.register(
            PostKind.WIKI_PAGE,
            load=feed_items.load,
            template=feed_items.TEMPLATE,
            model="wiki.page",
        )
