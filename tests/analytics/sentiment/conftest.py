"""Sentiment fixtures: scoring runs in-process after commit (``run``), also when REDIS_URL
sends tasks to a broker (except in the ``redis`` tests, which start a real worker)."""

import pytest


@pytest.fixture(autouse=True)
def _tasks_in_process(request, monkeypatch):
    """The ``redis`` tests start a real worker instead."""
    if "redis" not in request.keywords:
        from esn.celery import app

        monkeypatch.setitem(app.conf, "task_always_eager", True)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run ``call`` and its after-commit work (the events, and so the scoring task)."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run
