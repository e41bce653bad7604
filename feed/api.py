"""The feed API: timelines, posts, comments, reactions, shares, bookmarks, polls and
announcements under /api/v1/.

Thin views over the same services and selectors as the HTML pages. What a person may not
see answers 404 (a private or secret post does not exist for outsiders); what they see but
may not do answers 403 with the service's reason; bad input answers 400 with field errors
and writes nothing (every service runs in one transaction).
"""

from functools import partial

from django.core.exceptions import ValidationError as DjangoValidationError
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
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from communities import permissions as community_permissions
from communities import selectors as community_selectors
from core.api import ERROR, FIELD_ERRORS, validated
from feed import permissions, selectors
from feed.models import PostKind
from feed.serializers import (
    BookmarkStateSerializer,
    CommentCreateSerializer,
    CommentEditSerializer,
    CommentSerializer,
    FeedPageSerializer,
    Links,
    PostCreateSerializer,
    PostEditSerializer,
    PostHistorySerializer,
    PostSerializer,
    ReactionFilterSerializer,
    ReactionInputSerializer,
    ReactionSerializer,
    ReactionStateSerializer,
    SeenStateSerializer,
    ShareCreateSerializer,
    VoteSerializer,
    comment_data,
    post_data,
)
from feed.services.conversation import (
    bookmark_add,
    bookmark_remove,
    comment_create,
    comment_delete,
    comment_edit,
    get_comment_for,
    reaction_clear,
    reaction_set,
)
from feed.services.polls import poll_vote
from feed.services.posts import (
    announcement_mark_seen,
    get_post_for,
    post_create,
    post_delete,
    post_edit,
    post_restore,
    post_share,
)
from profiles import selectors as profile_selectors
from tags.selectors import tag_get_for

DEFAULT_LIMIT, MAX_LIMIT = 20, 50
# Announcements pinned above the first page of a feed: the newest few; older ones still
# pinned read as ordinary posts in the timeline.
PINNED_LIMIT = 5
PARSERS = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="No such post, or one you may not see (private and secret content).",
)
RATE_LIMITED = OpenApiResponse(OpenApiTypes.OBJECT, description="Posting too often.")
PAGING = [
    OpenApiParameter(
        "before", str, description="A cursor (`next` carries it): posts older than it."
    ),
    OpenApiParameter(
        "after", str, description="A cursor (`newer` carries it): posts newer than it."
    ),
    OpenApiParameter(
        "limit",
        int,
        description=f"Posts per page, {DEFAULT_LIMIT} by default; kept within 1..{MAX_LIMIT}.",
    ),
]
# Service errors about a post's poll or praise are nested the way they were sent.
NESTED_ERRORS = ("poll", "praise")


# --- helpers ----------------------------------------------------------------------------


def _paging(request) -> dict:
    """``before``, ``after`` and ``limit`` from the query; an unreadable cursor means the
    first page, a limit out of range is brought within 1..MAX_LIMIT."""
    params = request.query_params
    raw = params.get("limit", "").strip()
    try:
        limit = int(raw) if raw else DEFAULT_LIMIT
    except ValueError:
        raise exceptions.ValidationError(
            {"limit": [_("Send a whole number from 1 to %(max)d.") % {"max": MAX_LIMIT}]}
        ) from None
    return {
        "before": params.get("before") or None,
        "after": params.get("after") or None,
        "limit": max(1, min(limit, MAX_LIMIT)),
    }


def _is_first_page(paging: dict) -> bool:
    return not any(selectors.decode_cursor(paging[key]) for key in ("before", "after"))


def _post_data(request, post, *, code=status.HTTP_200_OK) -> Response:
    """One post, decorated for the viewer and serialized."""
    (post,) = selectors.posts_decorate([post], request.user)
    return Response(post_data(post, Links(request)), status=code)


def _feed_response(request, page) -> Response:
    """A page of posts (and the pinned announcements above it), decorated in one go."""
    posts = selectors.posts_decorate([*page.pinned, *page.items], request.user)
    pinned, items = posts[: len(page.pinned)], posts[len(page.pinned) :]
    here = remove_query_param(request.build_absolute_uri(), "after")
    next_url = newer_url = None
    if page.next_cursor:
        next_url = replace_query_param(here, "before", page.next_cursor)
    if page.newest_cursor:
        newer_url = replace_query_param(
            remove_query_param(here, "before"), "after", page.newest_cursor
        )
    # FeedPageSerializer's shape, built from plain dicts (see feed.serializers.post_data).
    links = Links(request)
    return Response(
        {
            "pinned": [post_data(post, links) for post in pinned],
            "results": [post_data(post, links) for post in items],
            "next": next_url,
            "newer": newer_url,
        }
    )


def _pinned_feed(request, timeline, *, scope: str, community=None) -> Response:
    """A feed with the newest ``PINNED_LIMIT`` announcements pinned on top: shown above the
    first page and left out of every page of the timeline (so later pages do not repeat
    them). ``timeline(before=, after=, limit=, exclude=, pinned=)``.

    Later pages still ask for the pinned ids (one small query) to leave them out."""
    paging = _paging(request)
    pinned = selectors.announcements_pinned(
        request.user, community=community, scope=scope, limit=PINNED_LIMIT
    )
    shown = pinned if _is_first_page(paging) else []
    return _feed_response(request, timeline(**paging, exclude=pinned, pinned=shown))


def _raise_nested(error: DjangoValidationError):
    """A service's field errors as a 400, with ``poll_question`` under ``poll.question``."""
    if not hasattr(error, "error_dict"):
        raise error
    data = {}
    for field, messages in error.message_dict.items():
        prefix, _sep, rest = field.partition("_")
        if prefix in NESTED_ERRORS and rest:
            data.setdefault(prefix, {})[rest] = messages
        else:
            data["non_field_errors" if field == "__all__" else field] = messages
    raise exceptions.ValidationError(data) from None


def _comment_data(request, comment, *, code=status.HTTP_200_OK) -> Response:
    return Response(comment_data(comment, Links(request)), status=code)


# --- feeds ------------------------------------------------------------------------------


FEED_RESPONSES = {200: FeedPageSerializer, 400: FIELD_ERRORS}


class FeedView(APIView):
    @extend_schema(
        summary="Home or company feed",
        description=(
            "`home`: my posts, people I follow, my communities, topics I follow and company-wide "
            "announcements; `company`: everything company-wide. Newest first, with "
            "announcements pinned above the first page. Follow `next` for older posts and "
            "`newer` for posts that arrived since."
        ),
        parameters=[
            OpenApiParameter("scope", str, enum=["home", "company"], description="Default home."),
            *PAGING,
        ],
        responses=FEED_RESPONSES,
    )
    def get(self, request):
        scope = request.query_params.get("scope") or "home"
        if scope not in ("home", "company"):
            raise exceptions.ValidationError({"scope": [_("Choose home or company.")]})
        timeline = selectors.feed_home if scope == "home" else selectors.feed_company
        return _pinned_feed(request, partial(timeline, request.user), scope=scope)


class CommunityFeedView(APIView):
    @extend_schema(
        summary="A community's feed",
        description=(
            "Posts placed in the community, its announcements pinned on top. A private "
            "community's feed is for its members (403 for others), a secret one does not "
            "exist for others (404)."
        ),
        parameters=PAGING,
        responses={**FEED_RESPONSES, 403: ERROR, 404: NOT_FOUND},
    )
    def get(self, request, slug: str):
        community = community_selectors.community_get_for(request.user, slug=slug)
        if not community_permissions.can_read_content(request.user, community):
            # A private community is listed in the directory: visible, but closed (secret
            # ones are already 404 above).
            raise exceptions.PermissionDenied(_("Only members see this community's posts."))
        timeline = partial(selectors.feed_community, request.user, community)
        return _pinned_feed(request, timeline, scope="community", community=community)


class PersonPostsView(APIView):
    @extend_schema(
        summary="A person's posts",
        description="What this colleague posted, as far as you may see it.",
        parameters=PAGING,
        responses={**FEED_RESPONSES, 404: ERROR},
    )
    def get(self, request, username: str):
        if "\x00" in username:  # PostgreSQL refuses it in a query: nobody has that name.
            raise Http404("No such person.")
        person = profile_selectors.person_get_for(request.user, username=username)
        page = selectors.feed_profile(request.user, person, **_paging(request))
        return _feed_response(request, page)


class TagPostsView(APIView):
    @extend_schema(
        summary="A topic's posts",
        description="Posts carrying this tag, as far as you may see them.",
        parameters=PAGING,
        responses={**FEED_RESPONSES, 404: ERROR},
    )
    def get(self, request, slug: str):
        tag = tag_get_for(request.user, slug=slug)
        page = selectors.feed_tag(request.user, tag, **_paging(request))
        return _feed_response(request, page)


class SavedView(APIView):
    @extend_schema(
        summary="Saved posts",
        description="Your bookmarks, newest saved first (ones you can no longer see left out).",
        parameters=PAGING,
        responses=FEED_RESPONSES,
    )
    def get(self, request):
        page = selectors.feed_saved(request.user, **_paging(request))
        return _feed_response(request, page)


# --- posts ------------------------------------------------------------------------------


class PostCreateView(APIView):
    parser_classes = PARSERS

    @extend_schema(
        summary="Write a post",
        description=(
            "Company-wide, or in `community` (a slug). JSON, or multipart with `images` "
            "(up to 10) and `attachments` (repeat the field, or `images[]`); in multipart, "
            "`poll` and `praise` are JSON strings and `tags` repeats. `poll` makes a poll, "
            "`praise` thanks colleagues; a post is one or the other. Announcements: "
            "Communicators company-wide, a community's admins in it."
        ),
        request={
            "application/json": PostCreateSerializer,
            "multipart/form-data": PostCreateSerializer,
        },
        responses={
            201: PostSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            429: RATE_LIMITED,
        },
    )
    def post(self, request):
        data = dict(validated(PostCreateSerializer, request))
        try:
            post = post_create(author=request.user, **data)
        except DjangoValidationError as error:
            _raise_nested(error)
        return _post_data(
            request, get_post_for(request.user, post.pk), code=status.HTTP_201_CREATED
        )


class PostDetailView(APIView):
    parser_classes = PARSERS

    @extend_schema(summary="A post", responses={200: PostSerializer, 404: NOT_FOUND})
    def get(self, request, pk: int):
        return _post_data(request, get_post_for(request.user, pk))

    @extend_schema(
        summary="Edit a post",
        description=(
            "The author only. Send `body` and/or `tags` (replaces the topics); the earlier "
            "text is kept in the history."
        ),
        request=PostEditSerializer,
        responses={200: PostSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def patch(self, request, pk: int):
        post = get_post_for(request.user, pk)
        permissions.check_edit_post(request.user, post)
        data = validated(PostEditSerializer, request)
        post_edit(
            actor=request.user,
            post=post,
            body=data.get("body", post.body),
            tags=data.get("tags"),
        )
        return _post_data(request, get_post_for(request.user, pk))

    @extend_schema(
        summary="Delete a post",
        description=(
            "The author or a moderator of where it is placed. Deleting is soft: moderators "
            "can restore it. A deleted post answers 404."
        ),
        responses={204: OpenApiResponse(description="Deleted."), 403: ERROR, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        post_delete(actor=request.user, post=get_post_for(request.user, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PostRestoreView(APIView):
    @extend_schema(
        summary="Restore a deleted post",
        description="Moderators of where it is placed. A post that is not deleted: 400.",
        request=None,
        responses={200: PostSerializer, 400: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        post = get_post_for(request.user, pk, include_deleted=True)
        post_restore(actor=request.user, post=post)
        return _post_data(request, get_post_for(request.user, pk))


class PostHistoryView(APIView):
    @extend_schema(
        summary="A post's earlier versions",
        description="The author and the moderators (also of a deleted post, for moderators).",
        responses={200: PostHistorySerializer, 403: ERROR, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        post = get_post_for(request.user, pk, include_deleted=True)
        if not permissions.can_see_history(request.user, post):
            raise exceptions.PermissionDenied(
                _("Only the author and the moderators see earlier versions.")
            )
        data = {
            "body": post.body,
            "edited_at": post.edited_at,
            "is_deleted": post.is_deleted,
            "revisions": list(post.revisions.select_related("replaced_by")),
        }
        return Response(PostHistorySerializer(data, context={"request": request}).data)


class ShareView(APIView):
    @extend_schema(
        summary="Share a post",
        description=(
            "To your followers (company-wide), or into a community you may post in, with an "
            "optional comment. Sharing a share shares its original. The share is only ever "
            "shown to people who may see the original."
        ),
        request=ShareCreateSerializer,
        responses={
            201: PostSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: NOT_FOUND,
            429: RATE_LIMITED,
        },
    )
    def post(self, request, pk: int):
        original = get_post_for(request.user, pk)
        data = validated(ShareCreateSerializer, request)
        share = post_share(author=request.user, original=original, **data)
        return _post_data(
            request, get_post_for(request.user, share.pk), code=status.HTTP_201_CREATED
        )


class BookmarkView(APIView):
    @extend_schema(
        summary="Save a post for later",
        description="Idempotent.",
        request=None,
        responses={200: BookmarkStateSerializer, 404: NOT_FOUND},
    )
    def put(self, request, pk: int):
        post = get_post_for(request.user, pk)
        bookmark_add(user=request.user, post=post)
        return Response({"post": post.pk, "bookmarked": True})

    @extend_schema(
        summary="Forget a saved post",
        description="Idempotent.",
        request=None,
        responses={204: OpenApiResponse(description="Not saved (any more)."), 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        bookmark_remove(user=request.user, post=get_post_for(request.user, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class VoteView(APIView):
    @extend_schema(
        summary="Vote in a poll",
        description=(
            "Once per poll: one option, or several when the poll allows it. Answers the post, "
            "whose poll now shows the results."
        ),
        request=VoteSerializer,
        responses={200: PostSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        post = get_post_for(request.user, pk)
        if post.kind != PostKind.POLL:
            raise Http404("No such poll.")
        data = validated(VoteSerializer, request)
        poll_vote(user=request.user, poll=post.poll, option_ids=data["options"])
        return _post_data(request, get_post_for(request.user, pk))


class SeenView(APIView):
    @extend_schema(
        summary="Mark an announcement seen",
        description='Counts you once in its "seen by N".',
        request=None,
        responses={200: SeenStateSerializer, 400: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        post = get_post_for(request.user, pk)
        if not post.is_announcement:
            raise DjangoValidationError(_("This post is not an announcement."))
        first = announcement_mark_seen(user=request.user, post=post)
        post.refresh_from_db(fields=["seen_count"])
        return Response({"post": post.pk, "first_time": first, "seen_count": post.seen_count})


# --- comments ---------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary="A post's comments",
        description=(
            "Top-level comments, oldest first, each with its replies. `limit` keeps the "
            "newest ones (still oldest first)."
        ),
        parameters=[OpenApiParameter("limit", int, description="The newest N comments.")],
        responses={
            200: inline_serializer(
                "CommentList", {"results": CommentSerializer(many=True, read_only=True)}
            ),
            404: NOT_FOUND,
        },
    ),
    post=extend_schema(
        summary="Comment on a post",
        description="`parent` makes it a reply (a reply to a reply joins the same thread).",
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
class PostCommentsView(APIView):
    def get(self, request, pk: int):
        post = get_post_for(request.user, pk)
        limit = request.query_params.get("limit", "").strip()
        if limit and not (limit.isascii() and limit.isdigit()):
            raise exceptions.ValidationError({"limit": [_("Send a whole number.")]})
        # Past any real conversation (and past what the database counts in): all of them.
        limit = int(limit) if limit and len(limit) <= 9 else None
        comments = selectors.comments_for(request.user, post, limit=limit or None)
        links = Links(request)
        return Response({"results": [comment_data(comment, links) for comment in comments]})

    def post(self, request, pk: int):
        post = get_post_for(request.user, pk)
        data = validated(CommentCreateSerializer, request)
        parent = None
        if data.get("parent") is not None:
            try:
                parent = get_comment_for(request.user, data["parent"])
            except Http404:
                raise exceptions.ValidationError({"parent": [_("No such comment.")]}) from None
        comment = comment_create(author=request.user, target=post, body=data["body"], parent=parent)
        return _comment_data(request, comment, code=status.HTTP_201_CREATED)


class CommentDetailView(APIView):
    @extend_schema(summary="A comment", responses={200: CommentSerializer, 404: NOT_FOUND})
    def get(self, request, pk: int):
        return _comment_data(request, get_comment_for(request.user, pk))

    @extend_schema(
        summary="Edit a comment",
        description="The author only.",
        request=CommentEditSerializer,
        responses={200: CommentSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def patch(self, request, pk: int):
        comment = get_comment_for(request.user, pk)
        data = validated(CommentEditSerializer, request)
        comment = comment_edit(actor=request.user, comment=comment, body=data["body"])
        return _comment_data(request, comment)

    @extend_schema(
        summary="Delete a comment",
        description="Its author, or a moderator of where its post is placed.",
        responses={204: OpenApiResponse(description="Deleted."), 403: ERROR, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        comment_delete(actor=request.user, comment=get_comment_for(request.user, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- reactions --------------------------------------------------------------------------


class _ReactionView(APIView):
    """Set or take back one's reaction to a post or a comment (``target`` comes from the
    _OnPost / _OnComment mixin)."""

    def _state(self, target, kind) -> Response:
        target.refresh_from_db(fields=["reaction_count"])
        state = {"kind": kind, "reaction_count": target.reaction_count}
        return Response(ReactionStateSerializer(state).data)

    def put(self, request, pk: int):
        target = self.target(request, pk)
        data = validated(ReactionInputSerializer, request)
        reaction = reaction_set(user=request.user, target=target, kind=data["kind"])
        return self._state(target, reaction.kind)

    def delete(self, request, pk: int):
        reaction_clear(user=request.user, target=self.target(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class _ReactionsView(APIView):
    """Who reacted to a post or a comment (``target`` comes from the mixin)."""

    def get(self, request, pk: int):
        target = self.target(request, pk)
        params = {k: v for k, v in request.query_params.items() if v != ""}
        kind = validated(ReactionFilterSerializer, request, params).get("kind")
        reactions = selectors.reactions_who(request.user, target, kind=kind)
        data = ReactionSerializer(reactions, many=True, context={"request": request}).data
        return Response({"results": data})


def _reaction_schema(what: str):
    return extend_schema_view(
        put=extend_schema(
            summary=f"React to a {what}",
            description="One reaction per person; sending another kind changes it.",
            request=ReactionInputSerializer,
            responses={200: ReactionStateSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
        ),
        delete=extend_schema(
            summary=f"Take back my reaction to a {what}",
            request=None,
            responses={204: OpenApiResponse(description="No reaction (any more)."), 404: NOT_FOUND},
        ),
    )


def _reactions_schema(what: str):
    return extend_schema_view(
        get=extend_schema(
            summary=f"Who reacted to a {what}",
            parameters=[ReactionFilterSerializer],
            responses={
                200: inline_serializer(
                    f"{what.title()}ReactionList",
                    {"results": ReactionSerializer(many=True, read_only=True)},
                ),
                400: FIELD_ERRORS,
                404: NOT_FOUND,
            },
        )
    )


class _OnPost:
    def target(self, request, pk: int):
        return get_post_for(request.user, pk)


class _OnComment:
    def target(self, request, pk: int):
        return get_comment_for(request.user, pk)


@_reaction_schema("post")
class PostReactionView(_OnPost, _ReactionView):
    pass


@_reaction_schema("comment")
class CommentReactionView(_OnComment, _ReactionView):
    pass


@_reactions_schema("post")
class PostReactionsView(_OnPost, _ReactionsView):
    pass


@_reactions_schema("comment")
class CommentReactionsView(_OnComment, _ReactionsView):
    pass
