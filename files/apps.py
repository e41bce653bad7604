from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    name = "files"
    verbose_name = _("Files")

    def ready(self):
        from core import events
        from feed.views.shared import register_commentable
        from files import selectors, subscribers
        from files.models import File
        from notifications import visibility

        for name, handlers in subscribers.SUBSCRIPTIONS.items():
            for handler in handlers:
                events.subscribe(name, handler)
        # Notifications about a file (and comments on it) are shown while it is visible.
        visibility.register("files.file", commentable=True)
        # Comments and reactions on a file are the feed's (feed.views.conversation), at
        # /files/<pk>/comments/, /files/<pk>/react/... for whoever may see the file.
        register_commentable(
            "files",
            model=File,
            get=selectors.get_file_for,
            prefix="file",
            back_label=_("Back to the file"),
        )
