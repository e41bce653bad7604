"""Who may moderate what. ``can_*`` answer with a bool; ``check_*`` raise.

A community's moderators, admins and owners moderate what is placed in it; site Moderators
and superusers moderate everything, company-wide content included. Content a person may not
read answers 404 (as everywhere else); content they read but may not moderate answers 403.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.translation import gettext as _

from communities.models import Community, Membership, MembershipState, Role, sees_everything
from communities.permissions import can_moderate
from profiles.models import User
from profiles.roles import MODERATORS

MODERATING_ROLES = (Role.OWNER, Role.ADMIN, Role.MODERATOR)
_CACHE = "_moderates_anything"


def can_moderate_in(user, community: Community | None) -> bool:
    """Moderate what is placed in ``community``; None (company-wide) is for site moderators."""
    if community is None:
        return sees_everything(user)
    return can_moderate(user, community)


def check_moderate_content(user, obj) -> None:
    """Raise unless ``user`` may hide or restore ``obj``: 404 if they cannot read it, else 403."""
    community = obj.community
    if can_moderate_in(user, community):
        return
    if not obj.is_visible_to(user):
        raise Http404("No such content.")
    if community is None:
        raise PermissionDenied(_("Only site moderators can moderate company-wide content."))
    raise PermissionDenied(_("Only the community's moderators can do this."))


def check_handle_report(user, report) -> None:
    """Raise PermissionDenied unless ``user`` moderates where ``report`` belongs."""
    if not can_moderate_in(user, report.community):
        raise PermissionDenied(_("Only the moderators of this community can handle this report."))


def moderates_anything(user) -> bool:
    """True for site moderators and anyone who moderates at least one community.

    One query at most, remembered on the user object for the rest of the request."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if _CACHE not in user.__dict__:
        moderates = Membership.objects.filter(
            user=OuterRef("pk"), state=MembershipState.ACTIVE, role__in=MODERATING_ROLES
        )
        in_group = Group.objects.filter(user=OuterRef("pk"), name=MODERATORS)
        user.__dict__[_CACHE] = (
            User.objects.filter(pk=user.pk).filter(Exists(moderates) | Exists(in_group))
        ).exists()
    return user.__dict__[_CACHE]
