"""Atom feeds of the company blog and of personal blogs, for feed readers.

A feed reader has no session: it sends the person's feed token (``blog.models.FeedToken``).
A feed holds only what every employee may read (company-wide, published, not deleted, not
hidden), so a token leaking out of a feed reader never exposes community content; an
unknown token, or one of a deactivated person, gets nothing at all (404).
"""

from collections.abc import Callable

from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from blog.models import Article, Blog, BlogKind, FeedToken
from profiles.models import User

FEED_LENGTH = 20


def reader_for_token(token: str) -> User:
    """The active person whose feed token is ``token``; Http404 for anything else."""
    if not token or not isinstance(token, str) or len(token) > 64:
        raise Http404("No such feed.")
    found = FeedToken.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404("No such feed.")
    return found.user


def feed_articles(reader: User, blog: Blog) -> list[Article]:
    """The newest articles of ``blog`` for a feed: the one visibility rule, kept to what is
    company-wide (and so readable by every employee)."""
    if blog.kind == BlogKind.COMMUNITY:
        raise Http404("No such feed.")
    articles = (
        Article.objects.visible_to(reader)
        .filter(community__isnull=True)
        .in_blog(blog)
        .select_related("author")
        .prefetch_related("tags")
        .order_by("-published_at", "-id")
    )
    return list(articles[:FEED_LENGTH])


def atom_feed(*, token: str, blog: Blog, base_url: str, feed_url: str = "",
              link: Callable[[Article], str]) -> str:  # fmt: skip
    """The Atom XML of ``blog`` (the company blog or a personal one) as the holder of
    ``token`` may read it. ``base_url`` (``https://kolega.example``) makes links absolute;
    ``link(article)`` is the article's path."""
    reader = reader_for_token(token)
    articles = feed_articles(reader, blog)
    base_url = base_url.rstrip("/")
    if blog.kind == BlogKind.COMPANY:
        title = _("Kolega company blog")
    else:
        title = _("%(name)s's blog on Kolega") % {"name": blog.author.name}
    feed = Atom1Feed(
        title=title,
        link=base_url + "/",
        description="",
        feed_url=feed_url or None,
        language=getattr(reader, "language", "") or None,
    )
    for article in articles:
        url = base_url + link(article)
        feed.add_item(
            title=article.title,
            link=url,
            unique_id=url,
            description=article.body_html,
            author_name=article.author.name,
            pubdate=article.published_at,
            updateddate=article.edited_at or article.published_at,
            categories=[tag.name for tag in article.tags.all()],
        )
    return feed.writeString("utf-8")
