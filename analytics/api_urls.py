from django.urls import path

from analytics.api import dashboard_api_view
from analytics.dashboards import DASHBOARDS

app_name = "analytics-api"

urlpatterns = [
    path(
        dashboard.api_path or f"{dashboard.slug}/",
        dashboard_api_view(dashboard),
        name=dashboard.slug,
    )
    for dashboard in DASHBOARDS
]
