from django.urls import path

from forums.views import actions, browse, categories, experts

app_name = "forums"

urlpatterns = [
    path("", browse.index, name="index"),
    path("experts/", experts.experts_page, name="experts"),
    path("suggestions/", browse.thread_suggestions, name="thread-suggestions"),
    path("categories/", categories.categories_manage, name="categories-manage"),
    path("categories/new/", categories.category_create, name="category-create"),
    path("categories/<int:pk>/edit/", categories.category_edit, name="category-edit"),
    path("categories/<int:pk>/move/", categories.category_move, name="category-move"),
    path("categories/<int:pk>/delete/", categories.category_delete, name="category-delete"),
    path("c/<str:ref>/", browse.category, name="category"),
    path("c/<str:ref>/new/", browse.thread_new, name="thread-new"),
    path("t/<int:pk>/", browse.thread_detail, name="thread-detail"),
    path("t/<int:pk>/edit/", browse.thread_edit, name="thread-edit"),
    path("t/<int:pk>/history/", browse.thread_history, name="thread-history"),
    path("t/<int:pk>/reply/", actions.reply_create, name="reply-create"),
    path("t/<int:pk>/follow/", actions.thread_follow, name="thread-follow"),
    path("t/<int:pk>/unaccept/", actions.thread_unaccept, name="thread-unaccept"),
    path("t/<int:pk>/move/", actions.thread_move, name="thread-move"),
    path("t/<int:pk>/merge/", actions.thread_merge, name="thread-merge"),
    path("t/<int:pk>/ask/", actions.thread_ask, name="thread-ask"),
    path("t/<int:pk>/<slug:action>/", actions.thread_moderate, name="thread-moderate"),
    path("r/<int:pk>/", browse.reply_permalink, name="reply"),
    path("r/<int:pk>/edit/", browse.reply_edit, name="reply-edit"),
    path("r/<int:pk>/history/", browse.reply_history, name="reply-history"),
    path("r/<int:pk>/vote/", actions.reply_vote, name="reply-vote"),
    path("r/<int:pk>/accept/", actions.reply_accept, name="reply-accept"),
    path("r/<int:pk>/delete/", actions.reply_delete, name="reply-delete"),
    path("r/<int:pk>/files/<int:attachment_pk>/", actions.attachment, name="reply-file"),
]
