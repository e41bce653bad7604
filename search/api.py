"""The search API: the results page's search and the header's search-as-you-type, as JSON.

Thin views over ``search.selectors``; the parameters are checked by the results page's own
``SearchForm``, so both accept and refuse the same things.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from core.api import ERROR, FIELD_ERRORS, validated
from search.forms import PER_PAGE, SearchForm, Sort
from search.models import Kind
from search.selectors import search_suggest
from search.serializers import (
    SearchResponseSerializer,
    SuggestQuerySerializer,
    SuggestResponseSerializer,
    search_response,
    suggest_response,
)
from search.views import SUGGEST_LIMIT, decorate_hits, rate_limit, run_search

SEARCH_PARAMETERS = [
    OpenApiParameter(
        "q",
        str,
        description="The words to look for (at most 1,000 characters). Empty: no search, "
        "an empty answer (200), the filters are still checked.",
    ),
    OpenApiParameter("type", str, enum=Kind.values, description="Only this kind of thing."),
    OpenApiParameter("community", int, description="Only in this community (its id)."),
    OpenApiParameter("author", str, description="Only by this person (username or id)."),
    OpenApiParameter("tag", str, description="Only with this tag (its slug)."),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Created on or after this day."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Created on or before this day."),
    OpenApiParameter(
        "sort", str, enum=[Sort.RELEVANCE, Sort.NEWEST], description="Default: relevance."
    ),
    OpenApiParameter("page", int, description=f"From 1; {PER_PAGE} results a page."),
]


def _field_errors(form) -> dict:
    return {field: [str(message) for message in errors] for field, errors in form.errors.items()}


def _empty(query: str) -> dict:
    return {
        "query": query,
        "words": [],
        "total": 0,
        "capped": False,
        "page": 1,
        "per_page": PER_PAGE,
        "next": None,
        "previous": None,
        "counts": dict.fromkeys(Kind.values, 0),
        "facets": {"communities": [], "tags": []},
        "results": [],
    }


class SearchView(APIView):
    """One search over everything the user may see."""

    @extend_schema(
        parameters=SEARCH_PARAMETERS,
        responses={200: SearchResponseSerializer, 400: FIELD_ERRORS, 401: ERROR, 429: ERROR},
        summary="Search",
        description=(
            "People, communities, posts, comments, forum threads and replies, articles, wiki "
            "pages and files the user may see, ranked by relevance (or newest first). "
            "`counts` gives the matches per kind with every filter but `type`; `facets` the "
            "top communities and tags among the matches. An empty `q` answers 200 with no "
            "results. Bad filters answer 400 with the field errors; too many searches in a "
            "minute, 429."
        ),
    )
    def get(self, request):
        form = SearchForm(request.query_params, user=request.user)
        if not form.is_valid():
            raise exceptions.ValidationError(_field_errors(form))
        params = form.params()
        if not params.q:
            return Response(_empty(params.q))
        rate_limit(request.user, "search")
        results = run_search(request.user, params)
        decorate_hits(results.hits)
        url = request.build_absolute_uri()
        data = {
            "query": params.q,
            "words": results.words,
            "total": results.total,
            "capped": results.capped,
            "page": params.page,
            "per_page": params.per_page,
            "next": replace_query_param(url, "page", params.page + 1) if results.has_next else None,
            "previous": replace_query_param(url, "page", params.page - 1)
            if params.page > 1
            else None,
            "counts": {kind: results.counts.get(kind, 0) for kind in Kind.values},
            "facets": {"communities": results.communities, "tags": results.tags},
            "results": results.hits,
        }
        return Response(search_response(data, request))


class SuggestView(APIView):
    """Search as you type: a few of each, by the start of the last word."""

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="What has been typed so far (≤ 1,000).")
        ],
        responses={200: SuggestResponseSerializer, 400: FIELD_ERRORS, 401: ERROR, 429: ERROR},
        summary="Search suggestions",
        description=(
            f"Up to {SUGGEST_LIMIT} people, communities, tags and other things for a search box "
            "that suggests as one types. An empty `q` answers empty lists."
        ),
    )
    def get(self, request):
        query = validated(SuggestQuerySerializer, request, data=request.query_params).get("q", "")
        if not query:
            data = {"query": "", "people": [], "communities": [], "tags": [], "content": []}
            return Response(data)
        rate_limit(request.user, "search-suggest")
        suggestions = search_suggest(request.user, query, limit=SUGGEST_LIMIT)
        decorate_hits([*suggestions.people, *suggestions.communities, *suggestions.content])
        data = {
            "query": query,
            "people": suggestions.people,
            "communities": suggestions.communities,
            "tags": suggestions.tags,
            "content": suggestions.content,
        }
        return Response(suggest_response(data, request))
