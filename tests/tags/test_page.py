"""The topic page across every content type (tags.views.tag_detail): the mixed list with a
tab per kind, its followers, top contributors and related topics, the topics one follows;
who may see what; old addresses; query bounds."""

import re

import pytest
from django.urls import reverse
from taggit.models import Tag

from communities.services import community_leave
from feed.services.posts import post_create
from tags.services import tag_follow, tag_rename
from tests.factories import UserFactory
from tests.helpers import fresh, join
from tests.tags.conftest import KINDS, backdate, make

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def page(client, person, slug="budget", **params):
    client.force_login(person)
    return client.get(reverse("tags:detail", args=[slug]), params)


def item_ids(html: str) -> list[str]:
    """The cards of the list, in order: "post-12", "wiki_page-3"..."""
    return re.findall(r'<article class="card[^"]*tag-item" id="([a-z_]+-\d+)"', html)


def card(obj, kind: str) -> str:
    return f"{kind}-{obj.pk}"


def section(html: str, heading_id: str) -> str:
    """The side column's section labelled by ``heading_id``."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


# --- everything visible, every kind -----------------------------------------------------------


def test_the_page_lists_every_kind_carrying_the_tag_newest_first(client, communicator, colleague):
    made = {kind: make(kind, author=communicator, tags=["Budget"]) for kind in reversed(KINDS)}
    make("post", author=communicator, tags=["other"])

    html = page(client, colleague).content.decode()

    assert item_ids(html) == [card(made[kind], kind) for kind in KINDS]
    for label in ("Post", "Forum thread", "Article", "Wiki page", "File"):
        assert f"</i> {label}</span>" in html
    assert "About Budget" in html and "Humas Kolega" in html


def test_the_tabs_count_each_kind_and_filter_the_list(client, communicator, colleague):
    posts = [make("post", author=communicator, tags=["budget"]) for _ in range(2)]
    page_made = make("wiki_page", author=communicator, tags=["budget"])

    html = page(client, colleague).content.decode()
    only_pages = page(client, colleague, kind="wiki_page").content.decode()

    tabs = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section(html, "tag-items-heading")))
    assert "All 3" in tabs and "Posts 2" in tabs and "Wiki pages 1" in tabs
    assert "Files" not in tabs  # No tab for a kind with nothing.
    assert item_ids(only_pages) == [card(page_made, "wiki_page")]
    assert 'aria-current="page"' in only_pages.split("Wiki pages")[0].rsplit("<a", 1)[1]
    assert set(item_ids(html)) == {card(p, "post") for p in posts} | {card(page_made, "wiki_page")}


def test_a_tab_or_a_page_with_htmx_answers_the_list_alone(client, communicator, colleague):
    post = make("post", author=communicator, tags=["budget"])

    client.force_login(colleague)
    response = client.get(reverse("tags:detail", args=["budget"]), {"kind": "post"}, **HX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and html.lstrip().startswith('<section id="tag-items"')
    assert item_ids(html) == [card(post, "post")]


@pytest.mark.parametrize(
    "params",
    [{"kind": "nonsense"}, {"kind": ""}, {"page": "abc"}, {"page": "-3"}, {"page": "99999999"},
     {"kind": "post", "page": "0"}, {"kind": "<script>"}],
)  # fmt: skip
def test_odd_filters_show_a_page_not_an_error(client, communicator, colleague, params):
    post = make("post", author=communicator, tags=["budget"])

    response = page(client, colleague, **params)

    assert response.status_code == 200
    assert item_ids(response.content.decode()) == [card(post, "post")]
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_pages_of_twenty_newest_first(client, author, colleague):
    posts = [post_create(author=author, body=f"Number {i}", tags=["budget"]) for i in range(23)]

    first = page(client, colleague).content.decode()
    second = page(client, colleague, page=2).content.decode()

    newest = [card(p, "post") for p in reversed(posts)]
    assert item_ids(first) == newest[:20] and item_ids(second) == newest[20:]
    assert "Page 1 of 2" in first and 'rel="next"' in first and 'rel="prev"' not in first
    assert "page=2" in first and 'rel="prev"' in second


# --- who may see what ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_tag_used_only_in_a_private_community_is_404_for_outsiders(
    client, kind, outsider, colleague, private_community
):
    owner = private_community.created_by
    item = make(kind, author=owner, community=private_community, tags=["merger"])
    join(colleague, private_community)

    stranger = page(client, outsider, "merger")
    member = page(client, colleague, "merger")

    assert stranger.status_code == 404
    assert "#merger" not in stranger.content.decode()
    assert member.status_code == 200
    assert item_ids(member.content.decode()) == [card(item, kind)]


def test_outsiders_see_neither_the_items_nor_the_counts_of_a_private_community(
    client, communicator, outsider, colleague, private_community, secret_community
):
    public = make("post", author=communicator, tags=["budget"])
    for community in (private_community, secret_community):
        join(colleague, community)
        make("thread", author=community.created_by, community=community, tags=["budget", "rahasia"])
        make("file", author=community.created_by, community=community, tags=["budget"])

    stranger = page(client, outsider).content.decode()
    member = page(client, colleague).content.decode()

    tabs = section(stranger, "tag-items-heading")
    assert item_ids(stranger) == [card(public, "post")]
    assert "1 item you can see" in stranger and "Forum threads" not in tabs
    assert "Files" not in tabs and "rahasia" not in stranger and "Merger Room" not in stranger
    assert len(item_ids(member)) == 5 and "5 items you can see" in member
    assert "#rahasia" in section(member, "tag-related-heading")


def test_secret_community_items_never_reach_outsiders_even_when_they_follow_the_tag(
    client, communicator, outsider, secret_community
):
    make("post", author=communicator, tags=["falcon"])
    tag_follow(user=outsider, tag=Tag.objects.get(slug="falcon"))
    secret = make("wiki_page", author=secret_community.created_by, community=secret_community,
                  tags=["falcon"], title="Codename plans")  # fmt: skip

    html = page(client, outsider, "falcon").content.decode()

    assert card(secret, "wiki_page") not in item_ids(html)
    assert "Codename plans" not in html and "Wiki pages" not in section(html, "tag-items-heading")


def test_a_former_member_no_longer_finds_a_tag_of_a_private_community(
    client, colleague, private_community
):
    make("article", author=private_community.created_by, community=private_community,
         tags=["merger"])  # fmt: skip
    join(colleague, private_community)
    assert page(client, colleague, "merger").status_code == 200

    community_leave(user=colleague, community=private_community)

    assert page(client, fresh(colleague), "merger").status_code == 404


def test_signed_out_people_go_to_the_login_page(client, communicator):
    make("post", author=communicator, tags=["budget"])

    response = client.get(reverse("tags:detail", args=["budget"]))

    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("slug", ["no-such-topic", "%00", "a" * 300, "..%2F..%2Fetc"])
def test_unknown_or_odd_slugs_are_404(client, colleague, slug):
    client.force_login(colleague)

    assert client.get(f"/tags/{slug}/").status_code == 404
    assert client.get(f"/tags/{slug}/followers/").status_code == 404


# --- followers, contributors, related topics, topics you follow ----------------------------


def test_followers_count_and_list(client, communicator, colleague):
    make("post", author=communicator, tags=["budget"])
    tag = Tag.objects.get(slug="budget")
    fans = [UserFactory(username=f"fan{i}", display_name=f"Fan {i}") for i in range(3)]
    for fan in fans:
        tag_follow(user=fan, tag=tag)
    gone = UserFactory(username="gone", display_name="Gone Person")
    tag_follow(user=gone, tag=tag)
    gone.is_active = False
    gone.save()

    html = page(client, colleague).content.decode()
    listing = client.get(reverse("tags:followers", args=["budget"])).content.decode()

    followers = section(html, "tag-followers-heading")
    assert "3 followers" in followers and "Fan 0" in followers and "Gone Person" not in followers
    assert reverse("tags:followers", args=["budget"]) in followers
    assert all(f"Fan {i}" in listing for i in range(3)) and "Gone Person" not in listing


def test_following_with_htmx_updates_the_count_out_of_band(client, communicator, colleague):
    make("post", author=communicator, tags=["budget"])
    client.force_login(colleague)

    followed = client.post(reverse("tags:follow", args=["budget"]), **HX).content.decode()

    assert '<span id="tag-follower-count" hx-swap-oob="true">1 follower</span>' in followed


def test_top_contributors_count_visible_items_of_the_last_90_days(
    client, communicator, author, colleague, outsider, private_community
):
    for _ in range(3):
        post_create(author=author, body="Note", tags=["budget"])
    post_create(author=colleague, body="Note", tags=["budget"])
    old = [post_create(author=outsider, body="Old", tags=["budget"]) for _ in range(5)]
    for post in old:
        backdate(post, days=91)
    owner = private_community.created_by
    for _ in range(4):
        make("post", author=owner, community=private_community, tags=["budget"])

    html = section(page(client, colleague).content.decode(), "tag-contributors-heading")

    names = re.findall(r'class="text-truncate" href="[^"]+">([^<]+)</a>', html)
    assert names == ["Ratna Sari", "Budi Santoso"]  # Not the old ones, not the private ones.
    assert "3 items" in html and "1 item" in html


def test_related_topics_are_counted_on_visible_items(client, communicator, colleague):
    make("post", author=communicator, tags=["budget", "pajak", "q3"])
    make("wiki_page", author=communicator, tags=["budget", "pajak"])
    make("file", author=communicator, tags=["pajak"])  # Not with #budget.

    html = section(page(client, colleague).content.decode(), "tag-related-heading")

    chips = re.findall(
        r'href="/tags/([^/]+)/">#[^<]+ <span class="text-body-secondary">(\d+)', html
    )
    assert chips == [("pajak", "2"), ("q3", "1")]


def test_the_topics_one_follows_are_in_the_side_column_and_on_the_topics_page(
    client, communicator, colleague
):
    make("post", author=communicator, tags=["budget", "pajak"])
    tag_follow(user=colleague, tag=Tag.objects.get(slug="pajak"))

    html = section(page(client, colleague).content.decode(), "tag-followed-heading")
    topics = client.get(reverse("tags:index")).content.decode()

    assert 'href="/tags/pajak/">#pajak</a>' in html and "#budget" not in html
    assert 'href="/tags/pajak/">#pajak</a>' in section(topics, "followed-heading")


def test_the_topics_page_finds_a_topic_by_name(client, communicator, colleague):
    make("post", author=communicator, tags=["Budget 2027", "budgeting"])
    client.force_login(colleague)

    exact = client.get(reverse("tags:index"), {"q": "#budgeting"})
    several = client.get(reverse("tags:index"), {"q": "budg"}).content.decode()

    assert exact.status_code == 302 and exact["Location"] == "/tags/budgeting/"
    assert "#budget 2027" in several and "#budgeting" in several


# --- old addresses ---------------------------------------------------------------------------


def test_an_old_address_redirects_permanently_keeping_the_tab(client, communicator, colleague):
    make("post", author=communicator, tags=["budget"])
    tag_rename(tag=Tag.objects.get(slug="budget"), name="Anggaran")
    client.force_login(colleague)

    response = client.get("/tags/budget/", {"kind": "post"})
    followers = client.get("/tags/budget/followers/")

    assert response.status_code == 301 and response["Location"] == "/tags/anggaran/?kind=post"
    assert followers.status_code == 301 and followers["Location"] == "/tags/anggaran/followers/"


def test_an_old_address_of_a_secret_tag_does_not_tell_outsiders_its_new_name(
    client, outsider, secret_community
):
    make("post", author=secret_community.created_by, community=secret_community, tags=["falcon"])
    tag_rename(tag=Tag.objects.get(slug="falcon"), name="Eagle")

    response = page(client, outsider, "falcon")

    assert response.status_code == 404 and "eagle" not in response.content.decode().lower()


# --- query bounds ----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 100])
def test_the_page_runs_a_bounded_number_of_queries(
    client, author, colleague, public_community, django_assert_max_num_queries, count
):
    people = [join(UserFactory(), public_community) for _ in range(5)]
    for i in range(count):
        post_create(author=people[i % 5], body=f"Note {i}", tags=["budget", f"t{i % 7}"],
                    community=public_community if i % 2 else None)  # fmt: skip
    for person in people:
        tag_follow(user=person, tag=Tag.objects.get(slug="budget"))
        tag_follow(user=colleague, tag=Tag.objects.get(slug=f"t{people.index(person)}"))
    client.force_login(colleague)

    with django_assert_max_num_queries(16):
        response = client.get(reverse("tags:detail", args=["budget"]))
    with django_assert_max_num_queries(8):
        tab = client.get(reverse("tags:detail", args=["budget"]), {"kind": "post"}, **HX)

    assert len(item_ids(response.content.decode())) == min(count, 20)
    assert len(item_ids(tab.content.decode())) == min(count, 20)
