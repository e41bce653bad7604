from django.urls import path

from moderation import api

app_name = "moderation-api"

urlpatterns = [
    path("moderation/reports/", api.ReportListView.as_view(), name="reports"),
    path(
        "moderation/reports/<int:pk>/resolve/",
        api.ReportResolveView.as_view(),
        name="report-resolve",
    ),
]
