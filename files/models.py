"""The file share: libraries of folders and files, every file with all its versions.

A ``Library`` is the company's (one), a community's (one each, made with the community) or a
person's. A ``File`` is placed content (``communities.models.PlacedContent``) whose placement
always comes from its library (the services keep ``file.community == file.library.community``),
so the one visibility rule applies to files and, through them, to their versions.

The bytes of each upload are a ``FileVersion``, stored under an opaque random name
(``files/<uuid4 hex>``): never the person's file name, never a guessable address. Deleting a
file or a folder moves it to its library's trash (``deleted_at``); a folder's contents go with
it (``trashed_with``) and come back with it. Only purging a trashed file, or deleting one
version, removes stored bytes.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from communities.models import Community, PlacedContent, PlacedContentQuerySet
from core.models import TimeStampedModel

NAME_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 2000
VERSION_COMMENT_MAX_LENGTH = 300
CONTENT_TYPE_MAX_LENGTH = 120


class LibraryKind(models.TextChoices):
    COMPANY = "company", _("Company")
    COMMUNITY = "community", _("Community")
    PERSONAL = "personal", _("Personal")


class LibraryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Libraries ``user`` may read: the company's and people's, and those of communities
        whose content they may read."""
        if not user.is_authenticated:
            return self.none()
        readable = Community.objects.with_content_visible_to(user)
        return self.filter(Q(community__isnull=True) | Q(community__in=readable))


class Library(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=10, choices=LibraryKind.choices)
    community = models.OneToOneField(
        Community,
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="file_library",
    )
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="file_library",
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=120, unique=True, allow_unicode=True)

    objects = LibraryQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name", "id"]
        verbose_name = _("file library")
        verbose_name_plural = _("file libraries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="company"), name="files_one_company_library"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="company", community__isnull=True, owner__isnull=True)
                    | Q(kind="community", community__isnull=False, owner__isnull=True)
                    | Q(kind="personal", community__isnull=True, owner__isnull=False)
                ),
                name="files_library_kind_matches_owner",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("files:library", args=[self.slug])

    def is_visible_to(self, user) -> bool:
        """The visibility rule for this library (the same as ``Library.objects.visible_to``)."""
        from communities.permissions import can_read_content

        if not user.is_authenticated:
            return False
        return self.community_id is None or can_read_content(user, self.community)


class FolderQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        return self.filter(deleted_at__isnull=False)

    def visible_to(self, user):
        """Folders ``user`` may open: of a library they may read, not in the trash."""
        return self.filter(library__in=Library.objects.visible_to(user), deleted_at__isnull=True)


class Folder(TimeStampedModel):
    library = models.ForeignKey(
        Library, verbose_name=_("library"), on_delete=models.CASCADE, related_name="folders"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in folder"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The folder whose deletion put this one in the trash (itself, when deleted directly):
    # restoring that folder brings back everything trashed with it, and nothing else.
    trashed_with = models.ForeignKey(
        "self",
        verbose_name=_("trashed with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = FolderQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("folder")
        verbose_name_plural = _("folders")
        constraints = [
            models.UniqueConstraint(
                fields=["library", "parent", "name"],
                condition=Q(deleted_at__isnull=True, parent__isnull=False),
                name="files_folder_unique_name",
            ),
            models.UniqueConstraint(
                fields=["library", "name"],
                condition=Q(deleted_at__isnull=True, parent__isnull=True),
                name="files_folder_unique_root_name",
            ),
        ]
        indexes = [models.Index(fields=["library", "parent", "name"], name="files_folder_tree")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("files:folder", args=[self.library.slug, self.pk])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class FileQuerySet(PlacedContentQuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        return self.filter(deleted_at__isnull=False)

    def visible_to(self, user):
        """Files ``user`` may see: the placement rule (that of their library), not trashed."""
        return super().visible_to(user).filter(deleted_at__isnull=True)


class TaggedFile(TaggedItemBase):
    content_object = models.ForeignKey("File", on_delete=models.CASCADE, related_name="tag_items")

    class Meta:
        verbose_name = _("file tag")
        verbose_name_plural = _("file tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_file_tag")
        ]


class File(PlacedContent):
    """A file of a library; ``author`` uploaded its first version, ``current`` is the
    version people see and download."""

    library = models.ForeignKey(
        Library, verbose_name=_("library"), on_delete=models.CASCADE, related_name="files"
    )
    folder = models.ForeignKey(
        Folder,
        verbose_name=_("folder"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="files",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    tags = TaggableManager(_("tags"), through=TaggedFile, blank=True)
    current = models.ForeignKey(
        "FileVersion",
        verbose_name=_("current version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Copies from the current version, so a folder listing needs no join.
    size = models.PositiveBigIntegerField(_("size"), default=0)
    content_type = models.CharField(
        _("type"), max_length=CONTENT_TYPE_MAX_LENGTH, default="application/octet-stream"
    )
    version_count = models.PositiveIntegerField(_("versions"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    reaction_count = models.PositiveIntegerField(_("reactions"), default=0)
    download_count = models.PositiveIntegerField(_("downloads"), default=0)
    # The feed's conversation on the file; they go with it when it is purged.
    comments = GenericRelation("feed.Comment", related_query_name="file")
    reactions = GenericRelation("feed.Reaction", related_query_name="file")
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The folder whose deletion put this file in the trash (empty: deleted by itself).
    trashed_with = models.ForeignKey(
        Folder,
        verbose_name=_("trashed with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = FileQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("file")
        verbose_name_plural = _("files")
        constraints = [
            models.UniqueConstraint(
                fields=["folder", "name"],
                condition=Q(deleted_at__isnull=True, folder__isnull=False),
                name="files_file_unique_name",
            ),
            models.UniqueConstraint(
                fields=["library", "name"],
                condition=Q(deleted_at__isnull=True, folder__isnull=True),
                name="files_file_unique_root_name",
            ),
        ]
        indexes = [
            models.Index(fields=["library", "folder", "name"], name="files_file_listing"),
            models.Index(fields=["-updated_at", "-id"], name="files_file_recent"),
            models.Index(fields=["library", "deleted_at"], name="files_file_trash"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("files:detail", args=[self.pk])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def extension(self) -> str:
        """The name's extension, lower case, without the dot ("pdf"), for icons."""
        return self.name.rpartition(".")[2].lower() if "." in self.name else ""

    def is_visible_to(self, user) -> bool:
        """The visibility rule for this file (the same as ``File.objects.visible_to``)."""
        return not self.is_deleted and super().is_visible_to(user)


class TextState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    DONE = "done", _("Extracted")
    FAILED = "failed", _("Failed")
    NONE = "none", _("No text")


def version_upload_to(instance, filename) -> str:
    """An opaque, unguessable storage name; the person's file name is kept in the row."""
    return f"files/{uuid.uuid4().hex}"


class FileVersion(TimeStampedModel):
    """One upload of a file: its bytes, what they are, and their text for search."""

    file = models.ForeignKey(
        File, verbose_name=_("file"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    blob = models.FileField(_("stored file"), upload_to=version_upload_to, max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # Detected from the bytes (``core.files.sniff_content_type``), never taken from the name.
    content_type = models.CharField(_("type"), max_length=CONTENT_TYPE_MAX_LENGTH)
    original_name = models.CharField(_("uploaded as"), max_length=NAME_MAX_LENGTH)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.CharField(_("what changed"), max_length=VERSION_COMMENT_MAX_LENGTH, blank=True)
    # For a restore: the version whose bytes this one brought back.
    restored_from = models.PositiveIntegerField(_("restored from"), null=True, blank=True)
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    text_state = models.CharField(
        _("text"), max_length=10, choices=TextState.choices, default=TextState.PENDING
    )

    class Meta:
        ordering = ["file", "-number"]
        verbose_name = _("file version")
        verbose_name_plural = _("file versions")
        constraints = [
            models.UniqueConstraint(fields=["file", "number"], name="files_version_unique_number")
        ]

    def __str__(self):
        return f"{self.original_name} v{self.number}"

    def get_absolute_url(self):
        return reverse("files:version-download", args=[self.file_id, self.number])
