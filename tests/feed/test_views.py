"""The feed pages (feed.views.pages): home, company, community, profile, saved; the next
page and the newer items as HTMX partials; pinned announcements; mention suggestions; and
what a post's text may never do in a page (XSS)."""

import copy
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from communities.models import CommunityType
from feed.models import AnnouncementView, Post
from feed.selectors import encode_cursor
from feed.services.conversation import bookmark_add, comment_create, reaction_set
from feed.services.posts import post_create, post_delete, post_share
from profiles.services import user_follow
from tags.services import tag_follow
from tests.communities.conftest import build_community
from tests.conftest import shared_data
from tests.factories import UserFactory
from tests.feed.conftest import fresh, join

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
LOADER = r'class="feed-more[^"]*" hx-get="[^"?]*\?before=([^"]+)"'


def page_of(client, person, url, **extra):
    client.force_login(person)
    return client.get(url, **extra)


def post_ids(response) -> list[int]:
    """The posts of the feed in a page or partial, in order (pinned ones left out)."""
    html = response.content.decode()
    return [int(pk) for pk in re.findall(r'<article id="post-(\d+)"[^>]*data-cursor=', html)]


# --- the pages ----------------------------------------------------------------------------


def test_home_shows_the_composer_the_feed_and_the_people_column(client, author, colleague):
    user_follow(follower=author, followee=colleague)
    post = post_create(author=colleague, body="Quarter closed **early**")

    response = page_of(client, author, reverse("home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="composer"' in html
    assert 'data-feed-key="home"' in html and 'id="feed-items"' in html
    assert post_ids(response) == [post.pk]
    assert "<strong>early</strong>" in html
    assert 'id="greeting"' in html and "People you may know" in html
    assert reverse("feed:home") == "/"


def test_an_empty_home_says_how_to_fill_it(client, author):
    html = page_of(client, author, reverse("home")).content.decode()

    assert "Your feed is empty" in html


def test_the_company_feed_shows_company_wide_posts_only(client, author, public_community):
    join(author, public_community)
    company = post_create(author=author, body="For everyone")
    post_create(author=author, community=public_community, body="In a community")

    response = page_of(client, author, reverse("feed:company"))

    assert post_ids(response) == [company.pk]
    assert 'data-feed-key="company"' in response.content.decode()


def test_the_community_page_loads_its_feed_section(client, author, colleague, public_community):
    join(author, public_community)
    post = post_create(author=author, community=public_community, body="Team news")
    detail = page_of(client, colleague, public_community.get_absolute_url()).content.decode()
    url = reverse("feed:community", args=[public_community.slug])
    assert f'hx-get="{url}"' in detail

    section = client.get(url, **HX)
    whole = client.get(url)

    assert post_ids(section) == [post.pk] == post_ids(whole)
    assert f'data-feed-key="community-{public_community.pk}"' in section.content.decode()
    assert "<html" not in section.content.decode() and "<html" in whole.content.decode()
    assert 'id="composer"' not in section.content.decode()  # Not a member: no composer.


def test_members_get_the_composer_placed_in_their_community(client, author, public_community):
    join(author, public_community)

    html = page_of(
        client, author, reverse("feed:community", args=[public_community.slug]), **HX
    ).content.decode()

    assert 'id="composer"' in html
    assert f'<option value="{public_community.slug}" selected>' in html


def test_outsiders_of_a_private_community_get_403_and_of_a_secret_one_404(
    client, outsider, private_community, secret_community
):
    private = page_of(client, outsider, reverse("feed:community", args=[private_community.slug]))
    secret = client.get(reverse("feed:community", args=[secret_community.slug]))

    assert private.status_code == 403
    assert "Only the community's members" in private.content.decode()
    assert secret.status_code == 404


def test_the_profile_shows_the_persons_posts_and_the_praise_they_received(
    client, author, colleague
):
    own = post_create(author=colleague, body="My post")
    praise = post_create(
        author=author, body="Thank you!", praise={"value": "teamwork", "recipients": [colleague]}
    )
    profile = page_of(client, author, reverse("profiles:detail", args=[colleague.username]))
    assert reverse("feed:profile", args=[colleague.username]) in profile.content.decode()

    posts = client.get(reverse("feed:profile", args=[colleague.username]), **HX)
    praised = client.get(reverse("feed:profile-praise", args=[colleague.username]), **HX)

    assert post_ids(posts) == [own.pk]
    assert post_ids(praised) == [praise.pk]
    assert "Teamwork" in praised.content.decode()


def test_the_saved_page_lists_saved_posts(client, author, colleague):
    post = post_create(author=author, body="Keep this")
    post_create(author=author, body="Not saved")
    bookmark_add(user=colleague, post=post)

    response = page_of(client, colleague, reverse("feed:saved"))

    assert post_ids(response) == [post.pk]


def test_every_feed_page_asks_anonymous_people_to_sign_in(client, author, public_community):
    for url in (
        reverse("home"),
        reverse("feed:company"),
        reverse("feed:saved"),
        reverse("feed:community", args=[public_community.slug]),
        reverse("feed:profile", args=[author.username]),
        reverse("feed:mentions") + "?q=ra",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


# --- paging and new items ------------------------------------------------------------------


def test_the_next_page_comes_as_items_and_a_new_loader_without_duplicates(client, author):
    posts = [post_create(author=author, body=f"Post {n}") for n in range(45)]
    first = page_of(client, author, reverse("feed:company"))
    html = first.content.decode()
    cursor = re.search(LOADER, html).group(1)

    second = client.get(f"{reverse('feed:company')}?before={cursor}", **HX)
    cursor2 = re.search(LOADER, second.content.decode()).group(1)
    third = client.get(f"{reverse('feed:company')}?before={cursor2}", **HX)

    seen = post_ids(first) + post_ids(second) + post_ids(third)
    assert seen == [p.pk for p in reversed(posts)]
    assert "<html" not in second.content.decode()
    assert "You are all caught up" in third.content.decode()


def test_without_javascript_older_posts_open_as_a_page(client, author):
    posts = [post_create(author=author, body=f"Post {n}") for n in range(25)]
    client.force_login(author)

    response = client.get(f"{reverse('feed:company')}?before={encode_cursor(posts[5])}")

    assert post_ids(response) == [p.pk for p in reversed(posts[:5])]
    assert "Back to the newest posts" in response.content.decode()


@pytest.mark.parametrize("cursor", ["garbage", "%01%02", "MjAyNHwx", "=" * 300])
def test_a_bad_cursor_gives_the_first_page_not_an_error(client, author, cursor):
    posts = [post_create(author=author, body=f"Post {n}") for n in range(3)]
    client.force_login(author)

    for query in (f"before={cursor}", f"after={cursor}"):
        response = client.get(f"{reverse('feed:company')}?{query}", **HX)
        assert response.status_code == 200
        assert post_ids(response) == [p.pk for p in reversed(posts)]


def test_newer_items_are_the_posts_after_the_cursor_only(client, author, colleague):
    old = post_create(author=author, body="Already shown")
    new = post_create(author=colleague, body="Just posted")
    client.force_login(author)

    response = client.get(f"{reverse('feed:company')}?after={encode_cursor(old)}")

    assert post_ids(response) == [new.pk]
    assert "feed-more" not in response.content.decode()


def test_newer_items_obey_the_visibility_rule(client, author, outsider, private_community):
    old = post_create(author=author, body="Already shown")
    join(author, private_community)
    post_create(author=author, community=private_community, body="Members only")
    user_follow(follower=outsider, followee=author)
    client.force_login(outsider)

    response = client.get(f"{reverse('home')}?after={encode_cursor(old)}", **HX)

    assert post_ids(response) == []


# --- announcements ----------------------------------------------------------------------------


def test_pinned_announcements_sit_on_top_once_and_count_who_saw_them(
    client, communicator, colleague
):
    later = post_create(author=colleague, body="A later post")
    announcement = post_create(author=communicator, body="Office closed", is_announcement=True)
    Post.objects.filter(pk=later.pk).update(created_at=announcement.created_at)

    first = page_of(client, colleague, reverse("home"))
    client.get(reverse("feed:company"))

    html = first.content.decode()
    assert html.count(f'id="post-{announcement.pk}"') == 1
    assert announcement.pk not in post_ids(first)
    assert html.index(f'id="post-{announcement.pk}"') < html.index('id="feed-items"')
    assert "seen by 1 person" in html
    assert AnnouncementView.objects.filter(post=announcement).count() == 1
    announcement.refresh_from_db()
    assert announcement.seen_count == 1


def test_a_community_announcement_is_pinned_on_its_community_feed(
    client, colleague, public_community
):
    owner = public_community.created_by
    announcement = post_create(
        author=owner, community=public_community, body="Team day", is_announcement=True
    )

    html = page_of(
        client, colleague, reverse("feed:community", args=[public_community.slug]), **HX
    ).content.decode()

    assert "Announcement" in html and f'id="post-{announcement.pk}"' in html


# --- query counts ---------------------------------------------------------------------------


def _busy_company(author, colleague, community, count):
    join(author, community)
    join(colleague, community)
    user_follow(follower=colleague, followee=author)
    posts = []
    for n in range(count):
        place = community if n % 2 else None
        extra = {}
        if n % 5 == 1:
            extra["poll"] = {"question": "Lunch?", "options": ["Warung", "Canteen", "Desk"]}
        elif n % 7 == 2:
            extra["praise"] = {"value": "teamwork", "recipients": [colleague]}
        post = post_create(author=author, community=place, body=f"Post {n} #busy @budi", **extra)
        if n % 9 == 4:
            post_share(author=colleague, original=post, body="Worth reading #busy")
        if n % 3 == 0:
            comment_create(author=colleague, target=post, body="Nice one")
            comment_create(author=author, target=post, body="Thanks")
            comment_create(author=colleague, target=post, body="Really")
            reaction_set(user=colleague, target=post, kind="celebrate")
        bookmark_add(user=colleague, post=post)
        posts.append(post)
    tag_follow(user=colleague, tag=posts[0].tags.get())
    return posts


PAGES = {
    "home": lambda c, p: reverse("home"),
    "company": lambda c, p: reverse("feed:company"),
    "community": lambda c, p: reverse("feed:community", args=[c.slug]),
    "profile": lambda c, p: reverse("feed:profile", args=[p[0].author.username]),
    "saved": lambda c, p: reverse("feed:saved"),
    "praise": lambda c, p: reverse("feed:profile-praise", args=[p[2].praise_recipient_name]),
    "post": lambda c, p: reverse("feed:post-detail", args=[p[0].pk]),
}


@pytest.fixture(scope="class")
def busy(request, django_db_setup, django_db_blocker):
    """A busy company of ``request.param`` posts (Ratna writes, Budi follows, comments, reacts
    and saves), built once for the class's tests of that size and rolled back after them."""
    with shared_data(django_db_blocker):
        author = UserFactory(username="ratna", display_name="Ratna Sari")
        colleague = UserFactory(username="budi", display_name="Budi Santoso")
        community = build_community(name="Finance Club", slug="finance-club")
        posts = _busy_company(author, colleague, community, request.param)
        yield {"colleague": colleague, "community": community, "posts": posts}


@pytest.mark.parametrize("busy", [10, 100], indirect=True, ids=lambda count: f"{count} posts")
class TestQueryCounts:
    """Each page takes a bounded number of queries, the same for 10 and for 100 posts."""

    @pytest.mark.parametrize("name", list(PAGES))
    def test_feed_pages_take_the_same_number_of_queries_for_10_and_100_posts(
        self, client, busy, name, django_assert_max_num_queries
    ):
        colleague, posts = busy["colleague"], copy.deepcopy(busy["posts"])
        for n in range(len(posts) if name == "post" else 0):
            comment_create(author=colleague, target=posts[0], body=f"More {n}")
        posts[2].praise_recipient_name = colleague.username
        client.force_login(colleague)
        url = PAGES[name](busy["community"], posts)

        # Home also carries the people column (suggestions, newcomers, activity).
        with django_assert_max_num_queries(42 if name == "home" else 24):
            response = client.get(url)

        assert response.status_code == 200
        assert post_ids(response) or name == "post"

    def test_the_next_page_takes_the_same_number_of_queries(
        self, client, busy, django_assert_max_num_queries
    ):
        posts = busy["posts"]
        client.force_login(busy["colleague"])

        with django_assert_max_num_queries(27):
            response = client.get(f"/?before={encode_cursor(posts[-1])}", **HX)

        shown = post_ids(response)
        assert posts[-1].pk not in shown
        assert 9 <= len(shown) <= 20

    def test_the_newer_items_take_the_same_number_of_queries(
        self, client, busy, django_assert_max_num_queries
    ):
        posts = busy["posts"]
        client.force_login(busy["colleague"])

        with django_assert_max_num_queries(24):
            response = client.get(f"/?after={encode_cursor(posts[0])}")

        shown = post_ids(response)
        assert posts[0].pk not in shown
        assert 9 <= len(shown) <= 20


# --- mentions -------------------------------------------------------------------------------


def test_mention_suggestions_offer_people_and_communities_the_viewer_may_see(client, outsider):
    UserFactory(username="siti", display_name="Siti Rahma")
    build_community(name="Sales Jakarta", slug="sales-jkt")
    build_community(name="Sales Secret", slug="sales-secret", type=CommunityType.SECRET)
    UserFactory(username="sales-bot", display_name="Sales Bot", is_active=False)

    html = page_of(client, outsider, reverse("feed:mentions") + "?q=sa").content.decode()

    assert 'data-insert="@sales-jkt"' in html
    assert "sales-secret" not in html
    assert "sales-bot" not in html
    html = client.get(reverse("feed:mentions") + "?q=@sit").content.decode()
    assert 'data-insert="@siti"' in html and 'role="listbox"' in html


def test_a_member_gets_their_secret_community_suggested(client, author, secret_community):
    join(author, secret_community)

    html = page_of(client, author, reverse("feed:mentions") + "?q=merger").content.decode()

    assert 'data-insert="@merger-room"' in html


def test_a_secret_community_is_not_suggested_to_someone_only_invited_to_it(
    client, author, secret_community
):
    from communities.services import community_invite

    community_invite(actor=secret_community.created_by, community=secret_community, invitee=author)

    html = page_of(client, author, reverse("feed:mentions") + "?q=merger").content.decode()

    assert "merger-room" not in html


def test_a_site_moderator_outside_a_secret_community_is_not_offered_it_to_mention(
    client, site_moderator, secret_community
):
    html = page_of(client, site_moderator, reverse("feed:mentions") + "?q=merger").content
    assert "merger-room" not in html.decode()


def test_private_communities_are_suggested_as_the_visibility_rule_shows_them(
    client, outsider, private_community
):
    html = page_of(client, outsider, reverse("feed:mentions") + "?q=tax").content.decode()

    assert 'data-insert="@tax-team"' in html


def test_an_empty_mention_query_suggests_nothing(client, author):
    html = page_of(client, author, reverse("feed:mentions") + "?q=").content.decode()

    assert 'role="option"' not in html


@pytest.mark.parametrize(
    "url",
    ["/feed/mentions/?q=sa%00", "/people/%00/posts/", "/people/a%00/praise/", "/?before=%00%01"],
)
def test_a_nul_character_in_a_feed_address_is_404_not_500(client, author, url):
    # core.middleware.RejectNulMiddleware: PostgreSQL refuses NUL in a query.
    assert page_of(client, author, url).status_code == 404
    assert client.get(url, **HX).status_code == 404


@pytest.mark.parametrize("bad", ["before", "after"])
def test_a_naive_cursor_on_a_page_is_not_an_error(client, author, bad):
    response = page_of(client, author, f"/?{bad}=MjAyNC0wMS0wMVQxMDowMDowMHwx", **HX)

    assert response.status_code == 200


# --- what text can never do --------------------------------------------------------------------

ATTACKS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&#58;alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[x](https://ok.example "title" onmouseover="alert(1)")',
    '![x](https://evil.example/x.png" onerror="alert(1))',
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<style>body{display:none}</style>",
    "javascript:alert(1)",
]


class _Elements(HTMLParser):
    """Every element of a piece of HTML with its attributes, as a browser would parse it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_post_renders_inert_in_every_page(client, author, attack):
    post = post_create(author=author, body=f"Hello {attack} #safe")
    client.force_login(author)

    for url in (reverse("home"), reverse("feed:company"), post.get_absolute_url()):
        html = client.get(url).content.decode()
        body = html[html.index(f'id="post-{post.pk}"') :]
        body = body[body.index('class="post-body') : body.index("</article>")]
        for tag, attrs in elements(body):
            assert tag not in ("script", "iframe", "svg", "style", "img", "object", "embed")
            assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
            for name in ("href", "src", "action", "formaction"):
                value = "".join((attrs.get(name) or "").split()).lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)


def test_a_deleted_post_leaves_the_pages(client, author):
    post = post_create(author=author, body="Soon gone")
    post_delete(actor=author, post=post)

    response = page_of(client, author, reverse("feed:company"))

    assert post_ids(response) == []


def test_a_private_community_post_is_never_in_a_feed_page_for_outsiders(
    client, author, outsider, private_community
):
    join(author, private_community)
    post = post_create(author=author, community=private_community, body="Internal")
    user_follow(follower=outsider, followee=author)
    fresh(outsider)

    for url in (
        reverse("home"),
        reverse("feed:company"),
        reverse("feed:profile", args=[author.username]),
    ):
        assert post.pk not in post_ids(page_of(client, outsider, url))
