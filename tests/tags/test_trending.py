"""Trending topics (tags.selectors.tags_trending): this week's uses against the average week
of the four before, on company-visible content only, cached; the home page card and the API."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from feed.services.posts import post_create
from tags.selectors import TRENDING_CACHE_KEY, tags_trending, tags_trending_compute
from tags.services import tag_merge
from tests.helpers import join
from tests.tags.conftest import backdate, make

pytestmark = pytest.mark.django_db


def use(author, tag: str, *, times: int = 1, days: float = 0, community=None):
    """``times`` posts with ``tag``, ``days`` days old."""
    for _ in range(times):
        post = post_create(author=author, body="Note", tags=[tag], community=community)
        if days:
            backdate(post, days=days)


def trending() -> dict[str, tuple[int, float | None, bool]]:
    return {t.slug: (t.this_week, t.ratio, t.is_new) for t in tags_trending_compute()}


def test_this_week_is_compared_with_the_average_week_of_the_four_before(author):
    use(author, "closing", times=6)
    use(author, "closing", times=4, days=20)  # 1 a week before.
    use(author, "steady", times=3)
    use(author, "steady", times=12, days=15)  # 3 a week before: no rise.
    use(author, "launch", times=3)  # Never used before.
    use(author, "quiet", times=2)  # Too few to trend.

    assert trending() == {"closing": (6, 6.0, False), "launch": (3, None, True)}


def test_the_windows_are_the_last_7_days_and_the_28_days_before(author):
    use(author, "edge", times=3, days=6.9)  # This week.
    use(author, "edge", times=2, days=7.1)  # The weeks before ...
    use(author, "edge", times=2, days=34.9)
    use(author, "edge", times=50, days=36)  # ... and not older.

    assert trending() == {"edge": (3, 3.0, False)}  # 4 uses before: 1 a week.


def test_a_rise_must_be_at_least_double_the_weekly_average(author):
    use(author, "double", times=4)
    use(author, "double", times=8, days=10)  # 2 a week: 4 is twice.
    use(author, "almost", times=5)
    use(author, "almost", times=12, days=10)  # 3 a week: 5 is not twice.

    assert set(trending()) == {"double"}


def test_the_steepest_rise_comes_first(author):
    use(author, "big", times=10)
    use(author, "big", times=8, days=10)  # ×5
    use(author, "huge", times=9)
    use(author, "huge", times=4, days=10)  # ×9
    use(author, "fresh", times=3)  # new, but only 3

    assert [t.slug for t in tags_trending_compute()] == ["huge", "big", "fresh"]


def test_private_and_secret_usage_never_counts(
    author, communicator, private_community, secret_community, public_community
):
    for community in (private_community, secret_community):
        join(author, community)
        use(author, "merger", times=10, community=community)
        use(author, "secretly-old", times=20, days=10, community=community)
    use(author, "secretly-old", times=3)
    join(author, public_community)
    use(author, "club", times=3, community=public_community)
    make("wiki_page", author=private_community.created_by, community=private_community,
         tags=["merger"])  # fmt: skip

    # Only company-wide and public-community uses: #secretly-old is new to the company.
    assert trending() == {"secretly-old": (3, None, True), "club": (3, None, True)}


def test_every_content_type_counts_but_people_and_communities_do_not(communicator):
    for kind in ("thread", "article", "wiki_page"):
        make(kind, author=communicator, tags=["rollout"])

    assert trending() == {"rollout": (3, None, True)}


def test_the_answer_is_cached_for_everyone(author, django_assert_num_queries):
    from django.core.cache import cache

    use(author, "launch", times=3)
    first = tags_trending()
    use(author, "later", times=5)

    with django_assert_num_queries(0):
        again = tags_trending()

    assert [t.slug for t in first] == [t.slug for t in again] == ["launch"]
    cache.delete(TRENDING_CACHE_KEY)  # Ten minutes later.
    assert {t.slug for t in tags_trending()} == {"launch", "later"}


def test_a_merge_forgets_the_cached_answer(author, django_capture_on_commit_callbacks):
    use(author, "launch", times=3)
    use(author, "go-live", times=3)
    assert {t.slug for t in tags_trending()} == {"launch", "go-live"}

    with django_capture_on_commit_callbacks(execute=True):
        tag_merge(sources=[Tag.objects.get(slug="go-live")], target=Tag.objects.get(slug="launch"))

    assert [(t.slug, t.this_week) for t in tags_trending()] == [("launch", 6)]


def test_the_home_page_shows_the_trending_card(client, author, colleague):
    use(author, "closing", times=6)
    use(author, "closing", times=4, days=20)
    use(author, "launch", times=3)
    client.force_login(colleague)

    html = client.get(reverse("home")).content.decode()

    card = html[html.index('aria-labelledby="trending-heading"') :]
    card = card[: card.index("</section>")]
    assert '<a class="text-truncate" href="/tags/closing/">#closing</a>' in card
    assert "×6" in card and ">new</span>" in card and "3 this week" in card
    assert card.index("#closing") < card.index("#launch")


def test_the_home_page_has_no_card_when_nothing_trends(client, author, colleague):
    use(author, "quiet", times=2)
    client.force_login(colleague)

    assert 'id="trending-heading"' not in client.get(reverse("home")).content.decode()


def test_the_api_lists_the_trending_topics(api_client, author, colleague):
    use(author, "closing", times=6)
    use(author, "closing", times=4, days=20)
    use(author, "launch", times=3)
    api_client.force_authenticate(colleague)

    response = api_client.get("/api/v1/tags/trending/")

    assert response.json() == [
        {"slug": "closing", "name": "closing", "this_week": 6, "weekly_average": 1.0,
         "ratio": 6.0, "is_new": False},
        {"slug": "launch", "name": "launch", "this_week": 3, "weekly_average": 0.0,
         "ratio": None, "is_new": True},
    ]  # fmt: skip


def test_a_trending_topics_page_opens_for_every_employee(client, author, outsider):
    use(author, "launch", times=3)
    client.force_login(outsider)

    page = client.get(reverse("tags:index")).content.decode()

    assert 'href="/tags/launch/">#launch</a>' in page
    assert client.get("/tags/launch/").status_code == 200
