"""What the feed pages share: one way to show a timeline (full page, the section another
page loads, the next page, the newer items) and the composer."""

from django.shortcuts import render

from feed import selectors
from feed.forms import PostForm
from feed.services.posts import announcement_mark_seen


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
