"""What the feed pages share: one way to show a timeline (full page, the section another
page loads, the next page, the newer items), the composer, and the kinds of items the
conversation views serve (posts, and what other apps register: articles...)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import render

from communities.permissions import remember_memberships
from feed import permissions, selectors
from feed.forms import PostForm
from feed.services.posts import announcement_mark_seen

REACTION_BAR = "feed/_reaction_bar.html"


def composer(user, *, community=None, data=None, files=None) -> PostForm | None:
    """The composer, placed in ``community`` when given (None when ``user`` may not post
    there)."""
    form = PostForm(data, files, user=user)
    if community is not None:
        if not any(c.pk == community.pk for c in form.postable):
            return None
        form.initial["community"] = community.slug
    return form


def _mark_seen(user, pinned) -> None:
    """Count the viewer once among those who saw each pinned announcement shown."""
    seen = selectors.announcement_seen_ids(user, pinned)
    for post in pinned:
        if post.pk not in seen and announcement_mark_seen(user=user, post=post):
            post.seen_count += 1


def feed_response(
    request,
    *,
    key: str,
    fetch,
    template: str,
    section_template: str = "",
    pinned=None,
    context=None,
    extra=None,
    status: int = 200,
):
    """A timeline. ``fetch(before=, after=, exclude=[, pinned=])`` is a feed selector;
    ``pinned()`` gives the ids of the announcements pinned on top (the selector fetches them
    with the page).

    ``?after=`` answers the newer items (live "show new posts", HTMX or not); HTMX with
    ``?before=`` the next page; other HTMX requests the feed section (another page loads
    it); otherwise the whole page, from ``before`` when given (no JavaScript). ``extra()``
    adds what only the page and the section show (the composer, side columns)."""
    user = request.user
    after, before = request.GET.get("after"), request.GET.get("before")
    context = {"feed_key": key, "feed_url": request.path, **(context or {})}
    if after is not None:
        page = fetch(after=after)
        items = selectors.posts_decorate(page.items, user)
        return render(request, "feed/_items.html", {**context, "items": items, "page": page})
    pinned_ids = pinned() if pinned else []
    # An older page: the pinned announcements and the composer belong to the newest.
    older = selectors.decode_cursor(before) is not None
    shown = {"pinned": [] if older else pinned_ids} if pinned else {}
    page = fetch(before=before, exclude=pinned_ids, **shown)
    if request.htmx and before is not None:
        items = selectors.posts_decorate(page.items, user)
        context.update({"items": items, "page": page, "more": True})
        return render(request, "feed/_items.html", context)
    if older:
        context["older"] = True
    if extra is not None:
        context.update(extra())
    if context.get("older"):
        context.pop("composer", None)
    decorated = selectors.posts_decorate([*page.pinned, *page.items], user)
    _mark_seen(user, page.pinned)
    context.update({"pinned": decorated[: len(page.pinned)], "items": page.items, "page": page})
    if request.htmx and section_template and not request.htmx.boosted:
        return render(request, section_template, context, status=status)
    return render(request, template, context, status=status)


# --- what people comment on and react to ----------------------------------------------------


@dataclass(frozen=True)
class Commentable:
    """A kind of item with the feed's conversation (``feed.views.conversation``) at
    ``/<kind>/<pk>/comments/``, ``/<kind>/<pk>/react/``...: posts, articles..."""

    kind: str
    model: type
    # ``get(user, pk)``: the item for that person (with what its page shows), else Http404.
    get: Callable
    # ``decorate(items, viewer)``: what the conversation templates read (default: the
    # reactions, the latest comments and what the viewer may do, see conversation_decorate).
    decorate: Callable
    # DOM ids: ``<prefix>-<pk>`` is the item's anchor, ``<prefix>-<pk>-comments`` its comments.
    prefix: str
    back_label: str
    # What answers a reaction on the item (the first swapped in, the others out of band), and
    # what is sent out of band when its comments change.
    reacted: tuple[str, ...] = (REACTION_BAR,)
    counts: str = REACTION_BAR


_COMMENTABLE: dict[str, Commentable] = {}


def register_commentable(
    kind: str,
    *,
    model,
    get,
    prefix: str,
    back_label: str,
    decorate=None,
    reacted: tuple[str, ...] = (REACTION_BAR,),
    counts: str = REACTION_BAR,
) -> None:
    """Serve the feed's comments and reactions on ``model`` at ``/<kind>/<pk>/...`` (called
    by the owning app at start-up: the feed never imports it). ``model`` must answer
    ``is_visible_to(user)`` and carry ``comment_count`` and ``reaction_count``."""
    if decorate is None:

        def decorate(items, viewer):
            return conversation_decorate(items, viewer, kind=kind)

    _COMMENTABLE[kind] = Commentable(
        kind=kind,
        model=model,
        get=get,
        decorate=decorate,
        prefix=prefix,
        back_label=back_label,
        reacted=reacted,
        counts=counts,
    )


def commentable(kind: str) -> Commentable | None:
    return _COMMENTABLE.get(kind)


def commentable_of(model) -> Commentable | None:
    """The registered kind of ``model`` (a comment's target), if any."""
    return next((entry for entry in _COMMENTABLE.values() if entry.model is model), None)


def conversation_decorate(items, viewer, *, kind: str) -> list:
    """Set on each item what the conversation templates show (its reaction summary, the
    viewer's reaction, its latest comments, whether the viewer may take part) with a constant
    number of queries. Posts have ``feed.selectors.posts_decorate`` instead."""
    items = list(items)
    entry = _COMMENTABLE[kind]
    if not items:
        return items
    communities = {i.community_id: i.community for i in items if getattr(i, "community_id", None)}
    remember_memberships(viewer, communities.values())
    content_type = ContentType.objects.get_for_model(entry.model)
    ids = [item.pk for item in items]
    summaries, mine = selectors.reaction_summaries_for(content_type, ids, viewer)
    latest = selectors.latest_comments_for(content_type, ids, viewer)
    for item in items:
        item.conversation_kind, item.dom_prefix = kind, entry.prefix
        item.comment_box_key = f"{entry.prefix}-{item.pk}"
        item.reaction_summary = summaries.get(item.pk, [])
        item.viewer_reaction = mine.get(item.pk)
        item.latest_comments = latest.get(item.pk, [])
        for comment in item.latest_comments:
            comment.viewer_can_edit = permissions.can_edit_comment(viewer, comment)
            comment.viewer_can_delete = permissions.can_delete_comment(viewer, comment, item)
        item.more_comment_count = max(0, item.comment_count - len(item.latest_comments))
        item.viewer_can_comment = permissions.can_comment(viewer, item)
    return items


def conversation_context(viewer, item) -> dict:
    """What a page showing ``item`` with all its comments (an article's page) passes to
    feed/_reaction_bar.html and feed/_comments.html."""
    entry = commentable_of(type(item))
    if entry is None:
        raise LookupError(f"{type(item).__name__} is not registered as commentable.")
    (item,) = entry.decorate([item], viewer)
    return {
        "subject": item,
        "comments_full_for": item.pk,
        "comment_list": selectors.comments_for(viewer, item),
    }
