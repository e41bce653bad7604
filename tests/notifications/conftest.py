"""Notification fixtures: people, communities, and a way to run services "for real", with
their after-commit subscribers (the notifications) executed."""

import pytest
from django.contrib.auth.models import Group

from communities import services as communities
from communities.models import CommunityType, Membership, Role
from communities.permissions import forget_memberships
from feed.services.conversation import comment_create
from feed.services.posts import post_create
from notifications import services
from notifications.models import Notification, Verb
from profiles.roles import COMMUNICATORS
from tests.communities.conftest import build_community
from tests.factories import UserFactory


def fresh(person):
    """``person`` with nothing cached, as on a new request."""
    forget_memberships(person)
    person.__dict__.pop("_site_roles", None)
    return person


def join(person, community, *, role: str = Role.MEMBER):
    """Make ``person`` an active member of ``community`` through the services."""
    owner = community.created_by
    communities.community_invite(actor=owner, community=community, invitee=person)
    membership = communities.community_join(user=person, community=community)
    if role != Role.MEMBER:
        membership = Membership.objects.get(pk=membership.pk)
        communities.community_member_set_role(actor=owner, membership=membership, role=role)
    fresh(owner)
    return fresh(person)


def verbs_of(person) -> list[str]:
    """Every notification row of ``person`` (visible or not), oldest first."""
    return list(
        Notification.objects.filter(recipient=person).order_by("id").values_list("verb", flat=True)
    )


def build_notifications(recipient, count: int) -> None:
    """``count`` notifications of several kinds (posts, comments, people) for ``recipient``."""
    actor = UserFactory(username="writer")
    post = post_create(author=recipient, body="Mine")
    for n in range(count):
        if n % 3 == 0:
            mention = post_create(author=actor, body=f"Hi {n}")
            services.notify(recipients=[recipient], verb=Verb.MENTION, actor=actor, target=mention)
        elif n % 3 == 1:
            comment = comment_create(author=actor, target=post, body=f"Comment {n}")
            services.notify(recipients=[recipient], verb=Verb.COMMENT, actor=actor, target=comment)
        else:
            person = UserFactory(username=f"fan{n}")
            services.notify(recipients=[recipient], verb=Verb.FOLLOW, actor=person, target=person)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """``run(service, **kwargs)``: call a service and deliver its events as after a commit."""

    def call(service, /, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


@pytest.fixture
def ratna(db):
    return UserFactory(username="ratna", display_name="Ratna Sari")


@pytest.fixture
def ani(db):
    return UserFactory(username="ani", display_name="Ani Wijaya")


@pytest.fixture
def budi(db):
    return UserFactory(username="budi", display_name="Budi Santoso")


@pytest.fixture
def eko(db):
    """Someone outside every private community of these tests."""
    return UserFactory(username="eko", display_name="Eko Prasetyo")


@pytest.fixture
def communicator(db):
    person = UserFactory(username="humas", display_name="Humas Kolega")
    person.groups.add(Group.objects.get(name=COMMUNICATORS))
    return fresh(person)


@pytest.fixture
def private_community(db, ratna, ani):
    """A private community whose owner is ``ratna`` and where ``ani`` is a member."""
    community = build_community(
        creator=ratna, name="Tax Team", slug="tax-team", type=CommunityType.PRIVATE
    )
    join(ani, community)
    fresh(ratna)
    return community
