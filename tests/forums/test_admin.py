"""The forum in the admin: every model listed, searched and filtered; the moderators' actions
go through the services (and are refused, with a message, where the services refuse)."""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.urls import reverse

from forums.models import Reply, Thread
from moderation.models import ActionType, ModerationAction
from tests.factories import UserFactory
from tests.forums.conftest import ask, make_category, populate_forum
from tests.helpers import join

pytestmark = pytest.mark.django_db

FORUM_MODELS = [model for model in admin.site._registry if model._meta.app_label == "forums"]


def url_for(model, view: str, *args) -> str:
    return reverse(admin_urlname(model._meta, view), args=args)


@pytest.fixture
def forum(author, colleague, communicator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return populate_forum(communicator=communicator, asker=author, helper=colleague)


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_every_forum_model_is_registered_with_lists_filters_and_search():
    labels = {model._meta.label for model in FORUM_MODELS}

    assert labels == {
        "forums.Category", "forums.Thread", "forums.ThreadRevision", "forums.Reply",
        "forums.ReplyRevision", "forums.ReplyAttachment", "forums.ReplyVote",
        "forums.ThreadSubscription",
    }  # fmt: skip
    for model in FORUM_MODELS:
        model_admin = admin.site._registry[model]
        assert model_admin.list_display != ("__str__",), model
        assert model_admin.list_filter and model_admin.search_fields, model


@pytest.mark.parametrize("model", FORUM_MODELS, ids=lambda model: model._meta.label)
def test_every_forum_changelist_and_change_page_loads(superuser_client, forum, model):
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


def act(client, model, action: str, rows):
    return client.post(
        url_for(model, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [row.pk for row in rows]},
        follow=True,
    )


def test_the_thread_actions_pin_lock_delete_and_restore(superuser_client, forum):
    thread = forum["thread"]

    for action in ("pin", "lock"):
        assert act(superuser_client, Thread, action, [thread]).status_code == 200
    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_locked

    act(superuser_client, Thread, "soft_delete", [thread])
    thread.refresh_from_db()
    assert thread.is_deleted
    act(superuser_client, Thread, "restore", [thread])
    thread.refresh_from_db()
    assert not thread.is_deleted
    assert list(ModerationAction.objects.values_list("action", flat=True).order_by("id")) == [
        ActionType.PIN,
        ActionType.LOCK,
        ActionType.DELETE,
        ActionType.RESTORE,
    ]

    act(superuser_client, Thread, "unpin", [thread])
    act(superuser_client, Thread, "unlock", [thread])
    thread.refresh_from_db()
    assert not thread.is_pinned and not thread.is_locked


def test_the_reply_actions_delete_and_restore(superuser_client, forum):
    reply = forum["reply"]

    act(superuser_client, Reply, "soft_delete", [reply])
    reply.refresh_from_db()
    assert reply.is_deleted
    act(superuser_client, Reply, "restore", [reply])
    reply.refresh_from_db()
    assert not reply.is_deleted


def test_deleting_a_busy_category_is_refused_with_a_message(superuser_client, forum):
    from forums.models import Category

    response = act(superuser_client, Category, "delete_empty", [forum["category"]])

    assert Category.objects.filter(pk=forum["category"].pk).exists()
    assert any("still has threads" in str(m) for m in response.context["messages"])


def test_staff_see_only_the_forum_content_they_may_read(client, author, private_community):
    from django.contrib.auth.models import Permission

    join(author, private_community)
    category = make_category(actor=private_community.created_by, community=private_community)
    ask(author, category, title="Private question")
    staff = UserFactory(username="staffer", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="forums"))
    client.force_login(staff)

    response = client.get(url_for(Thread, "changelist"))

    assert response.status_code == 200 and response.context["cl"].result_count == 0
