"""Search fixtures: people on each side of the visibility rule, and helpers that write
content through the real services and search as a person on a new request would.

The communities and most people are tests/conftest.py's: ``user`` (Ratna Sari, Finance),
``other_user`` (Budi Santoso), ``outsider`` (Eko), ``public_community`` (Finance Club),
``private_community`` (Tax Team), ``secret_community`` (Merger Room).
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from communities import services as communities
from communities.permissions import is_member
from feed.services import posts
from search import indexing
from search.selectors import SearchParams, search_documents
from tests.factories import UserFactory
from tests.helpers import fresh, join

__all__ = ["aged", "find", "found", "on_postgresql", "publish"]

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search (SQLite has words)"
)


@pytest.fixture
def member(db, private_community, secret_community):
    """An active member of the private and the secret community."""
    person = UserFactory(username="insider", display_name="Indah Insider")
    join(person, private_community)
    return join(person, secret_community)


@pytest.fixture
def former_member(db, private_community, secret_community):
    """Someone who was in the private and the secret community and left both."""
    person = UserFactory(username="leaver", display_name="Lukman Leaver")
    for community in (private_community, secret_community):
        join(person, community)
        communities.community_leave(user=person, community=community)
    return fresh(person)


def publish(author, body: str, community=None, tags=()):
    """A post by ``author`` (who joins ``community`` first if need be)."""
    if community is not None and not is_member(fresh(author), community):
        join(author, community)
    return posts.post_create(author=fresh(author), body=body, community=community, tags=tags)


def aged(obj, days: float = 0, *, at=None):
    """``obj`` written ``days`` ago, or ``at`` (its document follows)."""
    when = at or timezone.now() - timedelta(days=days)
    type(obj).objects.filter(pk=obj.pk).update(created_at=when)
    obj.refresh_from_db()
    indexing.index(obj)
    return obj


def find(user, q: str, **params):
    """``search_documents`` for ``user`` as a new request sees them."""
    return search_documents(fresh(user), SearchParams(q=q, **params))


def found(results) -> list[tuple[str, int]]:
    """The hits as (kind, object id), in order."""
    return [(hit.document.kind, hit.document.object_id) for hit in results.hits]
