"""How the feed shows an article (``feed.items``, registered in ``BlogConfig.ready``): the
articles behind a page of feed cards, loaded at once."""

from django.urls import reverse

from blog.models import Article

TEMPLATE = "blog/_feed_item.html"


def load(ids, viewer) -> dict[int, Article]:
    """``{id: article}`` for the articles among ``ids`` that ``viewer`` may read, in one
    query, each with ``cover_url`` (the visibility-checked cover view, or None) and
    ``feed_summary`` (what the feed API shows of it)."""
    articles = (
        Article.objects.visible_to(viewer)
        .filter(pk__in=list(ids))
        .select_related("author", "community")
    )
    found = {}
    for article in articles:
        article.cover_url = reverse("blog:cover", args=[article.pk]) if article.cover else None
        article.feed_summary = {
            "title": article.title,
            "url": article.get_absolute_url(),
            "excerpt": article.excerpt,
            "reading_minutes": article.reading_minutes,
            "cover_url": article.cover_url,
        }
        found[article.pk] = article
    return found
