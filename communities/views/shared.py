"""What the community pages share: the viewer's standing, the page header, form errors."""

from django.core.exceptions import ValidationError

from communities import permissions, selectors
from communities.forms import JoinRequestForm
from communities.models import MembershipState, Role


def viewer_state(user, community) -> dict:
    """What the viewer is to ``community`` and may do there (memberships cached per request)."""
    membership = permissions.membership_of(user, community)
    return {
        "membership": membership,
        "state": membership.state if membership else None,
        "role": membership.role if membership and membership.is_active else None,
        "can_read": permissions.can_read_content(user, community),
        "can_join": permissions.can_join(user, community),
        "can_request": permissions.can_request(user, community),
        "can_invite": permissions.can_invite(user, community),
        "can_manage": permissions.can_manage(user, community),
        "can_moderate": permissions.can_moderate(user, community),
    }


def with_viewer_state(user, communities):
    permissions.remember_memberships(user, communities)
    for community in communities:
        community.viewer = viewer_state(user, community)
    return communities


def page_context(request, community, *, tab: str, members=None) -> dict:
    """The header and tabs every community page shares (``members``: a page already counted)."""
    viewer = viewer_state(request.user, community)
    context = {"community": community, "viewer": viewer, "tab": tab}
    if viewer["can_read"]:
        context["member_count"] = (
            members.paginator.count if members else selectors.members_of(community).count()
        )
    if viewer["can_manage"]:
        context["pending_count"] = selectors.pending_requests(community).count()
    if viewer["state"] == MembershipState.INVITED:
        context["invited_by"] = viewer["membership"].invited_by
    if viewer["can_request"]:
        context["request_form"] = JoinRequestForm()
    return context


def with_member_controls(viewer, community, memberships):
    can_manage = permissions.can_manage(viewer, community)
    can_moderate = permissions.can_moderate(viewer, community)
    for membership in memberships:
        yourself = membership.user_id == viewer.pk
        membership.can_set_role = can_manage and not yourself and membership.role != Role.OWNER
        membership.can_remove = (
            can_moderate and not yourself and permissions.outranks(viewer, community, membership)
        )
    return memberships


def refusal(error: ValidationError) -> str:
    return " ".join(error.messages)
