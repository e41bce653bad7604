"""Who may do what in a community. ``can_*`` answer with a bool; ``check_*`` raise.

Membership rows are read once per person and community within a request: they are cached
on the user object (a fresh one each request), and services forget them after a change.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from communities.models import (
    ROLE_RANK,
    Community,
    CommunityType,
    Membership,
    MembershipState,
    PostingPolicy,
    Role,
    sees_everything,
)

_CACHE = "_community_memberships"
# Set once every membership row of the user is in the cache: a community missing from it
# then has no row, without asking.
_COMPLETE = "_community_memberships_complete"


def membership_of(user, community: Community) -> Membership | None:
    """``user``'s membership row in ``community`` (any state), or None."""
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault(_CACHE, {})
    if community.pk not in cache:
        if user.__dict__.get(_COMPLETE):
            return None
        cache[community.pk] = Membership.objects.filter(community=community, user=user).first()
    return cache[community.pk]


def remember_memberships(user, communities) -> None:
    """Load ``user``'s memberships in all of ``communities`` with one query (for lists)."""
    if not user.is_authenticated:
        return
    cache = user.__dict__.setdefault(_CACHE, {})
    if user.__dict__.get(_COMPLETE):
        return
    ids = [c.pk for c in communities if c.pk not in cache]
    if not ids:
        return
    found = {m.community_id: m for m in Membership.objects.filter(user=user, community_id__in=ids)}
    for pk in ids:
        cache[pk] = found.get(pk)


def remember_all_memberships(user) -> list[Membership]:
    """Every membership row of ``user`` (any state), loaded with one query the first time in
    a request; afterwards no community asks again (a person belongs to a few dozen
    communities, not thousands)."""
    if not user.is_authenticated:
        return []
    if user.__dict__.get(_COMPLETE):
        return [m for m in user.__dict__[_CACHE].values() if m is not None]
    memberships = list(Membership.objects.filter(user=user))
    user.__dict__[_CACHE] = {m.community_id: m for m in memberships}
    user.__dict__[_COMPLETE] = True
    return memberships


def known_active_community_ids(user) -> list[int] | None:
    """The communities ``user`` is an active member of, when ``remember_all_memberships``
    already loaded them in this request; None otherwise (ask the database)."""
    if not user.__dict__.get(_COMPLETE):
        return None
    return [pk for pk, m in user.__dict__[_CACHE].items() if m is not None and m.is_active]


def forget_memberships(user) -> None:
    """Drop ``user``'s cached memberships (after a service changed one)."""
    user.__dict__.pop(_CACHE, None)
    user.__dict__.pop(_COMPLETE, None)


def _state(user, community) -> str | None:
    membership = membership_of(user, community)
    return membership.state if membership else None


def is_member(user, community) -> bool:
    """An active member of ``community``."""
    return _state(user, community) == MembershipState.ACTIVE


def has_community_role(user, community, role: str) -> bool:
    """An active member of ``community`` with ``role`` or a stronger one."""
    membership = membership_of(user, community)
    return membership is not None and membership.has_role(role)


def can_view_community(user, community) -> bool:
    """The community's own page (name, description): everyone but outsiders of secret ones."""
    if not user.is_authenticated:
        return False
    if community.type != CommunityType.SECRET or sees_everything(user):
        return True
    return _state(user, community) in (MembershipState.ACTIVE, MembershipState.INVITED)


def can_read_content(user, community) -> bool:
    """Content and members: public communities for everyone, the others for members."""
    if not user.is_authenticated:
        return False
    return (
        community.type == CommunityType.PUBLIC
        or sees_everything(user)
        or is_member(user, community)
    )


def can_join(user, community) -> bool:
    """The Join button: an open public community the person is not a member of yet."""
    return (
        user.is_authenticated
        and community.type == CommunityType.PUBLIC
        and not community.is_archived
        and _state(user, community) != MembershipState.ACTIVE
    )


def can_request(user, community) -> bool:
    """Asking to join: an open private community the person has no membership in."""
    return (
        user.is_authenticated
        and community.type == CommunityType.PRIVATE
        and not community.is_archived
        and _state(user, community) is None
    )


def can_manage(user, community) -> bool:
    """Settings, join requests and roles: the community's owners and admins (and superusers)."""
    return user.is_authenticated and (
        user.is_superuser or has_community_role(user, community, Role.ADMIN)
    )


def can_moderate(user, community) -> bool:
    """Hide content and remove members: community moderators and up, and site moderators."""
    return user.is_authenticated and (
        sees_everything(user) or has_community_role(user, community, Role.MODERATOR)
    )


def can_invite(user, community) -> bool:
    """Members invite colleagues; into a secret community only its admins do."""
    if community.is_archived:
        return False
    if can_manage(user, community):
        return True
    return community.type != CommunityType.SECRET and is_member(user, community)


def can_post(user, community) -> bool:
    """Members post, unless the community is archived or only admins may post."""
    if community.is_archived or not is_member(user, community):
        return False
    return community.posting_policy == PostingPolicy.MEMBERS or has_community_role(
        user, community, Role.ADMIN
    )


def can_transfer(user, community) -> bool:
    """Handing the community over: its owners (and superusers)."""
    return user.is_authenticated and (
        user.is_superuser or has_community_role(user, community, Role.OWNER)
    )


def outranks(user, community, membership: Membership) -> bool:
    """``user`` stands above ``membership``'s role (site moderators above all but owners)."""
    if user.is_superuser or (sees_everything(user) and membership.role != Role.OWNER):
        return True
    mine = membership_of(user, community)
    return mine is not None and mine.is_active and ROLE_RANK[mine.role] > ROLE_RANK[membership.role]


def check(allowed: bool, message: str) -> None:
    """Raise PermissionDenied with ``message`` unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message)


def check_manage(user, community) -> None:
    """Raise PermissionDenied unless ``user`` manages ``community``."""
    check(can_manage(user, community), _("Only the community's admins can do this."))


def check_moderate(user, community) -> None:
    """Raise PermissionDenied unless ``user`` moderates ``community``."""
    check(can_moderate(user, community), _("Only the community's moderators can do this."))


def check_transfer(user, community) -> None:
    """Raise PermissionDenied unless ``user`` may hand ``community`` over."""
    check(can_transfer(user, community), _("Only an owner can hand the community over."))


def check_invite(user, community) -> None:
    """Raise PermissionDenied, saying why, unless ``user`` may invite into ``community``."""
    if community.is_archived:
        raise PermissionDenied(_("This community is archived: it takes no new members."))
    if community.type == CommunityType.SECRET:
        message = _("Only the community's admins can invite people to a secret community.")
    else:
        message = _("Only the community's members can invite people.")
    check(can_invite(user, community), message)
