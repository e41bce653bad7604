"""Helpers shared by the test packages: people as a new request sees them, and membership
through the services. (The fixtures built on them live in tests/conftest.py.)"""

from django.contrib.auth.models import Group

from communities import services as communities
from communities.models import Membership, Role
from communities.permissions import forget_memberships


def fresh(person):
    """``person`` with nothing cached (memberships, site roles, moderation), as on a new
    request."""
    forget_memberships(person)
    person.__dict__.pop("_site_roles", None)
    person.__dict__.pop("_moderates_anything", None)
    return person


def join(person, community, *, role: str = Role.MEMBER):
    """Make ``person`` an active member of ``community`` (any type) through the services."""
    owner = community.created_by
    communities.community_invite(actor=owner, community=community, invitee=person)
    membership = communities.community_join(user=person, community=community)
    if role != Role.MEMBER:
        membership = Membership.objects.get(pk=membership.pk)
        communities.community_member_set_role(actor=owner, membership=membership, role=role)
    fresh(owner)
    return fresh(person)


def in_group(person, name: str):
    """``person`` in the site role (group) ``name`` (a migration makes the groups; a
    transactional test's flush may have emptied the table since)."""
    person.groups.add(Group.objects.get_or_create(name=name)[0])
    return fresh(person)
