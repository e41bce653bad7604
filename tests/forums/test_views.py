"""The forum's pages (forums.views): the index, a category, starting a thread, a thread with
its replies, votes, accepting, following, moderating, editing and history; who may open them
(404 for hidden places, 403 for what one sees but may not do); bad input; escaping; query
counts."""

import re

import pytest
from django.core import mail  # noqa: F401 - keeps the outbox per test.
from django.urls import reverse

from forums import services
from forums.models import Reply, ReplyVote, Thread
from tests.factories import UserFactory
from tests.forums.conftest import answer, ask, join, make_category, start

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def as_user(client, person):
    client.force_login(person)
    return client


# --- happy paths ------------------------------------------------------------------------------


def test_the_index_shows_company_categories_readable_community_ones_and_recent_threads(
    client, author, colleague, company_category, private_category, private_community,
    secret_category,
):  # fmt: skip
    join(author, private_community)
    start(colleague, company_category, title="Closing the books in March")

    response = as_user(client, author).get(reverse("forums:index"))

    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("forums:index") == "/forum/"
    assert "Finance procedures" in html and "1 thread" in html
    assert "Tax Team" in html and private_category.get_absolute_url() in html
    assert "Merger Room" not in html and secret_category.get_absolute_url() not in html
    assert "Closing the books in March" in html
    assert 'href="/forum/"' in html  # the top navigation shows the forum
    assert f'href="{reverse("forums:experts")}"' in html


def test_the_index_filters_and_sorts_recent_threads(client, author, colleague, company_category):
    solved = ask(author, company_category, title="Solved one")
    services.answer_accept(actor=author, reply=answer(colleague, solved))
    ask(author, company_category, title="Open one")
    start(author, company_category, title="Talk one")
    client = as_user(client, author)

    unsolved = client.get(reverse("forums:index"), {"filter": "unsolved", "sort": "newest"})
    unanswered = client.get(reverse("forums:index"), {"filter": "unanswered", "sort": "votes"})

    assert "Open one" in unsolved.content.decode()
    assert "Solved one" not in unsolved.content.decode()
    assert "Talk one" not in unsolved.content.decode()
    assert "Solved one" not in unanswered.content.decode()
    assert "Talk one" in unanswered.content.decode()


def test_a_category_lists_pinned_first_with_badges_counts_and_filters(
    client, author, colleague, site_moderator, company_category
):
    older = ask(author, company_category, title="Pinned question")
    services.thread_pin(actor=site_moderator, thread=older)
    newer = start(colleague, company_category, title="A discussion")
    answer(colleague, older)
    services.answer_accept(actor=author, reply=older.replies.get())

    response = as_user(client, author).get(company_category.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert html.index("Pinned question") < html.index("A discussion")
    assert "Solved" in html and "Question" in html and "Discussion" in html
    assert "<time datetime=" in html
    assert newer.get_absolute_url() in html
    unsolved = as_user(client, author).get(
        company_category.get_absolute_url(), {"filter": "unsolved"}
    )
    assert "Pinned question" not in unsolved.content.decode()


def test_a_category_is_also_found_by_its_id_and_pages(client, author, company_category):
    for number in range(27):
        start(author, company_category, title=f"Thread {number}")
    client = as_user(client, author)

    first = client.get(reverse("forums:category", args=[company_category.pk]))
    second = client.get(reverse("forums:category", args=[company_category.pk]), {"page": 2})

    assert first.status_code == 200 and "Page 1 of 2" in first.content.decode()
    assert second.content.decode().count('class="list-group-item forum-thread-row') == 2


def test_asking_a_question_starts_the_thread_and_opens_it(client, author, company_category):
    url = reverse("forums:thread-new", args=[company_category.pk])
    client = as_user(client, author)
    assert client.get(url).status_code == 200

    response = client.post(
        url, {"kind": "question", "title": "Printer jams", "body": "On **A3**", "tags": "printer"}
    )

    thread = Thread.objects.get()
    assert response.status_code == 302 and response.url == thread.get_absolute_url()
    assert thread.is_question and thread.author == author
    assert list(thread.tags.names()) == ["printer"]
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Printer jams" in page and "<strong>A3</strong>" in page and "#printer" in page


def test_the_thread_page_shows_replies_accepted_first_votes_and_timing(
    client, author, colleague, question
):
    first = answer(colleague, question, "First try")
    best = answer(UserFactory(), question, "The real fix")
    services.answer_accept(actor=author, reply=best)

    response = as_user(client, author).get(question.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert html.index(f'id="reply-{best.pk}"') < html.index(f'id="reply-{first.pk}"')
    assert "Accepted answer" in html and "Solved" in html
    assert "Answered in" in html
    assert reverse("forums:reply-vote", args=[first.pk]) in html
    assert 'aria-live="polite"' in html
    assert "Accept this answer" in html  # the asker may change the answer


def test_replying_posts_and_follows_and_quoting_prefills_the_form(
    client, author, colleague, question
):
    quoted = answer(author, question, "Maybe form 1111?")
    client = as_user(client, colleague)
    page = client.get(question.get_absolute_url(), {"quote": quoted.pk}).content.decode()
    assert f'name="quoted" value="{quoted.pk}"' in page and "Quoting Ratna Sari" in page

    response = client.post(
        reverse("forums:reply-create", args=[question.pk]),
        {"body": "Yes, 1111.", "quoted": quoted.pk},
    )

    reply = Reply.objects.get(body="Yes, 1111.")
    assert response.status_code == 302 and response.url == reply.get_absolute_url()
    assert reply.quoted == quoted
    assert reply.get_absolute_url() == f"/forum/r/{reply.pk}/"
    assert question.subscriptions.filter(user=colleague).exists()


def test_voting_with_htmx_swaps_the_widget_and_a_second_press_takes_it_back(
    client, author, colleague, question
):
    reply = answer(colleague, question)
    client = as_user(client, author)
    url = reverse("forums:reply-vote", args=[reply.pk])

    up = client.post(url, {"value": "1"}, **HX)
    again = client.post(url, {"value": "1"}, **HX)
    back = client.post(url, {"value": "0"}, **HX)

    assert up.status_code == 200 and f'id="vote-{reply.pk}"' in up.content.decode()
    assert 'aria-pressed="true"' in up.content.decode()
    assert ReplyVote.objects.count() == 0 and back.status_code == 200
    assert again.status_code == 200
    assert Reply.objects.get(pk=reply.pk).score == 0
    client.post(url, {"value": "-1"})
    assert Reply.objects.get(pk=reply.pk).score == -1


def test_accepting_marks_the_question_solved(client, author, colleague, question):
    reply = answer(colleague, question)

    response = as_user(client, author).post(reverse("forums:reply-accept", args=[reply.pk]))

    assert response.status_code == 302
    assert Thread.objects.get(pk=question.pk).accepted_reply_id == reply.pk
    client.post(reverse("forums:thread-unaccept", args=[question.pk]))
    assert Thread.objects.get(pk=question.pk).accepted_reply_id is None


def test_following_and_unfollowing(client, colleague, question):
    client = as_user(client, colleague)
    url = reverse("forums:thread-follow", args=[question.pk])

    client.post(url, {"follow": "1"})
    assert question.subscriptions.filter(user=colleague).exists()
    assert "Following" in client.get(question.get_absolute_url()).content.decode()
    client.post(url, {"follow": "0"})
    assert not question.subscriptions.filter(user=colleague).exists()


@pytest.mark.parametrize(
    "action, field, value",
    [("pin", "is_pinned", True), ("lock", "is_locked", True), ("delete", "deleted_at", True)],
)
def test_moderators_pin_lock_and_delete(client, site_moderator, question, action, field, value):
    client = as_user(client, site_moderator)
    assert "Moderator tools" in client.get(question.get_absolute_url()).content.decode()

    client.post(reverse("forums:thread-moderate", args=[question.pk, action]))

    assert bool(getattr(Thread.objects.get(pk=question.pk), field)) is value


def test_moderators_restore_move_and_merge(
    client, author, site_moderator, communicator, question, company_category
):
    other = make_category(actor=communicator, name="HR policy")
    target = ask(author, other, title="The same VAT question")
    services.thread_delete(actor=site_moderator, thread=question)
    client = as_user(client, site_moderator)

    deleted_page = client.get(question.get_absolute_url())
    client.post(reverse("forums:thread-moderate", args=[question.pk, "restore"]))
    client.post(reverse("forums:thread-move", args=[question.pk]), {"category": other.pk})
    merged = client.post(reverse("forums:thread-merge", args=[question.pk]), {"target": target.pk})

    assert deleted_page.status_code == 200 and "Restore" in deleted_page.content.decode()
    moved = Thread.objects.get(pk=question.pk)
    assert moved.category == other and moved.merged_into == target
    assert merged.url == target.get_absolute_url()
    follow = as_user(client, author).get(question.get_absolute_url())
    assert follow.status_code == 302 and follow.url == target.get_absolute_url()


def test_the_author_edits_the_thread_and_sees_the_history(client, author, question):
    client = as_user(client, author)
    url = reverse("forums:thread-edit", args=[question.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, {"title": "Which VAT form?", "body": "Form 1111 or 1107?"})

    assert response.status_code == 302
    history = client.get(reverse("forums:thread-history", args=[question.pk])).content.decode()
    assert "Which VAT form?" in history and "Where is the VAT form?" in history


def test_the_author_edits_a_reply_and_moderators_see_its_history(
    client, colleague, site_moderator, question
):
    reply = answer(colleague, question, "Use 1111")
    client = as_user(client, colleague)

    client.post(reverse("forums:reply-edit", args=[reply.pk]), {"body": "Use form 1111"})

    assert Reply.objects.get(pk=reply.pk).body == "Use form 1111"
    page = as_user(client, site_moderator).get(reverse("forums:reply-history", args=[reply.pk]))
    assert page.status_code == 200 and "Use 1111" in page.content.decode()


def test_the_author_deletes_a_reply(client, colleague, question):
    reply = answer(colleague, question)

    as_user(client, colleague).post(reverse("forums:reply-delete", args=[reply.pk]))

    assert Reply.objects.get(pk=reply.pk).is_deleted


def test_a_reply_file_downloads_for_those_who_see_it(client, author, colleague, question):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("manual.pdf", b"%PDF-1.4", "application/pdf")
    reply = answer(colleague, question, attachments=[upload])
    stored = reply.attachments.get()
    url = reverse("forums:reply-file", args=[reply.pk, stored.pk])

    page = as_user(client, author).get(question.get_absolute_url()).content.decode()
    response = client.get(url)

    assert url in page
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4"


# --- who may open what ------------------------------------------------------------------------


@pytest.fixture(params=["private", "secret"])
def hidden(request, author, colleague, private_community, secret_community):
    """A question (with a reply) in a private or secret community the outsider is not in."""
    community = private_community if request.param == "private" else secret_community
    join(author, community)
    join(colleague, community)
    category = make_category(actor=community.created_by, community=community)
    thread = ask(author, category)
    reply = answer(colleague, thread)
    return category, thread, reply


def test_outsiders_get_404_on_every_forum_url_of_a_hidden_community(client, outsider, hidden):
    category, thread, reply = hidden
    client = as_user(client, outsider)
    gets = [
        reverse("forums:category", args=[category.pk]),
        reverse("forums:thread-new", args=[category.pk]),
        thread.get_absolute_url(),
        reverse("forums:reply-history", args=[reply.pk]),
    ]
    posts = [
        (reverse("forums:thread-new", args=[category.pk]), {"title": "x", "kind": "question"}),
        (reverse("forums:reply-create", args=[thread.pk]), {"body": "x"}),
        (reverse("forums:reply-vote", args=[reply.pk]), {"value": "1"}),
        (reverse("forums:reply-accept", args=[reply.pk]), {}),
        (reverse("forums:thread-follow", args=[thread.pk]), {}),
    ]

    codes = {url: client.get(url).status_code for url in gets}
    codes.update({url: client.post(url, data).status_code for url, data in posts})
    index = client.get(reverse("forums:index")).content.decode()

    assert set(codes.values()) == {404}, codes
    assert category.community.name not in index and thread.title not in index
    assert Reply.objects.count() == 1 and ReplyVote.objects.count() == 0
    assert Thread.objects.count() == 1


def test_members_open_the_hidden_community_forum(client, author, hidden):
    category, thread, _reply = hidden
    client = as_user(client, author)

    assert client.get(category.get_absolute_url()).status_code == 200
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, question):
    response = client.get(question.get_absolute_url())

    assert response.status_code == 302 and "login" in response.url


def test_a_non_author_cannot_edit_a_thread_or_a_reply(client, author, colleague, question):
    reply = answer(author, question)
    client = as_user(client, colleague)

    assert client.get(reverse("forums:thread-edit", args=[question.pk])).status_code == 403
    assert (
        client.post(reverse("forums:reply-edit", args=[reply.pk]), {"body": "x"}).status_code == 403
    )
    assert client.get(reverse("forums:thread-history", args=[question.pk])).status_code == 403
    assert Reply.objects.get(pk=reply.pk).body == "Use form 1111."


def test_someone_other_than_the_asker_cannot_accept(client, author, colleague, question):
    reply = answer(author, question)

    response = as_user(client, colleague).post(reverse("forums:reply-accept", args=[reply.pk]))

    assert response.status_code == 403
    assert Thread.objects.get(pk=question.pk).accepted_reply_id is None


def test_members_cannot_moderate(client, colleague, question):
    client = as_user(client, colleague)

    pin = client.post(reverse("forums:thread-moderate", args=[question.pk, "pin"]))
    merge = client.post(reverse("forums:thread-merge", args=[question.pk]), {"target": 1})

    assert pin.status_code == 403 and merge.status_code == 403
    assert "Moderator tools" not in client.get(question.get_absolute_url()).content.decode()


def test_writes_are_post_only(client, author, colleague, question):
    reply = answer(colleague, question)
    client = as_user(client, author)

    assert client.get(reverse("forums:reply-vote", args=[reply.pk])).status_code == 405
    assert client.get(reverse("forums:reply-accept", args=[reply.pk])).status_code == 405
    assert client.get(reverse("forums:reply-create", args=[question.pk])).status_code == 405


def test_starting_a_thread_where_one_may_not_post_shows_why(client, colleague, public_community):
    from communities import services as community_services

    category = make_category(actor=public_community.created_by, community=public_community)
    community_services.community_set_archived(
        actor=public_community.created_by, community=public_community, archived=True
    )

    response = as_user(client, colleague).get(reverse("forums:thread-new", args=[category.pk]))

    assert response.status_code == 403
    assert "archived" in response.content.decode()


# --- bad input --------------------------------------------------------------------------------


def test_an_empty_title_keeps_what_was_typed(client, author, company_category):
    response = as_user(client, author).post(
        reverse("forums:thread-new", args=[company_category.pk]),
        {"kind": "question", "title": "  ", "body": "My careful details", "tags": "sap"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Give the thread a title." in html
    assert "My careful details" in html and 'value="sap"' in html
    assert Thread.objects.count() == 0


def test_an_empty_reply_shows_the_error_on_the_thread_page(client, colleague, question):
    response = as_user(client, colleague).post(
        reverse("forums:reply-create", args=[question.pk]), {"body": "   "}
    )

    assert response.status_code == 200
    assert "Write something first." in response.content.decode()
    assert Reply.objects.count() == 0


def test_replying_to_a_locked_thread_is_refused_with_a_message(
    client, colleague, site_moderator, question
):
    services.thread_lock(actor=site_moderator, thread=question)
    client = as_user(client, colleague)

    page = client.get(question.get_absolute_url()).content.decode()
    response = client.post(
        reverse("forums:reply-create", args=[question.pk]), {"body": "Let me in"}, follow=True
    )

    assert "it takes no new replies" in page and 'name="body"' not in page
    assert "This thread is locked: it takes no new replies." in response.content.decode()
    assert Reply.objects.count() == 0


def test_voting_on_ones_own_reply_is_refused_with_a_message(client, colleague, question):
    reply = answer(colleague, question)
    client = as_user(client, colleague)
    url = reverse("forums:reply-vote", args=[reply.pk])

    htmx = client.post(url, {"value": "1"}, **HX)
    plain = client.post(url, {"value": "1"}, follow=True)

    assert "You cannot vote on your own reply." in htmx.content.decode()
    assert "You cannot vote on your own reply." in plain.content.decode()
    assert ReplyVote.objects.count() == 0


def test_merging_into_a_thread_that_does_not_exist_says_so(client, site_moderator, question):
    response = as_user(client, site_moderator).post(
        reverse("forums:thread-merge", args=[question.pk]), {"target": 999999}, follow=True
    )

    assert "There is no such thread to merge into." in response.content.decode()
    assert Thread.objects.get(pk=question.pk).merged_into is None


# --- escaping ---------------------------------------------------------------------------------


def test_titles_and_text_are_escaped_everywhere(client, author, colleague, company_category):
    thread = ask(
        author,
        company_category,
        title="<script>alert(1)</script>",
        body="<img src=x onerror=alert(1)>",
    )
    answer(colleague, thread, "<script>alert(2)</script>")
    client = as_user(client, author)

    pages = [
        client.get(reverse("forums:index")),
        client.get(company_category.get_absolute_url()),
        client.get(thread.get_absolute_url()),
    ]

    for page in pages:
        html = page.content.decode()
        assert "<script>alert" not in html
        assert "onerror=alert" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[2].content.decode()


# --- query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 100])
def test_the_category_page_costs_the_same_for_10_and_100_threads(
    client, author, colleague, company_category, django_assert_max_num_queries, count
):
    for number in range(count):
        thread = ask(UserFactory(), company_category, title=f"Question {number}", tags=["sap"])
        if number % 3 == 0:
            answer(colleague, thread)
    client = as_user(client, author)
    client.get(company_category.get_absolute_url())  # warm the session and caches

    with django_assert_max_num_queries(10):
        response = client.get(company_category.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 100])
def test_the_thread_page_costs_the_same_for_10_and_100_replies(
    client, author, company_category, django_assert_max_num_queries, count
):
    thread = ask(author, company_category, body="Details #sap")
    repliers = [UserFactory() for _ in range(5)]
    for number in range(count):
        reply = answer(repliers[number % 5], thread, f"Answer {number}")
        if number % 4 == 0:
            services.reply_vote(user=author, reply=reply, value=1)
    services.answer_accept(actor=author, reply=reply)
    client = as_user(client, author)
    client.get(thread.get_absolute_url())

    with django_assert_max_num_queries(12):
        response = client.get(thread.get_absolute_url())

    assert response.status_code == 200
    assert len(re.findall(r'<li id="reply-\d+"', response.content.decode())) == count
