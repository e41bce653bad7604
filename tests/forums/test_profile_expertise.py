"""A person's expertise on their profile (``forums.experts.expertise_of`` / ``answer_stats``
and the ``profile_expertise`` tag): topics with evidence and answer stats, counted only from
what the viewer may see."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog.services.articles import article_create
from feed.services.posts import post_create
from forums import services
from forums.experts import answer_stats, expertise_of
from forums.models import Reply, Thread
from profiles.services import profile_update
from tests.factories import UserFactory
from tests.forums.conftest import answer, ask
from tests.helpers import fresh, join

pytestmark = pytest.mark.django_db


def solved(asker, helper, category, *, title="SAP posting fails", tags=("sap",), vote=True):
    """A question ``helper`` answered first, with an up-vote and the accepted answer."""
    thread = ask(asker, category, title=title, tags=list(tags))
    reply = answer(helper, thread, "Check the posting period.")
    if vote:
        services.reply_vote(user=asker, reply=reply, value=1)
    services.answer_accept(actor=asker, reply=reply)
    return reply


def section(client, person) -> str:
    """The profile page's expertise section ('' when it is not shown)."""
    html = client.get(person.get_absolute_url()).content.decode()
    start = html.find('aria-labelledby="expertise-heading"')
    return "" if start < 0 else html[start : html.find("</section>", start)]


@pytest.fixture
def helper(db):
    return UserFactory(username="helper", display_name="Helpful Hana")


# --- happy path -------------------------------------------------------------------------


def test_topics_gather_every_kind_of_evidence_best_first(author, helper, company_category):
    solved(author, helper, company_category)
    solved(author, helper, company_category, title="SAP user lock")
    solved(author, helper, company_category, title="Printer jam", tags=("printer",), vote=False)
    article_create(author=helper, title="SAP tips", body="Notes.", tags=["sap"], publish="now")
    post_create(author=helper, body="Excel trick", tags=["excel"])
    profile_update(user=helper, skills=["SAP", "Negotiation"])

    topics = expertise_of(fresh(author), helper)

    assert [topic.name for topic in topics] == ["sap", "printer", "Negotiation", "excel"]
    assert [item.text for item in topics[0].evidence] == [
        "2 accepted answers on #sap",
        "2 up-votes on answers about #sap",
        "skill: sap",  # Skills and tags share their names: "SAP" is the tag "sap".
        "1 article on #sap",
    ]
    assert [item.text for item in topics[1].evidence] == ["1 accepted answer on #printer"]
    assert expertise_of(fresh(author), helper, limit=2) == topics[:2]


def test_answer_stats_count_replies_accepted_answers_up_votes_and_first_reply_speed(
    author, colleague, helper, company_category
):
    first = solved(author, helper, company_category)
    Thread.objects.filter(pk=first.thread_id).update(
        created_at=first.created_at - timedelta(hours=3)
    )  # Services stamp "now": only a raw update can make the asker wait.
    later = ask(author, company_category, title="VAT form")
    answer(colleague, later)
    services.reply_vote(user=author, reply=answer(helper, later), value=1)
    services.reply_vote(user=colleague, reply=first, value=1)

    stats = answer_stats(fresh(author), helper)

    assert (stats.replies, stats.accepted, stats.upvotes) == (2, 1, 3)
    assert stats.first_replies == 1
    assert stats.median_first_reply == timedelta(hours=3)


def test_the_profile_shows_topics_linked_to_find_an_expert_and_the_stats(
    client, author, helper, company_category
):
    solved(author, helper, company_category)
    client.force_login(author)

    html = section(client, helper)

    assert "Expertise" in html
    assert f'href="{reverse("forums:experts")}?topic=sap"' in html
    assert "1 accepted answer on #sap" in html
    assert "1 answer" in html and "1 accepted" in html and "1 up-vote" in html


def test_the_section_is_hidden_without_evidence(client, author, helper):
    client.force_login(author)

    assert section(client, helper) == ""
    assert client.get(helper.get_absolute_url()).status_code == 200


# --- permissions ------------------------------------------------------------------------


@pytest.fixture
def insider(author, helper, private_community, private_category):
    """``helper``'s only evidence: an accepted answer in a private community's thread."""
    join(author, private_community)
    join(helper, private_community)
    solved(author, helper, private_category, tags=("tax",))
    return helper


def test_private_evidence_is_neither_shown_nor_counted_for_outsiders(client, insider, outsider):
    assert expertise_of(fresh(outsider), insider) == []
    assert answer_stats(fresh(outsider), insider).replies == 0

    client.force_login(outsider)
    html = client.get(insider.get_absolute_url()).content.decode()
    assert "expertise-heading" not in html
    assert "#tax" not in html


def test_private_evidence_is_shown_to_members(client, insider, author):
    (topic,) = expertise_of(fresh(author), insider)
    assert topic.evidence[0].text == "1 accepted answer on #tax"
    assert answer_stats(fresh(author), insider).accepted == 1

    client.force_login(author)
    assert "1 accepted answer on #tax" in section(client, insider)


def test_deleted_replies_do_not_count(author, helper, company_category):
    reply = solved(author, helper, company_category)
    Reply.objects.filter(pk=reply.pk).update(deleted_at=timezone.now())

    assert expertise_of(fresh(author), helper) == []
    assert answer_stats(fresh(author), helper).replies == 0


# --- escaping ---------------------------------------------------------------------------


def test_skills_and_tags_are_escaped(client, author, helper, company_category):
    profile_update(user=helper, skills=["<script>alert(1)</script>"])
    post_create(author=helper, body="Hello", tags=["<script>alert(1)</script>", "<b>x</b>"])
    client.force_login(author)

    html = section(client, helper)

    assert "Expertise" in html
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_topic_known_only_from_a_declared_skill_stays_on_the_skills_card(client, author, helper):
    profile_update(user=helper, skills=["Negotiation"])
    client.force_login(author)

    assert expertise_of(fresh(author), helper)  # The ranking still knows the skill...
    assert "Expertise" not in section(client, helper)  # ...the profile shows it once.


def test_many_declared_skills_do_not_hide_a_topic_backed_by_answers(
    client, author, helper, company_category
):
    profile_update(user=helper, skills=["aa", "bb", "cc", "dd", "ee", "ff", "gg"])
    thread = ask(author, company_category, title="SAP posting fails", tags=["sap"])
    services.reply_vote(user=author, reply=answer(helper, thread), value=1)
    # The ranking puts the seven skills first (three points each against one up-vote)...
    assert "sap" not in [t.name for t in expertise_of(fresh(author), helper, limit=6)]
    client.force_login(author)

    html = section(client, helper)

    # ...but the profile drops skill-only topics before it keeps the best six.
    assert "1 up-vote on answers about #sap" in html
    assert "?topic=sap" in html
    assert "?topic=aa" not in html


def test_the_profile_still_shows_at_most_six_topics(client, author, helper, company_category):
    for index in range(8):
        solved(author, helper, company_category, title=f"Question {index}", tags=(f"t{index}",))
    client.force_login(author)

    html = section(client, helper)

    assert html.count("?topic=t") == 6


# --- queries ----------------------------------------------------------------------------


def _evidence(n: int, asker, helper, category) -> None:
    for index in range(n):
        solved(asker, helper, category, title=f"Question {index}", tags=(f"topic{index % 10}",))


def _queries(func) -> int:
    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured)


@pytest.mark.parametrize("n", [5, 50])
def test_expertise_and_stats_take_a_constant_number_of_queries(
    author, helper, company_category, n, django_assert_num_queries
):
    _evidence(n, author, helper, company_category)
    profile_update(user=helper, skills=[f"Skill {i}" for i in range(n // 5)])
    viewer = fresh(author)
    Thread.objects.visible_to(viewer).exists()  # The viewer's roles, once per request.

    with django_assert_num_queries(5):
        topics = expertise_of(viewer, helper)
    with django_assert_num_queries(2):
        stats = answer_stats(viewer, helper)
    assert len(topics) == 6
    assert stats.accepted == n


def test_the_profile_page_query_count_does_not_grow_with_evidence(
    client, author, helper, company_category
):
    client.force_login(author)
    url = helper.get_absolute_url()
    _evidence(5, author, helper, company_category)
    few = _queries(lambda: client.get(url))

    _evidence(45, author, helper, company_category)
    many = _queries(lambda: client.get(url))

    assert many == few
    assert "50 accepted" in section(client, helper)
