"""A notification about something its recipient may not (or no longer) see is never
created, shown, counted or found."""

import json

import pytest
from django.db import connection
from django.http import Http404
from django.utils import timezone

from communities import services as communities
from communities.models import CommunityType
from feed.models import Post
from feed.services.conversation import comment_create, comment_delete, reaction_set
from feed.services.posts import post_create, post_delete, post_restore, post_share
from moderation.services import content_hide
from notifications import selectors, services
from notifications.models import Notification, Verb
from profiles import services as profiles
from tests.communities.conftest import build_community, site_moderator
from tests.notifications.conftest import fresh, verbs_of


def shown(person) -> list[str]:
    return [n.verb for n in selectors.notification_list_for(fresh(person))]


def test_an_outsider_mentioned_in_a_private_community_is_not_told(run, ani, eko, private_community):
    run(post_create, author=ani, body="Ask @eko about it", community=private_community)

    assert verbs_of(eko) == []


def test_an_outsider_mentioned_in_a_comment_in_a_private_community_is_not_told(
    run, ratna, ani, eko, private_community
):
    post = run(post_create, author=ratna, body="Draft", community=private_community)
    run(comment_create, author=ani, target=post, body="@eko should see this")

    assert verbs_of(eko) == []
    assert verbs_of(ratna) == [Verb.COMMENT]


def test_a_share_into_a_private_community_does_not_tell_an_original_author_outside_it(
    run, ani, eko, private_community
):
    original = run(post_create, author=eko, body="Public thoughts")
    run(post_share, author=ani, original=original, community=private_community)

    assert verbs_of(eko) == []


def test_leaving_a_private_community_hides_its_notifications(run, ratna, ani, private_community):
    run(post_create, author=ratna, body="@ani see this", community=private_community)
    run(profiles.user_follow, follower=ratna, followee=ani)
    assert shown(ani) == [Verb.FOLLOW, Verb.MENTION]
    assert selectors.unread_count(fresh(ani)) == 2

    communities.community_leave(user=ani, community=private_community)

    assert shown(ani) == [Verb.FOLLOW]
    assert selectors.unread_count(fresh(ani)) == 1


def test_a_deleted_post_takes_its_notifications_away_and_a_restore_brings_them_back(
    run, ratna, ani
):
    post = run(post_create, author=ani, body="@ratna look")
    assert selectors.unread_count(ratna) == 1

    post = post_delete(actor=ani, post=post)
    assert shown(ratna) == []
    assert selectors.unread_count(fresh(ratna)) == 0

    post_restore(actor=site_moderator("mod1"), post=post)
    assert shown(ratna) == [Verb.MENTION]


def test_a_hidden_post_is_not_shown_in_notifications(run, ratna, ani):
    post = run(post_create, author=ani, body="@ratna look")
    content_hide(actor=site_moderator("mod2"), obj=post, reason="Spam")

    assert shown(ratna) == []


def test_a_deleted_comment_takes_its_notification_away(run, ratna, ani):
    post = run(post_create, author=ratna, body="Lunch?")
    comment = run(comment_create, author=ani, target=post, body="Yes")
    comment_delete(actor=ani, comment=comment)

    assert shown(ratna) == []


def test_a_comment_notification_goes_when_its_post_goes(run, ratna, ani):
    post = run(post_create, author=ani, body="Lunch?")
    mine = run(comment_create, author=ratna, target=post, body="Yes")
    run(comment_create, author=ani, target=post, body="Great", parent=mine)
    run(reaction_set, user=ani, target=mine, kind="like")
    assert sorted(shown(ratna)) == [Verb.REACTION, Verb.REPLY]

    post_delete(actor=ani, post=post)

    assert shown(ratna) == []


def test_a_deactivated_follower_is_no_longer_shown(run, ratna, ani):
    run(profiles.user_follow, follower=ani, followee=ratna)
    ani.is_active = False
    ani.save(update_fields=["is_active"])

    assert shown(ratna) == []


def test_a_secret_community_invitation_is_shown_to_the_invitee_only_while_invited(run, ratna, budi):
    secret = build_community(creator=ratna, name="Merger", type=CommunityType.SECRET)
    run(communities.community_invite, actor=ratna, community=secret, invitee=budi)
    assert shown(budi) == [Verb.COMMUNITY_INVITE]

    communities.community_invite_decline(user=budi, community=secret)

    assert shown(budi) == []


def test_someone_elses_notification_is_not_found(run, ratna, ani):
    run(post_create, author=ani, body="@ratna look")
    note = Notification.objects.get(recipient=ratna)

    with pytest.raises(Http404):
        selectors.get_notification_for(ani, note.pk)
    assert selectors.get_notification_for(ratna, note.pk) == note


def test_a_notification_about_an_invisible_target_is_not_found(run, ratna, ani):
    post = run(post_create, author=ani, body="@ratna look")
    note = Notification.objects.get(recipient=ratna)
    post_delete(actor=ani, post=post)

    with pytest.raises(Http404):
        selectors.get_notification_for(ratna, note.pk)


def test_the_unread_count_is_two_queries_with_targets_and_one_without(
    run, ratna, ani, private_community, django_assert_num_queries
):
    for n in range(3):
        run(post_create, author=ani, body=f"@ratna look {n}", community=private_community)
    ratna = fresh(ratna)
    ratna._site_roles = set()  # Cached per request by the middleware's first role check.

    with django_assert_num_queries(2):
        assert selectors.unread_count(ratna) == 3
    Notification.objects.filter(recipient=ratna).update(read_at=timezone.now())
    with django_assert_num_queries(1):
        assert selectors.unread_count(ratna) == 0


def _largest_join(plan: dict) -> int:
    """The most rows any join in the plan produced (over all its loops)."""
    own = 0
    if plan["Node Type"] in ("Nested Loop", "Hash Join", "Merge Join"):
        own = plan["Actual Rows"] * plan["Actual Loops"]
    return max([own, *(_largest_join(child) for child in plan.get("Plans", ()))])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's plan")
def test_the_unread_count_checks_only_the_recipients_targets_not_every_post(ratna, ani):
    Post.objects.bulk_create([Post(author=ani, body=f"Old news {n}") for n in range(3000)])
    for n in range(3):
        mention = post_create(author=ani, body=f"@ratna look {n}")
        services.notify(recipients=[ratna], verb=Verb.MENTION, actor=ani, target=mention)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE feed_post, notifications_notification")
    rows = selectors.notifications_visible_to(fresh(ratna), unread_only=True)
    sql, params = rows.values("pk").query.sql_with_params()

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) SELECT COUNT(*) FROM ({sql}) AS s", params)
        (plan,) = cursor.fetchone()[0]

    assert selectors.unread_count(fresh(ratna)) == 3
    # Before: every visible post in the company was joined and hashed on each page view.
    plan = json.loads(plan) if isinstance(plan, str) else plan
    assert _largest_join(plan["Plan"]) <= 30
