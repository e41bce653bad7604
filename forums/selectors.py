"""Reading the forum: categories with their counts, a category's threads (filtered, sorted,
paged), one thread, and its replies with the viewer's votes. Every read starts from the one
visibility rule (``visible_to`` / ``is_visible_to``); what the viewer may not see is a 404.

Replies of a question come best first: the accepted answer, then by score (ties: oldest
first); replies of a discussion come in the order they were written.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from communities.models import Community
from communities.permissions import can_read_content, can_view_community
from forums.models import Category, Reply, ReplyVote, TaggedThread, Thread, ThreadSubscription
from moderation.permissions import can_moderate_in

FILTERS = ("all", "unanswered", "unsolved")
SORTS = ("activity", "newest", "votes")
THREADS_PER_PAGE = 25
REPLIES_PER_PAGE = 100
MAX_MERGE_HOPS = 10

ALIVE_THREAD = Q(
    threads__deleted_at__isnull=True,
    threads__merged_into__isnull=True,
    threads__hidden_at__isnull=True,
)
ORDERINGS = {
    "activity": ["-is_pinned", "-last_activity_at", "-id"],
    "newest": ["-is_pinned", "-created_at", "-id"],
    "votes": ["-is_pinned", "-score", "-last_activity_at", "-id"],
}


def _check_community(viewer, community: Community) -> None:
    """404 for a community the viewer may not know about, 403 for one whose content is for
    its members."""
    if not can_view_community(viewer, community):
        raise Http404("No such community.")
    if not can_read_content(viewer, community):
        raise PermissionDenied(_("Only the community's members can read its forum."))


def categories_for(viewer, community: Community | None = None) -> list[Category]:
    """The categories of the company-wide forum (``community`` None) or of one community, in
    their order, each with ``thread_count`` (threads the viewer may see) and
    ``last_activity_at``."""
    if not viewer.is_authenticated:
        return []
    if community is not None:
        _check_community(viewer, community)
    return list(
        Category.objects.filter(community=community)
        .select_related("community")
        .annotate(
            thread_count=Count("threads", filter=ALIVE_THREAD),
            last_activity_at=Max("threads__last_activity_at", filter=ALIVE_THREAD),
        )
        .order_by("position", "name", "id")
    )


def category_get_for(viewer, **lookup) -> Category:
    """One category the viewer may see, else Http404."""
    category = Category.objects.select_related("community").filter(**lookup).first()
    if category is None or not category.is_visible_to(viewer):
        raise Http404("No such category.")
    return category


def _with_viewer(queryset, viewer):
    if not viewer.is_authenticated:
        return queryset
    return queryset.annotate(
        is_followed=Exists(ThreadSubscription.objects.filter(thread=OuterRef("pk"), user=viewer))
    )


def _filtered(threads, filter: str):  # noqa: A002 - the list's own word for it.
    if filter == "unanswered":
        # Live replies only: a thread whose only answer was deleted is unanswered again
        # (``first_reply_at`` stays, as a measure of how fast people answered).
        answered = Reply.objects.filter(thread=OuterRef("pk"), deleted_at__isnull=True).exclude(
            author=OuterRef("author")
        )
        return threads.filter(~Exists(answered))
    if filter == "unsolved":
        return threads.filter(kind="question", accepted_reply__isnull=True)
    return threads


def threads_in(
    viewer,
    category: Category,
    *,
    filter: str = "all",  # noqa: A002 - the list's own word for it.
    sort: str = "activity",
    page: int | str = 1,
    per_page: int = THREADS_PER_PAGE,
) -> Page:
    """One page of the threads of ``category`` the viewer may see, pinned ones first.

    ``filter``: "all"; "unanswered" (nobody but the asker has replied); "unsolved" (questions
    without an accepted answer). ``sort``: "activity" (latest activity), "newest", "votes"
    (the sum of the replies' scores). Each thread comes with its author, category, tags and
    ``is_followed`` for the viewer, in a constant number of queries."""
    if filter not in FILTERS:
        raise ValidationError(
            {"filter": _("Choose one of: %(choices)s.") % {"choices": ", ".join(FILTERS)}}
        )
    if sort not in SORTS:
        raise ValidationError(
            {"sort": _("Choose one of: %(choices)s.") % {"choices": ", ".join(SORTS)}}
        )
    if not category.is_visible_to(viewer):
        raise Http404("No such category.")
    threads = _filtered(Thread.objects.visible_to(viewer).filter(category=category), filter)
    threads = (
        _with_viewer(threads, viewer)
        .select_related("author", "category", "community")
        .prefetch_related("tags")
        .order_by(*ORDERINGS[sort])
    )
    return Paginator(threads, per_page).get_page(page)


def thread_detail(viewer, pk, *, include_deleted: bool = False) -> Thread:
    """The thread ``pk`` as the viewer may see it, else Http404. A thread merged into another
    one leads to that one: the result's ``pk`` then differs from ``pk`` (the page redirects).
    Moderators also get a deleted thread with ``include_deleted`` (to restore it)."""
    base = _with_viewer(
        Thread.objects.select_related("author", "category", "community", "accepted_reply__author"),
        viewer,
    )
    thread = base.filter(pk=pk).first()
    hops = 0
    while thread is not None and thread.is_merged and hops < MAX_MERGE_HOPS:
        thread, hops = base.filter(pk=thread.merged_into_id).first(), hops + 1
    if thread is None:
        raise Http404("No such thread.")
    if (
        include_deleted
        and thread.is_deleted
        and viewer.is_authenticated
        and can_moderate_in(viewer, thread.community)
        and (thread.community is None or can_read_content(viewer, thread.community))
    ):
        return thread
    if not thread.is_visible_to(viewer):
        raise Http404("No such thread.")
    return thread


def reply_get_for(viewer, pk) -> Reply:
    """One reply the viewer may see (with its thread), else Http404."""
    reply = (
        Reply.objects.select_related("author", "thread__community", "thread__category")
        .filter(pk=pk)
        .first()
    )
    if reply is None or not reply.is_visible_to(viewer):
        raise Http404("No such reply.")
    return reply


def replies_for(
    viewer, thread: Thread, *, page: int | str = 1, per_page: int = REPLIES_PER_PAGE
) -> Page:
    """One page of a thread's replies (not deleted), each with ``viewer_vote`` (1, -1 or None),
    ``is_accepted``, its author, the reply it quotes and its attachments, in a constant number
    of queries. Questions: the accepted answer, then by score, then oldest first; discussions:
    oldest first."""
    if not thread.is_visible_to(viewer):
        raise Http404("No such thread.")
    replies = (
        Reply.objects.filter(thread=thread, deleted_at__isnull=True)
        .select_related("author", "quoted__author")
        .prefetch_related("attachments")
        .annotate(
            is_accepted=Case(
                When(pk=thread.accepted_reply_id or 0, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            viewer_vote=Subquery(
                ReplyVote.objects.filter(reply=OuterRef("pk"), user=viewer).values("value")[:1]
            ),
        )
    )
    if thread.is_question:
        replies = replies.order_by("-is_accepted", "-score", "created_at", "id")
    else:
        replies = replies.order_by("created_at", "id")
    result = Paginator(replies, per_page).get_page(page)
    for reply in result:
        reply.thread = thread
        reply.is_accepted = bool(reply.is_accepted)
    return result


def reply_page_number(reply: Reply, *, per_page: int = REPLIES_PER_PAGE) -> int:
    """The page of ``replies_for`` that holds ``reply`` (a live one), in one COUNT: the live
    replies of its thread ordered before it, in ``replies_for``'s order."""
    thread = reply.thread
    alive = Reply.objects.filter(thread_id=reply.thread_id, deleted_at__isnull=True)
    earlier = Q(created_at__lt=reply.created_at) | Q(created_at=reply.created_at, id__lt=reply.pk)
    if thread.is_question:
        accepted_id = thread.accepted_reply_id
        if reply.pk == accepted_id:
            return 1
        better = Q(score__gt=reply.score) | (Q(score=reply.score) & earlier)
        before = better & ~Q(pk=accepted_id or 0)
        if accepted_id:
            before |= Q(pk=accepted_id)
    else:
        before = earlier
    return alive.filter(before).count() // per_page + 1


def threads_recent(viewer, *, community: Community | None = None, limit: int = 20) -> list[Thread]:
    """The newest threads the viewer may see, everywhere or in one ``community`` (for feeds
    and profile activity), with author, category and place, in one query."""
    threads = Thread.objects.visible_to(viewer)
    if community is not None:
        threads = threads.filter(community=community)
    return list(
        threads.select_related("author", "category", "community").order_by("-created_at", "-id")[
            :limit
        ]
    )


def community_categories_for(viewer) -> list[Category]:
    """The categories of every community whose content the viewer may read, grouped by
    community (its name order), with the counts ``categories_for`` gives, in one query."""
    return list(
        Category.objects.visible_to(viewer)
        .filter(community__isnull=False)
        .select_related("community")
        .annotate(
            thread_count=Count("threads", filter=ALIVE_THREAD),
            last_activity_at=Max("threads__last_activity_at", filter=ALIVE_THREAD),
        )
        .order_by("community__name", "community_id", "position", "name", "id")
    )


def threads_anywhere(
    viewer,
    *,
    filter: str = "all",  # noqa: A002 - the list's own word for it.
    sort: str = "activity",
    limit: int = 15,
) -> list[Thread]:
    """The threads the viewer may see anywhere, filtered and sorted as a category's list
    (pinning only counts inside a category), with author, category and place."""
    ordering = [field for field in ORDERINGS[sort] if field != "-is_pinned"]
    threads = _filtered(Thread.objects.visible_to(viewer), filter)
    return list(
        threads.select_related("author", "category", "community").order_by(*ordering)[:limit]
    )


SIMILAR_MAX_WORDS = 8
SIMILAR_MAX_TAGS = 10


def title_words(title: str) -> list[str]:
    """The strong words of a title: 4+ letters, lower-cased, each once, in order (at most 8)."""
    words = re.findall(r"[^\W\d_]{4,}", title or "")
    return list(dict.fromkeys(word.lower() for word in words))[:SIMILAR_MAX_WORDS]


def similar_threads(viewer, title: str, tags: list[str], *, limit: int = 5) -> list[Thread]:
    """Threads the viewer may see that share a topic with ``tags`` or a strong word with
    ``title``, most alike first (shared topics + matching words), solved ones first among
    equals, then the latest active. Each has ``tag_overlap`` and ``word_matches``;
    one query, whatever the number of words or topics."""
    words = title_words(title)
    names = list(dict.fromkeys(str(t).strip().lstrip("#").lower() for t in tags or ()))
    names = [name for name in names if name][:SIMILAR_MAX_TAGS]
    if not viewer.is_authenticated or not (words or names):
        return []
    on_tags = Q(pk__in=[])
    for name in names:
        on_tags |= Q(tag__name__iexact=name)
        slug = slugify(name, allow_unicode=True)
        if slug:
            on_tags |= Q(tag__slug=slug)
    tagged = TaggedThread.objects.filter(on_tags)
    overlap = (
        tagged.filter(content_object=OuterRef("pk"))
        .order_by()
        .values("content_object")
        .annotate(n=Count("tag", distinct=True))
        .values("n")
    )
    matches = Value(0, output_field=IntegerField())
    for word in words:
        matches += Case(
            When(title__icontains=word, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    found = Q(pk__in=tagged.values("content_object")) if names else Q(pk__in=[])
    for word in words:
        found |= Q(title__icontains=word)
    threads = (
        Thread.objects.visible_to(viewer)
        .filter(found)
        .annotate(
            tag_overlap=Coalesce(Subquery(overlap, output_field=IntegerField()), Value(0)),
            word_matches=matches,
            solved_first=Case(
                When(accepted_reply__isnull=False, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .annotate(relevance=F("tag_overlap") + F("word_matches"))
        .select_related("category", "community")
        .order_by("-relevance", "-solved_first", "-last_activity_at", "-id")
    )
    return list(threads[: max(limit, 0)])


# --- for the API (read-only helpers) ------------------------------------------------------


def category_with_counts_for(viewer, pk) -> Category:
    """One category the viewer may see (else Http404), with ``thread_count`` and
    ``last_activity_at`` as ``categories_for`` gives them."""
    category = category_get_for(viewer, pk=pk)
    counts = Category.objects.filter(pk=category.pk).aggregate(
        thread_count=Count("threads", filter=ALIVE_THREAD),
        last_activity_at=Max("threads__last_activity_at", filter=ALIVE_THREAD),
    )
    category.thread_count = counts["thread_count"]
    category.last_activity_at = counts["last_activity_at"]
    return category


def threads_anywhere_listed(
    viewer,
    *,
    filter: str = "all",  # noqa: A002 - the list's own word for it.
    sort: str = "activity",
    limit: int = 20,
) -> list[Thread]:
    """``threads_anywhere`` with what a full thread row needs: tags and ``is_followed`` for
    the viewer, in a constant number of queries."""
    if filter not in FILTERS:
        raise ValidationError(
            {"filter": _("Choose one of: %(choices)s.") % {"choices": ", ".join(FILTERS)}}
        )
    if sort not in SORTS:
        raise ValidationError(
            {"sort": _("Choose one of: %(choices)s.") % {"choices": ", ".join(SORTS)}}
        )
    ordering = [field for field in ORDERINGS[sort] if field != "-is_pinned"]
    threads = _filtered(Thread.objects.visible_to(viewer), filter)
    threads = (
        _with_viewer(threads, viewer)
        .select_related("author", "category", "community")
        .prefetch_related("tags")
        .order_by(*ordering)
    )
    return list(threads[: max(limit, 0)])


def thread_revisions(thread: Thread) -> list:
    """Earlier titles and texts of ``thread``, newest first, with who replaced each."""
    return list(thread.revisions.select_related("replaced_by"))


def reply_revisions(reply: Reply) -> list:
    """Earlier texts of ``reply``, newest first, with who replaced each."""
    return list(reply.revisions.select_related("replaced_by"))
