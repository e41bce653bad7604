"""Test settings: the real settings, plus what tests need to be fast and self-contained.

PostgreSQL and Redis stay real when ``DATABASE_URL`` / ``REDIS_URL`` are set.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from .settings import *  # noqa: E402,F403
from .settings import DATABASES, INSTALLED_APPS, REDIS_URL, STORAGES  # noqa: E402

# A concrete placed-content model for tests (communities.models.PlacedContent is abstract).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.placement"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A test database need not survive a crash: commits don't wait for the WAL to reach the
    # disk (3.5 ms -> 0.15 ms each here). Same PostgreSQL, same SQL, same transactions; it
    # matters for the transactional tests (every statement commits) and the migrations. No JIT
    # either: compiling pays off on long analytical queries, not on a test's small ones.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c synchronous_commit=off -c jit=off"
    )
MEDIA_ROOT = tempfile.mkdtemp(prefix="kolega-media-")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if REDIS_URL:
    # Keep test keys apart from a development server sharing the same Redis.
    CACHES["default"]["KEY_PREFIX"] = "kolega-test"  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = "kolega-test"  # noqa: F405

# Tests run the tasks they need themselves; tests/core/test_schedule.py turns the embedded
# mode's schedule on.
EMBEDDED_SCHEDULE = False

# Tests create hundreds of posts in a second; the rate limit's own tests switch it on.
POSTING_RATE_LIMIT = 0
