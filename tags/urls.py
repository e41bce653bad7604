from django.urls import path

from tags import views

app_name = "tags"

urlpatterns = [
    path("tags/<str:slug>/", views.tag_detail, name="detail"),
    path("tags/<str:slug>/follow/", views.follow, name="follow"),
    path("tags/<str:slug>/unfollow/", views.unfollow, name="unfollow"),
]
