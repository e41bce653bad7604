"""A file's page and what one does with it there: its preview, description, topics,
versions (download any, restore one as current, delete old ones, upload a new one), the
feed's comments and reactions, share to the feed; editing, moving, deleting to the trash and
restoring.

A trashed file's page is for those who may restore it (404 for everyone else); a refused
action is a 403 for those who see the file.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.shortcuts import add_service_errors
from feed.views.shared import conversation_context
from files import permissions, selectors, services
from files.forms import TOP, FileEditForm, MoveForm, ShareForm, VersionForm
from files.views.preview import preview_of
from files.views.shared import (
    done_or_failed,
    file_for,
    file_rights,
    form_page,
    go,
    limits,
    place_of,
)


def detail_page(request, file, *, version_form=None, status=200):
    """The file's page (again, with a form's errors after a failed POST)."""
    user = request.user
    context = {
        "file": file,
        "library": file.library,
        "crumbs": selectors.breadcrumbs(file.folder),
        "versions": selectors.file_versions(file),
        "tags": list(file.tags.all()),
        "preview": preview_of(file),
        "version_form": version_form or VersionForm(),
        "share_form": ShareForm(),
        "trash_days": settings.FILE_TRASH_DAYS,
        **file_rights(user, file),
        **limits(),
    }
    if not file.is_deleted:
        context.update(conversation_context(user, file))
    return render(request, "files/detail.html", context, status=status)


@require_GET
def detail(request, pk: int):
    """A file's page; a trashed one only for those who may restore it."""
    return detail_page(request, file_for(request, pk, include_trashed=True))


def _changeable(request, pk: int):
    found = file_for(request, pk)
    permissions.check_change_file(request.user, found)
    return found


def _form_context(file, form, *, title, action, submit) -> dict:
    return {
        "library": file.library,
        "crumbs": selectors.breadcrumbs(file.folder),
        "file": file,
        "form": form,
        "title": title,
        "action": action,
        "submit": submit,
        "cancel": file.get_absolute_url(),
    }


@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    """A file's name, description and topics: its uploader and the library's admins."""
    found = _changeable(request, pk)
    if request.method == "POST":
        form = FileEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                found = services.file_edit(
                    actor=request.user,
                    file=found,
                    name=data["name"],
                    description=data["description"],
                    tags=data["tags"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The file's details are saved."))
                return go(request, found)
    else:
        form = FileEditForm(
            initial={
                "name": found.name,
                "description": found.description,
                "tags": ", ".join(tag.name for tag in found.tags.all()),
            }
        )
    context = _form_context(
        found,
        form,
        title=_("Edit “%(name)s”") % {"name": found.name},
        action=reverse("files:edit", args=[found.pk]),
        submit=_("Save"),
    )
    return form_page(request, "files/form.html", context, form)


@require_http_methods(["GET", "POST"])
def move(request, pk: int):
    """Put a file into another folder of its library, or at its top."""
    found = _changeable(request, pk)
    library = found.library
    choices = selectors.folder_choices(library)
    by_pk = {str(folder.pk): folder for folder, _depth in choices}
    if request.method == "POST":
        form = MoveForm(request.POST, choices=choices, library_name=library.name)
        if form.is_valid():
            try:
                found = services.file_move(
                    actor=request.user, file=found, folder=by_pk.get(form.cleaned_data["target"])
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The file is moved."))
                return go(request, found)
    else:
        form = MoveForm(
            initial={"target": str(found.folder_id or TOP)},
            choices=choices,
            library_name=library.name,
        )
    context = _form_context(
        found,
        form,
        title=_("Move “%(name)s”") % {"name": found.name},
        action=reverse("files:move", args=[found.pk]),
        submit=_("Move"),
    )
    return form_page(request, "files/form.html", context, form)


@require_http_methods(["GET", "POST"])
def delete(request, pk: int):
    """Move a file to its library's trash (asked first)."""
    found = _changeable(request, pk)
    if request.method == "POST":
        return done_or_failed(
            request,
            lambda: services.file_delete(actor=request.user, file=found),
            done=_("“%(name)s” is in the trash: restore it from there within %(days)d days.")
            % {"name": found.name, "days": settings.FILE_TRASH_DAYS},
            then=place_of(found.library, found.folder),
        )
    context = {
        "library": found.library,
        "crumbs": selectors.breadcrumbs(found.folder),
        "file": found,
        "thing": found,
        "is_folder": False,
        "action": reverse("files:delete", args=[found.pk]),
        "cancel": found.get_absolute_url(),
        "trash_days": settings.FILE_TRASH_DAYS,
    }
    return render(request, "files/confirm_delete.html", context)


@require_POST
def restore(request, pk: int):
    """Bring a file back from the trash."""
    found = file_for(request, pk, include_trashed=True)
    permissions.check_restore_file(request.user, found)
    return done_or_failed(
        request,
        lambda: services.file_restore(actor=request.user, file=found),
        done=_("“%(name)s” is back.") % {"name": found.name},
        then=lambda restored: restored or reverse("files:trash", args=[found.library.slug]),
    )


@require_http_methods(["GET", "POST"])
def share(request, pk: int):
    """Post about the file in the feed (in its community, for a community's file)."""
    found = file_for(request, pk)
    if request.method == "POST":
        form = ShareForm(request.POST)
        if form.is_valid():
            try:
                post = services.file_share_to_feed(
                    actor=request.user, file=found, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Shared in the feed."))
                return go(request, post)
    else:
        form = ShareForm()
    context = _form_context(
        found,
        form,
        title=_("Share “%(name)s” in the feed") % {"name": found.name},
        action=reverse("files:share", args=[found.pk]),
        submit=_("Share"),
    )
    return form_page(request, "files/form.html", context, form)


@require_POST
def version_restore(request, pk: int, number: int):
    """Make an old version the current one again (as a new version with its bytes)."""
    found = file_for(request, pk)
    selectors.get_version_for(request.user, found, number)
    permissions.check_upload_version(request.user, found)
    return done_or_failed(
        request,
        lambda: services.file_version_restore(actor=request.user, file=found, number=number),
        done=_("Version %(number)d is the current one again.") % {"number": number},
        then=found,
    )


@require_POST
def version_delete(request, pk: int, number: int):
    """Delete an old version (and its bytes); never the current one."""
    found = file_for(request, pk)
    selectors.get_version_for(request.user, found, number)
    permissions.check_change_file(request.user, found)
    return done_or_failed(
        request,
        lambda: services.file_version_delete(actor=request.user, file=found, number=number),
        done=_("Version %(number)d is deleted.") % {"number": number},
        then=found,
    )
