"""The file share in the admin: every model listed, searched and filtered; the actions (to the
trash, restore, empty a trash, extract text again) go through the services, which refuse with
a message where they refuse; staff who are not moderators see only what they may read."""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth.models import Permission
from django.urls import reverse

from files import services
from files.models import File, FileVersion, Folder, Library, TextState
from tests.factories import UserFactory
from tests.files.conftest import stored, upload

pytestmark = pytest.mark.django_db

FILE_MODELS = [model for model in admin.site._registry if model._meta.app_label == "files"]


def url_for(model, view: str, *args) -> str:
    return reverse(admin_urlname(model._meta, view), args=args)


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def share(communicator, company_library, member, private_library):
    folder = services.folder_create(actor=communicator, library=company_library, name="HR")
    file = services.file_upload(
        actor=communicator, library=company_library, folder=folder,
        upload=upload("policy.txt"), description="Leave policy",
    )  # fmt: skip
    services.file_upload_version(actor=communicator, file=file, upload=upload(data=b"v2"))
    private = services.file_upload(actor=member, library=private_library,
                                   upload=upload("tax.txt"))  # fmt: skip
    return {"folder": folder, "file": file, "private": private}


def act(client, model, action: str, rows):
    return client.post(
        url_for(model, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [row.pk for row in rows]},
        follow=True,
    )


def test_every_file_model_is_registered_with_lists_filters_and_search():
    assert {model._meta.label for model in FILE_MODELS} == {
        "files.Library", "files.Folder", "files.File", "files.FileVersion",
    }  # fmt: skip
    for model in FILE_MODELS:
        model_admin = admin.site._registry[model]
        assert model_admin.list_display != ("__str__",), model
        assert model_admin.list_filter and model_admin.search_fields, model


@pytest.mark.parametrize("model", FILE_MODELS, ids=lambda model: model._meta.label)
def test_every_file_changelist_and_change_page_loads(superuser_client, share, model):
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


def test_the_file_list_takes_the_same_queries_for_10_and_100_files(
    superuser_client, author, django_assert_max_num_queries
):
    library = services.library_create_personal(owner=author)
    counts = []
    for total in (10, 100):
        for n in range(File.objects.count(), total):
            services.file_upload(actor=author, library=library, upload=upload(f"f{n}.txt"))
        with django_assert_max_num_queries(20) as captured:
            assert superuser_client.get(url_for(File, "changelist")).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_the_file_actions_trash_and_restore_through_the_services(superuser_client, share):
    file = share["file"]

    act(superuser_client, File, "trash", [file])
    file.refresh_from_db()
    assert file.is_deleted
    act(superuser_client, File, "restore", [file])
    file.refresh_from_db()
    assert not file.is_deleted


def test_the_folder_actions_trash_and_restore_with_the_contents(superuser_client, share):
    act(superuser_client, Folder, "trash", [share["folder"]])
    share["file"].refresh_from_db()
    assert share["file"].is_deleted

    act(superuser_client, Folder, "restore", [share["folder"]])
    share["file"].refresh_from_db()
    assert not share["file"].is_deleted


def test_emptying_a_trash_from_the_admin_deletes_the_bytes(
    superuser_client, share, company_library, django_capture_on_commit_callbacks
):
    names = list(share["file"].versions.values_list("blob", flat=True))
    services.file_delete(actor=share["file"].author, file=share["file"])

    with django_capture_on_commit_callbacks(execute=True):
        response = act(superuser_client, Library, "empty_trash", [company_library])

    assert "1 trash emptied." in [str(m) for m in response.context["messages"]]
    assert not File.objects.filter(pk=share["file"].pk).exists()
    assert not any(stored(name) for name in names)


def test_extracting_text_again(superuser_client, share):
    version = share["file"].current
    FileVersion.objects.filter(pk=version.pk).update(text="", text_state=TextState.FAILED)

    act(superuser_client, FileVersion, "extract_again", [version])

    version.refresh_from_db()
    assert (version.text_state, version.text) == (TextState.DONE, "Quarterly numbers")


def test_a_refused_action_says_why(client, share):
    staff = UserFactory(username="staffer", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="files"))
    client.force_login(staff)

    response = act(client, File, "trash", [share["file"]])

    messages = [str(m) for m in response.context["messages"]]
    assert any("Only whoever uploaded this file" in m for m in messages), messages
    share["file"].refresh_from_db()
    assert not share["file"].is_deleted


def test_staff_who_are_not_moderators_see_only_what_they_may_read(client, share, private_library):
    staff = UserFactory(username="staffer", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="files"))
    client.force_login(staff)

    listed = {
        model: set(client.get(url_for(model, "changelist")).context["cl"].result_list)
        for model in (Library, Folder, File, FileVersion)
    }

    assert share["private"] not in listed[File] and share["file"] in listed[File]
    assert private_library not in listed[Library]
    assert {v.file for v in listed[FileVersion]} == {share["file"]}
    assert listed[Folder] == {share["folder"]}
    assert client.get(url_for(File, "change", share["private"].pk)).status_code == 302
