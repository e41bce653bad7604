"""The forum API's remaining twins of the forum pages: setting up categories (one category,
editing, ordering, removing), earlier versions of threads and replies, the latest threads
anywhere, similar threads, asking people while starting a thread, and the viewer's rights."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from communities.models import Role
from forums import services
from forums.models import Category, Thread
from tests.factories import UserFactory
from tests.feed.conftest import named
from tests.forums.conftest import answer, ask, fresh, join, make_category, start

pytestmark = pytest.mark.django_db

CATEGORIES = "/api/v1/categories/"
THREADS = "/api/v1/threads/"


def client_for(person) -> APIClient:
    client = APIClient()
    if person is not None:
        client.force_login(fresh(person))
    return client


def category_url(category) -> str:
    return f"{CATEGORIES}{category.pk}/"


def thread_url(thread, suffix: str = "") -> str:
    return f"{THREADS}{thread.pk}/{suffix}"


def reply_url(reply, suffix: str = "") -> str:
    return f"/api/v1/replies/{reply.pk}/{suffix}"


def positions(*categories) -> list[int]:
    return [Category.objects.get(pk=c.pk).position for c in categories]


# --- one category -----------------------------------------------------------------------


def test_a_category_answers_with_its_counts(author, company_category):
    start(author, company_category)
    start(author, company_category, title="Another one")

    data = client_for(author).get(category_url(company_category)).json()

    assert data["id"] == company_category.pk and data["name"] == "Finance procedures"
    assert data["thread_count"] == 2 and data["last_activity_at"] is not None


def test_a_closed_communitys_category_is_404_for_outsiders(
    outsider, private_category, secret_category
):
    client = client_for(outsider)

    for category in (private_category, secret_category):
        assert client.get(category_url(category)).status_code == 404
        assert client.patch(category_url(category), {"name": "x"}, format="json").status_code == 404
        assert client.delete(category_url(category)).status_code == 404
    assert Category.objects.filter(name="General").count() == 2


def test_communicators_rename_company_categories_and_others_are_refused(
    communicator, author, site_moderator, company_category
):
    renamed = client_for(communicator).patch(
        category_url(company_category),
        {"name": "Finance how-tos", "slug": "", "description": "Books"},
        format="json",
    )
    refused = {
        who: client_for(person)
        .patch(category_url(company_category), {"name": "Mine"}, format="json")
        .status_code
        for who, person in {"member": author, "site moderator": site_moderator}.items()
    }

    assert renamed.status_code == 200, renamed.content
    assert (
        renamed.json()["name"] == "Finance how-tos" and renamed.json()["slug"] == "finance-how-tos"
    )
    assert renamed.json()["description"] == "Books"
    assert refused == {"member": 403, "site moderator": 403}
    assert Category.objects.get().name == "Finance how-tos"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 300}, "name"),
        ({"description": "x" * 1001}, "description"),
        ({"slug": "hr-policy"}, "slug"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_category_changes_answer_400_and_change_nothing(
    communicator, company_category, payload, field
):
    make_category(actor=communicator, name="HR policy")

    response = client_for(communicator).patch(
        category_url(company_category), payload, format="json"
    )

    assert response.status_code == 400, response.content
    assert field in response.json()
    category = Category.objects.get(pk=company_category.pk)
    assert (category.name, category.slug, category.description) == (
        "Finance procedures",
        "finance-procedures",
        "",
    )


def test_a_community_admin_sets_up_their_forum_and_members_may_not(
    public_community, public_category, colleague
):
    admin = join(UserFactory(), public_community, role=Role.ADMIN)
    join(colleague, public_community)

    renamed = client_for(admin).patch(
        category_url(public_category), {"name": "Budgets"}, format="json"
    )
    refused = client_for(colleague).patch(
        category_url(public_category), {"name": "Mine"}, format="json"
    )

    assert renamed.status_code == 200 and renamed.json()["name"] == "Budgets"
    assert refused.status_code == 403 and "admins" in refused.json()["detail"]


def test_an_empty_category_is_removed_and_one_with_threads_stays(
    communicator, author, company_category
):
    empty = make_category(actor=communicator, name="Empty")
    thread = start(author, company_category)
    services.thread_delete(actor=author, thread=thread)

    refused = client_for(author).delete(category_url(empty))
    removed = client_for(communicator).delete(category_url(empty))
    kept = client_for(communicator).delete(category_url(company_category))

    assert refused.status_code == 403
    assert removed.status_code == 204
    assert kept.status_code == 400 and "threads" in kept.json()["detail"]
    assert list(Category.objects.values_list("pk", flat=True)) == [company_category.pk]


# --- ordering ---------------------------------------------------------------------------


def test_communicators_put_the_company_categories_in_order(communicator, author):
    first, second, third = (make_category(actor=communicator, name=n) for n in ("A", "B", "C"))
    url = f"{CATEGORIES}reorder/"

    response = client_for(communicator).post(url, {"order": [third.pk, first.pk]}, format="json")
    refused = client_for(author).post(url, {"order": [first.pk]}, format="json")

    assert response.status_code == 200, response.content
    assert [c["id"] for c in response.json()] == [third.pk, first.pk, second.pk]
    assert refused.status_code == 403
    assert positions(third, first, second) == [0, 1, 2]


@pytest.mark.parametrize("case", ["another forum's", "twice", "empty", "not a number"])
def test_a_bad_order_answers_400_and_moves_nothing(communicator, public_category, case):
    first, second = (make_category(actor=communicator, name=n) for n in ("A", "B"))
    order = {
        "another forum's": [second.pk, public_category.pk],
        "twice": [second.pk, second.pk],
        "empty": [],
        "not a number": ["x"],
    }[case]

    response = client_for(communicator).post(
        f"{CATEGORIES}reorder/", {"order": order}, format="json"
    )

    assert response.status_code == 400 and "order" in response.json()
    assert positions(first, second) == [0, 1]


def test_a_community_admin_orders_their_forum_and_a_secret_one_is_404_for_outsiders(
    public_community, secret_community, outsider
):
    owner = public_community.created_by
    first, second = (make_category(actor=owner, community=public_community, name=n)
                     for n in ("A", "B"))  # fmt: skip
    hidden = make_category(actor=secret_community.created_by, community=secret_community)
    url = f"{CATEGORIES}reorder/"

    response = client_for(owner).post(
        url, {"community": "finance-club", "order": [second.pk, first.pk]}, format="json"
    )
    secret = client_for(outsider).post(
        url, {"community": "merger-room", "order": [hidden.pk]}, format="json"
    )

    assert [c["id"] for c in response.json()] == [second.pk, first.pk]
    assert secret.status_code == 404


def test_the_categories_of_every_readable_community_in_one_list(
    author, public_category, private_category, secret_category, company_category
):
    listed = client_for(author).get(CATEGORIES, {"scope": "communities"})
    bad = client_for(author).get(CATEGORIES, {"scope": "everything"})

    assert [c["id"] for c in listed.json()] == [public_category.pk]
    assert bad.status_code == 400 and "scope" in bad.json()


# --- earlier versions -------------------------------------------------------------------


def test_a_threads_earlier_versions_are_for_the_author_and_moderators(
    author, colleague, site_moderator, question
):
    services.thread_edit(actor=author, thread=question, title="Which VAT form?")
    url = thread_url(question, "history/")

    mine = client_for(author).get(url)
    moderated = client_for(site_moderator).get(url)
    refused = client_for(colleague).get(url)

    assert mine.status_code == 200, mine.content
    assert mine.json()["title"] == "Which VAT form?" and mine.json()["edited_at"]
    assert [r["title"] for r in mine.json()["revisions"]] == ["Where is the VAT form?"]
    assert mine.json()["revisions"][0]["replaced_by"]["username"] == "ratna"
    assert moderated.status_code == 200
    assert refused.status_code == 403 and "author" in refused.json()["detail"]


def test_a_deleted_threads_history_is_for_moderators_only(author, site_moderator, question):
    services.thread_delete(actor=author, thread=question)

    assert client_for(author).get(thread_url(question, "history/")).status_code == 404
    moderated = client_for(site_moderator).get(thread_url(question, "history/"))
    assert moderated.status_code == 200 and moderated.json()["is_deleted"] is True


def test_a_replys_earlier_versions_are_for_the_author_and_moderators(
    author, colleague, site_moderator, question
):
    reply = answer(colleague, question, "Use form 1111")
    services.reply_edit(actor=colleague, reply=reply, body="Use form 1770")
    url = reply_url(reply, "history/")

    theirs = client_for(colleague).get(url)
    moderated = client_for(site_moderator).get(url)
    refused = client_for(author).get(url)

    assert theirs.status_code == 200, theirs.content
    assert theirs.json()["body"] == "Use form 1770"
    assert [r["body"] for r in theirs.json()["revisions"]] == ["Use form 1111"]
    assert moderated.status_code == 200
    assert refused.status_code == 403


@pytest.mark.parametrize("where", ["private_category", "secret_category"])
def test_an_outsider_gets_404_for_the_history_of_a_closed_community_thread(
    request, where, author, outsider
):
    category = request.getfixturevalue(where)
    join(author, category.community)
    thread = ask(fresh(author), category)
    reply = answer(category.community.created_by, thread)
    client = client_for(outsider)

    assert client.get(thread_url(thread, "history/")).status_code == 404
    assert client.get(reply_url(reply, "history/")).status_code == 404
    assert client.get(category_url(category)).status_code == 404


def test_the_viewer_knows_who_sees_history_and_may_restore(
    author, colleague, site_moderator, question
):
    reply = answer(colleague, question)
    services.thread_delete(actor=author, thread=Thread.objects.get(pk=question.pk))

    restorable = client_for(site_moderator).post(thread_url(question, "restore/")).json()
    viewer = client_for(colleague).get(thread_url(question)).json()["viewer"]
    reply_viewer = client_for(colleague).get(reply_url(reply)).json()["viewer"]
    asker_sees = client_for(author).get(reply_url(reply)).json()["viewer"]

    assert restorable["viewer"]["can_see_history"] is True
    assert viewer["can_see_history"] is False and viewer["can_restore"] is False
    assert reply_viewer["can_see_history"] is True and asker_sees["can_see_history"] is False


# --- threads anywhere, similar threads, asking people -----------------------------------


def test_the_latest_threads_anywhere_are_the_ones_the_viewer_may_see(
    author, outsider, company_category, private_category, communicator
):
    join(author, private_category.community)
    other = make_category(actor=communicator, name="HR policy")
    first = ask(author, company_category, title="First")
    second = start(author, other, title="Second")
    hidden = start(fresh(author), private_category, title="Inside")

    seen = client_for(outsider).get(THREADS).json()["results"]
    member = client_for(author).get(THREADS, {"limit": 2}).json()["results"]
    unsolved = client_for(author).get(THREADS, {"filter": "unsolved"}).json()["results"]

    assert [t["id"] for t in seen] == [second.pk, first.pk]
    assert [t["id"] for t in member] == [hidden.pk, second.pk]
    assert [t["id"] for t in unsolved] == [first.pk]
    assert client_for(author).get(THREADS, {"sort": "loudest"}).status_code == 400
    assert client_for(author).get(THREADS, {"limit": "x"}).status_code == 400


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_the_latest_threads_cost_the_same_for_10_and_50_threads(
    author, colleague, company_category, public_category, public_community
):
    join(author, public_community)
    client = client_for(colleague)
    for n in range(10):
        thread = ask(author, [company_category, public_category][n % 2], title=f"Q{n}",
                     tags=["sap", f"t{n}"])  # fmt: skip
        answer(colleague, thread)
    few = _queries(client, THREADS, {"limit": 50})
    for n in range(90):
        writer, category = [(UserFactory(), company_category), (author, public_category)][n % 2]
        start(writer, category, title=f"More {n}", tags=["x"])
    many = _queries(client, THREADS, {"limit": 50})

    assert len(client.get(THREADS, {"limit": 50}).json()["results"]) == 50
    assert few == many
    assert many <= 10


def test_similar_threads_share_a_topic_or_a_strong_word(
    author, outsider, company_category, secret_category
):
    same_tag = ask(author, company_category, title="Printer jams", tags=["printer"])
    same_word = ask(author, company_category, title="Invoice numbering rules")
    ask(author, company_category, title="Lunch menu")
    join(author, secret_category.community)
    ask(fresh(author), secret_category, title="Invoice secrets")

    response = client_for(outsider).get(
        f"{THREADS}similar/", {"title": "How are invoice numbers made", "tags": "printer"}
    )

    assert response.status_code == 200, response.content
    assert {t["id"] for t in response.json()["results"]} == {same_tag.pk, same_word.pk}
    assert response.json()["results"][0]["category"]["id"] == company_category.pk
    assert client_for(outsider).get(f"{THREADS}similar/").json()["results"] == []


def test_starting_a_question_asks_people_who_may_see_it(
    author, colleague, outsider, private_category, published, django_capture_on_commit_callbacks
):
    community = private_category.community
    join(author, community)
    join(colleague, community)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(author).post(
            THREADS,
            {"category": private_category.pk, "kind": "question", "title": "VAT form?",
             "ask": ["budi", "eko", "ratna", "nobody"]},
            format="json",
        )  # fmt: skip

    assert response.status_code == 201, response.content
    (event,) = named(published, "thread.experts_asked")
    assert event.payload["user_ids"] == [colleague.pk]


def test_asking_too_many_people_writes_no_thread(author, company_category):
    people = [UserFactory().username for _ in range(6)]

    response = client_for(author).post(
        THREADS,
        {"category": company_category.pk, "title": "Anyone?", "ask": people},
        format="json",
    )

    assert response.status_code == 400 and "ask" in response.json()
    assert not Thread.objects.exists()


# --- input and who ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/categories/abc/",
        "/api/v1/threads/1e3/history/",
        "/api/v1/replies/x/history/",
        "/api/v1/threads/-1/",
    ],
)
def test_an_id_that_is_not_a_number_is_a_json_404(author, url):
    response = client_for(author).get(url)

    assert response.status_code == 404 and response.json()["detail"]


def test_only_the_asker_or_a_moderator_takes_an_accepted_answer_back(
    author, colleague, site_moderator, question
):
    reply = answer(colleague, question)
    services.answer_accept(actor=author, reply=reply)

    refused = client_for(colleague).delete(thread_url(question, "accept/"))
    moderated = client_for(site_moderator).delete(thread_url(question, "accept/"))

    assert refused.status_code == 403
    assert moderated.status_code == 200 and moderated.json()["solved"] is False


def test_anonymous_requests_to_the_new_endpoints_are_refused(company_category, author):
    thread = start(author, company_category)
    client = APIClient()

    codes = {
        client.get(category_url(company_category)).status_code,
        client.post(f"{CATEGORIES}reorder/", {"order": []}, format="json").status_code,
        client.get(thread_url(thread, "history/")).status_code,
        client.get(THREADS).status_code,
        client.get(f"{THREADS}similar/").status_code,
    }

    assert codes == {401}
