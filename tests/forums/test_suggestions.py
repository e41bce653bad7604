"""While a thread is written: similar threads and people who may know (``similar_threads``,
``forums:thread-suggestions``), and asking them (``thread_ask_experts``, the ``ask`` field of
the new-thread form, the ``expert_asked`` notification)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from forums import services
from forums.experts import experts_for
from forums.models import Thread
from forums.selectors import similar_threads, title_words
from notifications.models import Notification, Verb
from notifications.services import preference_set
from tests.factories import UserFactory
from tests.forums.conftest import answer, ask, join

pytestmark = pytest.mark.django_db

URL = reverse("forums:thread-suggestions")
HX = {"HTTP_HX_REQUEST": "true"}


def accepted_answer(asker, helper, category, *, title="SAP posting fails", tags=("sap",)):
    thread = ask(asker, category, title=title, tags=list(tags))
    services.answer_accept(actor=asker, reply=answer(helper, thread, "Check the period."))
    return thread


def told() -> set[tuple[str, str]]:
    rows = Notification.objects.select_related("recipient")
    return {(n.recipient.username, n.verb) for n in rows}


def new_thread(client, category, **data):
    fields = {"kind": "question", "title": "Printer jams on A3 paper", "body": "", "tags": ""}
    return client.post(reverse("forums:thread-new", args=[category.pk]), {**fields, **data})


# --- the selector ---------------------------------------------------------------------------


def test_title_words_keep_strong_words_once():
    assert title_words("How do I fix the VAT form, the vat FORM? 2024") == ["form"]
    assert title_words("Printer jams: printer toner") == ["printer", "jams", "toner"]


def test_similar_threads_rank_shared_topics_and_words_solved_first(
    author, colleague, company_category
):
    solved = accepted_answer(author, colleague, company_category, title="Printer jams on A3")
    open_one = ask(colleague, company_category, title="Printer jams again", tags=["sap"])
    tagged = ask(colleague, company_category, title="Toner question", tags=["printer"])
    ask(colleague, company_category, title="Lunch menu", tags=["food"])

    found = similar_threads(author, "Printer jams in tray 2", ["printer", "sap"])

    assert [t.pk for t in found] == [solved.pk, open_one.pk, tagged.pk]
    assert (found[1].tag_overlap, found[1].word_matches) == (1, 2)
    assert similar_threads(author, "", []) == []
    assert len(similar_threads(author, "printer", [], limit=1)) == 1


def test_a_private_community_thread_is_never_suggested_to_an_outsider(
    author, outsider, private_community, private_category, company_category
):
    join(author, private_community)
    secret = ask(author, private_category, title="Payroll export broken", tags=["payroll"])

    assert [t.pk for t in similar_threads(author, "payroll export", ["payroll"])] == [secret.pk]
    assert similar_threads(outsider, "payroll export", ["payroll"]) == []


# --- the endpoint -----------------------------------------------------------------------------


def test_the_endpoint_lists_similar_threads_and_experts_for_the_first_tag(
    client, author, colleague, company_category
):
    thread = accepted_answer(author, colleague, company_category, title="SAP posting fails")
    asker = UserFactory(username="asker")
    client.force_login(asker)

    response = client.get(
        URL, {"title": "Posting to SAP", "tags": "sap, tax", "category": company_category.pk}, **HX
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Similar threads" in page and thread.get_absolute_url() in page and "Solved" in page
    assert "People who may know" in page and "1 accepted answer on #sap" in page
    assert 'name="ask" value="budi"' in page
    assert [e.person.username for e in experts_for(asker, "sap")] == ["budi"]


def test_experts_come_from_the_titles_first_strong_word_without_tags(
    client, author, colleague, company_category
):
    accepted_answer(author, colleague, company_category, title="Printer jams", tags=())
    client.force_login(UserFactory())

    page = client.get(URL, {"title": "printer again", "category": company_category.pk})

    assert 'name="ask" value="budi"' in page.content.decode()


def test_the_endpoint_escapes_what_was_typed_and_what_it_found(
    client, author, colleague, company_category
):
    ask(colleague, company_category, title="<script>alert(1)</script> trouble")
    client.force_login(author)

    response = client.get(
        URL,
        {"title": "<script>alert(1)</script> trouble", "tags": "<script>", "category": "x"},
    )
    assert response.status_code == 404  # an unknown category
    response = client.get(
        URL,
        {
            "title": "<script>alert(1)</script> trouble",
            "tags": "<script>",
            "category": company_category.pk,
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; trouble" in page


def test_the_endpoint_hides_a_category_the_viewer_may_not_see(client, outsider, private_category):
    client.force_login(outsider)

    response = client.get(URL, {"title": "payroll", "category": private_category.pk})

    assert response.status_code == 404


def test_people_who_may_not_see_the_category_are_shown_but_cannot_be_asked(
    client, author, colleague, outsider, private_community, private_category, company_category
):
    accepted_answer(author, outsider, company_category, title="Payroll export")
    join(author, private_community)
    client.force_login(author)

    page = client.get(URL, {"tags": "sap", "category": private_category.pk}).content.decode()

    assert "Eko Prasetyo" in page and 'value="eko"' not in page


@pytest.mark.parametrize("count", [10, 60])
@pytest.mark.parametrize("place", ["company", "private"])
def test_the_endpoint_costs_the_same_for_10_and_60_threads(
    client, author, company_category, private_community, private_category,
    django_assert_max_num_queries, count, place,
):  # fmt: skip
    helpers = [UserFactory() for _ in range(6)]
    for person in helpers:
        join(person, private_community)
    join(author, private_community)
    for number in range(count):
        accepted_answer(
            UserFactory(), helpers[number % 6], company_category, title=f"SAP posting {number}"
        )
    category = company_category if place == "company" else private_category
    client.force_login(author)
    params = {"title": "SAP posting fails again", "tags": "sap, fi", "category": category.pk}
    client.get(URL, params)

    # Whether each of the (at most five) people may see the category costs up to two queries.
    with django_assert_max_num_queries(22):
        response = client.get(URL, params, **HX)

    assert response.status_code == 200
    assert response.content.decode().count('name="ask"') == 5


def test_the_new_thread_page_wires_the_suggestions(client, author, company_category):
    client.force_login(author)

    page = client.get(reverse("forums:thread-new", args=[company_category.pk])).content.decode()

    assert f'hx-get="{URL}"' in page and 'aria-live="polite"' in page


# --- asking them ------------------------------------------------------------------------------


def test_asking_tells_exactly_the_chosen_people_who_may_see_the_thread(
    client,
    django_capture_on_commit_callbacks,
    author,
    colleague,
    outsider,
    private_community,
    private_category,
):
    join(author, private_community)
    join(colleague, private_community)
    client.force_login(author)

    with django_capture_on_commit_callbacks(execute=True):
        response = new_thread(client, private_category, ask=["budi", "eko", "ratna", "nobody-here"])

    thread = Thread.objects.get()
    assert response.status_code == 302 and response.url == thread.get_absolute_url()
    assert told() == {("budi", Verb.EXPERT_ASKED)}
    row = Notification.objects.get()
    assert row.target == thread and row.actor == author
    assert row.message_text == f"{author.name} asked you a question: {thread.title}"


def test_the_question_title_is_escaped_in_the_notification(
    django_capture_on_commit_callbacks, author, colleague, company_category
):
    thread = ask(author, company_category, title="Is <b>bold</b> allowed?")

    with django_capture_on_commit_callbacks(execute=True):
        services.thread_ask_experts(actor=author, thread=thread, people=[colleague])

    assert "&lt;b&gt;bold&lt;/b&gt;" in str(Notification.objects.get().message)


def test_someone_who_switched_questions_off_is_not_told(
    django_capture_on_commit_callbacks, author, colleague, company_category
):
    preference_set(user=colleague, verb=Verb.EXPERT_ASKED, channel="off")
    thread = ask(author, company_category)

    with django_capture_on_commit_callbacks(execute=True):
        asked = services.thread_ask_experts(actor=author, thread=thread, people=["budi"])

    assert [p.username for p in asked] == ["budi"] and told() == set()


def test_more_than_five_people_are_refused_with_a_form_error_and_nothing_is_posted(
    client, author, company_category
):
    people = [UserFactory().username for _ in range(6)]
    client.force_login(author)

    response = new_thread(client, company_category, ask=people, title="Typed title here")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ask at most 5 people." in page and "Typed title here" in page
    assert page.count('name="ask"') == 6  # the chosen people stay ticked
    assert not Thread.objects.exists()


def test_the_service_asks_at_most_five_and_only_for_the_author(author, colleague, question):
    with pytest.raises(ValidationError):
        services.thread_ask_experts(
            actor=author, thread=question, people=[UserFactory() for _ in range(6)]
        )
    with pytest.raises(PermissionDenied):
        services.thread_ask_experts(actor=colleague, thread=question, people=["ratna"])
    assert services.thread_ask_experts(actor=author, thread=question, people=[]) == []


def test_posting_without_asking_anyone_works_as_before(
    client, django_capture_on_commit_callbacks, author, company_category
):
    client.force_login(author)

    with django_capture_on_commit_callbacks(execute=True):
        response = new_thread(client, company_category)

    assert response.status_code == 302 and Thread.objects.count() == 1
    assert not Notification.objects.filter(verb=Verb.EXPERT_ASKED).exists()
