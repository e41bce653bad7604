"""File-share fixtures: the company library and the libraries of the shared communities
(``public_community``, ``private_community``, ``secret_community`` of tests/conftest.py),
uploads built through the services, and ``run`` for after-commit work."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from files import services
from tests.feed.conftest import published  # noqa: F401 - a fixture for these tests too.
from tests.helpers import fresh, in_group, join

__all__ = ["fresh", "in_group", "join", "png_bytes", "stored", "upload"]


def png_bytes(size=(4, 3), color=(200, 30, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def upload(name="notes.txt", data=b"Quarterly numbers\n"):
    return ContentFile(data, name=name)


def stored(name: str) -> bool:
    """Whether the storage still holds ``name``."""
    return bool(name) and default_storage.exists(name)


@pytest.fixture(autouse=True)
def _tasks_in_process(request, monkeypatch):
    """Text extraction runs in-process after commit here, also when REDIS_URL sends tasks to
    a broker (the ``redis`` tests start a real worker instead)."""
    if "redis" not in request.keywords:
        from esn.celery import app

        monkeypatch.setitem(app.conf, "task_always_eager", True)


@pytest.fixture
def company_library(db):
    return services.library_company_ensure()


@pytest.fixture
def public_library(public_community):
    return services.library_ensure_for_community(community=public_community)


@pytest.fixture
def private_library(private_community):
    return services.library_ensure_for_community(community=private_community)


@pytest.fixture
def secret_library(secret_community):
    return services.library_ensure_for_community(community=secret_community)


@pytest.fixture
def member(private_community):
    """A member of the private (and only the private) community."""
    from tests.factories import UserFactory

    return join(UserFactory(username="dewi", display_name="Dewi Lestari"), private_community)


@pytest.fixture
def secret_member(secret_community):
    from tests.factories import UserFactory

    return join(UserFactory(username="sekar", display_name="Sekar Ayu"), secret_community)


@pytest.fixture
def personal_library(author):
    return services.library_create_personal(owner=author)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run ``call`` and its after-commit work (event subscribers, deleting bytes, tasks)."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run
