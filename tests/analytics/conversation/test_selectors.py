"""The Conversation selectors on the hand-built world (numbers in conftest.py)."""

from datetime import timedelta

import pytest

from analytics.models import ContentKind
from analytics.selectors.conversation import (
    conversation_dashboard,
    emerging_topics,
    key_phrases,
    top_posts,
    topic_windows,
    volume_by_community,
    volume_by_department,
    volume_by_week,
    volume_total,
)
from tests.analytics.conversation.conftest import (
    PRIVATE_WORDS,
    period,
    period_filters,
    week_label,
)

pytestmark = pytest.mark.django_db

S = "suppressed"
ORDER = (
    ContentKind.POST,
    ContentKind.COMMENT,
    ContentKind.THREAD,
    ContentKind.REPLY,
    ContentKind.ARTICLE,
)


def shown(figure):
    return S if figure.suppressed else figure.value


def raw_figure(figure) -> tuple:
    return figure.value, figure.people


def volumes(row) -> tuple:
    """(posts, comments, threads, replies, articles, all), suppressed ones as S."""
    return (*(shown(row.by_kind[kind]) for kind in ORDER), shown(row.total))


def raw(row) -> tuple:
    """(value, people) per kind and of all."""
    return (*((row.by_kind[k].value, row.by_kind[k].people) for k in ORDER),
            (row.total.value, row.total.people))  # fmt: skip


def test_the_company_wide_total_counts_private_writing_by_kind(world):
    total, includes_private = volume_total(period_filters())
    assert includes_private is True
    assert raw(total) == ((41, 10), (4, 3), (1, 1), (5, 5), (1, 1), (52, 10))
    assert volumes(total) == (41, S, S, 5, S, 52)


def test_the_weekly_volumes_cover_every_week_of_the_period(world):
    rows = volume_by_week(period_filters())
    assert [row.label for row in rows] == [week_label(week) for week in range(7, -1, -1)]
    assert [volumes(row) for row in rows[:7]] == [
        (S, S, S, S, S, S),
        (S, S, S, S, S, S),
        (S, S, S, S, S, S),
        (S, S, S, S, S, S),
        (5, S, S, S, S, 5),
        (S, S, S, S, S, S),
        (5, S, S, S, S, 5),
    ]
    assert [row.total.value for row in rows[:7]] == [4, 4, 4, 4, 5, 4, 5]
    assert raw(rows[7]) == ((11, 6), (4, 3), (1, 1), (5, 5), (1, 1), (22, 9))


def test_departments_count_public_writing_only_and_suppress_small_ones(world):
    rows = volume_by_department(period_filters())
    assert [(row.label, raw(row)) for row in rows] == [
        ("Finance", ((7, 6), (4, 3), (0, 0), (2, 2), (0, 0), (13, 6))),
        ("IT", ((29, 4), (0, 0), (1, 1), (3, 3), (1, 1), (34, 4))),
    ]
    assert volumes(rows[0]) == (7, S, S, S, S, 13)
    assert rows[1].total.suppressed


def test_only_public_communities_are_listed_with_their_writers(world):
    rows = volume_by_community(period_filters())
    assert [(row.label, row.url, raw(row)) for row in rows] == [
        ("Tech Corner", "/c/tech-corner/",
         ((28, 4), (0, 0), (1, 1), (5, 5), (0, 0), (34, 6))),
    ]  # fmt: skip


def test_top_content_is_public_and_engaged_by_enough_other_people(world):
    data = conversation_dashboard(period_filters())
    week0 = period()[1] - timedelta(days=3)
    p1 = world.items["p1"]
    assert [(t.title, t.url, t.place, t.written_on, raw_figure(t.engagement),
             raw_figure(t.people)) for t in data.top_posts] == [
        ("Payroll delay again", f"/posts/{p1.pk}/", "Company-wide", week0, (8, 6), (6, 6)),
    ]  # fmt: skip
    thread = world.items["thread"]
    assert [(t.title, t.url, t.place, t.engagement.value, t.people.value)
            for t in data.top_threads] == [
        ("Laptop refresh schedule", f"/forum/t/{thread.pk}/", "Tech Corner", 5, 5),
    ]  # fmt: skip
    assert [(t.title, t.url, t.place, t.engagement.value, t.people.value)
            for t in data.top_articles] == [
        ("Kubernetes migration guide",
         "/blog/people/i2/articles/kubernetes-migration-guide/", "Company-wide", 5, 5),
    ]  # fmt: skip


def test_emerging_topics_show_this_week_the_baseline_and_the_z_score(world):
    topics = emerging_topics(period_filters())
    assert [
        (t.kind, t.name, t.url, t.this_week.value, t.this_week.people, t.baseline,
         t.z_score, t.ratio)
        for t in topics
    ] == [
        ("tag", "payroll", "/tags/payroll/", 10, 6, 0.5, 19.0, 20.0),
        ("tag", "laptops", "/tags/laptops/", 6, 6, 0.0, None, None),
        ("phrase", "laptop refresh", "", 6, 6, 0.0, None, None),
        ("phrase", "payroll delay", "", 6, 6, 0.0, None, None),
    ]  # fmt: skip


def test_a_department_filter_narrows_everything_to_its_public_writing(world):
    filters = period_filters(department=world.departments["finance"])
    total, includes_private = volume_total(filters)
    assert includes_private is False
    assert raw(total) == ((7, 6), (4, 3), (0, 0), (2, 2), (0, 0), (13, 6))
    # Finance's payroll: 5 posts and 4 comments by 5 people against [1, 0, 1, 0].
    topics = emerging_topics(filters)
    assert [(t.name, t.this_week.value, t.baseline, t.z_score, t.ratio) for t in topics] == [
        ("payroll", 9, 0.5, 17.0, 18.0),
        ("payroll delay", 5, 0.0, None, None),
    ]
    assert [t.title for t in top_posts(filters)] == ["Payroll delay again"]


def test_a_community_filter_reads_that_community_only(world):
    filters = period_filters(community=world.communities["tech"])
    data = conversation_dashboard(filters)
    assert data.includes_private is False
    assert raw(data.total) == ((28, 4), (0, 0), (1, 1), (5, 5), (0, 0), (34, 6))
    assert data.top_posts == [] and data.top_articles == []
    assert [t.title for t in data.top_threads] == ["Laptop refresh schedule"]
    assert [(t.kind, t.name) for t in data.topics] == [
        ("tag", "laptops"), ("phrase", "laptop refresh"),
    ]  # fmt: skip


def test_nothing_of_the_private_community_reaches_a_list_or_topic(world):
    data = conversation_dashboard(period_filters())
    listed = [row.label for row in data.departments + data.communities]
    listed += [item.title for item in data.top_posts + data.top_threads + data.top_articles]
    listed += [item.place for item in data.top_posts + data.top_threads + data.top_articles]
    listed += [topic.name for topic in data.topics]
    text = " ".join(listed)
    assert not any(word in text for word in PRIVATE_WORDS)


def test_the_searches_with_no_results_link_keeps_the_filters(world):
    data = conversation_dashboard(period_filters(department=world.departments["finance"]))
    start, end = period()
    dept = world.departments["finance"].pk
    assert data.searches_url == f"/analytics/searches/?from={start}&to={end}&department={dept}"
    assert (data.no_results.value, data.no_results.people) == (5, 5)


def test_topic_windows_are_whole_weeks_ending_with_the_period(world):
    filters = period_filters()
    windows = topic_windows(filters)
    assert len(windows) == 5
    assert windows[0] == (filters.until - timedelta(days=7), filters.until)
    assert windows[4][0] == filters.until - timedelta(days=35)


def test_a_period_under_three_weeks_has_no_topics(world):
    start, end = period()
    short = period_filters().__class__(start=end - timedelta(days=19), end=end)
    assert len(topic_windows(short)) == 2
    data = conversation_dashboard(short)
    assert data.topics == [] and data.topic_week is None and data.baseline_weeks == 0


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Payroll delay again!", {"payroll", "delay", "payroll delay"}),
        # Indonesian stopwords (yang, di, ini) and words under three letters drop out; a
        # phrase never crosses a comma.
        ("Gaji yang terlambat di kantor ini, lagi", {"gaji", "terlambat", "kantor",
                                                     "gaji yang terlambat", "terlambat di kantor"}),
        # Mentions, hashtags (tags count those), links and code are not phrases.
        ("@budi see #payroll https://x.example/a `rm -rf` Budget review",
         {"budget", "review", "budget review"}),
    ],
)  # fmt: skip
def test_key_phrases_are_one_to_three_words_without_stopwords(text, phrases):
    assert key_phrases(text) == phrases
