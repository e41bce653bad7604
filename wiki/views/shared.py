"""What the wiki's views share: finding the space and page of an address, the viewer's
rights on a page, the space's outline, and the "older" cursor of the change lists."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from wiki import permissions, selectors

CHANGES_PER_PAGE = 50
HISTORY_PER_PAGE = 50


def space_for(request, space_slug: str):
    """The space at ``space_slug``; Http404 when the viewer may not read it."""
    return selectors.get_space_for(request.user, space_slug)


def page_for(request, space_slug: str, slug: str, *, include_deleted: bool = False):
    """The page at ``space_slug/slug``; Http404 when it is not there or not visible."""
    space = space_for(request, space_slug)
    return selectors.get_page_for(request.user, space, slug, include_deleted=include_deleted)


def renamed_page_url(request, space_slug: str, slug: str) -> str:
    """Where the address asked for lives now, when ``slug`` is a former address of a page
    the viewer may see (the same view, its new address, the same query); '' otherwise."""
    try:
        space = space_for(request, space_slug)
        page = selectors.get_page_for(request.user, space, slug, follow_aliases=True)
    except Http404:
        return ""
    match = request.resolver_match
    if page.slug == slug or match is None or "slug" not in match.kwargs:
        return ""
    url = reverse(match.view_name, kwargs={**match.kwargs, "slug": page.slug})
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


def follows_renames(view):
    """A GET of a page's address (or one under it) that finds no page there is sent on to
    the page renamed from it (a 302: a new page may take the old address later)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            if request.method not in ("GET", "HEAD"):
                raise
            moved = renamed_page_url(request, kwargs.get("space", ""), kwargs.get("slug", ""))
            if not moved:
                raise
            return redirect(moved)

    return wrapped


def outline_of(space, current=None) -> dict:
    """The space's tree for the sidebar, with the pages above ``current`` open."""
    roots = selectors.page_outline(space)
    flat = selectors.flatten_outline(roots)
    open_ids = set()
    if current is not None:
        parents = {node.pk: node.parent_id for node in flat}
        at = parents.get(current.pk)
        while at is not None and at not in open_ids:
            open_ids.add(at)
            at = parents.get(at)
    for node in flat:
        node.is_open = node.pk in open_ids
        node.is_current = current is not None and node.pk == current.pk
    return {"outline": roots, "outline_flat": flat}


def page_rights(user, page) -> dict:
    """What the viewer may do with ``page``: one bool per action, for the templates."""
    space = page.space
    can_edit = permissions.can_edit_page(user, page)
    return {
        "can_edit": can_edit,
        "can_move": can_edit,
        "can_revert": can_edit,
        "can_create": permissions.can_create_page(user, space),
        "can_delete": permissions.can_delete_page(user, page),
        "can_protect": permissions.can_protect_page(user, page),
        "can_restore": permissions.can_restore_page(user, page),
        "can_edit_space": permissions.can_edit_space(user, space),
    }


def edit_refusal(user, page) -> str:
    """Why ``user`` may not edit ``page`` ('' when they may)."""
    try:
        permissions.check_edit_page(user, page)
    except PermissionDenied as refused:
        return str(refused)
    return ""


def failure(error) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def done_or_failed(request, call, *, done: str, then: str):
    """Run a POST action ``call()``; say ``done`` or why it failed; go to ``then``."""
    try:
        call()
    except (ValidationError, PermissionDenied) as failed:
        messages.error(request, failure(failed))
    else:
        messages.success(request, done)
    return redirect(then)
