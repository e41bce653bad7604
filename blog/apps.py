from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")

    def ready(self):
        from blog import feed_items, selectors
        from blog.models import Article
        from feed import items
        from feed.models import PostKind
        from feed.views.shared import register_commentable
        from notifications import visibility

        # Notifications about articles (and comments on them) follow the article's rule.
        visibility.register("blog.article", commentable=True)
        # A published article is a card in the feeds (blog.services.articles keeps it in step).
        items.register(
            PostKind.ARTICLE,
            load=feed_items.load,
            template=feed_items.TEMPLATE,
            model="blog.article",
        )
        # Comments and reactions on an article are the feed's (feed.views.conversation), at
        # /articles/<pk>/comments/, /articles/<pk>/react/... for whoever may read the article.
        register_commentable(
            "articles",
            model=Article,
            get=selectors.get_article_for,
            prefix="article",
            back_label=_("Back to the article"),
        )
