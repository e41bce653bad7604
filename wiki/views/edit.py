"""Writing the wiki: a new page, an edit (with the conflict page when someone saved first),
the live preview, and moving, protecting, deleting and restoring a page.

A form with errors comes back with what was typed (422 for HTMX); an edit made on top of an
older revision than the current one comes back as the conflict page (409) with the writer's
text, the current text and a merged proposal to save on the new base.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from core.shortcuts import add_service_errors
from wiki import permissions, selectors, services
from wiki.diff import diff_counts, diff_revisions
from wiki.forms import MoveForm, PageCreateForm, PageEditForm, PreviewForm, split_tags
from wiki.merge import has_conflict_markers
from wiki.templatetags.wiki_tags import decorate_body
from wiki.text import render_page
from wiki.views.shared import (
    done_or_failed,
    edit_refusal,
    follows_renames,
    outline_of,
    page_for,
    page_rights,
    space_for,
)


def _saved(request, target):
    if request.htmx:
        return HttpResponseClientRedirect(target.get_absolute_url())
    return redirect(target)


def _error_status(request, form) -> int:
    return 422 if form.errors and request.htmx else 200


def _preview_of(space, body: str) -> dict:
    html, _links = render_page(body, space=space)
    html, toc = decorate_body(str(html))
    return {"preview": html, "preview_toc": toc}


def _parent_from(ref: str, flat) -> int | None:
    """The parent page asked for in ``?parent=``: its id or its address in the space."""
    for node in flat:
        if ref and (str(node.pk) == ref or node.slug == ref):
            return node.pk
    return None


@require_http_methods(["GET", "POST"])
def page_create(request, space: str):
    """Write a new page in a space (``?title=`` and ``?parent=`` fill the form in)."""
    user = request.user
    place = space_for(request, space)
    if request.method == "POST" and not permissions.can_create_page(user, place):
        # Closed to them while they wrote: 403, with their text to take away.
        try:
            permissions.check_create_page(user, place)
        except PermissionDenied as refused:
            context = {**_their_text(request), "space": place, "refused": str(refused)}
            return render(request, "wiki/page_gone.html", context, status=403)
    permissions.check_create_page(user, place)
    flat = outline_of(place)["outline_flat"]
    by_pk = {node.pk: node for node in flat}
    extra = {}
    if request.method == "POST":
        form = PageCreateForm(request.POST, outline=flat)
        if form.is_valid():
            data = form.cleaned_data
            if "preview" in request.POST:
                extra = _preview_of(place, data["body"])
            else:
                try:
                    page = services.page_create(
                        author=user,
                        space=place,
                        title=data["title"],
                        body=data["body"],
                        summary=data["summary"],
                        parent=by_pk.get(data["parent"]),
                        tags=data["tags"],
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                except PermissionDenied as refused:
                    form.add_error(None, str(refused))
                else:
                    messages.success(request, _("The page is written."))
                    return _saved(request, page)
    else:
        parent = _parent_from(request.GET.get("parent", ""), flat)
        form = PageCreateForm(
            initial={"title": request.GET.get("title", "")[:200], "parent": parent}, outline=flat
        )
    context = {"space": place, "form": form, "creating": True, **extra}
    return _form_page(request, form, context)


def _form_page(request, form, context):
    template = "wiki/page_form.html#form" if request.htmx else "wiki/page_form.html"
    return render(request, template, context, status=_error_status(request, form))


def _conflict_page(request, page, *, form, mine_title, mine_body, current, base=None, clean=True,
                   status=409, extra=None):  # fmt: skip
    """The conflict page: the writer's own text, the current one, and the form holding the
    proposal to save on top of ``current``."""
    their_changes = diff_revisions(base.body, current.body) if base is not None else []
    context = {
        "space": page.space,
        "page": page,
        "form": form,
        "mine_title": mine_title,
        "mine_body": mine_body,
        "current": current,
        "base": base,
        "clean": clean,
        "their_changes": their_changes,
        "their_counts": diff_counts(their_changes),
        "unresolved": has_conflict_markers(form["body"].value() or ""),
        # The topics the writer started from stay the base until the conflict is resolved.
        "base_tags": request.POST.get("base_tags"),
        **(extra or {}),
    }
    return render(request, "wiki/conflict.html", context, status=status)


def _on_conflict(request, page, form, conflict):
    """What the view shows for ``EditConflict``: the proposal in the form, on the new base."""
    data = form.cleaned_data
    proposal = PageEditForm(
        initial={
            "title": conflict.merged_title,
            "body": conflict.merged_body,
            "summary": data["summary"],
            "tags": form.data.get("tags", ""),
            "base_revision": conflict.current.number,
            # The first text the writer sent stays with them until they resolve it.
            "mine_title": data["mine_title"] or conflict.mine_title,
            "mine_body": data["mine_body"] or conflict.mine_body,
        }
    )
    return _conflict_page(
        request,
        page,
        form=proposal,
        mine_title=data["mine_title"] or conflict.mine_title,
        mine_body=data["mine_body"] or conflict.mine_body,
        current=conflict.current,
        base=conflict.base,
        clean=conflict.clean,
    )


@require_http_methods(["GET", "POST"])
@follows_renames
def page_edit(request, space: str, slug: str):
    """Edit a page: a new revision on top of the one the form was opened on."""
    user = request.user
    try:
        page = _page_being_edited(request, space, slug)
    except Http404:
        if request.method != "POST" or not request.POST.get("page"):
            raise
        # Deleted (or hidden) while they wrote: 404, but with their text to take away.
        return render(request, "wiki/page_gone.html", _their_text(request), status=404)
    refusal = edit_refusal(user, page)
    if refusal and request.method == "POST":
        # Protected, or closed to them, while they wrote: 403, with their text to take away.
        context = {**_their_text(request), "page": page, "space": page.space, "refused": refusal}
        return render(request, "wiki/page_gone.html", context, status=403)
    permissions.check_edit_page(user, page)
    extra = {}
    if request.method == "POST":
        form = PageEditForm(request.POST)
        resolving = bool(request.POST.get("mine_body") or request.POST.get("mine_title"))
        if form.is_valid():
            data = form.cleaned_data
            if resolving and has_conflict_markers(data["body"]) and "preview" not in request.POST:
                form.add_error(
                    "body",
                    _(
                        "The text still has conflict markers (<<<<<<<, =======, >>>>>>>): keep "
                        "the lines you want and take the markers out."
                    ),
                )
            elif "preview" in request.POST:
                extra = _preview_of(page.space, data["body"])
            else:
                number = page.revision_number
                try:
                    saved = services.page_revise(
                        actor=user,
                        page=page,
                        title=data["title"],
                        body=data["body"],
                        base_revision=data["base_revision"],
                        summary=data["summary"],
                        tags=data["tags"],
                        base_tags=_base_tags(request),
                    )
                except services.EditConflict as conflict:
                    return _on_conflict(request, page, form, conflict)
                except ValidationError as error:
                    add_service_errors(form, error)
                except PermissionDenied as refused:
                    form.add_error(None, str(refused))
                else:
                    if saved.revision_number == number:
                        messages.info(request, _("Saved. The text is as it was: no new revision."))
                    else:
                        messages.success(request, _("Your changes are saved."))
                    return _saved(request, saved)
        if resolving:
            return _resolving_again(request, page, form)
        base_tags = request.POST.get("base_tags")
    else:
        base_tags = ", ".join(tag.name for tag in page.tags.all())
        form = PageEditForm(
            initial={
                "title": page.title,
                "body": page.body,
                "tags": base_tags,
                "base_revision": page.revision_number,
            }
        )
    context = {"space": page.space, "page": page, "form": form, "creating": False,
               "base_tags": base_tags, **extra}  # fmt: skip
    return _form_page(request, form, context)


def _base_tags(request):
    """The topics the edit form was opened with (None from a form that does not say): the
    service merges the writer's changes to them into the current topics."""
    value = request.POST.get("base_tags")
    return None if value is None else split_tags(value)


def _their_text(request) -> dict:
    """What the writer sent (to show back when it cannot be saved)."""
    return {
        "title": request.POST.get("title", ""),
        "body": request.POST.get("body", ""),
        "summary": request.POST.get("summary", ""),
        "tags": request.POST.get("tags", ""),
    }


def _page_being_edited(request, space: str, slug: str):
    """The page at the address, or (for a POST) the page the form was opened on, found by
    its id when someone renamed it meanwhile (the save then meets the conflict page)."""
    try:
        return page_for(request, space, slug)
    except Http404:
        pk = request.POST.get("page", "") if request.method == "POST" else ""
        if not pk:
            raise
        page = selectors.get_page_by_id_for(request.user, pk)
        if page.space.slug != space:
            raise
        return page


def _resolving_again(request, page, form):
    """The conflict page once more (an error, or a preview, while resolving): the revision
    the proposal is based on is the "current" text shown."""
    try:
        current = selectors.get_revision_for(
            request.user, page, int(form.data.get("base_revision", ""))
        )
    except (TypeError, ValueError, Http404):
        current = selectors.get_revision_for(request.user, page, page.revision_number)
    extra = {}
    if "preview" in request.POST and form.is_valid():
        extra = _preview_of(page.space, form.cleaned_data["body"])
    return _conflict_page(
        request,
        page,
        form=form,
        mine_title=form.data.get("mine_title", ""),
        mine_body=form.data.get("mine_body", ""),
        current=current,
        status=_error_status(request, form) if form.errors else 409,
        extra=extra,
    )


@require_POST
def preview(request, space: str):
    """The text of a page being written, as it will read (HTMX, while typing)."""
    place = space_for(request, space)
    form = PreviewForm(request.POST)
    body = form.cleaned_data["body"] if form.is_valid() else ""
    return render(request, "wiki/_preview.html", {"space": place, **_preview_of(place, body)})


@require_http_methods(["GET", "POST"])
@follows_renames
def page_move(request, space: str, slug: str):
    """Put a page under another page of its space (or on top)."""
    user = request.user
    page = page_for(request, space, slug)
    permissions.check_edit_page(user, page)
    flat = outline_of(page.space)["outline_flat"]
    by_pk = {node.pk: node for node in flat}
    if request.method == "POST":
        form = MoveForm(request.POST, outline=flat, page=page)
        if form.is_valid():
            try:
                moved = services.page_move(
                    actor=user, page=page, parent=by_pk.get(form.cleaned_data["parent"])
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The page is moved."))
                return _saved(request, moved)
    else:
        form = MoveForm(initial={"parent": page.parent_id}, outline=flat, page=page)
    context = {"space": page.space, "page": page, "form": form}
    return render(request, "wiki/page_move.html", context, status=_error_status(request, form))


@require_POST
def page_protect(request, space: str, slug: str):
    """Protect a page (only the space's admins edit it) or open it again."""
    page = page_for(request, space, slug)
    protect = request.POST.get("protected") != "0"
    done = (
        _("The page is protected: only the space's admins edit it.")
        if protect
        else _("The page is no longer protected.")
    )
    return done_or_failed(
        request,
        lambda: services.page_protect(actor=request.user, page=page, protected=protect),
        done=done,
        then=page.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@follows_renames
def page_delete(request, space: str, slug: str):
    """Ask, then delete a page (its sub-pages move up; the space's admins can restore it)."""
    user = request.user
    page = page_for(request, space, slug)
    permissions.check_delete_page(user, page)
    if request.method == "POST":
        services.page_delete(actor=user, page=page)
        messages.success(request, _("The page “%(title)s” is deleted.") % {"title": page.title})
        return _saved(request, page.space)
    context = {
        "space": page.space,
        "page": page,
        "subpages": selectors.subpages(user, page),
        **page_rights(user, page),
    }
    return render(request, "wiki/page_delete.html", context)


@require_POST
def page_restore(request, space: str, slug: str):
    """Bring back a deleted page (the space's admins and the moderators). A deleted page
    frees its address, so the form also names it by ``page`` (its id)."""
    pk = request.POST.get("page", "")
    if pk:
        page = selectors.get_deleted_page_for(request.user, space_for(request, space), pk)
    else:
        page = page_for(request, space, slug, include_deleted=True)
    restored = services.page_restore(actor=request.user, page=page)
    messages.success(request, _("The page is restored."))
    return redirect(restored)
