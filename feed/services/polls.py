"""Voting in polls."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from core import events
from feed import permissions
from feed.models import Poll, PollOption, PollVote
from profiles.models import User


@transaction.atomic
def poll_vote(*, user: User, poll: Poll, option_ids) -> list[PollVote]:
    """Vote once in ``poll``: one answer, or several when the poll allows it."""
    permissions.check_conversation(user, poll.post)
    locked = Poll.objects.select_for_update().get(pk=poll.pk)
    if locked.is_closed:
        raise PermissionDenied(_("This poll is closed."))
    if PollVote.objects.filter(poll=locked, user=user).exists():
        raise ValidationError({"options": _("You have already voted in this poll.")})
    # Only plain decimal ids that fit a database integer; anything else is no answer.
    wanted = {int(pk) for pk in map(str, option_ids or ()) if pk.isdecimal() and len(pk) < 19}
    options = list(PollOption.objects.filter(poll=locked, pk__in=wanted))
    if not options or len(options) != len(wanted):
        raise ValidationError({"options": _("Choose one of the answers.")})
    if len(options) > 1 and not locked.allows_multiple:
        raise ValidationError({"options": _("Choose only one answer.")})
    votes = PollVote.objects.bulk_create(
        PollVote(poll=locked, option=option, user=user) for option in options
    )
    PollOption.objects.filter(pk__in=[o.pk for o in options]).update(vote_count=F("vote_count") + 1)
    Poll.objects.filter(pk=locked.pk).update(voter_count=F("voter_count") + 1)
    events.publish(
        "poll.voted",
        actor=user,
        obj=locked,
        community_id=locked.post.community_id,
        payload={"post_id": locked.post_id},
    )
    return votes
