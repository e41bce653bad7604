"""The feed API under /api/v1/: the timelines, and writing, editing, deleting and restoring
posts. The conversation (comments, reactions, shares, bookmarks, polls, announcements seen)
is in test_api_conversation.py."""

import datetime
import json

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from taggit.models import Tag

from analytics.models import Event
from communities import services as communities
from communities.models import Community, Role
from feed.models import Post, PostImage, PostKind
from feed.services.conversation import bookmark_add, comment_create, reaction_set
from feed.services.posts import post_create, post_delete, post_edit, post_share
from profiles.models import User
from profiles.services import user_follow
from tags.services import tag_follow
from tests.communities.conftest import build_community
from tests.communities.matrix import check_placed_content_matrix
from tests.factories import UserFactory
from tests.feed.conftest import fresh, image_upload, join

FEED = "/api/v1/feed/"
POSTS = "/api/v1/posts/"

POST_FIELDS = {
    "id", "url", "page_url", "kind", "author", "community", "body", "body_html", "tags",
    "created_at", "edited_at", "is_announcement", "announcement_until", "is_pinned",
    "seen_count", "counts", "reaction_summary", "viewer", "images", "attachments", "poll",
    "praise", "shared_post", "latest_comments", "more_comment_count", "item",
}  # fmt: skip


def client_for(person) -> APIClient:
    client = APIClient()
    if person is not None:
        client.force_login(person)
    return client


def post_url(post, suffix: str = "") -> str:
    return f"{POSTS}{post.pk}/{suffix}"


def ids(response, key: str = "results") -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()[key]]


def write(author, body="Hello team", **fields):
    return post_create(author=author, body=body, **fields)


@pytest.fixture
def me(author):
    return client_for(author)


# --- the home and company feeds ---------------------------------------------------------


def test_the_home_feed_has_my_posts_followed_people_my_communities_and_followed_topics(
    author, colleague, outsider, public_community
):
    join(author, public_community)
    join(outsider, public_community)
    user_follow(follower=author, followee=colleague)
    mine = write(author, "My own news")
    followed = write(colleague, "From someone I follow")
    in_community = write(outsider, "In my community", community=public_community)
    tagged = write(outsider, "About #pajak")
    elsewhere = write(outsider, "Company-wide, not for my home feed")
    tag_follow(user=author, tag=Tag.objects.get(slug="pajak"))

    home = ids(client_for(author).get(FEED))
    company = ids(client_for(author).get(FEED, {"scope": "company"}))

    assert home == [tagged.pk, in_community.pk, followed.pk, mine.pk]
    assert company == [elsewhere.pk, tagged.pk, followed.pk, mine.pk]


def test_a_feed_item_carries_the_whole_post_representation(me, author, colleague):
    post = write(colleague, "**Hello** <script>alert(1)</script> #budget", tags=["Finance"])
    user_follow(follower=author, followee=colleague)
    comment_create(author=author, target=post, body="First!")
    reaction_set(user=author, target=post, kind="celebrate")
    bookmark_add(user=author, post=post)

    response = me.get(FEED)

    (row,) = response.json()["results"]
    assert set(row) == POST_FIELDS
    assert row["url"] == f"http://testserver/api/v1/posts/{post.pk}/"
    assert row["page_url"] == f"http://testserver/posts/{post.pk}/"
    assert row["kind"] == "post"
    assert row["author"]["username"] == "budi"
    assert row["author"]["name"] == "Budi Santoso"
    assert "avatar_url" in row["author"]
    assert row["community"] is None
    assert "<strong>Hello</strong>" in row["body_html"]
    assert "<script" not in row["body_html"]
    assert row["tags"] == ["budget", "finance"]
    assert row["counts"] == {"comments": 1, "reactions": 1, "shares": 0}
    assert row["reaction_summary"] == [{"kind": "celebrate", "emoji": "🎉", "count": 1}]
    assert row["viewer"]["reaction"] == "celebrate"
    assert row["viewer"]["bookmarked"] is True
    assert row["viewer"]["can_edit"] is False
    assert row["viewer"]["can_delete"] is False
    assert [c["body"] for c in row["latest_comments"]] == ["First!"]
    assert row["more_comment_count"] == 0
    assert row["poll"] is None and row["praise"] is None and row["shared_post"] is None


def test_the_feed_pages_with_cursors(me, author):
    posts = [write(author, f"Post {i}") for i in range(25)]
    newest_first = [p.pk for p in reversed(posts)]

    first = me.get(FEED, {"limit": 10})
    second = me.get(first.json()["next"])
    third = me.get(second.json()["next"])

    assert ids(first) == newest_first[:10]
    assert ids(second) == newest_first[10:20]
    assert ids(third) == newest_first[20:]
    assert third.json()["next"] is None
    assert "limit=10" in first.json()["next"]


def test_the_newer_link_brings_only_what_arrived_since(me, author):
    write(author, "Old")
    page = me.get(FEED).json()
    fresh_post = write(author, "Just now")

    response = me.get(page["newer"])

    assert ids(response) == [fresh_post.pk]
    assert response.json()["next"] is None


@pytest.mark.parametrize("cursor", ["garbage", "!!!", "MjAyNHxub3Bl", "a" * 500])
def test_a_bad_cursor_gives_the_first_page(me, author, cursor):
    posts = [write(author, f"Post {i}") for i in range(3)]

    response = me.get(FEED, {"before": cursor})

    assert ids(response) == [p.pk for p in reversed(posts)]


@pytest.mark.parametrize(("limit", "count"), [("0", 1), ("-5", 1), ("1000", 50), ("", 20)])
def test_the_limit_is_kept_within_bounds(me, author, limit, count):
    for i in range(55):
        write(author, f"Post {i}")

    response = me.get(FEED, {"limit": limit})

    assert len(ids(response)) == count


@pytest.mark.parametrize(
    ("params", "field"), [({"limit": "ten"}, "limit"), ({"scope": "x"}, "scope")]
)
def test_bad_feed_parameters_answer_400(me, params, field):
    response = me.get(FEED, params)

    assert response.status_code == 400
    assert field in response.json()


def test_the_api_wants_a_signed_in_person(db):
    response = APIClient().get(FEED)

    assert response.status_code == 401


def test_a_token_works_too(author):
    from profiles.services import api_token_issue

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_issue(user=author).key}")

    assert client.get(FEED).status_code == 200


def test_announcements_are_pinned_above_the_first_page_only(communicator, author):
    announcement = write(communicator, "Office closed on Friday", is_announcement=True)
    posts = [write(author, f"Post {i}") for i in range(3)]
    client = client_for(author)

    for scope in ("home", "company"):
        first = client.get(FEED, {"scope": scope, "limit": 2})
        second = client.get(first.json()["next"])

        assert ids(first, "pinned") == [announcement.pk]
        assert announcement.pk not in ids(first) + ids(second)
        assert ids(first) + ids(second) == [p.pk for p in reversed(posts)]
        assert second.json()["pinned"] == []


def test_only_the_five_newest_announcements_are_pinned_and_the_others_read_as_posts(
    communicator, author
):
    announcements = [write(communicator, f"Notice {i}", is_announcement=True) for i in range(7)]
    posts = [write(author, f"Post {i}") for i in range(2)]
    client = client_for(author)

    for scope in ("home", "company"):
        first = client.get(FEED, {"scope": scope, "limit": 3})
        second = client.get(first.json()["next"])

        assert ids(first, "pinned") == [a.pk for a in reversed(announcements[2:])]
        older = [posts[1].pk, posts[0].pk, announcements[1].pk, announcements[0].pk]
        assert ids(first) + ids(second) == older
        assert second.json()["pinned"] == []
        assert first.json()["results"][2]["is_announcement"] is True


def test_every_url_in_a_feed_item_is_the_one_django_reverses(author, public_community):
    odd = UserFactory(username="dewi.ayu+pr@hq", display_name="Dewi Ayu")
    User.objects.filter(pk=odd.pk).update(avatar="avatars/dewi ayu.png")
    join(odd, public_community)
    join(author, public_community)
    post = write(
        odd,
        "Photos",
        community=public_community,
        images=[image_upload()],
        attachments=[image_upload("agenda.png")],
    )
    comment_create(author=odd, target=post, body="First!")
    image, attachment = post.images.get(), post.attachments.get()
    odd.refresh_from_db()

    def absolute(name, **kwargs):
        return "http://testserver" + reverse(name, kwargs=kwargs)

    row = client_for(author).get(FEED).json()["results"][0]

    person = absolute("profiles-api:person-detail", username=odd.username)
    assert row["author"]["url"] == person
    assert row["author"]["avatar_url"] == "http://testserver" + odd.avatar.url
    assert row["community"]["page_url"] == absolute("communities:detail", slug="finance-club")
    assert row["images"][0]["url"] == absolute("feed:post-image", pk=post.pk, image_pk=image.pk)
    assert row["images"][0]["thumbnail_url"] == absolute(
        "feed:post-thumbnail", pk=post.pk, image_pk=image.pk
    )
    assert row["attachments"][0]["url"] == absolute(
        "feed:post-attachment", pk=post.pk, attachment_pk=attachment.pk
    )
    (comment,) = row["latest_comments"]
    assert comment["url"] == absolute("feed-api:comment-detail", pk=comment["id"])
    assert comment["author"] == row["author"]


def test_an_expired_announcement_is_an_ordinary_post(communicator, author):
    announcement = write(communicator, "Old news", is_announcement=True)
    Post.objects.filter(pk=announcement.pk).update(
        announcement_until=timezone.now() - datetime.timedelta(minutes=1)
    )

    response = client_for(author).get(FEED)

    assert ids(response, "pinned") == []
    assert ids(response) == [announcement.pk]


# --- the other timelines ------------------------------------------------------------------


def test_a_community_feed_lists_its_posts_with_its_announcements_on_top(
    author, public_community, outsider
):
    owner = public_community.created_by
    join(author, public_community)
    announcement = write(owner, "Meeting moved", community=public_community, is_announcement=True)
    post = write(author, "In the club", community=public_community)
    write(author, "Not in the club")

    response = client_for(outsider).get("/api/v1/communities/finance-club/feed/")

    assert ids(response, "pinned") == [announcement.pk]
    assert ids(response) == [post.pk]
    assert response.json()["results"][0]["community"]["slug"] == "finance-club"


@pytest.mark.parametrize("kind", ["private", "secret"])
def test_a_closed_community_feed_is_for_its_members_only(author, outsider, kind, request):
    community = request.getfixturevalue(f"{kind}_community")
    join(author, community)
    post = write(author, "Members only", community=community)
    url = f"/api/v1/communities/{community.slug}/feed/"

    member = client_for(author).get(url)
    stranger = client_for(outsider).get(url)

    assert ids(member) == [post.pk]
    if kind == "secret":  # It does not exist for outsiders.
        assert stranger.status_code == 404
        assert stranger.json() == {"detail": "Not found."}
    else:  # Listed in the directory, as in the HTML page: visible, but closed.
        assert stranger.status_code == 403
        assert "members" in stranger.json()["detail"]
        assert "Members only" not in stranger.content.decode()


@pytest.mark.parametrize(
    "path", ["/api/v1/tags/%00/", "/api/v1/tags/%00/posts/", "/api/v1/people/%00/posts/"]
)
def test_a_nul_character_in_a_name_is_not_found_not_500(me, path):
    """PostgreSQL refuses NUL in a string parameter; the lookup must not reach it."""
    assert me.get(path).status_code == 404
    assert me.put("/api/v1/tags/%00/follow/").status_code == 404


def test_a_person_feed_lists_what_they_posted(me, author, colleague):
    theirs = [write(colleague, f"Budi {i}") for i in range(2)]
    write(author, "Mine")

    response = me.get("/api/v1/people/budi/posts/")

    assert ids(response) == [p.pk for p in reversed(theirs)]
    assert me.get("/api/v1/people/nobody/posts/").status_code == 404


def test_a_tag_feed_lists_the_posts_carrying_it(me, author, colleague):
    tagged = write(colleague, "Closing the books #tutup-buku")
    other = write(author, "Also about it", tags=["tutup-buku"])
    write(author, "Not tagged")

    response = me.get("/api/v1/tags/tutup-buku/posts/")

    assert ids(response) == [other.pk, tagged.pk]
    assert me.get("/api/v1/tags/nothing-here/posts/").status_code == 404


def test_the_saved_feed_lists_my_bookmarks_newest_saved_first(me, author, colleague):
    first, second = write(colleague, "One"), write(colleague, "Two")
    bookmark_add(user=author, post=second)
    bookmark_add(user=author, post=first)
    bookmark_add(user=colleague, post=second)

    response = me.get("/api/v1/saved/")

    assert ids(response) == [first.pk, second.pk]
    assert all(row["viewer"]["bookmarked"] for row in response.json()["results"])


def test_following_a_topic_brings_its_posts_home(me, author, colleague):
    post = write(colleague, "Ada info #pajak")

    assert me.get("/api/v1/tags/pajak/").json()["is_followed"] is False
    followed = me.put("/api/v1/tags/pajak/follow/")
    home = me.get(FEED)
    unfollowed = me.delete("/api/v1/tags/pajak/follow/")

    assert followed.status_code == 200
    assert followed.json()["is_followed"] is True
    assert followed.json()["posts_url"].endswith("/api/v1/tags/pajak/posts/")
    assert ids(home) == [post.pk]
    assert unfollowed.status_code == 204
    assert ids(me.get(FEED)) == []


def test_a_topic_used_only_in_a_secret_community_does_not_exist_for_outsiders(
    author, outsider, secret_community
):
    join(author, secret_community)
    write(author, "Codename #falcon", community=secret_community)
    stranger = client_for(outsider)

    assert client_for(author).get("/api/v1/tags/falcon/").status_code == 200
    assert stranger.get("/api/v1/tags/falcon/").status_code == 404
    assert stranger.get("/api/v1/tags/falcon/posts/").status_code == 404
    assert stranger.put("/api/v1/tags/falcon/follow/").status_code == 404


# --- outsiders never see private or secret posts ----------------------------------------


@pytest.mark.parametrize("kind", ["private", "secret"])
def test_outsiders_never_see_closed_community_posts_in_any_feed(
    author, colleague, outsider, kind, request
):
    community = request.getfixturevalue(f"{kind}_community")
    join(author, community)
    join(colleague, community)
    user_follow(follower=outsider, followee=author)
    user_follow(follower=colleague, followee=author)
    write(author, "Public note #rahasia")
    tag_follow(user=outsider, tag=Tag.objects.get(slug="rahasia"))
    closed = write(author, "Members only #rahasia", community=community)
    share = post_share(author=author, original=closed, body="Look at this")
    surfaces = [
        f"{FEED}?scope=home",
        f"{FEED}?scope=company",
        "/api/v1/people/ratna/posts/",
        "/api/v1/tags/rahasia/posts/",
    ]
    stranger, member = client_for(outsider), client_for(colleague)

    for url in surfaces:
        seen = stranger.get(url).content.decode()
        assert "Members only" not in seen, url
        assert community.name not in seen and community.slug not in seen, url
        assert closed.pk not in ids(stranger.get(url)) and share.pk not in ids(stranger.get(url))
    assert {closed.pk, share.pk} <= set(ids(member.get(f"{FEED}?scope=home")))
    assert share.pk in ids(member.get(f"{FEED}?scope=company"))
    assert stranger.get(post_url(closed)).status_code == 404
    assert stranger.get(post_url(share)).status_code == 404


def test_a_share_of_a_deleted_post_shows_the_original_as_unavailable(me, author, colleague):
    original = write(colleague, "Soon gone")
    share = post_share(author=author, original=original)
    post_delete(actor=colleague, post=original)

    response = me.get(post_url(share))

    assert response.status_code == 200
    assert response.json()["shared_post"] == {"unavailable": True}
    assert "Soon gone" not in response.content.decode()


def _api_sees(user, post) -> bool:
    """GET the post through the API as ``user``: True on 200, False on 404 (anonymous: 401);
    anything else (a 403 that would admit the post exists) fails."""
    response = client_for(user if user.is_authenticated else None).get(post_url(post))
    if not user.is_authenticated:
        assert response.status_code == 401, response.status_code
        return False
    assert response.status_code in (200, 404), response.status_code
    if response.status_code == 404:
        assert response.json() == {"detail": "Not found."}
    return response.status_code == 200


def test_the_post_endpoint_follows_the_visibility_rule(db):
    check_placed_content_matrix(
        make=lambda *, author, community: write(author, "Matrix", community=community),
        can_see=_api_sees,
    )


def test_the_feed_follows_the_visibility_rule(db):
    def sees_in_company_or_community_feed(user, post):
        if not user.is_authenticated:
            assert client_for(None).get(FEED).status_code == 401
            return False
        client = client_for(user)
        if post.community is None:
            return post.pk in ids(client.get(FEED, {"scope": "company"}))
        response = client.get(f"/api/v1/communities/{post.community.slug}/feed/")
        assert response.status_code in (200, 403, 404)  # 403: a private community's feed.
        return response.status_code == 200 and post.pk in ids(response)

    check_placed_content_matrix(
        make=lambda *, author, community: write(author, "Matrix", community=community),
        can_see=sees_in_company_or_community_feed,
    )


# --- writing ----------------------------------------------------------------------------


def test_writing_a_post_in_a_community(
    me, author, public_community, django_capture_on_commit_callbacks
):
    join(author, public_community)
    body = {"body": "Hello @budi, see #q3", "community": "finance-club", "tags": ["Budget"]}
    UserFactory(username="budi", display_name="Budi Santoso")

    with django_capture_on_commit_callbacks(execute=True):
        response = me.post(POSTS, body, format="json")

    assert response.status_code == 201, response.content
    data = response.json()
    post = Post.objects.get(pk=data["id"])
    assert post.author == author and post.community == public_community
    assert data["community"]["slug"] == "finance-club"
    assert data["tags"] == ["budget", "q3"]
    assert 'class="mention"' in data["body_html"]
    assert data["viewer"]["can_edit"] is True and data["viewer"]["can_delete"] is True
    assert Event.objects.filter(verb="post.created", object_id=post.pk).exists()


def test_writing_a_post_with_images_and_files(me, author):
    files = {
        "body": "Photos from the outing",
        "images": [image_upload("one.png"), image_upload("two.png", size=(800, 600))],
        "attachments[]": [image_upload("agenda.png")],
        "tags": ["outing", "team"],
    }

    response = me.post(POSTS, files, format="multipart")

    assert response.status_code == 201, response.content
    data = response.json()
    assert [i["width"] for i in data["images"]] == [64, 800]
    assert data["attachments"][0]["name"] == "agenda.png"
    assert data["tags"] == ["outing", "team"]
    image = PostImage.objects.filter(post_id=data["id"]).first()
    assert data["images"][0]["url"].endswith(f"/posts/{data['id']}/images/{image.pk}/")
    assert me.get(data["images"][0]["thumbnail_url"]).status_code == 200
    assert me.get(data["attachments"][0]["url"]).status_code == 200


def test_writing_a_poll_in_json_and_in_multipart(me):
    poll = {"question": "Lunch?", "options": ["Padang", "Sunda"], "allows_multiple": True}

    as_json = me.post(POSTS, {"poll": poll}, format="json")
    as_form = me.post(POSTS, {"body": "Vote!", "poll": json.dumps(poll)}, format="multipart")
    dotted = me.post(
        POSTS,
        {"poll.question": "Lunch?", "poll.options": ["Padang", "Sunda"],
         "poll.allows_multiple": "true", "praise": ""},
        format="multipart",
    )  # fmt: skip

    for response in (as_json, as_form, dotted):
        assert response.status_code == 201, response.content
        data = response.json()
        assert data["kind"] == "poll"
        assert data["poll"]["question"] == "Lunch?"
        assert data["poll"]["allows_multiple"] is True
        assert [o["text"] for o in data["poll"]["options"]] == ["Padang", "Sunda"]
        assert all(o["votes"] is None for o in data["poll"]["options"])
        assert data["poll"]["can_vote"] is True


def test_writing_praise(me, colleague, outsider):
    body = {
        "body": "Thank you for the audit!",
        "praise": {"value": "teamwork", "recipients": ["budi", "eko"]},
    }

    response = me.post(POSTS, body, format="json")

    assert response.status_code == 201, response.content
    praise = response.json()["praise"]
    assert response.json()["kind"] == PostKind.PRAISE
    assert praise["value"] == "teamwork"
    assert sorted(p["username"] for p in praise["recipients"]) == ["budi", "eko"]


def test_communicators_announce_company_wide(communicator, author):
    until = (timezone.now() + datetime.timedelta(days=2)).isoformat()
    body = {"body": "Town hall", "is_announcement": True, "announcement_until": until}

    allowed = client_for(communicator).post(POSTS, body, format="json")
    refused = client_for(author).post(POSTS, body, format="json")

    assert allowed.status_code == 201
    assert allowed.json()["is_announcement"] is True
    assert allowed.json()["is_pinned"] is True
    assert refused.status_code == 403
    assert "Communicators" in refused.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "   "}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"body": "Hi", "colour": "red"}, "colour"),
        ({"body": "Hi", "community": "no-such-place"}, "community"),
        ({"body": "Hi", "tags": "not-a-list"}, "tags"),
        ({"body": "Hi", "poll": {"question": "One?", "options": ["Only"]}}, "poll"),
        ({"body": "Hi", "poll": "not json"}, "poll"),
        ({"body": "Hi", "praise": {"value": "teamwork", "recipients": ["ghost"]}}, "praise"),
        ({"body": "Hi", "praise": {"value": "bravery", "recipients": ["budi"]}}, "praise"),
        ({"body": "Hi", "praise": {"value": "teamwork", "recipients": ["ratna"]}}, "praise"),
        ({"body": "Hi", "is_announcement": True, "announcement_until": "2001-01-01T00:00"}, None),
    ],
)
def test_bad_posts_are_refused_with_field_errors_and_nothing_written(
    me, author, colleague, communicator, body, field
):
    client = client_for(communicator) if body.get("is_announcement") else me

    response = client.post(POSTS, body, format="json")

    assert response.status_code == 400, response.content
    assert (field or "announcement_until") in response.json()
    assert not Post.objects.exists()


def test_a_poll_with_one_option_says_which_part_is_wrong(me):
    response = me.post(
        POSTS, {"poll": {"question": "Lunch?", "options": ["Padang", "padang"]}}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["poll"]
    assert "options" in response.json()["poll"]


def test_eleven_images_are_refused_and_nothing_is_stored(me):
    images = [image_upload(f"p{i}.png") for i in range(11)]

    response = me.post(POSTS, {"body": "Too many", "images": images}, format="multipart")

    assert response.status_code == 400
    assert "images" in response.json()
    assert not Post.objects.exists() and not PostImage.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(me):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("evil.png", b"<script>alert(1)</script>", content_type="image/png")

    response = me.post(POSTS, {"body": "Look", "images": [fake]}, format="multipart")

    assert response.status_code == 400
    assert "images" in response.json()
    assert not Post.objects.exists()


def test_posting_into_a_secret_community_i_am_not_in_looks_like_an_unknown_one(
    me, secret_community, private_community
):
    secret = me.post(POSTS, {"body": "Hi", "community": "merger-room"}, format="json")
    unknown = me.post(POSTS, {"body": "Hi", "community": "no-such-room"}, format="json")
    private = me.post(POSTS, {"body": "Hi", "community": "tax-team"}, format="json")

    assert secret.status_code == unknown.status_code == 400
    assert secret.json()["community"][0].replace("merger-room", "X") == unknown.json()["community"][
        0
    ].replace("no-such-room", "X")
    assert private.status_code == 403
    assert not Post.objects.exists()


def test_posting_in_an_archived_community_is_refused(me, author):
    community = build_community(name="Old Club", slug="old-club")
    join(author, community)
    communities.community_set_archived(
        actor=community.created_by, community=community, archived=True
    )

    response = me.post(POSTS, {"body": "Anyone?", "community": "old-club"}, format="json")

    assert response.status_code == 403
    assert "archived" in response.json()["detail"]


@override_settings(POSTING_RATE_LIMIT=2)
def test_posting_too_fast_answers_429(me):
    codes = [me.post(POSTS, {"body": f"Post {i}"}, format="json").status_code for i in range(3)]

    assert codes == [201, 201, 429]


# --- reading, editing, deleting, restoring ------------------------------------------------


def test_reading_one_post(me, colleague):
    post = write(colleague, "Read me")

    response = me.get(post_url(post))

    assert response.status_code == 200
    assert response.json()["body"] == "Read me"
    assert me.get(f"{POSTS}999999/").status_code == 404


def test_the_author_edits_a_post_and_the_history_keeps_the_old_text(me, author):
    post = write(author, "First version", tags=["draft"])

    response = me.patch(post_url(post), {"body": "Second version"}, format="json")
    history = me.get(post_url(post, "history/"))

    assert response.status_code == 200, response.content
    assert response.json()["body"] == "Second version"
    assert response.json()["edited_at"] is not None
    assert response.json()["tags"] == ["draft"]
    assert history.status_code == 200
    assert history.json()["body"] == "Second version"
    assert [r["body"] for r in history.json()["revisions"]] == ["First version"]
    assert history.json()["revisions"][0]["replaced_by"]["username"] == "ratna"


def test_editing_the_topics_only(me, author):
    post = write(author, "Same words", tags=["old"])

    response = me.patch(post_url(post), {"tags": ["new", "fresh"]}, format="json")

    assert response.status_code == 200
    assert response.json()["tags"] == ["fresh", "new"]
    assert response.json()["body"] == "Same words"


def test_editing_someone_elses_post_is_forbidden(me, colleague):
    post = write(colleague, "Budi's words")

    response = me.patch(post_url(post), {"body": "Hacked"}, format="json")

    assert response.status_code == 403
    assert response.json()["detail"]
    post.refresh_from_db()
    assert post.body == "Budi's words"


def test_editing_to_an_empty_post_is_refused(me, author):
    post = write(author, "Keep me")

    response = me.patch(post_url(post), {"body": "  "}, format="json")

    assert response.status_code == 400
    assert "body" in response.json()
    post.refresh_from_db()
    assert post.body == "Keep me" and not post.revisions.exists()


def test_outsiders_cannot_edit_or_delete_what_they_cannot_see(author, outsider, private_community):
    join(author, private_community)
    post = write(author, "Members only", community=private_community)
    stranger = client_for(outsider)

    assert stranger.patch(post_url(post), {"body": "x"}, format="json").status_code == 404
    assert stranger.delete(post_url(post)).status_code == 404
    assert stranger.get(post_url(post, "history/")).status_code == 404


def test_history_is_for_the_author_and_moderators(colleague, site_moderator, author):
    post = write(author, "v1")
    post_edit(actor=author, post=post, body="v2")

    assert client_for(colleague).get(post_url(post, "history/")).status_code == 403
    assert client_for(site_moderator).get(post_url(post, "history/")).status_code == 200


def test_deleting_a_post_twice_answers_404_the_second_time(me, author):
    post = write(author, "Delete me")

    first = me.delete(post_url(post))
    second = me.delete(post_url(post))

    assert first.status_code == 204
    assert second.status_code == 404
    assert me.get(post_url(post)).status_code == 404


def test_deleting_someone_elses_post_is_forbidden(me, colleague):
    post = write(colleague, "Not yours")

    response = me.delete(post_url(post))

    assert response.status_code == 403
    post.refresh_from_db()
    assert not post.is_deleted


def test_community_moderators_delete_and_restore(author, colleague, public_community):
    join(author, public_community)
    join(colleague, public_community, role=Role.MODERATOR)
    post = write(author, "Off topic", community=public_community)
    moderator = client_for(colleague)

    deleted = moderator.delete(post_url(post))
    author_restore = client_for(author).post(post_url(post, "restore/"))
    restored = moderator.post(post_url(post, "restore/"))
    again = moderator.post(post_url(post, "restore/"))

    assert deleted.status_code == 204
    assert author_restore.status_code == 404
    assert restored.status_code == 200
    assert restored.json()["id"] == post.pk
    assert again.status_code == 400
    assert client_for(author).get(post_url(post)).status_code == 200


def test_a_moderator_sees_the_history_of_a_deleted_post(author, site_moderator):
    post = write(author, "v1")
    post_edit(actor=author, post=post, body="v2")
    post_delete(actor=author, post=post)

    response = client_for(fresh(site_moderator)).get(post_url(post, "history/"))

    assert response.status_code == 200
    assert response.json()["is_deleted"] is True


# --- query counts -----------------------------------------------------------------------


def _busy_feed(reader, n: int, *, start: int = 0):
    """``n`` more posts of every kind around ``reader``: plain, in communities (public and
    private), with images, polls, praise, shares, comments and reactions."""
    people = [UserFactory(username=f"writer{i}") for i in range(4)]
    if start:
        *places, private = Community.objects.filter(slug__startswith="club-").order_by("pk")
    else:
        places = [build_community(name=f"Club {i}", slug=f"club-{i}") for i in range(3)]
        private = build_community(name="Club Inner", slug="club-inner", type="private")
        join(reader, private)
        for person in people:
            user_follow(follower=reader, followee=person)
            for place in [*places, private]:
                join(person, place)
        for place in places:
            join(reader, place)
    for i in range(start, start + n):
        who = people[i % 4]
        where = [None, *places, private][i % 5]
        kind = i % 6
        if kind == 0:
            post = write(who, f"Photo {i}", community=where, images=[image_upload()])
        elif kind == 1:
            post = write(who, f"Poll {i}", community=where,
                         poll={"question": "?", "options": ["a", "b"]})  # fmt: skip
        elif kind == 2:
            post = write(who, f"Kudos {i}", praise={"value": "teamwork", "recipients": [reader]})
        elif kind == 3:
            post = post_share(author=who, original=Post.objects.filter(kind="post").last())
        else:
            post = write(who, f"Post {i} #topic{i % 3}", community=where, tags=["x"])
        for j in range(3):
            comment_create(author=people[(i + j) % 4], target=post, body=f"Comment {j}")
        reaction_set(user=people[(i + 1) % 4], target=post, kind="like")
        reaction_set(user=reader, target=post, kind="funny")
    return fresh(reader)


# A page is a fixed handful of queries (session, user, roles, pinned announcements, the
# timeline's queries, memberships, then the decoration's dozen), whatever its length.
PAGE_QUERIES = 30


def _count(client, url, params) -> tuple[list[int], int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    return ids(response), len(queries)


def test_the_feed_query_count_is_the_same_for_10_and_100_posts_and_20_or_50_a_page(
    author, django_assert_max_num_queries
):
    client = client_for(_busy_feed(author, 10))
    client.get(FEED)  # Content types cached, as in a running server.
    small, small_count = _count(client, FEED, {"limit": 20})
    _busy_feed(author, 90, start=10)
    with django_assert_max_num_queries(PAGE_QUERIES):
        page_20, count_20 = _count(client, FEED, {"limit": 20})
    with django_assert_max_num_queries(PAGE_QUERIES):
        page_50, count_50 = _count(client, FEED, {"limit": 50})
    company, company_count = _count(client, FEED, {"scope": "company", "limit": 50})

    assert (len(small), len(page_20), len(page_50)) == (10, 20, 50)
    assert small_count == count_20 == count_50
    assert company and company_count <= PAGE_QUERIES
    kinds = {row["kind"] for row in client.get(FEED, {"limit": 50}).json()["results"]}
    assert kinds == {"post", "poll", "praise", "share"}


def test_the_home_feed_query_count_does_not_depend_on_what_the_page_holds(author):
    busy = client_for(_busy_feed(author, 30))
    busy.get(FEED)
    _mixed, mixed_count = _count(busy, FEED, {"limit": 20})
    plain_reader = UserFactory(username="plain-reader")
    plain_writer = UserFactory(username="plain-writer")
    user_follow(follower=plain_reader, followee=plain_writer)
    # Like the busy reader, a member of communities (a quiet one here): the same sources.
    join(plain_reader, build_community(name="Quiet Club", slug="quiet-club"))
    for i in range(25):
        write(plain_writer, f"Just words {i}")
    plain = client_for(plain_reader)
    plain.get(FEED)

    only_words, plain_count = _count(plain, FEED, {"limit": 20})

    assert len(only_words) == 20
    kinds = {row["kind"] for row in plain.get(FEED, {"limit": 20}).json()["results"]}
    assert kinds == {"post"}
    # No poll, praise, share, image, comment or community on the page: the same queries.
    assert plain_count == mixed_count


@pytest.mark.parametrize(
    "url", ["/api/v1/saved/", "/api/v1/people/writer1/posts/", "/api/v1/communities/club-1/feed/"]
)
def test_the_other_feeds_query_counts_do_not_grow(author, url, django_assert_max_num_queries):
    def grow(n, start):
        reader = _busy_feed(author, n, start=start)
        for post in Post.objects.filter(author__username="writer1", bookmarks__isnull=True):
            bookmark_add(user=reader, post=post)

    grow(8, 0)
    client = client_for(author)
    client.get(url)
    small, small_count = _count(client, url, {"limit": 50})
    grow(80, 8)
    with django_assert_max_num_queries(PAGE_QUERIES):
        large, large_count = _count(client, url, {"limit": 50})

    assert 0 < len(small) < len(large)
    assert small_count == large_count
