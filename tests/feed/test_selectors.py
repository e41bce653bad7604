"""Reading the feed (feed.selectors): who sees what in each timeline, what the home feed is
made of, keyset pagination, and the decoration of post cards in a constant number of queries.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from communities.models import CommunityType, Role
from communities.services import community_leave
from feed import selectors
from feed.models import Post
from feed.services.conversation import (
    bookmark_add,
    comment_create,
    comment_delete,
    reaction_set,
)
from feed.services.polls import poll_vote
from feed.services.posts import post_create, post_delete, post_share
from profiles.services import user_follow
from tags.services import tag_follow
from tests.communities.conftest import build_community
from tests.communities.matrix import MEMBERS, check_placed_content_matrix
from tests.factories import UserFactory
from tests.feed.conftest import fresh, in_group, join

pytestmark = pytest.mark.django_db


def ids(page) -> list[int]:
    return [post.pk for post in page.items]


def make_post(*, author, community, body="Matrix post #matrix"):
    return post_create(author=author, community=community, body=body)


def placed_feed(user, post):
    """The feed where ``post`` belongs by its placement: its community's, or the company's."""
    if post.community_id:
        return selectors.feed_community(user, post.community, limit=100)
    return selectors.feed_company(user, limit=100)


# --- who sees what ------------------------------------------------------------------------


def test_company_and_community_feeds_show_only_what_the_viewer_may_see(db):
    check_placed_content_matrix(
        make=make_post, can_see=lambda user, post: post.pk in ids(placed_feed(user, post))
    )


def test_the_tag_feed_shows_only_what_the_viewer_may_see(db):
    def can_see(user, post):
        tag = Tag.objects.get(slug="matrix")
        return post.pk in ids(selectors.feed_tag(user, tag, limit=100))

    check_placed_content_matrix(make=make_post, can_see=can_see)


def test_the_profile_feed_shows_only_what_the_viewer_may_see(db):
    def can_see(user, post):
        return post.pk in ids(selectors.feed_profile(user, post.author, limit=100))

    check_placed_content_matrix(make=make_post, can_see=can_see)


def test_the_home_feed_holds_community_posts_for_members_and_company_posts_for_the_author(db):
    """Home is not "everything visible": a community's posts reach its active members, a
    company-wide post its author (and followers, tested below); never the invited, those who
    asked to join, or outsiders, whatever they may otherwise read."""

    def expected(role, placement):
        if placement == "company":
            return role == "owner"
        return role in MEMBERS

    check_placed_content_matrix(
        make=make_post,
        can_see=lambda user, post: post.pk in ids(selectors.feed_home(user, limit=100)),
        expected=expected,
    )


def test_a_share_of_private_content_is_only_in_the_feeds_of_those_who_may_see_the_original(
    author, colleague, outsider, private_community
):
    join(author, private_community)
    join(colleague, private_community)
    original = post_create(author=author, community=private_community, body="Tax figures")
    share = post_share(author=colleague, original=original, body="Worth a read")
    user_follow(follower=outsider, followee=colleague)

    assert share.pk in ids(selectors.feed_company(fresh(author)))
    assert share.pk not in ids(selectors.feed_company(fresh(outsider)))
    assert share.pk not in ids(selectors.feed_home(fresh(outsider)))
    assert share.pk not in ids(selectors.feed_profile(fresh(outsider), colleague))


def test_deleted_and_hidden_posts_leave_every_feed(author, colleague):
    user_follow(follower=colleague, followee=author)
    post = post_create(author=author, body="Oops #typo")
    post_delete(actor=author, post=post)
    tag = Tag.objects.get(slug="typo")

    for page in (
        selectors.feed_home(colleague),
        selectors.feed_company(colleague),
        selectors.feed_profile(colleague, author),
        selectors.feed_tag(colleague, tag),
    ):
        assert post.pk not in ids(page)


# --- what home is made of ----------------------------------------------------------------


def test_home_holds_mine_followed_people_my_communities_followed_tags_and_announcements(
    author, colleague, communicator, public_community, private_community
):
    me = UserFactory(username="dewi")
    stranger = UserFactory(username="stranger")
    join(me, private_community)
    join(stranger, public_community)
    join(colleague, private_community)
    user_follow(follower=me, followee=colleague)
    tag_follow(user=me, tag=post_create(author=stranger, body="#budget talk").tags.get())

    mine = post_create(author=me, body="My own")
    followed = post_create(author=colleague, body="From someone I follow")
    in_my_community = post_create(author=colleague, community=private_community, body="Team")
    tagged = post_create(author=stranger, community=public_community, body="About #budget")
    announcement = post_create(author=communicator, body="Office closed", is_announcement=True)
    not_followed = post_create(author=stranger, body="Company-wide, not followed")
    other_community = post_create(author=stranger, community=public_community, body="Not mine")

    home = ids(selectors.feed_home(fresh(me), limit=100))

    for wanted in (mine, followed, in_my_community, tagged, announcement):
        assert wanted.pk in home
    assert not_followed.pk not in home
    assert other_community.pk not in home


def test_a_person_who_left_a_private_community_no_longer_gets_its_posts(
    author, colleague, private_community
):
    join(author, private_community)
    join(colleague, private_community)
    post = post_create(author=author, community=private_community, body="Internal")
    assert post.pk in ids(selectors.feed_home(fresh(colleague)))

    community_leave(user=colleague, community=private_community)

    assert post.pk not in ids(selectors.feed_home(fresh(colleague)))


def test_home_is_newest_first_without_duplicates_when_sources_overlap(
    author, colleague, public_community
):
    join(colleague, public_community)
    join(author, public_community)
    user_follow(follower=colleague, followee=author)
    tag_follow(user=colleague, tag=post_create(author=author, body="#ops").tags.get())
    posts = [
        post_create(author=author, community=public_community, body=f"#ops {n}") for n in range(5)
    ]

    home = ids(selectors.feed_home(fresh(colleague), limit=100))

    assert home[:5] == [p.pk for p in reversed(posts)]
    assert len(home) == len(set(home))


# --- keyset pagination ---------------------------------------------------------------------


def _walk(fetch, *, limit):
    seen, cursor, pages = [], None, 0
    while True:
        page = fetch(before=cursor, limit=limit)
        seen.extend(ids(page))
        pages += 1
        if page.next_cursor is None:
            return seen, pages
        cursor = page.next_cursor


@pytest.mark.parametrize("feed", ["home", "company", "profile", "tag"])
def test_keyset_pages_cover_the_feed_once_without_gaps(author, feed):
    posts = [post_create(author=author, body=f"Post {n} #paged") for n in range(23)]
    # Several posts in the same instant: the id breaks the tie.
    same = timezone.now() - timedelta(hours=1)
    Post.objects.filter(pk__in=[p.pk for p in posts[5:12]]).update(created_at=same)
    expected = list(
        Post.objects.filter(pk__in=[p.pk for p in posts])
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)
    )
    tag = Tag.objects.get(slug="paged")
    fetchers = {
        "home": lambda **kw: selectors.feed_home(author, **kw),
        "company": lambda **kw: selectors.feed_company(author, **kw),
        "profile": lambda **kw: selectors.feed_profile(author, author, **kw),
        "tag": lambda **kw: selectors.feed_tag(author, tag, **kw),
    }

    seen, pages = _walk(fetchers[feed], limit=5)

    assert seen == expected
    assert pages == 5


def test_newer_items_come_in_batches_without_gaps(author):
    first = post_create(author=author, body="Already on the page")
    page = selectors.feed_company(author)
    newer = [post_create(author=author, body=f"New {n}") for n in range(7)]

    got, cursor = [], page.newest_cursor
    for _ in range(3):
        batch = selectors.feed_company(author, after=cursor, limit=3)
        got = ids(batch) + got
        cursor = batch.newest_cursor
        assert batch.next_cursor is None

    assert got == [p.pk for p in reversed(newer)]
    assert first.pk not in got
    assert ids(selectors.feed_company(author, after=cursor)) == []


@pytest.mark.parametrize(
    "cursor", ["", "garbage", "!!!", "MjAyNC0wMS0wMXx4", "bm90LWEtZGF0ZXwx", "x" * 500, None]
)
def test_a_bad_cursor_gives_the_first_page(author, cursor):
    posts = [post_create(author=author, body=f"Post {n}") for n in range(3)]

    assert selectors.decode_cursor(cursor) is None
    assert ids(selectors.feed_home(author, before=cursor)) == [p.pk for p in reversed(posts)]
    assert ids(selectors.feed_company(author, after=cursor)) == [p.pk for p in reversed(posts)]


def test_a_cursor_without_a_time_zone_is_read_as_utc(author):
    # "2024-01-01T10:00:00|1", naive
    assert selectors.decode_cursor("MjAyNC0wMS0wMVQxMDowMDowMHwx") == (
        datetime(2024, 1, 1, 10, tzinfo=UTC),
        1,
    )
    assert ids(selectors.feed_home(author, before="MjAyNC0wMS0wMVQxMDowMDowMHwx")) == []


@pytest.mark.parametrize(
    "cursor",
    # "0001-01-01T00:00:00+14:00|1" and "9999-12-31T23:59:59-14:00|1": past the calendar in UTC
    ["MDAwMS0wMS0wMVQwMDowMDowMCsxNDowMHwx", "OTk5OS0xMi0zMVQyMzo1OTo1OS0xNDowMHwx"],
)
def test_a_cursor_beyond_the_calendar_is_a_bad_cursor(author, cursor):
    post = post_create(author=author, body="Hello")

    assert selectors.decode_cursor(cursor) is None
    assert ids(selectors.feed_home(author, before=cursor)) == [post.pk]
    assert ids(selectors.feed_company(author, after=cursor)) == [post.pk]


def test_a_cursor_round_trips(author):
    post = post_create(author=author, body="Hello")

    assert selectors.decode_cursor(selectors.encode_cursor(post)) == (post.created_at, post.pk)


def test_saved_posts_page_by_when_they_were_saved(author, colleague):
    posts = [post_create(author=author, body=f"Post {n}") for n in range(5)]
    for post in (posts[3], posts[0], posts[4], posts[1]):
        bookmark_add(user=colleague, post=post)

    first = selectors.feed_saved(colleague, limit=3)
    rest = selectors.feed_saved(colleague, before=first.next_cursor, limit=3)

    assert ids(first) == [posts[1].pk, posts[4].pk, posts[0].pk]
    assert ids(rest) == [posts[3].pk]
    assert rest.next_cursor is None


def test_saved_posts_one_can_no_longer_see_drop_out(author, colleague, private_community):
    join(author, private_community)
    join(colleague, private_community)
    post = post_create(author=author, community=private_community, body="Internal")
    bookmark_add(user=colleague, post=post)

    community_leave(user=colleague, community=private_community)

    assert ids(selectors.feed_saved(fresh(colleague))) == []


# --- pinned announcements --------------------------------------------------------------------


def test_announcements_are_pinned_where_they_belong_until_they_expire(
    communicator, colleague, public_community
):
    owner = public_community.created_by
    join(colleague, public_community)
    company = post_create(author=communicator, body="All hands", is_announcement=True)
    community = post_create(
        author=owner, community=public_community, body="Team day", is_announcement=True
    )
    expired = post_create(
        author=communicator,
        body="Old news",
        is_announcement=True,
        announcement_until=timezone.now() + timedelta(minutes=1),
    )
    Post.objects.filter(pk=expired.pk).update(announcement_until=timezone.now())
    outsider = UserFactory(username="outside")

    def pinned(user, **kw):
        return selectors.announcements_pinned(user, **kw)

    assert pinned(colleague, scope="home") == [community.pk, company.pk]
    assert pinned(outsider, scope="home") == [company.pk]
    assert pinned(outsider, scope="company") == [company.pk]
    assert pinned(outsider, scope="community", community=public_community) == [community.pk]
    assert pinned(outsider, scope="community") == []


def test_a_feed_leaves_out_the_pinned_posts_it_is_told_to(communicator):
    pinned = post_create(author=communicator, body="All hands", is_announcement=True)
    normal = post_create(author=communicator, body="Hello")

    assert ids(selectors.feed_company(communicator, exclude=[pinned.pk])) == [normal.pk]
    assert ids(selectors.feed_home(communicator, exclude=[pinned.pk])) == [normal.pk]


# --- decoration ---------------------------------------------------------------------------------


def test_decoration_sets_what_a_card_shows(author, colleague):
    post = post_create(author=author, body="Hello team #news")
    for n in range(4):
        comment_create(author=colleague, target=post, body=f"Comment {n}")
    gone = comment_create(author=colleague, target=post, body="Deleted one")
    comment_delete(actor=colleague, comment=gone)
    reaction_set(user=colleague, target=post, kind="celebrate")
    reaction_set(user=author, target=post, kind="celebrate")
    third = UserFactory(username="third")
    reaction_set(user=third, target=post, kind="like")
    bookmark_add(user=colleague, post=post)

    (card,) = selectors.posts_decorate([Post.objects.get(pk=post.pk)], colleague)

    assert card.viewer_reaction == "celebrate"
    assert [(kind, count) for kind, _emoji, count in card.reaction_summary] == [
        ("celebrate", 2),
        ("like", 1),
    ]
    assert [c.body for c in card.latest_comments] == ["Comment 2", "Comment 3"]
    assert card.more_comment_count == 2
    assert card.viewer_bookmarked is True
    assert [t.name for t in card.tag_list] == ["news"]
    assert card.viewer_can_comment is True
    assert card.viewer_can_edit is False and card.viewer_can_delete is False

    (own,) = selectors.posts_decorate([Post.objects.get(pk=post.pk)], author)
    assert own.viewer_can_edit is True and own.viewer_can_delete is True
    assert own.viewer_bookmarked is False


def test_decoration_of_polls_praise_and_shares(author, colleague):
    poll = post_create(
        author=author,
        body="Lunch?",
        poll={"question": "Where?", "options": ["Warung", "Canteen"], "allows_multiple": False},
    )
    option = poll.poll.options.first()
    poll_vote(user=colleague, poll=poll.poll, option_ids=[option.pk])
    praise = post_create(
        author=author, body="Thanks!", praise={"value": "teamwork", "recipients": [colleague]}
    )
    share = post_share(author=colleague, original=praise, body="Well deserved")
    gone = post_create(author=author, body="Soon deleted")
    orphan = post_share(author=colleague, original=gone)
    post_delete(actor=author, post=gone)

    cards = selectors.posts_decorate(
        list(selectors.posts_visible(colleague).filter(pk__in=[poll.pk, share.pk, orphan.pk])),
        colleague,
    )
    by_pk = {card.pk: card for card in cards}

    assert by_pk[poll.pk].viewer_votes == {option.pk}
    assert by_pk[share.pk].original_visible is True
    assert by_pk[share.pk].shared_post.praise_recipients == [colleague]
    assert by_pk[orphan.pk].original_visible is False


@pytest.mark.parametrize("count", [10, 100])
def test_decoration_takes_the_same_number_of_queries_for_10_and_100_posts(
    author, colleague, public_community, count, django_assert_max_num_queries
):
    join(author, public_community)
    posts = []
    for n in range(count):
        community = public_community if n % 2 else None
        post = post_create(author=author, community=community, body=f"Post {n} #q")
        if n % 3 == 0:
            comment_create(author=colleague, target=post, body="Nice")
            reaction_set(user=colleague, target=post, kind="like")
        posts.append(post)
    post_share(author=colleague, original=posts[0])
    viewer = fresh(UserFactory(username="viewer"))
    user_follow(follower=viewer, followee=author)
    user_follow(follower=viewer, followee=colleague)

    with django_assert_max_num_queries(22):
        page = selectors.feed_home(viewer, limit=count)
        cards = selectors.posts_decorate(page.items, viewer)
        for card in cards:
            list(card.latest_comments)
            card.author.name, getattr(card.community, "name", None)

    assert len(cards) == count


# --- the conversation -------------------------------------------------------------------------


def test_comments_come_oldest_first_with_their_replies_and_not_for_outsiders(
    author, colleague, private_community
):
    join(author, private_community)
    join(colleague, private_community)
    post = post_create(author=author, community=private_community, body="Question")
    first = comment_create(author=colleague, target=post, body="First")
    second = comment_create(author=author, target=post, body="Second")
    reply = comment_create(author=author, target=post, body="Reply", parent=first)
    gone = comment_create(author=colleague, target=post, body="Gone", parent=first)
    comment_delete(actor=colleague, comment=gone)
    reaction_set(user=colleague, target=reply, kind="support")

    comments = selectors.comments_for(fresh(colleague), post)

    assert comments == [first, second]
    assert comments[0].reply_list == [reply]
    assert comments[0].reply_list[0].viewer_reaction == "support"
    assert selectors.comments_for(UserFactory(username="outside"), post) == []


def test_who_reacted_filters_by_kind_and_hides_from_outsiders(author, colleague, secret_community):
    join(author, secret_community)
    join(colleague, secret_community)
    post = post_create(author=author, community=secret_community, body="Secret")
    reaction_set(user=colleague, target=post, kind="like")
    reaction_set(user=author, target=post, kind="funny")

    assert {r.user for r in selectors.reactions_who(fresh(author), post)} == {author, colleague}
    assert [r.user for r in selectors.reactions_who(author, post, kind="funny")] == [author]
    assert selectors.reactions_who(UserFactory(username="outside"), post) == []


def test_site_moderators_read_every_feed_but_home_stays_theirs(
    author, secret_community, site_moderator
):
    join(author, secret_community)
    post = post_create(author=author, community=secret_community, body="Secret")

    assert post.pk in ids(selectors.feed_community(site_moderator, secret_community))
    assert post.pk not in ids(selectors.feed_home(site_moderator))


def test_a_community_moderator_may_delete_in_their_community_only(
    author, colleague, public_community
):
    join(author, public_community)
    join(colleague, public_community, role=Role.MODERATOR)
    inside = post_create(author=author, community=public_community, body="Inside")
    outside = post_create(author=author, body="Company-wide")

    cards = selectors.posts_decorate([inside, outside], fresh(colleague))

    assert [card.viewer_can_delete for card in cards] == [True, False]


def test_nobody_signed_out_gets_anything(author):
    from django.contrib.auth.models import AnonymousUser

    post_create(author=author, body="Hello", is_announcement=False)
    anonymous = AnonymousUser()

    assert ids(selectors.feed_home(anonymous)) == []
    assert ids(selectors.feed_company(anonymous)) == []
    assert ids(selectors.feed_saved(anonymous)) == []
    assert selectors.announcements_pinned(anonymous) == []


def test_an_archived_community_keeps_its_posts_readable_but_closed(author, colleague):
    community = build_community(name="Old Team", type=CommunityType.PUBLIC)
    join(author, community)
    post = post_create(author=author, community=community, body="Before archiving")
    from communities.services import community_set_archived

    community_set_archived(actor=community.created_by, community=community, archived=True)

    (card,) = selectors.posts_decorate(
        selectors.feed_community(fresh(colleague), community).items, colleague
    )
    assert card.pk == post.pk
    assert card.viewer_can_comment is False


def test_communicators_group_membership_does_not_widen_visibility(communicator, secret_community):
    owner = secret_community.created_by
    post = post_create(author=owner, community=secret_community, body="Secret")

    assert post.pk not in ids(
        selectors.feed_community(in_group(communicator, "Leaders"), post.community)
    )
