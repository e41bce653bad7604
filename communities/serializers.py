"""API shapes for communities: what is read, and what a person may send to change things."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from communities import permissions
from communities.models import (
    Community,
    CommunityType,
    Membership,
    MembershipState,
    PostingPolicy,
    Role,
)
from profiles.models import Department, User
from profiles.serializers import DepartmentSerializer, PersonSummarySerializer, UploadField


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request else url


class ViewerMembershipSerializer(serializers.Serializer):
    """The signed-in person's place in a community; ``role`` is null unless a member."""

    state = serializers.ChoiceField(choices=MembershipState.choices, read_only=True)
    role = serializers.ChoiceField(choices=Role.choices, read_only=True, allow_null=True)

    def to_representation(self, membership):
        return {
            "state": membership.state,
            "role": membership.role if membership.is_active else None,
        }


class MembershipStateSerializer(ViewerMembershipSerializer):
    """The answer to join and request: where the person now stands."""

    community = serializers.SlugField(read_only=True)

    def to_representation(self, membership):
        return {"community": membership.community.slug, **super().to_representation(membership)}


class _ViewerMixin:
    """Fields about the signed-in person; memberships come from the per-request cache."""

    # A list view loads the whole page's memberships first (permissions.remember_memberships).

    @property
    def viewer(self):
        return self.context["request"].user

    @extend_schema_field(ViewerMembershipSerializer(allow_null=True))
    def get_membership(self, community):
        membership = permissions.membership_of(self.viewer, community)
        return ViewerMembershipSerializer(membership).data if membership else None


class CommunityLimitedSerializer(_ViewerMixin, serializers.ModelSerializer):
    """What a non-member sees of a private community (or of a secret one they are invited to)."""

    department = DepartmentSerializer(read_only=True, allow_null=True)
    membership = serializers.SerializerMethodField()

    class Meta:
        model = Community
        fields = ["slug", "name", "description", "type", "department", "is_archived", "membership"]
        read_only_fields = fields


class CommunityCardSerializer(_ViewerMixin, serializers.ModelSerializer):
    """A community in a list. ``member_count`` is null where the member list is for members."""

    department = DepartmentSerializer(read_only=True, allow_null=True)
    initials = serializers.CharField(read_only=True)
    avatar_url = serializers.SerializerMethodField()
    member_count = serializers.SerializerMethodField()
    membership = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Community
        fields = [
            "slug",
            "name",
            "description",
            "type",
            "department",
            "posting_policy",
            "is_archived",
            "initials",
            "avatar_url",
            "member_count",
            "membership",
            "url",
            "page_url",
        ]
        read_only_fields = fields

    def _file_url(self, file) -> str | None:
        return _absolute(self.context.get("request"), file.url) if file else None

    def get_avatar_url(self, community) -> str | None:
        return self._file_url(community.avatar)

    def get_member_count(self, community) -> int | None:
        if not permissions.can_read_content(self.viewer, community):
            return None
        count = getattr(community, "member_count", None)  # Annotated by the directory.
        if count is None:
            count = community.memberships.filter(state=MembershipState.ACTIVE).count()
        return count

    def get_url(self, community) -> str:
        url = reverse("communities-api:detail", kwargs={"slug": community.slug})
        return _absolute(self.context.get("request"), url)

    def get_page_url(self, community) -> str:
        return _absolute(self.context.get("request"), community.get_absolute_url())


class CommunityAbilitiesSerializer(serializers.Serializer):
    """What the signed-in person may do here, to show the right buttons."""

    join = serializers.BooleanField(help_text=_("Join, or accept an invitation."))
    request = serializers.BooleanField(help_text=_("Ask to join."))
    leave = serializers.BooleanField()
    invite = serializers.BooleanField()
    manage = serializers.BooleanField(help_text=_("Settings, requests, roles, archive."))
    moderate = serializers.BooleanField(help_text=_("Remove members, hide content."))
    post = serializers.BooleanField()
    transfer = serializers.BooleanField(help_text=_("Hand the community over."))


class CommunityDetailSerializer(CommunityCardSerializer):
    """A community for those who may see inside it."""

    cover_url = serializers.SerializerMethodField()
    can = serializers.SerializerMethodField()

    class Meta(CommunityCardSerializer.Meta):
        fields = [*CommunityCardSerializer.Meta.fields, "cover_url", "created_at", "can"]
        read_only_fields = fields

    def get_cover_url(self, community) -> str | None:
        return self._file_url(community.cover)

    @extend_schema_field(CommunityAbilitiesSerializer)
    def get_can(self, community):
        user = self.viewer
        membership = permissions.membership_of(user, community)
        state = membership.state if membership else None
        return {
            "join": permissions.can_join(user, community)
            or (state == MembershipState.INVITED and not community.is_archived),
            "request": permissions.can_request(user, community),
            "leave": membership is not None,
            "invite": permissions.can_invite(user, community),
            "manage": permissions.can_manage(user, community),
            "moderate": permissions.can_moderate(user, community),
            "post": permissions.can_post(user, community),
            "transfer": permissions.can_transfer(user, community),
        }


class MemberSerializer(serializers.ModelSerializer):
    person = PersonSummarySerializer(source="user", read_only=True)
    since = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Membership
        fields = ["person", "role", "since"]
        read_only_fields = fields


class JoinRequestSerializer(serializers.ModelSerializer):
    person = PersonSummarySerializer(source="user", read_only=True)
    requested_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Membership
        fields = ["person", "message", "requested_at"]
        read_only_fields = fields


class InvitationSerializer(serializers.ModelSerializer):
    person = PersonSummarySerializer(source="user", read_only=True)
    invited_by = PersonSummarySerializer(read_only=True, allow_null=True)
    invited_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Membership
        fields = ["person", "invited_by", "invited_at"]
        read_only_fields = fields


class InviteResultSerializer(serializers.ModelSerializer):
    """Someone invited, or let in at once when they had already asked to join."""

    person = PersonSummarySerializer(source="user", read_only=True)

    class Meta:
        model = Membership
        fields = ["person", "state", "role"]
        read_only_fields = fields


class InviteResponseSerializer(serializers.Serializer):
    results = InviteResultSerializer(many=True, read_only=True)


# --- input ----------------------------------------------------------------------------


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, instead of silently ignoring them."""

    default_error_messages = {"unknown": _("This field does not exist or cannot be changed.")}

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {name: [self.error_messages["unknown"]] for name in unknown}
            )
        return attrs


def _department_field(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Department.objects.all(),
        error_messages={"does_not_exist": _("There is no department “{value}”.")},
        **kwargs,
    )


def _person_field(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.active(),
        error_messages={"does_not_exist": _("There is no active person “{value}”.")},
        **kwargs,
    )


IMAGE_HELP = _("JPEG, PNG, GIF or WebP, at most 5 MB (multipart only).")
OFFICIAL_HELP = _("A department slug: the community becomes its official one; null for none.")


class CommunityCreateSerializer(StrictSerializer):
    """A new community; any field not listed here is refused."""

    # Slug rules (free, suggestions), image checks and the rest live in the service.
    name = serializers.CharField(max_length=120)
    slug = serializers.CharField(
        max_length=120,
        allow_blank=True,
        required=False,
        help_text=_("The address; made from the name when empty."),
    )
    description = serializers.CharField(
        max_length=4000, allow_blank=True, required=False, trim_whitespace=False
    )
    type = serializers.ChoiceField(choices=CommunityType.choices, required=False)
    department = _department_field(allow_null=True, required=False, help_text=OFFICIAL_HELP)
    posting_policy = serializers.ChoiceField(choices=PostingPolicy.choices, required=False)
    avatar = UploadField(required=False, help_text=IMAGE_HELP)
    cover = UploadField(required=False, help_text=IMAGE_HELP)


class CommunityUpdateSerializer(StrictSerializer):
    """The settings to change (the community's admins); every field is optional."""

    name = serializers.CharField(max_length=120, required=False)
    description = serializers.CharField(
        max_length=4000, allow_blank=True, required=False, trim_whitespace=False
    )
    type = serializers.ChoiceField(choices=CommunityType.choices, required=False)
    department = _department_field(allow_null=True, required=False, help_text=OFFICIAL_HELP)
    posting_policy = serializers.ChoiceField(choices=PostingPolicy.choices, required=False)
    avatar = UploadField(required=False, help_text=IMAGE_HELP)
    cover = UploadField(required=False, help_text=IMAGE_HELP)
    remove_avatar = serializers.BooleanField(required=False)
    remove_cover = serializers.BooleanField(required=False)
    is_archived = serializers.BooleanField(
        required=False, help_text=_("Archived communities are read-only.")
    )


class DirectoryFilterSerializer(serializers.Serializer):
    """The directory's query parameters, as the HTML directory reads them."""

    scope = serializers.ChoiceField(
        choices=[("all", _("All I can see")), ("mine", _("Mine"))], required=False
    )
    q = serializers.CharField(
        max_length=100, allow_blank=True, required=False, help_text=_("Name or description.")
    )
    type = serializers.ChoiceField(choices=CommunityType.choices, required=False)
    department = _department_field(required=False, help_text=_("A department slug."))
    include_archived = serializers.BooleanField(required=False, default=False)


class JoinRequestCreateSerializer(StrictSerializer):
    """A request to join, with an optional note."""

    message = serializers.CharField(
        max_length=500, allow_blank=True, required=False, help_text=_("A note for the admins.")
    )


class RoleUpdateSerializer(StrictSerializer):
    """A member's new role."""

    role = serializers.ChoiceField(
        choices=Role.choices,
        help_text=_("admin, moderator or member; ownership is handed over with transfer."),
    )


class InviteCreateSerializer(StrictSerializer):
    """Invite one person, or everyone in a department who is not in the community yet."""

    username = _person_field(required=False, help_text=_("A colleague's username."))
    department = _department_field(
        required=False, help_text=_("A department slug: invites everyone in it.")
    )

    default_error_messages = {
        **StrictSerializer.default_error_messages,
        "one": _("Send either a username or a department."),
    }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if ("username" in attrs) == ("department" in attrs):
            raise serializers.ValidationError(self.error_messages["one"])
        return attrs


class TransferSerializer(StrictSerializer):
    """Who takes the community over."""

    username = _person_field(help_text=_("The new owner: a member of the community."))
