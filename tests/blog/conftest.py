"""Blog fixtures: articles made through the services. The people and communities
(``author``, ``colleague``, ``outsider``, ``communicator``, ``private_community``...) are
tests/conftest.py's; ``published`` and ``image_upload`` are the feed's."""

import pytest

from blog.models import Blog
from blog.services.articles import article_create
from tests.feed.conftest import image_upload, published  # noqa: F401 - fixtures
from tests.helpers import fresh, join

__all__ = ["fresh", "image_upload", "join", "write"]

BODY = "## Why\n\nBecause closing the books on time matters.\n\n## How\n\nOne step at a time."


def write(author, *, title="Closing the books", body=BODY, blog=None, publish="now", **kwargs):
    """An article by ``author`` (published now unless ``publish`` says otherwise)."""
    return article_create(
        author=author, title=title, body=body, blog=blog, publish=publish, **kwargs
    )


@pytest.fixture
def member(db, colleague, private_community):
    """``colleague``, a member of the private community."""
    return join(colleague, private_community)


@pytest.fixture
def community_article(member, private_community):
    return write(member, title="Tax calendar", blog=Blog.of_community(private_community))
