from django.urls import path

from forums import api

app_name = "forums-api"

urlpatterns = [
    path("categories/", api.CategoryListView.as_view(), name="category-list"),
    path("categories/reorder/", api.CategoryReorderView.as_view(), name="category-reorder"),
    path("categories/<int:pk>/", api.CategoryDetailView.as_view(), name="category-detail"),
    path(
        "categories/<int:pk>/threads/",
        api.CategoryThreadsView.as_view(),
        name="category-threads",
    ),
    path("threads/", api.ThreadListView.as_view(), name="thread-list"),
    path("threads/similar/", api.ThreadSimilarView.as_view(), name="thread-similar"),
    path("threads/<int:pk>/", api.ThreadDetailView.as_view(), name="thread-detail"),
    path("threads/<int:pk>/restore/", api.ThreadRestoreView.as_view(), name="thread-restore"),
    path("threads/<int:pk>/history/", api.ThreadHistoryView.as_view(), name="thread-history"),
    path("threads/<int:pk>/replies/", api.ThreadRepliesView.as_view(), name="thread-replies"),
    path("threads/<int:pk>/accept/", api.ThreadAcceptView.as_view(), name="thread-accept"),
    path("threads/<int:pk>/ask/", api.ThreadAskView.as_view(), name="thread-ask"),
    path("threads/<int:pk>/follow/", api.ThreadFollowView.as_view(), name="thread-follow"),
    path("threads/<int:pk>/pin/", api.ThreadPinView.as_view(), name="thread-pin"),
    path("threads/<int:pk>/unpin/", api.ThreadUnpinView.as_view(), name="thread-unpin"),
    path("threads/<int:pk>/lock/", api.ThreadLockView.as_view(), name="thread-lock"),
    path("threads/<int:pk>/unlock/", api.ThreadUnlockView.as_view(), name="thread-unlock"),
    path("threads/<int:pk>/move/", api.ThreadMoveView.as_view(), name="thread-move"),
    path("threads/<int:pk>/merge/", api.ThreadMergeView.as_view(), name="thread-merge"),
    path("replies/<int:pk>/", api.ReplyDetailView.as_view(), name="reply-detail"),
    path("replies/<int:pk>/history/", api.ReplyHistoryView.as_view(), name="reply-history"),
    path("replies/<int:pk>/vote/", api.ReplyVoteView.as_view(), name="reply-vote"),
    path("experts/", api.ExpertListView.as_view(), name="expert-list"),
]
