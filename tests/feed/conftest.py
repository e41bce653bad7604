"""Shared feed fixtures: people, communities to post in, captured events, image uploads."""

import io
from collections import defaultdict

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from communities import services as communities
from communities.models import CommunityType, Membership, Role
from communities.permissions import forget_memberships
from core import events
from profiles.roles import COMMUNICATORS, MODERATORS
from tests.communities.conftest import build_community
from tests.factories import UserFactory


def fresh(person):
    """``person`` with nothing cached (memberships, site roles), as on a new request."""
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
    fresh(person)
    fresh(owner)
    return person


def in_group(person, name: str):
    person.groups.add(Group.objects.get(name=name))
    return fresh(person)


def image_upload(name="photo.png", *, size=(64, 48), fmt="PNG", exif=None, color=(30, 120, 200)):
    """A real small image file as an upload (``exif``: a PIL Exif to embed)."""
    buffer = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, color).save(buffer, format=fmt, **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def published(monkeypatch):
    """Every domain event delivered after commit, in order (subscriptions end with the test)."""
    registry = defaultdict(list, {name: list(hs) for name, hs in events._subscribers.items()})
    monkeypatch.setattr(events, "_subscribers", registry)
    seen = []
    events.subscribe(events.ALL_EVENTS, seen.append)
    return seen


def named(published, name: str) -> list:
    return [event for event in published if event.name == name]


@pytest.fixture
def author(db):
    return UserFactory(username="ratna", display_name="Ratna Sari")


@pytest.fixture
def colleague(db):
    return UserFactory(username="budi", display_name="Budi Santoso")


@pytest.fixture
def outsider(db):
    return UserFactory(username="eko", display_name="Eko Prasetyo")


@pytest.fixture
def site_moderator(db):
    return in_group(UserFactory(username="sitemod", display_name="Sita Moderator"), MODERATORS)


@pytest.fixture
def communicator(db):
    return in_group(UserFactory(username="humas", display_name="Humas Kolega"), COMMUNICATORS)


@pytest.fixture
def public_community(db):
    return build_community(name="Finance Club", slug="finance-club")


@pytest.fixture
def private_community(db):
    return build_community(name="Tax Team", slug="tax-team", type=CommunityType.PRIVATE)


@pytest.fixture
def secret_community(db):
    return build_community(name="Merger Room", slug="merger-room", type=CommunityType.SECRET)
