import pytest
from django.db import OperationalError

from core import health


def test_healthz_answers_json_without_login_in_embedded_mode(client, db, settings):
    settings.REDIS_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "redis": "not configured"}


def test_healthz_is_never_cached(client, db):
    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"]


def test_healthz_refuses_post(client, db):
    assert client.post("/healthz").status_code == 405


@pytest.mark.redis
def test_healthz_reports_redis_ok_when_redis_is_configured(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


def test_healthz_is_503_when_redis_is_unreachable(client, db, settings):
    # Port 1 on the loopback: nothing listens there, so the connection is refused for real.
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "ok"
    assert body["redis"].startswith("error: ")


def test_healthz_is_503_when_the_database_check_fails(client, db, monkeypatch):
    # The one stand-in in these tests: a real outage cannot be staged inside the test's own
    # transaction without breaking pytest-django's connection, so the database check raises
    # the error Django raises when PostgreSQL is gone.
    def database_down():
        raise OperationalError("could not connect to server")

    monkeypatch.setitem(health.CHECKS, "database", database_down)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "error: OperationalError"


def test_healthz_does_not_leak_error_details(client, db, settings):
    settings.REDIS_URL = "redis://:secret-password@127.0.0.1:1/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert "secret-password" not in response.content.decode()
