from django.urls import path

from communities import api

app_name = "communities-api"

urlpatterns = [
    path("communities/", api.CommunityListView.as_view(), name="list"),
    path("communities/<slug:slug>/", api.CommunityDetailView.as_view(), name="detail"),
    path("communities/<slug:slug>/join/", api.JoinView.as_view(), name="join"),
    path("communities/<slug:slug>/request/", api.RequestView.as_view(), name="request"),
    path("communities/<slug:slug>/leave/", api.LeaveView.as_view(), name="leave"),
    path("communities/<slug:slug>/members/", api.MembersView.as_view(), name="members"),
    path(
        "communities/<slug:slug>/members/<str:username>/",
        api.MemberView.as_view(),
        name="member",
    ),
    path("communities/<slug:slug>/requests/", api.RequestsView.as_view(), name="requests"),
    path(
        "communities/<slug:slug>/requests/<str:username>/approve/",
        api.RequestApproveView.as_view(),
        name="request-approve",
    ),
    path(
        "communities/<slug:slug>/requests/<str:username>/reject/",
        api.RequestRejectView.as_view(),
        name="request-reject",
    ),
    path("communities/<slug:slug>/invites/", api.InvitesView.as_view(), name="invites"),
    path("communities/<slug:slug>/transfer/", api.TransferView.as_view(), name="transfer"),
]
