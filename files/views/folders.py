"""Folders: make one, rename, move, delete (to the trash with all it holds) and restore.

A form with errors comes back with what was typed (422 for HTMX); a refused action is a
403 for those who see the folder, a 404 for those who do not.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.shortcuts import add_service_errors
from files import permissions, selectors, services
from files.forms import TOP, FolderForm, MoveForm
from files.views.browse import folder_page
from files.views.shared import done_or_failed, folder_in, form_page, go, library_for, place_of


def _parent_of(request, library, value):
    """The folder named by ``value`` (a pk, or empty for the top) in ``library``."""
    if value in (None, "", TOP):
        return None
    return folder_in(request, library, value)


@require_http_methods(["GET", "POST"])
def create(request, library: str):
    """A new folder (``parent``: where, empty for the library's top)."""
    user = request.user
    place = library_for(request, library)
    source = request.POST if request.method == "POST" else request.GET
    parent = _parent_of(request, place, source.get("parent"))
    permissions.check_upload(user, place)
    if request.method == "POST":
        form = FolderForm(request.POST)
        if form.is_valid():
            try:
                made = services.folder_create(
                    actor=user, library=place, parent=parent, name=form.cleaned_data["name"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The folder “%(name)s” is ready.") % {"name": made.name}
                )
                return go(request, place_of(place, parent))
        if request.htmx:
            context = {"library": place, "folder": parent, "folder_form": form}
            return render(request, "files/folder.html#new_folder", context, status=422)
        return folder_page(request, place, parent, folder_form=form)
    form = FolderForm()
    context = {
        "library": place,
        "crumbs": selectors.breadcrumbs(parent),
        "form": form,
        "title": _("New folder"),
        "action": reverse("files:folder-create", args=[place.slug]),
        "hidden": {"parent": parent.pk if parent else ""},
        "submit": _("Make the folder"),
        "cancel": place_of(place, parent),
    }
    return form_page(request, "files/form.html", context, form)


def _changeable(request, library: str, pk: int):
    place = library_for(request, library)
    found = folder_in(request, place, pk)
    permissions.check_change_folder(request.user, found)
    return place, found


@require_http_methods(["GET", "POST"])
def rename(request, library: str, pk: int):
    """A folder's new name: whoever made it and the library's admins."""
    place, found = _changeable(request, library, pk)
    if request.method == "POST":
        form = FolderForm(request.POST)
        if form.is_valid():
            try:
                services.folder_rename(
                    actor=request.user, folder=found, name=form.cleaned_data["name"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The folder is renamed."))
                return go(request, place_of(place, found))
    else:
        form = FolderForm(initial={"name": found.name})
    context = {
        "library": place,
        "crumbs": selectors.breadcrumbs(found),
        "form": form,
        "title": _("Rename the folder “%(name)s”") % {"name": found.name},
        "action": reverse("files:folder-rename", args=[place.slug, found.pk]),
        "submit": _("Rename"),
        "cancel": place_of(place, found),
    }
    return form_page(request, "files/form.html", context, form)


@require_http_methods(["GET", "POST"])
def move(request, library: str, pk: int):
    """Put a folder (with all it holds) into another folder of its library, or at its top."""
    place, found = _changeable(request, library, pk)
    choices = selectors.folder_choices(place, exclude=found)
    by_pk = {str(folder.pk): folder for folder, _depth in choices}
    if request.method == "POST":
        form = MoveForm(request.POST, choices=choices, library_name=place.name)
        if form.is_valid():
            try:
                moved = services.folder_move(
                    actor=request.user, folder=found, parent=by_pk.get(form.cleaned_data["target"])
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The folder is moved."))
                return go(request, place_of(place, moved))
    else:
        form = MoveForm(
            initial={"target": str(found.parent_id or TOP)},
            choices=choices,
            library_name=place.name,
        )
    context = {
        "library": place,
        "crumbs": selectors.breadcrumbs(found),
        "form": form,
        "title": _("Move the folder “%(name)s”") % {"name": found.name},
        "action": reverse("files:folder-move", args=[place.slug, found.pk]),
        "submit": _("Move"),
        "cancel": place_of(place, found),
    }
    return form_page(request, "files/form.html", context, form)


@require_http_methods(["GET", "POST"])
def delete(request, library: str, pk: int):
    """Move a folder, with everything in it, to the library's trash (asked first)."""
    place, found = _changeable(request, library, pk)
    parent = found.parent
    if request.method == "POST":
        return done_or_failed(
            request,
            lambda: services.folder_delete(actor=request.user, folder=found),
            done=_(
                "The folder “%(name)s” and everything in it are in the trash: restore them "
                "from there within %(days)d days."
            )
            % {"name": found.name, "days": settings.FILE_TRASH_DAYS},
            then=place_of(place, parent),
        )
    context = {
        "library": place,
        "crumbs": selectors.breadcrumbs(found),
        "thing": found,
        "is_folder": True,
        "action": reverse("files:folder-delete", args=[place.slug, found.pk]),
        "cancel": place_of(place, found),
        "trash_days": settings.FILE_TRASH_DAYS,
    }
    return render(request, "files/confirm_delete.html", context)


@require_POST
def restore(request, library: str, pk: int):
    """Bring a folder back from the trash, with what went there with it."""
    place = library_for(request, library)
    found = folder_in(request, place, pk, include_trashed=True)
    permissions.check_restore_folder(request.user, found)
    return done_or_failed(
        request,
        lambda: services.folder_restore(actor=request.user, folder=found),
        done=_("The folder “%(name)s” is back.") % {"name": found.name},
        then=lambda restored: (
            place_of(place, restored) if restored else reverse("files:trash", args=[place.slug])
        ),
    )
