from django.urls import path

from feed import api
from tags import api as tags_api

app_name = "feed-api"

urlpatterns = [
    path("feed/", api.FeedView.as_view(), name="feed"),
    path("saved/", api.SavedView.as_view(), name="saved"),
    path("communities/<slug:slug>/feed/", api.CommunityFeedView.as_view(), name="community-feed"),
    path("people/<str:username>/posts/", api.PersonPostsView.as_view(), name="person-posts"),
    # The topics API (tags.api); suggest and trending before the tag addresses.
    path("tags/suggest/", tags_api.TagSuggestView.as_view(), name="tag-suggest"),
    path("tags/trending/", tags_api.TagTrendingView.as_view(), name="tag-trending"),
    path("tags/<str:slug>/", tags_api.TagDetailView.as_view(), name="tag-detail"),
    path("tags/<str:slug>/items/", tags_api.TagItemsView.as_view(), name="tag-items"),
    path("tags/<str:slug>/follow/", tags_api.TagFollowView.as_view(), name="tag-follow"),
    path("tags/<str:slug>/posts/", api.TagPostsView.as_view(), name="tag-posts"),
    path("posts/", api.PostCreateView.as_view(), name="post-list"),
    path("posts/<int:pk>/", api.PostDetailView.as_view(), name="post-detail"),
    path("posts/<int:pk>/restore/", api.PostRestoreView.as_view(), name="post-restore"),
    path("posts/<int:pk>/history/", api.PostHistoryView.as_view(), name="post-history"),
    path("posts/<int:pk>/share/", api.ShareView.as_view(), name="post-share"),
    path("posts/<int:pk>/bookmark/", api.BookmarkView.as_view(), name="post-bookmark"),
    path("posts/<int:pk>/poll/vote/", api.VoteView.as_view(), name="poll-vote"),
    path("posts/<int:pk>/seen/", api.SeenView.as_view(), name="post-seen"),
    path("posts/<int:pk>/comments/", api.PostCommentsView.as_view(), name="post-comments"),
    path("posts/<int:pk>/reaction/", api.PostReactionView.as_view(), name="post-reaction"),
    path("posts/<int:pk>/reactions/", api.PostReactionsView.as_view(), name="post-reactions"),
    path("comments/<int:pk>/", api.CommentDetailView.as_view(), name="comment-detail"),
    path("comments/<int:pk>/reaction/", api.CommentReactionView.as_view(), name="comment-reaction"),
    path(
        "comments/<int:pk>/reactions/",
        api.CommentReactionsView.as_view(),
        name="comment-reactions",
    ),
]
