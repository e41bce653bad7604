"""Fixes from the review of the wiki (issue 6): an edit refused meanwhile keeps its text, a
renamed page keeps its former addresses (links, backlinks, redirects, the API), old revisions
mark links to missing pages, and topics saved on an older base are merged, not overwritten."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.helpers import fresh
from tests.wiki.conftest import make_page, revise
from wiki import selectors, services
from wiki.models import EditPolicy, PageAlias

pytestmark = pytest.mark.django_db


def as_user(client, person):
    client.force_login(person)
    return client


def url(name, page, *args):
    return reverse(f"wiki:{name}", args=[page.space.slug, page.slug, *args])


def tags_of(page) -> set[str]:
    return {tag.name for tag in fresh(page).tags.all()}


# --- 1. an edit refused while one writes keeps the text ---------------------------------------


def _post_edit(client, page, body="Words <to> keep"):
    return client.post(
        url("page-edit", page),
        {"page": page.pk, "title": "Onboarding, new", "body": body, "summary": "My summary",
         "tags": "hr", "base_revision": page.revision_number},
    )  # fmt: skip


def test_a_page_protected_while_one_edits_it_refuses_the_save_but_gives_the_text_back(
    client, author, colleague, communicator, page
):
    services.page_protect(actor=communicator, page=page, protected=True)

    response = _post_edit(as_user(client, colleague), page)

    html = response.content.decode()
    assert response.status_code == 403
    assert "Your changes could not be saved" in html
    assert "This page is protected: only the space&#x27;s admins edit it." in html
    assert "Words &lt;to&gt; keep</textarea>" in html
    assert "Onboarding, new" in html and "My summary" in html
    assert fresh(page).revision_number == 1 and fresh(page).title == "Onboarding"


def test_a_space_closed_to_admins_while_one_edits_refuses_the_save_but_gives_the_text_back(
    client, author, colleague, communicator, company_space, page
):
    services.space_edit(actor=communicator, space=company_space, edit_policy=EditPolicy.ADMINS)

    response = _post_edit(as_user(client, colleague), page)
    new_page = as_user(Client(), colleague).post(
        reverse("wiki:page-create", args=[company_space.slug]),
        {"title": "Payroll", "body": "A new page <kept>", "summary": ""},
    )

    assert response.status_code == 403
    assert "Only the space&#x27;s admins edit its pages." in response.content.decode()
    assert "Words &lt;to&gt; keep</textarea>" in response.content.decode()
    assert new_page.status_code == 403
    assert "A new page &lt;kept&gt;</textarea>" in new_page.content.decode()
    assert fresh(page).revision_number == 1


def test_the_refusal_page_is_for_writers_who_lost_the_right_not_for_outsiders(
    client, outsider, secret_space
):
    page = make_page(secret_space.community.created_by, secret_space, title="Deal")

    response = _post_edit(as_user(client, outsider), page)

    assert response.status_code == 404  # Told nothing of the page: "gone", as for no page.
    assert "Your changes could not be saved" not in response.content.decode()
    assert fresh(page).revision_number == 1


def test_opening_the_editor_of_a_protected_page_is_still_a_plain_refusal(
    client, colleague, communicator, page
):
    services.page_protect(actor=communicator, page=page, protected=True)

    assert as_user(client, colleague).get(url("page-edit", page)).status_code == 403


# --- 2. a renamed page keeps its former addresses ---------------------------------------------


@pytest.fixture
def renamed(author, company_space):
    """ "Target", linked from "Source" as [[Target]], then renamed "Target renamed"."""
    target = make_page(author, company_space, title="Target", body="The target.")
    source = make_page(author, company_space, title="Source", body="See [[Target]].")
    old_url = target.get_absolute_url()
    target = revise(author, target, "The target.", title="Target renamed")
    return {"target": target, "source": source, "old_url": old_url}


def test_a_renamed_page_remembers_its_former_address(renamed, company_space):
    target = renamed["target"]

    assert target.slug == "target-renamed"
    assert list(PageAlias.objects.values_list("space_id", "slug", "page_id")) == [
        (company_space.pk, "target", target.pk)
    ]


def test_the_old_address_of_a_renamed_page_redirects_to_it(client, author, renamed):
    client = as_user(client, author)
    target = renamed["target"]

    page = client.get(renamed["old_url"])
    history = client.get(f"{renamed['old_url']}history/?before=9")
    export = client.get(f"{renamed['old_url']}export.md")

    assert page.status_code == 302 and page.url == target.get_absolute_url()
    assert history.status_code == 302 and history.url == f"{url('history', target)}?before=9"
    assert export.status_code == 302 and export.url == url("export-markdown", target)
    assert client.get(page.url).status_code == 200


def test_the_old_address_tells_nothing_to_those_who_may_not_see_the_page(
    client, outsider, secret_space
):
    creator = secret_space.community.created_by
    target = make_page(creator, secret_space, title="Deal")
    old_url = target.get_absolute_url()
    revise(creator, target, "Secret", title="Deal renamed")

    response = as_user(client, outsider).get(old_url)

    assert response.status_code == 404


def test_links_to_the_former_title_still_lead_to_the_renamed_page(client, author, renamed):
    response = as_user(client, author).get(renamed["source"].get_absolute_url())

    html = response.content.decode()
    assert f'href="{renamed["old_url"]}"' in html
    assert "wiki-missing" not in html
    assert selectors.missing_targets(renamed["source"], author) == set()


def test_what_links_here_lists_the_links_made_with_the_former_title(client, author, renamed):
    target = renamed["target"]

    response = as_user(client, author).get(target.get_absolute_url())

    assert [p.title for p in selectors.backlinks(author, target)] == ["Source"]
    assert "Source" in response.content.decode().split("Target renamed", 1)[1]


def test_the_api_finds_a_renamed_page_by_its_former_address(author, renamed, company_space):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_login(author)

    response = api.get(f"/api/v1/wiki/spaces/{company_space.slug}/pages/target/")
    unknown = api.get(f"/api/v1/wiki/spaces/{company_space.slug}/pages/nothing-here/")

    assert response.status_code == 200
    assert (response.json()["id"], response.json()["slug"]) == (renamed["target"].pk,
                                                                "target-renamed")  # fmt: skip
    assert unknown.status_code == 404


def test_a_new_page_takes_a_former_address_and_then_wins(client, author, renamed, company_space):
    newcomer = make_page(author, company_space, title="Target", body="A new one.")

    response = as_user(client, author).get(renamed["old_url"])

    assert not PageAlias.objects.exists()
    assert response.status_code == 200 and "A new one." in response.content.decode()
    assert [p.title for p in selectors.backlinks(author, newcomer)] == ["Source"]
    assert selectors.backlinks(author, fresh(renamed["target"])) == []


def test_renaming_back_drops_the_alias_and_renaming_twice_keeps_both(author, renamed):
    target = renamed["target"]

    target = revise(author, target, "The target.", title="Target third")
    assert set(PageAlias.objects.values_list("slug", flat=True)) == {"target", "target-renamed"}

    revise(author, target, "The target.", title="Target")
    assert set(PageAlias.objects.values_list("slug", flat=True)) == {"target-renamed",
                                                                      "target-third"}  # fmt: skip


def test_a_deleted_renamed_page_leaves_its_former_address_missing(client, author, renamed):
    services.page_delete(actor=author, page=renamed["target"])

    response = as_user(Client(), author).get(renamed["old_url"])

    assert response.status_code == 404
    assert selectors.missing_targets(renamed["source"], author) == {
        (renamed["source"].space_id, "target")
    }


def test_what_links_here_runs_the_same_queries_for_10_and_100_former_addresses(
    author, company_space, django_assert_max_num_queries
):
    target = make_page(author, company_space, title="Target 0", body="x")
    make_page(author, company_space, title="Source", body="See [[Target 0]].")
    for count in (10, 100):
        for number in range(len(PageAlias.objects.filter(page=target)), count):
            target = revise(author, target, "x", title=f"Target {number + 1}")
        with django_assert_max_num_queries(2):  # The viewer's memberships, the links.
            assert [p.title for p in selectors.backlinks(author, target)] == ["Source"]


# --- 3. old revisions mark links to missing pages ---------------------------------------------


def test_an_old_revision_marks_links_to_pages_not_written(client, author, company_space):
    make_page(author, company_space, title="Exists")
    page = make_page(author, company_space, title="Links",
                     body="[[Exists]] and [[Nowhere]]")  # fmt: skip
    revise(author, page, "Nothing now")

    html = as_user(client, author).get(url("revision", fresh(page), 1)).content.decode()

    missing = reverse("wiki:page", args=[company_space.slug, "nowhere"])
    present = reverse("wiki:page", args=[company_space.slug, "exists"])
    assert f'href="{missing}" title="This page does not exist yet: create it"' in unescape(html)
    assert f'<a class="wiki-link" href="{present}" title="Exists">' in html


def test_an_old_revision_marks_links_to_pages_the_viewer_may_not_see(
    client, author, colleague, secret_space, company_space
):
    creator = secret_space.community.created_by
    make_page(creator, secret_space, title="Deal")
    page = make_page(creator, secret_space, title="Links", body="[[Deal]] and [[Nowhere]]")
    revise(creator, page, "Nothing now")

    links = [(secret_space, "deal", "Deal"), (secret_space, "nowhere", "Nowhere")]

    assert selectors.missing_urls_of(links, creator) == {
        reverse("wiki:page", args=[secret_space.slug, "nowhere"])
    }
    assert len(selectors.missing_urls_of(links, colleague)) == 2
    assert selectors.missing_urls_of([], colleague) == set()


# --- 5. topics saved on an older base are merged ----------------------------------------------


def test_topics_changed_from_an_older_form_merge_with_topics_set_meanwhile(author, colleague, page):
    revise(author, page, page.body, tags=["hr", "policy"])
    # Both open the form with "hr, policy"; the colleague saves first.
    revise(colleague, page, page.body, tags=["hr", "policy", "payroll"])

    revise(author, page, page.body, tags=["hr", "benefits"], base_tags=["hr", "policy"])

    assert tags_of(page) == {"hr", "payroll", "benefits"}


def test_topics_from_a_stale_revision_without_a_base_are_only_added(author, colleague, page):
    revise(author, page, page.body, tags=["hr"])
    revise(colleague, page, "Second text", tags=["hr", "payroll"])

    revise(author, page, "Second text", base=1, tags=["benefits"])

    assert tags_of(page) == {"hr", "payroll", "benefits"}


def test_topics_on_the_current_revision_replace_as_before(author, page):
    revise(author, page, page.body, tags=["hr", "policy"])

    revise(author, page, page.body, tags=["payroll"])

    assert tags_of(page) == {"payroll"}


def test_a_merge_of_more_than_ten_topics_is_refused_and_saves_nothing(author, colleague, page):
    first = [f"t{n}" for n in range(6)]
    revise(author, page, page.body, tags=first)
    revise(colleague, page, page.body, tags=[*first, "c1", "c2", "c3", "c4"])

    with pytest.raises(ValidationError) as refused:
        revise(author, page, "New text", tags=[*first, "a1", "a2"], base_tags=first)

    assert "tags" in refused.value.message_dict
    assert len(tags_of(page)) == 10 and fresh(page).body == "Welcome to the team."


def test_the_edit_form_sends_the_topics_it_started_from(client, author, colleague, page):
    revise(author, page, page.body, tags=["hr", "policy"])
    form = as_user(client, author).get(url("page-edit", fresh(page))).content.decode()
    revise(colleague, page, page.body, tags=["hr", "policy", "payroll"])

    sent = re.search(r'<input type="hidden" name="base_tags" value="([^"]*)">', form)
    assert sent is not None and set(sent.group(1).split(", ")) == {"hr", "policy"}
    response = client.post(
        url("page-edit", fresh(page)),
        {"page": page.pk, "title": "Onboarding", "body": page.body, "summary": "",
         "tags": "hr", "base_tags": "hr, policy", "base_revision": fresh(page).revision_number},
    )  # fmt: skip

    assert response.status_code == 302
    assert tags_of(page) == {"hr", "payroll"}
