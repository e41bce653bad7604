from django.urls import path

from blog import api

app_name = "blog-api"

urlpatterns = [
    path("articles/", api.ArticleListView.as_view(), name="article-list"),
    path("articles/drafts/", api.DraftListView.as_view(), name="drafts"),
    path("articles/<int:pk>/", api.ArticleDetailView.as_view(), name="article-detail"),
    path("articles/<int:pk>/publish/", api.ArticlePublishView.as_view(), name="article-publish"),
    path(
        "articles/<int:pk>/unpublish/",
        api.ArticleUnpublishView.as_view(),
        name="article-unpublish",
    ),
    path("articles/<int:pk>/restore/", api.ArticleRestoreView.as_view(), name="article-restore"),
    path(
        "articles/<int:pk>/revisions/",
        api.ArticleRevisionsView.as_view(),
        name="article-revisions",
    ),
    path("articles/<int:pk>/comments/", api.ArticleCommentsView.as_view(), name="article-comments"),
    path("articles/<int:pk>/reaction/", api.ArticleReactionView.as_view(), name="article-reaction"),
    path(
        "articles/<int:pk>/reactions/",
        api.ArticleReactionsView.as_view(),
        name="article-reactions",
    ),
    path("blog/company/articles/", api.CompanyBlogView.as_view(), name="company-blog"),
    path(
        "blog/company/articles/<slug:article_slug>/",
        api.CompanyArticleView.as_view(),
        name="company-article",
    ),
    path("blog/feed-token/", api.FeedTokenView.as_view(), name="feed-token"),
    path("people/<str:username>/articles/", api.PersonBlogView.as_view(), name="person-blog"),
    path(
        "people/<str:username>/articles/<slug:article_slug>/",
        api.PersonArticleView.as_view(),
        name="person-article",
    ),
    path(
        "communities/<slug:slug>/articles/",
        api.CommunityBlogView.as_view(),
        name="community-blog",
    ),
    path(
        "communities/<slug:slug>/articles/<slug:article_slug>/",
        api.CommunityArticleView.as_view(),
        name="community-article",
    ),
]
