from django.urls import path

from blog.views import pages, writing

app_name = "blog"

urlpatterns = [
    path("", pages.index, name="index"),
    path("write/", writing.article_write, name="write"),
    path("drafts/", pages.drafts, name="drafts"),
    path("company/", pages.company, name="company"),
    path("company/atom/", pages.company_atom, name="company-atom"),
    path("company/articles/<slug:slug>/", pages.company_article, name="company-article"),
    path("people/<str:username>/", pages.personal, name="personal"),
    path("people/<str:username>/atom/", pages.personal_atom, name="personal-atom"),
    path(
        "people/<str:username>/articles/<slug:slug>/",
        pages.personal_article,
        name="personal-article",
    ),
    path("c/<slug:community>/", pages.community, name="community"),
    path(
        "c/<slug:community>/articles/<slug:slug>/",
        pages.community_article,
        name="community-article",
    ),
    path("a/<int:pk>/cover/", pages.cover, name="cover"),
    path("a/<int:pk>/images/", writing.article_images, name="images"),
    path("a/<int:pk>/images/<int:number>/", pages.image, name="image"),
    path("a/<int:pk>/edit/", writing.article_edit, name="edit"),
    path("a/<int:pk>/publish/", writing.article_publish, name="publish"),
    path("a/<int:pk>/unpublish/", writing.article_unpublish, name="unpublish"),
    path("a/<int:pk>/delete/", writing.article_delete, name="delete"),
]
