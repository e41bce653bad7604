"""Replies through forums.services: write (quoting, attaching, in locked threads), edit with
history, delete and restore, and votes (one per person, never on one's own reply)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import override_settings

from forums import services
from forums.models import Reply, ReplyRevision, ReplyVote, Thread, ThreadSubscription
from moderation.models import ActionType, ModerationAction
from tests.feed.conftest import named
from tests.forums.conftest import answer, ask, start
from tests.helpers import join

pytestmark = pytest.mark.django_db


def counts(reply) -> tuple[int, int, int]:
    reply.refresh_from_db()
    return reply.up_count, reply.down_count, reply.score


# --- write ------------------------------------------------------------------------------------


def test_a_reply_counts_moves_the_activity_and_subscribes_the_replier(
    author, colleague, question, published, django_capture_on_commit_callbacks
):
    before = question.last_activity_at
    with django_capture_on_commit_callbacks(execute=True):
        reply = answer(colleague, question, "Use **form 1111**")

    question.refresh_from_db()
    assert "<strong>form 1111</strong>" in reply.body_html
    assert question.reply_count == 1 and question.last_activity_at > before
    assert question.first_reply_at == reply.created_at
    assert ThreadSubscription.objects.filter(thread=question, user=colleague).exists()
    [event] = named(published, "reply.created")
    assert event.payload["thread_id"] == question.pk and event.payload["is_first_reply"] is True


def test_the_askers_own_reply_does_not_answer_the_question(author, question):
    answer(author, question, "Anyone?")

    question.refresh_from_db()
    assert question.reply_count == 1 and question.first_reply_at is None


def test_only_the_first_reply_sets_the_time_of_the_first_reply(colleague, outsider, question):
    first = answer(colleague, question)
    answer(outsider, question)

    question.refresh_from_db()
    assert question.first_reply_at == first.created_at and question.reply_count == 2


def test_replying_to_a_locked_thread_is_refused_with_a_message(colleague, question, site_moderator):
    services.thread_lock(actor=site_moderator, thread=question)
    question.refresh_from_db()

    with pytest.raises(PermissionDenied) as info:
        answer(colleague, question)
    assert "locked" in str(info.value) and "no new replies" in str(info.value)
    assert not Reply.objects.exists()


def test_a_stale_unlocked_copy_of_a_locked_thread_is_still_refused(
    colleague, question, site_moderator
):
    services.thread_lock(actor=site_moderator, thread=question)

    with pytest.raises(PermissionDenied, match="locked"):
        answer(colleague, question)  # ``question`` still says unlocked; the row does not.


@pytest.mark.parametrize("body", ["", "   ", "x" * 10_001])
def test_a_reply_needs_some_text_within_the_limit(colleague, question, body):
    with pytest.raises(ValidationError) as info:
        answer(colleague, question, body)
    assert "body" in info.value.message_dict


def test_quoting_a_reply_of_the_same_thread(author, colleague, question):
    first = answer(colleague, question)

    quoting = answer(author, question, "> Use form 1111\n\nThanks!", quoted=first)

    assert quoting.quoted == first


def test_quoting_a_reply_of_another_thread_is_refused(
    author, colleague, question, company_category
):
    elsewhere = answer(colleague, start(author, company_category, title="Other"))

    with pytest.raises(ValidationError) as info:
        answer(author, question, "Quote", quoted=elsewhere)
    assert "quoted" in info.value.message_dict


def test_outsiders_cannot_reply_in_a_private_community(
    author, outsider, private_community, private_category
):
    join(author, private_community)
    thread = ask(author, private_category)

    with pytest.raises(Http404):
        answer(outsider, thread)


def test_anyone_may_answer_in_a_public_community(
    author, outsider, public_community, public_category
):
    join(author, public_community)
    thread = ask(author, public_category)

    assert answer(outsider, thread).thread == thread


def test_attachments_are_stored_with_a_safe_name(colleague, question):
    upload = SimpleUploadedFile("../../etc/report.pdf", b"%PDF-1.4 data", "application/pdf")

    reply = answer(colleague, question, attachments=[upload])

    [attachment] = reply.attachments.all()
    assert attachment.name == "report.pdf" and attachment.size == 13
    assert attachment.content_type == "application/pdf"
    assert attachment.file.name.startswith("forums/files/") and ".." not in attachment.file.name


@override_settings(POST_ATTACHMENT_MAX_BYTES=10)
def test_attachments_over_the_limit_are_refused(colleague, question):
    upload = SimpleUploadedFile("big.zip", b"x" * 11)

    with pytest.raises(ValidationError) as info:
        answer(colleague, question, attachments=[upload])
    assert "big.zip" in info.value.message_dict["attachments"][0]


# --- edit, delete, restore -------------------------------------------------------------------


def test_the_author_edits_a_reply_and_the_old_text_is_kept(colleague, question):
    reply = answer(colleague, question, "Form 1111")

    edited = services.reply_edit(actor=colleague, reply=reply, body="Form 1111, page 2")

    assert edited.edited_at and "page 2" in edited.body_html
    assert ReplyRevision.objects.get(reply=reply).body == "Form 1111"


def test_nobody_else_edits_a_reply(author, colleague, question):
    reply = answer(colleague, question)

    with pytest.raises(PermissionDenied, match="Only the author"):
        services.reply_edit(actor=author, reply=reply, body="Changed")


def test_deleting_and_restoring_a_reply_keeps_the_counts(
    author, colleague, question, site_moderator
):
    reply = answer(colleague, question)
    services.reply_vote(user=author, reply=reply, value=1)

    services.reply_delete(actor=colleague, reply=reply)
    question.refresh_from_db()
    assert question.reply_count == 0 and question.score == 0
    assert not Reply.objects.visible_to(author).exists()

    reply.refresh_from_db()
    services.reply_restore(actor=site_moderator, reply=reply)
    question.refresh_from_db()
    assert question.reply_count == 1 and question.score == 1
    assert ModerationAction.objects.get().action == ActionType.RESTORE


def test_a_moderator_deletes_a_reply_with_a_log(colleague, question, site_moderator):
    reply = answer(colleague, question)

    services.reply_delete(actor=site_moderator, reply=reply)

    assert ModerationAction.objects.get().action == ActionType.DELETE


def test_others_cannot_delete_a_reply(author, colleague, outsider, question):
    reply = answer(colleague, question)

    with pytest.raises(PermissionDenied):
        services.reply_delete(actor=outsider, reply=reply)


# --- votes ------------------------------------------------------------------------------------


def test_voting_up_and_down_moves_the_counts(author, colleague, outsider, question):
    reply = answer(colleague, question)

    services.reply_vote(user=author, reply=reply, value=1)
    services.reply_vote(user=outsider, reply=reply, value=-1)

    assert counts(reply) == (1, 1, 0)
    question.refresh_from_db()
    assert question.score == 0


def test_voting_twice_the_same_way_counts_once(author, colleague, question):
    reply = answer(colleague, question)

    services.reply_vote(user=author, reply=reply, value=1)
    services.reply_vote(user=author, reply=reply, value=1)

    assert ReplyVote.objects.filter(reply=reply).count() == 1
    assert counts(reply) == (1, 0, 1)


def test_voting_the_other_way_switches_the_vote(
    author, colleague, question, published, django_capture_on_commit_callbacks
):
    reply = answer(colleague, question)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_vote(user=author, reply=reply, value=1)
        services.reply_vote(user=author, reply=reply, value=-1)

    assert counts(reply) == (0, 1, -1)
    assert ReplyVote.objects.get(reply=reply).value == -1
    assert Thread.objects.get(pk=question.pk).score == -1
    assert [e.payload["previous"] for e in named(published, "reply.voted")] == [0, 1]


def test_taking_a_vote_back(author, colleague, question):
    reply = answer(colleague, question)
    services.reply_vote(user=author, reply=reply, value=-1)

    services.reply_unvote(user=author, reply=reply)
    services.reply_unvote(user=author, reply=reply)  # Nothing left to take back.

    assert counts(reply) == (0, 0, 0) and not ReplyVote.objects.exists()
    assert Thread.objects.get(pk=question.pk).score == 0


def test_voting_on_your_own_reply_is_refused(colleague, question):
    reply = answer(colleague, question)

    with pytest.raises(PermissionDenied, match="your own reply"):
        services.reply_vote(user=colleague, reply=reply, value=1)
    assert counts(reply) == (0, 0, 0)


@pytest.mark.parametrize("value", [0, 2, -2, "up"])
def test_a_vote_is_up_or_down(author, colleague, question, value):
    reply = answer(colleague, question)

    with pytest.raises(ValidationError):
        services.reply_vote(user=author, reply=reply, value=value)


def test_no_votes_in_a_locked_thread(author, colleague, question, site_moderator):
    reply = answer(colleague, question)
    services.thread_lock(actor=site_moderator, thread=question)
    reply.thread.refresh_from_db()

    with pytest.raises(PermissionDenied, match="locked"):
        services.reply_vote(user=author, reply=reply, value=1)


def test_outsiders_cannot_vote_in_a_private_community(
    author, colleague, outsider, private_community, private_category
):
    join(author, private_community)
    join(colleague, private_community)
    reply = answer(colleague, ask(author, private_category))

    with pytest.raises(Http404):
        services.reply_vote(user=outsider, reply=reply, value=1)


def test_a_stale_copy_of_a_reply_in_a_thread_locked_since_cannot_be_voted(
    author, colleague, question, site_moderator
):
    reply = answer(colleague, question)
    services.thread_lock(actor=site_moderator, thread=question)

    with pytest.raises(PermissionDenied, match="locked"):
        services.reply_vote(user=author, reply=reply, value=1)  # ``reply.thread`` is stale.


def test_votes_follow_a_reply_merged_into_another_thread(
    author, colleague, company_category, site_moderator
):
    target = start(author, company_category, title="Target")
    source = start(author, company_category, title="Source")
    reply = answer(colleague, source)
    services.thread_merge(actor=site_moderator, source=source, target=target)

    services.reply_vote(user=author, reply=reply, value=1)  # A copy from before the merge.

    assert Thread.objects.get(pk=target.pk).score == 1
    assert Thread.objects.get(pk=source.pk).score == 0
