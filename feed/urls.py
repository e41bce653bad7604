from importlib.util import find_spec

from django.urls import include, path

from feed.views import pages, posts

app_name = "feed"

urlpatterns = [
    path("", pages.home, name="home"),
    path("feed/company/", pages.company, name="company"),
    path("feed/mentions/", pages.mentions, name="mentions"),
    path("saved/", pages.saved, name="saved"),
    path("c/<slug:slug>/posts/", pages.community, name="community"),
    path("people/<str:username>/posts/", pages.profile, name="profile"),
    path("people/<str:username>/praise/", pages.praise, name="profile-praise"),
    path("posts/new/", posts.compose, name="compose"),
    path("posts/<int:pk>/", posts.detail, name="post-detail"),
    path("posts/<int:pk>/card/", posts.card, name="post-card"),
    path("posts/<int:pk>/edit/", posts.edit, name="post-edit"),
    path("posts/<int:pk>/history/", posts.history, name="post-history"),
    path("posts/<int:pk>/delete/", posts.delete, name="post-delete"),
    path("posts/<int:pk>/restore/", posts.restore, name="post-restore"),
    path("posts/<int:pk>/images/<int:image_pk>/", posts.image, name="post-image"),
    path(
        "posts/<int:pk>/images/<int:image_pk>/thumbnail/",
        posts.image,
        {"thumbnail": True},
        name="post-thumbnail",
    ),
    path("posts/<int:pk>/files/<int:attachment_pk>/", posts.attachment, name="post-attachment"),
]

# The conversation around a post (comments, reactions, shares, bookmarks, votes) has its own
# URL list, written alongside its views; it joins this namespace once it exists.
if find_spec("feed.conversation_urls") is not None:
    urlpatterns.append(path("", include("feed.conversation_urls")))
