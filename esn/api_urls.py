"""Everything under /api/v1/."""

from django.urls import include, path, re_path

from core.api import not_found

urlpatterns = [
    path("", include("profiles.api_urls")),
    path("", include("communities.api_urls")),
    path("", include("moderation.api_urls")),
    path("", include("feed.api_urls")),
    path("", include("notifications.api_urls")),
    path("", include("forums.api_urls")),
    path("", include("blog.api_urls")),
    path("wiki/", include("wiki.api_urls")),
    path("files/", include("files.api_urls")),
    path("search/", include("search.api_urls")),
    path("analytics/", include("analytics.api_urls")),
    # Keep last. Only paths ending in "/" match, so APPEND_SLASH still redirects "me" to "me/".
    re_path(r"^(?:.*/)?$", not_found),
]
