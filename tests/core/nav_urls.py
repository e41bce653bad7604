"""The real URLs plus an analytics dashboard, to test how the navigation reacts to it."""

from django.http import HttpResponse
from django.urls import include, path

from esn.urls import urlpatterns as site_urlpatterns

analytics_patterns = ([path("", lambda request: HttpResponse("ok"), name="dashboard")], "analytics")

urlpatterns = [path("analytics/", include(analytics_patterns)), *site_urlpatterns]
