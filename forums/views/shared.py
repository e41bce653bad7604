"""What the forum's views share: reading the list parameters, a thread page's context."""

from django.utils.translation import gettext as _

from communities.permissions import can_read_content
from forums import permissions, selectors
from forums.forms import AskForm, ReplyForm
from forums.models import Category
from moderation.permissions import can_moderate_in


def list_params(request) -> tuple[str, str]:
    """``filter`` and ``sort`` from the query string; unknown values fall back to the default."""
    chosen = request.GET.get("filter", "all")
    sort = request.GET.get("sort", "activity")
    return (
        chosen if chosen in selectors.FILTERS else "all",
        sort if sort in selectors.SORTS else "activity",
    )


def list_choices() -> dict:
    """The labels of the filters and sorts, for ``forums/_filters.html``."""
    return {
        "filter_choices": [
            ("all", _("All")),
            ("unanswered", _("Unanswered")),
            ("unsolved", _("Unsolved")),
        ],
        "sort_choices": [
            ("activity", _("Latest activity")),
            ("newest", _("Newest")),
            ("votes", _("Most votes")),
        ],
    }


def move_targets(user, thread) -> list[Category]:
    """The categories ``user`` may move ``thread`` into: visible ones, other than its own,
    in a place they moderate (the service asks for moderator rights in both places)."""
    moderates: dict = {}
    targets = []
    for category in Category.objects.visible_to(user).select_related("community"):
        if category.pk == thread.category_id:
            continue
        if category.community_id not in moderates:
            moderates[category.community_id] = can_moderate_in(user, category.community)
        if moderates[category.community_id]:
            targets.append(category)
    return targets


def thread_context(request, thread, *, form=None, page=1, ask_form=None) -> dict:
    """Everything the thread page shows, with the viewer's rights computed once."""
    user = request.user
    moderator = can_moderate_in(user, thread.community)
    readable = thread.community is None or can_read_content(user, thread.community)
    archived = thread.community is not None and thread.community.is_archived
    open_for_writes = not thread.is_deleted and not thread.is_locked and not archived
    replies = None
    if not thread.is_deleted:
        replies = selectors.replies_for(user, thread, page=page)
        for reply in replies:
            reply.viewer_can_vote = open_for_writes and reply.author_id != user.pk
            reply.viewer_can_edit = open_for_writes and reply.author_id == user.pk
            reply.viewer_can_delete = reply.author_id == user.pk or moderator
    # The asker may still name people to answer an unsolved question.
    can_ask = (
        thread.is_question
        and not thread.is_solved
        and thread.author_id == user.pk
        and open_for_writes
        and readable
    )
    quoting = None
    if form is None:
        form = ReplyForm()
        quote = request.GET.get("quote", "")
        if quote.isdigit() and replies is not None:
            quoting = next((r for r in replies if r.pk == int(quote)), None)
            if quoting is not None:
                form.initial["quoted"] = quoting.pk
    elif form.is_bound and replies is not None:
        quoted = form.data.get("quoted", "")
        quoting = next((r for r in replies if str(r.pk) == quoted), None)
    return {
        "thread": thread,
        "category": thread.category,
        "replies": replies,
        "tags": list(thread.tags.all()),
        "form": form,
        "quoting": quoting,
        "can_reply": open_for_writes and readable,
        "can_accept": thread.is_question
        and not archived
        and not thread.is_deleted
        and (thread.author_id == user.pk or moderator),
        "can_edit": permissions.can_edit_thread(user, thread) and not thread.is_deleted,
        "can_delete": permissions.can_delete_thread(user, thread),
        "can_restore": permissions.can_restore_thread(user, thread),
        "can_see_history": permissions.can_see_history(user, thread),
        "is_moderator": moderator,
        "move_targets": move_targets(user, thread) if moderator and not thread.is_deleted else [],
        "can_ask": can_ask,
        "ask_form": (ask_form or AskForm()) if can_ask else None,
        "is_archived": archived,
    }
