"""The search pages: /search/?q= and the header's search-as-you-type (/search/suggest/)."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from analytics.models import Event
from communities import services as community_services
from feed.services import posts
from tests.factories import UserFactory
from tests.helpers import join

pytestmark = pytest.mark.django_db

RESULTS = reverse("search:results")
SUGGEST = reverse("search:suggest")
HTMX = {"HTTP_HX_REQUEST": "true"}


def post(author, body, community=None, tags=()):
    return posts.post_create(author=author, body=body, community=community, tags=tags)


@pytest.fixture
def insider(db, private_community, secret_community):
    """A member of the private and the secret community."""
    person = UserFactory(username="insider", display_name="Indah Insider")
    join(person, private_community)
    return join(person, secret_community)


@pytest.fixture
def content(other_user, public_community, private_community, secret_community, insider):
    """Budget everywhere; the private and the secret community's posts carry a secret word."""
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


def page(client, **params):
    return client.get(RESULTS, params)


def text(response) -> str:
    return response.content.decode()


def hit_links(response) -> list[str]:
    return re.findall(
        r'<h3 class="h6 mb-1 search-hit-title">\s*<a [^>]*href="([^"]+)"', text(response)
    )


# --- what is found ---------------------------------------------------------------------------


def test_results_page_shows_matches_with_counts_and_highlights(user_client, content):
    response = page(user_client, q="budget")

    assert response.status_code == 200
    html = text(response)
    assert set(hit_links(response)) == {
        content["company"].get_absolute_url(),
        content["public"].get_absolute_url(),
    }
    assert "<mark>" in html.lower()
    assert "2 results for “budget”" in html
    assert re.search(r"Posts</span>\s*<span[^>]*>2</span>", html)
    assert 'href="/tags/planning/"' in html  # The hit's tags and the tag facet.


def test_people_hits_show_their_job_and_photo(user_client, other_user):
    other_user.job_title = "Treasury Analyst"
    other_user.save()

    html = text(page(user_client, q="Budi"))

    assert other_user.get_absolute_url() in html
    assert "Treasury Analyst" in html
    assert "avatar" in html


def test_type_filter_narrows_the_hits_but_keeps_the_counts_of_every_type(
    user_client, content, other_user
):
    post(other_user, "Budi wrote about the santoso budget")

    response = page(user_client, q="budi", type="person")

    html = text(response)
    assert hit_links(response) == [other_user.get_absolute_url()]
    assert re.search(r'class="[^"]*search-type-link active"[^>]*aria-current="page"', html)
    assert re.search(r"Posts</span>\s*<span[^>]*>1</span>", html)


def test_community_tag_author_and_date_filters(user_client, content, other_user, public_community):
    links = lambda **filters: set(hit_links(page(user_client, q="budget", **filters)))  # noqa: E731

    assert links(community=public_community.pk) == {content["public"].get_absolute_url()}
    assert links(author=other_user.username) == {content["company"].get_absolute_url()}
    assert links(author=str(other_user.pk)) == {content["company"].get_absolute_url()}
    assert len(links(tag="planning")) == 2
    assert len(links(**{"from": "2000-01-01", "to": "2999-12-31"})) == 2
    assert links(**{"to": "2000-01-01"}) == set()


def test_newest_first(user_client, other_user):
    first = post(other_user, "Invoice checklist one")
    second = post(other_user, "Invoice checklist two")

    assert hit_links(page(user_client, q="invoice", sort="newest")) == [
        second.get_absolute_url(),
        first.get_absolute_url(),
    ]


def test_pages_of_results_and_the_htmx_partial(user_client, other_user):
    for number in range(25):
        post(other_user, f"Reimbursement note {number}")

    first = page(user_client, q="reimbursement")
    second = user_client.get(RESULTS, {"q": "reimbursement", "page": 2}, **HTMX)

    assert len(hit_links(first)) == 20
    assert 'rel="next"' in text(first) and "Page 1 of 2" in text(first)
    assert second.status_code == 200
    assert "<html" not in text(second)
    assert len(hit_links(second)) == 5 and "Page 2 of 2" in text(second)


def test_a_page_past_the_end_offers_the_first(user_client, content):
    html = text(page(user_client, q="budget", page=9))

    assert "There is no page 9" in html


def test_no_results_suggests_removing_the_filters(user_client, content, public_community):
    html = text(page(user_client, q="budget", type="file", community=public_community.pk))

    assert "Nothing matches “budget”" in html
    assert "Try removing a filter" in html
    assert "Search everything" in html


def test_no_results_without_filters_gives_tips(user_client, content):
    html = text(page(user_client, q="xylophone"))

    assert "Nothing matches “xylophone”" in html
    assert "Check the spelling" in html


def test_an_empty_search_explains_what_search_finds(user_client, content):
    for response in (user_client.get(RESULTS), page(user_client, q="   ")):
        assert response.status_code == 200
        assert "What are you looking for?" in text(response)
        assert hit_links(response) == []


# --- who sees what -----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (RESULTS + "?q=budget", SUGGEST + "?q=budget"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_outsiders_never_see_private_or_secret_content_nor_its_community(
    user_client, content, private_community, secret_community
):
    for params in (
        {"q": "budget"},
        {"q": "budget", "type": "post"},
        {"q": "budget", "sort": "newest"},
    ):
        html = text(page(user_client, **params)).lower()
        for secret in ("zanzibar", "kilimanjaro", "tax team", "merger room"):
            assert secret not in html, (params, secret)
    # Their own words find nothing: no hit, no count, no facet (the words are only echoed).
    for word in ("zanzibar", "kilimanjaro"):
        response = page(user_client, q=word)
        assert hit_links(response) == []
        assert f"Nothing matches “{word}”" in text(response)
        for secret in ("tax team", "merger room", "numbers for", "plan for the"):
            assert secret not in text(response).lower()
    # The secret community itself is not found by its own name.
    response = page(user_client, q="merger room")
    assert hit_links(response) == []
    assert secret_community.get_absolute_url() not in text(response)


def test_members_find_their_communities_content(client, insider, content):
    client.force_login(insider)

    html = text(page(client, q="budget")).lower()

    assert "zanzibar" in html and "kilimanjaro" in html
    assert "tax team" in html and "merger room" in html


def test_former_members_no_longer_find_it(client, insider, content, private_community):
    community_services.community_leave(user=insider, community=private_community)
    client.force_login(insider)

    html = text(page(client, q="zanzibar")).lower()

    assert "zanzibar numbers" not in html
    assert "tax team" not in html


def test_a_secret_community_is_an_unknown_filter_for_outsiders(user_client, secret_community):
    response = page(user_client, q="budget", community=secret_community.pk)

    assert response.status_code == 200
    assert "There is no such community." in text(response)
    assert "merger room" not in text(response).lower()


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "a" * 1000,
        "!!!",
        "& | ! ( ) : *",
        "budget & | ! ( ) : *",
        "'; DROP TABLE x; --",
        "ü ø ñ 日本",
    ],
)
def test_odd_queries_never_fail(user_client, content, q):
    response = page(user_client, q=q)

    assert response.status_code == 200


def test_a_nul_character_is_refused_by_the_site_not_a_failure(user_client, content):
    assert page(user_client, q="nul\x00byte").status_code == 404


def test_only_punctuation_explains_what_can_be_searched(user_client, content):
    html = text(page(user_client, q="& | ! ( ) : *"))

    assert "There is nothing to look for in that" in html


def test_syntax_characters_around_words_still_find_them(user_client, content):
    assert len(hit_links(page(user_client, q="(budget) & | !*:"))) == 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "a" * 1001}, "at most 1000 characters"),
        ({"type": "spaceship"}, "Select a valid choice."),
        ({"page": "0"}, "greater than or equal to 1"),
        ({"page": "abc"}, "Enter a whole number."),
        ({"page": "99999999999999999999"}, "less than or equal to 500"),
        ({"from": "2024-13-45"}, "Enter a valid date."),
        ({"from": "2024-05-02", "to": "2024-05-01"}, "must not be before the start date"),
        ({"community": "abc"}, "There is no such community."),
        ({"community": "987654"}, "There is no such community."),
        ({"author": "nobody-at-all"}, "There is nobody called “nobody-at-all”."),
        ({"tag": "no-such-tag"}, "There is no tag “no-such-tag”."),
        ({"sort": "random"}, "Select a valid choice."),
    ],
)
def test_bad_filters_show_as_form_errors(user_client, content, params, message):
    response = page(user_client, **{"q": "budget", **params})
    partial = user_client.get(RESULTS, {"q": "budget", **params}, **HTMX)

    assert response.status_code == 200
    assert message in text(response)
    assert hit_links(response) == []
    assert partial.status_code == 422


# --- logging, rate, cost ------------------------------------------------------------------------


def test_a_search_is_logged_with_its_words_and_number_of_results(
    user, user_client, content, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page(user_client, q="  budget  ", type="post")
        page(user_client, q="xylophone")

    logged = Event.objects.filter(verb="search.performed").order_by("id")
    assert [(e.actor_id, e.payload) for e in logged] == [
        (user.pk, {"query": "budget", "results": 2, "kinds": ["post"]}),
        (user.pk, {"query": "xylophone", "results": 0, "kinds": []}),
    ]


def test_no_search_is_logged_for_empty_queries_turned_pages_or_suggestions(
    user_client, content, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page(user_client, q="")
        page(user_client, q="&&&")
        page(user_client, q="budget", page=2)
        page(user_client, q="budget", page=0)
        user_client.get(SUGGEST, {"q": "budget"})

    assert not Event.objects.filter(verb="search.performed").exists()


def test_a_long_query_is_logged_shortened(user_client, content, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page(user_client, q="budget " * 100)

    assert len(Event.objects.get(verb="search.performed").payload["query"]) == 200


@override_settings(SEARCH_RATE_LIMIT=3)
def test_searching_too_often_is_refused_for_a_minute(user_client, content):
    codes = [page(user_client, q="budget").status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]
    assert "Please wait a minute" in text(page(user_client, q="budget"))


@override_settings(SEARCH_RATE_LIMIT=2)
def test_suggestions_have_their_own_limit(user_client, content):
    codes = [user_client.get(SUGGEST, {"q": "bud"}).status_code for _ in range(3)]

    assert codes == [200, 200, 429]
    assert page(user_client, q="budget").status_code == 200


@pytest.mark.parametrize("count", [10, 100])
def test_results_page_costs_the_same_for_10_or_100_matches(
    user_client, other_user, public_community, django_assert_max_num_queries, count
):
    authors = [UserFactory(username=f"writer{n}") for n in range(5)]
    for person in authors:
        join(person, public_community)
    for number in range(count):
        post(authors[number % 5], f"Procurement memo {number}", public_community,
             tags=[f"topic{number % 7}", "procurement"])  # fmt: skip
        UserFactory(username=f"buyer{number}", display_name=f"Procurement Buyer {number}",
                    job_title="Buyer")  # fmt: skip

    with django_assert_max_num_queries(12):
        response = page(user_client, q="procurement")
    with django_assert_max_num_queries(12):
        people = page(user_client, q="procurement", type="person")

    assert len(hit_links(response)) == 20
    assert len(hit_links(people)) == min(count, 20)
    assert "Buyer" in text(people)


# --- search as you type ------------------------------------------------------------------------


def test_suggestions_list_people_communities_tags_and_content(
    user_client, other_user, public_community, content
):
    owner = public_community.created_by
    post(owner, "Finance Club budget plan", public_community, tags=["finance-club-tag"])

    html = text(user_client.get(SUGGEST, {"q": "fin"}))

    assert 'role="option"' in html
    assert public_community.get_absolute_url() in html
    assert "See all results for “fin”" in html
    assert reverse("search:results") + "?q=fin" in html
    options = re.findall(r'role="option" id="([^"]+)"', html)
    assert len(options) == len(set(options)) and options[-1] == "sg-all"


def test_suggestions_find_people_by_the_start_of_their_name(user_client, other_user):
    html = text(user_client.get(SUGGEST, {"q": "bud"}))

    assert other_user.get_absolute_url() in html
    assert "People" in html


def test_nothing_typed_suggests_nothing(user_client, content):
    response = user_client.get(SUGGEST, {"q": "  "})

    assert response.status_code == 200
    assert response.content == b""


def test_suggestions_never_show_private_or_secret_content_to_outsiders(
    user_client, content, secret_community
):
    for q in ("zanz", "kilim", "merger", "tax team", "budget"):
        html = text(user_client.get(SUGGEST, {"q": q})).lower()
        for secret in ("zanzibar", "kilimanjaro", "merger room"):
            assert secret not in html, (q, secret)


@pytest.mark.parametrize("q", ["& | ! ( ) : *", "a" * 1000, "x" * 5000, "'\"<>"])
def test_odd_suggestion_queries_never_fail(user_client, content, q):
    response = user_client.get(SUGGEST, {"q": q})

    assert response.status_code == 200
    assert "<>" not in text(response)


@pytest.mark.parametrize("count", [10, 100])
def test_suggestions_cost_the_same_for_10_or_100_matches(
    user_client, other_user, django_assert_max_num_queries, count
):
    for number in range(count):
        UserFactory(username=f"sutrisno{number}", display_name=f"Sutrisno {number}")
        post(other_user, f"Sutrisno memo {number}", tags=["sutrisno"])

    with django_assert_max_num_queries(9):
        response = user_client.get(SUGGEST, {"q": "sutri"})

    assert response.status_code == 200


# --- the header --------------------------------------------------------------------------------


def test_the_header_search_is_a_combobox_that_asks_for_suggestions(user_client):
    html = text(user_client.get(reverse("profiles:directory")))
    form = re.search(r'<form class="header-search[^>]*>.*?</form>', html, re.S).group(0)

    assert f'action="{RESULTS}"' in form
    assert 'role="combobox"' in form and 'aria-controls="search-suggestions"' in form
    assert f'hx-get="{SUGGEST}"' in form
    assert 'hx-trigger="input changed delay:250ms, search[!target.value]"' in form
    assert 'id="search-suggestions"' in form and 'role="listbox"' in form
    assert "search/search.js" in html
