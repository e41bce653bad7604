"""Who hears about forum activity: followers of new replies (not the replier, respecting their
preferences), the answer's author and the followers of an accepted answer, and the people
@mentioned who may see the thread. Notifications vanish with what they point at."""

import pytest

from forums import services
from notifications import selectors as notification_selectors
from notifications.models import Notification, Verb
from notifications.services import preference_set
from tests.factories import UserFactory
from tests.forums.conftest import answer, ask, make_category
from tests.helpers import fresh, join

pytestmark = pytest.mark.django_db


def told(verb=None) -> set[tuple[str, str]]:
    rows = Notification.objects.select_related("recipient")
    if verb:
        rows = rows.filter(verb=verb)
    return {(n.recipient.username, n.verb) for n in rows}


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run ``call`` and its after-commit work (the event subscribers)."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def test_followers_hear_of_new_replies_but_not_the_replier(
    run, author, colleague, outsider, question
):
    services.thread_follow(user=outsider, thread=question)

    reply = run(answer, colleague, question)

    assert told() == {("ratna", Verb.FORUM_REPLY), ("eko", Verb.FORUM_REPLY)}
    row = Notification.objects.get(recipient=author)
    assert row.target == reply and row.actor == colleague
    assert row.message_text == f"{colleague.name} replied in a thread you follow"


def test_a_follower_who_switched_replies_off_hears_nothing(run, author, colleague, question):
    preference_set(user=author, verb=Verb.FORUM_REPLY, channel="off")

    run(answer, colleague, question)

    assert told() == set()


def test_repliers_follow_and_hear_of_later_replies(run, author, colleague, outsider, question):
    run(answer, colleague, question)
    Notification.objects.all().delete()

    run(answer, outsider, question, "Me too")

    assert told() == {("ratna", Verb.FORUM_REPLY), ("budi", Verb.FORUM_REPLY)}


def test_an_accepted_answer_tells_its_author_and_the_followers(
    run, author, colleague, outsider, question
):
    reply = answer(colleague, question)
    services.thread_follow(user=outsider, thread=question)

    run(services.answer_accept, actor=author, reply=reply)

    assert told() == {("budi", Verb.ANSWER_ACCEPTED), ("eko", Verb.THREAD_SOLVED)}
    mine = Notification.objects.get(recipient=colleague)
    assert mine.message_text == f"{author.name} accepted your answer"


def test_mentions_tell_the_people_named_once(run, author, colleague, outsider, company_category):
    thread = run(ask, author, company_category, body="Any idea @budi?")
    assert told() == {("budi", Verb.MENTION)}
    assert Notification.objects.get().message_text == f"{author.name} mentioned you in a thread"

    services.thread_follow(user=outsider, thread=thread)
    run(answer, colleague, thread, "Ask @eko")  # A mention, not also "a reply you follow".
    assert told(Verb.MENTION) == {("budi", Verb.MENTION), ("eko", Verb.MENTION)}
    assert ("eko", Verb.FORUM_REPLY) not in told()


def test_mentioned_people_who_may_not_see_the_thread_hear_nothing(
    run, author, colleague, outsider, private_community
):
    join(author, private_community)
    category = make_category(actor=private_community.created_by, community=private_community)

    thread = run(ask, author, category, body="@eko @budi do you know?")
    join(colleague, private_community)
    run(answer, fresh(author), thread, "Again @eko")

    assert told(Verb.MENTION) == set()


def test_a_mention_added_by_an_edit_is_told_once(run, author, colleague, question):
    run(services.thread_edit, actor=author, thread=question, body="Cc @budi")
    run(services.thread_edit, actor=author, thread=question, body="Cc @budi please")

    assert Notification.objects.filter(recipient=colleague, verb=Verb.MENTION).count() == 1


def test_notifications_vanish_with_a_deleted_reply(run, author, colleague, question):
    reply = run(answer, colleague, question)
    assert notification_selectors.unread_count(author) == 1

    run(services.reply_delete, actor=colleague, reply=reply)

    assert notification_selectors.unread_count(fresh(author)) == 0


def test_followers_who_left_a_private_community_hear_nothing(
    run, author, colleague, private_community
):
    from communities import services as communities

    join(author, private_community)
    join(colleague, private_community)
    category = make_category(actor=private_community.created_by, community=private_community)
    thread = ask(author, category)
    services.thread_follow(user=fresh(colleague), thread=thread)
    communities.community_leave(user=fresh(colleague), community=private_community)

    helper = join(UserFactory(username="helper"), private_community)
    run(answer, helper, thread)

    assert told() == {("ratna", Verb.FORUM_REPLY)}
