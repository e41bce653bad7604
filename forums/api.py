"""The forum API: categories, threads, replies, votes, accepted answers, following, and the
moderators' pin, lock, move and merge, under /api/v1/.

Thin views over the same services and selectors as the forum pages. A thread in a community
the person may not read does not exist for them (404, on every endpoint); what they see but
may not do answers 403 with the service's reason; bad input answers 400 with field errors and
writes nothing (every service runs in one transaction).
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, parsers, status
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from communities import selectors as community_selectors
from core.api import ERROR, FIELD_ERRORS, validated
from feed.serializers import Links
from forums import experts, selectors, services
from forums.serializers import (
    AcceptInputSerializer,
    CategoryCreateSerializer,
    CategorySerializer,
    ExpertListSerializer,
    ExpertsQuerySerializer,
    ForumReplySerializer,
    MergeInputSerializer,
    MoveInputSerializer,
    ReplyCreateSerializer,
    ReplyEditSerializer,
    ReplyPageSerializer,
    ThreadCreateSerializer,
    ThreadEditSerializer,
    ThreadFollowStateSerializer,
    ThreadPageSerializer,
    ThreadRights,
    ThreadSerializer,
    VoteInputSerializer,
    category_data,
    expert_data,
    reply_data,
    thread_data,
)

PARSERS = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="No such thread, or one you may not see (private and secret communities).",
)
RATE_LIMITED = OpenApiResponse(OpenApiTypes.OBJECT, description="Posting too often.")
DELETED = OpenApiResponse(description="Deleted.")
PAGE = OpenApiParameter("page", int, description="The page number, 1 by default.")


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
            "a secret one does not exist for others (404)."
        ),
        parameters=[OpenApiParameter("community", str, description="A community slug.")],
        responses={200: CategorySerializer(many=True), 403: ERROR, 404: ERROR},
    )
    def get(self, request):
        community = None
        slug = request.query_params.get("community", "").strip()
        if slug:
            community = community_selectors.community_get_for(request.user, slug=slug)
        links = Links(request)
        categories = selectors.categories_for(request.user, community)
        return Response([category_data(category, links) for category in categories])

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
        slug = (data.pop("community", None) or "").strip()
        community = None
        if slug:
            community = community_selectors.community_get_for(request.user, slug=slug)
        category = services.category_create(actor=request.user, community=community, **data)
        return Response(category_data(category, Links(request)), status=status.HTTP_201_CREATED)


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


class ThreadCreateView(APIView):
    @extend_schema(
        summary="Start a discussion or ask a question",
        description=(
            "In `category` (its id); the thread takes the category's place (company-wide or "
            "its community) and you follow it. `kind`: `discussion` (default) or `question`."
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
