from django.urls import path

from profiles import api

app_name = "profiles-api"

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="token"),
    path("me/", api.MeView.as_view(), name="me"),
    path("people/", api.PeopleListView.as_view(), name="people"),
    path("people/<str:username>/", api.PersonDetailView.as_view(), name="person-detail"),
    path("people/<str:username>/follow/", api.FollowView.as_view(), name="follow"),
    path("people/<str:username>/followers/", api.FollowersView.as_view(), name="followers"),
    path("people/<str:username>/following/", api.FollowingView.as_view(), name="following"),
]
