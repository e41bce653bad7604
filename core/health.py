"""Health checks for ``/healthz``: each returns ``"ok"`` or raises."""

import redis
from django.conf import settings
from django.db import connection


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


CHECKS = {"database": check_database, "redis": check_redis}


def run_checks() -> tuple[bool, dict[str, str]]:
    """Run every check; returns whether all passed and each one's status."""
    results, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:  # A health check reports failures, it never raises.
            healthy = False
            results[name] = f"error: {exc.__class__.__name__}"
    return healthy, results
