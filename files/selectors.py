"""Reading the file share: libraries, folders and files as the viewer may see them (404
otherwise), a folder's contents, breadcrumbs, versions, the trash and recent files.

Lists run a fixed number of queries whatever their length.
"""

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404

from communities.permissions import remember_all_memberships
from files import permissions
from files.models import File, FileVersion, Folder, Library, LibraryKind

# What a file shows of itself, in the same query as the file.
FILE_RELATED = (
    "library__community",
    "library__owner",
    "folder",
    "community",
    "author",
    "current__uploaded_by",
)
LIBRARY_RELATED = ("community", "owner")
RECENT_LIMIT = 10
MAX_LIMIT = 100


def _pk(value, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404(f"No such {what}.") from None


# --- libraries --------------------------------------------------------------------------------


def libraries_for(viewer) -> list[Library]:
    """The libraries ``viewer`` may read and would look for: the company's first, then the
    communities' by name, then the viewer's own (other people's are reached from them)."""
    remember_all_memberships(viewer)
    first = Case(
        When(kind=LibraryKind.COMPANY, then=0),
        When(kind=LibraryKind.COMMUNITY, then=1),
        default=2,
    )
    return list(
        Library.objects.visible_to(viewer)
        .filter(Q(owner__isnull=True) | Q(owner=viewer))
        .select_related(*LIBRARY_RELATED)
        .order_by(first, "name", "id")
    )


def get_library_for(viewer, slug: str) -> Library:
    """The library at ``slug`` if ``viewer`` may read it; Http404 otherwise."""
    library = (
        Library.objects.visible_to(viewer)
        .select_related(*LIBRARY_RELATED)
        .filter(slug=slug)
        .first()
    )
    if library is None:
        raise Http404("No such library.")
    return library


def get_library_for_community(viewer, community_slug: str) -> Library:
    """The library of the community at ``community_slug`` if ``viewer`` may read it."""
    library = (
        Library.objects.visible_to(viewer)
        .select_related(*LIBRARY_RELATED)
        .filter(community__slug=community_slug)
        .first()
    )
    if library is None:
        raise Http404("No such library.")
    return library


# --- folders ----------------------------------------------------------------------------------


def get_folder_for(viewer, library: Library, pk, *, include_trashed: bool = False) -> Folder:
    """Folder ``pk`` of ``library`` (which the caller got through ``get_library_for``);
    Http404 when it is not there or in the trash (``include_trashed``: a trashed one too,
    for those who may restore it)."""
    folder = (
        Folder.objects.select_related(
            "library__community", "library__owner", "parent", "created_by"
        )  # fmt: skip
        .filter(library=library, pk=_pk(pk, "folder"))
        .first()
    )
    if folder is None or not permissions.can_read_library(viewer, folder.library):
        raise Http404("No such folder.")
    if folder.is_deleted and not (
        include_trashed and permissions.can_restore_folder(viewer, folder)
    ):
        raise Http404("No such folder.")
    return folder


def _count(model, field: str):
    """A subquery counting the live ``model`` rows whose ``field`` is the outer folder."""
    rows = (
        model.objects.filter(deleted_at__isnull=True, **{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _count_trashed_with():
    """A subquery counting the files that went to the trash with the outer folder."""
    rows = (
        File.objects.filter(trashed_with=OuterRef("pk"))
        .order_by()
        .values("trashed_with")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def subfolders(viewer, library: Library, folder: Folder | None) -> list[Folder]:
    """The live folders directly in ``folder`` (None: the top of ``library``), by name, each
    with ``item_count`` (live folders and files in it). One query."""
    folders = list(
        Folder.objects.alive()
        .filter(library=library, parent=folder)
        .select_related("created_by")
        .annotate(folder_count=_count(Folder, "parent"), file_count=_count(File, "folder"))
        .order_by("name", "id")
    )
    for item in folders:
        item.library = library
        item.item_count = item.folder_count + item.file_count
    return folders


def folder_contents(viewer, library: Library, folder: Folder | None):
    """``(folders, files)`` directly in ``folder`` (None: the top of ``library``), by name:
    the folders as ``subfolders`` gives them, each file with its uploader, topics and current
    version. Constant queries, whatever the number of items."""
    remember_all_memberships(viewer)
    folders = subfolders(viewer, library, folder)
    files = list(
        File.objects.visible_to(viewer)
        .filter(library=library, folder=folder)
        .select_related("author", "current__uploaded_by")
        .defer("current__text")
        .prefetch_related("tags")
        .order_by("name", "id")
    )
    for item in files:
        item.library = library
        if folder is not None:
            item.folder = folder
    return folders, files


def breadcrumbs(folder: Folder | None) -> list[Folder]:
    """The folders from the top of the library down to ``folder`` (itself last); one query."""
    if folder is None:
        return []
    rows = {
        f.pk: f
        for f in Folder.objects.filter(library_id=folder.library_id).only(
            "pk", "parent", "name", "library"
        )  # fmt: skip
    }
    chain, current = [], folder.pk
    while current is not None and current in rows and len(chain) < 100:
        chain.append(rows[current])
        current = rows[current].parent_id
    chain.reverse()
    if chain:
        chain[-1] = folder
    return chain


def folder_choices(library: Library, *, exclude: Folder | None = None) -> list[tuple[Folder, int]]:
    """Every live folder of ``library`` as ``(folder, depth)`` in tree order, for a "move
    to" list (``exclude``: a folder and what it holds, which cannot be its own target)."""
    rows = list(Folder.objects.alive().filter(library=library).order_by("name", "id"))
    children: dict = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    out: list[tuple[Folder, int]] = []

    def walk(parent_id, depth):
        for row in children.get(parent_id, ()):
            if exclude is not None and row.pk == exclude.pk:
                continue
            out.append((row, depth))
            walk(row.pk, depth + 1)

    walk(None, 0)
    return out


# --- files ------------------------------------------------------------------------------------


def get_file_for(viewer, pk, *, include_trashed: bool = False) -> File:
    """File ``pk`` if ``viewer`` may see it; Http404 otherwise (also when it is in the
    trash; ``include_trashed``: a trashed one too, for those who may restore it)."""
    file = (
        File.objects.select_related(*FILE_RELATED)
        .defer("current__text")  # Up to 1 MB of extracted text no page shows.
        .filter(pk=_pk(pk, "file"))
        .first()
    )
    if file is None:
        raise Http404("No such file.")
    if file.is_deleted:
        if not (include_trashed and permissions.can_restore_file(viewer, file)):
            raise Http404("No such file.")
    elif not file.is_visible_to(viewer):
        raise Http404("No such file.")
    return file


def file_versions(file: File) -> list[FileVersion]:
    """Every version of ``file``, newest first, with who uploaded it."""
    versions = list(file.versions.select_related("uploaded_by").defer("text").order_by("-number"))
    for version in versions:
        version.file = file
        version.is_current = version.pk == file.current_id
    return versions


def get_version_for(viewer, file: File, number) -> FileVersion:
    """Version ``number`` of ``file`` (got through ``get_file_for``, so ``viewer`` may see
    it: checked again here); Http404 otherwise."""
    if not (file.is_visible_to(viewer) or permissions.can_restore_file(viewer, file)):
        raise Http404("No such version.")
    version = (
        file.versions.select_related("uploaded_by")
        .defer("text")
        .filter(number=_pk(number, "version"))
        .first()
    )
    if version is None:
        raise Http404("No such version.")
    version.file = file
    version.is_current = version.pk == file.current_id
    return version


def trash_for(viewer, library: Library):
    """``(folders, files)`` in ``library``'s trash that ``viewer`` may restore, latest first
    (Http404 / PermissionDenied for those who may not see the trash). Files that went with a
    folder are not listed: they come back with it."""
    from files.services.trash import trash_for_actor

    permissions.check_see_trash(viewer, library)
    files, folders = trash_for_actor(viewer, library)
    folders = list(
        folders.select_related("created_by", "deleted_by", "parent")
        .annotate(file_count=_count_trashed_with())
        .order_by("-deleted_at", "-id")
    )
    files = list(
        files.filter(hidden_at__isnull=True)
        .select_related("author", "deleted_by", "folder", "current")
        .order_by("-deleted_at", "-id")
    )
    for item in [*folders, *files]:
        item.library = library
    return folders, files


def recent_files(viewer, limit: int = RECENT_LIMIT) -> list[File]:
    """The files most recently uploaded or changed that ``viewer`` may see, newest first."""
    limit = max(1, min(int(limit or RECENT_LIMIT), MAX_LIMIT))
    remember_all_memberships(viewer)
    return list(
        File.objects.visible_to(viewer)
        .select_related(
            "library__community", "library__owner", "folder", "author", "current__uploaded_by"
        )  # fmt: skip
        .defer("current__text")
        .order_by("-updated_at", "-id")[:limit]
    )


def files_in_library(viewer, library: Library):
    """The live files of ``library`` that ``viewer`` may see, as a queryset (for the API)."""
    return (
        File.objects.visible_to(viewer)
        .filter(library=library)
        .select_related("folder", "author", "current__uploaded_by")
        .defer("current__text")
    )
