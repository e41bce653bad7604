"""What the file share's views share: finding the library, folder and file of an address,
what the viewer may do, sorting a listing, and answering a form or an action."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django_htmx.http import HttpResponseClientRedirect

from files import permissions, selectors

SORTS = ("name", "date", "size")


def library_for(request, slug: str):
    """The library at ``slug``; Http404 when the viewer may not read it."""
    return selectors.get_library_for(request.user, slug)


def folder_in(request, library, pk, *, include_trashed: bool = False):
    """Folder ``pk`` of ``library``; Http404 when it is not there (or in the trash)."""
    return selectors.get_folder_for(request.user, library, pk, include_trashed=include_trashed)


def file_for(request, pk, *, include_trashed: bool = False):
    """File ``pk``; Http404 when the viewer may not see it."""
    return selectors.get_file_for(request.user, pk, include_trashed=include_trashed)


def limits() -> dict:
    """The upload limit, for the pages (the script checks sizes before sending)."""
    return {
        "max_bytes": settings.FILE_MAX_BYTES,
        "max_label": filesizeformat(settings.FILE_MAX_BYTES),
    }


def library_rights(user, library) -> dict:
    """What the viewer may do in ``library``, one bool per action, for the templates."""
    return {
        "can_upload": permissions.can_upload(user, library),
        "can_see_trash": permissions.can_see_trash(user, library),
        "is_admin": permissions.is_library_admin(user, library),
    }


def file_rights(user, file) -> dict:
    return {
        "can_change": permissions.can_change_file(user, file),
        "can_upload_version": permissions.can_upload_version(user, file),
        "can_restore": permissions.can_restore_file(user, file),
        "can_share": permissions.can_share_file(user, file),
    }


def sort_order(request) -> tuple[str, bool]:
    """``?sort=name|date|size`` and ``?dir=asc|desc`` (names ascending by default, dates and
    sizes largest/newest first)."""
    sort = request.GET.get("sort", "name")
    if sort not in SORTS:
        sort = "name"
    default = "asc" if sort == "name" else "desc"
    direction = request.GET.get("dir", default)
    return sort, (direction if direction in ("asc", "desc") else default) == "desc"


def sort_items(items, sort: str, descending: bool, *, size_of=None) -> list:
    """``items`` (already loaded) in the order asked for; ties by name."""
    by_name = sorted(items, key=lambda item: (item.name.casefold(), item.pk))
    if sort == "name":
        return list(reversed(by_name)) if descending else by_name
    if sort == "date":
        return sorted(by_name, key=lambda item: item.updated_at, reverse=descending)
    return sorted(by_name, key=size_of or (lambda item: item.size), reverse=descending)


def failure(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def done_or_failed(request, call, *, done: str, then):
    """Run a POST action ``call()``; say ``done`` (or why it failed) and go to ``then`` (an
    object or an address; ``then`` may also be a function of what ``call`` returned)."""
    try:
        result = call()
    except (ValidationError, PermissionDenied) as failed:
        messages.error(request, failure(failed))
        result = None
        target = then(None) if callable(then) else then
    else:
        messages.success(request, done)
        target = then(result) if callable(then) else then
    return go(request, target)


def go(request, target):
    """Redirect to ``target`` (a client-side redirect for HTMX requests)."""
    if request.htmx:
        url = target if isinstance(target, str) else target.get_absolute_url()
        return HttpResponseClientRedirect(url)
    return redirect(target)


def form_page(request, template: str, context: dict, form):
    """A form's page, or its named partial for HTMX; 422 for HTMX when it has errors."""
    status = 422 if request.htmx and form.errors else 200
    name = f"{template}#form" if request.htmx else template
    return render(request, name, context, status=status)


def place_of(library, folder) -> str:
    """The listing's address for ``folder`` of ``library`` (its top for None)."""
    if folder is None:
        return library.get_absolute_url()
    folder.library = library
    return folder.get_absolute_url()
