from django.urls import path

from profiles import views

app_name = "profiles"

urlpatterns = [
    path("people/", views.directory, name="directory"),
    path("people/org-chart/", views.org_chart, name="org-chart"),
    path("people/org-chart/<str:username>/", views.org_chart, name="org-chart-person"),
    path("people/suggestions/", views.suggestions, name="suggestions"),
    path("people/suggest/", views.suggest, name="suggest"),
    path("people/<str:username>/", views.detail, name="detail"),
    path("people/<str:username>/followers/", views.followers, name="followers"),
    path("people/<str:username>/following/", views.following, name="following"),
    path("people/<str:username>/follow/", views.follow, name="follow"),
    path("people/<str:username>/unfollow/", views.unfollow, name="unfollow"),
    path("accounts/profile/", views.profile_edit, name="edit"),
]
