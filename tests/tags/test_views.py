"""The topic page (tags.views): its posts as far as the viewer may see them, the follow
button, 404 for unknown topics and an empty state. (Every content type, the tabs and the side
column: test_page.py.)"""

import re

import pytest
from django.urls import reverse

from feed.services.posts import post_create, post_delete
from tags.models import TagFollow
from tests.communities.matrix import check_placed_content_matrix
from tests.helpers import join

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def button_name(html: str) -> str:
    """The follow button's accessible name: its text, hidden parts included, icons not."""
    (button,) = re.findall(r'<button[^>]*id="tag-follow-button"[^>]*>(.*?)</button>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", "", button).split())


def signed_in(client, person):
    client.force_login(person)
    return client


def make_post(*, author, community):
    return post_create(author=author, community=community, body="About #budget")


def test_the_topic_page_lists_its_posts_newest_first(client, author):
    first = post_create(author=author, body="Planning the #budget")
    second = post_create(author=author, body="More", tags=["Budget"])
    post_create(author=author, body="Unrelated")

    response = signed_in(client, author).get(reverse("tags:detail", args=["budget"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1 " in html and "#budget</h1>" in html
    assert html.index(f'id="post-{second.pk}"') < html.index(f'id="post-{first.pk}"')
    assert "Unrelated" not in html


def test_the_topic_page_shows_a_post_only_to_who_may_see_it(db):
    def can_see(user, post):
        from django.test import Client

        client = Client()
        if not user.is_authenticated:
            return False
        client.force_login(user)
        html = client.get(reverse("tags:detail", args=["budget"])).content.decode()
        return f'id="post-{post.pk}"' in html

    check_placed_content_matrix(make=make_post, can_see=can_see)


def test_an_unknown_topic_is_404(client, author):
    response = signed_in(client, author).get(reverse("tags:detail", args=["no-such-topic"]))

    assert response.status_code == 404


def test_a_topic_used_only_in_a_secret_community_does_not_exist_for_outsiders(
    client, author, outsider, secret_community
):
    join(author, secret_community)
    post_create(author=author, community=secret_community, body="Hush #merger")
    client = signed_in(client, outsider)

    page = client.get(reverse("tags:detail", args=["merger"]))
    followed = client.post(reverse("tags:follow", args=["merger"]))
    unfollowed = client.post(reverse("tags:unfollow", args=["merger"]))

    assert (page.status_code, followed.status_code, unfollowed.status_code) == (404, 404, 404)
    assert not TagFollow.objects.filter(user=outsider).exists()


def test_a_followed_topic_with_nothing_visible_shows_an_empty_state(
    client, author, colleague, secret_community
):
    post = post_create(author=author, body="Open #merger")
    client = signed_in(client, colleague)
    client.post(reverse("tags:follow", args=["merger"]))
    post_delete(actor=author, post=post)

    response = client.get(reverse("tags:detail", args=["merger"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Open" not in html
    assert "Nothing about #merger that you can see yet." in html


@pytest.mark.parametrize("slug", ["%00", "a%00b", "\u65e5\u672c"])
def test_odd_topic_slugs_answer_404_not_500(client, author, slug):
    client = signed_in(client, author)

    assert client.get(f"/tags/{slug}/").status_code == 404
    assert client.post(f"/tags/{slug}/follow/").status_code == 404


def test_a_unicode_topic_has_its_page(client, author):
    post_create(author=author, body="Rapat #\u65e5\u672c hari ini")

    response = signed_in(client, author).get(reverse("tags:detail", args=["\u65e5\u672c"]))

    assert response.status_code == 200


def test_following_and_unfollowing_a_topic_with_htmx(client, author, colleague):
    post_create(author=author, body="#budget")
    client = signed_in(client, colleague)

    followed = client.post(reverse("tags:follow", args=["budget"]), **HX)
    assert TagFollow.objects.filter(user=colleague, tag__slug="budget").exists()
    assert "Following" in followed.content.decode()
    assert "<html" not in followed.content.decode()

    unfollowed = client.post(reverse("tags:unfollow", args=["budget"]), **HX)
    assert not TagFollow.objects.filter(user=colleague).exists()
    assert "Follow this topic" in unfollowed.content.decode()


def test_following_without_javascript_goes_back_to_the_topic(client, author, colleague):
    post_create(author=author, body="#budget")

    response = signed_in(client, colleague).post(reverse("tags:follow", args=["budget"]))
    page = client.get(reverse("tags:detail", args=["budget"])).content.decode()

    assert response.status_code == 302
    assert response["Location"] == reverse("tags:detail", args=["budget"])
    assert "You follow #budget" in page
    assert button_name(page) == "Following #budget — stop following"


def test_a_followed_topic_feeds_the_home_page(client, author, colleague):
    post = post_create(author=author, body="Notes on the #budget")
    client = signed_in(client, colleague)
    assert f'id="post-{post.pk}"' not in client.get(reverse("home")).content.decode()

    client.post(reverse("tags:follow", args=["budget"]))

    assert f'id="post-{post.pk}"' in client.get(reverse("home")).content.decode()


def test_follow_needs_a_post_and_signed_in_people(client, author):
    post_create(author=author, body="#budget")

    assert client.get(reverse("tags:detail", args=["budget"])).status_code == 302
    assert client.post(reverse("tags:follow", args=["budget"])).status_code == 302
    signed_in(client, author)
    assert client.get(reverse("tags:follow", args=["budget"])).status_code == 405
    assert client.post(reverse("tags:follow", args=["nothing"])).status_code == 404


def test_the_follow_button_says_its_state_in_its_name_not_with_aria_pressed(
    client, author, colleague
):
    post_create(author=author, body="#budget")
    client = signed_in(client, colleague)
    url = reverse("tags:detail", args=["budget"])
    assert button_name(client.get(url).content.decode()) == "Follow this topic"

    followed = client.post(reverse("tags:follow", args=["budget"]), **HX).content.decode()
    unfollowed = client.post(reverse("tags:unfollow", args=["budget"]), **HX).content.decode()

    assert button_name(followed) == "Following #budget — stop following"
    assert button_name(unfollowed) == "Follow this topic"
    # The name changes with the state, so the button is no toggle as well (one or the other).
    assert "aria-pressed" not in followed + unfollowed


def test_the_follow_notice_goes_to_the_pages_live_region(client, author, colleague):
    post_create(author=author, body="#budget")
    client = signed_in(client, colleague)

    page = client.get(reverse("tags:detail", args=["budget"])).content.decode()
    followed = client.post(reverse("tags:follow", args=["budget"]), **HX).content.decode()

    assert 'id="live-region"' in page and "#live-region" not in page  # Nothing to tell yet.
    assert re.search(
        r'<span hx-swap-oob="innerHTML:#live-region">You follow #budget: [^<]*</span>', followed
    )
