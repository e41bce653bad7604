"""The analytics tables in Django admin: listed, filtered, never edited; the access log for
superusers only; sentiment never next to a name."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from analytics import rollups
from analytics.models import (
    AccessLog,
    ContentSentiment,
    DailyActivity,
    PeriodActivity,
    PersonAdoption,
)
from tests.analytics.data.conftest import MONDAY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLLUPS = (DailyActivity, PeriodActivity, PersonAdoption)


def changelist(model) -> str:
    return reverse(f"admin:analytics_{model._meta.model_name}_changelist")


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def scored(town):
    """A sentiment row and an access-log row beside the rolled-up town."""
    rollups.rollup_range(MONDAY, MONDAY)
    ContentSentiment.objects.create(
        kind="post",
        object_id=1,
        author=town["ani"],
        department=town["sales"],
        language="id",
        score=-0.5,
        label="negative",
        written_at=rollups.day_bounds(MONDAY)[0],
    )
    AccessLog.objects.create(user=town["agus"], kind="page", dashboard="adoption",
                             path="/analytics/adoption/")  # fmt: skip
    return town


@pytest.mark.parametrize("model", [*ROLLUPS, ContentSentiment, AccessLog])
def test_every_analytics_list_loads_searches_and_filters_but_offers_no_edits(
    superuser_client, scored, model
):
    response = superuser_client.get(changelist(model))

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1
    assert superuser_client.get(changelist(model), {"q": "a"}).status_code == 200
    model_admin = admin.site._registry[model]
    request = response.wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    first = response.context["cl"].result_list[0]
    assert superuser_client.get(response.context["cl"].url_for_result(first)).status_code == 200


def test_the_sentiment_list_never_shows_the_author(superuser_client, scored):
    response = superuser_client.get(changelist(ContentSentiment))
    detail = superuser_client.get(
        reverse("admin:analytics_contentsentiment_change", args=[ContentSentiment.objects.get().pk])
    )

    ani = scored["ani"]
    assert "author" not in admin.site._registry[ContentSentiment].list_display
    for page in (response.content.decode(), detail.content.decode()):
        assert ani.display_name not in page
        assert reverse("admin:profiles_user_change", args=[ani.pk]) not in page
        assert "Sales" in page


def test_staff_with_every_view_permission_still_cannot_read_the_access_log(client, scored):
    staff = UserFactory(username="helpdesk", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="analytics"))
    client.force_login(staff)

    assert client.get(changelist(AccessLog)).status_code == 403
    assert client.get(changelist(DailyActivity)).status_code == 200
    assert "access log" not in client.get(reverse("admin:index")).content.decode().lower()
