"""Everything under /api/v1/."""

from django.urls import include, path

urlpatterns = [
    path("", include("profiles.api_urls")),
]
