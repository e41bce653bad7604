from django.conf import settings
from django.urls import path
from django.views.static import serve

from communities import views

app_name = "communities"

urlpatterns = [
    path("communities/", views.directory, name="directory"),
    path("communities/new/", views.create, name="create"),
    path("c/<slug:slug>/", views.detail, name="detail"),
    path("c/<slug:slug>/members/", views.members, name="members"),
    path("c/<slug:slug>/requests/", views.requests, name="requests"),
    path("c/<slug:slug>/settings/", views.settings, name="settings"),
    path("c/<slug:slug>/invite/", views.invite, name="invite"),
    path("c/<slug:slug>/suggest/", views.suggest, name="suggest"),
    path("c/<slug:slug>/join/", views.join, name="join"),
    path("c/<slug:slug>/request/", views.request_join, name="request"),
    path("c/<slug:slug>/leave/", views.leave, name="leave"),
    path("c/<slug:slug>/invitation/accept/", views.invite_accept, name="invite-accept"),
    path("c/<slug:slug>/invitation/decline/", views.invite_decline, name="invite-decline"),
    path(
        "c/<slug:slug>/requests/<str:username>/approve/",
        views.request_approve,
        name="request-approve",
    ),
    path(
        "c/<slug:slug>/requests/<str:username>/reject/",
        views.request_reject,
        name="request-reject",
    ),
    path("c/<slug:slug>/members/<str:username>/role/", views.member_role, name="member-role"),
    path("c/<slug:slug>/members/<str:username>/remove/", views.member_remove, name="member-remove"),
    path("c/<slug:slug>/transfer/", views.transfer, name="transfer"),
    path("c/<slug:slug>/archive/", views.archive, name="archive"),
    # Pictures and covers, shown to signed-in employees only (the login middleware).
    path(
        "media/communities/<path:path>",
        serve,
        {"document_root": f"{settings.MEDIA_ROOT}/communities"},
        name="image-file",
    ),
]
