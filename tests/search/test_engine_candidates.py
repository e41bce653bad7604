"""search.engine.candidates: the newest matches read by age tiers, and the planner statistics
that steer it (PostgreSQL only: a test database is too small to have real statistics, so they
are made up here)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from search.engine import candidates, postgres
from search.engine.candidates import IndexStats, newest_matches
from search.models import SearchDocument
from search.query import Terms
from tests.search.conftest import aged, on_postgresql, publish

pytestmark = [pytest.mark.django_db, on_postgresql]


def stats_over(documents, **extra) -> IndexStats:
    """Statistics as ANALYZE would make them of ``documents``: four equal groups by age."""
    dates = sorted(documents.values_list("created_at", flat=True))
    step = (len(dates) - 1) / 4
    histogram = tuple(dates[round(n * step)] for n in range(5))
    return IndexStats(rows=len(dates), histogram=histogram, **extra)


@pytest.fixture
def posts(other_user):
    """Twenty posts a day apart, newest first; every other one mentions the zebracorn."""
    made = []
    for n in range(20):
        text = f"Zebracorn sighting {n}" if n % 2 == 0 else f"Weather report {n}"
        made.append(aged(publish(other_user, text), days=n))
    return made


def newest(user, words, limit, monkeypatch, tiers=(0.25, 0.5), few=-1, **stats):
    """``few``: FEW_IN_NEWEST (-1: every tier is read by age, never all at once)."""
    made_up = stats_over(SearchDocument.objects.all(), **stats)
    monkeypatch.setattr(candidates, "TIER_SHARES", tiers)
    monkeypatch.setattr(candidates, "FEW_IN_NEWEST", few)
    monkeypatch.setattr(candidates, "index_stats", lambda: made_up)
    monkeypatch.setattr(postgres, "index_stats", lambda: made_up)
    terms = postgres.terms(words)
    documents = SearchDocument.objects.visible_to(user)
    rows = newest_matches(documents, terms, ["object_id"], limit)
    return [row["object_id"] for row in rows]


@pytest.mark.parametrize("limit", [1, 3, 4, 6, 10, 50])
def test_the_newest_matches_whatever_tiers_they_are_in(limit, user, posts, monkeypatch):
    expected = [post.pk for n, post in enumerate(posts) if n % 2 == 0][:limit]

    assert newest(user, ["zebracorn"], limit, monkeypatch) == expected


@pytest.mark.parametrize("few", [-1, 3, 100])
@pytest.mark.parametrize("tiers", [(0.25, 0.5), (0.01,), (0.5, 0.9, 0.99), ()])
def test_any_tiers_give_the_same_answer(tiers, few, user, posts, monkeypatch):
    # few=100: few in the newest tier, the rest read at once; 3: some tiers read by age.
    expected = [post.pk for n, post in enumerate(posts) if n % 2 == 0][:7]

    assert newest(user, ["zebracorn"], 7, monkeypatch, tiers=tiers, few=few) == expected


@pytest.mark.parametrize("share", [0.001, 0.3, 0.9])
def test_common_words_walk_the_tiers_with_the_same_answer(share, user, posts, monkeypatch):
    # 0.3 and 0.9: "zebracorn" in more documents than the newer tiers hold, which are then
    # read newest first instead of through the GIN index.
    expected = [post.pk for n, post in enumerate(posts) if n % 2 == 0][:7]
    common = {"lexemes": ("zebracorn",), "shares": (share,), "least": 0.001}

    assert newest(user, ["zebracorn"], 7, monkeypatch, **common) == expected
    assert newest(user, ["zebracorn"], 2, monkeypatch, **common) == expected[:2]


def test_a_tier_is_walked_when_that_reads_less_than_the_index_would(monkeypatch):
    monkeypatch.setattr(candidates, "WALK_COST_PER_LEXEME", 3)
    stats = IndexStats(rows=1000, lexemes=("tim", "week"), shares=(0.2, 0.05), least=0.001)
    week = Terms(("week",), (("week",),))
    both = Terms(("tim", "week"), (("tim",), ("week",)))
    rare = Terms(("zebra",), (("zebra",),))

    # One word: the walk stops at the limit's worth of matches (limit / share documents).
    assert stats.walks(week, 50, limit=100) and stats.walks(week, 500, limit=2)
    assert not stats.walks(week, 51, limit=100)
    # Several: the whole tier, each lexeme checked; the index reads the rarest word's entries.
    assert stats.walks(both, 12, limit=1) and not stats.walks(both, 13, limit=1)
    assert not stats.walks(rare, 10, limit=1)
    assert not IndexStats().walks(week, 10, limit=1)  # No statistics: the index.


def test_every_word_is_checked_not_only_the_rarest(user, posts, other_user, monkeypatch):
    both = [aged(publish(other_user, f"Zebracorn weather {n}"), days=n + 0.5) for n in range(3)]

    # Pretend "weather" is rare: the tiers look it up in the index, and check the rest.
    found = newest(
        user,
        ["zebracorn", "weather"],
        10,
        monkeypatch,
        lexemes=("weather", "zebracorn"),
        shares=(0.001, 0.5),
        least=0.001,
    )

    assert found == [post.pk for post in both]


def test_the_rarest_word_stands_for_the_search_in_the_index():
    stats = IndexStats(
        lexemes=("bayar", "pembayaran", "the", "zebra", "zero"),
        shares=(0.02, 0.01, 0.3, 0.001, 0.05),
        least=0.0001,
    )
    words = ("the", "pembayaran", "zebra")
    terms = Terms(words, (("the",), ("bayar", "pembayaran"), ("zebra",)))
    typing = Terms(("the", "pembayaran", "ze"), (("the",), ("bayar", "pembayaran"), ("ze",)), "ze")

    assert stats.rarest(terms) == Terms(("zebra",), (("zebra",),))
    # A prefix reads every word it starts: "ze" is as common as what starts with it.
    assert stats.rarest(typing) == Terms(("pembayaran",), (("bayar", "pembayaran"),))
    assert stats.rarest(Terms(("x",), (("x",),), "x")) == Terms(("x",), (("x",),), "x")


def test_where_the_newest_documents_begin():
    now = timezone.now()
    histogram = tuple(now - timedelta(days=100 - 25 * n) for n in range(5))
    stats = IndexStats(rows=1000, histogram=histogram)

    assert stats.newest_bound(250) == now - timedelta(days=25)
    assert stats.newest_bound(100) == now - timedelta(days=10)
    assert stats.newest_bound(1000) is None
    assert IndexStats().newest_bound(10) is None


def test_a_common_or_widely_shared_last_word_is_not_a_prefix(monkeypatch, db):
    stats = IndexStats(lexemes=("the", "theme", "zebra"), shares=(0.4, 0.005, 0.001), least=0.001)
    monkeypatch.setattr(postgres, "index_stats", lambda: stats)

    assert postgres.terms(["the"]).prefix == ""  # A common word: complete.
    assert postgres.terms(["th"]).prefix == ""  # Too short.
    assert postgres.terms(["zebr"]).prefix == "zebr"
    assert postgres.terms(["budget", "them"]).prefix == "them"
    monkeypatch.setattr(postgres, "PREFIX_MAX_SHARE", 0.002)
    assert postgres.terms(["them"]).prefix == ""  # "theme" and the like are too many.
    assert postgres.terms(["zebr"]).prefix == "zebr"


def test_terms_hold_every_form_of_each_word(db, monkeypatch):
    monkeypatch.setattr(postgres, "index_stats", IndexStats)
    terms = postgres.terms(["pembayaran", "invoices", "the"])

    assert terms.lexemes == (("bayar", "pembayaran"), ("invoic", "invoices"), ("the",))
    assert terms.tsquery() == "('bayar' | 'pembayaran') & ('invoic' | 'invoices') & ('the':*)"
    assert terms.tsquery(match_all=False) == (
        "('bayar' | 'pembayaran') | ('invoic' | 'invoices') | ('the':*)"
    )


def test_statistics_are_read_from_the_planner_and_kept(db, django_assert_num_queries):
    candidates.forget_index_stats()

    with django_assert_num_queries(1):
        first = candidates.index_stats()
    with django_assert_num_queries(0):
        assert candidates.index_stats() == first
