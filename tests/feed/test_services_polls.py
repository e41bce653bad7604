"""Voting in polls through feed.services.polls.poll_vote."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from communities import services as communities
from feed.models import Poll, PollVote
from feed.services.polls import poll_vote
from feed.services.posts import post_create, post_delete
from tests.factories import UserFactory
from tests.feed.conftest import fresh, join

pytestmark = pytest.mark.django_db


def make_poll(author, *, multiple=False, community=None, options=("Padang", "Sunda", "Jawa")):
    post = post_create(
        author=author,
        community=community,
        poll={"question": "Makan siang di mana?", "options": list(options),
              "allows_multiple": multiple},
    )  # fmt: skip
    return post.poll


def tally(poll) -> tuple[int, list[int]]:
    """(voters, votes per answer in order)."""
    poll.refresh_from_db()
    return poll.voter_count, [o.vote_count for o in poll.options.all()]


def option_ids(poll) -> list[int]:
    return list(poll.options.values_list("pk", flat=True))


def test_a_single_choice_vote_is_counted_and_announced(
    author, colleague, published, django_capture_on_commit_callbacks
):
    poll = make_poll(author)
    padang, sunda, jawa = option_ids(poll)

    with django_capture_on_commit_callbacks(execute=True):
        votes = poll_vote(user=colleague, poll=poll, option_ids=[str(sunda)])

    assert [(v.user, v.option_id) for v in votes] == [(colleague, sunda)]
    assert tally(poll) == (1, [0, 1, 0])
    [event] = published
    assert (event.name, event.object_type, event.object_id, event.payload) == (
        "poll.voted", "feed.poll", poll.pk, {"post_id": poll.post_id},
    )  # fmt: skip


def test_several_people_vote(author, colleague, outsider):
    poll = make_poll(author)
    padang, sunda, jawa = option_ids(poll)

    poll_vote(user=author, poll=poll, option_ids=[padang])
    poll_vote(user=colleague, poll=poll, option_ids=[padang])
    poll_vote(user=outsider, poll=poll, option_ids=[jawa])

    assert tally(poll) == (3, [2, 0, 1])


def test_a_multiple_choice_vote_counts_the_voter_once(author, colleague):
    poll = make_poll(author, multiple=True)
    padang, sunda, jawa = option_ids(poll)

    votes = poll_vote(user=colleague, poll=poll, option_ids=[padang, jawa, jawa])

    assert len(votes) == 2
    assert tally(poll) == (1, [1, 0, 1])


def test_a_single_choice_poll_takes_one_answer(author, colleague):
    poll = make_poll(author)
    padang, sunda, _jawa = option_ids(poll)

    with pytest.raises(ValidationError, match="only one"):
        poll_vote(user=colleague, poll=poll, option_ids=[padang, sunda])

    assert tally(poll) == (0, [0, 0, 0])


def test_voting_twice_is_refused(author, colleague):
    poll = make_poll(author, multiple=True)
    padang, sunda, _jawa = option_ids(poll)
    poll_vote(user=colleague, poll=poll, option_ids=[padang])

    with pytest.raises(ValidationError, match="already voted"):
        poll_vote(user=colleague, poll=poll, option_ids=[sunda])

    assert tally(poll) == (1, [1, 0, 0])


def test_a_closed_poll_takes_no_votes(author, colleague):
    poll = make_poll(author)
    # Time passes: the poll's closing time is now behind us.
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    poll.refresh_from_db()

    with pytest.raises(PermissionDenied, match="closed"):
        poll_vote(user=colleague, poll=poll, option_ids=option_ids(poll)[:1])

    assert tally(poll) == (0, [0, 0, 0])


def test_a_stale_copy_of_a_closed_poll_takes_no_votes(author, colleague):
    poll = make_poll(author)
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(PermissionDenied):
        poll_vote(user=colleague, poll=poll, option_ids=option_ids(poll)[:1])


def test_answers_of_another_poll_are_refused(author, colleague):
    poll, other = make_poll(author), make_poll(author, options=("Ya", "Tidak"))

    for chosen in ([option_ids(other)[0]], [option_ids(poll)[0], option_ids(other)[0]]):
        with pytest.raises(ValidationError, match="Choose one of the answers"):
            poll_vote(user=colleague, poll=poll, option_ids=chosen)

    assert tally(poll) == (0, [0, 0, 0]) and tally(other) == (0, [0, 0])


@pytest.mark.parametrize(
    "chosen", [[], None, ["abc"], ["-1"], [""], ["²"], ["1.5"], [" "], [999_999], ["9" * 30]]
)
def test_no_or_nonsense_answers_are_refused_without_a_crash(author, colleague, chosen):
    poll = make_poll(author)

    with pytest.raises(ValidationError) as info:
        poll_vote(user=colleague, poll=poll, option_ids=chosen)

    assert "options" in info.value.message_dict
    assert not PollVote.objects.exists()


def test_outsiders_of_a_private_community_cannot_see_its_poll(author, outsider, private_community):
    join(author, private_community)
    poll = make_poll(author, community=private_community)

    with pytest.raises(Http404):
        poll_vote(user=outsider, poll=poll, option_ids=option_ids(poll)[:1])

    member = join(UserFactory(username="member"), private_community)
    poll_vote(user=member, poll=poll, option_ids=option_ids(poll)[:1])
    assert tally(poll) == (1, [1, 0, 0])


def test_a_deleted_polls_post_takes_no_votes(author, colleague):
    poll = make_poll(author)
    post_delete(actor=author, post=poll.post)
    poll = Poll.objects.select_related("post").get(pk=poll.pk)

    with pytest.raises(Http404):
        poll_vote(user=colleague, poll=poll, option_ids=option_ids(poll)[:1])


def test_an_archived_communitys_poll_takes_no_votes(public_community):
    owner = public_community.created_by
    poll = make_poll(owner, community=public_community)
    communities.community_set_archived(actor=owner, community=public_community, archived=True)
    poll = Poll.objects.select_related("post__community").get(pk=poll.pk)

    with pytest.raises(PermissionDenied):
        poll_vote(user=fresh(owner), poll=poll, option_ids=option_ids(poll)[:1])
