"""The wiki API under /api/v1/wiki/: spaces, pages by id and by address, writing, revising
(with edit conflicts answered 409 and nothing lost), history, diffs, reverts, moving,
protecting, deleting, restoring, watching, backlinks and recent changes, through the same
services and selectors as the wiki pages."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from communities.models import Role
from profiles.roles import COMMUNICATORS
from tests.factories import UserFactory
from tests.helpers import fresh, in_group, join
from tests.wiki.conftest import make_page, revise
from wiki import services
from wiki.models import EditPolicy, Page, PageRevision, Watch

pytestmark = pytest.mark.django_db

API = "/api/v1/wiki"
SPACE_FIELDS = {
    "id", "slug", "name", "kind", "description", "edit_policy", "community", "owner",
    "home_page", "url", "page_url", "pages_url", "changes_url", "viewer",
}  # fmt: skip
PAGE_SUMMARY_FIELDS = {
    "id", "url", "page_url", "space", "title", "slug", "parent", "position", "tags",
    "is_protected", "revision", "author", "edited_by", "created_at", "edited_at",
}  # fmt: skip
PAGE_FIELDS = PAGE_SUMMARY_FIELDS | {
    "body", "body_html", "missing_links", "breadcrumbs", "is_deleted", "viewer",
}  # fmt: skip
REVISION_FIELDS = {
    "page", "number", "kind", "title", "summary", "author", "created_at", "reverted_to", "url",
    "page_url",
}  # fmt: skip


def client_for(person) -> APIClient:
    client = APIClient()
    if person is not None:
        client.force_login(fresh(person))
    return client


def page_url(page, suffix: str = "") -> str:
    return f"{API}/pages/{page.pk}/{suffix}"


def numbers(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["number"] for row in response.json()["results"]]


# --- spaces -----------------------------------------------------------------------------


def test_the_spaces_list_shows_the_spaces_the_viewer_may_read(
    outsider, member, company_space, public_space, private_space, secret_space
):
    seen_by_outsider = client_for(outsider).get(f"{API}/spaces/").json()["results"]
    seen_by_member = client_for(member).get(f"{API}/spaces/").json()["results"]

    assert [s["slug"] for s in seen_by_outsider] == [company_space.slug, public_space.slug]
    assert {s["slug"] for s in seen_by_member} == {
        company_space.slug,
        public_space.slug,
        private_space.slug,
    }
    assert set(seen_by_outsider[0]) == SPACE_FIELDS
    assert seen_by_outsider[0]["kind"] == "company"
    assert seen_by_outsider[1]["community"]["slug"] == "finance-club"


def test_a_space_shows_its_home_page_and_what_the_viewer_may_do(
    author, colleague, communicator, company_space
):
    home = make_page(author, company_space, title="Welcome")

    as_colleague = client_for(colleague).get(f"{API}/spaces/{company_space.slug}/").json()
    as_communicator = client_for(communicator).get(f"{API}/spaces/{company_space.slug}/").json()

    assert as_colleague["home_page"]["id"] == home.pk
    assert as_colleague["home_page"]["page_url"].endswith(f"/wiki/{company_space.slug}/welcome/")
    assert as_colleague["url"] == f"http://testserver{API}/spaces/{company_space.slug}/"
    assert as_colleague["viewer"] == {"can_edit": False, "can_create_page": True, "watching": False}
    assert as_communicator["viewer"]["can_edit"] is True


def test_space_admins_change_a_spaces_settings_and_others_may_not(
    colleague, communicator, company_space
):
    url = f"{API}/spaces/{company_space.slug}/"
    home = make_page(colleague, company_space, title="Start")
    other = make_page(colleague, company_space, title="Handbook")

    refused = client_for(colleague).patch(url, {"description": "Mine now"}, format="json")
    changed = client_for(communicator).patch(
        url,
        {"description": "The handbook.", "edit_policy": "admins", "home_page": other.pk},
        format="json",
    )

    assert refused.status_code == 403
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["description"] == "The handbook." and body["edit_policy"] == "admins"
    assert body["home_page"]["id"] == other.pk != home.pk
    company_space.refresh_from_db()
    assert company_space.edit_policy == EditPolicy.ADMINS


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"edit_policy": "everyone"}, "edit_policy"),
        ({"name": ""}, "name"),
        ({"home_page": 999999}, "home_page"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_space_settings_answer_400_with_the_field(communicator, company_space, payload, field):
    response = client_for(communicator).patch(
        f"{API}/spaces/{company_space.slug}/", payload, format="json"
    )

    assert response.status_code == 400
    assert field in response.json()


# --- pages: writing and reading -------------------------------------------------------------


def test_writing_a_page_answers_it_with_its_links_and_missing_targets(author, company_space):
    parent = make_page(author, company_space, title="Onboarding")
    client = client_for(author)

    response = client.post(
        f"{API}/spaces/{company_space.slug}/pages/",
        {
            "title": "IT setup",
            "body": "Read [[Onboarding]] first, then [[VPN access]].",
            "summary": "First version",
            "parent": parent.pk,
            "tags": ["it", "onboarding"],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == PAGE_FIELDS
    page = Page.objects.get(pk=data["id"])
    assert data["slug"] == "it-setup" and data["parent"] == parent.pk and data["revision"] == 1
    assert data["tags"] == ["it", "onboarding"]
    assert data["author"]["username"] == author.username
    assert data["breadcrumbs"] == [
        {
            "id": parent.pk,
            "title": "Onboarding",
            "slug": "onboarding",
            "url": f"http://testserver{API}/pages/{parent.pk}/",
            "page_url": f"http://testserver/wiki/{company_space.slug}/onboarding/",
        }
    ]
    assert f'href="/wiki/{company_space.slug}/onboarding/"' in data["body_html"]
    assert data["missing_links"] == [f"/wiki/{company_space.slug}/vpn-access/"]
    assert data["viewer"]["watching"] is True and data["viewer"]["can_edit"] is True
    assert page.revisions.get().summary == "First version"


def test_a_page_reads_the_same_by_id_and_by_address(author, colleague, company_space):
    page = make_page(author, company_space, title="Leave policy", body="12 days a year.")
    client = client_for(colleague)

    by_id = client.get(page_url(page))
    by_address = client.get(f"{API}/spaces/{company_space.slug}/pages/leave-policy/")

    assert by_id.status_code == by_address.status_code == 200
    assert by_id.json() == by_address.json()
    assert by_id.json()["body"] == "12 days a year."
    assert client.get(f"{API}/spaces/{company_space.slug}/pages/no-such-page/").status_code == 404


def test_a_spaces_pages_come_in_the_order_of_its_outline(author, colleague, company_space):
    top = make_page(author, company_space, title="Welcome")
    child = make_page(author, company_space, title="First week", parent=top)
    other = make_page(author, company_space, title="Benefits")
    grandchild = make_page(author, company_space, title="Day one", parent=child)

    data = client_for(colleague).get(f"{API}/spaces/{company_space.slug}/pages/").json()

    rows = [(row["id"], row["depth"]) for row in data["results"]]
    assert rows == [(top.pk, 0), (child.pk, 1), (grandchild.pk, 2), (other.pk, 0)]
    assert set(data["results"][0]) == PAGE_SUMMARY_FIELDS | {"depth"}
    assert data["space"]["slug"] == company_space.slug


def test_revising_a_page_makes_a_revision_and_keeps_what_is_left_out(author, colleague, page):
    response = client_for(colleague).patch(
        page_url(page),
        {"body": "Welcome to the team!", "base_revision": 1, "summary": "Warmer"},
        format="json",
    )

    assert response.status_code == 200, response.content
    data = response.json()
    assert data["revision"] == 2 and data["title"] == "Onboarding"
    assert data["body"] == "Welcome to the team!"
    assert data["edited_by"]["username"] == colleague.username
    revision = PageRevision.objects.get(page=page, number=2)
    assert revision.summary == "Warmer" and revision.author == colleague


def test_put_replaces_title_and_text_and_needs_both(author, page):
    client = client_for(author)

    missing = client.put(page_url(page), {"body": "Only text", "base_revision": 1}, format="json")
    replaced = client.put(
        page_url(page),
        {"title": "Onboarding guide", "body": "New text", "base_revision": 1},
        format="json",
    )

    assert missing.status_code == 400 and "title" in missing.json()
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["slug"] == "onboarding-guide"
    assert replaced.json()["body"] == "New text"


def test_saving_the_same_text_makes_no_revision(author, page):
    response = client_for(author).patch(
        page_url(page), {"body": page.body, "base_revision": 1}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["revision"] == 1
    assert page.revisions.count() == 1


def test_a_stale_base_revision_answers_409_with_both_texts_and_saves_nothing(
    author, colleague, company_space
):
    page = make_page(author, company_space, title="Menu", body="Soup\nRice\nTea")
    revise(colleague, page, "Soup\nRice\nCoffee")  # Revision 2, someone else's.

    response = client_for(author).patch(
        page_url(page),
        {"body": "Salad\nRice\nTea", "base_revision": 1, "summary": "Lighter"},
        format="json",
    )

    assert response.status_code == 409
    data = response.json()
    assert set(data) == {"detail", "base", "current", "mine", "merged", "clean"}
    assert data["base"]["number"] == 1 and data["base"]["body"] == "Soup\nRice\nTea"
    assert data["current"]["number"] == 2 and data["current"]["body"] == "Soup\nRice\nCoffee"
    assert data["current"]["author"]["username"] == colleague.username
    assert data["mine"] == {
        "title": "Menu",
        "body": "Salad\nRice\nTea",
        "summary": "Lighter",
        "tags": None,
    }
    assert data["merged"] == {"title": "Menu", "body": "Salad\nRice\nCoffee"}
    assert data["clean"] is True
    page.refresh_from_db()
    assert page.revision_number == 2 and page.body == "Soup\nRice\nCoffee"


def test_overlapping_edits_answer_409_with_a_proposal_that_is_not_clean(
    author, colleague, company_space
):
    page = make_page(author, company_space, title="Menu", body="Soup\nRice\nTea")
    revise(colleague, page, "Soup\nRice\nCoffee")

    response = client_for(author).patch(
        page_url(page), {"body": "Soup\nRice\nJuice", "base_revision": 1}, format="json"
    )

    data = response.json()
    assert response.status_code == 409
    assert data["clean"] is False
    assert "Juice" in data["merged"]["body"] and "Coffee" in data["merged"]["body"]
    assert data["mine"]["body"] == "Soup\nRice\nJuice"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "", "body": "x"}, "title"),
        ({"title": "   ", "body": "x"}, "title"),
        ({"title": "?!", "body": "x"}, "title"),
        ({"title": "T" * 201, "body": "x"}, "title"),
        ({"title": "Fine", "body": "x" * 100_001}, "body"),
        ({"title": "Fine", "parent": 999999}, "parent"),
        ({"title": "Fine", "parent": "first"}, "parent"),
        ({"title": "Fine", "parent": 10**20}, "parent"),
        ({"title": "Fine", "colour": "red"}, "colour"),
        ({"body": "no title"}, "title"),
    ],
)
def test_bad_input_for_a_new_page_answers_400_with_the_field_and_writes_nothing(
    author, company_space, payload, field
):
    response = client_for(author).post(
        f"{API}/spaces/{company_space.slug}/pages/", payload, format="json"
    )

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Page.objects.exists()


def test_a_duplicate_title_in_a_space_answers_400_with_a_clear_message(
    author, colleague, company_space, public_space
):
    make_page(author, company_space, title="Leave policy")
    public_space_page = {"title": "Leave policy", "body": "Ours"}
    join(colleague, public_space.community)

    duplicate = client_for(colleague).post(
        f"{API}/spaces/{company_space.slug}/pages/", {"title": "leave  POLICY"}, format="json"
    )
    elsewhere = client_for(colleague).post(
        f"{API}/spaces/{public_space.slug}/pages/", public_space_page, format="json"
    )

    assert duplicate.status_code == 400
    assert "already has a page called “Leave policy”" in duplicate.json()["title"][0]
    assert elsewhere.status_code == 201


def test_renaming_a_page_to_a_taken_title_answers_400(author, company_space):
    make_page(author, company_space, title="Benefits")
    page = make_page(author, company_space, title="Leave")

    response = client_for(author).patch(
        page_url(page), {"title": "Benefits", "base_revision": 1}, format="json"
    )

    assert response.status_code == 400 and "title" in response.json()
    page.refresh_from_db()
    assert page.title == "Leave" and page.revision_number == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "x"}, "base_revision"),
        ({"body": "x", "base_revision": "latest"}, "base_revision"),
        ({"body": "x", "base_revision": 7}, "base_revision"),
        ({"body": "x", "base_revision": 0}, "base_revision"),
        ({"title": "", "base_revision": 1}, "title"),
        ({"body": "x", "base_revision": 1, "author": "me"}, "author"),
    ],
)
def test_bad_input_for_an_edit_answers_400_and_writes_nothing(author, page, payload, field):
    response = client_for(author).patch(page_url(page), payload, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert page.revisions.count() == 1


def test_a_page_may_be_written_with_form_data_too(author, company_space):
    response = client_for(author).post(
        f"{API}/spaces/{company_space.slug}/pages/",
        {"title": "Office guide", "body": "Rooms", "tags": ["office"]},
    )

    assert response.status_code == 201, response.content
    assert response.json()["tags"] == ["office"]


def test_token_authentication_reads_and_writes(author, company_space):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=author).key}")

    created = client.post(
        f"{API}/spaces/{company_space.slug}/pages/", {"title": "Glossary"}, format="json"
    )
    listed = client.get(f"{API}/spaces/")

    assert created.status_code == 201 and listed.status_code == 200


# --- history, diff and revert ---------------------------------------------------------------


def test_the_history_lists_revisions_newest_first_with_a_cursor(author, colleague, page):
    for n in range(4):
        revise(colleague if n % 2 else author, page, f"Version {n + 2}", summary=f"Step {n}")
    client = client_for(colleague)

    first = client.get(page_url(page, "revisions/"), {"limit": 2}).json()
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()

    assert [r["number"] for r in first["results"]] == [5, 4]
    assert [r["number"] for r in second["results"]] == [3, 2]
    assert [r["number"] for r in third["results"]] == [1] and third["next"] is None
    row = first["results"][0]
    assert set(row) == REVISION_FIELDS
    assert row["summary"] == "Step 3" and row["kind"] == "edit"
    assert row["author"]["username"] == colleague.username
    assert first["page"]["id"] == page.pk


def test_one_revision_reads_with_its_text(author, page):
    revise(author, page, "Second text with [[Benefits]]")

    old = client_for(author).get(page_url(page, "revisions/1/"))
    new = client_for(author).get(page_url(page, "revisions/2/"))

    assert old.status_code == 200
    assert old.json()["body"] == "Welcome to the team." and old.json()["kind"] == "create"
    assert "wiki-link" in new.json()["body_html"]
    assert set(old.json()) == REVISION_FIELDS | {"body", "body_html"}


def test_the_diff_and_revert_round_trip(author, colleague, company_space):
    page = make_page(author, company_space, title="Leave", body="Annual: 12 days\nSick: 2 days")
    revise(colleague, page, "Annual: 10 days\nSick: 2 days\nCarry over: 5 days")
    client = client_for(author)

    diff = client.get(page_url(page, "diff/"), {"from": 1, "to": 2}).json()
    reverted = client.post(
        page_url(page, "revisions/1/revert/"), {"summary": "Undo"}, format="json"
    )
    back = client.get(page_url(page, "diff/"), {"from": 1, "to": 3}).json()
    latest = client.get(page_url(page, "diff/")).json()

    kinds = [row["kind"] for row in diff["rows"]]
    assert kinds == ["change", "equal", "insert"]
    assert "<del>12</del>" in diff["rows"][0]["old_html"]
    assert "<ins>10</ins>" in diff["rows"][0]["new_html"]
    assert diff["rows"][2]["new_html"] == "<ins>Carry over: 5 days</ins>"
    assert (diff["added"], diff["removed"]) == (2, 1)
    assert diff["old"]["number"] == 1 and diff["new"]["number"] == 2
    assert reverted.status_code == 200, reverted.content
    assert reverted.json()["revision"] == 3
    assert reverted.json()["body"] == "Annual: 12 days\nSick: 2 days"
    revision = PageRevision.objects.get(page=page, number=3)
    assert (revision.kind, revision.reverted_to, revision.summary) == ("revert", 1, "Undo")
    assert not {row["kind"] for row in back["rows"]} & {"insert", "delete", "change"}
    assert back["added"] == back["removed"] == 0
    assert latest["old"]["number"] == 2 and latest["new"]["number"] == 3


def test_the_diff_escapes_what_people_wrote(author, page):
    revise(author, page, "<script>alert(1)</script>")

    rows = client_for(author).get(page_url(page, "diff/"), {"from": 1, "to": 2}).json()["rows"]

    html = "".join(row["old_html"] + row["new_html"] for row in rows)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_reverting_to_the_current_text_answers_400(author, page):
    response = client_for(author).post(page_url(page, "revisions/1/revert/"), {}, format="json")

    assert response.status_code == 400 and "number" in response.json()


@pytest.mark.parametrize(
    "path",
    ["revisions/9/", "revisions/9/revert/", "diff/?from=9&to=1", "diff/?from=1&to=9"],
)
def test_an_unknown_revision_answers_404(author, page, path):
    client = client_for(author)
    response = (
        client.post(page_url(page, path)) if "revert" in path else client.get(page_url(page, path))
    )

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert page.revisions.count() == 1


@pytest.mark.parametrize(
    "path",
    [
        "pages/abc/",
        "pages/1.5/",
        "pages/-1/",
        "pages/999999/",
        "pages/{pk}/revisions/one/",
        "pages/{pk}/revisions/one/revert/",
        "spaces/no-such-space/",
        "spaces/no-such-space/pages/",
    ],
)
def test_unknown_and_non_integer_ids_answer_a_json_404(author, page, path):
    response = client_for(author).get(f"{API}/{path.format(pk=page.pk)}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


@pytest.mark.parametrize("query", [{"from": "abc"}, {"to": "2.0"}, {"from": "0"}, {"from": "-1"}])
def test_a_diff_with_a_bad_revision_number_answers_400(author, page, query):
    response = client_for(author).get(page_url(page, "diff/"), query)

    assert response.status_code == 400
    assert set(response.json()) <= {"from", "to"}


# --- moving, protecting, deleting, restoring ------------------------------------------------


def test_a_page_moves_under_another_and_not_under_itself(author, company_space):
    top = make_page(author, company_space, title="Welcome")
    page = make_page(author, company_space, title="Office guide")
    client = client_for(author)

    moved = client.post(page_url(page, "move/"), {"parent": top.pk}, format="json")
    cycle = client.post(page_url(top, "move/"), {"parent": page.pk}, format="json")
    back_on_top = client.post(page_url(page, "move/"), {"parent": None}, format="json")

    assert moved.status_code == 200 and moved.json()["parent"] == top.pk
    assert moved.json()["breadcrumbs"][0]["id"] == top.pk
    assert cycle.status_code == 400 and "parent" in cycle.json()
    assert back_on_top.json()["parent"] is None
    assert client.post(page_url(page, "move/"), {}, format="json").status_code == 400


def test_a_page_does_not_move_into_another_space(author, colleague, company_space, public_space):
    join(author, public_space.community)
    elsewhere = make_page(author, public_space, title="Club rules")
    page = make_page(author, company_space, title="Office guide")

    response = client_for(author).post(
        page_url(page, "move/"), {"parent": elsewhere.pk}, format="json"
    )

    assert response.status_code == 400 and "parent" in response.json()


def test_a_protected_page_is_edited_by_the_space_admins_only(colleague, communicator, page):
    refused = client_for(colleague).post(page_url(page, "protect/"), {}, format="json")
    protected = client_for(communicator).post(page_url(page, "protect/"), {}, format="json")
    edit = client_for(colleague).patch(
        page_url(page), {"body": "Mine", "base_revision": 1}, format="json"
    )
    admin_edit = client_for(communicator).patch(
        page_url(page), {"body": "Official", "base_revision": 1}, format="json"
    )
    lifted = client_for(communicator).post(
        page_url(page, "protect/"), {"protected": False}, format="json"
    )

    assert refused.status_code == 403
    assert protected.status_code == 200 and protected.json()["is_protected"] is True
    assert protected.json()["viewer"]["can_protect"] is True
    assert edit.status_code == 403 and "protected" in edit.json()["detail"]
    assert admin_edit.status_code == 200
    assert lifted.json()["is_protected"] is False


def test_a_deleted_page_is_gone_until_a_space_admin_restores_it(author, communicator, page):
    deleted = client_for(author).delete(page_url(page))
    gone = client_for(author).get(page_url(page))
    not_for_author = client_for(author).post(page_url(page, "restore/"))
    restored = client_for(communicator).post(page_url(page, "restore/"))
    again = client_for(communicator).post(page_url(page, "restore/"))

    assert deleted.status_code == 204
    assert gone.status_code == 404
    assert not_for_author.status_code == 404
    assert restored.status_code == 200, restored.content
    assert restored.json()["is_deleted"] is False
    assert client_for(author).get(page_url(page)).status_code == 200
    assert again.status_code == 403


def test_a_restored_page_whose_address_was_taken_gets_a_free_one(
    author, communicator, company_space
):
    page = make_page(author, company_space, title="Glossary")
    services.page_delete(actor=author, page=page)
    make_page(author, company_space, title="Glossary")

    restored = client_for(communicator).post(page_url(page, "restore/")).json()

    assert restored["slug"] == "glossary-2"


# --- watching, backlinks, recent changes ----------------------------------------------------


def test_watching_and_unwatching_a_page_and_a_space(colleague, page, company_space):
    client = client_for(colleague)

    watched = client.post(page_url(page, "watch/"))
    twice = client.post(page_url(page, "watch/"))
    space_watched = client.post(f"{API}/spaces/{company_space.slug}/watch/")
    state = client.get(page_url(page)).json()["viewer"]
    space_state = client.get(f"{API}/spaces/{company_space.slug}/").json()["viewer"]
    unwatched = client.delete(page_url(page, "watch/"))
    space_unwatched = client.delete(f"{API}/spaces/{company_space.slug}/watch/")

    assert watched.json() == twice.json() == {"watching": True}
    assert space_watched.json() == {"watching": True}
    assert state["watching"] is True and state["watching_space"] is True
    assert space_state["watching"] is True
    assert unwatched.json() == space_unwatched.json() == {"watching": False}
    assert not Watch.objects.filter(user=colleague).exists()


def test_backlinks_list_only_pages_the_viewer_may_see(
    author, outsider, member, company_space, private_space
):
    target = make_page(author, company_space, title="Leave policy")
    linking = make_page(author, company_space, title="Welcome", body="See [[Leave policy]].")
    make_page(
        member, private_space, title="Tax notes", body=f"[[{company_space.slug}:Leave policy]]"
    )

    seen_by_outsider = client_for(outsider).get(page_url(target, "backlinks/")).json()
    seen_by_member = client_for(member).get(page_url(target, "backlinks/")).json()

    assert [p["id"] for p in seen_by_outsider["results"]] == [linking.pk]
    assert [p["title"] for p in seen_by_member["results"]] == ["Tax notes", "Welcome"]


def test_recent_changes_are_newest_first_and_hide_what_the_viewer_may_not_see(
    author, outsider, member, company_space, private_space, secret_space
):
    first = make_page(author, company_space, title="Welcome")
    make_page(member, private_space, title="Tax notes")
    insider = join(UserFactory(username="insider"), secret_space.community)
    make_page(insider, secret_space, title="The merger")
    revise(author, first, "Welcome, all.", summary="Friendlier")

    seen_by_outsider = client_for(outsider).get(f"{API}/changes/").json()["results"]
    seen_by_member = client_for(member).get(f"{API}/changes/").json()["results"]
    space_changes = client_for(member).get(f"{API}/spaces/{private_space.slug}/changes/").json()

    assert [(c["page"]["title"], c["number"]) for c in seen_by_outsider] == [
        ("Welcome", 2),
        ("Welcome", 1),
    ]
    assert [c["page"]["title"] for c in seen_by_member] == ["Welcome", "Tax notes", "Welcome"]
    assert seen_by_outsider[0]["summary"] == "Friendlier"
    assert seen_by_outsider[0]["space"]["slug"] == company_space.slug
    assert [c["page"]["title"] for c in space_changes["results"]] == ["Tax notes"]


def test_recent_changes_page_with_a_cursor(author, colleague, company_space):
    pages = [make_page(author, company_space, title=f"Page {n}") for n in range(5)]
    client = client_for(colleague)

    first = client.get(f"{API}/changes/", {"limit": 3}).json()
    second = client.get(first["next"]).json()

    newest = [p.pk for p in reversed(pages)]
    assert [c["page"]["id"] for c in first["results"]] == newest[:3]
    assert [c["page"]["id"] for c in second["results"]] == newest[3:]
    assert second["next"] is None
    assert client.get(f"{API}/changes/", {"limit": "lots"}).status_code == 400
    assert len(client.get(f"{API}/changes/", {"before": "garbage"}).json()["results"]) == 5


# --- the permission matrix ------------------------------------------------------------------


class World:
    """A private community's space: a page by its admin with a member's revision, a page
    linking to it and a deleted page."""

    def __init__(self, community):
        self.admin = join(UserFactory(username="adi"), community, role=Role.ADMIN)
        self.member = join(UserFactory(username="dewi"), community)
        self.outsider = UserFactory(username="eko")
        self.space = services.space_ensure_for_community(community=community)
        self.page = make_page(self.admin, self.space, title="Tax calendar", body="One")
        revise(self.member, self.page, "One\nTwo")
        self.other = make_page(self.admin, self.space, title="Index", body="[[Tax calendar]]")
        self.deleted = make_page(self.admin, self.space, title="Old notes")
        services.page_delete(actor=self.admin, page=self.deleted)

    def person(self, role):
        return {"anon": None, "outsider": self.outsider, "member": self.member,
                "admin": self.admin}[role]  # fmt: skip


READ = {"anon": 401, "outsider": 404, "member": 200, "admin": 200}
WRITE = {"anon": 401, "outsider": 404, "member": 200, "admin": 200}
ADMIN_ONLY = {"anon": 401, "outsider": 404, "member": 403, "admin": 200}

# name: (method, path, body, expected codes by role)
ENDPOINTS = {
    "space": ("get", "spaces/{space}/", None, READ),
    "space-edit": ("patch", "spaces/{space}/", {"description": "Ours"}, ADMIN_ONLY),
    "space-pages": ("get", "spaces/{space}/pages/", None, READ),
    "page-create": ("post", "spaces/{space}/pages/", {"title": "New"},
                    {**WRITE, "member": 201, "admin": 201}),
    "page-by-address": ("get", "spaces/{space}/pages/tax-calendar/", None, READ),
    "space-changes": ("get", "spaces/{space}/changes/", None, READ),
    "space-watch": ("post", "spaces/{space}/watch/", None, WRITE),
    "space-unwatch": ("delete", "spaces/{space}/watch/", None, WRITE),
    "page": ("get", "pages/{page}/", None, READ),
    "page-revise": ("patch", "pages/{page}/", {"body": "Three", "base_revision": 2}, WRITE),
    "page-replace": ("put", "pages/{page}/",
                     {"title": "Tax calendar", "body": "Three", "base_revision": 2}, WRITE),
    "page-delete": ("delete", "pages/{page}/", None, {**ADMIN_ONLY, "admin": 204}),
    "revisions": ("get", "pages/{page}/revisions/", None, READ),
    "revision": ("get", "pages/{page}/revisions/1/", None, READ),
    "diff": ("get", "pages/{page}/diff/?from=1&to=2", None, READ),
    "revert": ("post", "pages/{page}/revisions/1/revert/", {}, WRITE),
    "move": ("post", "pages/{page}/move/", {"parent": "{other}"}, WRITE),
    "protect": ("post", "pages/{page}/protect/", {}, ADMIN_ONLY),
    "restore": ("post", "pages/{deleted}/restore/", None, {**ADMIN_ONLY, "member": 404}),
    "page-watch": ("post", "pages/{page}/watch/", None, WRITE),
    "page-unwatch": ("delete", "pages/{page}/watch/", None, WRITE),
    "backlinks": ("get", "pages/{page}/backlinks/", None, READ),
}  # fmt: skip


@pytest.mark.parametrize("role", ["anon", "outsider", "member", "admin"])
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_the_permission_matrix_of_a_private_communitys_space(private_community, name, role):
    world = World(private_community)
    method, path, body, expected = ENDPOINTS[name]
    ids = {"space": world.space.slug, "page": world.page.pk, "other": world.other.pk,
           "deleted": world.deleted.pk}  # fmt: skip
    if body:
        body = {k: int(v.format(**ids)) if v == "{other}" else v for k, v in body.items()}
    client = client_for(world.person(role))

    response = getattr(client, method)(f"{API}/{path.format(**ids)}", body, format="json")

    assert response.status_code == expected[role], (name, role, response.content)
    if response.status_code == 404:
        assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "spaces/{space}/", None),
        ("get", "pages/{page}/", None),
        ("get", "pages/{page}/revisions/1/", None),
        ("get", "pages/{page}/diff/?from=1&to=1", None),
        ("get", "pages/{page}/backlinks/", None),
        ("get", "spaces/{space}/changes/", None),
        ("patch", "pages/{page}/", {"body": "Leak", "base_revision": 1}),
        ("post", "pages/{page}/watch/", None),
    ],
)
def test_a_secret_communitys_space_does_not_exist_for_outsiders(
    outsider, secret_space, method, path, body
):
    insider = join(UserFactory(username="insider"), secret_space.community)
    page = make_page(insider, secret_space, title="The merger")
    url = f"{API}/{path.format(space=secret_space.slug, page=page.pk)}"

    response = getattr(client_for(outsider), method)(url, body, format="json")

    assert response.status_code == 404
    assert client_for(insider).get(f"{API}/pages/{page.pk}/").status_code == 200


def test_a_public_communitys_space_is_read_by_everyone_and_written_by_members(
    outsider, public_space
):
    owner = public_space.community.created_by
    page = make_page(owner, public_space, title="Club rules")
    client = client_for(outsider)

    read = client.get(page_url(page))
    write = client.patch(page_url(page), {"body": "Mine", "base_revision": 1}, format="json")
    create = client.post(f"{API}/spaces/{public_space.slug}/pages/", {"title": "X"}, format="json")
    watch = client.post(page_url(page, "watch/"))

    assert read.status_code == 200 and read.json()["viewer"]["can_edit"] is False
    assert write.status_code == 403 and create.status_code == 403
    assert watch.status_code == 200


def test_a_space_whose_admins_edit_refuses_its_members(private_community):
    world = World(private_community)
    services.space_edit(actor=world.admin, space=world.space, edit_policy=EditPolicy.ADMINS)

    refused = client_for(world.member).patch(
        page_url(world.page), {"body": "Member text", "base_revision": 2}, format="json"
    )
    allowed = client_for(world.admin).patch(
        page_url(world.page), {"body": "Admin text", "base_revision": 2}, format="json"
    )

    assert refused.status_code == 403 and allowed.status_code == 200


def test_company_space_pages_are_written_by_every_employee_and_protected_by_communicators(
    colleague, company_space
):
    communicator = in_group(UserFactory(username="humas2"), COMMUNICATORS)
    page = make_page(communicator, company_space, title="Handbook")

    edit = client_for(colleague).patch(
        page_url(page), {"body": "Better", "base_revision": 1}, format="json"
    )
    protect = client_for(colleague).post(page_url(page, "protect/"), {}, format="json")
    delete = client_for(colleague).delete(page_url(page))

    assert edit.status_code == 200
    assert protect.status_code == 403 and delete.status_code == 403


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 100])
def test_the_history_costs_the_same_queries_for_10_and_100_revisions(
    author, colleague, page, count, django_assert_max_num_queries
):
    people = [author, colleague, UserFactory(), UserFactory()]
    for n in range(count - 1):
        revise(people[n % 4], page, f"Version {n}")
    client = client_for(colleague)

    with django_assert_max_num_queries(4):
        response = client.get(page_url(page, "revisions/"), {"limit": 100})

    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [10, 100])
def test_recent_changes_cost_the_same_queries_for_10_and_100_changes(
    colleague, member, company_space, private_space, count, django_assert_max_num_queries
):
    people = [colleague, member, UserFactory(), UserFactory()]
    pages = [make_page(people[n % 4], company_space, title=f"Page {n}") for n in range(count // 2)]
    pages += [make_page(member, private_space, title=f"Private {n}") for n in range(count // 4)]
    for n in range(count - len(pages)):
        revise(people[n % 4], pages[n % len(pages)], f"Edit {n}")
    client = client_for(member)

    with django_assert_max_num_queries(5):
        everywhere = client.get(f"{API}/changes/", {"limit": 100})
    with django_assert_max_num_queries(5):
        in_space = client.get(f"{API}/spaces/{company_space.slug}/changes/", {"limit": 100})

    assert len(everywhere.json()["results"]) == count
    assert len(in_space.json()["results"]) == count - count // 4


@pytest.mark.parametrize("count", [10, 100])
def test_a_spaces_page_list_costs_the_same_queries_for_10_and_100_pages(
    author, colleague, company_space, count, django_assert_max_num_queries
):
    people = [author, colleague, UserFactory()]
    parent = None
    for n in range(count):
        page = make_page(people[n % 3], company_space, title=f"Page {n}", parent=parent,
                         tags=["a", f"t{n % 5}"])  # fmt: skip
        parent = page if n % 10 == 0 else parent
    client = client_for(colleague)

    with django_assert_max_num_queries(6):
        response = client.get(f"{API}/spaces/{company_space.slug}/pages/")

    assert len(response.json()["results"]) == count
