import os

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone, translation

from tests.factories import PASSWORD, DepartmentFactory, OfficeFactory, UserFactory

REDIS_MODE = bool(os.environ.get("REDIS_URL"))


def pytest_collection_modifyitems(config, items):
    skip_redis = pytest.mark.skip(reason="needs REDIS_URL (the PostgreSQL + Redis run)")
    for item in items:
        if "redis" in item.keywords and not REDIS_MODE:
            item.add_marker(skip_redis)


@pytest.fixture(autouse=True)
def _clean_cache():
    # Login throttling and other counters must not leak between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _reset_language_and_time_zone():
    # A request activates its user's language and zone on the test thread; start clean.
    yield
    translation.activate(settings.LANGUAGE_CODE)
    timezone.deactivate()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def department(db):
    return DepartmentFactory(name="Finance")


@pytest.fixture
def office(db):
    return OfficeFactory(name="Jakarta HQ")


@pytest.fixture
def user(db, department, office):
    return UserFactory(username="ratna", display_name="Ratna Sari", department=department,
                       office=office)  # fmt: skip


@pytest.fixture
def other_user(db):
    return UserFactory(username="budi", display_name="Budi Santoso")


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def staff_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries):
    """Query bounds as a running server sees them: content types are cached per process, so
    warm that cache first (otherwise the first test to touch one pays a query per model)."""
    ContentType.objects.get_for_models(*apps.get_models())
    return django_assert_max_num_queries
