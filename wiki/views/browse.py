"""Reading the wiki: the index, recent changes, a space, a page (or the "not written yet" page
of a missing one), a space's settings, and watching.

Everything comes through ``wiki.selectors`` (404 for what the viewer may not see); writes go
through ``wiki.services``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from core.shortcuts import add_service_errors
from wiki import permissions, selectors, services
from wiki.forms import SpaceSettingsForm, parent_choices
from wiki.models import SpaceKind
from wiki.templatetags.wiki_tags import decorate_body
from wiki.views.shared import (
    CHANGES_PER_PAGE,
    outline_of,
    page_for,
    page_rights,
    space_for,
)

INDEX_CHANGES = 15
SPACE_CHANGES = 10


@require_GET
def index(request):
    """The spaces the viewer may read (company, communities, people) and the latest changes
    anywhere they may look. ``?community=<slug>`` leads to that community's space."""
    user = request.user
    community = request.GET.get("community", "")
    if community:
        return redirect(selectors.get_space_for_community(user, community))
    spaces = selectors.spaces_for(user)
    groups = {kind: [] for kind in SpaceKind.values}
    for space in spaces:
        groups[space.kind].append(space)
    context = {
        "company_spaces": groups[SpaceKind.COMPANY],
        "community_spaces": groups[SpaceKind.COMMUNITY],
        "personal_spaces": groups[SpaceKind.PERSONAL],
        "own_space": next((s for s in groups[SpaceKind.PERSONAL] if s.owner_id == user.pk), None),
        "changes": selectors.recent_changes(user, limit=INDEX_CHANGES),
    }
    return render(request, "wiki/index.html", context)


def _changes_page(request, space=None):
    changes = selectors.recent_changes(
        request.user, space=space, before=request.GET.get("before"), limit=CHANGES_PER_PAGE
    )
    context = {"space": space, "changes": changes, "is_older": bool(request.GET.get("before"))}
    if request.htmx and request.GET.get("before"):
        return render(request, "wiki/changes.html#rows", context)
    return render(request, "wiki/changes.html", context)


@require_GET
def changes(request):
    """Recent changes company-wide (of the pages the viewer may see), newest first."""
    return _changes_page(request)


@require_GET
def space_changes(request, space: str):
    """Recent changes of one space, newest first."""
    return _changes_page(request, space_for(request, space))


@require_http_methods(["GET", "POST"])
def personal_create(request):
    """Make (or open) the viewer's personal space."""
    if request.method == "GET":
        own = next(
            (
                s
                for s in selectors.spaces_for(request.user)
                if s.kind == SpaceKind.PERSONAL and s.owner_id == request.user.pk
            ),
            None,
        )
        return redirect(own or "wiki:index")
    space = services.space_create_personal(owner=request.user)
    messages.success(request, _("Your personal space is ready: write your first page."))
    return redirect(space)


@require_GET
def space(request, space: str):
    """A space: its home page (or its outline), its latest changes, what the viewer may do."""
    user = request.user
    place = space_for(request, space)
    home = place.home_page
    body, toc = "", []
    if home is not None and (home.is_deleted or not home.is_visible_to(user)):
        home = None
    if home is not None:
        home.space = place
        body, toc = decorate_body(home.body_html, selectors.missing_urls(home, user))
    context = {
        "space": place,
        "home": home,
        "home_body": body,
        "toc": toc,
        "changes": selectors.recent_changes(user, space=place, limit=SPACE_CHANGES),
        "watching_space": selectors.is_watching_space(user, place),
        "can_create": permissions.can_create_page(user, place),
        "can_edit_space": permissions.can_edit_space(user, place),
        "deleted_pages": selectors.deleted_pages(user, place),
        **outline_of(place),
    }
    return render(request, "wiki/space.html", context)


@require_http_methods(["GET", "POST"])
def space_settings(request, space: str):
    """A space's name, description, who edits it and its home page: for its admins."""
    user = request.user
    place = space_for(request, space)
    permissions.check_edit_space(user, place)
    flat = outline_of(place)["outline_flat"]
    by_pk = {str(node.pk): node for node in flat}
    choices = parent_choices(flat)[1:]
    has_home = place.home_page_id is not None
    status = 200
    if request.method == "POST":
        form = SpaceSettingsForm(request.POST, home_choices=choices, has_home=has_home)
        if form.is_valid():
            data = form.cleaned_data
            try:
                place = services.space_edit(
                    actor=user,
                    space=place,
                    name=data["name"],
                    description=data["description"],
                    edit_policy=data["edit_policy"],
                    home_page=by_pk.get(data["home_page"] or ""),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The space's settings are saved."))
                if request.htmx:
                    return HttpResponseClientRedirect(place.get_absolute_url())
                return redirect(place)
        status = 422
    else:
        form = SpaceSettingsForm(
            initial={
                "name": place.name,
                "description": place.description,
                "edit_policy": place.edit_policy,
                "home_page": place.home_page_id or "",
            },
            home_choices=choices,
            has_home=has_home,
        )
    context = {"space": place, "form": form}
    template = "wiki/space_settings.html#form" if request.htmx else "wiki/space_settings.html"
    return render(request, template, context, status=status if request.htmx else 200)


def _watch_answer(request, *, watched: bool, kind: str, target, done: str):
    """The watch button again (HTMX), or back to the page with a message."""
    if request.htmx:
        context = {"watched": watched, "kind": kind, "target": target}
        return render(request, "wiki/_watch_button.html", context)
    messages.success(request, done)
    return redirect(target)


@require_POST
def space_watch(request, space: str):
    place = space_for(request, space)
    services.watch_space(user=request.user, space=place)
    done = _("You watch this space: you will hear about edits to its pages.")
    return _watch_answer(request, watched=True, kind="space", target=place, done=done)


@require_POST
def space_unwatch(request, space: str):
    place = space_for(request, space)
    services.unwatch_space(user=request.user, space=place)
    done = _("You no longer watch this space.")
    return _watch_answer(request, watched=False, kind="space", target=place, done=done)


@require_POST
def page_watch(request, space: str, slug: str):
    page = page_for(request, space, slug)
    services.watch_page(user=request.user, page=page)
    done = _("You watch this page: you will hear about its edits.")
    return _watch_answer(request, watched=True, kind="page", target=page, done=done)


@require_POST
def page_unwatch(request, space: str, slug: str):
    page = page_for(request, space, slug)
    services.unwatch_page(user=request.user, page=page)
    done = _("You no longer watch this page.")
    return _watch_answer(request, watched=False, kind="page", target=page, done=done)


def _missing(request, place, slug: str):
    """The address of a page not written yet: 404, with a button to write it."""
    title = request.GET.get("title", "").strip()[:200] or slug.replace("-", " ").capitalize()
    can_create = permissions.can_create_page(request.user, place)
    create_url = ""
    if can_create:
        create_url = reverse("wiki:page-create", args=[place.slug])
    context = {
        "space": place,
        "slug": slug,
        "title": title,
        "can_create": can_create,
        "create_url": create_url,
        **outline_of(place),
    }
    return render(request, "wiki/page_missing.html", context, status=404)


@require_GET
def page(request, space: str, slug: str):
    """A page with its breadcrumbs, the space's outline, contents, topics, what links here
    and the actions the viewer may take; a deleted one only for those who may restore it."""
    user = request.user
    place = space_for(request, space)
    try:
        found = selectors.get_page_for(user, place, slug, include_deleted=True, follow_aliases=True)
    except Http404:
        return _missing(request, place, slug)
    if found.slug != slug:  # A former address of a renamed page.
        return redirect(found)
    found.space = place
    body, toc = decorate_body(found.body_html, selectors.missing_urls(found, user))
    watching_page, watching_space = selectors.watch_state(user, found)
    context = {
        "space": place,
        "page": found,
        "body": body,
        "toc": toc,
        "crumbs": selectors.breadcrumbs(found),
        "tags": list(found.tags.all()),
        "backlinks": selectors.backlinks(user, found),
        "subpages": selectors.subpages(user, found),
        "watching_page": watching_page,
        "watching_space": watching_space,
        **page_rights(user, found),
        **outline_of(place, current=found),
    }
    return render(request, "wiki/page_detail.html", context)
