from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")

    def ready(self):
        from notifications import visibility

        # Notifications about articles (and comments on them) follow the article's rule.
        visibility.register("blog.article", commentable=True)
