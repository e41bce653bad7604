"""Find an expert: the ranking (``forums.experts``), its page and its API, counting only the
evidence the viewer may see."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.services.articles import article_create
from feed.services.posts import post_create
from forums import services
from forums.experts import experts_for
from forums.models import Reply, ReplyVote
from profiles.services import profile_update, user_set_active
from tests.factories import UserFactory
from tests.forums.conftest import answer, ask, make_category
from tests.helpers import fresh, join

pytestmark = pytest.mark.django_db

URL = reverse("forums:experts")
API = reverse("forums-api:expert-list")


def accepted_answer(asker, helper, category, *, title="SAP posting fails", tags=("sap",)):
    thread = ask(asker, category, title=title, tags=list(tags))
    reply = answer(helper, thread, "Check the posting period.")
    services.answer_accept(actor=asker, reply=reply)
    return reply


def backdate(reply, days: int):
    # Services stamp "now"; only a raw update can move evidence into the past.
    Reply.objects.filter(pk=reply.pk).update(created_at=timezone.now() - timedelta(days=days))


def names(found) -> list[str]:
    return [expert.person.username for expert in found]


# --- ranking ----------------------------------------------------------------------------


def test_accepted_answers_outrank_a_declared_skill_alone(author, colleague, company_category):
    helper = UserFactory(username="helper")
    accepted_answer(author, helper, company_category)
    backdate(Reply.objects.get(author=helper), 400)
    profile_update(user=colleague, skills=["SAP FI"])

    found = experts_for(fresh(author), "sap")

    assert names(found) == ["helper", "budi"]
    assert [item.text for item in found[0].evidence] == ["1 accepted answer on #sap"]
    assert [item.text for item in found[1].evidence] == ["skill: SAP FI"]
    assert found[0].score > found[1].score


def test_recent_evidence_counts_more_than_old(author, company_category):
    old, recent = UserFactory(username="old"), UserFactory(username="recent")
    backdate(accepted_answer(author, old, company_category, title="SAP period"), 200)
    accepted_answer(author, recent, company_category, title="SAP user lock")

    found = experts_for(fresh(author), "#SAP")

    assert names(found) == ["recent", "old"]
    assert found[0].score == 2 * found[1].score


def test_evidence_of_every_kind_is_counted_and_worded(author, colleague, company_category):
    thread = ask(author, company_category, title="Where is the FI report?", tags=["sap"])
    reply = answer(colleague, thread)
    services.reply_vote(user=author, reply=reply, value=1)
    services.answer_accept(actor=author, reply=reply)
    for title in ("SAP tips", "Closing the month"):
        article_create(author=colleague, title=title, body="Notes.", tags=["sap"], publish="now")
    post_create(author=colleague, body="Posting period open", tags=["sap"])
    profile_update(user=colleague, skills=["SAP FI", "Sapi farming", "Excel"])

    (expert,) = experts_for(fresh(author), "sap")

    assert [(e.kind, e.count, e.topic) for e in expert.evidence] == [
        ("accepted", 1, "sap"),
        ("upvotes", 1, "sap"),
        ("skill", 1, "SAP FI"),
        ("article", 2, "sap"),
        ("post", 1, "sap"),
    ]
    assert [e.text for e in expert.evidence] == [
        "1 accepted answer on #sap",
        "1 up-vote on answers about #sap",
        "skill: SAP FI",
        "2 articles on #sap",
        "1 post on #sap",
    ]
    # Recent: accepted 5×2 + up-vote 1×2 + skill 3 + articles 3×4 + post 1×2.
    assert expert.score == 10 + 2 + 3 + 12 + 2


def test_free_text_matches_thread_titles_case_insensitively(author, colleague, company_category):
    accepted_answer(author, colleague, company_category, title="Printer JAMS on A3", tags=())

    (expert,) = experts_for(fresh(author), "printer jams")

    assert expert.person == colleague
    assert expert.evidence[0].text == "1 accepted answer on “printer jams”"


def test_inactive_people_are_not_ranked(author, colleague, company_category, staff_user):
    accepted_answer(author, colleague, company_category)
    user_set_active(user=colleague, active=False, actor=staff_user)

    assert experts_for(fresh(author), "sap") == []


def test_deleted_replies_do_not_count(author, colleague, company_category):
    reply = accepted_answer(author, colleague, company_category)
    services.reply_delete(actor=colleague, reply=reply)

    assert experts_for(fresh(author), "sap") == []


# --- permissions ------------------------------------------------------------------------


@pytest.fixture
def private_expert(author, outsider, private_community, private_category):
    """Someone whose only evidence is an accepted answer in a private community's thread."""
    insider = UserFactory(username="insider")
    join(author, private_community)
    join(insider, private_community)
    accepted_answer(author, insider, private_category)
    return insider


def test_private_evidence_does_not_count_for_outsiders(private_expert, outsider):
    assert experts_for(fresh(outsider), "sap") == []


def test_private_evidence_counts_for_members(private_expert, author):
    (expert,) = experts_for(fresh(author), "sap")

    assert expert.person == private_expert
    assert expert.evidence[0].text == "1 accepted answer on #sap"


def test_only_the_visible_part_of_someones_evidence_counts_for_outsiders(
    private_expert, author, outsider, company_category
):
    accepted_answer(author, private_expert, company_category, title="SAP lock")

    (for_outsider,) = experts_for(fresh(outsider), "sap")
    (for_member,) = experts_for(fresh(author), "sap")

    assert for_outsider.evidence[0].count == 1
    assert for_member.evidence[0].count == 2


def test_the_page_and_the_api_hide_private_experts_from_outsiders(
    client, api_client, private_expert, outsider, author
):
    client.force_login(outsider)
    api_client.force_authenticate(outsider)
    assert "insider" not in client.get(URL, {"topic": "sap"}).content.decode()
    assert api_client.get(API, {"topic": "sap"}).json()["results"] == []

    client.force_login(author)
    assert private_expert.name in client.get(URL, {"topic": "sap"}).content.decode()


# --- the page ---------------------------------------------------------------------------


def test_the_page_ranks_people_with_their_evidence_and_ways_to_ask(
    client, author, colleague, company_category
):
    accepted_answer(author, colleague, company_category)
    client.force_login(author)

    response = client.get(URL, {"topic": "sap"})

    html = response.content.decode()
    assert response.status_code == 200
    assert colleague.get_absolute_url() in html
    assert "1 accepted answer on #sap" in html
    assert reverse("forums:thread-new", args=[company_category.pk]) + "?kind=question" in html


def test_an_empty_topic_explains_and_shows_popular_topics(client, author, company_category):
    ask(author, company_category, title="Lost badge", tags=["security"])
    client.force_login(author)

    response = client.get(URL, {"topic": "  # "})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Type a topic" in html
    assert "?topic=security" in html


def test_popular_topics_leave_out_private_threads(
    client, outsider, author, private_community, private_category
):
    join(author, private_community)
    ask(author, private_category, title="Merger rumours", tags=["merger"])
    client.force_login(outsider)

    assert "merger" not in client.get(URL).content.decode()


def test_a_topic_with_markup_is_escaped(client, author, colleague, company_category):
    profile_update(user=colleague, skills=["<script>alert(1)</script>"])
    client.force_login(author)

    response = client.get(URL, {"topic": "<script>alert(1)</script>"})

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_nobody_found_says_so(client, author, company_category):
    client.force_login(author)

    response = client.get(URL, {"topic": "quantum"})

    assert "Nobody has shown expertise on “quantum” yet" in response.content.decode()


# --- the API ----------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"topic": ""}, {"topic": "   "}, {"topic": "#"}])
def test_the_api_refuses_a_missing_topic(api_client, author, params):
    api_client.force_authenticate(author)

    response = api_client.get(API, params)

    assert response.status_code == 400
    assert list(response.json()) == ["topic"]


def test_the_api_lists_experts_with_their_evidence(api_client, author, colleague, company_category):
    accepted_answer(author, colleague, company_category)
    profile_update(user=colleague, skills=["SAP FI"])
    api_client.force_authenticate(author)

    response = api_client.get(API, {"topic": "#sap"})

    assert response.status_code == 200
    data = response.json()
    assert data["topic"] == "sap"
    (expert,) = data["results"]
    assert expert["person"]["username"] == "budi"
    assert expert["person"]["name"] == "Budi Santoso"
    assert expert["profile_url"].endswith(colleague.get_absolute_url())
    assert expert["score"] == 5 * 2 + 3
    assert expert["evidence"] == [
        {"kind": "accepted", "count": 1, "topic": "sap", "text": "1 accepted answer on #sap"},
        {"kind": "skill", "count": 1, "topic": "SAP FI", "text": "skill: SAP FI"},
    ]


# --- query counts -----------------------------------------------------------------------


def build_landscape(asker, category, n: int) -> None:
    """``n`` people, each with an accepted, up-voted answer, an article, a post and a skill."""
    for i in range(n):
        person = UserFactory(username=f"expert{i}")
        reply = accepted_answer(asker, person, category, title=f"SAP question {i}")
        services.reply_vote(user=asker, reply=reply, value=1)
        article_create(author=person, title=f"SAP {i}", body="Notes.", tags=["sap"], publish="now")
        post_create(author=person, body="On it", tags=["sap"])
        profile_update(user=person, skills=[f"SAP module {i}"])


@pytest.mark.parametrize("n", [5, 50])
def test_the_ranking_takes_the_same_queries_for_5_and_50_experts(
    n, author, company_category, django_assert_max_num_queries
):
    build_landscape(author, company_category, n)
    assert ReplyVote.objects.count() == n
    viewer = fresh(author)

    with django_assert_max_num_queries(8):
        found = experts_for(viewer, "sap", limit=10)
        texts = [item.text for expert in found for item in expert.evidence]

    assert len(found) == min(n, 10)
    assert len(texts) == 5 * len(found)


@pytest.mark.parametrize("n", [5, 50])
def test_the_page_and_the_api_take_the_same_queries_for_5_and_50_experts(
    n, client, api_client, author, company_category, django_assert_max_num_queries
):
    build_landscape(author, company_category, n)
    make_category(actor=company_category.created_by, name="Second")
    client.force_login(author)
    api_client.force_authenticate(author)

    with django_assert_max_num_queries(13):
        assert client.get(URL, {"topic": "sap"}).status_code == 200
    api_client.force_authenticate(fresh(author))  # Nothing cached on the person, as per request.
    with django_assert_max_num_queries(8):
        assert len(api_client.get(API, {"topic": "sap"}).json()["results"]) == min(n, 10)


def test_who_may_use_the_page_and_the_api(client, api_client, author):
    codes = {"anon_page": client.get(URL, {"topic": "sap"}).status_code}
    codes["anon_api"] = api_client.get(API, {"topic": "sap"}).status_code
    client.force_login(author)
    api_client.force_authenticate(author)
    codes["employee_page"] = client.get(URL, {"topic": "sap"}).status_code
    codes["employee_api"] = api_client.get(API, {"topic": "sap"}).status_code

    assert codes == {"anon_page": 302, "anon_api": 401, "employee_page": 200, "employee_api": 200}
