from django.urls import path

from tags import views

app_name = "tags"

urlpatterns = [
    path("tags/", views.tag_index, name="index"),
    # Before the tag pages; without ?q= it answers for a tag called "suggest".
    path("tags/suggest/", views.tag_suggest, name="suggest"),
    path("tags/<str:slug>/", views.tag_detail, name="detail"),
    path("tags/<str:slug>/followers/", views.tag_followers, name="followers"),
    path("tags/<str:slug>/follow/", views.follow, name="follow"),
    path("tags/<str:slug>/unfollow/", views.unfollow, name="unfollow"),
]
