"""The Conversation page, API and CSV cost the same number of queries for 10 items of each
kind as for 100."""

import pytest

from analytics.sentiment.services import sentiment_backfill
from blog.services.articles import article_create
from forums import services as forums
from profiles.roles import ANALYSTS
from tests.analytics.conversation.conftest import (
    comment,
    in_week,
    period_query,
    post,
    react,
    stamp,
)
from tests.communities.conftest import build_community
from tests.factories import DepartmentFactory, UserFactory
from tests.helpers import in_group, join

pytestmark = pytest.mark.django_db

# Session and user, site roles, the access log, the filter choices and the selectors.
PAGE_QUERIES = 42
API_QUERIES = 31


def _writing(count: int) -> None:
    departments = [DepartmentFactory(name=f"Department {n}") for n in range(3)]
    people = [UserFactory(username=f"w{n}", department=departments[n % 3]) for n in range(10)]
    club = build_community(name="Club", slug="club")
    for person in people:
        join(person, club)
    category = forums.category_create(actor=club.created_by, community=club, name="Talk")
    for n in range(count):
        author = people[n % 10]
        others = [p for p in people if p != author][:6]
        week = n % 6
        item = post(author, f"Topic {n % 7} news today", week=week, tags=[f"tag-{n % 4}"],
                    community=club if n % 2 else None)  # fmt: skip
        react(others, item)
        comment(others[0], item, f"Reply about topic {n % 5}", week=week)
        thread = forums.thread_create(author=author, category=category, title=f"Question {n}",
                                      tags=[f"tag-{n % 3}"])  # fmt: skip
        stamp(thread, in_week(week))
        for other in others[:5]:
            stamp(forums.reply_create(author=other, thread=thread, body="Same question"),
                  in_week(week, 1))  # fmt: skip
        article = article_create(author=author, title=f"Article {n}", body="Text here.",
                                 publish="now")  # fmt: skip
        stamp(article, in_week(week), field="published_at")
        react(others, article)
    sentiment_backfill()


@pytest.mark.parametrize("count", [10, 100])
def test_the_page_api_and_csv_take_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    _writing(count)
    client.force_login(in_group(UserFactory(username="analyst"), ANALYSTS))
    with django_assert_max_num_queries(PAGE_QUERIES):
        page = client.get("/analytics/conversation/", period_query())
    assert page.status_code == 200
    assert "Topic" in page.content.decode()
    with django_assert_max_num_queries(API_QUERIES):
        assert client.get("/api/v1/analytics/conversation/", period_query()).status_code == 200
    with django_assert_max_num_queries(API_QUERIES):
        csv = client.get("/analytics/conversation/top-posts.csv", period_query())
    assert csv.status_code == 200
