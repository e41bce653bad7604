"""Wiki fixtures: the company space and the spaces of the shared communities
(``public_community``, ``private_community``, ``secret_community`` of tests/conftest.py),
pages and revisions built through the services, and ``run`` for after-commit work."""

import pytest

from tests.feed.conftest import published  # noqa: F401 - a fixture for these tests too.
from tests.helpers import fresh, join
from wiki import services

__all__ = ["fresh", "join", "make_page", "revise"]


def make_page(author, space, title="Onboarding", body="Welcome to the team.", **fields):
    return services.page_create(author=author, space=space, title=title, body=body, **fields)


def revise(actor, page, body, *, title=None, base=None, **fields):
    """Save ``body`` (and ``title``) on top of the page's current revision (or ``base``)."""
    page.refresh_from_db()
    return services.page_revise(
        actor=actor,
        page=page,
        title=page.title if title is None else title,
        body=body,
        base_revision=page.revision_number if base is None else base,
        **fields,
    )


@pytest.fixture
def company_space(db):
    return services.space_company_ensure()


@pytest.fixture
def public_space(public_community):
    return services.space_ensure_for_community(community=public_community)


@pytest.fixture
def private_space(private_community):
    return services.space_ensure_for_community(community=private_community)


@pytest.fixture
def secret_space(secret_community):
    return services.space_ensure_for_community(community=secret_community)


@pytest.fixture
def page(author, company_space):
    return make_page(author, company_space)


@pytest.fixture
def member(private_community):
    """A member of the private (and only the private) community."""
    from tests.factories import UserFactory

    return join(UserFactory(username="dewi", display_name="Dewi Lestari"), private_community)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run ``call`` and its after-commit work (the event subscribers)."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run
