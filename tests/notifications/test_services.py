"""Who is told what: every type of notification reaches the right person and never the
person who acted; reactions group; preferences switch types off."""

import pytest
from django.core.exceptions import ValidationError

from communities import services as communities
from communities.models import CommunityType, Membership, Role
from feed.services.conversation import comment_create, comment_edit, reaction_clear, reaction_set
from feed.services.posts import post_create, post_edit, post_share
from notifications import selectors, services
from notifications.models import Channel, Notification, Verb
from profiles import services as profiles
from profiles.models import User
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.notifications.conftest import join, verbs_of


def test_a_mentioned_colleague_is_told_and_the_author_is_not(run, ratna, ani):
    post = run(post_create, author=ani, body="Thanks @ratna for the numbers")

    (note,) = Notification.objects.filter(recipient=ratna)
    assert (note.verb, note.actor, note.target, note.actor_count) == (Verb.MENTION, ani, post, 1)
    assert note.url == post.get_absolute_url()
    assert verbs_of(ani) == []


def test_mentioning_yourself_tells_nobody(run, ani):
    run(post_create, author=ani, body="Note to self @ani")

    assert Notification.objects.count() == 0


def test_a_comment_on_my_post_tells_me(run, ratna, ani):
    post = run(post_create, author=ratna, body="Quarterly close is done")
    comment = run(comment_create, author=ani, target=post, body="Great work")

    (note,) = Notification.objects.filter(recipient=ratna)
    assert (note.verb, note.actor, note.target) == (Verb.COMMENT, ani, comment)
    assert note.message_text == "Ani Wijaya commented on your post"
    assert verbs_of(ani) == []


def test_commenting_on_my_own_post_tells_nobody(run, ratna):
    post = run(post_create, author=ratna, body="Quarterly close is done")
    run(comment_create, author=ratna, target=post, body="And the audit too")

    assert Notification.objects.count() == 0


def test_a_reply_tells_the_comment_author_and_the_post_author(run, ratna, ani, budi):
    post = run(post_create, author=ratna, body="Lunch at noon?")
    first = run(comment_create, author=ani, target=post, body="Yes")
    run(comment_create, author=budi, target=post, body="Me too", parent=first)

    assert verbs_of(ani) == [Verb.REPLY]
    assert verbs_of(ratna) == [Verb.COMMENT, Verb.COMMENT]
    assert verbs_of(budi) == []


def test_a_reply_on_my_own_post_to_my_comment_is_one_reply_not_also_a_comment(run, ratna, ani):
    post = run(post_create, author=ratna, body="Lunch at noon?")
    mine = run(comment_create, author=ratna, target=post, body="Anyone?")
    run(comment_create, author=ani, target=post, body="Me", parent=mine)

    assert verbs_of(ratna) == [Verb.REPLY]


def test_a_mention_in_a_comment_tells_the_mentioned_person(run, ratna, ani, budi):
    post = run(post_create, author=ratna, body="Who knows the VAT rules?")
    comment = run(comment_create, author=ani, target=post, body="@budi does")

    note = Notification.objects.get(recipient=budi)
    assert (note.verb, note.target) == (Verb.MENTION, comment)
    assert note.message_text == "Ani Wijaya mentioned you in a comment"


def test_a_reaction_to_my_post_tells_me_and_not_the_reactor(run, ratna, ani):
    post = run(post_create, author=ratna, body="We shipped!")
    run(reaction_set, user=ani, target=post, kind="celebrate")

    (note,) = Notification.objects.filter(recipient=ratna)
    assert (note.verb, note.actor, note.target) == (Verb.REACTION, ani, post)
    assert note.message_text == "Ani Wijaya reacted to your post"
    assert verbs_of(ani) == []


def test_reacting_to_my_own_post_tells_nobody(run, ratna):
    post = run(post_create, author=ratna, body="We shipped!")
    run(reaction_set, user=ratna, target=post, kind="like")

    assert Notification.objects.count() == 0


def test_reactions_group_into_one_unread_row_with_the_latest_actor(run, ratna, ani, budi, eko):
    post = run(post_create, author=ratna, body="We shipped!")
    for person in (ani, budi, eko):
        run(reaction_set, user=person, target=post, kind="like")
    run(reaction_set, user=budi, target=post, kind="celebrate")  # A change is not news.

    (note,) = Notification.objects.filter(recipient=ratna)
    assert (note.actor, note.actor_count) == (eko, 3)
    assert note.message_text == "Eko Prasetyo and 2 others reacted to your post"
    assert "<strong>Eko Prasetyo</strong> and 2 others" in note.message


def test_taking_a_reaction_back_and_again_does_not_count_the_person_twice(run, ratna, ani):
    post = run(post_create, author=ratna, body="We shipped!")
    run(reaction_set, user=ani, target=post, kind="like")
    run(reaction_clear, user=ani, target=post)
    run(reaction_set, user=ani, target=post, kind="like")

    (note,) = Notification.objects.filter(recipient=ratna)
    assert note.actor_count == 1


def test_a_reaction_taken_back_leaves_the_group(run, ratna, ani, budi, eko):
    post = run(post_create, author=ratna, body="We shipped!")
    for person in (ani, budi, eko):
        run(reaction_set, user=person, target=post, kind="like")
    before = Notification.objects.get(recipient=ratna).updated_at

    run(reaction_clear, user=budi, target=post)
    run(reaction_clear, user=eko, target=post)  # The latest one: the group shows Ani again.

    (note,) = Notification.objects.filter(recipient=ratna)
    assert (note.actor, note.actor_count, note.actor_ids) == (ani, 1, [ani.pk])
    assert note.message_text == "Ani Wijaya reacted to your post"
    assert note.updated_at == before  # Taking back is not news: the list order stays.


def test_the_last_reaction_taken_back_takes_the_notification_with_it(run, ratna, ani, budi):
    post = run(post_create, author=ratna, body="We shipped!")
    comment = run(comment_create, author=ratna, target=post, body="Thanks all")
    run(reaction_set, user=ani, target=post, kind="like")
    run(reaction_set, user=ani, target=comment, kind="like")
    run(reaction_set, user=budi, target=comment, kind="like")

    run(reaction_clear, user=ani, target=post)
    run(reaction_clear, user=ani, target=comment)

    (note,) = Notification.objects.filter(recipient=ratna)
    assert (note.target, note.actor, note.actor_count) == (comment, budi, 1)
    assert selectors.unread_count(ratna) == 1


def test_a_reaction_taken_back_also_leaves_a_group_already_read(run, ratna, ani, budi):
    post = run(post_create, author=ratna, body="We shipped!")
    run(reaction_set, user=ani, target=post, kind="like")
    run(reaction_set, user=budi, target=post, kind="like")
    run(
        services.notification_mark_read,
        user=ratna,
        notification=Notification.objects.get(recipient=ratna),
    )

    run(reaction_clear, user=ani, target=post)

    (note,) = Notification.objects.filter(recipient=ratna)
    assert (note.actor, note.actor_count, note.is_read) == (budi, 1, True)


def test_a_reaction_after_the_group_was_read_starts_a_new_row(run, ratna, ani, budi):
    post = run(post_create, author=ratna, body="We shipped!")
    run(reaction_set, user=ani, target=post, kind="like")
    first = Notification.objects.get(recipient=ratna)
    run(services.notification_mark_read, user=ratna, notification=first)
    run(reaction_set, user=budi, target=post, kind="like")

    rows = Notification.objects.filter(recipient=ratna).order_by("id")
    assert [(n.actor, n.actor_count, n.is_read) for n in rows] == [
        (ani, 1, True),
        (budi, 1, False),
    ]


def test_reactions_to_my_comment_are_grouped_per_comment(run, ratna, ani, budi):
    post = run(post_create, author=ani, body="Lunch?")
    comment = run(comment_create, author=ratna, target=post, body="Nasi padang")
    run(reaction_set, user=ani, target=comment, kind="funny")
    run(reaction_set, user=budi, target=comment, kind="like")

    (note,) = Notification.objects.filter(recipient=ratna)
    assert (note.verb, note.target, note.actor_count) == (Verb.REACTION, comment, 2)
    assert note.message_text == "Budi Santoso and 1 other reacted to your comment"


def test_a_share_tells_the_original_author(run, ratna, ani):
    post = run(post_create, author=ratna, body="Read this")
    share = run(post_share, author=ani, original=post, body="Worth it")

    (note,) = Notification.objects.filter(recipient=ratna)
    assert (note.verb, note.actor, note.target) == (Verb.SHARE, ani, share)
    assert verbs_of(ani) == []


def test_a_new_follower_is_announced_to_the_followed_person(run, ratna, ani):
    run(profiles.user_follow, follower=ani, followee=ratna)

    (note,) = Notification.objects.filter(recipient=ratna)
    assert (note.verb, note.actor, note.target) == (Verb.FOLLOW, ani, ani)
    assert note.url == ani.get_absolute_url()
    assert verbs_of(ani) == []


def test_praise_tells_the_praised_once_even_when_also_mentioned(run, ratna, ani, budi):
    run(
        post_create, author=ani, body="Thank you @ratna!",
        praise={"value": "teamwork", "recipients": [ratna, budi]},
    )  # fmt: skip

    assert verbs_of(ratna) == [Verb.PRAISE]
    assert verbs_of(budi) == [Verb.PRAISE]
    assert verbs_of(ani) == []


def test_a_company_announcement_tells_every_active_employee_but_its_author(
    run, communicator, ratna, ani
):
    gone = UserFactory(username="gone", is_active=False)
    post = run(post_create, author=communicator, body="Office closed Friday", is_announcement=True)

    told = set(
        Notification.objects.filter(verb=Verb.ANNOUNCEMENT, target_id=post.pk).values_list(
            "recipient__username", flat=True
        )
    )
    everyone = set(User.objects.active().values_list("username", flat=True))
    assert told == everyone - {communicator.username}
    assert gone.username not in told


def test_a_community_announcement_tells_its_members_only(run, ratna, ani, eko, private_community):
    post = run(
        post_create, author=ratna, body="Team offsite", community=private_community,
        is_announcement=True,
    )  # fmt: skip

    assert verbs_of(ani) == [Verb.ANNOUNCEMENT]
    assert verbs_of(eko) == []
    assert verbs_of(ratna) == []
    note = Notification.objects.get(recipient=ani)
    assert (note.target, note.community) == (post, private_community)
    assert note.message_text == "Ratna Sari posted an announcement in Tax Team"


@pytest.mark.parametrize("audience", [10, 100])
def test_an_announcement_is_written_in_a_constant_number_of_queries(
    communicator, django_assert_max_num_queries, audience
):
    UserFactory.create_batch(audience)
    post = post_create(author=communicator, body="All hands", is_announcement=True)

    with django_assert_max_num_queries(6):
        created = services.notify(
            recipients=User.objects.active(), verb=Verb.ANNOUNCEMENT, actor=communicator,
            target=post, check_visibility=False,
        )  # fmt: skip
    assert len(created) == audience


def test_a_community_invitation_tells_the_invitee(run, ratna, budi, private_community):
    run(communities.community_invite, actor=ratna, community=private_community, invitee=budi)

    (note,) = Notification.objects.filter(recipient=budi)
    assert (note.verb, note.actor, note.community) == (
        Verb.COMMUNITY_INVITE, ratna, private_community,
    )  # fmt: skip
    assert note.message_text == "Ratna Sari invited you to join Tax Team"


def test_a_join_request_tells_the_communitys_owners_and_admins_only(
    run, ratna, ani, budi, eko, private_community
):
    admin = join(UserFactory(username="admin2"), private_community, role=Role.ADMIN)
    run(communities.community_request_join, user=eko, community=private_community)

    told = Notification.objects.filter(verb=Verb.JOIN_REQUEST).values_list("recipient", flat=True)
    assert set(told) == {ratna.pk, admin.pk}
    note = Notification.objects.get(recipient=ratna)
    assert note.url == f"/c/{private_community.slug}/requests/"


def test_an_approved_request_tells_the_new_member(run, ratna, eko, private_community):
    communities.community_request_join(user=eko, community=private_community)
    membership = Membership.objects.get(community=private_community, user=eko)
    run(communities.community_request_approve, actor=ratna, membership=membership)

    (note,) = Notification.objects.filter(recipient=eko)
    assert (note.verb, note.actor, note.target) == (
        Verb.JOIN_APPROVED, ratna, private_community,
    )  # fmt: skip


def test_a_mention_added_by_an_edit_tells_the_newly_mentioned_once(run, ratna, ani):
    post = run(post_create, author=ani, body="Budget draft")
    run(post_edit, actor=ani, post=post, body="Budget draft, @ratna please check")
    run(post_edit, actor=ani, post=post, body="Budget draft")
    run(post_edit, actor=ani, post=post, body="Budget draft v2, @ratna please check")

    assert verbs_of(ratna) == [Verb.MENTION]


def test_a_mention_added_to_a_comment_by_an_edit_tells_the_mentioned(run, ratna, ani, budi):
    post = run(post_create, author=ratna, body="Question")
    comment = run(comment_create, author=ani, target=post, body="Ask someone")
    run(comment_edit, actor=ani, comment=comment, body="Ask @budi")

    note = Notification.objects.get(recipient=budi)
    assert (note.verb, note.target) == (Verb.MENTION, comment)


def test_a_type_switched_off_creates_nothing(run, ratna, ani):
    services.preference_set(user=ratna, verb=Verb.MENTION, channel=Channel.OFF)
    post = run(post_create, author=ani, body="@ratna look")
    run(comment_create, author=ani, target=post, body="@ratna again")
    run(profiles.user_follow, follower=ani, followee=ratna)

    assert verbs_of(ratna) == [Verb.FOLLOW]


def test_a_deactivated_person_is_not_notified(run, ratna, ani):
    ratna.is_active = False
    ratna.save(update_fields=["is_active"])
    run(post_create, author=ani, body="@ratna look")

    assert Notification.objects.count() == 0


@pytest.mark.parametrize(
    ("verb", "channel", "field"),
    [("mention", "sms", "mention"), ("nonsense", "off", "verb"), ("nonsense", "x", "verb")],
)
def test_a_bad_preference_is_refused_with_a_message(ratna, verb, channel, field):
    with pytest.raises(ValidationError) as error:
        services.preference_set(user=ratna, verb=verb, channel=channel)

    assert field in error.value.message_dict


def test_preferences_default_to_in_app_and_remember_changes(ratna):
    services.preferences_update(user=ratna, channels={"mention": "email", "reaction": "off"})

    chosen = selectors.preferences_for(ratna)
    assert chosen["mention"] == Channel.EMAIL
    assert chosen["reaction"] == Channel.OFF
    assert chosen["follow"] == Channel.IN_APP
    assert set(chosen) == set(Verb.values)


def test_preferences_update_is_all_or_nothing(ratna):
    with pytest.raises(ValidationError):
        services.preferences_update(user=ratna, channels={"mention": "email", "reaction": "bad"})

    assert selectors.preferences_for(ratna)["mention"] == Channel.IN_APP


def test_marking_one_read_and_all_read(run, ratna, ani, budi):
    post = run(post_create, author=ani, body="@ratna hello")
    run(profiles.user_follow, follower=budi, followee=ratna)
    run(post_create, author=budi, body="@ratna hi")
    first = Notification.objects.filter(recipient=ratna).order_by("id").first()

    run(services.notification_mark_read, user=ratna, notification=first)
    assert selectors.unread_count(ratna) == 2
    assert first.target == post

    assert run(services.notification_mark_all_read, user=ratna) == 2
    assert selectors.unread_count(ratna) == 0
    assert run(services.notification_mark_all_read, user=ratna) == 0


def test_nobody_marks_someone_elses_notification_read(run, ratna, ani):
    from django.http import Http404

    run(post_create, author=ani, body="@ratna hello")
    note = Notification.objects.get(recipient=ratna)

    with pytest.raises(Http404):
        services.notification_mark_read(user=ani, notification=note)
    note.refresh_from_db()
    assert note.read_at is None


def test_notifications_in_a_public_community_reach_non_members(run, ratna, ani):
    community = build_community(creator=ani, name="Runners", type=CommunityType.PUBLIC)
    run(post_create, author=ani, body="@ratna join our run", community=community)

    assert verbs_of(ratna) == [Verb.MENTION]
