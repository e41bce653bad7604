"""Conversation (comments, reactions, shares, bookmarks, polls): the URLs of
``feed.views.conversation``, included into the ``feed`` namespace by ``feed.urls``.

Comments and reactions serve every commentable kind at ``/<kind>/<pk>/...`` (``item-*``
names); posts keep their own names (``post-*``) for the same views."""

from django.urls import path, register_converter

from feed.views import conversation
from feed.views.shared import commentable


class CommentableKind:
    """A registered kind (``posts``, ``articles``...): anything else does not match, so the
    URLs of other apps stay theirs."""

    regex = "[a-z][a-z-]*"

    def to_python(self, value: str) -> str:
        if commentable(value) is None:
            raise ValueError(value)
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CommentableKind, "commentable")

POSTS = {"kind": conversation.POSTS}

urlpatterns = [
    path("posts/<int:pk>/comments/", conversation.comments, POSTS, name="post-comments"),
    path("posts/<int:pk>/comments/new/", conversation.comment_create, POSTS, name="comment-create"),
    path("posts/<int:pk>/react/", conversation.react, POSTS, name="post-react"),
    path("posts/<int:pk>/unreact/", conversation.unreact, POSTS, name="post-unreact"),
    path("posts/<int:pk>/reactions/", conversation.reactions, POSTS, name="post-reactions"),
    path("posts/<int:pk>/share/", conversation.share, name="post-share"),
    path("posts/<int:pk>/save/", conversation.bookmark_add, name="post-save"),
    path("posts/<int:pk>/unsave/", conversation.bookmark_remove, name="post-unsave"),
    path("posts/<int:pk>/vote/", conversation.vote, name="poll-vote"),
    path("<commentable:kind>/<int:pk>/comments/", conversation.comments, name="item-comments"),
    path(
        "<commentable:kind>/<int:pk>/comments/new/",
        conversation.comment_create,
        name="item-comment-create",
    ),
    path("<commentable:kind>/<int:pk>/react/", conversation.react, name="item-react"),
    path("<commentable:kind>/<int:pk>/unreact/", conversation.unreact, name="item-unreact"),
    path("<commentable:kind>/<int:pk>/reactions/", conversation.reactions, name="item-reactions"),
    path("comments/<int:pk>/edit/", conversation.comment_edit, name="comment-edit"),
    path("comments/<int:pk>/delete/", conversation.comment_delete, name="comment-delete"),
    path("comments/<int:pk>/react/", conversation.comment_react, name="comment-react"),
    path("comments/<int:pk>/unreact/", conversation.comment_unreact, name="comment-unreact"),
    path("comments/<int:pk>/reactions/", conversation.comment_reactions, name="comment-reactions"),
]
