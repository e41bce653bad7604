"""Reading the blogs: the blog home, one blog's articles, an article, one's drafts, and the
Atom feeds for feed readers. Every read goes through ``blog.selectors`` (or, for the feeds,
``blog.feeds``), so the one visibility rule decides what shows."""

import os

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from blog import feeds, permissions, selectors
from blog.forms import COMMUNITY_PREFIX, PERSONAL, PublishForm
from blog.models import Article, Blog, BlogKind
from blog.services.articles import article_record_view
from blog.services.feed_tokens import feed_token_get_or_create
from core.files import private_file_response
from feed.views.shared import conversation_context

INDEX_COMPANY = 7
INDEX_ELSEWHERE = 12
LIST_LENGTH = 30
COVER_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def _tag(request) -> str:
    return (request.GET.get("tag") or "").strip()[:100]


def _subscribe_url(request, url_name: str, **kwargs) -> str:
    """The viewer's own Atom address for a blog (their feed token in it)."""
    token = feed_token_get_or_create(user=request.user)
    return request.build_absolute_uri(reverse(url_name, kwargs=kwargs) + f"?token={token.token}")


def _write_value(blog: Blog) -> str:
    """The ``blog`` choice of the writing form that preselects ``blog``."""
    if blog.kind == BlogKind.COMMUNITY:
        return COMMUNITY_PREFIX + blog.community.slug
    return blog.kind if blog.kind == BlogKind.COMPANY else PERSONAL


@require_GET
def index(request):
    tag = _tag(request)
    context = {
        "tag": tag,
        "company_articles": selectors.articles_for(
            request.user, blog=Blog.company(), tag=tag or None, limit=INDEX_COMPANY
        ),
        "other_articles": selectors.articles_elsewhere(
            request.user, tag=tag, limit=INDEX_ELSEWHERE
        ),
    }
    return render(request, "blog/index.html", context)


def _blog_list(request, blog: Blog, *, atom_url: str = ""):
    tag = _tag(request)
    articles = selectors.articles_for(request.user, blog=blog, tag=tag or None, limit=LIST_LENGTH)
    context = {
        "blog": blog,
        "articles": articles,
        "tag": tag,
        "atom_url": atom_url,
        "can_write": permissions.can_write_in(request.user, blog),
        "write_value": _write_value(blog),
    }
    return render(request, "blog/blog_list.html", context)


@require_GET
def company(request):
    return _blog_list(
        request, Blog.company(), atom_url=_subscribe_url(request, "blog:company-atom")
    )


@require_GET
def personal(request, username: str):
    blog = selectors.blog_for(request.user, author_username=username)
    atom_url = _subscribe_url(request, "blog:personal-atom", username=blog.author.username)
    return _blog_list(request, blog, atom_url=atom_url)


@require_GET
def community(request, community: str):
    return _blog_list(request, selectors.blog_for(request.user, community_slug=community))


def _article_page(request, article: Article):
    user = request.user
    visible = article.is_visible_to(user)
    context = {
        "article": article,
        "tags": list(article.tags.all()),
        "more": selectors.more_from_author(user, article),
        "can_edit": permissions.can_edit_article(user, article),
        "can_delete": permissions.can_delete_article(user, article),
        "publish_form": PublishForm(),
        "visible": visible,
    }
    if visible:
        # The feed's comments and reactions (feed/_reaction_bar.html, feed/_comments.html).
        context.update(conversation_context(user, article))
        article_record_view(viewer=user, article=article)
    return render(request, "blog/article_detail.html", context)


@require_GET
def company_article(request, slug: str):
    return _article_page(request, selectors.article_detail(request.user, slug=slug, company=True))


@require_GET
def personal_article(request, username: str, slug: str):
    article = selectors.article_detail(request.user, slug=slug, author_username=username)
    return _article_page(request, article)


@require_GET
def community_article(request, community: str, slug: str):
    article = selectors.article_detail(request.user, slug=slug, community_slug=community)
    return _article_page(request, article)


@require_GET
def drafts(request):
    return render(request, "blog/drafts.html", {"articles": selectors.drafts_of(request.user)})


# Atom feeds: a feed reader has no session, only the person's feed token.


def _atom(request, blog: Blog):
    xml = feeds.atom_feed(
        token=request.GET.get("token", ""),
        blog=blog,
        base_url=request.build_absolute_uri("/"),
        feed_url=request.build_absolute_uri(),
        link=lambda article: article.get_absolute_url(),
    )
    return HttpResponse(xml, content_type="application/atom+xml; charset=utf-8")


@login_not_required
@require_GET
def company_atom(request):
    return _atom(request, Blog.company())


@login_not_required
@require_GET
def personal_atom(request, username: str):
    # The key's holder reads (a feed reader has no session); 404 before saying who exists.
    reader = feeds.reader_for_token(request.GET.get("token", ""))
    blog = selectors.blog_for(reader, author_username=username)
    return _atom(request, blog)


@require_GET
def cover(request, pk: int):
    """An article's cover image (re-encoded on upload), for who may read the article."""
    article = selectors.get_article_for(request.user, pk)
    if not article.cover:
        raise Http404("No cover.")
    name = os.path.basename(article.cover.name)
    content_type = COVER_TYPES.get(os.path.splitext(name)[1].lower())
    if content_type is None:
        raise Http404("No cover.")
    return private_file_response(article.cover, name=name, content_type=content_type, inline=True)


@require_GET
def image(request, pk: int, number: int):
    """An image of an article's text (re-encoded on upload), for who may read the article."""
    article = selectors.get_article_for(request.user, pk)
    found = article.images.filter(number=number).first()
    if found is None or not found.image:
        raise Http404("No such image.")
    name = os.path.basename(found.image.name)
    content_type = COVER_TYPES.get(os.path.splitext(name)[1].lower())
    if content_type is None:
        raise Http404("No such image.")
    return private_file_response(found.image, name=name, content_type=content_type, inline=True)
