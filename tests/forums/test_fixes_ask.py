"""Review 5's fixes around asking people: "Ask {name}" on Find an expert opens a question with
the person and the topic chosen, the asker of an unsolved question asks people afterwards
(page and API), and the suggestions use up to three topics."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from forums import services
from forums.experts import experts_for
from notifications.models import Notification, Verb
from tests.factories import UserFactory
from tests.forums.conftest import answer, ask, fresh, join

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
SUGGESTIONS = reverse("forums:thread-suggestions")


def accepted_answer(asker, helper, category, *, title="SAP posting fails", tags=("sap",)):
    thread = ask(asker, category, title=title, tags=list(tags))
    services.answer_accept(actor=asker, reply=answer(helper, thread, "Check the period."))
    return thread


def told() -> set[tuple[str, str]]:
    rows = Notification.objects.select_related("recipient")
    return {(n.recipient.username, n.verb) for n in rows}


def api_for(person) -> APIClient:
    client = APIClient()
    client.force_login(fresh(person))
    return client


# --- #4 "Ask {name}" is one click ------------------------------------------------------------


def test_ask_on_find_an_expert_opens_a_question_for_that_person_and_topic(
    client, author, colleague, company_category
):
    accepted_answer(author, colleague, company_category)
    client.force_login(UserFactory(username="asker"))

    page = client.get(reverse("forums:experts"), {"topic": "sap"}).content.decode()

    new = reverse("forums:thread-new", args=[company_category.pk])
    assert f'href="{new}?kind=question&amp;ask=budi&amp;tags=sap"' in page
    assert "Ask Budi Santoso" in page and "Mention @" not in page


def test_the_new_question_page_comes_with_the_person_ticked_and_the_topic_filled_in(
    client, author, colleague, company_category
):
    accepted_answer(author, colleague, company_category)
    client.force_login(UserFactory(username="asker"))
    new = reverse("forums:thread-new", args=[company_category.pk])

    page = client.get(new, {"kind": "question", "ask": "budi", "tags": "sap"}).content.decode()
    panel = client.get(
        SUGGESTIONS, {"category": company_category.pk, "tags": "sap", "ask": "budi"}, **HX
    ).content.decode()

    assert 'name="tags" value="sap"' in page
    assert 'value="question" id="id_kind_1" required class="form-check-input" checked' in page
    assert 'name="ask" value="budi" id="ask-other-1" checked' in page
    assert 'hx-trigger="load, ' in page
    assert 'name="ask" value="budi"' in panel and "checked" in panel
    assert "1 accepted answer on #sap" in panel


def test_the_prefilled_page_escapes_what_the_address_carries(client, author, company_category):
    client.force_login(author)
    new = reverse("forums:thread-new", args=[company_category.pk])

    page = client.get(
        new, {"kind": "<b>x</b>", "ask": '"><script>x</script>', "tags": "<script>y</script>"}
    ).content.decode()

    assert "<script>" not in page and "&lt;script&gt;y&lt;/script&gt;" in page
    assert 'value="question" id="id_kind_1" required class="form-check-input" checked' in page


def test_posting_the_prefilled_question_tells_the_person(
    client, django_capture_on_commit_callbacks, author, colleague, company_category
):
    client.force_login(author)
    new = reverse("forums:thread-new", args=[company_category.pk])
    fields = {"kind": "question", "title": "Posting period closed?", "tags": "sap", "ask": "budi"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(new, fields)

    assert response.status_code == 302
    assert told() == {("budi", Verb.EXPERT_ASKED)}


# --- #4 asking people about a question already posted ---------------------------------------


def test_the_asker_of_an_unsolved_question_sees_the_ask_box_and_nobody_else(
    client, author, colleague, question
):
    client.force_login(author)
    mine = client.get(question.get_absolute_url()).content.decode()
    client.force_login(colleague)
    theirs = client.get(question.get_absolute_url()).content.decode()
    services.answer_accept(actor=author, reply=answer(colleague, question))
    client.force_login(author)
    solved = client.get(question.get_absolute_url()).content.decode()

    ask_url = reverse("forums:thread-ask", args=[question.pk])
    assert "Ask people to answer" in mine and f'action="{ask_url}"' in mine
    assert '<label class="form-label small fw-semibold" for="id_ask">People to ask</label>' in mine
    assert 'data-praise-pick="#id_ask"' in mine
    assert "Ask people to answer" not in theirs and "Ask people to answer" not in solved


def test_the_asker_asks_people_who_may_see_the_question(
    client, django_capture_on_commit_callbacks, author, colleague, outsider,
    private_community, private_category,
):  # fmt: skip
    join(author, private_community)
    join(colleague, private_community)
    thread = ask(author, private_category)
    client.force_login(author)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("forums:thread-ask", args=[thread.pk]), {"ask": "@budi, eko, nobody"}
        )

    assert response.status_code == 302 and response.url == thread.get_absolute_url()
    assert told() == {("budi", Verb.EXPERT_ASKED)}
    page = client.get(response.url).content.decode()
    assert "Asked to answer: Budi Santoso." in page


def test_asking_nobody_who_may_see_it_says_so(client, author, outsider, private_community,
                                                private_category):  # fmt: skip
    join(author, private_community)
    thread = ask(author, private_category)
    client.force_login(author)

    response = client.post(
        reverse("forums:thread-ask", args=[thread.pk]), {"ask": "eko"}, follow=True
    )

    assert "Nobody was asked" in response.content.decode()
    assert not Notification.objects.exists()


def test_only_the_asker_may_ask_and_outsiders_get_404(
    client, author, colleague, outsider, private_community, private_category, question
):
    join(author, private_community)
    hidden = ask(author, private_category)

    client.force_login(colleague)
    forbidden = client.post(reverse("forums:thread-ask", args=[question.pk]), {"ask": "eko"})
    client.force_login(outsider)
    missing = client.post(reverse("forums:thread-ask", args=[hidden.pk]), {"ask": "budi"})

    assert forbidden.status_code == 403 and missing.status_code == 404
    assert not Notification.objects.exists()


@pytest.mark.parametrize("typed", ["", "a, b, c, d, e, f"])
def test_asking_nobody_or_too_many_shows_the_form_again(client, author, question, typed):
    client.force_login(author)

    response = client.post(reverse("forums:thread-ask", args=[question.pk]), {"ask": typed}, **HX)

    page = response.content.decode()
    assert response.status_code == 422
    assert "Ask at most 5 people." in page or "This field is required." in page
    assert not Notification.objects.exists()


def test_the_api_asks_people_about_a_posted_question(
    django_capture_on_commit_callbacks, author, colleague, question
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_for(author).post(
            f"/api/v1/threads/{question.pk}/ask/", {"ask": ["budi", "nobody"]}, format="json"
        )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["thread"] == question.pk
    assert [p["username"] for p in body["asked"]] == ["budi"]
    assert told() == {("budi", Verb.EXPERT_ASKED)}


def test_the_api_refuses_others_outsiders_and_bad_input(
    author, colleague, outsider, private_community, private_category, question
):
    join(author, private_community)
    hidden = ask(author, private_category)

    others = api_for(colleague).post(
        f"/api/v1/threads/{question.pk}/ask/", {"ask": ["eko"]}, format="json"
    )
    outside = api_for(outsider).post(
        f"/api/v1/threads/{hidden.pk}/ask/", {"ask": ["budi"]}, format="json"
    )
    empty = api_for(author).post(f"/api/v1/threads/{question.pk}/ask/", {"ask": []}, format="json")
    too_many = api_for(author).post(
        f"/api/v1/threads/{question.pk}/ask/", {"ask": list("abcdef")}, format="json"
    )

    assert others.status_code == 403 and outside.status_code == 404
    assert empty.status_code == 400 and "ask" in empty.json()
    assert too_many.status_code == 400 and "ask" in too_many.json()
    assert not Notification.objects.exists()


# --- #9 suggestions from up to three topics -------------------------------------------------


def test_experts_come_from_the_first_three_topics_merged_by_person(author, company_category):
    sap, tax, both, fourth = (UserFactory(username=n) for n in ("sapper", "taxer", "both", "dd"))
    accepted_answer(author, sap, company_category, title="Posting", tags=["sap"])
    accepted_answer(author, tax, company_category, title="VAT return", tags=["tax"])
    accepted_answer(author, both, company_category, title="Ledger", tags=["sap"])
    accepted_answer(author, both, company_category, title="Withholding", tags=["fi"])
    accepted_answer(author, fourth, company_category, title="Lunch", tags=["food"])
    viewer = UserFactory()

    found = experts_for(viewer, ["#sap", "tax", "fi", "food"])

    assert found[0].person == both
    assert {e.person.username for e in found[1:]} == {"sapper", "taxer"}
    assert [item.text for item in found[0].evidence] == [
        "1 accepted answer on #fi",
        "1 accepted answer on #sap",
    ]
    assert found[0].score == 2 * found[1].score
    assert experts_for(viewer, "sap")[0].score == found[1].score


def test_a_thread_on_two_topics_counts_once(author, colleague, company_category):
    accepted_answer(author, colleague, company_category, title="Both", tags=["sap", "tax"])

    found = experts_for(UserFactory(), ["sap", "tax"])

    assert [item.text for item in found[0].evidence] == ["1 accepted answer on #sap"]


def test_the_suggestions_panel_uses_several_topics(client, author, colleague, company_category):
    accepted_answer(author, colleague, company_category, title="VAT return", tags=["tax"])
    client.force_login(UserFactory())

    page = client.get(
        SUGGESTIONS, {"tags": "sap, tax", "category": company_category.pk}, **HX
    ).content.decode()

    assert 'name="ask" value="budi"' in page and "1 accepted answer on #tax" in page
    assert "ask about sap, tax" in page


@pytest.mark.parametrize("topics", [["sap"], ["sap", "tax", "fi"]])
def test_several_topics_cost_the_same_queries_as_one(author, company_category, topics):
    for number in range(6):
        helper = UserFactory()
        helper.skills = []
        accepted_answer(author, helper, company_category, title=f"Q{number}", tags=["sap", "fi"])
    viewer = fresh(UserFactory())
    experts_for(viewer, topics)

    with CaptureQueriesContext(connection) as queries:
        found = experts_for(viewer, topics)

    assert len(found) == 6
    assert len(queries) <= 8
