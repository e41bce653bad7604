"""/api/v1/search/ and /api/v1/search/suggest/."""

import json

import pytest
from django.db import connection
from django.test import override_settings
from rest_framework.test import APIRequestFactory

from analytics.models import Event
from communities import services as community_services
from feed.services import posts
from search.models import Kind
from search.selectors import SearchParams, search_documents, search_suggest
from search.serializers import (
    SearchResponseSerializer,
    SuggestResponseSerializer,
    search_response,
    suggest_response,
)
from search.views import decorate_hits
from tests.factories import UserFactory
from tests.helpers import join

pytestmark = pytest.mark.django_db
# One statement finds, counts, facets, ranks and loads the page (with its tags); type-ahead too.
IS_POSTGRESQL = connection.vendor == "postgresql"

SEARCH = "/api/v1/search/"
SUGGEST = "/api/v1/search/suggest/"


def post(author, body, community=None, tags=()):
    return posts.post_create(author=author, body=body, community=community, tags=tags)


@pytest.fixture
def api(api_client, user):
    api_client.force_authenticate(user)
    return api_client


@pytest.fixture
def insider(db, private_community, secret_community):
    person = UserFactory(username="insider", display_name="Indah Insider")
    join(person, private_community)
    return join(person, secret_community)


@pytest.fixture
def content(other_user, public_community, private_community, secret_community, insider):
    return {
        "company": post(other_user, "Quarterly budget review, company wide", tags=["planning"]),
        "public": post(
            public_community.created_by,
            "Budget template for the club",
            public_community,
            tags=["planning"],
        ),
        "private": post(
            insider,
            "Budget zanzibar numbers for the tax team",
            private_community,
            tags=["zanzibar-tag"],
        ),
        "secret": post(
            insider,
            "Budget kilimanjaro plan for the merger",
            secret_community,
            tags=["kilimanjaro-tag"],
        ),
    }


def test_search_answers_hits_counts_and_facets(api, content, other_user, public_community):
    response = api.get(SEARCH, {"q": "budget"})

    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "budget" and data["words"] == ["budget"]
    assert data["total"] == 2 and data["page"] == 1
    assert data["next"] is None and data["previous"] is None
    assert data["counts"] == {**dict.fromkeys(Kind.values, 0), "post": 2}
    assert {f["label"]: f["count"] for f in data["facets"]["tags"]} == {"planning": 2}
    assert [f["label"] for f in data["facets"]["communities"]] == ["Finance Club"]
    hits = {hit["id"]: hit for hit in data["results"]}
    assert set(hits) == {content["company"].pk, content["public"].pk}
    company = hits[content["company"].pk]
    assert company["kind"] == "post"
    assert company["url"] == "http://testserver" + content["company"].get_absolute_url()
    assert company["author"]["username"] == other_user.username
    assert company["community"] is None
    assert company["tags"] == [{"slug": "planning", "name": "planning"}]
    assert "<mark>" in company["snippet_html"].lower()
    assert company["created_at"]
    public = hits[content["public"].pk]
    assert public["community"]["slug"] == public_community.slug
    assert public["community"]["id"] == public_community.pk


def test_type_and_other_filters(api, content, other_user, public_community):
    def ids(**params):
        response = api.get(SEARCH, {"q": "budget", **params})
        assert response.status_code == 200, response.json()
        return {hit["id"] for hit in response.json()["results"]}

    assert ids(type="person") == set()
    assert ids(type="post") == {content["company"].pk, content["public"].pk}
    assert ids(community=public_community.pk) == {content["public"].pk}
    assert ids(author=other_user.username) == {content["company"].pk}
    assert ids(tag="planning", sort="newest") == {content["company"].pk, content["public"].pk}
    assert ids(**{"from": "2999-01-01"}) == set()


def test_pages_link_to_each_other(api, other_user):
    for number in range(23):
        post(other_user, f"Reimbursement note {number}")

    first = api.get(SEARCH, {"q": "reimbursement", "type": "post"}).json()
    second = api.get(first["next"]).json()

    assert len(first["results"]) == 20 and first["total"] == 23
    assert "page=2" in first["next"] and "type=post" in first["next"]
    assert len(second["results"]) == 3 and second["next"] is None
    assert second["previous"] is not None and "page=1" in second["previous"]
    assert not {h["id"] for h in first["results"]} & {h["id"] for h in second["results"]}


def test_people_are_found_with_their_profile(api, other_user):
    data = api.get(SEARCH, {"q": "Budi Santoso", "type": "person"}).json()

    assert [(hit["kind"], hit["id"]) for hit in data["results"]] == [("person", other_user.pk)]
    assert data["results"][0]["title"] == "Budi Santoso"
    assert "<mark>" in data["results"][0]["title_html"].lower()


def test_an_empty_query_answers_nothing_found(api, content):
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = api.get(SEARCH, params)
        assert response.status_code == 200
        assert response.json()["results"] == [] and response.json()["total"] == 0
        assert response.json()["words"] == []


def test_anonymous_callers_are_refused(api_client, content):
    for url in (SEARCH, SUGGEST):
        response = api_client.get(url, {"q": "budget"})
        assert response.status_code == 401


def test_outsiders_never_see_private_or_secret_content(api, content):
    for params in (
        {"q": "budget"},
        {"q": "zanzibar"},
        {"q": "kilimanjaro"},
        {"q": "merger room"},
        {"q": "budget", "sort": "newest"},
    ):
        data = api.get(SEARCH, params).json()
        del data["query"], data["words"]  # What was asked for, echoed.
        body = json.dumps(data).lower()
        for secret in ("zanzibar", "kilimanjaro", "tax team", "merger room"):
            assert secret not in body, (params, secret)


def test_members_see_their_communities_content(api_client, insider, content):
    api_client.force_authenticate(insider)

    data = api_client.get(SEARCH, {"q": "budget"}).json()

    assert data["total"] == 4
    assert {f["label"] for f in data["facets"]["communities"]} == {
        "Finance Club",
        "Tax Team",
        "Merger Room",
    }


def test_former_members_lose_it(api_client, insider, content, private_community):
    community_services.community_leave(user=insider, community=private_community)
    api_client.force_authenticate(insider)

    body = json.dumps(api_client.get(SEARCH, {"q": "zanzibar"}).json()).lower()

    assert "zanzibar numbers" not in body and "tax team" not in body


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "a" * 1001}, "q"),
        ({"type": "spaceship"}, "type"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "99999999999999999999"}, "page"),
        ({"from": "yesterday"}, "from"),
        ({"to": "2024-02-30"}, "to"),
        ({"from": "2024-05-02", "to": "2024-05-01"}, "to"),
        ({"community": "abc"}, "community"),
        ({"community": "987654"}, "community"),
        ({"author": "nobody-at-all"}, "author"),
        ({"tag": "no-such-tag"}, "tag"),
        ({"sort": "random"}, "sort"),
    ],
)
def test_bad_filters_answer_400_with_the_field(api, content, params, field):
    response = api.get(SEARCH, {"q": "budget", **params})

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert all(isinstance(message, str) for message in response.json()[field])


def test_a_secret_community_is_an_unknown_filter_for_outsiders(api, content, secret_community):
    response = api.get(SEARCH, {"q": "budget", "community": secret_community.pk})

    assert response.status_code == 400
    assert "merger" not in json.dumps(response.json()).lower()


@pytest.mark.parametrize(
    "q", ["a" * 1000, "!!!", "& | ! ( ) : *", "budget & | ! ( ) : *", "' OR 1=1 --", "日本"]
)
def test_odd_queries_answer_200(api, content, q):
    response = api.get(SEARCH, {"q": q})

    assert response.status_code == 200
    if q.startswith("budget"):
        assert response.json()["total"] == 2
    if q in ("!!!", "& | ! ( ) : *"):
        assert response.json()["words"] == [] and response.json()["results"] == []


def test_a_search_is_logged(api, user, content, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        api.get(SEARCH, {"q": " budget ", "type": "post"})
        api.get(SEARCH, {"q": "budget", "page": 2})  # Turning pages is not a new search.
        api.get(SEARCH, {"q": ""})
        api.get(SUGGEST, {"q": "budget"})

    logged = Event.objects.filter(verb="search.performed")
    assert [(e.actor_id, e.payload) for e in logged] == [
        (user.pk, {"query": "budget", "results": 2, "kinds": ["post"]})
    ]


@override_settings(SEARCH_RATE_LIMIT=2)
def test_too_many_searches_answer_429(api, content):
    codes = [api.get(SEARCH, {"q": "budget"}).status_code for _ in range(3)]
    suggest_codes = [api.get(SUGGEST, {"q": "bud"}).status_code for _ in range(3)]

    assert codes == [200, 200, 429]
    assert suggest_codes == [200, 200, 429]
    assert "detail" in api.get(SEARCH, {"q": "budget"}).json()


@pytest.mark.parametrize("count", [10, 100])
def test_search_costs_the_same_for_10_or_100_matches(
    api, public_community, django_assert_max_num_queries, count
):
    authors = [UserFactory(username=f"writer{n}") for n in range(5)]
    for person in authors:
        join(person, public_community)
    for number in range(count):
        post(authors[number % 5], f"Procurement memo {number}", public_community,
             tags=[f"topic{number % 7}", "procurement"])  # fmt: skip

    with django_assert_max_num_queries(9 - 4 * IS_POSTGRESQL):
        response = api.get(SEARCH, {"q": "procurement"})

    assert len(response.json()["results"]) == min(count, 20)
    assert response.json()["total"] == count
    assert all(len(hit["tags"]) == 2 for hit in response.json()["results"])
    with django_assert_max_num_queries(8 - 4 * IS_POSTGRESQL):
        suggested = api.get(SUGGEST, {"q": "procu"})
    assert len(suggested.json()["content"]) == 5


# --- suggestions -------------------------------------------------------------------------------


def test_suggestions_by_kind(api, other_user, public_community, content):
    owner = public_community.created_by
    post(owner, "Finance Club quarterly", public_community, tags=["finance-club-tag"])

    data = api.get(SUGGEST, {"q": "finance cl"}).json()

    assert data["query"] == "finance cl"
    assert [hit["id"] for hit in data["communities"]] == [public_community.pk]
    assert data["communities"][0]["kind"] == "community"
    assert set(data) == {"query", "people", "communities", "tags", "content"}
    for tag in data["tags"]:
        assert tag["page_url"].startswith("http://testserver/tags/")


def test_suggestions_find_people_by_a_prefix(api, other_user):
    data = api.get(SUGGEST, {"q": "bud"}).json()

    assert other_user.pk in [hit["id"] for hit in data["people"]]


def test_empty_and_too_long_suggestion_queries(api):
    assert api.get(SUGGEST).json() == {
        "query": "",
        "people": [],
        "communities": [],
        "tags": [],
        "content": [],
    }
    too_long = api.get(SUGGEST, {"q": "a" * 1001})
    assert too_long.status_code == 400 and list(too_long.json()) == ["q"]
    assert api.get(SUGGEST, {"q": "& | ! ( ) : *"}).status_code == 200


def test_suggestions_hide_private_and_secret_content_from_outsiders(api, content):
    for q in ("zanz", "kilim", "merger", "tax", "budget"):
        body = json.dumps(api.get(SUGGEST, {"q": q}).json()).lower()
        for secret in ("zanzibar", "kilimanjaro", "merger room"):
            assert secret not in body, (q, secret)


def test_the_schema_documents_both_endpoints(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()

    search = schema["paths"]["/api/v1/search/"]["get"]
    assert {p["name"] for p in search["parameters"]} >= {
        "q", "type", "community", "author", "tag", "from", "to", "sort", "page",
    }  # fmt: skip
    assert "400" in search["responses"] and "429" in search["responses"]
    assert "/api/v1/search/suggest/" in schema["paths"]


def test_the_answers_have_the_documented_shape(user, other_user, content, public_community):
    """The JSON built without DRF's fields is what the schema's serializers make of it."""
    request = APIRequestFactory().get(SEARCH, {"q": "budget"}, SERVER_NAME="testserver")
    results = search_documents(user, SearchParams(q="budget"))
    decorate_hits(results.hits)
    data = {
        "query": "budget",
        "words": results.words,
        "total": results.total,
        "capped": results.capped,
        "page": 1,
        "per_page": 20,
        "next": None,
        "previous": None,
        "counts": {kind: results.counts.get(kind, 0) for kind in Kind.values},
        "facets": {"communities": results.communities, "tags": results.tags},
        "results": results.hits,
    }
    suggestions = search_suggest(user, "bud")
    decorate_hits([*suggestions.people, *suggestions.communities, *suggestions.content])
    typed = {
        "query": "bud",
        "people": suggestions.people,
        "communities": suggestions.communities,
        "tags": suggestions.tags,
        "content": suggestions.content,
    }

    built = search_response(data, request)
    assert len(built["results"]) == 2 and built["facets"]["tags"]
    assert json.dumps(built) == json.dumps(
        SearchResponseSerializer(data, context={"request": request}).data
    )
    assert suggestions.people and suggestions.content
    assert json.dumps(suggest_response(typed, request)) == json.dumps(
        SuggestResponseSerializer(typed, context={"request": request}).data
    )
