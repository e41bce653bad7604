"""Threads through forums.services: ask and discuss, edit with history, delete and restore,
follow, accept answers (and change or take them back), and the moderators' pin, lock, move
and merge."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import override_settings
from django.utils import timezone

from communities.models import Role
from core.ratelimit import RATE_LIMITED
from forums import services
from forums.models import Reply, Thread, ThreadRevision, ThreadSubscription
from moderation.models import ActionType, ModerationAction
from tests.factories import UserFactory
from tests.feed.conftest import named
from tests.forums.conftest import answer, ask, start
from tests.helpers import fresh, join

pytestmark = pytest.mark.django_db


def followers(thread) -> set[str]:
    return set(
        ThreadSubscription.objects.filter(thread=thread).values_list("user__username", flat=True)
    )


# --- create ------------------------------------------------------------------------------------


def test_asking_a_question_places_it_where_its_category_is(
    author, public_community, public_category, published, django_capture_on_commit_callbacks
):
    join(author, public_community)
    with django_capture_on_commit_callbacks(execute=True):
        thread = ask(
            author,
            public_category,
            title="  SAP   posting  error ",
            body="It fails with **F5 702** #sap",
            tags=["SAP FI", "#Month-End"],
        )

    assert thread.community == public_community and thread.category == public_category
    assert thread.title == "SAP posting error" and thread.is_question
    assert "<strong>F5 702</strong>" in thread.body_html
    assert sorted(t.name for t in thread.tags.all()) == ["month-end", "sap", "sap fi"]
    assert thread.last_activity_at == thread.created_at
    assert followers(thread) == {"ratna"}
    [event] = named(published, "thread.created")
    assert event.community_id == public_community.pk and event.object_id == thread.pk
    assert (
        event.payload["kind"] == "question" and event.payload["category_id"] == public_category.pk
    )


def test_a_discussion_is_the_default_kind(author, company_category):
    thread = start(author, company_category, title="Ideas for the outing")

    assert thread.kind == "discussion" and not thread.is_question and thread.community is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"body": "x" * 10_001}, "body"),
        ({"kind": "poll"}, "kind"),
        ({"tags": [f"t{i}" for i in range(11)]}, "tags"),
    ],
)
def test_bad_input_is_refused_field_by_field(author, company_category, fields, field):
    with pytest.raises(ValidationError) as info:
        start(author, company_category, **fields)

    assert field in info.value.message_dict
    assert not Thread.objects.exists()


def test_a_200_character_title_is_fine(author, company_category):
    assert len(start(author, company_category, title="x" * 200).title) == 200


def test_non_members_cannot_start_threads_in_a_community(author, public_category):
    with pytest.raises(PermissionDenied):
        start(author, public_category)


def test_a_secret_communitys_category_does_not_exist_for_outsiders(outsider, secret_category):
    with pytest.raises(Http404):
        start(outsider, secret_category)


@override_settings(POSTING_RATE_LIMIT=2)
def test_starting_threads_is_rate_limited_like_posts(author, company_category):
    start(author, company_category, title="One")
    start(author, company_category, title="Two")

    with pytest.raises(ValidationError) as info:
        start(author, company_category, title="Three")
    assert info.value.code == RATE_LIMITED


# --- edit, delete, restore -------------------------------------------------------------------


def test_the_author_edits_and_the_earlier_version_is_kept(
    author, question, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        edited = services.thread_edit(
            actor=author, thread=question, title="Where is the 2025 VAT form?", body="Form 1111?"
        )

    assert edited.title == "Where is the 2025 VAT form?" and edited.edited_at is not None
    assert "Form 1111?" in edited.body_html
    [revision] = ThreadRevision.objects.filter(thread=question)
    assert (revision.title, revision.body) == ("Where is the VAT form?", "Which one do I use?")
    assert revision.replaced_by == author
    assert named(published, "thread.edited")


def test_an_edit_changing_nothing_keeps_no_revision(author, question):
    services.thread_edit(actor=author, thread=question, title=question.title)

    assert not ThreadRevision.objects.exists()


def test_editing_someone_elses_thread_is_forbidden(colleague, question):
    with pytest.raises(PermissionDenied, match="Only the author"):
        services.thread_edit(actor=colleague, thread=question, title="Mine now")


def test_an_edit_cannot_empty_the_title(author, question):
    with pytest.raises(ValidationError) as info:
        services.thread_edit(actor=author, thread=question, title="  ")
    assert "title" in info.value.message_dict


def test_the_author_deletes_and_a_moderator_restores_with_a_log(author, question, site_moderator):
    services.thread_delete(actor=author, thread=question)
    question.refresh_from_db()
    assert question.is_deleted and not question.is_visible_to(author)
    assert not ModerationAction.objects.exists()  # Deleting one's own thread is not moderation.

    services.thread_restore(actor=site_moderator, thread=question)

    question.refresh_from_db()
    assert not question.is_deleted and question.is_visible_to(author)
    assert ModerationAction.objects.get().action == ActionType.RESTORE


def test_a_moderators_delete_is_logged(question, site_moderator):
    services.thread_delete(actor=site_moderator, thread=question)

    entry = ModerationAction.objects.get()
    assert (entry.action, entry.target, entry.target_user) == (
        ActionType.DELETE, question, question.author,
    )  # fmt: skip


def test_others_cannot_delete_or_restore(author, colleague, question):
    with pytest.raises(PermissionDenied):
        services.thread_delete(actor=colleague, thread=question)
    services.thread_delete(actor=author, thread=question)
    question.refresh_from_db()
    with pytest.raises(Http404):
        services.thread_restore(actor=author, thread=question)


def test_community_moderators_moderate_their_communitys_threads(
    author, public_community, public_category
):
    join(author, public_community)
    moderator = join(UserFactory(username="mod"), public_community, role=Role.MODERATOR)
    thread = start(author, public_category)

    services.thread_delete(actor=moderator, thread=thread)
    thread.refresh_from_db()
    services.thread_restore(actor=moderator, thread=thread)

    assert Thread.objects.get(pk=thread.pk).deleted_at is None


# --- pin, lock, move, merge --------------------------------------------------------------------


def test_moderators_pin_and_lock(
    question, site_moderator, author, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.thread_pin(actor=site_moderator, thread=question)
        services.thread_lock(actor=site_moderator, thread=question)
    question.refresh_from_db()
    assert question.is_pinned and question.is_locked
    assert [e.name for e in published if e.name.startswith("thread.")] == [
        "thread.pinned", "thread.locked",
    ]  # fmt: skip

    services.thread_unpin(actor=site_moderator, thread=question)
    services.thread_unlock(actor=site_moderator, thread=question)
    question.refresh_from_db()
    assert not question.is_pinned and not question.is_locked


def test_the_author_cannot_pin_or_lock(author, question):
    for action in (services.thread_pin, services.thread_lock):
        with pytest.raises(PermissionDenied, match="moderators"):
            action(actor=author, thread=question)


def test_moving_a_thread_takes_the_new_categorys_place(
    author, colleague, question, public_community, public_category, site_moderator
):
    services.thread_move(actor=site_moderator, thread=question, category=public_category)

    question.refresh_from_db()
    assert question.category == public_category and question.community == public_community


def test_moving_needs_moderators_of_both_places(
    author, public_community, public_category, company_category
):
    join(author, public_community)
    moderator = join(UserFactory(username="mod"), public_community, role=Role.MODERATOR)
    thread = start(author, public_category)

    with pytest.raises(PermissionDenied, match="both"):
        services.thread_move(actor=moderator, thread=thread, category=company_category)


def test_moving_into_the_same_category_is_refused(question, site_moderator, company_category):
    with pytest.raises(ValidationError):
        services.thread_move(actor=site_moderator, thread=question, category=company_category)


def test_merging_moves_the_replies_and_followers_and_hides_the_source(
    author, colleague, outsider, company_category, site_moderator
):
    target = ask(author, company_category, title="VAT form?")
    answer(colleague, target, "Form 1111")
    source = ask(outsider, company_category, title="Which VAT form?", body="Need the form")
    duplicate_reply = answer(colleague, source, "Same as the other thread")
    services.reply_vote(user=author, reply=duplicate_reply, value=1)

    merged = services.thread_merge(actor=site_moderator, source=source, target=target)

    source.refresh_from_db()
    assert merged == target and source.merged_into == target and source.merged_at
    assert not source.is_visible_to(author)
    assert not Thread.objects.visible_to(author).filter(pk=source.pk).exists()
    bodies = list(Reply.objects.filter(thread=target).values_list("body", flat=True))
    # In the order they were written: the source's opening text came after the first answer.
    assert bodies == ["Form 1111", "Need the form", "Same as the other thread"]
    target.refresh_from_db()
    assert target.reply_count == 3 and target.score == 1
    assert followers(target) == {"ratna", "budi", "eko"}


def test_a_thread_cannot_be_merged_into_itself(question, site_moderator):
    with pytest.raises(ValidationError):
        services.thread_merge(actor=site_moderator, source=question, target=question)


def test_only_moderators_merge(author, question, company_category):
    other = start(author, company_category, title="Other")

    with pytest.raises(PermissionDenied):
        services.thread_merge(actor=author, source=other, target=question)


# --- follow --------------------------------------------------------------------------------


def test_anyone_who_sees_a_thread_may_follow_and_unfollow(colleague, question):
    assert services.thread_follow(user=colleague, thread=question) is True
    assert services.thread_follow(user=colleague, thread=question) is False
    assert followers(question) == {"ratna", "budi"}

    assert services.thread_unfollow(user=colleague, thread=question) is True
    assert services.thread_unfollow(user=colleague, thread=question) is False
    assert followers(question) == {"ratna"}


def test_outsiders_cannot_follow_a_private_thread(
    author, outsider, private_community, private_category
):
    join(author, private_community)
    thread = start(author, private_category)

    with pytest.raises(Http404):
        services.thread_follow(user=outsider, thread=thread)


def test_views_count_other_people(author, colleague, question):
    services.thread_mark_viewed(user=author, thread=question)
    services.thread_mark_viewed(user=colleague, thread=question)

    question.refresh_from_db()
    assert question.view_count == 1


# --- accepted answers and time to answer -----------------------------------------------------


def test_the_asker_accepts_an_answer_and_can_change_it(
    author, colleague, outsider, question, published, django_capture_on_commit_callbacks
):
    first = answer(colleague, question)
    second = answer(outsider, question, "Form 1111 (2025 edition)")

    with django_capture_on_commit_callbacks(execute=True):
        services.answer_accept(actor=author, reply=first)
    question.refresh_from_db()
    solved_at = question.solved_at
    assert question.accepted_reply == first and question.is_solved and solved_at

    services.answer_accept(actor=author, reply=second)
    question.refresh_from_db()
    assert question.accepted_reply == second and question.solved_at == solved_at
    [event] = named(published, "answer.accepted")
    assert event.payload["reply_author_id"] == colleague.pk
    assert event.payload["seconds_to_answer"] >= 0


def test_taking_the_answer_back_makes_the_question_unsolved(author, colleague, question):
    reply = answer(colleague, question)
    services.answer_accept(actor=author, reply=reply)

    services.answer_unaccept(actor=author, thread=question)

    question.refresh_from_db()
    assert question.accepted_reply is None and question.solved_at is None
    assert question.time_to_accepted_answer is None


def test_accepting_an_answer_on_someone_elses_question_is_forbidden(colleague, outsider, question):
    reply = answer(outsider, question)

    with pytest.raises(PermissionDenied, match="asked"):
        services.answer_accept(actor=colleague, reply=reply)


def test_a_moderator_may_accept_for_the_asker(colleague, question, site_moderator):
    reply = answer(colleague, question)

    services.answer_accept(actor=site_moderator, reply=reply)

    assert Thread.objects.get(pk=question.pk).accepted_reply == reply


def test_discussions_have_no_accepted_answers(author, colleague, company_category):
    thread = start(author, company_category)
    reply = answer(colleague, thread)

    with pytest.raises(ValidationError, match="Only questions"):
        services.answer_accept(actor=author, reply=reply)


def test_a_deleted_accepted_answer_leaves_the_question_unsolved(author, colleague, question):
    reply = answer(colleague, question)
    services.answer_accept(actor=author, reply=reply)

    services.reply_delete(actor=colleague, reply=reply)

    question.refresh_from_db()
    assert question.accepted_reply is None and question.solved_at is None


def test_time_to_first_reply_and_to_the_accepted_answer(author, colleague, question):
    created = question.created_at
    Thread.objects.filter(pk=question.pk).update(created_at=created - timedelta(minutes=30))
    question.refresh_from_db()
    answer(author, question, "Still looking")  # The asker's own reply does not count.
    question.refresh_from_db()
    assert question.first_reply_at is None and question.time_to_first_reply is None

    reply = answer(colleague, question)
    services.answer_accept(actor=author, reply=reply)

    question.refresh_from_db()
    assert timedelta(minutes=29) < question.time_to_first_reply < timedelta(minutes=31)
    assert timedelta(minutes=29) < question.time_to_accepted_answer < timedelta(minutes=31)
    assert question.time_to_accepted_answer >= question.time_to_first_reply
    assert question.solved_at <= timezone.now()


def test_a_member_of_the_community_left_cannot_edit_anymore(
    author, private_community, private_category
):
    from communities import services as communities

    join(author, private_community)
    thread = start(author, private_category)
    communities.community_leave(user=author, community=private_community)

    with pytest.raises(Http404):
        services.thread_edit(actor=fresh(author), thread=thread, title="Changed")
