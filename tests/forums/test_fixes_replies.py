"""Review 5's fixes around replies: files attached through the page (and the API), a reply's
permanent address that finds its page, "Unanswered" after the only answer is deleted, the
move list, Markdown images in forum text, and accepting in a locked thread."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from forums import selectors, services
from forums.models import Reply, Thread
from notifications.models import Notification, Verb
from tests.factories import UserFactory
from tests.forums.conftest import answer, ask, fresh, join, make_category, start

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def as_user(client, person):
    client.force_login(person)
    return client


def pdf(name="manual.pdf", content=b"%PDF-1.4 tray 2"):
    return SimpleUploadedFile(name, content, "application/pdf")


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content)


def reply_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li id="reply-(\d+)"', html)]


# --- #2 files attached to a reply through the page ------------------------------------------


def test_the_reply_form_takes_files_with_a_labelled_input(client, colleague, question):
    page = as_user(client, colleague).get(question.get_absolute_url()).content.decode()

    form = page[page.index('action="' + reverse("forums:reply-create", args=[question.pk])) :]
    form = form[: form.index("</form>")]
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file" name="attachments"' in form and "multiple" in form
    assert '<label class="form-label small fw-semibold" for="id_attachments">Files</label>' in form
    assert 'aria-describedby="id_attachments_helptext"' in form
    assert 'id="id_attachments_helptext"' in form


def test_a_file_posted_with_a_reply_through_the_page_downloads(client, author, colleague, question):
    response = as_user(client, colleague).post(
        reverse("forums:reply-create", args=[question.pk]),
        {"body": "The manual says tray 2.", "attachments": [pdf(), pdf("photo.txt", b"jam")]},
    )

    reply = Reply.objects.get(body="The manual says tray 2.")
    stored = list(reply.attachments.order_by("position"))
    assert response.status_code == 302
    assert [f.name for f in stored] == ["manual.pdf", "photo.txt"]
    page = as_user(client, author).get(question.get_absolute_url()).content.decode()
    url = reverse("forums:reply-file", args=[reply.pk, stored[0].pk])
    assert url in page and "manual.pdf" in page
    download = client.get(url)
    assert download.status_code == 200 and downloaded(download) == b"%PDF-1.4 tray 2"
    assert 'filename="manual.pdf"' in download["Content-Disposition"]


def test_too_many_files_keep_the_text_and_write_nothing(client, colleague, question):
    files = [pdf(f"f{i}.pdf") for i in range(11)]

    response = as_user(client, colleague).post(
        reverse("forums:reply-create", args=[question.pk]),
        {"body": "Eleven files", "attachments": files},
        **HX,
    )

    page = response.content.decode()
    assert response.status_code == 422
    assert "Attach at most 10 files." in page and "Eleven files" in page
    assert not Reply.objects.exists()


def test_an_outsider_cannot_download_a_private_reply_file(
    client, author, colleague, outsider, private_community, private_category
):
    join(author, private_community)
    join(colleague, private_community)
    thread = ask(author, private_category)
    as_user(client, colleague).post(
        reverse("forums:reply-create", args=[thread.pk]),
        {"body": "Here it is", "attachments": [pdf()]},
    )
    reply = Reply.objects.get()
    url = reverse("forums:reply-file", args=[reply.pk, reply.attachments.get().pk])

    assert as_user(client, outsider).get(url).status_code == 404


def test_the_api_takes_a_multipart_reply_with_files(author, colleague, question):
    api = APIClient()
    api.force_login(fresh(colleague))

    response = api.post(
        f"/api/v1/threads/{question.pk}/replies/",
        {"body": "See the manual.", "attachments": [pdf()]},
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    files = response.json()["attachments"]
    assert [(f["name"], f["size"]) for f in files] == [("manual.pdf", len(b"%PDF-1.4 tray 2"))]
    reader = APIClient()
    reader.force_login(fresh(author))
    download = reader.get(files[0]["url"])
    assert download.status_code == 200 and downloaded(download) == b"%PDF-1.4 tray 2"


def test_the_api_refuses_too_many_files_with_the_field_and_writes_nothing(colleague, question):
    api = APIClient()
    api.force_login(fresh(colleague))

    response = api.post(
        f"/api/v1/threads/{question.pk}/replies/",
        {"body": "Eleven", "attachments": [pdf(f"f{i}.pdf") for i in range(11)]},
        format="multipart",
    )

    assert response.status_code == 400 and "attachments" in response.json()
    assert not Reply.objects.exists()


# --- #3 a reply's permanent address -----------------------------------------------------------


def many_replies(thread, count: int) -> list[Reply]:
    people = [UserFactory() for _ in range(4)]
    return [answer(people[n % 4], thread, f"Answer {n}") for n in range(count)]


def test_a_reply_links_to_its_permalink():
    reply = Reply(pk=7, thread_id=3)

    assert reply.get_absolute_url() == "/forum/r/7/" == reverse("forums:reply", args=[7])


def test_the_101st_reply_of_a_discussion_is_found_on_the_second_page(
    client, author, company_category
):
    thread = start(author, company_category, title="Long talk")
    replies = many_replies(thread, 101)
    client = as_user(client, author)

    first = client.get(replies[0].get_absolute_url())
    hundredth = client.get(replies[99].get_absolute_url())
    last = client.get(replies[100].get_absolute_url())

    assert first.url == f"/forum/t/{thread.pk}/?page=1#reply-{replies[0].pk}"
    assert hundredth.url == f"/forum/t/{thread.pk}/?page=1#reply-{replies[99].pk}"
    assert last.status_code == 302
    assert last.url == f"/forum/t/{thread.pk}/?page=2#reply-{replies[100].pk}"
    page_two = client.get(last.url).content.decode()
    assert reply_ids(page_two) == [replies[100].pk]


def test_posting_the_101st_reply_lands_on_the_page_that_shows_it(
    client, author, colleague, company_category
):
    thread = start(author, company_category, title="Long talk")
    many_replies(thread, 100)
    client = as_user(client, colleague)

    response = client.post(
        reverse("forums:reply-create", args=[thread.pk]), {"body": "Number 101"}, follow=True
    )

    reply = Reply.objects.get(body="Number 101")
    assert response.redirect_chain[0] == (reply.get_absolute_url(), 302)
    assert response.redirect_chain[-1][0] == f"/forum/t/{thread.pk}/?page=2#reply-{reply.pk}"
    assert reply.pk in reply_ids(response.content.decode())


def test_editing_and_accepting_lead_back_to_the_replys_page(
    client, author, colleague, company_category
):
    question = ask(author, company_category)
    replies = many_replies(question, 100)
    mine = answer(colleague, question, "My late answer")

    edited = as_user(client, colleague).post(
        reverse("forums:reply-edit", args=[mine.pk]), {"body": "My late, better answer"}
    )
    on_page_two = client.get(edited.url)
    accepted = as_user(client, author).post(reverse("forums:reply-accept", args=[mine.pk]))
    on_page_one = client.get(accepted.url)

    assert edited.url == mine.get_absolute_url()
    assert on_page_two.url == f"/forum/t/{question.pk}/?page=2#reply-{mine.pk}"
    assert accepted.url == mine.get_absolute_url()
    assert on_page_one.url == f"/forum/t/{question.pk}/?page=1#reply-{mine.pk}"
    assert client.get(replies[99].get_absolute_url()).url.startswith(
        f"/forum/t/{question.pk}/?page=2#"
    )


def test_the_page_number_agrees_with_the_pages_of_a_question(author, company_category):
    question = ask(author, company_category)
    replies = many_replies(question, 102)
    voter = UserFactory()
    services.reply_vote(user=voter, reply=replies[100], value=1)
    services.reply_vote(user=voter, reply=replies[50], value=-1)
    services.answer_accept(actor=author, reply=replies[70])
    services.reply_delete(actor=replies[3].author, reply=replies[3])
    question.refresh_from_db()
    alive = [r for r in Reply.objects.filter(thread=question) if not r.is_deleted]

    on_page = {
        reply.pk: number
        for number in (1, 2)
        for reply in selectors.replies_for(author, question, page=number)
    }

    assert len(on_page) == 101 and sorted(on_page) == sorted(r.pk for r in alive)
    assert {r.pk: selectors.reply_page_number(r) for r in alive} == on_page
    assert on_page[replies[70].pk] == 1 and on_page[replies[100].pk] == 1
    assert on_page[replies[50].pk] == 2


def test_the_page_number_is_one_count_whatever_the_thread(
    author, company_category, django_assert_num_queries
):
    thread = start(author, company_category)
    replies = many_replies(thread, 12)
    reply = Reply.objects.select_related("thread").get(pk=replies[-1].pk)

    with django_assert_num_queries(1):
        assert selectors.reply_page_number(reply, per_page=5) == 3


def test_the_quote_link_keeps_the_page(client, author, company_category):
    thread = start(author, company_category, title="Long talk")
    replies = many_replies(thread, 101)
    client = as_user(client, author)

    page_two = client.get(thread.get_absolute_url(), {"page": 2}).content.decode()
    quoting = client.get(thread.get_absolute_url(), {"page": 2, "quote": replies[100].pk})

    assert f'href="?page=2&amp;quote={replies[100].pk}#reply-form"' in page_two
    html = quoting.content.decode()
    assert f'name="quoted" value="{replies[100].pk}"' in html and "Quoting" in html


def test_a_notification_about_a_late_reply_leads_to_its_page(
    client, django_capture_on_commit_callbacks, author, company_category
):
    thread = start(author, company_category, title="Long talk")
    many_replies(thread, 100)
    with django_capture_on_commit_callbacks(execute=True):
        late = answer(UserFactory(), thread, "The 101st")

    row = Notification.objects.get(recipient=author, verb=Verb.FORUM_REPLY, target_id=late.pk)
    assert row.url == late.get_absolute_url()
    landing = as_user(client, author).get(row.url)
    assert landing.url == f"/forum/t/{thread.pk}/?page=2#reply-{late.pk}"


@pytest.mark.parametrize("place", ["private", "secret"])
def test_the_permalink_is_404_for_those_who_may_not_see_the_thread(
    client, author, colleague, outsider, private_community, secret_community, place
):
    community = private_community if place == "private" else secret_community
    join(author, community)
    category = make_category(actor=community.created_by, community=community)
    reply = answer(author, ask(author, category))

    assert as_user(client, outsider).get(reply.get_absolute_url()).status_code == 404
    assert as_user(client, author).get(reply.get_absolute_url()).status_code == 302


def test_a_deleted_reply_has_no_page(client, author, colleague, question):
    reply = answer(colleague, question)
    services.reply_delete(actor=colleague, reply=reply)

    assert as_user(client, author).get(reply.get_absolute_url()).status_code == 404


# --- #10 "Unanswered" after the only answer is deleted --------------------------------------


def test_a_question_whose_only_answer_was_deleted_is_unanswered_again(
    client, author, colleague, question, company_category
):
    other = ask(author, company_category, title="Still answered")
    answer(colleague, other)
    services.reply_delete(actor=colleague, reply=answer(colleague, question))
    answer(author, question, "Anyone?")  # The asker's own reply does not answer it.

    unanswered = selectors.threads_in(author, company_category, filter="unanswered")
    anywhere = selectors.threads_anywhere(author, filter="unanswered")

    assert [t.pk for t in unanswered] == [question.pk]
    assert [t.pk for t in anywhere] == [question.pk]
    question.refresh_from_db()
    assert question.first_reply_at is not None  # Kept: how fast people answered.


def test_the_page_of_a_question_whose_answer_was_deleted_says_no_replies_yet(
    client, author, colleague, question
):
    services.reply_delete(actor=colleague, reply=answer(colleague, question))

    page = as_user(client, author).get(question.get_absolute_url()).content.decode()

    assert "No replies yet." in page and "First reply in" not in page


# --- #11 the move list offers only the places one moderates --------------------------------


def test_the_move_list_holds_only_categories_the_moderator_may_move_into(
    client, author, communicator, company_category, public_community, private_community,
    private_category,
):  # fmt: skip
    owner = public_community.created_by
    join(owner, private_community)
    here = make_category(actor=owner, community=public_community, name="Questions")
    there = make_category(actor=owner, community=public_community, name="Answers")
    thread = start(owner, here, title="Which tool?")
    client = as_user(client, owner)

    page = client.get(thread.get_absolute_url()).content.decode()
    refused = client.post(
        reverse("forums:thread-move", args=[thread.pk]), {"category": company_category.pk}
    )

    options = re.findall(r'<option value="(\d+)"', page)
    assert options == [str(there.pk)]
    assert refused.status_code == 302
    assert Thread.objects.get(pk=thread.pk).category == here
    moved = client.post(reverse("forums:thread-move", args=[thread.pk]), {"category": there.pk})
    assert moved.status_code == 302 and Thread.objects.get(pk=thread.pk).category == there


def test_a_site_moderator_may_move_anywhere_they_see(
    client, author, site_moderator, question, company_category, public_category
):
    page = as_user(client, site_moderator).get(question.get_absolute_url()).content.decode()

    assert re.findall(r'<option value="(\d+)"', page) == [str(public_category.pk)]


# --- #12 Markdown images in forum text; accepting in a locked thread ------------------------


def test_markdown_images_in_replies_and_threads_become_links(author, colleague, company_category):
    thread = start(
        author, company_category, body="See ![the jam](https://intranet.example/jam.png)"
    )
    reply = answer(colleague, thread, "Like ![this](https://intranet.example/a.png) `![x](y)`")
    bad = answer(colleague, thread, "![x](javascript:alert(1)) ![y](x onerror=alert(1))")

    assert '<a href="https://intranet.example/jam.png"' in thread.body_html
    assert ">the jam</a>" in thread.body_html
    assert '<a href="https://intranet.example/a.png"' in reply.body_html
    assert "<code>![x](y)</code>" in reply.body_html
    assert "<img" not in thread.body_html + reply.body_html + bad.body_html
    assert "javascript:" not in bad.body_html and "onerror=" not in bad.body_html.replace(
        "x onerror=alert(1)", ""
    )


def test_an_edit_keeps_images_as_links(author, colleague, question):
    reply = answer(colleague, question)

    services.reply_edit(actor=colleague, reply=reply, body="![map](https://intranet.example/m.png)")

    reply.refresh_from_db()
    assert '<a href="https://intranet.example/m.png"' in reply.body_html


def test_an_answer_may_still_be_accepted_in_a_locked_thread(
    author, colleague, site_moderator, question
):
    reply = answer(colleague, question)
    services.thread_lock(actor=site_moderator, thread=question)
    question.refresh_from_db()
    reply.thread = question

    services.answer_accept(actor=author, reply=reply)

    question.refresh_from_db()
    assert question.is_locked and question.accepted_reply == reply
