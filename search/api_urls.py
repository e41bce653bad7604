from django.urls import path

from search import api

app_name = "search-api"

urlpatterns = [
    path("", api.SearchView.as_view(), name="search"),
    path("suggest/", api.SuggestView.as_view(), name="suggest"),
]
