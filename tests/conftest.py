import os
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connections, transaction
from django.test import TestCase, TransactionTestCase
from django.utils import timezone, translation

from communities.models import CommunityType
from profiles.roles import COMMUNICATORS, MODERATORS
from tests.communities.conftest import build_community
from tests.factories import PASSWORD, DepartmentFactory, OfficeFactory, UserFactory
from tests.helpers import in_group

REDIS_MODE = bool(os.environ.get("REDIS_URL"))


def pytest_collection_modifyitems(config, items):
    skip_redis = pytest.mark.skip(reason="needs REDIS_URL (the PostgreSQL + Redis run)")
    for item in items:
        if "redis" in item.keywords and not REDIS_MODE:
            item.add_marker(skip_redis)


# --- transactional tests: a cheaper flush ----------------------------------------------------

# Rows that only depend on the schema: ``flush`` empties them and its post_migrate signal writes
# the same rows again (new ids), which is most of the cost of a flush besides the TRUNCATE.
SCHEMA_TABLES = frozenset({"django_content_type", "auth_permission"})


def _tables_with_rows(connection) -> list[str]:
    tables = sorted(
        set(connection.introspection.django_table_names(only_existing=True, include_views=False))
        - SCHEMA_TABLES
    )
    quote = connection.ops.quote_name
    probe = " UNION ALL ".join(
        f"SELECT * FROM (SELECT %s FROM {quote(table)} LIMIT 1) AS t{n}"
        for n, table in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(probe, tables)
        return [row[0] for row in cursor.fetchall()]


def _empty_the_tables(self):
    """``TransactionTestCase``'s flush, made cheap: DELETE the rows of the tables that have any,
    in one transaction (foreign keys are deferred to the commit), instead of TRUNCATE-ing all
    ~50 tables and re-creating content types and permissions. The tables end up as empty as
    after ``flush``; only the schema's own rows (content types, permissions) keep their ids."""
    if self.available_apps is not None or self.serialized_rollback:
        return _django_fixture_teardown(self)
    for db_name in self._databases_names(include_mirrors=False):
        connection = connections[db_name]
        quote = connection.ops.quote_name
        with transaction.atomic(using=db_name), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in _tables_with_rows(connection):
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - our table names.
    return None


_django_fixture_teardown = TransactionTestCase._fixture_teardown


@pytest.fixture(scope="session", autouse=True)
def _cheap_flush_after_transactional_tests():
    assert TestCase._fixture_teardown is not TransactionTestCase._fixture_teardown
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", _empty_the_tables)
        yield


@contextmanager
def shared_data(django_db_blocker):
    """For a module- or class-scoped fixture: the data it builds inside lives in a transaction
    that is rolled back when the fixture ends (``setUpTestData``'s way). Each test runs in a
    savepoint inside it, so what a test changes is undone before the next one sees the data;
    objects handed to tests should be copies (``copy.deepcopy``) if a test may change them.
    Only for modules whose tests all use ``db`` (transactional tests commit for real)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- every test -------------------------------------------------------------------------------


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


# --- the people and communities of the feed, tags and notifications tests -----------------------


@pytest.fixture
def author(db):
    return UserFactory(username="ratna", display_name="Ratna Sari")


@pytest.fixture
def colleague(db):
    return UserFactory(username="budi", display_name="Budi Santoso")


@pytest.fixture
def outsider(db):
    """Someone outside every private community of these tests."""
    return UserFactory(username="eko", display_name="Eko Prasetyo")


@pytest.fixture
def site_moderator(db):
    return in_group(UserFactory(username="sitemod", display_name="Sita Moderator"), MODERATORS)


@pytest.fixture
def communicator(db):
    """Someone who may post company-wide announcements."""
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
