"""The forum API under /api/v1/: categories, threads, replies, votes, accepted answers,
following and moderation, through the same services as the forum pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from forums import services
from forums.models import Category, Reply, ReplyVote, Thread, ThreadSubscription
from tests.factories import UserFactory
from tests.forums.conftest import answer, ask, fresh, join, make_category, start

THREADS = "/api/v1/threads/"
CATEGORIES = "/api/v1/categories/"

THREAD_FIELDS = {
    "id", "url", "page_url", "kind", "title", "body", "body_html", "tags", "author",
    "category", "community", "is_pinned", "is_locked", "is_deleted", "solved",
    "accepted_reply", "reply_count", "score", "view_count", "time_to_first_reply_seconds",
    "time_to_accepted_answer_seconds", "created_at", "edited_at", "last_activity_at", "viewer",
}  # fmt: skip
REPLY_FIELDS = {
    "id", "url", "thread", "author", "body", "body_html", "quoted", "up_count", "down_count",
    "score", "is_accepted", "attachments", "created_at", "edited_at", "viewer",
}  # fmt: skip


def client_for(person) -> APIClient:
    client = APIClient()
    if person is not None:
        client.force_login(fresh(person))
    return client


def thread_url(thread, suffix: str = "") -> str:
    return f"{THREADS}{thread.pk}/{suffix}"


def reply_url(reply, suffix: str = "") -> str:
    return f"/api/v1/replies/{reply.pk}/{suffix}"


@pytest.fixture
def me(author):
    return client_for(author)


# --- categories -------------------------------------------------------------------------


def test_categories_lists_the_company_forum_and_a_community_forum(
    me, author, communicator, company_category, public_category
):
    start(author, company_category)

    company = me.get(CATEGORIES)
    community = me.get(CATEGORIES, {"community": "finance-club"})

    assert company.status_code == 200, company.content
    (row,) = company.json()
    assert row["id"] == company_category.pk and row["thread_count"] == 1
    assert row["community"] is None
    assert row["url"] == f"http://testserver/api/v1/categories/{company_category.pk}/threads/"
    assert [c["id"] for c in community.json()] == [public_category.pk]
    assert community.json()[0]["community"]["slug"] == "finance-club"


def test_categories_of_a_private_community_are_for_members_and_a_secret_one_is_unknown(
    me, private_category, secret_category
):
    assert me.get(CATEGORIES, {"community": "tax-team"}).status_code == 403
    assert me.get(CATEGORIES, {"community": "merger-room"}).status_code == 404


def test_communicators_create_company_categories_and_others_are_refused(communicator, author):
    made = client_for(communicator).post(
        CATEGORIES, {"name": "HR policy", "description": "Leave, pay"}, format="json"
    )
    refused = client_for(author).post(CATEGORIES, {"name": "Mine"}, format="json")
    empty = client_for(communicator).post(CATEGORIES, {"name": "  "}, format="json")

    assert made.status_code == 201, made.content
    assert made.json()["slug"] == "hr-policy" and made.json()["thread_count"] == 0
    assert refused.status_code == 403 and "Communicators" in refused.json()["detail"]
    assert empty.status_code == 400 and "name" in empty.json()
    assert list(Category.objects.values_list("name", flat=True)) == ["HR policy"]


def test_a_community_admin_creates_a_category_in_their_community(public_community):
    owner = public_community.created_by

    response = client_for(owner).post(
        CATEGORIES, {"name": "Budgets", "community": "finance-club"}, format="json"
    )

    assert response.status_code == 201, response.content
    assert Category.objects.get().community == public_community


# --- thread lists -----------------------------------------------------------------------


def test_a_category_lists_its_threads_filtered_sorted_and_paged(
    me, author, colleague, company_category, site_moderator
):
    solved = ask(author, company_category, title="Solved one")
    services.answer_accept(actor=author, reply=answer(colleague, solved))
    unanswered = ask(author, company_category, title="Nobody answered")
    discussion = start(author, company_category, title="Just talk")
    services.thread_pin(actor=site_moderator, thread=discussion)
    url = f"{CATEGORIES}{company_category.pk}/threads/"

    every = me.get(url).json()
    unsolved = me.get(url, {"filter": "unsolved"}).json()
    newest = me.get(url, {"sort": "newest"}).json()

    assert every["count"] == 3 and every["next"] is None
    assert [t["id"] for t in every["results"]][0] == discussion.pk  # Pinned first.
    assert set(every["results"][0]) == THREAD_FIELDS
    assert [t["id"] for t in unsolved["results"]] == [unanswered.pk]
    assert [t["id"] for t in newest["results"]] == [discussion.pk, unanswered.pk, solved.pk]
    assert me.get(url, {"sort": "loudest"}).status_code == 400
    assert "filter" in me.get(url, {"filter": "mine"}).json()


def test_the_thread_list_pages_by_25(me, author, company_category):
    for n in range(27):
        start(author, company_category, title=f"Thread {n}")
    url = f"{CATEGORIES}{company_category.pk}/threads/"

    first = me.get(url).json()
    second = me.get(first["next"]).json()

    assert len(first["results"]) == 25 and first["num_pages"] == 2
    assert len(second["results"]) == 2 and second["previous"] is not None


def _list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_thread_list_query_count_is_the_same_for_10_and_100_threads(
    author, colleague, company_category, public_category, public_community
):
    join(author, public_community)
    client = client_for(colleague)
    url = f"{CATEGORIES}{company_category.pk}/threads/"
    for n in range(10):
        thread = ask(author, company_category, title=f"Q {n}", tags=["sap", f"t{n}"])
        answer(colleague, thread)
    few = _list_queries(client, url)
    for n in range(90):
        start(UserFactory(), company_category, title=f"More {n}", tags=["x"])
    many = _list_queries(client, url)

    assert few == many
    assert many <= 12


def test_the_reply_list_query_count_is_the_same_for_10_and_100_replies(
    author, colleague, company_category
):
    thread = ask(author, company_category)
    client = client_for(author)
    url = thread_url(thread, "replies/")
    for n in range(10):
        reply = answer(UserFactory(), thread, f"Try {n}")
        services.reply_vote(user=colleague, reply=reply, value=1)
    few = _list_queries(client, url)
    for n in range(90):
        answer(UserFactory(), thread, f"Or {n}")
    many = _list_queries(client, url)

    assert few == many
    assert many <= 12


# --- one thread -------------------------------------------------------------------------


def test_asking_a_question_answers_the_new_thread(me, author, company_category):
    response = me.post(
        THREADS,
        {
            "category": company_category.pk,
            "kind": "question",
            "title": "Printer jams on A3",
            "body": "It **jams** <script>x</script>",
            "tags": ["Printer"],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == THREAD_FIELDS
    assert data["kind"] == "question" and data["title"] == "Printer jams on A3"
    assert "<strong>jams</strong>" in data["body_html"] and "<script" not in data["body_html"]
    assert data["tags"] == ["printer"]
    assert data["author"]["username"] == "ratna"
    assert data["category"]["id"] == company_category.pk
    assert data["solved"] is False and data["accepted_reply"] is None
    assert data["time_to_first_reply_seconds"] is None
    assert data["viewer"] == {
        "followed": True,
        "can_edit": True,
        "can_delete": True,
        "can_accept": True,
        "can_reply": True,
        "can_moderate": False,
        "can_restore": False,
        "can_see_history": True,
    }


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "Fine", "kind": "poll"}, "kind"),
        ({"title": "Fine", "category": 999_999}, "category"),
        ({"title": "Fine", "colour": "red"}, "colour"),
    ],
)
def test_bad_thread_input_answers_400_with_the_field_and_writes_nothing(
    me, company_category, payload, field
):
    response = me.post(THREADS, {"category": company_category.pk, **payload}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Thread.objects.exists()


def test_a_thread_in_a_secret_communitys_category_cannot_be_started_by_outsiders(
    me, secret_category
):
    response = me.post(THREADS, {"category": secret_category.pk, "title": "Hi"}, format="json")

    assert response.status_code == 400 and "category" in response.json()
    assert not Thread.objects.exists()


def test_the_author_edits_and_others_are_refused(me, author, colleague, company_category):
    thread = start(author, company_category)

    edited = me.patch(thread_url(thread), {"title": "Closing the books"}, format="json")
    refused = client_for(colleague).patch(thread_url(thread), {"title": "Mine"}, format="json")
    empty = me.patch(thread_url(thread), {"title": ""}, format="json")

    assert edited.status_code == 200 and edited.json()["title"] == "Closing the books"
    assert refused.status_code == 403 and "author" in refused.json()["detail"]
    assert empty.status_code == 400 and "title" in empty.json()
    assert Thread.objects.get().title == "Closing the books"


def test_deleting_and_restoring_a_thread(me, author, company_category, site_moderator):
    thread = start(author, company_category)
    moderator = client_for(site_moderator)

    assert me.delete(thread_url(thread)).status_code == 204
    assert me.get(thread_url(thread)).status_code == 404
    assert me.post(thread_url(thread, "restore/")).status_code == 404
    restored = moderator.post(thread_url(thread, "restore/"))

    assert restored.status_code == 200, restored.content
    assert restored.json()["is_deleted"] is False
    assert me.get(thread_url(thread)).status_code == 200


def test_following_and_unfollowing(author, colleague, company_category):
    thread = start(author, company_category)
    client = client_for(colleague)

    followed = client.post(thread_url(thread, "follow/"))
    again = client.post(thread_url(thread, "follow/"))
    shown = client.get(thread_url(thread)).json()["viewer"]["followed"]
    unfollowed = client.delete(thread_url(thread, "follow/"))

    assert followed.json() == {"thread": thread.pk, "followed": True} == again.json()
    assert shown is True
    assert unfollowed.json() == {"thread": thread.pk, "followed": False}
    assert not ThreadSubscription.objects.filter(user=colleague).exists()


# --- replies, votes, answers ------------------------------------------------------------


def test_replying_quoting_and_listing(me, author, colleague, company_category):
    thread = ask(author, company_category)
    first = answer(colleague, thread, "Use form 1111")

    response = me.post(
        thread_url(thread, "replies/"), {"body": "Which box?", "quoted": first.pk}, format="json"
    )
    listed = me.get(thread_url(thread, "replies/")).json()

    assert response.status_code == 201, response.content
    assert set(response.json()) == REPLY_FIELDS
    assert response.json()["quoted"] == first.pk
    assert listed["count"] == 2
    assert listed["results"][0]["viewer"] == {
        "vote": None,
        "can_vote": True,
        "can_edit": False,
        "can_delete": False,
        "can_see_history": False,
    }
    detail = me.get(thread_url(thread)).json()
    assert detail["reply_count"] == 2 and detail["time_to_first_reply_seconds"] is not None


def test_an_empty_reply_or_a_foreign_quote_answers_400_and_writes_nothing(
    me, author, colleague, company_category
):
    thread = ask(author, company_category)
    elsewhere = answer(colleague, ask(colleague, company_category, title="Other"))

    empty = me.post(thread_url(thread, "replies/"), {"body": " "}, format="json")
    quote = me.post(
        thread_url(thread, "replies/"), {"body": "Hi", "quoted": elsewhere.pk}, format="json"
    )

    assert empty.status_code == 400 and "body" in empty.json()
    assert quote.status_code == 400 and "quoted" in quote.json()
    assert not Reply.objects.filter(thread=thread).exists()


def test_a_locked_thread_takes_no_reply(me, author, company_category, site_moderator):
    thread = start(author, company_category)
    moderator = client_for(site_moderator)

    locked = moderator.post(thread_url(thread, "lock/"))
    response = me.post(thread_url(thread, "replies/"), {"body": "Hello?"}, format="json")

    assert locked.status_code == 200 and locked.json()["is_locked"] is True
    assert response.status_code == 403 and "locked" in response.json()["detail"]
    assert not Reply.objects.exists()


def test_editing_and_deleting_a_reply(author, colleague, company_category):
    thread = start(author, company_category)
    reply = answer(colleague, thread)
    theirs = client_for(colleague)

    edited = theirs.patch(reply_url(reply), {"body": "Use form 1770"}, format="json")
    refused = client_for(author).patch(reply_url(reply), {"body": "No"}, format="json")
    deleted = theirs.delete(reply_url(reply))

    assert edited.status_code == 200 and edited.json()["body"] == "Use form 1770"
    assert refused.status_code == 403 and "author" in refused.json()["detail"]
    assert deleted.status_code == 204
    assert theirs.get(reply_url(reply)).status_code == 404


def test_voting_once_switching_and_taking_it_back(author, colleague, company_category):
    thread = ask(author, company_category)
    reply = answer(colleague, thread)
    client = client_for(author)

    client.post(reply_url(reply, "vote/"), {"value": 1}, format="json")
    twice = client.post(reply_url(reply, "vote/"), {"value": 1}, format="json")
    assert twice.status_code == 200
    assert twice.json()["score"] == 1 and twice.json()["viewer"]["vote"] == 1
    assert ReplyVote.objects.count() == 1

    down = client.post(reply_url(reply, "vote/"), {"value": -1}, format="json").json()
    assert (down["score"], down["up_count"], down["down_count"]) == (-1, 0, 1)
    back = client.delete(reply_url(reply, "vote/")).json()
    assert back["score"] == 0 and back["viewer"]["vote"] is None
    assert not ReplyVote.objects.exists()


def test_voting_on_your_own_reply_or_sideways_is_refused(author, colleague, company_category):
    thread = ask(author, company_category)
    reply = answer(colleague, thread)

    own = client_for(colleague).post(reply_url(reply, "vote/"), {"value": 1}, format="json")
    sideways = client_for(author).post(reply_url(reply, "vote/"), {"value": 2}, format="json")

    assert own.status_code == 403 and "own reply" in own.json()["detail"]
    assert sideways.status_code == 400 and "value" in sideways.json()
    assert not ReplyVote.objects.exists()


def test_the_asker_accepts_an_answer_and_changes_it(me, author, colleague, company_category):
    thread = ask(author, company_category)
    first, second = answer(colleague, thread), answer(colleague, thread, "Or form 1770")

    accepted = me.post(thread_url(thread, "accept/"), {"reply": first.pk}, format="json")
    changed = me.post(thread_url(thread, "accept/"), {"reply": second.pk}, format="json")
    replies = me.get(thread_url(thread, "replies/")).json()["results"]

    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["solved"] is True and accepted.json()["accepted_reply"] == first.pk
    assert accepted.json()["time_to_accepted_answer_seconds"] is not None
    assert changed.json()["accepted_reply"] == second.pk
    assert replies[0]["id"] == second.pk and replies[0]["is_accepted"] is True
    unaccepted = me.delete(thread_url(thread, "accept/"))
    assert unaccepted.json()["solved"] is False


def test_only_the_asker_accepts(author, colleague, company_category):
    thread = ask(author, company_category)
    reply = answer(colleague, thread)
    other = answer(author, ask(author, company_category, title="Other"))

    refused = client_for(colleague).post(
        thread_url(thread, "accept/"), {"reply": reply.pk}, format="json"
    )
    foreign = client_for(author).post(
        thread_url(thread, "accept/"), {"reply": other.pk}, format="json"
    )

    assert refused.status_code == 403 and "asked" in refused.json()["detail"]
    assert foreign.status_code == 400 and "reply" in foreign.json()
    assert Thread.objects.get(pk=thread.pk).accepted_reply is None


# --- moderation -------------------------------------------------------------------------


def test_moderators_pin_move_and_merge(author, company_category, communicator, site_moderator):
    other = make_category(actor=communicator, name="HR policy")
    thread, duplicate = start(author, company_category), start(author, company_category)
    moderator = client_for(site_moderator)

    pinned = moderator.post(thread_url(thread, "pin/"))
    unpinned = moderator.post(thread_url(thread, "unpin/"))
    moved = moderator.post(thread_url(thread, "move/"), {"category": other.pk}, format="json")
    same = moderator.post(thread_url(thread, "move/"), {"category": other.pk}, format="json")
    merged = moderator.post(thread_url(duplicate, "merge/"), {"into": thread.pk}, format="json")

    assert pinned.json()["is_pinned"] is True and unpinned.json()["is_pinned"] is False
    assert moved.json()["category"]["id"] == other.pk
    assert same.status_code == 400 and "category" in same.json()
    assert merged.status_code == 200 and merged.json()["id"] == thread.pk
    assert merged.json()["reply_count"] == 1
    assert client_for(author).get(thread_url(duplicate)).json()["id"] == thread.pk


def test_members_cannot_moderate(author, colleague, company_category):
    thread = start(author, company_category)
    client = client_for(colleague)

    codes = {
        action: client.post(thread_url(thread, f"{action}/")).status_code
        for action in ("pin", "unpin", "lock", "unlock")
    }

    assert codes == dict.fromkeys(codes, 403)
    assert not Thread.objects.get().is_pinned


# --- who sees what ----------------------------------------------------------------------


@pytest.mark.parametrize("where", ["private_category", "secret_category"])
def test_an_outsider_gets_404_on_every_endpoint_of_a_closed_community_thread(
    request, where, author, outsider
):
    category = request.getfixturevalue(where)
    community = category.community
    join(author, community)
    thread = ask(fresh(author), category)
    reply = answer(community.created_by, thread)
    client = client_for(outsider)
    calls = [
        ("get", thread_url(thread), None),
        ("patch", thread_url(thread), {"title": "x"}),
        ("delete", thread_url(thread), None),
        ("post", thread_url(thread, "restore/"), None),
        ("get", thread_url(thread, "replies/"), None),
        ("post", thread_url(thread, "replies/"), {"body": "x"}),
        ("post", thread_url(thread, "accept/"), {"reply": reply.pk}),
        ("delete", thread_url(thread, "accept/"), None),
        ("post", thread_url(thread, "follow/"), None),
        ("delete", thread_url(thread, "follow/"), None),
        *[("post", thread_url(thread, f"{a}/"), None) for a in ("pin", "unpin", "lock", "unlock")],
        ("post", thread_url(thread, "move/"), {"category": category.pk}),
        ("post", thread_url(thread, "merge/"), {"into": thread.pk}),
        ("get", reply_url(reply), None),
        ("patch", reply_url(reply), {"body": "x"}),
        ("delete", reply_url(reply), None),
        ("post", reply_url(reply, "vote/"), {"value": 1}),
        ("delete", reply_url(reply, "vote/"), None),
        ("get", f"{CATEGORIES}{category.pk}/threads/", None),
    ]

    codes = {
        f"{method} {url}": getattr(client, method)(url, data, format="json").status_code
        for method, url, data in calls
    }

    assert codes == dict.fromkeys(codes, 404)
    assert Reply.objects.count() == 1 and not ReplyVote.objects.exists()
    assert client_for(author).get(thread_url(thread)).status_code == 200


def test_anonymous_requests_are_refused(company_category, author):
    thread = start(author, company_category)

    assert APIClient().get(thread_url(thread)).status_code in (401, 403)
    assert APIClient().get(CATEGORIES).status_code in (401, 403)


def test_the_api_wants_the_csrf_token_with_a_session(author, company_category):
    thread = start(author, company_category)
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(author)

    response = client.post(thread_url(thread, "replies/"), {"body": "Hi"}, format="json")

    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert not Reply.objects.exists()
