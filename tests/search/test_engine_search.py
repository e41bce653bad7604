"""search.selectors.search_documents: what is found, counted and faceted, for whom, with which
filters, and how it is shown. Runs on PostgreSQL and on SQLite (plain words behave alike)."""

from datetime import UTC, date, datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from blog.services import articles as blog
from feed.services import conversation, posts
from files import services as files
from forums import services as forums
from moderation.services import content_hide
from search.engine import postgres
from search.models import Kind
from search.query import MAX_WORDS, query_words
from search.selectors import SearchParams, SearchResults, search_documents
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.helpers import fresh, join
from tests.search.conftest import aged, find, found, publish
from wiki import services as wiki

pytestmark = pytest.mark.django_db


# --- what is found ---------------------------------------------------------------------------


def test_every_word_must_match_and_counts_are_per_kind(user, other_user, public_community):
    both = publish(other_user, "Zebracorn budget for the offsite")
    publish(other_user, "Zebracorn sightings only")
    publish(other_user, "Budget only")

    results = find(user, "zebracorn budget")

    assert results.words == ["zebracorn", "budget"]
    assert found(results) == [(Kind.POST, both.pk)]
    assert results.total == 1 and results.counts == {Kind.POST: 1}
    assert not results.has_next and not results.capped


def _person(owner, community):
    return UserFactory(username="zeb", display_name="Zebracorn Wijaya")


def _community(owner, community):
    return build_community(name="Zebracorn Club")


def _post(owner, community):
    return publish(owner, "A zebracorn was seen", community)


def _comment(owner, community):
    target = publish(owner, "Look at this", community)
    return conversation.comment_create(author=owner, target=target, body="A zebracorn!")


def _thread(owner, community):
    category = forums.category_create(actor=owner, community=community, name="General")
    return forums.thread_create(author=owner, category=category, title="Zebracorn?", body="Seen")


def _reply(owner, community):
    thread = _thread(owner, community)
    return forums.reply_create(author=owner, thread=thread, body="Yes, a zebracorn")


def _article(owner, community):
    draft = blog.article_create(author=owner, title="On zebracorns", body="They exist.")
    return blog.article_publish(actor=owner, article=draft)


def _wiki_page(owner, community):
    space = wiki.space_ensure_for_community(community=community)
    return wiki.page_create(author=owner, space=space, title="Zebracorn", body="Facts.")


def _file(owner, community):
    library = files.library_ensure_for_community(community=community)
    upload = ContentFile(b"numbers", name="sightings.txt")
    return files.file_upload(actor=owner, library=library, upload=upload,
                             description="Zebracorn sightings")  # fmt: skip


BUILDERS = {
    Kind.PERSON: _person,
    Kind.COMMUNITY: _community,
    Kind.POST: _post,
    Kind.COMMENT: _comment,
    Kind.THREAD: _thread,
    Kind.REPLY: _reply,
    Kind.ARTICLE: _article,
    Kind.WIKI_PAGE: _wiki_page,
    Kind.FILE: _file,
}


@pytest.mark.parametrize("kind", BUILDERS)
def test_every_kind_of_content_is_found(kind, outsider, public_community):
    thing = BUILDERS[kind](public_community.created_by, public_community)

    results = find(outsider, "zebracorn")

    assert (kind, thing.pk) in found(results)
    assert results.counts[kind] == 1


def test_words_are_found_whatever_their_case_and_the_punctuation_around(user, other_user):
    post = publish(other_user, "The ZEBRACORN-report (final), v2.")

    for q in ["zebracorn report", "Zebracorn, REPORT!", '"zebracorn" & (report)', "zebracorn:*"]:
        assert found(find(user, q)) == [(Kind.POST, post.pk)], q


def test_the_last_word_is_matched_as_a_prefix(user, other_user):
    post = publish(other_user, "Pembayaran gaji bulan ini")

    assert found(find(user, "gaji pemba")) == [(Kind.POST, post.pk)]
    assert found(find(user, "gaji pembx")) == []


# --- highlighting ------------------------------------------------------------------------------


def test_matches_are_marked_in_the_title_and_the_snippet(user, public_community):
    thread = _thread(public_community.created_by, public_community)
    post = publish(public_community.created_by, "A zebracorn was seen, zebracorns are rare")

    hits = {
        (hit.document.kind, hit.document.object_id): hit for hit in find(user, "zebracorn").hits
    }

    assert hits[(Kind.THREAD, thread.pk)].title_html == "<mark>Zebracorn</mark>?"
    assert hits[(Kind.THREAD, thread.pk)].snippet_html == "Seen"
    assert hits[(Kind.POST, post.pk)].title_html == ""
    assert hits[(Kind.POST, post.pk)].snippet_html.startswith("A <mark>zebracorn</mark> was seen")


def test_the_snippet_is_escaped_text_around_the_first_match(user, other_user):
    filler = " ".join(f"word{n}" for n in range(80))
    publish(other_user, f"`x < y` & friends {filler} then the zebracorn `<b>` appears {filler}")

    hit = find(user, "zebracorn").hits[0]

    snippet = str(hit.snippet_html)
    assert "<mark>zebracorn</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "&lt;b&gt;" in snippet and "<b>" not in snippet
    assert "friends" not in snippet  # The start of the text is not in the snippet.
    assert len(snippet.split()) < 40


def test_html_in_titles_and_text_is_escaped(user, other_user):
    publish(other_user, "`<img src=x onerror=alert(1)>` zebracorn & <friends>")

    snippet = str(find(user, "zebracorn").hits[0].snippet_html)

    assert "<img" not in snippet and "&lt;img" in snippet
    assert "&amp;" in snippet and "<mark>zebracorn</mark>" in snippet


# --- filters -----------------------------------------------------------------------------------


@pytest.fixture
def colleague(db):
    return UserFactory(username="dewi", display_name="Dewi Lestari")


@pytest.fixture
def spread(other_user, colleague, public_community):
    """Zebracorn things: posts by two people, a thread, one post in the club, tagged."""
    return {
        "company": publish(other_user, "Zebracorn company wide", tags=["wildlife"]),
        "club": publish(colleague, "Zebracorn in the club", public_community, tags=["wildlife"]),
        "colleague": publish(colleague, "Zebracorn by a colleague"),
        "thread": _thread(public_community.created_by, public_community),
    }


def test_the_kind_filter_narrows_the_hits_but_not_the_counts(user, spread):
    results = find(user, "zebracorn", kinds=(Kind.THREAD,))

    assert found(results) == [(Kind.THREAD, spread["thread"].pk)]
    assert results.total == 1
    assert results.counts == {Kind.POST: 3, Kind.THREAD: 1}


def test_the_community_filter(user, spread, public_community):
    results = find(user, "zebracorn", community_id=public_community.pk)

    assert sorted(found(results)) == sorted(
        [(Kind.POST, spread["club"].pk), (Kind.THREAD, spread["thread"].pk)]
    )
    assert results.counts == {Kind.POST: 1, Kind.THREAD: 1}


def test_the_author_filter(user, spread, colleague):
    results = find(user, "zebracorn", author_id=colleague.pk)

    assert sorted(found(results)) == sorted(
        [(Kind.POST, spread["club"].pk), (Kind.POST, spread["colleague"].pk)]
    )


def test_the_tag_filter(user, spread):
    results = find(user, "zebracorn", tag="wildlife")

    assert sorted(found(results)) == sorted(
        [(Kind.POST, spread["company"].pk), (Kind.POST, spread["club"].pk)]
    )
    assert find(user, "zebracorn", tag="no-such-tag").total == 0


def test_the_date_range_is_inclusive_in_the_current_time_zone(user, other_user):
    zone = timezone.get_current_timezone()  # Asia/Jakarta
    late = aged(
        publish(other_user, "Zebracorn late"), at=datetime(2026, 3, 10, 23, 30, tzinfo=zone)
    )
    early = aged(
        publish(other_user, "Zebracorn early"), at=datetime(2026, 3, 11, 0, 30, tzinfo=zone)
    )
    aged(publish(other_user, "Zebracorn before"), at=datetime(2026, 3, 9, 0, 0, tzinfo=zone))

    on_the_10th = find(user, "zebracorn", date_from=date(2026, 3, 10), date_to=date(2026, 3, 10))
    from_the_11th = find(user, "zebracorn", date_from=date(2026, 3, 11))
    until_the_10th = find(user, "zebracorn", date_to=date(2026, 3, 10))

    assert found(on_the_10th) == [(Kind.POST, late.pk)]
    assert found(from_the_11th) == [(Kind.POST, early.pk)]
    assert len(until_the_10th.hits) == 2 and (Kind.POST, early.pk) not in found(until_the_10th)


def test_the_date_range_follows_the_persons_time_zone(user, other_user):
    evening = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)
    written = aged(publish(other_user, "Zebracorn"), at=evening)
    # 20:00 UTC on the 10th is the 11th in Jakarta, still the 10th in London.
    assert find(user, "zebracorn", date_to=date(2026, 3, 10)).total == 0
    with timezone.override("Europe/London"):
        assert found(find(user, "zebracorn", date_to=date(2026, 3, 10))) == [
            (Kind.POST, written.pk)
        ]


def test_newest_first(user, other_user):
    old = aged(publish(other_user, "Zebracorn old"), days=30)
    new = publish(other_user, "Zebracorn new")
    middle = aged(publish(other_user, "Zebracorn zebracorn middle"), days=3)

    results = find(user, "zebracorn", sort="newest")

    assert found(results) == [(Kind.POST, new.pk), (Kind.POST, middle.pk), (Kind.POST, old.pk)]


def test_pages(user, other_user):
    made = [aged(publish(other_user, f"Zebracorn number {n}"), days=n) for n in range(5)]

    first = find(user, "zebracorn", sort="newest", per_page=2)
    last = find(user, "zebracorn", sort="newest", per_page=2, page=3)
    beyond = find(user, "zebracorn", sort="newest", per_page=2, page=9)

    assert found(first) == [(Kind.POST, made[0].pk), (Kind.POST, made[1].pk)] and first.has_next
    assert found(last) == [(Kind.POST, made[4].pk)] and not last.has_next
    assert beyond.hits == [] and beyond.total == 5


# --- facets --------------------------------------------------------------------------------------


def test_community_and_tag_facets_count_the_chosen_kinds(user, spread, public_community):
    publish(spread["club"].author, "Zebracorn again", public_community, tags=["wildlife", "zoo"])

    results = find(user, "zebracorn")
    posts_only = find(user, "zebracorn", kinds=(Kind.POST,))

    assert [(f.value, f.label, f.count) for f in results.communities] == [
        (str(public_community.pk), "Finance Club", 3)
    ]
    assert [(f.value, f.label, f.count) for f in results.tags] == [
        ("wildlife", "wildlife", 3),
        ("zoo", "zoo", 1),
    ]
    assert posts_only.communities[0].count == 2  # The thread is not a post.


# --- who sees what -----------------------------------------------------------------------------


@pytest.fixture
def hidden_places(member, private_community, secret_community):
    """Kilimanjaro content in the private and the secret community, tagged."""
    return {
        "private": publish(member, "Kilimanjaro numbers", private_community, tags=["summit"]),
        "secret": publish(member, "Kilimanjaro merger plan", secret_community, tags=["summit"]),
    }


def test_outsiders_see_no_trace_of_private_or_secret_content(outsider, other_user, hidden_places):
    public = publish(other_user, "Kilimanjaro trip photos")

    results = find(outsider, "kilimanjaro")

    assert found(results) == [(Kind.POST, public.pk)]
    assert results.total == 1 and results.counts == {Kind.POST: 1}
    assert results.communities == [] and results.tags == []
    assert find(outsider, "kilimanjaro merger").total == 0
    assert find(outsider, "kilimanjaro", tag="summit").total == 0


def test_members_find_their_communities_content(member, hidden_places, private_community):
    results = find(member, "kilimanjaro")

    assert results.total == 2
    assert {f.label for f in results.communities} == {"Tax Team", "Merger Room"}
    assert [(f.value, f.count) for f in results.tags] == [("summit", 2)]


def test_former_members_no_longer_find_it(former_member, hidden_places):
    assert find(former_member, "kilimanjaro").total == 0


def test_site_moderators_find_everything(site_moderator, hidden_places):
    assert find(site_moderator, "kilimanjaro").total == 2


def test_a_secret_community_itself_is_found_by_its_members_only(
    outsider, member, secret_community, private_community
):
    assert find(outsider, "merger room").counts == {}
    assert found(find(member, "merger room")) == [(Kind.COMMUNITY, secret_community.pk)]
    # A private community's name and description are public.
    assert found(find(outsider, "tax team")) == [(Kind.COMMUNITY, private_community.pk)]


def test_anonymous_visitors_find_nothing(other_user):
    from django.contrib.auth.models import AnonymousUser

    publish(other_user, "Zebracorn")
    results = search_documents(AnonymousUser(), SearchParams(q="zebracorn"))

    assert results.hits == [] and results.total == 0


def test_deleted_and_hidden_content_is_gone_at_once(user, other_user, site_moderator):
    deleted = publish(other_user, "Zebracorn deleted")
    hidden = publish(other_user, "Zebracorn hidden")
    kept = publish(other_user, "Zebracorn kept")

    posts.post_delete(actor=fresh(other_user), post=deleted)
    content_hide(actor=fresh(site_moderator), obj=hidden)

    results = find(user, "zebracorn")
    assert found(results) == [(Kind.POST, kept.pk)] and results.total == 1


# --- bad input -----------------------------------------------------------------------------------


BAD = [
    "",
    "   ",
    "!!! ??? ...",
    "& | ! ( ) : * ' \\",
    "'; DROP TABLE search_searchdocument; --",
    "zebracorn:* & !(budget | x) <-> y",
    "x" * 1000,
    "zebracorn " * 100,
    "\u200b\u00a0\t\n",
    "日本語 Ωμέγα",
    "%_%",
]


@pytest.mark.parametrize("q", BAD)
def test_odd_queries_never_fail(user, other_user, q):
    publish(other_user, "Zebracorn")

    results = find(user, q)

    assert isinstance(results, SearchResults)
    assert results.words == query_words(q)


@pytest.mark.parametrize("q", ["", "   ", "!!! ??? ...", "& | ! ( ) : * ' \\"])
def test_no_words_no_search(user, q, django_assert_num_queries):
    user = fresh(user)
    with django_assert_num_queries(0):
        results = search_documents(user, SearchParams(q=q))

    assert results.words == [] and results.hits == [] and results.counts == {}


def test_syntax_around_words_finds_the_words(user, other_user):
    post = publish(other_user, "Zebracorn budget")

    assert found(find(user, "'; zebracorn & budget:* --")) == [(Kind.POST, post.pk)]
    assert found(find(user, "zebracorn " * 100)) == [(Kind.POST, post.pk)]


def test_query_words():
    assert query_words("  Hello, WORLD! hello ") == ["hello", "world"]
    assert query_words("a&b|c!(d):*e'f\\g") == ["a", "b", "c", "d", "e", "f", "g"]
    assert query_words("snake_case x-ray") == ["snake", "case", "x", "ray"]
    assert len(query_words(" ".join(f"w{n}" for n in range(50)))) == MAX_WORDS
    assert query_words("x" * 1000) == ["x" * 60]
    assert query_words("Pembayaran ÜBER") == ["pembayaran", "über"]
    assert query_words(None) == [] and query_words("?!") == []


def test_odd_paging_is_clamped(user, other_user):
    publish(other_user, "Zebracorn")

    assert find(user, "zebracorn", page=0, per_page=0).hits
    assert len(find(user, "zebracorn", per_page=10_000).hits) == 1


# --- cost --------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 100])
def test_a_search_takes_the_same_number_of_queries_for_10_and_100_matches(
    count, other_user, colleague, public_community, django_assert_max_num_queries
):
    join(colleague, public_community)
    for n in range(count):
        publish(colleague if n % 2 else other_user, f"Zebracorn {n}",
                public_community if n % 3 else None, tags=[f"t{n % 4}"])  # fmt: skip
    reader = fresh(UserFactory(username="reader"))

    with django_assert_max_num_queries(8):
        results = search_documents(reader, SearchParams(q="zebracorn", per_page=20))
    with django_assert_max_num_queries(9):
        narrowed = search_documents(reader, SearchParams(q="zebracorn", kinds=(Kind.POST,)))

    assert len(results.hits) == len(narrowed.hits) == min(count, 20)
    assert results.total == min(count, postgres.CANDIDATES)
    for hit in results.hits:  # Loaded already: no query per hit.
        assert hit.document.author.pk and (
            hit.document.community is None or hit.document.community.pk
        )


def test_two_identical_hits_pages_are_equal(user, other_user):
    for n in range(3):
        publish(other_user, f"Zebracorn {n}")
    first = find(user, "zebracorn")
    second = find(user, "zebracorn")
    assert found(first) == found(second)


def test_params_are_kept(user):
    params = SearchParams(q="zebracorn", kinds=(Kind.POST,), sort="newest")
    assert search_documents(fresh(user), params).params is params
