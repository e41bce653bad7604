"""Notification fixtures: people (tests/conftest.py's, by first name), a private community,
and a way to run services "for real", with their after-commit subscribers (the
notifications) executed. ``fresh`` and ``join`` are tests/helpers.py's."""

import pytest

from communities.models import CommunityType
from feed.services.conversation import comment_create
from feed.services.posts import post_create
from notifications import services
from notifications.models import Notification, Verb
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.helpers import fresh, join

__all__ = ["build_notifications", "fresh", "join", "verbs_of"]


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
def ratna(author):
    """Ratna Sari (tests/conftest.py's ``author``)."""
    return author


@pytest.fixture
def ani(db):
    return UserFactory(username="ani", display_name="Ani Wijaya")


@pytest.fixture
def budi(colleague):
    """Budi Santoso (tests/conftest.py's ``colleague``)."""
    return colleague


@pytest.fixture
def eko(outsider):
    """Someone outside every private community of these tests (``outsider``)."""
    return outsider


@pytest.fixture
def private_community(db, ratna, ani):
    """Here: a private community whose owner is ``ratna`` and where ``ani`` is a member."""
    community = build_community(
        creator=ratna, name="Tax Team", slug="tax-team", type=CommunityType.PRIVATE
    )
    join(ani, community)
    fresh(ratna)
    return community
