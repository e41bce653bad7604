"""Scheduled articles go out when their time comes, once (Celery beat, every minute)."""

from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from celery.schedules import crontab
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from blog.models import ArticleStatus, Blog
from blog.services.articles import article_delete, article_unpublish
from blog.tasks import publish_due_articles
from esn.celery import app as celery_app
from profiles.roles import COMMUNICATORS
from tests.blog.conftest import write
from tests.feed.conftest import named


@pytest.fixture
def later(monkeypatch):
    """Move the clock: ``later(hours=3)``."""

    def move(**delta):
        moved = timezone.now() + timedelta(**delta)
        monkeypatch.setattr(timezone, "now", lambda: moved)
        return moved

    return move


def test_the_task_runs_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["publish-due-articles"]

    assert entry["task"] == "blog.tasks.publish_due_articles"
    assert entry["schedule"] == crontab()
    celery_app.loader.import_default_modules()
    assert entry["task"] in celery_app.tasks


def test_due_articles_are_published_once_with_one_event(
    db, author, colleague, later, published, django_capture_on_commit_callbacks
):
    soon = write(author, title="Soon", publish="schedule",
                 publish_at=timezone.now() + timedelta(hours=1))  # fmt: skip
    far = write(author, title="Far", publish="schedule",
                publish_at=timezone.now() + timedelta(days=2))  # fmt: skip
    assert publish_due_articles() == 0

    later(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert publish_due_articles() == 1
        assert publish_due_articles() == 0

    soon.refresh_from_db()
    far.refresh_from_db()
    assert soon.status == ArticleStatus.PUBLISHED and soon.is_visible_to(colleague)
    assert far.status == ArticleStatus.SCHEDULED
    (event,) = named(published, "article.published")
    assert (event.object_id, event.actor_id) == (soon.pk, author.pk)


def test_unpublished_or_deleted_scheduled_articles_are_left_alone(db, author, later):
    when = timezone.now() + timedelta(hours=1)
    unscheduled = write(author, title="Back to draft", publish="schedule", publish_at=when)
    article_unpublish(actor=author, article=unscheduled)
    article_delete(actor=author, article=write(author, title="Deleted", publish="schedule",
                                               publish_at=when))  # fmt: skip

    later(hours=2)
    assert publish_due_articles() == 0
    unscheduled.refresh_from_db()
    assert unscheduled.status == ArticleStatus.DRAFT


def test_an_author_who_may_no_longer_write_there_gets_a_draft_back(
    db, communicator, colleague, later
):
    article = write(communicator, title="News", blog=Blog.company(), publish="schedule",
                    publish_at=timezone.now() + timedelta(hours=1))  # fmt: skip
    communicator.groups.remove(Group.objects.get(name=COMMUNICATORS))

    later(hours=2)
    assert publish_due_articles() == 0
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT and not article.is_visible_to(colleague)


@pytest.mark.skipif(bool(settings.REDIS_URL), reason="embedded mode only")
def test_without_redis_delay_runs_in_process(db, author, later):
    write(author, publish="schedule", publish_at=timezone.now() + timedelta(minutes=5))
    later(minutes=10)

    assert publish_due_articles.delay().get(timeout=5) == 1


@pytest.mark.redis
def test_a_real_worker_publishes_through_redis(transactional_db, author, colleague, later):
    article = write(author, publish="schedule", publish_at=timezone.now() + timedelta(minutes=5))
    later(minutes=10)

    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        assert publish_due_articles.delay().get(timeout=30) == 1
        assert publish_due_articles.delay().get(timeout=30) == 0

    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
