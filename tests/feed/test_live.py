"""Live delivery of the feed over ``/ws/live/``: who hears about a post, and what they hear.

The socket tests drive the real ASGI application with ``WebsocketCommunicator`` (as in
``tests/core/test_consumers.py``): on the in-memory channel layer by default, and on Redis
for the tests marked ``redis`` (the PostgreSQL + Redis run). The consumer reads the session
in another thread, and delivery runs after commit, hence transactional tests throughout.
"""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

from communities.models import CommunityType
from core import events, live
from core.consumers import CLOSE_UNAUTHENTICATED
from esn.asgi import application
from feed import live as feed_live
from feed.selectors import feed_home
from feed.services.conversation import comment_create, reaction_clear, reaction_set
from feed.services.posts import post_create, post_delete, post_share
from profiles.models import User
from profiles.roles import COMMUNICATORS, MODERATORS
from profiles.services import user_follow
from tags.services import tag_follow
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.feed.conftest import fresh, join

pytestmark = pytest.mark.django_db(transaction=True)

QUIET = 0.4  # Seconds of silence that count as "received nothing".


# --- sockets ------------------------------------------------------------------------------


def socket_for(user, *, language: str | None = None):
    """An open-able ``/ws/live/`` socket carrying ``user``'s session cookie."""
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    if language:
        cookie += f"; {settings.LANGUAGE_COOKIE_NAME}={language}"
    headers = [(b"origin", b"http://testserver"), (b"cookie", cookie.encode())]
    return WebsocketCommunicator(application, "/ws/live/", headers=headers)


async def drain(socket) -> list:
    """Every message waiting on ``socket`` (JSON decoded, HTML as text)."""
    messages = []
    while not await socket.receive_nothing(timeout=QUIET):
        text = await socket.receive_from(timeout=5)
        messages.append(json.loads(text) if text.startswith("{") else text)
    return messages


def feeds_heard(messages, post) -> set:
    """The feed keys the ``post.new`` messages about ``post`` named, together."""
    return {
        key
        for m in messages
        if isinstance(m, dict) and m["type"] == "post.new" and m["post"] == post.pk
        for key in m["feeds"]
    }


def listen(people, action):
    """Open a socket for each of ``people``, run ``action()`` (sync, in a thread, as a
    request would), and return ``(result, messages per person)``."""

    sockets = [socket_for(person) for person in people]

    async def scenario():
        for socket in sockets:
            connected, _code = await socket.connect()
            assert connected
        result = await sync_to_async(action)()
        # Side by side: each socket still needs QUIET seconds of silence, but not in turn.
        heard = list(await asyncio.gather(*(drain(socket) for socket in sockets)))
        for socket in sockets:
            await socket.disconnect()
        return result, heard

    return async_to_sync(scenario)()


@pytest.fixture(autouse=True)
def only_live_feed_subscribers(monkeypatch):
    """Only the feed's live subscribers run: other apps' live messages (a notification
    badge...) would make "received nothing" ambiguous."""
    from collections import defaultdict

    from feed import subscribers

    registry = defaultdict(list)
    for name, handlers in subscribers.SUBSCRIPTIONS.items():
        registry[name].extend(handlers)
    monkeypatch.setattr(events, "_subscribers", registry)


# --- people and places --------------------------------------------------------------------


@pytest.fixture
def ratna(transactional_db):
    return UserFactory(username="ratna", display_name="Ratna Sari")


@pytest.fixture
def budi(transactional_db):
    """Follows Ratna."""
    person = UserFactory(username="budi", display_name="Budi Santoso")
    return person


@pytest.fixture
def eko(transactional_db):
    """An employee who follows nobody and belongs to nothing."""
    return UserFactory(username="eko", display_name="Eko Prasetyo")


@pytest.fixture
def following(ratna, budi):
    user_follow(follower=budi, followee=ratna)
    return budi


@pytest.fixture
def tax_team(ratna):
    """A private community Ratna belongs to (she created it)."""
    return build_community(creator=ratna, name="Tax Team", slug="tax-team",
                           type=CommunityType.PRIVATE)  # fmt: skip


@pytest.fixture
def merger_room(ratna):
    return build_community(creator=ratna, name="Merger Room", slug="merger-room",
                           type=CommunityType.SECRET)  # fmt: skip


def with_role(person, role: str):
    """``person`` in a site role (the transactional tests flush the migrated groups)."""
    person.groups.add(Group.objects.get_or_create(name=role)[0])
    return fresh(person)


@pytest.fixture
def site_moderator(transactional_db):
    return with_role(UserFactory(username="sitemod", display_name="Sita Moderator"), MODERATORS)


@pytest.fixture(params=["by name", "by broadcast"])
def naming(request, monkeypatch):
    """Restricted audiences both ways: each member's own group, or one broadcast naming them."""
    monkeypatch.setattr(feed_live, "BY_NAME_LIMIT", 10_000 if request.param == "by name" else 0)
    return request.param


# --- post.new over the socket -------------------------------------------------------------


def test_a_follower_hears_of_a_new_post_on_their_home_feed(ratna, following):
    post, (heard,) = listen([following], lambda: post_create(author=ratna, body="Hi #budget"))

    assert feeds_heard(heard, post) == {"home", "company", f"profile-{ratna.pk}", "tag-budget"}
    # Only ids travel: the browser fetches the post over HTTP, where the view checks again.
    assert all(set(m) == {"type", "post", "feeds"} for m in heard)


def test_a_colleague_who_does_not_follow_hears_of_it_on_the_company_feed_but_not_home(
    ratna, following, eko
):
    post, (heard,) = listen([eko], lambda: post_create(author=ratna, body="Hello all"))

    keys = feeds_heard(heard, post)
    assert "company" in keys and f"profile-{ratna.pk}" in keys
    assert "home" not in keys


def test_the_author_hears_of_their_own_post_on_their_home_feed(ratna):
    post, (heard,) = listen([ratna], lambda: post_create(author=ratna, body="Mine"))

    assert "home" in feeds_heard(heard, post)


def test_a_followed_tag_brings_a_post_home(ratna, eko):
    def act():
        first = post_create(author=ratna, body="Starting #payroll")
        tag_follow(user=eko, tag=first.tags.get())
        return post_create(author=ratna, body="More on #payroll")

    post, (heard,) = listen([eko], act)

    assert {"home", "tag-payroll"} <= feeds_heard(heard, post)


def test_a_private_community_post_reaches_its_members_and_nothing_reaches_a_non_member(
    ratna, budi, eko, tax_team, naming
):
    join(budi, tax_team)
    user_follow(follower=eko, followee=ratna)  # Following the author does not open the door.

    post, (member_heard, outsider_heard) = listen(
        [budi, eko], lambda: post_create(author=fresh(ratna), body="Q3 tax", community=tax_team)
    )

    assert feeds_heard(member_heard, post) == {
        "home",
        f"community-{tax_team.pk}",
        f"profile-{ratna.pk}",
    }
    assert outsider_heard == []


def test_a_secret_community_post_reaches_only_its_members_and_site_moderators(
    ratna, budi, eko, merger_room, site_moderator, naming
):
    join(budi, merger_room)

    post, (member, outsider, moderator) = listen(
        [budi, eko, site_moderator],
        lambda: post_create(author=fresh(ratna), body="Term sheet", community=merger_room),
    )

    assert {"home", f"community-{merger_room.pk}"} <= feeds_heard(member, post)
    assert outsider == []
    # Moderators may see it, but it is not on their home feed.
    assert feeds_heard(moderator, post) == {f"community-{merger_room.pk}", f"profile-{ratna.pk}"}


def test_a_company_wide_share_of_a_private_post_reaches_only_members_of_the_original(
    ratna, budi, eko, tax_team, naming
):
    join(budi, tax_team)
    user_follow(follower=eko, followee=budi)  # Eko follows the sharer, but is no member.
    original = post_create(author=fresh(ratna), body="Internal numbers", community=tax_team)

    share, (member, outsider) = listen(
        [ratna, eko], lambda: post_share(author=fresh(budi), original=original, body="Look")
    )

    assert "company" in feeds_heard(member, share)
    assert not any(isinstance(m, dict) and m["type"] == "post.new" for m in outsider)
    assert outsider == []  # Not even the share count of the original.


def test_a_company_wide_announcement_is_on_everyones_home_feed(eko):
    humas = with_role(UserFactory(username="humas"), COMMUNICATORS)

    post, (heard,) = listen(
        [eko], lambda: post_create(author=humas, body="Holiday", is_announcement=True)
    )

    assert {"home", "company"} <= feeds_heard(heard, post)


def test_a_deleted_post_is_removed_from_the_pages_of_those_who_may_see_it(
    ratna, budi, eko, tax_team, naming
):
    join(budi, tax_team)
    post = post_create(author=fresh(ratna), body="Oops", community=tax_team)

    _result, (member, outsider) = listen(
        [budi, eko], lambda: post_delete(actor=fresh(ratna), post=post)
    )

    assert member == [{"type": "post.removed", "post": post.pk}]
    assert outsider == []


# --- counts -------------------------------------------------------------------------------


def test_the_counts_of_a_private_post_reach_its_members_after_a_reaction_and_nobody_else(
    ratna, budi, eko, tax_team, naming
):
    join(budi, tax_team)
    post = post_create(author=fresh(ratna), body="React to me", community=tax_team)

    _result, (author_heard, outsider_heard) = listen(
        [ratna, eko], lambda: reaction_set(user=fresh(budi), target=post, kind="celebrate")
    )

    (fragment,) = author_heard
    assert f'id="post-{post.pk}-counts"' in fragment
    assert 'hx-swap-oob="true"' in fragment
    assert "🎉" in fragment
    assert outsider_heard == []


def test_the_counts_of_a_company_wide_post_reach_everyone_after_a_comment(ratna, budi, eko):
    post = post_create(author=ratna, body="Comment on me")

    _result, (heard,) = listen([eko], lambda: comment_create(author=budi, target=post, body="Nice"))

    (fragment,) = heard
    assert f'id="post-{post.pk}-counts"' in fragment


def test_taking_back_a_reaction_and_sharing_update_the_counts(ratna, budi, eko):
    post = post_create(author=ratna, body="Share me")
    reaction_set(user=budi, target=post, kind="like")

    def act():
        reaction_clear(user=budi, target=post)
        post_share(author=budi, original=post)

    _result, (heard,) = listen([eko], act)

    fragments = [m for m in heard if isinstance(m, str)]
    assert len(fragments) == 2
    assert all(f'id="post-{post.pk}-counts"' in f for f in fragments)
    # The share itself is news on the company feed.
    assert any(isinstance(m, dict) and m["type"] == "post.new" for m in heard)


def test_the_counts_arrive_in_the_language_of_each_page(ratna, budi):
    budi.language = "id"
    budi.save(update_fields=["language"])

    english, indonesian = socket_for(ratna), socket_for(budi)

    async def scenario():
        assert (await english.connect())[0] and (await indonesian.connect())[0]
        await sync_to_async(live.send_html)(
            [ratna.pk, budi.pk], {"en": "<b>one comment</b>", "id": "<b>satu komentar</b>"}
        )
        got = await english.receive_from(timeout=5), await indonesian.receive_from(timeout=5)
        await english.disconnect()
        await indonesian.disconnect()
        return got

    assert async_to_sync(scenario)() == ("<b>one comment</b>", "<b>satu komentar</b>")


def test_a_language_cookie_picks_the_version_for_someone_without_a_chosen_language(eko):
    socket = socket_for(eko, language="id")

    async def scenario():
        assert (await socket.connect())[0]
        await sync_to_async(live.broadcast_html)({"en": "<i>en</i>", "id": "<i>id</i>"})
        got = await socket.receive_from(timeout=5)
        await socket.disconnect()
        return got

    assert async_to_sync(scenario)() == "<i>id</i>"


# --- bad input and edges ------------------------------------------------------------------


def test_an_event_about_a_post_that_no_longer_exists_sends_nothing_and_does_not_fail(eko):
    def act():
        for name in ("post.created", "post.deleted", "reaction.added", "post.shared"):
            events.dispatch(
                events.DomainEvent(
                    name=name,
                    actor_id=eko.pk,
                    object_type="feed.post",
                    object_id=999_999,
                    payload={"target_type": "feed.post", "target_id": 999_999,
                             "original_id": 999_999},
                )
            )  # fmt: skip

    _result, (heard,) = listen([eko], act)

    assert heard == []


def test_a_reaction_to_a_comment_sends_no_post_counts(ratna, budi, eko):
    post = post_create(author=ratna, body="Thread")
    comment = comment_create(author=budi, target=post, body="First")

    _result, (heard,) = listen([eko], lambda: reaction_set(user=ratna, target=comment, kind="like"))

    assert heard == []


def test_a_signed_out_socket_hears_nothing_because_it_is_never_opened(transactional_db):
    async def scenario():
        socket = WebsocketCommunicator(
            application, "/ws/live/", headers=[(b"origin", b"http://testserver")]
        )
        connected, code = await socket.connect()
        return connected, code

    assert async_to_sync(scenario)() == (False, CLOSE_UNAUTHENTICATED)


def test_what_a_client_sends_cannot_join_the_audience_of_a_community(ratna, eko, tax_team):
    socket = socket_for(eko)

    async def scenario():
        assert (await socket.connect())[0]
        await socket.send_json_to({"type": "live.json", "join": f"community.{tax_team.pk}"})
        await sync_to_async(post_create)(author=fresh(ratna), body="Secret-ish", community=tax_team)
        heard = await drain(socket)
        await socket.disconnect()
        return heard

    assert async_to_sync(scenario)() == []


# --- the audience rule against the visibility rule ---------------------------------------


def test_who_hears_of_a_post_is_exactly_who_may_see_it_and_home_is_exactly_their_home_feed(
    ratna, budi, eko, tax_team, merger_room, site_moderator, naming
):
    """Every kind of placement, every kind of person: the live audience equals the visibility
    rule (``Post.is_visible_to``), and ``home`` equals the home feed (``feed_home``)."""
    public = build_community(creator=budi, name="Runners", slug="runners")
    both = UserFactory(username="both")
    member_of_tax = UserFactory(username="taxonly")
    UserFactory(username="root", is_superuser=True)
    humas = with_role(UserFactory(username="humas"), COMMUNICATORS)
    join(budi, tax_team)
    join(member_of_tax, tax_team)
    join(both, tax_team)
    join(both, merger_room)
    join(eko, public)
    user_follow(follower=eko, followee=ratna)
    user_follow(follower=member_of_tax, followee=budi)
    ratna, budi = fresh(ratna), fresh(budi)

    company_post = post_create(author=ratna, body="company #q3")
    private_post = post_create(author=ratna, body="tax #q3", community=tax_team)
    posts = [
        company_post,
        post_create(author=budi, body="public community", community=public),
        private_post,
        post_create(author=ratna, body="secret", community=merger_room),
        post_share(author=budi, original=private_post),  # company-wide share of private
        post_share(author=fresh(both), original=private_post, community=merger_room),
        post_share(author=ratna, original=company_post, community=tax_team),
        post_create(author=humas, body="announcement", is_announcement=True),
    ]
    people = list(User.objects.active())

    for post in posts:
        post = feed_live.post_for_live(post.pk)
        everyone = set(User.objects.active().values_list("pk", flat=True))
        heard = feed_live.post_new_delivery(post).heard_by(everyone)
        for person in people:
            person = fresh(User.objects.get(pk=person.pk))
            keys = heard[person.pk]
            assert bool(keys) == post.is_visible_to(person), (post.body, person.username)
            at_home = post.pk in {p.pk for p in feed_home(person, limit=50).items}
            assert ("home" in keys) == at_home, (post.body, person.username)


def test_content_every_employee_may_see_is_one_message_for_every_socket_home_included(
    ratna, following, eko
):
    post = post_create(author=ratna, body="Broadcast")

    delivery = feed_live.post_new_delivery(feed_live.post_for_live(post.pk))

    assert delivery.message == {
        "type": "post.new",
        "post": post.pk,
        "feeds": ["company", f"profile-{ratna.pk}"],
    }
    assert delivery.only is None  # Every employee's socket.
    # "home" rides on the same message, for the author and her follower only.
    assert delivery.home == {ratna.pk, following.pk}
    assert delivery.by_person == []


def test_a_follower_gets_one_message_naming_every_feed_of_the_post(ratna, following):
    post, (heard,) = listen([following], lambda: post_create(author=ratna, body="Once"))

    assert heard == [
        {"type": "post.new", "post": post.pk, "feeds": ["home", "company", f"profile-{ratna.pk}"]}
    ]


@pytest.mark.parametrize("followers", [10, 100])
def test_working_out_the_audience_takes_the_same_queries_for_10_and_100_followers(
    ratna, tax_team, followers, django_assert_max_num_queries
):
    for number in range(followers):
        person = UserFactory(username=f"fan{number}")
        user_follow(follower=person, followee=ratna)
        join(person, tax_team)
    posts = [
        post_create(author=fresh(ratna), body="company #a #b"),
        post_create(author=fresh(ratna), body="private #a", community=tax_team),
    ]

    for post in posts:
        with django_assert_max_num_queries(8):
            delivery = feed_live.post_new_delivery(feed_live.post_for_live(post.pk))
        heard = delivery.heard_by(set(User.objects.values_list("pk", flat=True)))
        assert sum("home" in keys for keys in heard.values()) == followers + 1


# --- across processes: the Redis channel layer -------------------------------------------


@pytest.mark.redis
def test_a_private_post_reaches_members_and_not_outsiders_over_the_redis_layer(
    ratna, budi, eko, tax_team, naming
):
    from channels.layers import get_channel_layer
    from channels_redis.core import RedisChannelLayer

    assert isinstance(get_channel_layer(), RedisChannelLayer)
    join(budi, tax_team)
    user_follow(follower=eko, followee=ratna)

    def act():
        private = post_create(author=fresh(ratna), body="Private", community=tax_team)
        public = post_create(author=fresh(ratna), body="Public")
        return private, public

    (private, public), (member, outsider) = listen([budi, eko], act)

    assert {"home", f"community-{tax_team.pk}"} <= feeds_heard(member, private)
    assert feeds_heard(outsider, private) == set()
    assert {"home", "company"} <= feeds_heard(outsider, public)
    assert "company" in feeds_heard(member, public) and "home" not in feeds_heard(member, public)


@pytest.mark.redis
def test_the_redis_layer_outwaits_its_own_blocking_read_and_pools_enough_connections():
    """An idle socket must not die: channels_redis waits for messages with a blocking pop
    of ``brpop_timeout`` (5 s), and redis-py 8 times socket reads out after 5 s by default,
    so under load the read loses the race and the consumer crashes. And redis-py 8 refuses
    more than 100 pooled connections by default, fewer than one busy process's sockets."""
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    pool = layer.create_pool(0)
    read_timeout = pool.make_connection().socket_timeout  # The effective one, default or not.

    assert read_timeout is None or read_timeout > layer.brpop_timeout
    assert pool.max_connections >= 500
