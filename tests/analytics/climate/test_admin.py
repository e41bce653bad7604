"""Raised climate alerts in Django admin: listed and searchable, never added, changed or
deleted there (the hourly job writes them)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from analytics.models import ClimateAlert
from tests.analytics.climate.conftest import raise_alerts, sales_jump
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_alerts_are_listed_read_only(client, place, django_capture_on_commit_callbacks):
    sales_jump(place)
    raise_alerts(django_capture_on_commit_callbacks)
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    changelist = reverse("admin:analytics_climatealert_changelist")

    response = client.get(changelist)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    assert client.get(changelist, {"q": "Sales"}).context["cl"].result_count == 2
    first = response.context["cl"].result_list[0]
    assert client.get(response.context["cl"].url_for_result(first)).status_code == 200
    model_admin = admin.site._registry[ClimateAlert]
    request = response.wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
