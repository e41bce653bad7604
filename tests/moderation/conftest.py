"""Communities with one person per role, and notes (the test placed content) in them."""

import pytest

from communities import services as communities
from communities.models import Membership, Role
from tests.communities.conftest import build_community, build_matrix_community, build_roles
from tests.factories import UserFactory
from tests.helpers import fresh
from tests.placement.models import Note

__all__ = ["active_membership", "fresh", "moderator_of"]


def moderator_of(community, *, username: str, role: str = Role.MODERATOR):
    """A new person with ``role`` in a public ``community``, placed there by the services."""
    person = UserFactory(username=username)
    membership = communities.community_join(user=person, community=community)
    communities.community_member_set_role(
        actor=community.created_by, membership=membership, role=role
    )
    person.__dict__.pop("_community_memberships", None)
    return person


@pytest.fixture
def public(db):
    return build_matrix_community("public", name="Runners")


@pytest.fixture
def people(public):
    """{role: person} around the public community (ROLES of tests/communities/conftest.py)."""
    return build_roles(public)


@pytest.fixture
def secret(db):
    return build_matrix_community("secret", name="Board of Directors")


@pytest.fixture
def secret_people(secret):
    return build_roles(secret)


@pytest.fixture
def elsewhere(db):
    return build_community(name="Cyclists")


@pytest.fixture
def elsewhere_moderator(elsewhere):
    """A moderator of another community, who moderates nothing in the others."""
    return moderator_of(elsewhere, username="cyclist-moderator")


@pytest.fixture
def site_moderator(people):
    return people["site_moderator"]


@pytest.fixture
def superuser(people):
    return people["superuser"]


@pytest.fixture
def make_note(db):
    """``make_note(community, author=None, text=...)``; community None is company-wide."""

    def make(community, *, author=None, text="Selling my old bike, cheap"):
        if author is None:
            author = community.created_by if community else UserFactory()
        return Note.objects.create(author=author, community=community, text=text)

    return make


def active_membership(community, user) -> Membership:
    return Membership.objects.get(community=community, user=user)
