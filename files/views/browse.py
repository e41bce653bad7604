"""Browsing the file share: the index (libraries and recent files), a library's folders and
files (sortable, with the upload zone and a new-folder form), one's personal library, and a
library's trash.

Everything comes through ``files.selectors`` (404 for what the viewer may not see); writes
go through ``files.services``.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from files import permissions, selectors, services
from files.forms import FolderForm
from files.models import LibraryKind
from files.views.shared import (
    folder_in,
    go,
    library_for,
    library_rights,
    limits,
    sort_items,
    sort_order,
)

RECENT_FILES = 12


@require_GET
def index(request):
    """The libraries the viewer may read (the company's, their communities', their own) and
    the latest files anywhere they may look. ``?community=<slug>`` leads to that community's
    library."""
    user = request.user
    community = request.GET.get("community", "")
    if community:
        return redirect(selectors.get_library_for_community(user, community))
    groups = {kind: [] for kind in LibraryKind.values}
    for library in selectors.libraries_for(user):
        groups[library.kind].append(library)
    context = {
        "company_libraries": groups[LibraryKind.COMPANY],
        "community_libraries": groups[LibraryKind.COMMUNITY],
        "own_library": next(iter(groups[LibraryKind.PERSONAL]), None),
        "recent": selectors.recent_files(user, limit=RECENT_FILES),
    }
    return render(request, "files/index.html", context)


@require_http_methods(["GET", "POST"])
def personal(request):
    """The viewer's own library: opened (GET) or made (POST) for them."""
    if request.method == "GET":
        own = next(
            (
                lib
                for lib in selectors.libraries_for(request.user)
                if lib.owner_id == request.user.pk
            ),
            None,
        )
        return redirect(own or "files:index")
    library = services.library_create_personal(owner=request.user)
    messages.success(request, _("Your personal library is ready: upload your first files."))
    return go(request, library)


def folder_page(request, library, folder, *, folder_form=None, upload_errors=(), status=200):
    """A folder's page (the library's top for None): its breadcrumbs, sub-folders then files
    in the order asked for, and what the viewer may do there."""
    user = request.user
    folders, files = selectors.folder_contents(user, library, folder)
    sort, descending = sort_order(request)
    folders = sort_items(folders, sort, descending, size_of=lambda item: item.item_count)
    files = sort_items(files, sort, descending)
    rights = library_rights(user, library)
    for item in folders:
        item.can_change = rights["is_admin"] or permissions.can_change_folder(user, item)
    for item in files:
        item.can_change = rights["is_admin"] or permissions.can_change_file(user, item)
    context = {
        "library": library,
        "folder": folder,
        "crumbs": selectors.breadcrumbs(folder),
        "folders": folders,
        "files": files,
        "item_total": len(folders) + len(files),
        "trash_days": settings.FILE_TRASH_DAYS,
        "sort": sort,
        "descending": descending,
        "folder_form": folder_form or FolderForm(),
        "upload_errors": upload_errors,
        "can_change_here": folder is not None and permissions.can_change_folder(user, folder),
        **rights,
        **limits(),
    }
    if request.htmx and not request.htmx.boosted and request.method == "GET":
        return render(request, "files/folder.html#listing", context)
    return render(request, "files/folder.html", context, status=status)


@require_GET
def library(request, library: str):
    """The top of a library."""
    return folder_page(request, library_for(request, library), None)


@require_GET
def folder(request, library: str, folder: int):
    """A folder of a library."""
    place = library_for(request, library)
    return folder_page(request, place, folder_in(request, place, folder))


@require_GET
def trash(request, library: str):
    """A library's trash: what the viewer may restore (everything, for its admins), with the
    days left before each is deleted for good."""
    user = request.user
    place = library_for(request, library)
    folders, files = selectors.trash_for(user, place)
    now = timezone.now()
    for item in [*folders, *files]:
        left = settings.FILE_TRASH_DAYS - (now - item.deleted_at).days
        item.days_left = max(0, left)
    context = {
        "library": place,
        "folders": folders,
        "files": files,
        "trash_days": settings.FILE_TRASH_DAYS,
        **library_rights(user, place),
    }
    return render(request, "files/trash.html", context)


@require_POST
def trash_empty(request, library: str):
    """Delete for good what the viewer may restore from the trash (their bytes too)."""
    place = library_for(request, library)
    permissions.check_see_trash(request.user, place)
    count = services.trash_empty(actor=request.user, library=place)
    if count:
        messages.success(
            request,
            ngettext(
                "The trash is empty: %(count)d file is deleted for good.",
                "The trash is empty: %(count)d files are deleted for good.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.success(request, _("The trash is empty."))
    return go(request, reverse("files:trash", args=[place.slug]))
