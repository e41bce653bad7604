"""The conversation API around a post: comments and replies, reactions and who reacted,
shares, bookmarks, poll votes and announcements seen."""

import datetime

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from communities import services as communities
from communities.models import Role
from feed.models import Bookmark, Comment, Poll, PollVote, Post, Reaction
from feed.services.conversation import comment_create, comment_delete, reaction_set
from feed.services.posts import post_create, post_share
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.feed.conftest import join

POSTS = "/api/v1/posts/"
COMMENTS = "/api/v1/comments/"


def client_for(person) -> APIClient:
    client = APIClient()
    client.force_login(person)
    return client


def post_url(post, suffix: str = "") -> str:
    return f"{POSTS}{post.pk}/{suffix}"


def comment_url(comment, suffix: str = "") -> str:
    return f"{COMMENTS}{comment.pk}/{suffix}"


def write(author, body="Hello team", **fields):
    return post_create(author=author, body=body, **fields)


@pytest.fixture
def me(author):
    return client_for(author)


@pytest.fixture
def post(colleague):
    return write(colleague, "Quarter closed!")


@pytest.fixture
def closed_post(colleague, private_community):
    """A post in a private community the outsider is not in."""
    join(colleague, private_community)
    return write(colleague, "Members only", community=private_community)


# --- comments ---------------------------------------------------------------------------


def test_commenting_and_replying(me, author, colleague, post):
    comment = me.post(post_url(post, "comments/"), {"body": "Well done **all**"}, format="json")
    reply = client_for(colleague).post(
        post_url(post, "comments/"), {"body": "Thanks!", "parent": comment.json()["id"]}
    )
    listing = me.get(post_url(post, "comments/"))

    assert comment.status_code == 201, comment.content
    assert comment.json()["author"]["username"] == "ratna"
    assert "<strong>all</strong>" in comment.json()["body_html"]
    assert comment.json()["viewer"] == {"reaction": None, "can_edit": True, "can_delete": True}
    assert reply.status_code == 201
    assert reply.json()["parent"] == comment.json()["id"]
    (top,) = listing.json()["results"]
    assert top["reply_count"] == 1
    assert [r["body"] for r in top["replies"]] == ["Thanks!"]
    assert top["replies"][0]["viewer"]["can_edit"] is False
    post.refresh_from_db()
    assert post.comment_count == 2


def test_the_comment_list_can_keep_the_newest_ones(me, author, post):
    for i in range(5):
        comment_create(author=author, target=post, body=f"Comment {i}")

    newest = me.get(post_url(post, "comments/"), {"limit": 2})
    bad = me.get(post_url(post, "comments/"), {"limit": "two"})

    assert [c["body"] for c in newest.json()["results"]] == ["Comment 3", "Comment 4"]
    assert bad.status_code == 400


@pytest.mark.parametrize(("limit", "code", "count"), [("²", 400, 0), (str(10**25), 200, 3)])
def test_an_odd_comment_limit_is_400_or_everything_never_500(me, author, post, limit, code, count):
    for i in range(3):
        comment_create(author=author, target=post, body=f"Comment {i}")

    response = me.get(post_url(post, "comments/"), {"limit": limit})

    assert response.status_code == code
    assert len(response.json().get("results", [])) == count


def test_a_reply_to_a_reply_joins_the_thread(me, colleague, post):
    top = comment_create(author=colleague, target=post, body="Top")
    reply = comment_create(author=colleague, target=post, body="Reply", parent=top)

    response = me.post(post_url(post, "comments/"), {"body": "Deeper", "parent": reply.pk})

    assert response.status_code == 201
    assert response.json()["parent"] == top.pk


def test_the_post_shows_its_latest_two_comments_and_how_many_more(me, author, post):
    for i in range(4):
        comment_create(author=author, target=post, body=f"Comment {i}")

    data = me.get(post_url(post)).json()

    assert [c["body"] for c in data["latest_comments"]] == ["Comment 2", "Comment 3"]
    assert data["more_comment_count"] == 2
    assert data["counts"]["comments"] == 4


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "   "}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({}, "body"),
        ({"body": "Hi", "parent": 999999}, "parent"),
        ({"body": "Hi", "parent": "first"}, "parent"),
        ({"body": "Hi", "colour": "red"}, "colour"),
    ],
)
def test_bad_comments_are_refused(me, post, body, field):
    response = me.post(post_url(post, "comments/"), body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Comment.objects.exists()


def test_a_reply_must_belong_to_the_same_post(me, colleague, post):
    elsewhere = comment_create(author=colleague, target=write(colleague, "Other"), body="There")

    response = me.post(post_url(post, "comments/"), {"body": "Hi", "parent": elsewhere.pk})

    assert response.status_code == 400
    assert "parent" in response.json()


def test_outsiders_cannot_read_or_write_comments_on_posts_they_cannot_see(
    outsider, colleague, closed_post
):
    comment = comment_create(author=colleague, target=closed_post, body="Secret plans")
    stranger = client_for(outsider)

    assert stranger.get(post_url(closed_post, "comments/")).status_code == 404
    assert stranger.post(post_url(closed_post, "comments/"), {"body": "Hi"}).status_code == 404
    assert stranger.get(comment_url(comment)).status_code == 404
    assert stranger.patch(comment_url(comment), {"body": "x"}).status_code == 404
    assert stranger.delete(comment_url(comment)).status_code == 404
    assert stranger.put(comment_url(comment, "reaction/"), {"kind": "like"}).status_code == 404
    assert stranger.get(comment_url(comment, "reactions/")).status_code == 404
    assert Comment.objects.count() == 1 and not Reaction.objects.exists()


def test_the_author_edits_a_comment_and_nobody_else_does(me, author, colleague, post):
    comment = comment_create(author=author, target=post, body="Typo")

    edited = me.patch(comment_url(comment), {"body": "Fixed"}, format="json")
    refused = client_for(colleague).patch(comment_url(comment), {"body": "Mine now"})
    empty = me.patch(comment_url(comment), {"body": ""}, format="json")

    assert edited.status_code == 200
    assert edited.json()["body"] == "Fixed" and edited.json()["edited_at"]
    assert refused.status_code == 403
    assert empty.status_code == 400
    comment.refresh_from_db()
    assert comment.body == "Fixed"


def test_deleting_a_comment_twice_answers_404_the_second_time(me, author, post):
    comment = comment_create(author=author, target=post, body="Oops")

    first = me.delete(comment_url(comment))
    second = me.delete(comment_url(comment))

    assert first.status_code == 204
    assert second.status_code == 404
    post.refresh_from_db()
    assert post.comment_count == 0


def test_deleting_someone_elses_comment_needs_a_moderator(author, colleague, public_community):
    join(author, public_community)
    join(colleague, public_community, role=Role.MODERATOR)
    post = write(author, "In the club", community=public_community)
    mine = comment_create(author=author, target=post, body="Mine")
    moderator_comment = comment_create(author=colleague, target=post, body="Moderator's")

    refused = client_for(author).delete(comment_url(moderator_comment))
    moderated = client_for(colleague).delete(comment_url(mine))

    assert refused.status_code == 403
    assert moderated.status_code == 204


def test_commenting_in_an_archived_community_is_closed(author, public_community):
    join(author, public_community)
    post = write(author, "Before archiving", community=public_community)
    communities.community_set_archived(
        actor=public_community.created_by, community=public_community, archived=True
    )

    response = client_for(author).post(post_url(post, "comments/"), {"body": "Hello?"})
    reaction = client_for(author).put(post_url(post, "reaction/"), {"kind": "like"})

    assert response.status_code == 403
    assert reaction.status_code == 403
    assert response.json()["detail"]


# --- reactions --------------------------------------------------------------------------


def test_reacting_twice_leaves_one_reaction_and_changing_it_replaces_it(me, post):
    url = post_url(post, "reaction/")

    first = me.put(url, {"kind": "like"}, format="json")
    again = me.put(url, {"kind": "like"}, format="json")
    changed = me.put(url, {"kind": "celebrate"}, format="json")

    assert first.status_code == again.status_code == changed.status_code == 200
    assert first.json() == {"kind": "like", "emoji": "👍", "reaction_count": 1}
    assert again.json()["reaction_count"] == 1
    assert changed.json() == {"kind": "celebrate", "emoji": "🎉", "reaction_count": 1}
    assert Reaction.objects.count() == 1
    data = me.get(post_url(post)).json()
    assert data["viewer"]["reaction"] == "celebrate"
    assert data["reaction_summary"] == [{"kind": "celebrate", "emoji": "🎉", "count": 1}]


@pytest.mark.parametrize("body", [{"kind": "love"}, {"kind": ""}, {}, {"kind": "like", "x": 1}])
def test_an_unknown_reaction_is_refused(me, post, body):
    response = me.put(post_url(post, "reaction/"), body, format="json")

    assert response.status_code == 400
    assert not Reaction.objects.exists()


def test_taking_back_a_reaction(me, author, post):
    reaction_set(user=author, target=post, kind="support")

    first = me.delete(post_url(post, "reaction/"))
    second = me.delete(post_url(post, "reaction/"))

    assert first.status_code == second.status_code == 204
    post.refresh_from_db()
    assert post.reaction_count == 0


def test_who_reacted(me, author, colleague, outsider, post):
    reaction_set(user=author, target=post, kind="like")
    reaction_set(user=colleague, target=post, kind="funny")
    reaction_set(user=outsider, target=post, kind="like")

    everyone = me.get(post_url(post, "reactions/"))
    likes = me.get(post_url(post, "reactions/"), {"kind": "like"})
    bad = me.get(post_url(post, "reactions/"), {"kind": "love"})

    assert [r["person"]["username"] for r in everyone.json()["results"]] == ["eko", "budi", "ratna"]
    assert {r["kind"] for r in likes.json()["results"]} == {"like"}
    assert len(likes.json()["results"]) == 2
    assert bad.status_code == 400 and "kind" in bad.json()


def test_reacting_to_a_comment(me, author, colleague, post):
    comment = comment_create(author=colleague, target=post, body="Nice")

    reacted = me.put(comment_url(comment, "reaction/"), {"kind": "insightful"}, format="json")
    who = me.get(comment_url(comment, "reactions/"))
    shown = me.get(post_url(post)).json()["latest_comments"][0]
    alone = me.get(comment_url(comment)).json()
    cleared = me.delete(comment_url(comment, "reaction/"))

    assert reacted.status_code == 200
    assert reacted.json()["reaction_count"] == 1
    assert [r["person"]["username"] for r in who.json()["results"]] == ["ratna"]
    assert shown["viewer"]["reaction"] == alone["viewer"]["reaction"] == "insightful"
    assert cleared.status_code == 204
    comment.refresh_from_db()
    assert comment.reaction_count == 0


def test_reacting_to_a_deleted_comment_answers_404(me, colleague, post):
    comment = comment_create(author=colleague, target=post, body="Gone")
    comment_delete(actor=colleague, comment=comment)

    response = me.put(comment_url(comment, "reaction/"), {"kind": "like"}, format="json")

    assert response.status_code == 404


def test_outsiders_cannot_react_or_see_who_reacted(outsider, colleague, closed_post):
    reaction_set(user=colleague, target=closed_post, kind="like")
    stranger = client_for(outsider)

    assert stranger.put(post_url(closed_post, "reaction/"), {"kind": "like"}).status_code == 404
    assert stranger.delete(post_url(closed_post, "reaction/")).status_code == 404
    assert stranger.get(post_url(closed_post, "reactions/")).status_code == 404
    assert Reaction.objects.count() == 1


# --- shares -----------------------------------------------------------------------------


def test_sharing_a_post_to_my_followers(me, post):
    response = me.post(post_url(post, "share/"), {"body": "Worth reading"}, format="json")

    assert response.status_code == 201, response.content
    data = response.json()
    assert data["kind"] == "share"
    assert data["body"] == "Worth reading"
    assert data["community"] is None
    assert data["shared_post"]["id"] == post.pk
    assert data["shared_post"]["body"] == "Quarter closed!"
    assert data["shared_post"]["author"]["username"] == "budi"
    assert me.get(post_url(post)).json()["counts"]["shares"] == 1


def test_sharing_a_share_shares_its_original(me, colleague, outsider, post):
    share = post_share(author=outsider, original=post)

    response = me.post(post_url(share, "share/"), {}, format="json")

    assert response.status_code == 201
    assert response.json()["shared_post"]["id"] == post.pk


def test_sharing_into_a_community(me, author, post, public_community, private_community):
    join(author, public_community)

    into_club = me.post(post_url(post, "share/"), {"community": "finance-club"}, format="json")
    not_member = me.post(post_url(post, "share/"), {"community": "tax-team"}, format="json")
    secret = me.post(post_url(post, "share/"), {"community": "merger-room"}, format="json")

    assert into_club.status_code == 201
    assert into_club.json()["community"]["slug"] == "finance-club"
    assert not_member.status_code == 403
    assert secret.status_code == 400 and "community" in secret.json()
    assert Post.objects.filter(kind="share").count() == 1


def test_a_share_of_a_private_post_is_only_shown_to_those_who_may_see_the_original(
    colleague, outsider, closed_post
):
    response = client_for(colleague).post(post_url(closed_post, "share/"), {"body": "FYI"})
    share_id = response.json()["id"]
    stranger = client_for(outsider)

    assert response.status_code == 201
    assert stranger.get(f"{POSTS}{share_id}/").status_code == 404
    assert stranger.post(f"{POSTS}{share_id}/share/", {}).status_code == 404
    company = stranger.get("/api/v1/feed/", {"scope": "company"})
    assert share_id not in [row["id"] for row in company.json()["results"]]
    assert stranger.post(post_url(closed_post, "share/"), {}).status_code == 404


# --- bookmarks --------------------------------------------------------------------------


def test_saving_and_forgetting_a_post(me, author, post):
    saved = me.put(post_url(post, "bookmark/"))
    again = me.put(post_url(post, "bookmark/"))
    listed = me.get("/api/v1/saved/")
    forgotten = me.delete(post_url(post, "bookmark/"))
    forgotten_again = me.delete(post_url(post, "bookmark/"))

    assert saved.status_code == again.status_code == 200
    assert saved.json() == {"post": post.pk, "bookmarked": True}
    assert [row["id"] for row in listed.json()["results"]] == [post.pk]
    assert forgotten.status_code == forgotten_again.status_code == 204
    assert not Bookmark.objects.exists()
    assert me.get("/api/v1/saved/").json()["results"] == []


def test_outsiders_cannot_save_what_they_cannot_see(outsider, closed_post):
    response = client_for(outsider).put(post_url(closed_post, "bookmark/"))

    assert response.status_code == 404
    assert not Bookmark.objects.exists()


def test_a_saved_post_that_became_private_leaves_the_saved_list(me, author, colleague):
    community = build_community(name="Open Club", slug="open-club")
    join(colleague, community)
    post = write(colleague, "Was public", community=community)
    me.put(post_url(post, "bookmark/"))

    communities.community_update(actor=community.created_by, community=community, type="private")

    assert me.get("/api/v1/saved/").json()["results"] == []


# --- polls ------------------------------------------------------------------------------


@pytest.fixture
def poll_post(colleague):
    return write(
        colleague,
        "Team lunch",
        poll={"question": "Where?", "options": ["Padang", "Sunda", "Bakso"]},
    )


def option_ids(client, post) -> list[int]:
    return [o["id"] for o in client.get(post_url(post)).json()["poll"]["options"]]


def test_voting_shows_the_results(me, colleague, outsider, poll_post):
    padang, sunda, _bakso = option_ids(me, poll_post)
    client_for(outsider).post(post_url(poll_post, "poll/vote/"), {"options": [sunda]}, "json")

    before = me.get(post_url(poll_post)).json()["poll"]
    response = me.post(post_url(poll_post, "poll/vote/"), {"options": [padang]}, format="json")

    assert all(o["votes"] is None for o in before["options"])
    assert before["voter_count"] is None and before["can_vote"] is True
    assert response.status_code == 200, response.content
    poll = response.json()["poll"]
    assert poll["show_results"] is True and poll["can_vote"] is False
    assert poll["viewer_votes"] == [padang]
    assert [o["votes"] for o in poll["options"]] == [1, 1, 0]
    assert poll["voter_count"] == 2


def test_voting_twice_is_refused(me, poll_post):
    padang, sunda, _ = option_ids(me, poll_post)
    me.post(post_url(poll_post, "poll/vote/"), {"options": [padang]}, format="json")

    response = me.post(post_url(poll_post, "poll/vote/"), {"options": [sunda]}, format="json")

    assert response.status_code == 400
    assert "options" in response.json()
    assert PollVote.objects.count() == 1


@pytest.mark.parametrize("choice", ["two", "unknown", "none", "text"])
def test_bad_votes_are_refused(me, poll_post, colleague, choice):
    padang, sunda, _ = option_ids(me, poll_post)
    other_poll = write(colleague, "", poll={"question": "?", "options": ["a", "b"]})
    options = {
        "two": [padang, sunda],  # The poll takes one answer.
        "unknown": [option_ids(me, other_poll)[0]],
        "none": [],
        "text": ["Padang"],
    }[choice]

    response = me.post(post_url(poll_post, "poll/vote/"), {"options": options}, format="json")

    assert response.status_code == 400
    assert "options" in response.json()
    assert not PollVote.objects.exists()


def test_a_multiple_choice_poll_takes_several_answers(me, colleague):
    post = write(colleague, "", poll={"question": "Days?", "options": ["Mon", "Tue", "Wed"],
                                      "allows_multiple": True})  # fmt: skip
    mon, _tue, wed = option_ids(me, post)

    response = me.post(post_url(post, "poll/vote/"), {"options": [mon, wed]}, format="json")

    assert response.status_code == 200
    assert response.json()["poll"]["viewer_votes"] == sorted([mon, wed])


def test_a_closed_poll_shows_results_and_takes_no_votes(me, poll_post):
    padang, *_ = option_ids(me, poll_post)
    # Polls close as time passes; no service closes them, so move the clock on for this one.
    Poll.objects.filter(pk=poll_post.poll.pk).update(
        closes_at=poll_post.created_at - datetime.timedelta(seconds=1)
    )

    shown = me.get(post_url(poll_post)).json()["poll"]
    response = me.post(post_url(poll_post, "poll/vote/"), {"options": [padang]}, format="json")

    assert shown["is_closed"] is True and shown["show_results"] is True
    assert response.status_code == 403


def test_voting_on_a_post_without_a_poll_answers_404(me, post):
    response = me.post(post_url(post, "poll/vote/"), {"options": [1]}, format="json")

    assert response.status_code == 404


def test_outsiders_cannot_vote(outsider, colleague, private_community):
    join(colleague, private_community)
    post = write(colleague, "", community=private_community,
                 poll={"question": "?", "options": ["a", "b"]})  # fmt: skip
    option = post.poll.options.first()

    response = client_for(outsider).post(
        post_url(post, "poll/vote/"), {"options": [option.pk]}, format="json"
    )

    assert response.status_code == 404
    assert not PollVote.objects.exists()


# --- announcements ----------------------------------------------------------------------


def test_marking_an_announcement_seen_counts_me_once(me, communicator):
    announcement = write(communicator, "New office hours", is_announcement=True)

    first = me.post(post_url(announcement, "seen/"))
    second = me.post(post_url(announcement, "seen/"))

    assert first.json() == {"post": announcement.pk, "first_time": True, "seen_count": 1}
    assert second.json() == {"post": announcement.pk, "first_time": False, "seen_count": 1}
    assert me.get(post_url(announcement)).json()["seen_count"] == 1


def test_an_ordinary_post_cannot_be_marked_seen(me, post):
    response = me.post(post_url(post, "seen/"))

    assert response.status_code == 400
    assert response.json() == {"detail": "This post is not an announcement."}


def test_outsiders_cannot_mark_a_closed_community_announcement_seen(
    outsider, colleague, private_community
):
    join(colleague, private_community, role=Role.ADMIN)
    announcement = write(colleague, "Members: meeting", community=private_community,
                         is_announcement=True)  # fmt: skip

    response = client_for(outsider).post(post_url(announcement, "seen/"))

    assert response.status_code == 404
    announcement.refresh_from_db()
    assert announcement.seen_count == 0


def test_community_admins_announce_in_their_community(author, colleague, public_community):
    join(author, public_community, role=Role.ADMIN)
    join(colleague, public_community)
    body = {"body": "Club meeting", "community": "finance-club", "is_announcement": True}

    allowed = client_for(author).post(POSTS, body, format="json")
    refused = client_for(colleague).post(POSTS, body, format="json")

    assert allowed.status_code == 201 and allowed.json()["is_pinned"] is True
    assert refused.status_code == 403


# --- query counts -----------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 100])
def test_the_comment_list_takes_the_same_queries_for_10_and_100(
    me, author, colleague, post, count, django_assert_max_num_queries
):
    for number in range(count):
        person = UserFactory(username=f"talker{number}")
        comment = comment_create(author=person, target=post, body=f"Comment {number}")
        if number % 3 == 0:
            comment_create(author=colleague, target=post, body="Reply", parent=comment)
            reaction_set(user=author, target=comment, kind="like")

    with django_assert_max_num_queries(7):
        response = me.get(post_url(post, "comments/"))

    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [10, 100])
def test_who_reacted_takes_the_same_queries_for_10_and_100(
    me, colleague, post, count, django_assert_max_num_queries
):
    comment = comment_create(author=colleague, target=post, body="Popular")
    for number in range(count):
        person = UserFactory(username=f"fan{number}")
        reaction_set(user=person, target=post, kind="like")
        reaction_set(user=person, target=comment, kind="celebrate")

    with django_assert_max_num_queries(5):
        on_post = me.get(post_url(post, "reactions/"))
    with django_assert_max_num_queries(5):
        on_comment = me.get(comment_url(comment, "reactions/"))

    assert len(on_post.json()["results"]) == len(on_comment.json()["results"]) == count


@override_settings(POSTING_RATE_LIMIT=2)
def test_commenting_too_fast_answers_429_and_writes_nothing(me, post):
    codes = [
        me.post(post_url(post, "comments/"), {"body": f"Hi {n}"}, format="json").status_code
        for n in range(3)
    ]

    assert codes == [201, 201, 429]
    assert Comment.objects.count() == 2


def test_the_api_wants_the_csrf_token_with_a_session(author, post):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(author)

    response = client.post(post_url(post, "comments/"), {"body": "Hi"}, format="json")

    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert not Comment.objects.exists()
