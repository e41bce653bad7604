"""Reading blogs: a blog's articles, one article, more from its author, one's drafts.

Every list starts from ``Article.objects.visible_to(viewer)`` (the author's own drafts come
only through ``drafts_of``), with the author, community and tags fetched in a constant
number of queries whatever the number of articles.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from blog.models import Article, ArticleRevision, Blog, BlogKind
from communities.models import Community, PlacedContent
from communities.permissions import can_view_community, remember_memberships
from feed.models import REACTION_EMOJI, Reaction
from feed.selectors import decode_cursor, encode_cursor
from moderation.permissions import can_moderate_in
from profiles.models import User

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
ARTICLE_RELATED = ("author", "community")


def _listed(articles: QuerySet) -> QuerySet:
    return articles.select_related(*ARTICLE_RELATED).prefetch_related("tags")


def blog_for(viewer, *, author_username: str | None = None, community_slug: str | None = None,
             company: bool = False) -> Blog:  # fmt: skip
    """The blog named by a person's username, a community's address or ``company``; 404 for
    an unknown person or a community the viewer may not know about (secret)."""
    if company:
        return Blog.company()
    if community_slug is not None:
        community = Community.objects.filter(slug=community_slug).first()
        if community is None or not can_view_community(viewer, community):
            raise Http404("No such community.")
        return Blog.of_community(community)
    if author_username is not None:
        author = get_object_or_404(User.objects.filter(is_active=True), username=author_username)
        return Blog.personal(author)
    raise TypeError("Name a blog: author_username, community_slug or company.")


def articles_for(viewer, *, blog: Blog, tag: str | None = None, limit: int = DEFAULT_LIMIT
                 ) -> list[Article]:  # fmt: skip
    """The published articles of ``blog`` that ``viewer`` may read, newest first (``tag``: a
    tag's slug). A secret community's blog does not exist for outsiders (404)."""
    if blog.kind == BlogKind.COMMUNITY and not can_view_community(viewer, blog.community):
        raise Http404("No such community.")
    articles = Article.objects.visible_to(viewer).in_blog(blog)
    if tag:
        articles = articles.filter(tags__slug=tag)
    limit = max(1, min(int(limit), MAX_LIMIT))
    return list(_listed(articles).order_by("-published_at", "-id")[:limit])


def articles_elsewhere(viewer, *, tag: str | None = None, limit: int = DEFAULT_LIMIT
                       ) -> list[Article]:  # fmt: skip
    """The newest personal and community articles ``viewer`` may read (the blog home's
    second column), ``tag`` as for ``articles_for``."""
    articles = Article.objects.visible_to(viewer).filter(is_company=False)
    if tag:
        articles = articles.filter(tags__slug=tag)
    limit = max(1, min(int(limit), MAX_LIMIT))
    return list(_listed(articles).order_by("-published_at", "-id")[:limit])


def article_detail(
    viewer,
    *,
    slug: str,
    author_username: str | None = None,
    community_slug: str | None = None,
    company: bool = False,
) -> Article:
    """One article by its blog and address: published and visible, or the viewer's own
    draft; 404 otherwise (never 403: an unpublished or private article does not exist)."""
    blog = blog_for(
        viewer, author_username=author_username, community_slug=community_slug, company=company
    )
    article = (
        Article.objects.in_blog(blog).select_related(*ARTICLE_RELATED).filter(slug=slug).first()
    )
    if article is None or not article.is_readable_by(viewer):
        raise Http404("No such article.")
    return article


def get_article_for(user, pk: int) -> Article:
    """Article ``pk`` if ``user`` may read it (or it is their own draft), else Http404."""
    article = Article.objects.select_related(*ARTICLE_RELATED).filter(pk=pk).first()
    if article is None or not article.is_readable_by(user):
        raise Http404("No such article.")
    return article


def more_from_author(viewer, article: Article, n: int = 3) -> list[Article]:
    """Up to ``n`` other articles by the same author that ``viewer`` may read, newest first."""
    others = (
        Article.objects.visible_to(viewer)
        .filter(author_id=article.author_id)
        .exclude(pk=article.pk)
        .order_by("-published_at", "-id")
    )
    return list(_listed(others)[: max(0, n)])


def drafts_of(viewer) -> list[Article]:
    """``viewer``'s drafts and scheduled articles, most recently changed first."""
    return list(_listed(Article.objects.drafts_of(viewer)).order_by("-updated_at", "-id"))


def article_revisions(article: Article) -> list[ArticleRevision]:
    """Earlier versions of ``article``, newest first (for its author and moderators)."""
    return list(article.revisions.select_related("replaced_by"))


# --- for the API (read-only helpers) ------------------------------------------------------


def articles_page(
    viewer,
    *,
    blog: Blog | None = None,
    tag: str | None = None,
    before: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> tuple[list[Article], str | None]:
    """One page of the published articles ``viewer`` may read, newest first: of ``blog``
    (a secret community's blog is 404 for outsiders), or of every blog; ``tag`` a tag's slug;
    ``before`` the cursor of the previous page. Returns the articles and the next page's
    cursor (None on the last page), in a constant number of queries."""
    if blog is not None and blog.kind == BlogKind.COMMUNITY:
        if not can_view_community(viewer, blog.community):
            raise Http404("No such community.")
    articles = Article.objects.visible_to(viewer)
    if blog is not None:
        articles = articles.in_blog(blog)
    if tag:
        articles = articles.filter(tags__slug=tag)
    older = decode_cursor(before)
    if older is not None:
        at, pk = older
        # The plain bound lets the (status, published_at) index range-scan; the OR breaks ties.
        articles = articles.filter(published_at__lte=at).filter(
            Q(published_at__lt=at) | Q(pk__lt=pk)
        )
    limit = max(1, min(int(limit), MAX_LIMIT))
    rows = list(_listed(articles).order_by("-published_at", "-id")[: limit + 1])
    page = rows[:limit]
    if len(rows) <= limit or not page:
        return page, None
    last = page[-1]
    last.cursor_at = last.published_at
    return page, encode_cursor(last)


def articles_decorate(viewer, articles: list[Article]) -> list[Article]:
    """Give each article ``reaction_summary`` (``(kind, emoji, count)``, most given first)
    and ``viewer_reaction``, and load the viewer's memberships of their communities: one
    query each, whatever the number of articles."""
    communities = {a.community_id: a.community for a in articles if a.community_id}
    remember_memberships(viewer, list(communities.values()))
    summaries: dict[int, list] = {a.pk: [] for a in articles}
    mine: dict[int, str] = {}
    reacted = [a.pk for a in articles if a.reaction_count]
    if reacted:
        rows = (
            Reaction.objects.filter(
                content_type=ContentType.objects.get_for_model(Article), object_id__in=reacted
            )
            .values("object_id", "kind")
            .annotate(n=Count("id"), own=Count("id", filter=Q(user_id=viewer.pk or 0)))
            .order_by()
        )
        for row in rows:
            kind = row["kind"]
            summaries[row["object_id"]].append((kind, REACTION_EMOJI.get(kind, ""), row["n"]))
            if row["own"]:
                mine[row["object_id"]] = kind
    for article in articles:
        article.reaction_summary = sorted(summaries[article.pk], key=lambda e: (-e[2], e[0]))
        article.viewer_reaction = mine.get(article.pk)
    return articles


def get_article_including_deleted_for(user, pk) -> Article:
    """Article ``pk`` as ``get_article_for`` gives it, or a deleted one for the moderators of
    where it is placed (to restore it, or read its history); Http404 otherwise."""
    article = Article.objects.select_related(*ARTICLE_RELATED).filter(pk=pk).first()
    if article is None:
        raise Http404("No such article.")
    if (
        article.is_deleted
        and user.is_authenticated
        and can_moderate_in(user, article.community)
        and PlacedContent.is_visible_to(article, user)
    ):
        return article
    if not article.is_readable_by(user):
        raise Http404("No such article.")
    return article
