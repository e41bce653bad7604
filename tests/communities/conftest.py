"""Communities built through the services, and one person per role of the permission matrix."""

import itertools

import pytest
from django.contrib.auth.models import Group

from communities import services
from communities.models import CommunityType
from profiles.roles import MODERATORS
from tests.factories import UserFactory

# The roles of the permission matrix, weakest first ("anonymous" is not a user).
ROLES = (
    "outsider",
    "invited",
    "requested",
    "member",
    "moderator",
    "admin",
    "owner",
    "site_moderator",
    "superuser",
)
# The matrix's community types: "archived" is an archived public community.
TYPES = ("public", "private", "secret", "archived")

_numbers = itertools.count(1)


def build_community(*, creator=None, name="", type=CommunityType.PUBLIC, archived=False, **fields):
    """A community made by ``community_create`` (and archived by its owner if asked)."""
    number = next(_numbers)
    creator = creator or UserFactory(username=f"creator{number}")
    community = services.community_create(
        creator=creator, name=name or f"Community {number}", type=type, **fields
    )
    if archived:
        services.community_set_archived(actor=creator, community=community, archived=True)
    return community


def build_matrix_community(kind: str, *, name: str = "", creator=None):
    """A community of one matrix type: public, private, secret or archived (public)."""
    if kind == "archived":
        return build_community(name=name, creator=creator, type=CommunityType.PUBLIC,
                               archived=True)  # fmt: skip
    return build_community(name=name, creator=creator, type=kind)


def site_moderator(username: str):
    person = UserFactory(username=username)
    person.groups.add(Group.objects.get(name=MODERATORS))
    return person


def build_roles(community) -> dict:
    """One person per matrix role in ``community``, each placed there through the services.

    Requests only exist in private communities, so the community is private (and open)
    while the people arrive, then gets its own type and archived flag back.
    """
    from communities.models import Membership

    owner = community.created_by
    prefix = community.slug.replace("-", "")[:20]
    kind, archived = community.type, community.is_archived
    if archived:
        services.community_set_archived(actor=owner, community=community, archived=False)
    if kind != CommunityType.PRIVATE:
        services.community_update(actor=owner, community=community, type=CommunityType.PRIVATE)

    people = {"owner": owner}
    for role in ROLES:
        if role in ("owner", "site_moderator", "superuser"):
            continue
        people[role] = UserFactory(username=f"{prefix}-{role}")
    services.community_invite(actor=owner, community=community, invitee=people["invited"])
    services.community_request_join(user=people["requested"], community=community)
    for role in ("member", "moderator", "admin"):
        services.community_request_join(user=people[role], community=community)
        membership = Membership.objects.get(community=community, user=people[role])
        services.community_request_approve(actor=owner, membership=membership)
        if role != "member":
            services.community_member_set_role(actor=owner, membership=membership, role=role)
    people["site_moderator"] = site_moderator(f"{prefix}-sitemod")
    people["superuser"] = UserFactory(username=f"{prefix}-superuser", is_superuser=True)

    if kind != CommunityType.PRIVATE:
        services.community_update(actor=owner, community=community, type=kind)
    if archived:
        services.community_set_archived(actor=owner, community=community, archived=True)
    community.refresh_from_db()
    for person in people.values():  # Start every test with nothing cached.
        person.refresh_from_db()
        person.__dict__.pop("_community_memberships", None)
        person.__dict__.pop("_site_roles", None)
    return people


@pytest.fixture
def make_community(db):
    """``make_community(type=..., archived=..., creator=..., name=..., **fields)``."""
    return build_community


@pytest.fixture
def roles(db):
    """``roles(community)``: a dict of role name to a person holding that role there."""
    return build_roles
