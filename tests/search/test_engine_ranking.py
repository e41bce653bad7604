"""Ranking, languages, typos, and what SQLite's word matching has in common with PostgreSQL's
full-text search."""

import pytest
from django.db import connection

from feed.services import conversation
from forums import services as forums
from search.engine import postgres
from search.models import Kind
from tests.factories import UserFactory
from tests.search.conftest import aged, find, found, on_postgresql, publish

pytestmark = pytest.mark.django_db


def thread(author, community, title, body="Details inside."):
    category = forums.category_create(actor=author, community=community, name="General")
    return forums.thread_create(author=author, category=category, title=title, body=body)


# --- ranking (both databases) ----------------------------------------------------------------


def test_an_exact_title_match_outranks_a_newer_passing_mention(user, other_user, public_community):
    owner = public_community.created_by
    titled = aged(thread(owner, public_community, "Zebracorn policy"), days=300)
    filler = "We spent the morning on budgets, hiring plans and the new office layout."
    mention = publish(other_user, f"{filler} Someone mentioned a zebracorn. {filler}")

    results = find(user, "zebracorn")

    assert found(results) == [(Kind.THREAD, titled.pk), (Kind.POST, mention.pk)]


def test_newer_outranks_older_at_equal_relevance(user, other_user):
    oldest = aged(publish(other_user, "Zebracorn sighting report"), days=200)
    newest = publish(other_user, "Zebracorn sighting report")
    older = aged(publish(other_user, "Zebracorn sighting report"), days=10)

    results = find(user, "zebracorn sighting")

    assert found(results) == [(Kind.POST, p.pk) for p in (newest, older, oldest)]


# --- PostgreSQL's ranking and languages ---------------------------------------------------------


@on_postgresql
def test_engagement_lifts_a_document_at_equal_relevance(user, other_user):
    discussed = publish(other_user, "Zebracorn sighting report")
    later = publish(other_user, "Zebracorn sighting report")  # A little newer.
    for n in range(5):
        colleague = UserFactory(username=f"commenter{n}")
        conversation.comment_create(author=colleague, target=discussed, body="Nice one")

    assert found(find(user, "zebracorn")) == [(Kind.POST, discussed.pk), (Kind.POST, later.pk)]


@on_postgresql
@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("Pembayaran gaji sudah diproses", "bayar"),
        ("Tolong bayar tagihan listrik", "pembayaran"),
        ("Tim keuangan membayarkan insentif", "pembayaran"),
        ("Three invoices are overdue", "invoice"),
        ("The invoice is overdue", "invoices"),
        ("Meetings moved to Friday", "meeting"),
    ],
)
def test_words_are_found_in_their_other_forms_in_english_and_indonesian(
    user, other_user, written, searched
):
    post = publish(other_user, written)

    results = find(user, searched)

    assert found(results) == [(Kind.POST, post.pk)]
    assert "<mark>" in results.hits[0].snippet_html


@on_postgresql
def test_only_the_last_word_is_a_prefix(user, other_user):
    post = publish(other_user, "Pembayaran gaji bulan ini")

    assert found(find(user, "gaji pemba")) == [(Kind.POST, post.pk)]
    assert found(find(user, "pemba gaji")) == []


@on_postgresql
@pytest.mark.parametrize("q", ["ratna sary", "ratna sari", "Ratna", "rtna sari"])
def test_misspelt_names_still_find_the_person(q, user, outsider):
    results = find(outsider, q, kinds=(Kind.PERSON,))

    assert (Kind.PERSON, user.pk) in found(results)
    assert found(results)[0] == (Kind.PERSON, user.pk)


@on_postgresql
def test_a_misspelt_secret_community_is_found_by_its_members_only(
    member, outsider, secret_community
):
    assert found(find(member, "mergr room")) == [(Kind.COMMUNITY, secret_community.pk)]
    assert find(outsider, "mergr room").total == 0


@on_postgresql
def test_a_person_outranks_posts_mentioning_their_name(user, other_user):
    publish(other_user, "Ratna Sari closed the books early this month")

    results = find(other_user, "ratna sari")

    assert found(results)[0] == (Kind.PERSON, user.pk)
    assert results.hits[0].title_html == "<mark>Ratna</mark> <mark>Sari</mark>"


@on_postgresql
def test_very_common_words_count_up_to_a_cap(user, other_user, public_community, monkeypatch):
    monkeypatch.setattr(postgres, "CANDIDATES", 5)
    made = [aged(publish(other_user, f"Zebracorn {n}"), days=n) for n in range(8)]
    threads = [aged(thread(public_community.created_by, public_community, "Zebracorn"), days=20)]

    results = find(user, "zebracorn", sort="newest", per_page=2)
    last_page = find(user, "zebracorn", sort="newest", per_page=2, page=3)
    only_threads = find(user, "zebracorn", kinds=(Kind.THREAD,))

    assert results.capped and results.total == 5 and results.counts == {Kind.POST: 5}
    assert found(results) == [(Kind.POST, made[0].pk), (Kind.POST, made[1].pk)]
    assert found(last_page) == [(Kind.POST, made[4].pk)] and not last_page.has_next
    # The newest matches are all posts; a thread search still finds and counts its threads.
    assert found(only_threads) == [(Kind.THREAD, t.pk) for t in threads]
    assert only_threads.total == 1 and only_threads.capped
    assert only_threads.counts == {Kind.POST: 5, Kind.THREAD: 1}


# --- SQLite's words ----------------------------------------------------------------------------


@pytest.fixture
def corpus(other_user):
    texts = {
        "payroll": "Payroll for March is done",
        "pay": "Pay day is Friday",
        "zebra": "A ZEBRACORN-like creature",
        "both": "Payroll zebracorn audit",
    }
    return {key: publish(other_user, text) for key, text in texts.items()}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("payroll", {"payroll", "both"}),
        ("zebracorn", {"zebra", "both"}),
        ("payroll zebracorn", {"both"}),
        ("corn", set()),  # Inside a word is not a word.
        ("friday pay", {"pay"}),
        ("audit missing", set()),
    ],
)
def test_plain_words_find_the_same_items_on_either_database(q, expected, user, corpus):
    got = {key for key, post in corpus.items() if (Kind.POST, post.pk) in found(find(user, q))}

    assert got == expected


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's fallback")
def test_on_sqlite_every_word_starts_a_word_in_any_case(user, other_user):
    post = publish(other_user, "Über die Pembayaran-Runde")

    assert found(find(user, "über pemb")) == [(Kind.POST, post.pk)]
    assert found(find(user, "ÜBER RUNDE")) == [(Kind.POST, post.pk)]
    assert found(find(user, "ber")) == []
    hit = find(user, "pemb").hits[0]
    assert "<mark>Pembayaran</mark>" in hit.snippet_html
