"""The wiki in the admin: every model listed, searched and filtered; the actions (protect,
delete, restore; who edits a space) go through the services, which refuse with a message
where they refuse; staff who are not moderators see only what they may read."""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth.models import Permission
from django.urls import reverse

from moderation.models import ActionType, ModerationAction
from tests.factories import UserFactory
from tests.wiki.conftest import make_page, revise
from wiki import services
from wiki.models import Page, PageLink, PageRevision, Space, Watch

pytestmark = pytest.mark.django_db

WIKI_MODELS = [model for model in admin.site._registry if model._meta.app_label == "wiki"]


def url_for(model, view: str, *args) -> str:
    return reverse(admin_urlname(model._meta, view), args=args)


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def wiki(author, colleague, member, company_space, private_space):
    page = make_page(author, company_space, body="See [[Travel]].")
    revise(colleague, page, "See [[Travel]] and [[Budget]].")
    services.watch_space(user=colleague, space=company_space)
    private = make_page(member, private_space, title="Tax notes", body="[[Filing]]")
    revise(member, private, "[[Filing]]", title="Tax notes 2027")  # Leaves an alias.
    return {"page": page, "private": private}


def act(client, model, action: str, rows):
    return client.post(
        url_for(model, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [row.pk for row in rows]},
        follow=True,
    )


def test_every_wiki_model_is_registered_with_lists_filters_and_search():
    assert {model._meta.label for model in WIKI_MODELS} == {
        "wiki.Space", "wiki.Page", "wiki.PageRevision", "wiki.PageLink", "wiki.Watch",
        "wiki.PageAlias",
    }  # fmt: skip
    for model in WIKI_MODELS:
        model_admin = admin.site._registry[model]
        assert model_admin.list_display != ("__str__",), model
        assert model_admin.list_filter and model_admin.search_fields, model


@pytest.mark.parametrize("model", WIKI_MODELS, ids=lambda model: model._meta.label)
def test_every_wiki_changelist_and_change_page_loads(superuser_client, wiki, model):
    url = url_for(model, "changelist")

    response = superuser_client.get(url)
    assert response.status_code == 200
    changelist = response.context["cl"]
    assert changelist.result_count >= 1
    assert superuser_client.get(url, {"q": "a"}).status_code == 200
    for spec in changelist.filter_specs:
        for choice in spec.choices(changelist):
            assert superuser_client.get(url + choice["query_string"]).status_code == 200
    first = changelist.result_list[0]
    assert superuser_client.get(changelist.url_for_result(first)).status_code == 200
    assert superuser_client.get(url_for(model, "add")).status_code == 403


def test_the_page_list_takes_the_same_queries_for_10_and_100_pages(
    superuser_client, author, company_space, django_assert_max_num_queries
):
    counts = []
    for total in (10, 100):
        for n in range(total - Page.objects.count()):
            make_page(author, company_space, title=f"Page {total}-{n}")
        with django_assert_max_num_queries(20) as captured:
            assert superuser_client.get(url_for(Page, "changelist")).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_the_page_actions_protect_delete_and_restore(superuser_client, wiki, author):
    page = wiki["page"]

    assert act(superuser_client, Page, "protect", [page]).status_code == 200
    page.refresh_from_db()
    assert page.is_protected
    act(superuser_client, Page, "unprotect", [page])
    page.refresh_from_db()
    assert not page.is_protected

    act(superuser_client, Page, "soft_delete", [page])
    page.refresh_from_db()
    assert page.is_deleted
    act(superuser_client, Page, "restore", [page])
    page.refresh_from_db()
    assert not page.is_deleted
    assert list(ModerationAction.objects.order_by("id").values_list("action", flat=True)) == [
        ActionType.DELETE, ActionType.RESTORE,
    ]  # fmt: skip


def test_the_space_actions_set_who_edits(superuser_client, wiki, company_space):
    act(superuser_client, Space, "admins_edit", [company_space])
    company_space.refresh_from_db()
    assert company_space.edit_policy == "admins"

    act(superuser_client, Space, "members_edit", [company_space])
    company_space.refresh_from_db()
    assert company_space.edit_policy == "members"


def test_a_refused_action_says_why(client, wiki, colleague):
    staff = UserFactory(username="staffer", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="wiki"))
    client.force_login(staff)

    response = act(client, Page, "soft_delete", [wiki["page"]])

    messages = [str(m) for m in response.context["messages"]]
    assert any("Only the page's author or the space's admins can delete it." in m for m in messages)
    wiki["page"].refresh_from_db()
    assert not wiki["page"].is_deleted


def test_staff_who_are_not_moderators_see_only_what_they_may_read(client, wiki):
    staff = UserFactory(username="staffer", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="wiki"))
    client.force_login(staff)

    listed = {
        model: set(client.get(url_for(model, "changelist")).context["cl"].result_list)
        for model in (Page, PageRevision, PageLink, Space, Watch)
    }

    assert listed[Page] == {wiki["page"]}
    assert {r.page for r in listed[PageRevision]} == {wiki["page"]}
    assert {link.source for link in listed[PageLink]} == {wiki["page"]}
    assert wiki["private"].space not in listed[Space]
    assert client.get(url_for(Page, "change", wiki["private"].pk)).status_code == 302
