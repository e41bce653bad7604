"""Reading the forum through forums.selectors: categories with counts, a category's threads
(filters, sorts, pinned first, pages), one thread (merged ones lead on), replies best first
with the viewer's votes, and the number of queries, which does not grow with the rows."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from forums import selectors, services
from forums.models import Thread
from tests.factories import UserFactory
from tests.forums.conftest import answer, ask, make_category, start
from tests.helpers import fresh, join

pytestmark = pytest.mark.django_db


def titles(page) -> list[str]:
    return [thread.title for thread in page]


def test_categories_come_in_order_with_counts_of_visible_threads(
    author, colleague, communicator, site_moderator
):
    hr = make_category(actor=communicator, name="HR")
    it = make_category(actor=communicator, name="IT")
    start(author, hr, title="Leave")
    start(author, hr, title="Payroll")
    gone = start(author, it, title="Printer")
    services.thread_delete(actor=author, thread=gone)

    found = selectors.categories_for(colleague)

    assert [(c.name, c.thread_count) for c in found] == [("HR", 2), ("IT", 0)]
    assert found[0].last_activity_at is not None


def test_a_communitys_categories_are_for_those_who_may_read_it(
    author, outsider, private_community, secret_community, private_category, secret_category
):
    join(author, private_community)

    assert [c.pk for c in selectors.categories_for(author, private_community)] == [
        private_category.pk
    ]
    with pytest.raises(PermissionDenied):
        selectors.categories_for(outsider, private_community)
    with pytest.raises(Http404):
        selectors.categories_for(outsider, secret_community)


def test_threads_sorted_by_activity_newest_and_votes_with_pinned_first(
    author, colleague, company_category, site_moderator
):
    old = start(author, company_category, title="Old")
    voted = start(author, company_category, title="Voted")
    new = start(author, company_category, title="New")
    Thread.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    reply = answer(colleague, voted)
    services.reply_vote(user=author, reply=reply, value=1)
    answer(colleague, old, "Bump")  # The latest activity.

    assert titles(selectors.threads_in(author, company_category)) == ["Old", "Voted", "New"]
    assert titles(selectors.threads_in(author, company_category, sort="newest")) == [
        "New", "Voted", "Old",
    ]  # fmt: skip
    assert titles(selectors.threads_in(author, company_category, sort="votes"))[0] == "Voted"

    services.thread_pin(actor=site_moderator, thread=new)
    assert titles(selectors.threads_in(author, company_category))[0] == "New"


def test_unanswered_and_unsolved_lists(author, colleague, company_category):
    asked = ask(author, company_category, title="Open question")
    answered = ask(author, company_category, title="Answered question")
    solved = ask(author, company_category, title="Solved question")
    talk = start(author, company_category, title="Quiet discussion")
    answer(author, asked, "Bump")  # The asker's own reply leaves it unanswered.
    answer(colleague, answered)
    services.answer_accept(actor=author, reply=answer(colleague, solved))

    unanswered = titles(selectors.threads_in(author, company_category, filter="unanswered"))
    unsolved = titles(selectors.threads_in(author, company_category, filter="unsolved"))

    assert sorted(unanswered) == sorted([asked.title, talk.title])
    assert sorted(unsolved) == sorted([asked.title, answered.title])


@pytest.mark.parametrize("bad", [{"filter": "mine"}, {"sort": "random"}])
def test_unknown_filters_and_sorts_are_refused(author, company_category, bad):
    with pytest.raises(ValidationError):
        selectors.threads_in(author, company_category, **bad)


def test_threads_come_in_pages(author, company_category):
    for i in range(5):
        start(author, company_category, title=f"T{i}")

    first = selectors.threads_in(author, company_category, per_page=2)
    last = selectors.threads_in(author, company_category, per_page=2, page=3)

    assert len(first) == 2 and first.has_next() and len(last) == 1 and not last.has_next()


def test_followed_threads_are_marked_for_the_viewer(author, colleague, question, company_category):
    [thread] = selectors.threads_in(author, company_category)
    [theirs] = selectors.threads_in(colleague, company_category)

    assert thread.is_followed is True and theirs.is_followed is False


def test_thread_detail_is_404_for_what_the_viewer_may_not_see(
    author, outsider, private_community, secret_community, private_category, secret_category
):
    join(author, private_community)
    join(author, secret_community)
    private = start(author, private_category)
    secret = start(author, secret_category)

    assert selectors.thread_detail(fresh(author), private.pk) == private
    for thread in (private, secret):
        with pytest.raises(Http404):
            selectors.thread_detail(outsider, thread.pk)
    with pytest.raises(Http404):
        selectors.thread_detail(outsider, 10**9)


def test_a_deleted_thread_is_404_except_for_moderators_who_ask(author, question, site_moderator):
    services.thread_delete(actor=author, thread=question)

    with pytest.raises(Http404):
        selectors.thread_detail(author, question.pk, include_deleted=True)
    with pytest.raises(Http404):
        selectors.thread_detail(site_moderator, question.pk)
    assert selectors.thread_detail(site_moderator, question.pk, include_deleted=True) == question


def test_a_merged_thread_leads_to_the_one_it_was_merged_into(
    author, colleague, company_category, site_moderator
):
    target = start(author, company_category, title="Target")
    source = start(colleague, company_category, title="Source")
    services.thread_merge(actor=site_moderator, source=source, target=target)

    found = selectors.thread_detail(colleague, source.pk)

    assert found.pk == target.pk
    assert titles(selectors.threads_in(colleague, company_category)) == ["Target"]


def test_replies_of_a_question_come_accepted_first_then_by_score(
    author, colleague, outsider, question
):
    third = UserFactory(username="third")
    plain = answer(colleague, question, "Plain")
    liked = answer(outsider, question, "Liked")
    accepted = answer(third, question, "Accepted")
    services.reply_vote(user=author, reply=liked, value=1)
    services.reply_vote(user=author, reply=plain, value=-1)
    services.answer_accept(actor=author, reply=accepted)
    question.refresh_from_db()

    replies = list(selectors.replies_for(author, question))

    assert [r.body for r in replies] == ["Accepted", "Liked", "Plain"]
    assert [r.is_accepted for r in replies] == [True, False, False]
    assert [r.viewer_vote for r in replies] == [None, 1, -1]


def test_replies_of_a_discussion_come_in_the_order_written(
    author, colleague, outsider, company_category
):
    thread = start(author, company_category)
    answer(colleague, thread, "First")
    second = answer(outsider, thread, "Second")
    services.reply_vote(user=author, reply=second, value=1)
    gone = answer(colleague, thread, "Deleted")
    services.reply_delete(actor=colleague, reply=gone)

    assert [r.body for r in selectors.replies_for(author, thread)] == ["First", "Second"]


def test_replies_are_404_for_outsiders(author, outsider, private_community, private_category):
    join(author, private_community)
    thread = start(author, private_category)

    with pytest.raises(Http404):
        selectors.replies_for(outsider, thread)
    with pytest.raises(Http404):
        selectors.reply_get_for(outsider, answer(author, thread).pk)


# --- query counts -----------------------------------------------------------------------------


# Site roles, the count, the page, the tags.
THREAD_LIST_QUERIES = 4
# The count, the page, the attachments (plus one for the thread itself).
REPLIES_QUERIES = 3


def fill_category(category, count: int, people: list) -> None:
    for i in range(count):
        thread = ask(people[i % len(people)], category, title=f"Question {i}",
                     tags=[f"topic{i % 7}", "common"])  # fmt: skip
        answer(people[(i + 1) % len(people)], thread, f"Answer {i}")


@pytest.mark.parametrize("count", [10, 100])
def test_the_thread_list_costs_the_same_for_10_and_100_threads(
    count, author, colleague, outsider, public_community, django_assert_max_num_queries
):
    for person in (author, colleague, outsider):
        join(person, public_community)
    category = make_category(actor=public_community.created_by, community=public_community)
    fill_category(category, count, [author, colleague, outsider])
    viewer = fresh(UserFactory(username="viewer"))

    with django_assert_max_num_queries(THREAD_LIST_QUERIES):
        page = selectors.threads_in(viewer, category, per_page=100)
        rows = [(t.title, t.author.name, t.category.name, [x.name for x in t.tags.all()],
                 t.is_followed, t.is_solved, t.time_to_first_reply) for t in page]  # fmt: skip
    assert len(rows) == count


@pytest.mark.parametrize("count", [10, 100])
def test_categories_cost_the_same_for_10_and_100_threads(
    count, author, colleague, communicator, django_assert_max_num_queries
):
    category = make_category(actor=communicator)
    make_category(actor=communicator, name="Other")
    fill_category(category, count, [author, colleague])

    with django_assert_max_num_queries(1):
        found = selectors.categories_for(colleague)
    assert found[0].thread_count == count


@pytest.mark.parametrize("count", [10, 100])
def test_a_thread_page_costs_the_same_for_10_and_100_replies(
    count, author, company_category, django_assert_max_num_queries
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    thread = ask(author, company_category)
    people = [UserFactory(username=f"helper{i}") for i in range(5)]
    previous = None
    for i in range(count):
        files = [SimpleUploadedFile(f"log{i}.txt", b"log")] if i % 10 == 0 else ()
        previous = answer(people[i % 5], thread, f"Try this {i}", quoted=previous,
                          attachments=files)  # fmt: skip
        services.reply_vote(user=author, reply=previous, value=1 if i % 2 else -1)
    services.answer_accept(actor=author, reply=previous)
    viewer = fresh(UserFactory(username="viewer"))

    with django_assert_max_num_queries(REPLIES_QUERIES + 1):
        shown = selectors.thread_detail(viewer, thread.pk)
        replies = selectors.replies_for(viewer, shown, per_page=100)
        rows = [(r.author.name, r.quoted and r.quoted.author.name, r.viewer_vote, r.is_accepted,
                 [a.name for a in r.attachments.all()], r.body_html) for r in replies]  # fmt: skip
    assert len(rows) == count and rows[0][3] is True


def test_recent_threads_are_the_newest_the_viewer_may_see(
    author, outsider, company_category, private_community, django_assert_max_num_queries
):
    join(author, private_community)
    inside = make_category(actor=private_community.created_by, community=private_community)
    start(author, company_category, title="Open")
    start(fresh(author), inside, title="Members only")

    assert [t.title for t in selectors.threads_recent(fresh(author))] == ["Members only", "Open"]
    with django_assert_max_num_queries(2):
        assert [t.title for t in selectors.threads_recent(fresh(outsider))] == ["Open"]
    in_community = selectors.threads_recent(fresh(author), community=private_community)
    assert [t.title for t in in_community] == ["Members only"]
