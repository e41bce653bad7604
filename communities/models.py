"""Communities, memberships, and the one rule of who may see what.

The visibility rule (DESIGN.md) lives here, once:

- a **public** community, and its content, is visible to every employee;
- a **private** community shows its name and description to every employee, but its
  content and member list only to its members;
- a **secret** community does not exist for non-members: it and everything in it answer 404
  (people invited to it see the community itself, so they can accept);
- superusers and the site ``Moderators`` group see everything, to moderate it.

Placed content
--------------
Every later content type (posts, threads, articles, wiki pages, files...) inherits
``PlacedContent``: it is either company-wide (``community`` is empty) or in one community,
has an author, and can be hidden by a moderator. ``Model.objects.visible_to(user)`` is then
the rule above applied to that content, with hidden items left out; ``obj.is_visible_to(user)``
is the same rule for one object. ``tests/communities/matrix.py`` holds the permission-matrix
helper a new content type plugs into.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from profiles.roles import MODERATORS, has_role


class CommunityType(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRIVATE = "private", _("Private")
    SECRET = "secret", _("Secret")


class PostingPolicy(models.TextChoices):
    MEMBERS = "members", _("All members")
    ADMINS = "admins", _("Admins only (announcements)")


class Role(models.TextChoices):
    # Ordered from most to least powerful; ROLE_RANK below relies on it.
    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Admin")
    MODERATOR = "moderator", _("Moderator")
    MEMBER = "member", _("Member")


ROLE_RANK = {role: rank for rank, role in enumerate(reversed(Role.values))}


class MembershipState(models.TextChoices):
    ACTIVE = "active", _("Member")
    INVITED = "invited", _("Invited")
    REQUESTED = "requested", _("Requested to join")


def sees_everything(user) -> bool:
    """Superusers and site moderators see every community and everything in it."""
    return user.is_authenticated and (user.is_superuser or has_role(user, MODERATORS))


class CommunityQuerySet(models.QuerySet):
    def _membership(self, user, *states):
        return Membership.objects.filter(community=OuterRef("pk"), user=user, state__in=states)

    def visible_to(self, user):
        """Communities whose page ``user`` may open: public, private, and secret ones they
        belong to or are invited to."""
        if not user.is_authenticated:
            return self.none()
        if sees_everything(user):
            return self.all()
        invited_or_member = self._membership(user, MembershipState.ACTIVE, MembershipState.INVITED)
        return self.filter(~Q(type=CommunityType.SECRET) | Q(Exists(invited_or_member)))

    def with_content_visible_to(self, user):
        """Communities whose content ``user`` may read: public ones, and their own."""
        if not user.is_authenticated:
            return self.none()
        if sees_everything(user):
            return self.all()
        from communities.permissions import known_active_community_ids

        mine = known_active_community_ids(user)
        if mine is not None:  # Already loaded in this request: a plain list, a simpler query.
            return self.filter(Q(type=CommunityType.PUBLIC) | Q(pk__in=mine))
        member = self._membership(user, MembershipState.ACTIVE)
        return self.filter(Q(type=CommunityType.PUBLIC) | Q(Exists(member)))

    def member_of(self, user):
        """Communities ``user`` is an active member of."""
        if not user.is_authenticated:
            return self.none()
        # A subquery, not a join: a join would narrow later Count("memberships") to this row.
        return self.filter(Exists(self._membership(user, MembershipState.ACTIVE)))


class Community(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    avatar = models.ImageField(_("picture"), upload_to="communities/", blank=True)
    cover = models.ImageField(_("cover image"), upload_to="communities/", blank=True)
    type = models.CharField(
        _("type"), max_length=10, choices=CommunityType.choices, default=CommunityType.PUBLIC
    )
    department = models.ForeignKey(
        "profiles.Department",
        verbose_name=_("official community of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communities",
    )
    posting_policy = models.CharField(
        _("who may post"),
        max_length=10,
        choices=PostingPolicy.choices,
        default=PostingPolicy.MEMBERS,
    )
    is_archived = models.BooleanField(
        _("archived"), default=False, help_text=_("Archived communities are read-only.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommunityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        indexes = [models.Index(fields=["type", "is_archived"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("communities:detail", kwargs={"slug": self.slug})

    @property
    def initials(self) -> str:
        words = [w for w in self.name.split() if w[:1].isalnum()]
        return ("".join(w[0] for w in words[:2]) or self.slug[:2]).upper()

    @property
    def avatar_hue(self) -> int:
        return sum(ord(c) * (i + 1) for i, c in enumerate(self.slug)) % 360


class Membership(TimeStampedModel):
    """A person's place in a community: a member with a role, or invited, or asking to join."""

    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.CASCADE,
        related_name="memberships",
    )  # fmt: skip
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
        related_name="community_memberships",
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(
        _("state"), max_length=10, choices=MembershipState.choices, default=MembershipState.ACTIVE
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.CharField(_("message"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="unique_membership")
        ]
        indexes = [
            models.Index(fields=["user", "state"]),
            models.Index(fields=["community", "state"]),
        ]

    def __str__(self):
        return f"{self.user} in {self.community} ({self.state}, {self.role})"

    @property
    def is_active(self) -> bool:
        return self.state == MembershipState.ACTIVE

    def has_role(self, role: str) -> bool:
        """True when this is an active membership with ``role`` or a stronger one."""
        return self.is_active and ROLE_RANK[self.role] >= ROLE_RANK[role]


class PlacedContentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Content ``user`` may see: company-wide or in a community whose content they may
        read, and not hidden by a moderator."""
        if not user.is_authenticated:
            return self.none()
        readable = Community.objects.with_content_visible_to(user)
        return self.filter(hidden_at__isnull=True).filter(
            Q(community__isnull=True) | Q(community__in=readable)
        )


class PlacedContent(TimeStampedModel):
    """Abstract base of every content type: placed company-wide or in one community."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: company-wide."),
    )
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PlacedContentQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def is_visible_to(self, user) -> bool:
        """The visibility rule for this one object (the same as ``visible_to``)."""
        from communities.permissions import can_read_content

        if not user.is_authenticated or self.is_hidden:
            return False
        return self.community_id is None or can_read_content(user, self.community)
