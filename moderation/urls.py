from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("reports/<int:pk>/resolve/", views.report_resolve, name="report-resolve"),
    path("report/", views.report, name="report"),
    path("content/<str:type_label>/<int:pk>/hide/", views.content_hide, name="content-hide"),
    path(
        "content/<str:type_label>/<int:pk>/restore/", views.content_restore, name="content-restore"
    ),
]
