"""The communities API: the directory, one community, memberships, requests and invitations.

Thin views over the same services and selectors as the HTML pages. A secret community a
person may not see answers 404 everywhere (``selectors.community_get_for``); where someone can
see a community but not do the thing, 403 says why. Permissions are checked before a username
in the path is looked up, so a refusal never tells who is in a community.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, parsers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from communities import permissions, selectors, services
from communities.models import Community, Membership, MembershipState
from communities.serializers import (
    CommunityCardSerializer,
    CommunityCreateSerializer,
    CommunityDetailSerializer,
    CommunityLimitedSerializer,
    CommunityUpdateSerializer,
    DirectoryFilterSerializer,
    InvitationSerializer,
    InviteCreateSerializer,
    InviteResponseSerializer,
    InviteResultSerializer,
    JoinRequestCreateSerializer,
    JoinRequestSerializer,
    MemberSerializer,
    MembershipStateSerializer,
    RoleUpdateSerializer,
    TransferSerializer,
)
from core.api import ERROR, FIELD_ERRORS

NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="No such community, or a secret one you are not in (or person, where named).",
)
COMMUNITY = PolymorphicProxySerializer(
    component_name="CommunityOrLimited",
    serializers=[CommunityDetailSerializer, CommunityLimitedSerializer],
    resource_type_field_name=None,
)
PARSERS = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]


def _community(request, slug: str) -> Community:
    return selectors.community_get_for(request.user, slug=slug)


def _community_data(request, community: Community) -> dict:
    """The whole community for those who may see inside it, its outside for the others."""
    context = {"request": request}
    if permissions.can_read_content(request.user, community):
        return CommunityDetailSerializer(community, context=context).data
    return CommunityLimitedSerializer(community, context=context).data


def _check_see_members(user, community: Community) -> None:
    permissions.check(
        permissions.can_read_content(user, community),
        _("Only members see who belongs to this community."),
    )


def _was(user, community: Community, *states: str) -> bool:
    membership = permissions.membership_of(user, community)
    return membership is not None and membership.state in states


@extend_schema_view(
    get=extend_schema(
        summary="Community directory",
        description=(
            "Communities you can see, alphabetical. `member_count` is null for private "
            "communities you are not a member of."
        ),
        parameters=[DirectoryFilterSerializer],
        responses={200: CommunityCardSerializer(many=True), 400: FIELD_ERRORS},
    ),
    post=extend_schema(
        summary="Create a community",
        description=(
            "You become its owner. JSON, or multipart for `avatar` and `cover`. A taken "
            "`slug` is refused with a free one suggested."
        ),
        request={
            "application/json": CommunityCreateSerializer,
            "multipart/form-data": CommunityCreateSerializer,
        },
        responses={201: CommunityDetailSerializer, 400: FIELD_ERRORS},
    ),
)
class CommunityListView(generics.ListAPIView):
    """Communities one may see (the HTML directory's filters), and creating one."""

    serializer_class = CommunityCardSerializer
    parser_classes = PARSERS
    queryset = Community.objects.none()  # For the schema; get_queryset does the work.

    def get_queryset(self):
        params = {k: v for k, v in self.request.query_params.items() if v != ""}
        filters = DirectoryFilterSerializer(data=params)
        filters.is_valid(raise_exception=True)
        return selectors.community_directory(self.request.user, **filters.validated_data)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        permissions.remember_memberships(self.request.user, page or [])
        return page

    def post(self, request):
        serializer = CommunityCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        community = services.community_create(creator=request.user, **serializer.validated_data)
        data = CommunityDetailSerializer(community, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


class CommunityDetailView(APIView):
    """One community; its admins change its settings here."""

    parser_classes = PARSERS

    @extend_schema(
        summary="A community",
        description=(
            "The whole community for members (and for everyone, if it is public). Of a "
            "private community, non-members get only its name, description, type, "
            "department, archived flag and their own membership (a pending request or "
            "invitation). A secret community answers 404 to everyone but its members and "
            "the people invited to it."
        ),
        responses={200: COMMUNITY, 404: NOT_FOUND},
    )
    def get(self, request, slug: str):
        return Response(_community_data(request, _community(request, slug)))

    @extend_schema(
        summary="Change a community's settings",
        description=(
            "Admins and owners only. Send only the fields to change, as JSON or multipart "
            "(for `avatar` and `cover`). `is_archived` archives the community or brings it "
            "back. Any other field is refused (400)."
        ),
        request={
            "application/json": CommunityUpdateSerializer,
            "multipart/form-data": CommunityUpdateSerializer,
        },
        responses={200: CommunityDetailSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def patch(self, request, slug: str):
        community = _community(request, slug)
        permissions.check_manage(request.user, community)
        serializer = CommunityUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        archived = fields.pop("is_archived", None)
        with transaction.atomic():
            if fields:
                services.community_update(actor=request.user, community=community, **fields)
            if archived is not None:
                services.community_set_archived(
                    actor=request.user, community=community, archived=archived
                )
        return Response(_community_data(request, community))


STATE_RESPONSES = {
    400: ERROR,
    404: NOT_FOUND,
}


class JoinView(APIView):
    @extend_schema(
        summary="Join a community",
        description=(
            "Joins a public community, or accepts an invitation. Joining twice changes "
            "nothing (200). A private community needs a request; an archived one takes no "
            "new members (400)."
        ),
        request=None,
        responses={
            201: OpenApiResponse(MembershipStateSerializer, description="Now a member."),
            200: OpenApiResponse(MembershipStateSerializer, description="Already a member."),
            **STATE_RESPONSES,
        },
    )
    def post(self, request, slug: str):
        community = _community(request, slug)
        already = _was(request.user, community, MembershipState.ACTIVE)
        membership = services.community_join(user=request.user, community=community)
        code = status.HTTP_200_OK if already else status.HTTP_201_CREATED
        return Response(MembershipStateSerializer(membership).data, status=code)


class RequestView(APIView):
    @extend_schema(
        summary="Ask to join a community",
        description=(
            "For a private community: its admins decide. A public community is simply "
            "joined, and an invitation accepted. Asking twice changes nothing (200)."
        ),
        request=JoinRequestCreateSerializer,
        responses={
            201: OpenApiResponse(MembershipStateSerializer, description="Request sent or joined."),
            200: OpenApiResponse(
                MembershipStateSerializer, description="Already asked, or already a member."
            ),
            **STATE_RESPONSES,
        },
    )
    def post(self, request, slug: str):
        community = _community(request, slug)
        serializer = JoinRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        already = _was(request.user, community, MembershipState.ACTIVE, MembershipState.REQUESTED)
        membership = services.community_request_join(
            user=request.user, community=community, **serializer.validated_data
        )
        code = status.HTTP_200_OK if already else status.HTTP_201_CREATED
        return Response(MembershipStateSerializer(membership).data, status=code)


class LeaveView(APIView):
    @extend_schema(
        summary="Leave a community",
        description=(
            "Also withdraws a request to join, or declines an invitation. The last owner "
            "must hand the community over first (400)."
        ),
        request=None,
        responses={204: OpenApiResponse(description="Not in the community (any more)."),
                   **STATE_RESPONSES},
    )  # fmt: skip
    def post(self, request, slug: str):
        services.community_leave(user=request.user, community=_community(request, slug))
        return Response(status=status.HTTP_204_NO_CONTENT)


class _CommunityListView(generics.ListAPIView):
    """A paginated list inside one community, after a permission check."""

    queryset = Membership.objects.none()  # For the schema; get_queryset does the work.
    # Each subclass sets both: the rows to list and the permission check that guards them.
    selector = None
    check = None

    def get_queryset(self):
        community = _community(self.request, self.kwargs["slug"])
        self.check(self.request.user, community)
        return self.selector(community)


@extend_schema_view(
    get=extend_schema(
        summary="A community's members",
        description="Owners and admins first. Private communities show it to members only.",
        responses={200: MemberSerializer(many=True), 403: ERROR, 404: NOT_FOUND},
    )
)
class MembersView(_CommunityListView):
    serializer_class = MemberSerializer
    selector = staticmethod(selectors.members_of)
    check = staticmethod(_check_see_members)


class MemberView(APIView):
    """One member: change their role (admins) or remove them (moderators and up)."""

    @extend_schema(
        summary="Change a member's role",
        description=(
            "Admins only; only an owner changes another owner's role, and the last owner "
            "keeps theirs. `owner` is refused: ownership is handed over with transfer."
        ),
        request=RoleUpdateSerializer,
        responses={200: MemberSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def patch(self, request, slug: str, username: str):
        community = _community(request, slug)
        permissions.check_manage(request.user, community)
        membership = selectors.membership_get_for(request.user, community, username=username)
        serializer = RoleUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.community_member_set_role(
            actor=request.user, membership=membership, role=serializer.validated_data["role"]
        )
        return Response(MemberSerializer(membership, context={"request": request}).data)

    @extend_schema(
        summary="Remove a member",
        description="Moderators and up, never someone of an equal or higher role.",
        request=None,
        responses={
            204: OpenApiResponse(description="Removed."),
            400: ERROR,
            403: ERROR,
            404: NOT_FOUND,
        },
    )
    def delete(self, request, slug: str, username: str):
        community = _community(request, slug)
        permissions.check_moderate(request.user, community)
        membership = selectors.membership_get_for(request.user, community, username=username)
        services.community_member_remove(actor=request.user, membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    get=extend_schema(
        summary="Requests to join",
        description="Admins only; oldest first.",
        responses={200: JoinRequestSerializer(many=True), 403: ERROR, 404: NOT_FOUND},
    )
)
class RequestsView(_CommunityListView):
    serializer_class = JoinRequestSerializer
    selector = staticmethod(selectors.pending_requests)
    check = staticmethod(permissions.check_manage)


class _RequestDecisionView(APIView):
    def _request(self, request, slug: str, username: str) -> Membership:
        community = _community(request, slug)
        if username != request.user.username:  # Deciding one's own: the service says why not.
            permissions.check_manage(request.user, community)
        return selectors.membership_get_for(request.user, community, username=username)


class RequestApproveView(_RequestDecisionView):
    @extend_schema(
        summary="Approve a request to join",
        description="Admins only; nobody approves their own request.",
        request=None,
        responses={200: MemberSerializer, 400: ERROR, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, slug: str, username: str):
        membership = services.community_request_approve(
            actor=request.user, membership=self._request(request, slug, username)
        )
        return Response(MemberSerializer(membership, context={"request": request}).data)


class RequestRejectView(_RequestDecisionView):
    @extend_schema(
        summary="Turn down a request to join",
        description="Admins only. To withdraw your own request, leave the community.",
        request=None,
        responses={
            204: OpenApiResponse(description="Turned down."),
            400: ERROR,
            403: ERROR,
            404: NOT_FOUND,
        },
    )
    def post(self, request, slug: str, username: str):
        services.community_request_reject(
            actor=request.user, membership=self._request(request, slug, username)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    get=extend_schema(
        summary="Open invitations",
        description="Admins only; newest first.",
        responses={200: InvitationSerializer(many=True), 403: ERROR, 404: NOT_FOUND},
    ),
    post=extend_schema(
        summary="Invite people",
        description=(
            "`username` invites one colleague; `department` invites everyone in it who is not "
            "in the community yet. Members may invite; into a secret community only its "
            "admins. Someone who already asked to join is let in when an admin invites them."
        ),
        request=InviteCreateSerializer,
        responses={
            201: OpenApiResponse(InviteResponseSerializer, description="Invited."),
            200: OpenApiResponse(InviteResponseSerializer, description="Nobody left to invite."),
            400: FIELD_ERRORS,
            403: ERROR,
            404: NOT_FOUND,
        },
    ),
)
class InvitesView(_CommunityListView):
    serializer_class = InvitationSerializer
    selector = staticmethod(selectors.invitations_of)
    check = staticmethod(permissions.check_manage)

    def post(self, request, slug: str):
        community = _community(request, slug)
        permissions.check_invite(request.user, community)
        serializer = InviteCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if "username" in serializer.validated_data:
            invited = [
                services.community_invite(
                    actor=request.user,
                    community=community,
                    invitee=serializer.validated_data["username"],
                )
            ]
        else:
            invited = services.community_invite_department(
                actor=request.user,
                community=community,
                department=serializer.validated_data["department"],
            )
        results = InviteResultSerializer(invited, many=True, context={"request": request}).data
        code = status.HTTP_201_CREATED if invited else status.HTTP_200_OK
        return Response({"results": results}, status=code)


class TransferView(APIView):
    @extend_schema(
        summary="Hand the community over",
        description=(
            "Owners only. The new owner must be a member; you stay on as an admin. Answers "
            "the community as you now see it."
        ),
        request=TransferSerializer,
        responses={200: CommunityDetailSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, slug: str):
        community = _community(request, slug)
        serializer = TransferSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.community_transfer_ownership(
                actor=request.user,
                community=community,
                new_owner=serializer.validated_data["username"],
            )
        except ValidationError as error:
            # The service names the field "new_owner"; here it is "username".
            if hasattr(error, "error_dict") and "new_owner" in error.error_dict:
                raise ValidationError({"username": error.message_dict["new_owner"]}) from None
            raise
        return Response(_community_data(request, community))
