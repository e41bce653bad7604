"""Reads about communities: the directory, one community, its members and requests."""

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import Http404

from communities import permissions
from communities.models import Community, CommunityType, Membership, MembershipState, Role
from profiles.models import Follow, User


def community_get_for(user: User, *, slug: str) -> Community:
    """The community at ``slug`` if ``user`` may see it; 404 otherwise (secret stays secret)."""
    community = (
        Community.objects.visible_to(user).select_related("department").filter(slug=slug).first()
    )
    if community is None:
        raise Http404("No such community.")
    return community


def _with_member_counts(communities):
    return communities.annotate(
        member_count=Count("memberships", filter=Q(memberships__state=MembershipState.ACTIVE))
    )


def community_directory(
    user: User,
    *,
    scope: str = "all",
    q: str = "",
    type: str = "",
    department=None,
    include_archived: bool = False,
):
    """Communities for the directory: ``scope`` is "all" (all I can see) or "mine"."""
    communities = Community.objects.visible_to(user)
    if scope == "mine":
        communities = communities.member_of(user)
    if not include_archived:
        communities = communities.filter(is_archived=False)
    if q.strip():
        words = q.split()[:5]
        for word in words:
            communities = communities.filter(
                Q(name__icontains=word) | Q(description__icontains=word)
            )
    if type:
        communities = communities.filter(type=type)
    if department is not None:
        communities = communities.filter(department=department)
    return _with_member_counts(communities.select_related("department")).order_by("name")


def communities_suggested(user: User, *, limit: int = 6) -> list[Community]:
    """Communities to join: my department's, and where people I follow are members."""
    followees = Follow.objects.filter(follower=user).values("followee_id")
    candidates = (
        Community.objects.visible_to(user)
        .filter(is_archived=False)
        .exclude(type=CommunityType.SECRET)
        .exclude(memberships__user=user)
        .annotate(
            followed_members=Count(
                "memberships",
                filter=Q(
                    memberships__user__in=followees, memberships__state=MembershipState.ACTIVE
                ),
            )
        )
        .filter(
            (Q(department_id=user.department_id) if user.department_id else Q(pk__in=[]))
            | Q(followed_members__gt=0)
        )
    )
    return list(
        _with_member_counts(candidates.select_related("department")).order_by(
            "-followed_members", "name"
        )[:limit]
    )


def members_of(community: Community):
    """Active members, owners and admins first, then by name."""
    role_order = {role: index for index, role in enumerate(Role.values)}
    rank = Case(
        *(When(role=role, then=Value(index)) for role, index in role_order.items()),
        output_field=IntegerField(),
    )
    return (
        Membership.objects.filter(community=community, state=MembershipState.ACTIVE)
        .select_related("user", "user__department", "user__office")
        .annotate(rank=rank)
        .order_by("rank", "user__display_name", "user__username")
    )


def pending_requests(community: Community):
    """People asking to join, oldest first."""
    return (
        Membership.objects.filter(community=community, state=MembershipState.REQUESTED)
        .select_related("user", "user__department")
        .order_by("created_at")
    )


def invitations_of(community: Community):
    """People invited who have not answered yet, newest first."""
    return (
        Membership.objects.filter(community=community, state=MembershipState.INVITED)
        .select_related("user", "invited_by")
        .order_by("-created_at")
    )


def membership_get_for(actor: User, community: Community, *, username: str) -> Membership:
    """A membership row in ``community`` (any state), or 404."""
    membership = (
        Membership.objects.filter(community=community, user__username=username)
        .select_related("user", "community")
        .first()
    )
    if membership is None:
        raise Http404("No such member.")
    return membership


def communities_of_person(person: User, viewer: User) -> list[Community]:
    """The communities ``person`` belongs to whose members ``viewer`` may see ("member of")."""
    communities = list(
        Community.objects.with_content_visible_to(viewer)
        .member_of(person)
        .filter(is_archived=False)
        .order_by("name")
    )
    permissions.remember_memberships(viewer, communities)
    return communities


def my_invitations(user: User):
    """Communities that invited ``user`` and wait for an answer."""
    return (
        Membership.objects.filter(user=user, state=MembershipState.INVITED)
        .select_related("community", "invited_by")
        .order_by("-created_at")
    )
