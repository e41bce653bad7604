"""search.selectors.search_suggest: search as you type, permission-safe and cheap."""

import pytest

from search.models import Kind
from search.selectors import Suggestions, search_suggest
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.helpers import fresh
from tests.search.conftest import on_postgresql, publish

pytestmark = pytest.mark.django_db


def suggest(person, q, **kwargs) -> Suggestions:
    return search_suggest(fresh(person), q, **kwargs)


def ids(hits) -> list[int]:
    return [hit.document.object_id for hit in hits]


@pytest.mark.parametrize("q", ["rat", "Ratna", "ratna s", "sari rat", "RATNA SARI"])
def test_people_by_the_start_of_their_names(q, user, outsider):
    found = suggest(outsider, q)

    assert user.pk in ids(found.people)
    assert all(hit.document.kind == Kind.PERSON for hit in found.people)


def test_a_persons_hit_marks_the_typed_start(user, outsider):
    hit = suggest(outsider, "rat sa").people[0]

    assert hit.title_html == "<mark>Ratna</mark> <mark>Sari</mark>"


@on_postgresql
def test_misspelt_names_are_suggested(user, outsider):
    assert user.pk in ids(suggest(outsider, "ratna sary").people)


def test_communities_only_those_one_may_see(
    outsider, member, public_community, private_community, secret_community
):
    assert ids(suggest(outsider, "merger").communities) == []
    assert ids(suggest(member, "merger").communities) == [secret_community.pk]
    assert ids(suggest(outsider, "tax").communities) == [private_community.pk]
    assert ids(suggest(outsider, "finance").communities) == [public_community.pk]


def test_tags_carried_by_something_one_may_see(
    outsider, member, other_user, secret_community, private_community
):
    publish(other_user, "Safari plans", tags=["safari"])
    publish(member, "Secret safari budget", secret_community, tags=["safarisecret"])
    publish(member, "Private numbers", private_community, tags=["safarinumbers"])

    assert [tag.slug for tag in suggest(outsider, "saf").tags] == ["safari"]
    assert [tag.slug for tag in suggest(member, "saf").tags] == [
        "safari",
        "safarisecret",
        "safarinumbers",
    ]


def test_content_other_than_people_and_communities(outsider, member, other_user, secret_community):
    post = publish(other_user, "Zebracorn sighting near the office")
    publish(member, "Zebracorn merger codename", secret_community)
    build_community(name="Zebracorn Fans")

    found = suggest(outsider, "zebrac")

    assert ids(found.content) == [post.pk]
    assert found.content[0].document.kind == Kind.POST
    assert "<mark>Zebracorn</mark>" in found.content[0].snippet_html
    assert [hit.document.title for hit in found.communities] == ["Zebracorn Fans"]


def test_a_title_match_comes_first_among_content(outsider, other_user, public_community):
    from forums import services as forums

    publish(other_user, "Talking about the zebracorn again")
    owner = public_community.created_by
    category = forums.category_create(actor=owner, community=public_community, name="General")
    thread = forums.thread_create(author=owner, category=category, title="Zebracorn FAQ", body="?")

    assert ids(suggest(outsider, "zebracorn").content)[0] == thread.pk


def test_the_limit(outsider, other_user):
    for n in range(8):
        publish(other_user, f"Zebracorn {n}")
        UserFactory(username=f"zeb{n}", display_name=f"Zebracorn Person {n}")

    found = suggest(outsider, "zebracorn", limit=3)

    assert len(found.content) == 3 and len(found.people) == 3


@pytest.mark.parametrize("q", ["", "  ", "?!", "& | ! ( ) : * ' \\", "x" * 1000, "'; --", "日本"])
def test_odd_input_never_fails(q, outsider, other_user):
    publish(other_user, "Zebracorn")

    found = suggest(outsider, q)

    assert isinstance(found, Suggestions)


def test_no_words_no_queries(outsider, django_assert_num_queries):
    outsider = fresh(outsider)
    with django_assert_num_queries(0):
        assert not search_suggest(outsider, " ?! ")


@pytest.mark.parametrize("count", [10, 100])
def test_suggestions_take_the_same_number_of_queries_for_10_and_100_matches(
    count, outsider, other_user, django_assert_max_num_queries
):
    for n in range(count):
        publish(other_user, f"Zebracorn {n}", tags=[f"zebracorn{n % 5}"])
    for n in range(6):
        UserFactory(username=f"zeb{n}", display_name=f"Zebracorn Person {n}")
    reader = fresh(outsider)

    with django_assert_max_num_queries(8):
        found = search_suggest(reader, "zebrac")

    assert len(found.content) == len(found.people) == len(found.tags) == 5


@on_postgresql
def test_content_comes_from_the_newest_documents_and_titles_of_any_age(
    outsider, other_user, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    from blog.services import articles as blog
    from search.engine import candidates, postgres
    from search.engine.candidates import IndexStats
    from search.models import SearchDocument
    from tests.search.conftest import aged

    old_post = aged(publish(other_user, "Zebracorn habits, long ago"), days=30)
    new_post = publish(other_user, "Zebracorn habits, today")
    draft = blog.article_create(author=other_user, title="Zebracorn guide", body="How to.")
    article = aged(blog.article_publish(actor=other_user, article=draft), days=60)
    # Statistics that put the newest tier's start a week ago.
    now = timezone.now()
    week_ago = now - timedelta(days=7)
    made_up = IndexStats(
        rows=SearchDocument.objects.count(),
        histogram=(now - timedelta(days=90), week_ago, week_ago, week_ago, now),
    )
    monkeypatch.setattr(candidates, "TIER_SHARES", (0.25,))
    monkeypatch.setattr(candidates, "index_stats", lambda: made_up)
    monkeypatch.setattr(postgres, "index_stats", lambda: made_up)

    found = suggest(outsider, "zebrac")

    assert sorted(ids(found.content)) == sorted([new_post.pk, article.pk])
    assert old_post.pk not in ids(found.content)  # Still found on the results page.
