from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core.views import healthz
from feed.views import pages as feed_pages
from profiles import views as profile_views

admin.site.site_header = admin.site.site_title = "Kolega admin"

urlpatterns = [
    path("", feed_pages.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("profiles.auth_urls")),
    path("i18n/setlang/", profile_views.set_language, name="set-language"),
    path("", include("profiles.urls")),
    path("", include("communities.urls")),
    path("", include("feed.urls")),
    path("", include("tags.urls")),
    path("moderation/", include("moderation.urls")),
    path("notifications/", include("notifications.urls")),
    path("forum/", include("forums.urls")),
    path("blog/", include("blog.urls")),
    path("wiki/", include("wiki.urls")),
    path("files/", include("files.urls")),
    path("search/", include("search.urls")),
    path("analytics/", include("analytics.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("esn.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

# Avatars are re-encoded images, shown to signed-in employees only (the login middleware).
urlpatterns += [
    path(
        "media/avatars/<path:path>",
        serve,
        {"document_root": f"{settings.MEDIA_ROOT}/avatars"},
        name="avatar-file",
    )
]
