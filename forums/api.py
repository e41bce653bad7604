"""The forum API: categories (and setting them up), threads, replies, votes, accepted
answers, following, earlier versions, and the moderators' pin, lock, move and merge, under
/api/v1/.

Thin views over the same services and selectors as the forum pages. A thread in a community
the person may not read does not exist for them (404, on every endpoint); what they see but
may not do answers 403 with the service's reason; bad input answers 400 with field errors and
writes nothing (every service runs in one transaction).
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, parsers, serializers, status
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from communities import selectors as community_selectors
from communities.models import Community
from core.api import ERROR, FIELD_ERRORS, validated
from feed.serializers import Links, ListField, StrictSerializer
from forums import experts, permissions, selectors, services
from forums.serializers import (
    AcceptInputSerializer,
    CategoryCreateSerializer,
    CategoryEditSerializer,
    CategoryReorderSerializer,
    CategorySerializer,
    ExpertListSerializer,
    ExpertsQuerySerializer,
    ForumReplySerializer,
    MergeInputSerializer,
    MoveInputSerializer,
    ReplyCreateSerializer,
    ReplyEditSerializer,
    ReplyHistorySerializer,
    ReplyPageSerializer,
    SimilarThreadListSerializer,
    ThreadCreateSerializer,
    ThreadEditSerializer,
    ThreadFollowStateSerializer,
    ThreadHistorySerializer,
    ThreadListSerializer,
    ThreadPageSerializer,
    ThreadRights,
    ThreadSerializer,
    VoteInputSerializer,
    category_data,
    expert_data,
    reply_data,
    reply_history_data,
    similar_thread_data,
    thread_data,
    thread_history_data,
)
from profiles.serializers import PersonSummarySerializer

PARSERS = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="No such thread, or one you may not see (private and secret communities).",
)
RATE_LIMITED = OpenApiResponse(OpenApiTypes.OBJECT, description="Posting too often.")
DELETED = OpenApiResponse(description="Deleted.")
PAGE = OpenApiParameter("page", int, description="The page number, 1 by default.")
CATEGORY_NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="No such category, or one in a community whose forum you may not read.",
)
RECENT_LIMIT, RECENT_MAX = 20, 50
SIMILAR_LIMIT = 5


# --- helpers ----------------------------------------------------------------------------


def _thread(request, pk: int, *, include_deleted: bool = False):
    """The thread ``pk`` for a write: a merged thread's pointer is not the thread (404)."""
    thread = selectors.thread_detail(request.user, pk, include_deleted=include_deleted)
    if thread.pk != pk:
        raise Http404("No such thread.")
    return thread


def _thread_response(request, pk: int, *, code=status.HTTP_200_OK) -> Response:
    """The thread as it is now, with the viewer's rights."""
    thread = selectors.thread_detail(request.user, pk, include_deleted=True)
    data = thread_data(thread, Links(request), ThreadRights(request.user))
    return Response(data, status=code)


def _reply_response(request, reply, *, code=status.HTTP_200_OK) -> Response:
    thread = selectors.thread_detail(request.user, reply.thread_id, include_deleted=True)
    return Response(
        reply_data(reply, thread, Links(request), ThreadRights(request.user)), status=code
    )


def _lookup(field: str, message: str, getter, *args, **kwargs):
    """An id sent in the body: one the person may not see reads as unknown (400)."""
    try:
        return getter(*args, **kwargs)
    except Http404:
        raise exceptions.ValidationError({field: [message]}) from None


def _community(request, slug) -> Community | None:
    """The community named by ``slug`` (None for company-wide); 404 for a secret one."""
    slug = (slug or "").strip()
    if not slug:
        return None
    return community_selectors.community_get_for(request.user, slug=slug)


def _limit(request, default: int, maximum: int) -> int:
    raw = request.query_params.get("limit", "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise exceptions.ValidationError(
            {"limit": [_("Send a whole number from 1 to %(max)d.") % {"max": maximum}]}
        )
    return max(1, min(int(raw), maximum))


def _categories_response(request, categories) -> Response:
    links = Links(request)
    return Response([category_data(category, links) for category in categories])


def _page_response(request, page, rows) -> Response:
    here = request.build_absolute_uri()
    return Response(
        {
            "count": page.paginator.count,
            "page": page.number,
            "num_pages": page.paginator.num_pages,
            "next": replace_query_param(here, "page", page.next_page_number())
            if page.has_next()
            else None,
            "previous": replace_query_param(here, "page", page.previous_page_number())
            if page.has_previous()
            else None,
            "results": rows,
        }
    )


# --- categories -------------------------------------------------------------------------


class CategoryListView(APIView):
    @extend_schema(
        summary="Forum categories",
        description=(
            "The company-wide forum's categories in their order, or a community's with "
            "`community`. A private community's forum is for its members (403 for others), "
            "a secret one does not exist for others (404). `scope=communities`: the "
            "categories of every community whose forum you may read, by community name "
            "(the forum home's second list)."
        ),
        parameters=[
            OpenApiParameter("community", str, description="A community slug."),
            OpenApiParameter(
                "scope",
                str,
                enum=["company", "communities"],
                description="Without `community`: company (the default) or communities.",
            ),
        ],
        responses={200: CategorySerializer(many=True), 400: FIELD_ERRORS, 403: ERROR, 404: ERROR},
    )
    def get(self, request):
        community = _community(request, request.query_params.get("community"))
        scope = request.query_params.get("scope") or "company"
        if scope not in ("company", "communities"):
            raise exceptions.ValidationError({"scope": [_("Choose company or communities.")]})
        if community is None and scope == "communities":
            return _categories_response(request, selectors.community_categories_for(request.user))
        return _categories_response(request, selectors.categories_for(request.user, community))

    @extend_schema(
        summary="Create a forum category",
        description=(
            "Company-wide: Communicators; in a `community` (slug): its admins. The new "
            "category comes last."
        ),
        request=CategoryCreateSerializer,
        responses={201: CategorySerializer, 400: FIELD_ERRORS, 403: ERROR, 404: ERROR},
    )
    def post(self, request):
        data = dict(validated(CategoryCreateSerializer, request))
        community = _community(request, data.pop("community", None))
        category = services.category_create(actor=request.user, community=community, **data)
        return Response(category_data(category, Links(request)), status=status.HTTP_201_CREATED)


class CategoryDetailView(APIView):
    @extend_schema(
        summary="A forum category",
        description="With the number of threads in it and their latest activity.",
        responses={200: CategorySerializer, 404: CATEGORY_NOT_FOUND},
    )
    def get(self, request, pk: int):
        category = selectors.category_with_counts_for(request.user, pk)
        return Response(category_data(category, Links(request)))

    @extend_schema(
        summary="Rename or re-describe a forum category",
        description=(
            "Company-wide: Communicators; a community's: its admins. Send `name`, `slug` "
            "(the address; empty: made from the name) and/or `description`."
        ),
        request=CategoryEditSerializer,
        responses={
            200: CategorySerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: CATEGORY_NOT_FOUND,
        },
    )
    def patch(self, request, pk: int):
        category = selectors.category_get_for(request.user, pk=pk)
        data = validated(CategoryEditSerializer, request)
        services.category_edit(actor=request.user, category=category, **data)
        category = selectors.category_with_counts_for(request.user, pk)
        return Response(category_data(category, Links(request)))

    @extend_schema(
        summary="Remove an empty forum category",
        description=(
            "Company-wide: Communicators; a community's: its admins. A category that still "
            "has threads (even deleted ones) stays: 400."
        ),
        responses={204: DELETED, 400: ERROR, 403: ERROR, 404: CATEGORY_NOT_FOUND},
    )
    def delete(self, request, pk: int):
        category = selectors.category_get_for(request.user, pk=pk)
        services.category_delete(actor=request.user, category=category)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CategoryReorderView(APIView):
    @extend_schema(
        summary="Put a forum's categories in order",
        description=(
            "The categories of the company-wide forum (Communicators) or of `community` (its "
            "admins), listed by id in `order`, first to last; each at most once. Answers the "
            "forum's categories in their new order."
        ),
        request=CategoryReorderSerializer,
        responses={
            200: CategorySerializer(many=True),
            400: FIELD_ERRORS,
            403: ERROR,
            404: ERROR,
        },
    )
    def post(self, request):
        data = validated(CategoryReorderSerializer, request)
        community = _community(request, data.get("community"))
        services.category_reorder(actor=request.user, community=community, order=data["order"])
        return _categories_response(request, selectors.categories_for(request.user, community))


class CategoryThreadsView(APIView):
    @extend_schema(
        summary="A category's threads",
        description=(
            "Pinned threads first, then by `sort`: `activity` (latest activity, the default), "
            "`newest`, `votes` (the sum of the replies' votes). `filter`: `all`, "
            "`unanswered` (nobody but the asker has replied), `unsolved` (questions without "
            "an accepted answer). 25 a page."
        ),
        parameters=[
            OpenApiParameter("filter", str, enum=list(selectors.FILTERS)),
            OpenApiParameter("sort", str, enum=list(selectors.SORTS)),
            PAGE,
        ],
        responses={200: ThreadPageSerializer, 400: FIELD_ERRORS, 404: ERROR},
    )
    def get(self, request, pk: int):
        category = selectors.category_get_for(request.user, pk=pk)
        params = request.query_params
        page = selectors.threads_in(
            request.user,
            category,
            filter=params.get("filter") or "all",
            sort=params.get("sort") or "activity",
            page=params.get("page") or 1,
        )
        links, rights = Links(request), ThreadRights(request.user)
        return _page_response(request, page, [thread_data(t, links, rights) for t in page])


# --- threads ----------------------------------------------------------------------------


class ThreadListView(APIView):
    @extend_schema(
        operation_id="v1_threads_list",
        summary="The latest threads anywhere",
        description=(
            "Threads you may see in every category, filtered and sorted as a category's list "
            "(`filter`, `sort`; pinning counts only inside a category). At most `limit` "
            f"({RECENT_LIMIT} by default, up to {RECENT_MAX})."
        ),
        parameters=[
            OpenApiParameter("filter", str, enum=list(selectors.FILTERS)),
            OpenApiParameter("sort", str, enum=list(selectors.SORTS)),
            OpenApiParameter("limit", int),
        ],
        responses={200: ThreadListSerializer, 400: FIELD_ERRORS},
    )
    def get(self, request):
        params = request.query_params
        threads = selectors.threads_anywhere_listed(
            request.user,
            filter=params.get("filter") or "all",
            sort=params.get("sort") or "activity",
            limit=_limit(request, RECENT_LIMIT, RECENT_MAX),
        )
        links, rights = Links(request), ThreadRights(request.user)
        return Response({"results": [thread_data(t, links, rights) for t in threads]})

    @extend_schema(
        summary="Start a discussion or ask a question",
        description=(
            "In `category` (its id); the thread takes the category's place (company-wide or "
            "its community) and you follow it. `kind`: `discussion` (default) or `question`. "
            "`ask`: up to 5 usernames of people to ask for an answer (as the page's "
            "suggested experts); the thread and the asking go together or not at all."
        ),
        request=ThreadCreateSerializer,
        responses={
            201: ThreadSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            429: RATE_LIMITED,
        },
    )
    def post(self, request):
        data = dict(validated(ThreadCreateSerializer, request))
        category = _lookup(
            "category",
            _("No such category."),
            selectors.category_get_for,
            request.user,
            pk=data.pop("category"),
        )
        thread = services.thread_create(author=request.user, category=category, **data)
        return _thread_response(request, thread.pk, code=status.HTTP_201_CREATED)


class ThreadSimilarView(APIView):
    @extend_schema(
        summary="Threads like the one being written",
        description=(
            "While writing a thread: the threads you may see that share a topic (`tags`, "
            "repeated or comma-separated) or a strong word of `title`, most alike first, "
            "solved ones first among equals. At most 5."
        ),
        parameters=[
            OpenApiParameter("title", str),
            OpenApiParameter("tags", str, many=True),
        ],
        responses={200: SimilarThreadListSerializer},
    )
    def get(self, request):
        params = request.query_params
        title = params.get("title", "")[:300]
        tags = [
            name.strip()
            for value in params.getlist("tags")
            for name in value[:600].split(",")
            if name.strip()
        ]
        threads = selectors.similar_threads(request.user, title, tags, limit=SIMILAR_LIMIT)
        links = Links(request)
        return Response({"results": [similar_thread_data(t, links) for t in threads]})


class ThreadDetailView(APIView):
    @extend_schema(
        summary="A thread",
        description="A thread merged into another one answers that one (its `id` differs).",
        responses={200: ThreadSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        thread = selectors.thread_detail(request.user, pk)
        return Response(thread_data(thread, Links(request), ThreadRights(request.user)))

    @extend_schema(
        summary="Edit a thread",
        description=(
            "The author, while the thread is open. Send `title`, `body` and/or `tags` "
            "(replaces the topics); the earlier title and text are kept as a revision."
        ),
        request=ThreadEditSerializer,
        responses={200: ThreadSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def patch(self, request, pk: int):
        thread = _thread(request, pk)
        data = validated(ThreadEditSerializer, request)
        services.thread_edit(actor=request.user, thread=thread, **data)
        return _thread_response(request, pk)

    @extend_schema(
        summary="Delete a thread",
        description="The author or a moderator. Deleting is soft: moderators can restore it.",
        responses={204: DELETED, 403: ERROR, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        services.thread_delete(actor=request.user, thread=_thread(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ThreadRestoreView(APIView):
    @extend_schema(
        summary="Restore a deleted thread",
        description="Moderators of where it is placed. A thread that is not deleted: 400.",
        request=None,
        responses={200: ThreadSerializer, 400: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        thread = _thread(request, pk, include_deleted=True)
        services.thread_restore(actor=request.user, thread=thread)
        return _thread_response(request, pk)


class ThreadHistoryView(APIView):
    @extend_schema(
        summary="A thread's earlier versions",
        description=(
            "Its earlier titles and texts, newest first: for the author and the moderators "
            "(also of a deleted thread, for moderators). Others who see the thread: 403."
        ),
        responses={200: ThreadHistorySerializer, 403: ERROR, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        thread = _thread(request, pk, include_deleted=True)
        if not permissions.can_see_history(request.user, thread):
            raise exceptions.PermissionDenied(
                _("Only the author and the moderators see earlier versions.")
            )
        revisions = selectors.thread_revisions(thread)
        return Response(thread_history_data(thread, revisions, Links(request)))


class ThreadFollowView(APIView):
    @extend_schema(
        summary="Follow a thread",
        description="Hear about its new replies and its accepted answer. Idempotent.",
        request=None,
        responses={200: ThreadFollowStateSerializer, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        services.thread_follow(user=request.user, thread=_thread(request, pk))
        return Response({"thread": pk, "followed": True})

    @extend_schema(
        summary="Stop following a thread",
        description="Idempotent.",
        request=None,
        responses={200: ThreadFollowStateSerializer, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        services.thread_unfollow(user=request.user, thread=_thread(request, pk))
        return Response({"thread": pk, "followed": False})


class AskInputSerializer(StrictSerializer):
    ask = ListField(
        child=serializers.CharField(),
        allow_empty=False,
        help_text=_(
            "Usernames of up to 5 people to ask for an answer (those who may not see the "
            "thread are left out)."
        ),
    )


class AskedSerializer(serializers.Serializer):
    thread = serializers.IntegerField(read_only=True)
    asked = PersonSummarySerializer(many=True, read_only=True)


class ThreadAskView(APIView):
    @extend_schema(
        summary="Ask people to answer a question",
        description=(
            "The thread's author names up to 5 people; those who may see the thread hear of "
            "it. `asked` lists who was asked (unknown people and those who may not see the "
            "thread are left out)."
        ),
        request=AskInputSerializer,
        responses={200: AskedSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        thread = _thread(request, pk)
        data = validated(AskInputSerializer, request)
        asked = services.thread_ask_experts(actor=request.user, thread=thread, people=data["ask"])
        links = Links(request)
        return Response({"thread": thread.pk, "asked": [links.person(p) for p in asked]})


class ThreadAcceptView(APIView):
    @extend_schema(
        summary="Accept an answer",
        description=(
            "The person who asked, or a moderator, accepts `reply` as the answer to the "
            "question; accepting another reply later changes the answer."
        ),
        request=AcceptInputSerializer,
        responses={200: ThreadSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        thread = _thread(request, pk)
        data = validated(AcceptInputSerializer, request)
        reply = _lookup(
            "reply", _("No such reply."), selectors.reply_get_for, request.user, data["reply"]
        )
        if reply.thread_id != thread.pk:
            raise exceptions.ValidationError(
                {"reply": [_("This reply is not an answer to this question.")]}
            )
        reply.thread = thread
        services.answer_accept(actor=request.user, reply=reply)
        return _thread_response(request, pk)

    @extend_schema(
        summary="Take back the accepted answer",
        description="The question is unsolved again.",
        request=None,
        responses={200: ThreadSerializer, 403: ERROR, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        services.answer_unaccept(actor=request.user, thread=_thread(request, pk))
        return _thread_response(request, pk)


MODERATIONS = {
    "pin": (services.thread_pin, "Pin a thread", "Keep it on top of its category's lists."),
    "unpin": (services.thread_unpin, "Unpin a thread", "It takes its place by activity again."),
    "lock": (services.thread_lock, "Lock a thread", "No new replies, edits or votes."),
    "unlock": (services.thread_unlock, "Unlock a thread", "Open a locked thread again."),
}


def _moderation_view(action: str):
    service, summary, description = MODERATIONS[action]

    class View(APIView):
        @extend_schema(
            summary=summary,
            description=f"{description} Moderators of where it is placed.",
            request=None,
            responses={200: ThreadSerializer, 403: ERROR, 404: NOT_FOUND},
        )
        def post(self, request, pk: int):
            service(actor=request.user, thread=_thread(request, pk))
            return _thread_response(request, pk)

    View.__name__ = View.__qualname__ = f"Thread{action.title()}View"
    return View


ThreadPinView = _moderation_view("pin")
ThreadUnpinView = _moderation_view("unpin")
ThreadLockView = _moderation_view("lock")
ThreadUnlockView = _moderation_view("unlock")


class ThreadMoveView(APIView):
    @extend_schema(
        summary="Move a thread",
        description=(
            "To another `category` (its id); the thread takes that category's place. "
            "Moderators of both places."
        ),
        request=MoveInputSerializer,
        responses={200: ThreadSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        thread = _thread(request, pk)
        data = validated(MoveInputSerializer, request)
        category = _lookup(
            "category",
            _("No such category."),
            selectors.category_get_for,
            request.user,
            pk=data["category"],
        )
        services.thread_move(actor=request.user, thread=thread, category=category)
        return _thread_response(request, pk)


class ThreadMergeView(APIView):
    @extend_schema(
        summary="Merge a thread into another",
        description=(
            "Its opening text becomes a reply in `into` (a thread id), its replies, votes and "
            "followers move over, and it answers as `into` from then on. Moderators of both "
            "places. Answers the thread merged into."
        ),
        request=MergeInputSerializer,
        responses={200: ThreadSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        source = _thread(request, pk)
        data = validated(MergeInputSerializer, request)
        target = _lookup("into", _("No such thread."), _thread, request, data["into"])
        target = services.thread_merge(actor=request.user, source=source, target=target)
        return _thread_response(request, target.pk)


# --- replies ----------------------------------------------------------------------------


class ThreadRepliesView(APIView):
    parser_classes = PARSERS

    @extend_schema(
        summary="A thread's replies",
        description=(
            "A question's replies best first (the accepted answer, then by votes); a "
            "discussion's oldest first. 100 a page."
        ),
        parameters=[PAGE],
        responses={200: ReplyPageSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        thread = selectors.thread_detail(request.user, pk)
        page = selectors.replies_for(request.user, thread, page=request.query_params.get("page"))
        links, rights = Links(request), ThreadRights(request.user)
        return _page_response(
            request, page, [reply_data(reply, thread, links, rights) for reply in page]
        )

    @extend_schema(
        summary="Reply in a thread",
        description=(
            "Not in a locked thread (403). `quoted` quotes a reply of the same thread. JSON, "
            "or multipart with `attachments`. You follow the thread from then on."
        ),
        request={
            "application/json": ReplyCreateSerializer,
            "multipart/form-data": ReplyCreateSerializer,
        },
        responses={
            201: ForumReplySerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: NOT_FOUND,
            429: RATE_LIMITED,
        },
    )
    def post(self, request, pk: int):
        thread = _thread(request, pk)
        data = dict(validated(ReplyCreateSerializer, request))
        quoted = None
        if data.get("quoted") is not None:
            quoted = _lookup(
                "quoted",
                _("You can only quote a reply in this thread."),
                selectors.reply_get_for,
                request.user,
                data["quoted"],
            )
        reply = services.reply_create(
            author=request.user,
            thread=thread,
            body=data["body"],
            quoted=quoted,
            attachments=data["attachments"],
        )
        return _reply_response(request, reply, code=status.HTTP_201_CREATED)


class ReplyDetailView(APIView):
    @extend_schema(summary="A reply", responses={200: ForumReplySerializer, 404: NOT_FOUND})
    def get(self, request, pk: int):
        return _reply_response(request, selectors.reply_get_for(request.user, pk))

    @extend_schema(
        summary="Edit a reply",
        description="The author, while the thread is open; the earlier text is kept.",
        request=ReplyEditSerializer,
        responses={200: ForumReplySerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def patch(self, request, pk: int):
        reply = selectors.reply_get_for(request.user, pk)
        data = validated(ReplyEditSerializer, request)
        reply = services.reply_edit(actor=request.user, reply=reply, body=data["body"])
        return _reply_response(request, reply)

    @extend_schema(
        summary="Delete a reply",
        description=(
            "Its author or a moderator. A deleted accepted answer leaves the question unsolved."
        ),
        responses={204: DELETED, 403: ERROR, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        services.reply_delete(actor=request.user, reply=selectors.reply_get_for(request.user, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReplyHistoryView(APIView):
    @extend_schema(
        summary="A reply's earlier versions",
        description="Its earlier texts, newest first: for the author and the moderators.",
        responses={200: ReplyHistorySerializer, 403: ERROR, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        reply = selectors.reply_get_for(request.user, pk)
        if not permissions.can_see_history(request.user, reply):
            raise exceptions.PermissionDenied(
                _("Only the author and the moderators see earlier versions.")
            )
        revisions = selectors.reply_revisions(reply)
        return Response(reply_history_data(reply, revisions, Links(request)))


class ReplyVoteView(APIView):
    @extend_schema(
        summary="Vote on a reply",
        description=(
            "`value` 1 (up) or -1 (down): one vote per person, the same vote twice changes "
            "nothing, the other way switches it. Not on your own reply (403)."
        ),
        request=VoteInputSerializer,
        responses={200: ForumReplySerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        reply = selectors.reply_get_for(request.user, pk)
        data = validated(VoteInputSerializer, request)
        services.reply_vote(user=request.user, reply=reply, value=data["value"])
        return _reply_response(request, selectors.reply_get_for(request.user, pk))

    @extend_schema(
        summary="Take back my vote on a reply",
        description="Idempotent.",
        request=None,
        responses={200: ForumReplySerializer, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        reply = selectors.reply_get_for(request.user, pk)
        services.reply_unvote(user=request.user, reply=reply)
        return _reply_response(request, selectors.reply_get_for(request.user, pk))


# --- experts ----------------------------------------------------------------------------


class ExpertListView(APIView):
    @extend_schema(
        summary="Find an expert",
        description=(
            "The people with the most evidence on `topic` (a tag or free text), best first: "
            "accepted answers and up-votes in threads on it, declared skills, articles and "
            "posts on it; recent evidence (90 days) counts double. Only what you may see "
            "counts. At most 10 people."
        ),
        parameters=[OpenApiParameter("topic", str, required=True)],
        responses={200: ExpertListSerializer, 400: FIELD_ERRORS},
    )
    def get(self, request):
        query = ExpertsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        topic = query.validated_data["topic"]
        links = Links(request)
        found = experts.experts_for(request.user, topic)
        return Response({"topic": topic, "results": [expert_data(e, links) for e in found]})
