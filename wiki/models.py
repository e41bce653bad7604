"""The wiki: spaces of pages with their full history.

A ``Space`` is the company's (one), a community's (one each, made with the community) or a
person's. A ``Page`` is placed content (``communities.models.PlacedContent``) whose placement
always comes from its space (the services keep ``page.community == page.space.community``),
so the one visibility rule applies to pages and, through them, to their revisions.

Every save is a ``PageRevision`` numbered 1, 2, 3... per page; the page holds a copy of its
current title and text (``revision_number`` says which revision that is), so reading a page
needs no join. ``[[Title]]`` and ``[[space:Title]]`` links are kept as ``PageLink`` rows
pointing at a space and a slug, so a link to a page not written yet finds it once it is.
A renamed page keeps its former addresses as ``PageAlias`` rows, so links to them still work.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from communities.models import Community, PlacedContent, PlacedContentQuerySet
from core.models import TimeStampedModel

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 100_000
SUMMARY_MAX_LENGTH = 200


class SpaceKind(models.TextChoices):
    COMPANY = "company", _("Company")
    COMMUNITY = "community", _("Community")
    PERSONAL = "personal", _("Personal")


class EditPolicy(models.TextChoices):
    MEMBERS = "members", _("Members edit")
    ADMINS = "admins", _("Only admins edit")


class SpaceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Spaces ``user`` may read: the company's and people's spaces, and those of
        communities whose content they may read."""
        if not user.is_authenticated:
            return self.none()
        readable = Community.objects.with_content_visible_to(user)
        return self.filter(Q(community__isnull=True) | Q(community__in=readable))


class Space(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=10, choices=SpaceKind.choices)
    community = models.OneToOneField(
        Community,
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="wiki_space",
    )
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="wiki_space",
    )
    name = models.CharField(_("name"), max_length=120)
    # The prefix of ``[[space:Page]]`` links and of the space's address.
    slug = models.SlugField(_("address"), max_length=120, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    edit_policy = models.CharField(
        _("who edits"), max_length=10, choices=EditPolicy.choices, default=EditPolicy.MEMBERS
    )
    home_page = models.ForeignKey(
        "Page",
        verbose_name=_("home page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SpaceQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name", "id"]
        verbose_name = _("wiki space")
        verbose_name_plural = _("wiki spaces")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="company"), name="wiki_one_company_space"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="company", community__isnull=True, owner__isnull=True)
                    | Q(kind="community", community__isnull=False, owner__isnull=True)
                    | Q(kind="personal", community__isnull=True, owner__isnull=False)
                ),
                name="wiki_space_kind_matches_owner",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("wiki:space", args=[self.slug])

    def is_visible_to(self, user) -> bool:
        """The visibility rule for this space (the same as ``Space.objects.visible_to``)."""
        from communities.permissions import can_read_content

        if not user.is_authenticated:
            return False
        return self.community_id is None or can_read_content(user, self.community)


class PageQuerySet(PlacedContentQuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def visible_to(self, user):
        """Pages ``user`` may read: the placement rule (that of their space), not deleted."""
        return super().visible_to(user).filter(deleted_at__isnull=True)


class TaggedPage(TaggedItemBase):
    content_object = models.ForeignKey("Page", on_delete=models.CASCADE, related_name="tag_items")

    class Meta:
        verbose_name = _("wiki page tag")
        verbose_name_plural = _("wiki page tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_wiki_page_tag")
        ]


class Page(PlacedContent):
    """A wiki page; ``author`` wrote its first revision."""

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="pages"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("address"), max_length=TITLE_MAX_LENGTH, allow_unicode=True)
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH, blank=True)
    # Derived from ``body`` by the services (the one sanitiser, wiki links resolved).
    body_html = models.TextField(_("text (HTML)"), blank=True, editable=False)
    tags = TaggableManager(_("tags"), through=TaggedPage, blank=True)
    # Protected pages are edited by the space's admins only.
    is_protected = models.BooleanField(_("protected"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    revision_number = models.PositiveIntegerField(_("revision"), default=0)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
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

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title", "id"]
        verbose_name = _("wiki page")
        verbose_name_plural = _("wiki pages")
        constraints = [
            # A deleted page keeps its row (moderators restore it) but frees its address.
            models.UniqueConstraint(
                fields=["space", "slug"],
                condition=Q(deleted_at__isnull=True),
                name="wiki_page_unique_slug_in_space",
            ),
        ]
        indexes = [
            models.Index(fields=["space", "parent", "position"], name="wiki_page_tree"),
            models.Index(fields=["space", "-edited_at", "-id"], name="wiki_page_recent"),
            models.Index(fields=["-edited_at", "-id"], name="wiki_recent_changes"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("wiki:page", args=[self.space.slug, self.slug])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def is_visible_to(self, user) -> bool:
        """The visibility rule for this page (the same as ``Page.objects.visible_to``)."""
        return not self.is_deleted and super().is_visible_to(user)


class RevisionKind(models.TextChoices):
    CREATE = "create", _("Created")
    EDIT = "edit", _("Edited")
    REVERT = "revert", _("Reverted")
    MOVE = "move", _("Moved")


class PageRevision(models.Model):
    """One save of a page: what its title and text were after it, who saved, and why."""

    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=RevisionKind.choices)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH, blank=True)
    summary = models.CharField(_("summary"), max_length=SUMMARY_MAX_LENGTH, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # For a revert: the revision whose text this one brought back.
    reverted_to = models.PositiveIntegerField(_("reverted to"), null=True, blank=True)
    created_at = models.DateTimeField(_("saved"))

    class Meta:
        ordering = ["page", "-number"]
        verbose_name = _("wiki page revision")
        verbose_name_plural = _("wiki page revisions")
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="wiki_revision_unique_number")
        ]
        # Recent changes, newest first (keyset on both).
        indexes = [models.Index(fields=["-created_at", "-id"], name="wiki_revision_recent")]

    def __str__(self):
        return f"{self.title} #{self.number}"

    def get_absolute_url(self):
        return reverse("wiki:revision", args=[self.page.space.slug, self.page.slug, self.number])


class PageLink(models.Model):
    """A ``[[link]]`` in the current text of ``source``: to a slug in a space, whether or
    not a page lives there (yet)."""

    source = models.ForeignKey(
        Page, verbose_name=_("from"), on_delete=models.CASCADE, related_name="links"
    )
    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="+"
    )
    slug = models.SlugField(_("address"), max_length=TITLE_MAX_LENGTH, allow_unicode=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)

    class Meta:
        verbose_name = _("wiki link")
        verbose_name_plural = _("wiki links")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "space", "slug"], name="wiki_link_unique_target"
            )
        ]
        indexes = [models.Index(fields=["space", "slug"], name="wiki_backlinks")]

    def __str__(self):
        return f"{self.source} → {self.title}"


class PageAlias(models.Model):
    """A former address of ``page`` in ``space`` (it was renamed): links, bookmarks and
    notifications naming the old address still lead to it. A live page's own address always
    wins: when a page takes this address, the alias goes (``wiki.services._common``)."""

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="+"
    )
    slug = models.SlugField(_("former address"), max_length=TITLE_MAX_LENGTH, allow_unicode=True)
    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="aliases"
    )
    created_at = models.DateTimeField(_("renamed"), auto_now_add=True)

    class Meta:
        verbose_name = _("former page address")
        verbose_name_plural = _("former page addresses")
        constraints = [
            models.UniqueConstraint(fields=["space", "slug"], name="wiki_alias_unique_slug")
        ]

    def __str__(self):
        return f"{self.slug} → {self.page}"


class Watch(TimeStampedModel):
    """``user`` is told of edits to ``page``, or to every page of ``space`` (page empty)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="wiki_watches",
    )
    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="watches"
    )
    page = models.ForeignKey(
        Page,
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="watches",
    )

    class Meta:
        verbose_name = _("wiki watch")
        verbose_name_plural = _("wiki watches")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page"],
                condition=Q(page__isnull=False),
                name="wiki_watch_unique_page",
            ),
            models.UniqueConstraint(
                fields=["user", "space"],
                condition=Q(page__isnull=True),
                name="wiki_watch_unique_space",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.page or self.space}"
