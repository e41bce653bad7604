"""New threads appear as cards in the feeds of those who may see them, live, and follow the
thread: moved with it, retagged with it, withdrawn when it is deleted or merged away."""

from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from communities.models import CommunityType
from core import events
from feed.models import Post, PostKind
from feed.services.conversation import comment_create
from feed.services.posts import post_create
from forums import services
from profiles.services import user_follow
from tags.services import tag_follow
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.forums.conftest import answer, ask, make_category, start
from tests.helpers import fresh, join

pytestmark = pytest.mark.django_db


def card_of(thread) -> Post:
    return Post.objects.get(kind=PostKind.THREAD, item_id=thread.pk)


def api_for(person) -> APIClient:
    client = APIClient()
    client.force_login(person)
    return client


def api_items(client, url, **params) -> dict[int, dict]:
    """{thread id: item} of the thread cards of an API feed page."""
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    return {row["item"]["id"]: row["item"] for row in rows if row["kind"] == "thread"}


def page(client, person, url):
    client.force_login(person)
    return client.get(url)


@pytest.fixture
def members(author, colleague, private_community):
    """Ratna and Budi, both members of the private Tax Team."""
    return join(author, private_community), join(colleague, private_community)


# --- who sees the card ------------------------------------------------------------------------


def test_a_question_in_a_private_community_reaches_its_members_feeds_with_its_title_and_link(
    client, members, private_community, private_category
):
    author, colleague = members
    thread = ask(author, private_category, title="Where is the VAT form?",
                 body="Which **one** do I use? #tax")  # fmt: skip
    url = thread.get_absolute_url()

    for feed_url in (reverse("home"), reverse("feed:community", args=[private_community.slug])):
        html = page(client, colleague, feed_url).content.decode()
        assert "Where is the VAT form?" in html and f'href="{url}"' in html
        assert "asked a question" in html and "Which one do I use? #tax" in html
        assert "#tax" in html and private_category.name in html

    api = api_for(colleague)
    for feed_url in ("/api/v1/feed/", f"/api/v1/communities/{private_community.slug}/feed/"):
        item = api_items(api, feed_url)[thread.pk]
        assert item["title"] == "Where is the VAT form?"
        assert item["url"] == f"http://testserver{url}"
        assert item["excerpt"] == "Which one do I use? #tax"
        assert (item["kind"], item["thread_kind"], item["solved"], item["reply_count"]) == (
            "thread", "question", False, 0,
        )  # fmt: skip


def test_outsiders_get_nothing_of_a_private_question(client, members, outsider, private_category):
    author, _colleague = members
    user_follow(follower=outsider, followee=author)
    opener = post_create(author=author, body="Starting on #tax")
    tag_follow(user=outsider, tag=opener.tags.get())
    thread = ask(author, private_category, title="Secret VAT question", body="About #tax")
    card = card_of(thread)
    outsider = fresh(outsider)

    for url in (reverse("home"), reverse("feed:company"), reverse("tags:detail", args=["tax"])):
        response = page(client, outsider, url)
        assert response.status_code == 200
        assert "Secret VAT question" not in response.content.decode()
    assert page(client, outsider, card.get_absolute_url()).status_code == 404
    api = api_for(outsider)
    for url in ("/api/v1/feed/", "/api/v1/feed/?scope=company", "/api/v1/tags/tax/posts/"):
        assert api_items(api, url) == {}
    assert api.get(f"/api/v1/posts/{card.pk}/").status_code == 404


def test_a_company_wide_discussion_is_on_the_company_feed(
    client, author, outsider, company_category
):
    thread = start(author, company_category, title="Lunch and learn ideas", body="Share yours")

    html = page(client, outsider, reverse("feed:company")).content.decode()
    assert "Lunch and learn ideas" in html and "started a discussion" in html
    item = api_items(api_for(outsider), "/api/v1/feed/", scope="company")[thread.pk]
    assert item["thread_kind"] == "discussion"


def test_the_card_shows_the_answered_state_and_escapes_the_thread(
    client, author, colleague, company_category
):
    thread = ask(author, company_category, title="<b>Bold</b> question",
                 body="<script>alert(1)</script> Fish &amp; chips")  # fmt: skip
    reply = answer(colleague, thread)
    services.answer_accept(actor=author, reply=reply)

    html = page(client, colleague, reverse("feed:company")).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; question" in html and "<b>Bold</b>" not in html
    assert "<script>alert(1)</script>" not in html
    assert "Solved" in html and "1 reply" in html
    item = api_items(api_for(colleague), "/api/v1/feed/", scope="company")[thread.pk]
    assert (item["solved"], item["reply_count"]) == (True, 1)
    assert "<" not in item["excerpt"]


# --- the card follows the thread --------------------------------------------------------------


def test_moving_a_thread_to_another_communitys_category_moves_its_card(
    members, outsider, company_category, private_community, private_category, site_moderator
):
    author, colleague = members
    thread = ask(author, company_category, title="Where does this belong?")
    assert thread.pk in api_items(api_for(outsider), "/api/v1/feed/", scope="company")

    services.thread_move(actor=site_moderator, thread=thread, category=private_category)

    card = card_of(thread)
    assert card.community == private_community
    assert thread.pk not in api_items(api_for(outsider), "/api/v1/feed/", scope="company")
    assert api_for(outsider).get(f"/api/v1/posts/{card.pk}/").status_code == 404
    community_feed = f"/api/v1/communities/{private_community.slug}/feed/"
    assert thread.pk in api_items(api_for(colleague), community_feed)


def test_editing_the_topics_retags_the_card(author, colleague, company_category):
    thread = start(author, company_category, title="Budget", body="Numbers #budget")

    services.thread_edit(actor=author, thread=thread, body="Numbers #forecast", tags=["q3"])

    assert sorted(card_of(thread).tags.names()) == ["forecast", "q3"]
    assert thread.pk in api_items(api_for(colleague), "/api/v1/tags/forecast/posts/")


def test_deleting_a_thread_withdraws_its_card_and_restoring_brings_it_back(
    author, colleague, company_category, site_moderator
):
    thread = ask(author, company_category)
    api = api_for(colleague)

    deleted = services.thread_delete(actor=author, thread=thread)
    assert card_of(thread).is_deleted
    assert api_items(api, "/api/v1/feed/", scope="company") == {}

    services.thread_restore(actor=site_moderator, thread=deleted)
    assert thread.pk in api_items(api, "/api/v1/feed/", scope="company")


def test_merging_withdraws_the_source_card_and_keeps_the_target(
    author, colleague, company_category, site_moderator
):
    target = ask(author, company_category, title="VAT form?")
    source = ask(colleague, company_category, title="Which VAT form?")

    services.thread_merge(actor=site_moderator, source=source, target=target)

    assert card_of(source).is_deleted and not card_of(target).is_deleted
    assert set(api_items(api_for(author), "/api/v1/feed/", scope="company")) == {target.pk}


def test_a_refused_thread_leaves_no_card(author, company_category):
    with pytest.raises(Exception):  # noqa: B017 - the forum's own ValidationError
        start(author, company_category, title="")

    assert not Post.objects.exists()


def test_the_conversation_happens_on_the_thread_not_on_its_card(
    author, colleague, company_category
):
    thread = ask(author, company_category)
    card = card_of(thread)

    with pytest.raises(Exception, match="open it to reply there"):
        comment_create(author=colleague, target=card, body="Here?")
    assert (
        api_for(colleague)
        .post(f"/api/v1/posts/{card.pk}/comments/", {"body": "Here?"}, format="json")
        .status_code
        == 400
    )


# --- query counts -----------------------------------------------------------------------------


def _forum_busy(reader, writer, category, count: int, *, start_at: int = 0) -> None:
    for n in range(start_at, start_at + count):
        thread = ask(writer, category, title=f"Question {n}", body=f"Details {n} #topic{n % 3}")
        if n % 2:
            answer(reader, thread, f"Answer {n}")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_feeds_take_the_same_queries_for_10_and_100_thread_cards(
    client, author, colleague, company_category, django_assert_max_num_queries
):
    user_follow(follower=colleague, followee=author)
    _forum_busy(colleague, author, company_category, 10)
    client.force_login(colleague)
    api = api_for(colleague)
    urls = {"page": (client, reverse("home")), "api": (api, "/api/v1/feed/?limit=20")}
    for who, url in urls.values():
        who.get(url)  # Content types and the like cached, as in a running server.
    small = {name: _queries(who, url) for name, (who, url) in urls.items()}

    _forum_busy(colleague, author, company_category, 90, start_at=10)

    with django_assert_max_num_queries(34):
        big_page = _queries(client, reverse("home"))
    with django_assert_max_num_queries(22):
        big_api = _queries(api, "/api/v1/feed/?limit=20")
    assert {"page": big_page, "api": big_api} == small
    assert len(api_items(api, "/api/v1/feed/", limit=20)) == 20


def test_thread_cards_cost_one_query_more_than_a_page_of_plain_posts(author, company_category):
    thread_reader, plain_reader = UserFactory(username="t-reader"), UserFactory(username="p-reader")
    plain_writer = UserFactory(username="p-writer")
    user_follow(follower=thread_reader, followee=author)
    user_follow(follower=plain_reader, followee=plain_writer)
    for n in range(12):
        ask(author, company_category, title=f"Question {n}")
        post_create(author=plain_writer, body=f"Words {n}")
    threads_api, plain_api = api_for(thread_reader), api_for(plain_reader)
    threads_api.get("/api/v1/feed/")
    plain_api.get("/api/v1/feed/")

    with_threads = _queries(threads_api, "/api/v1/feed/?limit=10")
    plain = _queries(plain_api, "/api/v1/feed/?limit=10")

    assert with_threads == plain + 1


# --- live -------------------------------------------------------------------------------------


@pytest.fixture
def only_feed_subscribers(monkeypatch):
    """Only the feed's live subscribers: a notification badge would make "received nothing"
    ambiguous (as in tests/feed/test_live.py)."""
    from feed import subscribers

    registry = defaultdict(list)
    for name, handlers in subscribers.SUBSCRIPTIONS.items():
        registry[name].extend(handlers)
    monkeypatch.setattr(events, "_subscribers", registry)


@pytest.mark.django_db(transaction=True)
def test_a_private_question_reaches_members_live_and_nothing_reaches_an_outsider(
    only_feed_subscribers,
):
    from tests.feed.test_live import feeds_heard, listen

    ratna = UserFactory(username="ratna", display_name="Ratna Sari")
    budi, eko = UserFactory(username="budi"), UserFactory(username="eko")
    tax_team = build_community(creator=ratna, name="Tax Team", slug="tax-team",
                               type=CommunityType.PRIVATE)  # fmt: skip
    join(budi, tax_team)
    user_follow(follower=eko, followee=ratna)  # Following the author does not open the door.
    category = make_category(actor=fresh(ratna), community=tax_team)

    thread, (member, outsider) = listen(
        [budi, eko], lambda: ask(fresh(ratna), category, title="Q3 VAT?")
    )

    card = card_of(thread)
    assert feeds_heard(member, card) == {"home", f"community-{tax_team.pk}", f"profile-{ratna.pk}"}
    assert outsider == []

    _result, (member, outsider) = listen(
        [budi, eko], lambda: services.thread_delete(actor=fresh(ratna), thread=thread)
    )
    assert member == [{"type": "post.removed", "post": card.pk}]
    assert outsider == []
