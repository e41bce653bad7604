from django.urls import path

from analytics import views, views_summary
from analytics.dashboards import DASHBOARDS

app_name = "analytics"

# One page and one CSV export per registered dashboard (analytics.dashboards).
urlpatterns = [
    path("", views.overview, name="dashboard"),
    path("summary/", views_summary.summary_page, name="summary"),
]
for _dashboard in DASHBOARDS:
    urlpatterns += [
        path(
            f"{_dashboard.slug}/",
            views.dashboard_page,
            {"slug": _dashboard.slug},
            name=_dashboard.slug,
        ),
        path(
            f"{_dashboard.slug}/<slug:table>.csv",
            views.table_csv,
            {"slug": _dashboard.slug},
            name=f"{_dashboard.slug}-csv",
        ),
    ]
