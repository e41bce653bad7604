"""The blog API: the company blog, personal and community blogs, articles (drafts,
scheduling, publishing, editing, deleting, restoring, earlier versions), the conversation
on an article and the Atom feed token, under /api/v1/.

Thin views over the same services and selectors as the blog pages: every read starts from
``blog.selectors`` (the one visibility rule); comments and reactions go through
``feed.services.conversation``, as on the article page. An article the person may not read
answers 404 (a draft is its author's alone; a private or secret community's article does
not exist for outsiders); what they read but may not do answers 403 with the service's
reason; bad input answers 400 with field errors and writes nothing.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, parsers, status
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from blog import permissions, selectors
from blog.models import Blog
from blog.serializers import (
    ArticleCreateSerializer,
    ArticleEditSerializer,
    ArticleHistorySerializer,
    ArticleListSerializer,
    ArticlePageSerializer,
    ArticlePublishSerializer,
    ArticleSerializer,
    FeedTokenSerializer,
    article_data,
    article_history_data,
    blog_data,
    feed_token_data,
)
from blog.services import articles as services
from blog.services.feed_tokens import feed_token_get_or_create, feed_token_rotate
from core.api import ERROR, FIELD_ERRORS, validated
from feed import selectors as conversation_selectors
from feed.serializers import (
    CommentCreateSerializer,
    CommentSerializer,
    Links,
    ReactionFilterSerializer,
    ReactionInputSerializer,
    ReactionSerializer,
    ReactionStateSerializer,
    comment_data,
)
from feed.services import conversation

DEFAULT_LIMIT, MAX_LIMIT = 20, selectors.MAX_LIMIT
PARSERS = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=(
        "No such article, or one you may not read (someone else's draft, a private or secret "
        "community's article)."
    ),
)
BLOG_NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT, description="No such person or community (a secret one, for outsiders)."
)
RATE_LIMITED = OpenApiResponse(OpenApiTypes.OBJECT, description="Writing too often.")
DELETED = OpenApiResponse(description="Deleted.")
LIST_PARAMETERS = [
    OpenApiParameter("tag", str, description="Only articles on this topic (the tag's slug)."),
    OpenApiParameter("before", str, description="A cursor (`next` carries it): older articles."),
    OpenApiParameter(
        "limit",
        int,
        description=f"Articles per page, {DEFAULT_LIMIT} by default; kept within 1..{MAX_LIMIT}.",
    ),
]
LIST_RESPONSES = {200: ArticlePageSerializer, 400: FIELD_ERRORS}


# --- helpers ----------------------------------------------------------------------------


def _paging(request) -> dict:
    """``tag``, ``before`` and ``limit`` from the query; an unreadable cursor means the first
    page, a limit out of range is brought within 1..MAX_LIMIT."""
    params = request.query_params
    raw = params.get("limit", "").strip()
    if raw and not (raw.isascii() and raw.isdigit() and len(raw) <= 9):
        raise exceptions.ValidationError(
            {"limit": [_("Send a whole number from 1 to %(max)d.") % {"max": MAX_LIMIT}]}
        )
    tag = params.get("tag", "").strip()[:100]
    return {
        "tag": tag or None,
        "before": params.get("before") or None,
        "limit": max(1, min(int(raw) if raw else DEFAULT_LIMIT, MAX_LIMIT)),
    }


def _list_response(request, *, blog: Blog | None = None) -> Response:
    """A page of the published articles of ``blog`` (or of every blog) the viewer may read."""
    articles, next_cursor = selectors.articles_page(request.user, blog=blog, **_paging(request))
    selectors.articles_decorate(request.user, articles)
    links = Links(request)
    next_url = None
    if next_cursor:
        next_url = replace_query_param(request.build_absolute_uri(), "before", next_cursor)
    return Response(
        {
            "blog": blog_data(blog, links) if blog is not None else None,
            "results": [article_data(article, links) for article in articles],
            "next": next_url,
        }
    )


def _article_response(request, article, *, code=status.HTTP_200_OK, notice: str = "") -> Response:
    """One article with its text, decorated for the viewer."""
    article.notice = notice or getattr(article, "notice", "")
    selectors.articles_decorate(request.user, [article])
    return Response(article_data(article, Links(request), full=True), status=code)


def _fresh(request, article, *, code=status.HTTP_200_OK) -> Response:
    """The article as it is now (after a write), with the service's ``notice`` kept."""
    current = selectors.get_article_for(request.user, article.pk)
    return _article_response(request, current, code=code, notice=article.notice)


# --- lists ------------------------------------------------------------------------------


class ArticleListView(APIView):
    parser_classes = PARSERS

    @extend_schema(
        operation_id="v1_articles_list",
        summary="Articles in every blog",
        description=(
            "The published articles you may read in the company blog, personal blogs and "
            "community blogs, newest first. Follow `next` for older ones."
        ),
        parameters=LIST_PARAMETERS,
        responses=LIST_RESPONSES,
    )
    def get(self, request):
        return _list_response(request)

    @extend_schema(
        summary="Write an article",
        description=(
            "In your own blog (the default), the company blog (`blog=company`: "
            "Communicators) or a community's (`community`: a slug; those who may post in "
            "it). `publish`: `draft` (the default), `now`, or `schedule` with `publish_at` "
            "(a time already past publishes now, and `notice` says so). JSON, or multipart "
            "with `cover` (in multipart, `tags` repeats)."
        ),
        request={
            "application/json": ArticleCreateSerializer,
            "multipart/form-data": ArticleCreateSerializer,
        },
        responses={
            201: ArticleSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            429: RATE_LIMITED,
        },
    )
    def post(self, request):
        data = validated(ArticleCreateSerializer, request)
        article = services.article_create(author=request.user, **data)
        return _fresh(request, article, code=status.HTTP_201_CREATED)


class CompanyBlogView(APIView):
    @extend_schema(
        operation_id="v1_blog_company_articles_list",
        summary="The company blog",
        description="Its published articles, newest first, written by Communicators.",
        parameters=LIST_PARAMETERS,
        responses=LIST_RESPONSES,
    )
    def get(self, request):
        return _list_response(request, blog=selectors.blog_for(request.user, company=True))


class PersonBlogView(APIView):
    @extend_schema(
        operation_id="v1_people_articles_list",
        summary="A person's blog",
        description="The published articles of a colleague's own blog, newest first.",
        parameters=LIST_PARAMETERS,
        responses={**LIST_RESPONSES, 404: BLOG_NOT_FOUND},
    )
    def get(self, request, username: str):
        blog = selectors.blog_for(request.user, author_username=username)
        return _list_response(request, blog=blog)


class CommunityBlogView(APIView):
    @extend_schema(
        operation_id="v1_communities_articles_list",
        summary="A community's blog",
        description=(
            "Its published articles, newest first: for those who may read the community "
            "(others see none); a secret community does not exist for outsiders (404)."
        ),
        parameters=LIST_PARAMETERS,
        responses={**LIST_RESPONSES, 404: BLOG_NOT_FOUND},
    )
    def get(self, request, slug: str):
        return _list_response(request, blog=selectors.blog_for(request.user, community_slug=slug))


class DraftListView(APIView):
    @extend_schema(
        summary="My drafts",
        description="Your drafts and scheduled articles, most recently changed first.",
        responses={200: ArticleListSerializer},
    )
    def get(self, request):
        articles = selectors.articles_decorate(request.user, selectors.drafts_of(request.user))
        links = Links(request)
        return Response({"results": [article_data(article, links) for article in articles]})


# --- one article by its address ---------------------------------------------------------


class CompanyArticleView(APIView):
    @extend_schema(
        summary="A company blog article by its address",
        responses={200: ArticleSerializer, 404: NOT_FOUND},
    )
    def get(self, request, article_slug: str):
        article = selectors.article_detail(request.user, slug=article_slug, company=True)
        return _article_response(request, article)


class PersonArticleView(APIView):
    @extend_schema(
        summary="A personal blog's article by its address",
        responses={200: ArticleSerializer, 404: NOT_FOUND},
    )
    def get(self, request, username: str, article_slug: str):
        article = selectors.article_detail(
            request.user, slug=article_slug, author_username=username
        )
        return _article_response(request, article)


class CommunityArticleView(APIView):
    @extend_schema(
        summary="A community blog's article by its address",
        responses={200: ArticleSerializer, 404: NOT_FOUND},
    )
    def get(self, request, slug: str, article_slug: str):
        article = selectors.article_detail(request.user, slug=article_slug, community_slug=slug)
        return _article_response(request, article)


# --- one article ------------------------------------------------------------------------


class ArticleDetailView(APIView):
    parser_classes = PARSERS

    @extend_schema(
        summary="An article",
        description="Published and yours to read, or your own draft or scheduled article.",
        responses={200: ArticleSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return _article_response(request, selectors.get_article_for(request.user, pk))

    @extend_schema(
        summary="Edit an article",
        description=(
            "The author. Send any of `title`, `body`, `excerpt`, `tags` (replaces the "
            "topics), `cover` (multipart) or `remove_cover`; its address and blog stay. Once "
            "published, the earlier title and text are kept as a revision."
        ),
        request={
            "application/json": ArticleEditSerializer,
            "multipart/form-data": ArticleEditSerializer,
        },
        responses={200: ArticleSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def patch(self, request, pk: int):
        article = selectors.get_article_for(request.user, pk)
        data = validated(ArticleEditSerializer, request)
        article = services.article_edit(
            actor=request.user,
            article=article,
            title=data.get("title"),
            body=data.get("body"),
            excerpt=data.get("excerpt"),
            tags=data.get("tags"),
            cover=data.get("cover"),
            remove_cover=data.get("remove_cover", False),
        )
        return _fresh(request, article)

    @extend_schema(
        summary="Delete an article",
        description=(
            "The author or a moderator of where it is placed. Deleting is soft: moderators "
            "can restore it. A deleted article answers 404."
        ),
        responses={204: DELETED, 400: ERROR, 403: ERROR, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        services.article_delete(
            actor=request.user, article=selectors.get_article_for(request.user, pk)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ArticlePublishView(APIView):
    @extend_schema(
        summary="Publish or schedule a draft",
        description=(
            "The author. Without `publish_at`, now; with a future `publish_at`, scheduled; "
            "a time already past publishes now, and `notice` says so. An article already "
            "published, or one without text: 400."
        ),
        request=ArticlePublishSerializer,
        responses={200: ArticleSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        article = selectors.get_article_for(request.user, pk)
        data = validated(ArticlePublishSerializer, request)
        article = services.article_publish(
            actor=request.user, article=article, publish_at=data.get("publish_at")
        )
        return _fresh(request, article)


class ArticleUnpublishView(APIView):
    @extend_schema(
        summary="Take an article back to the drafts",
        description="The author; a published or scheduled article. A draft already: 400.",
        request=None,
        responses={200: ArticleSerializer, 400: ERROR, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        article = selectors.get_article_for(request.user, pk)
        article = services.article_unpublish(actor=request.user, article=article)
        return _fresh(request, article)


class ArticleRestoreView(APIView):
    @extend_schema(
        summary="Restore a deleted article",
        description="Moderators of where it is placed. An article that is not deleted: 400.",
        request=None,
        responses={200: ArticleSerializer, 400: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        article = selectors.get_article_including_deleted_for(request.user, pk)
        article = services.article_restore(actor=request.user, article=article)
        return _fresh(request, article)


class ArticleRevisionsView(APIView):
    @extend_schema(
        summary="An article's earlier versions",
        description=(
            "Its earlier titles and texts, newest first: for the author and the moderators "
            "(also of a deleted article, for moderators). Others who read it: 403."
        ),
        responses={200: ArticleHistorySerializer, 403: ERROR, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        article = selectors.get_article_including_deleted_for(request.user, pk)
        if not permissions.can_see_history(request.user, article):
            raise exceptions.PermissionDenied(
                _("Only the author and the moderators see earlier versions.")
            )
        revisions = selectors.article_revisions(article)
        return Response(article_history_data(article, revisions, Links(request)))


# --- the conversation -------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary="An article's comments",
        description=(
            "Top-level comments, oldest first, each with its replies (none on a draft). "
            "`limit` keeps the newest ones (still oldest first). A comment is changed or "
            "deleted at its own `url` (/api/v1/comments/<id>/); its `post` is the article's id."
        ),
        parameters=[OpenApiParameter("limit", int, description="The newest N comments.")],
        responses={
            200: inline_serializer(
                "ArticleCommentList", {"results": CommentSerializer(many=True, read_only=True)}
            ),
            400: FIELD_ERRORS,
            404: NOT_FOUND,
        },
    ),
    post=extend_schema(
        summary="Comment on an article",
        description=(
            "On a published article you may read. `parent` makes it a reply (a reply to a "
            "reply joins the same thread)."
        ),
        request=CommentCreateSerializer,
        responses={
            201: CommentSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: NOT_FOUND,
            429: RATE_LIMITED,
        },
    ),
)
class ArticleCommentsView(APIView):
    def get(self, request, pk: int):
        article = selectors.get_article_for(request.user, pk)
        limit = request.query_params.get("limit", "").strip()
        if limit and not (limit.isascii() and limit.isdigit()):
            raise exceptions.ValidationError({"limit": [_("Send a whole number.")]})
        limit = int(limit) if limit and len(limit) <= 9 else None
        comments = conversation_selectors.comments_for(request.user, article, limit=limit or None)
        links = Links(request)
        return Response({"results": [comment_data(comment, links) for comment in comments]})

    def post(self, request, pk: int):
        article = selectors.get_article_for(request.user, pk)
        data = validated(CommentCreateSerializer, request)
        parent = None
        if data.get("parent") is not None:
            try:
                parent = conversation.get_comment_for(request.user, data["parent"])
            except Http404:
                raise exceptions.ValidationError({"parent": [_("No such comment.")]}) from None
        comment = conversation.comment_create(
            author=request.user, target=article, body=data["body"], parent=parent
        )
        return Response(comment_data(comment, Links(request)), status=status.HTTP_201_CREATED)


class ArticleReactionView(APIView):
    @extend_schema(
        summary="React to an article",
        description="One reaction per person; sending another kind changes it.",
        request=ReactionInputSerializer,
        responses={200: ReactionStateSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def put(self, request, pk: int):
        article = selectors.get_article_for(request.user, pk)
        data = validated(ReactionInputSerializer, request)
        reaction = conversation.reaction_set(user=request.user, target=article, kind=data["kind"])
        article.refresh_from_db(fields=["reaction_count"])
        state = {"kind": reaction.kind, "reaction_count": article.reaction_count}
        return Response(ReactionStateSerializer(state).data)

    @extend_schema(
        summary="Take back my reaction to an article",
        request=None,
        responses={204: OpenApiResponse(description="No reaction (any more)."), 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        article = selectors.get_article_for(request.user, pk)
        conversation.reaction_clear(user=request.user, target=article)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ArticleReactionsView(APIView):
    @extend_schema(
        summary="Who reacted to an article",
        parameters=[ReactionFilterSerializer],
        responses={
            200: inline_serializer(
                "ArticleReactionList", {"results": ReactionSerializer(many=True, read_only=True)}
            ),
            400: FIELD_ERRORS,
            404: NOT_FOUND,
        },
    )
    def get(self, request, pk: int):
        article = selectors.get_article_for(request.user, pk)
        params = {k: v for k, v in request.query_params.items() if v != ""}
        kind = validated(ReactionFilterSerializer, request, params).get("kind")
        reactions = conversation_selectors.reactions_who(request.user, article, kind=kind)
        data = ReactionSerializer(reactions, many=True, context={"request": request}).data
        return Response({"results": data})


# --- the Atom feed token ----------------------------------------------------------------


class FeedTokenView(APIView):
    @extend_schema(
        summary="My Atom feed token",
        description=(
            "The secret a feed reader sends (`?token=`) to fetch the company blog's and "
            "personal blogs' Atom feeds as you; made the first time it is asked for. Keep it "
            "to yourself."
        ),
        responses={200: FeedTokenSerializer},
    )
    def get(self, request):
        token = feed_token_get_or_create(user=request.user)
        return Response(feed_token_data(token, Links(request)))

    @extend_schema(
        summary="Replace my Atom feed token",
        description="A new token; the old one stops working at once.",
        request=None,
        responses={200: FeedTokenSerializer},
    )
    def post(self, request):
        token = feed_token_rotate(user=request.user)
        return Response(feed_token_data(token, Links(request)))
