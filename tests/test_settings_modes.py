"""The two modes of ``esn/settings.py``, each checked in a fresh Python process.

A subprocess loads the real settings from the environment it is given, so these tests never
touch the settings of the test process itself.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
# Variables the test process or the developer's shell may carry that would change the outcome
# (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses).
MODE_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)

PRINT_SETTINGS = """
import json
import django
from django.conf import settings
django.setup()
from esn.celery import app
print(json.dumps({
    "database": settings.DATABASES["default"]["ENGINE"],
    "channel_layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "eager": app.conf.task_always_eager,
    "broker": app.conf.broker_url,
    "result_backend": app.conf.result_backend,
}))
"""


def dotenv_sets(*names: str) -> bool:
    """True when a local .env file sets one of ``names`` (settings read it as defaults)."""
    dotenv = BASE_DIR / ".env"
    if not dotenv.exists():
        return False
    keys = {line.split("=", 1)[0].strip() for line in dotenv.read_text().splitlines()}
    return any(name in keys for name in names)


def run(args: list[str], **variables: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in MODE_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="esn.settings", PYTHONDONTWRITEBYTECODE="1", **variables)
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def load_settings(**variables: str) -> dict:
    result = run(["-c", PRINT_SETTINGS], **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_deploy_check_is_clean_with_production_variables():
    if dotenv_sets("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE"):
        pytest.skip("a local .env overrides the security defaults")

    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="kolega.example.com",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off():
    if dotenv_sets("SECRET_KEY"):
        pytest.skip("a local .env sets SECRET_KEY")

    result = run(["manage.py", "check"], DEBUG="0", ALLOWED_HOSTS="kolega.example.com")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_debug_mode_runs_without_any_variable():
    if dotenv_sets("SECRET_KEY", "DATABASE_URL", "REDIS_URL"):
        pytest.skip("a local .env sets the variables under test")

    result = run(["manage.py", "check"], DEBUG="1")

    assert result.returncode == 0, result.stderr


def test_embedded_mode_uses_sqlite_memory_layers_and_eager_celery():
    if dotenv_sets("DATABASE_URL", "REDIS_URL"):
        pytest.skip("a local .env sets DATABASE_URL or REDIS_URL")

    assert load_settings(DEBUG="1") == {
        "database": "django.db.backends.sqlite3",
        "channel_layer": "channels.layers.InMemoryChannelLayer",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "eager": True,
        "broker": "memory://",
        "result_backend": "cache+memory://",
    }


def test_database_and_redis_urls_switch_to_postgresql_redis_and_a_real_broker():
    # Nothing connects while settings load, so these addresses need not exist.
    redis_url = "redis://127.0.0.1:6379/9"

    assert load_settings(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="kolega.example.com",
        DATABASE_URL="postgres://kolega:pw@db.example.com:5432/kolega",
        REDIS_URL=redis_url,
    ) == {
        "database": "django.db.backends.postgresql",
        "channel_layer": "channels_redis.core.RedisChannelLayer",
        "cache": "django.core.cache.backends.redis.RedisCache",
        "eager": False,
        "broker": redis_url,
        "result_backend": redis_url,
    }
