"""Conversation (comments, reactions, shares, bookmarks, polls): the URLs of
``feed.views.conversation``, included into the ``feed`` namespace by ``feed.urls``."""

from django.urls import path

from feed.views import conversation

urlpatterns = [
    path("posts/<int:pk>/comments/", conversation.post_comments, name="post-comments"),
    path("posts/<int:pk>/comments/new/", conversation.comment_create, name="comment-create"),
    path("posts/<int:pk>/react/", conversation.post_react, name="post-react"),
    path("posts/<int:pk>/unreact/", conversation.post_unreact, name="post-unreact"),
    path("posts/<int:pk>/reactions/", conversation.post_reactions, name="post-reactions"),
    path("posts/<int:pk>/share/", conversation.share, name="post-share"),
    path("posts/<int:pk>/save/", conversation.bookmark_add, name="post-save"),
    path("posts/<int:pk>/unsave/", conversation.bookmark_remove, name="post-unsave"),
    path("posts/<int:pk>/vote/", conversation.vote, name="poll-vote"),
    path("comments/<int:pk>/edit/", conversation.comment_edit, name="comment-edit"),
    path("comments/<int:pk>/delete/", conversation.comment_delete, name="comment-delete"),
    path("comments/<int:pk>/react/", conversation.comment_react, name="comment-react"),
    path("comments/<int:pk>/unreact/", conversation.comment_unreact, name="comment-unreact"),
    path("comments/<int:pk>/reactions/", conversation.comment_reactions, name="comment-reactions"),
]
