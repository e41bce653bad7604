"""The file-share API under /api/v1/files/: libraries, folder contents (paged by a cursor),
folders, multipart uploads, files, versions, downloads and the trash, through the same
services and selectors as the file pages; 404 for what the viewer may not see (private and
secret communities' files, their old versions, the trash), 403 for what they see but may not
do, 400 with field errors and nothing stored for bad input, 413 for files over the limit."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from communities.models import Role
from files import services
from files.models import File, FileVersion, Folder
from profiles.roles import COMMUNICATORS
from tests.factories import UserFactory
from tests.files.conftest import png_bytes, stored, upload
from tests.helpers import fresh, in_group, join

pytestmark = pytest.mark.django_db

API = "/api/v1/files"
MB = 1024 * 1024
LIBRARY_FIELDS = {
    "id", "slug", "name", "kind", "community", "owner", "url", "page_url", "contents_url",
    "folders_url", "upload_url", "trash_url", "viewer",
}  # fmt: skip
FILE_FIELDS = {
    "id", "name", "description", "tags", "library", "folder", "size", "content_type", "version",
    "version_count", "download_count", "comment_count", "reaction_count", "author", "updated_by",
    "created_at", "updated_at", "url", "page_url", "download_url", "versions_url", "viewer",
}  # fmt: skip
FILE_DETAIL_FIELDS = FILE_FIELDS | {
    "breadcrumbs", "current", "is_deleted", "deleted_at", "can_restore",
}  # fmt: skip
VERSION_FIELDS = {
    "number", "is_current", "size", "content_type", "sha256", "original_name", "comment",
    "restored_from", "text_state", "uploaded_by", "created_at", "url", "download_url",
    "restore_url",
}  # fmt: skip
FOLDER_FIELDS = {
    "id", "name", "library", "parent", "created_by", "created_at", "url", "page_url", "viewer",
}  # fmt: skip


def client_for(person) -> APIClient:
    client = APIClient()
    if person is not None:
        client.force_login(fresh(person))
    return client


def make_file(actor, library, name="notes.txt", data=b"Quarterly numbers\n", **fields):
    return services.file_upload(actor=actor, library=library, upload=upload(name, data), **fields)


def post_file(client, library, filename="notes.txt", data=b"Quarterly numbers\n", **fields):
    return client.post(
        f"{API}/libraries/{library.slug}/files/",
        {"upload": SimpleUploadedFile(filename, data), **fields},
        format="multipart",
    )


def stored_files() -> set:
    if not default_storage.exists("files"):
        return set()
    return set(default_storage.listdir("files")[1])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


# --- libraries ----------------------------------------------------------------------------


def test_the_library_list_shows_what_the_viewer_may_read(
    outsider, member, company_library, public_library, private_library, secret_library
):
    seen_by_outsider = client_for(outsider).get(f"{API}/libraries/").json()["results"]
    seen_by_member = client_for(member).get(f"{API}/libraries/").json()["results"]

    assert [row["slug"] for row in seen_by_outsider] == [company_library.slug, public_library.slug]
    assert [row["slug"] for row in seen_by_member] == [
        company_library.slug,
        public_library.slug,
        private_library.slug,
    ]
    assert set(seen_by_outsider[0]) == LIBRARY_FIELDS
    assert seen_by_outsider[1]["community"]["slug"] == "finance-club"
    assert secret_library.slug not in {row["slug"] for row in seen_by_member}


def test_a_library_says_what_the_viewer_may_do(colleague, communicator, company_library):
    url = f"{API}/libraries/{company_library.slug}/"

    as_colleague = client_for(colleague).get(url).json()
    as_communicator = client_for(communicator).get(url).json()

    assert as_colleague["url"] == f"http://testserver{url}"
    assert as_colleague["page_url"] == f"http://testserver/files/{company_library.slug}/"
    assert as_colleague["viewer"] == {"can_upload": False, "can_manage": False,
                                      "can_see_trash": False}  # fmt: skip
    assert as_communicator["viewer"] == {"can_upload": True, "can_manage": True,
                                         "can_see_trash": True}  # fmt: skip


def test_a_personal_library_is_read_by_everyone_and_written_by_its_owner(
    author, colleague, personal_library
):
    make_file(author, personal_library, "cv.txt")

    seen = client_for(colleague).get(f"{API}/libraries/{personal_library.slug}/contents/")
    refused = post_file(client_for(colleague), personal_library, "mine.txt")
    allowed = post_file(client_for(author), personal_library, "mine.txt")

    assert [f["name"] for f in seen.json()["files"]] == ["cv.txt"]
    assert refused.status_code == 403 and allowed.status_code == 201


# --- folders and their contents -------------------------------------------------------------


def test_folders_are_made_renamed_moved_deleted_and_restored(member, private_library):
    client = client_for(member)
    base = f"{API}/libraries/{private_library.slug}/folders/"

    made = client.post(base, {"name": "Reports"}, format="json")
    pk = made.json()["id"]
    inner = client.post(base, {"name": "2025", "parent": pk}, format="json").json()
    renamed = client.patch(f"{base}{pk}/", {"name": "Quarterly reports"}, format="json")
    other = client.post(base, {"name": "Archive"}, format="json").json()
    moved = client.post(f"{base}{pk}/move/", {"parent": other["id"]}, format="json")
    deleted = client.delete(f"{base}{other['id']}/")
    gone = client.get(f"{base}{pk}/")
    restored = client.post(f"{base}{other['id']}/restore/")
    back = client.get(f"{base}{pk}/")

    assert made.status_code == 201, made.content
    assert set(made.json()) == FOLDER_FIELDS and made.json()["name"] == "Reports"
    assert inner["parent"] == pk
    assert renamed.status_code == 200 and renamed.json()["name"] == "Quarterly reports"
    assert moved.status_code == 200 and moved.json()["parent"] == other["id"]
    assert deleted.status_code == 204 and gone.status_code == 404
    assert restored.status_code == 200, restored.content
    assert back.status_code == 200
    assert [c["name"] for c in back.json()["breadcrumbs"]] == ["Archive", "Quarterly reports"]
    assert [f["name"] for f in back.json()["folders"]] == ["2025"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "X", "parent": 999999}, "parent"),
        ({"name": "X", "colour": "red"}, "colour"),
        ({}, "name"),
    ],
)
def test_bad_folder_input_answers_400_with_the_field(member, private_library, payload, field):
    response = client_for(member).post(
        f"{API}/libraries/{private_library.slug}/folders/", payload, format="json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not Folder.objects.exists()


def test_a_folder_name_already_used_there_is_refused(member, private_library):
    services.folder_create(actor=member, library=private_library, name="Reports")

    response = client_for(member).post(
        f"{API}/libraries/{private_library.slug}/folders/", {"name": "Reports"}, format="json"
    )

    assert response.status_code == 400 and "name" in response.json()
    assert Folder.objects.count() == 1


def test_a_folder_of_another_library_is_not_a_parent(member, private_library, public_library):
    elsewhere = services.folder_create(
        actor=public_library.community.created_by, library=public_library, name="Theirs"
    )

    response = client_for(member).post(
        f"{API}/libraries/{private_library.slug}/folders/",
        {"name": "Mine", "parent": elsewhere.pk},
        format="json",
    )

    assert response.status_code == 400 and "parent" in response.json()


def test_folder_contents_list_folders_and_files_by_name(member, private_library):
    folder = services.folder_create(actor=member, library=private_library, name="Reports")
    services.folder_create(actor=member, library=private_library, parent=folder, name="Old")
    make_file(member, private_library, "b.txt", folder=folder, tags=["q3", "finance"])
    make_file(member, private_library, "a.txt", folder=folder)
    make_file(member, private_library, "top.txt")

    top = client_for(member).get(f"{API}/libraries/{private_library.slug}/contents/").json()
    inside = client_for(member).get(top["folders"][0]["url"]).json()

    assert top["folder"] is None and top["breadcrumbs"] == []
    assert [f["name"] for f in top["folders"]] == ["Reports"]
    assert top["folders"][0]["item_count"] == 3
    assert [f["name"] for f in top["files"]] == ["top.txt"]
    assert inside["folder"]["name"] == "Reports"
    assert [f["name"] for f in inside["folders"]] == ["Old"]
    assert [f["name"] for f in inside["files"]] == ["a.txt", "b.txt"]
    assert set(inside["files"][0]) == FILE_FIELDS
    assert inside["files"][1]["tags"] == ["finance", "q3"]
    assert inside["files"][1]["viewer"] == {"can_change": True, "can_upload_version": True}
    assert inside["next"] is None


def test_folder_contents_page_their_files_with_a_cursor(member, private_library):
    services.folder_create(actor=member, library=private_library, name="Sub")
    for n in range(5):
        make_file(member, private_library, f"file {n}.txt")
    client = client_for(member)
    url = f"{API}/libraries/{private_library.slug}/contents/"

    first = client.get(url, {"limit": 2}).json()
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()

    assert [f["name"] for f in first["files"]] == ["file 0.txt", "file 1.txt"]
    assert [f["name"] for f in second["files"]] == ["file 2.txt", "file 3.txt"]
    assert [f["name"] for f in third["files"]] == ["file 4.txt"] and third["next"] is None
    assert [f["name"] for f in first["folders"]] == ["Sub"] and second["folders"] == []
    assert client.get(url, {"limit": "lots"}).status_code == 400
    assert len(client.get(url, {"after": "garbage"}).json()["files"]) == 5


# --- uploads ------------------------------------------------------------------------------


def test_a_member_uploads_a_file_with_its_details(member, private_library):
    folder = services.folder_create(actor=member, library=private_library, name="Pictures")

    response = post_file(
        client_for(member), private_library, "chart.png", png_bytes(), folder=folder.pk,
        description="The Q3 chart", tags=["q3", "charts"],
    )  # fmt: skip

    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == FILE_DETAIL_FIELDS
    assert data["name"] == "chart.png" and data["folder"] == folder.pk
    assert data["content_type"] == "image/png" and data["size"] == len(png_bytes())
    assert data["tags"] == ["charts", "q3"] and data["description"] == "The Q3 chart"
    assert data["author"]["username"] == "dewi" and data["version"] == 1
    assert set(data["current"]) == VERSION_FIELDS and data["current"]["is_current"] is True
    assert [c["name"] for c in data["breadcrumbs"]] == ["Pictures"]
    assert data["page_url"] == f"http://testserver/files/file/{data['id']}/"
    file = File.objects.get()
    assert file.current.original_name == "chart.png" and stored(file.current.blob.name)
    assert not file.current.blob.name.endswith("chart.png")  # An opaque storage name.


def test_an_upload_may_be_named_and_bad_names_are_made_safe(member, private_library):
    client = client_for(member)

    renamed = post_file(client, private_library, "scan001.pdf", b"%PDF-1.4 x", name="Contract.pdf")
    traversal = post_file(client, private_library, "../../etc/passwd", b"root:x:0:0")
    script = post_file(client, private_library, "<script>.html", b"<script>alert(1)</script>")
    controls = post_file(client, private_library, "a\x00b\x1b\u202egpj.exe", b"MZ")

    assert renamed.json()["name"] == "Contract.pdf"
    assert traversal.status_code == 201 and traversal.json()["name"] == "passwd"
    assert script.status_code == 201 and script.json()["name"] == "script.html"
    assert controls.status_code == 201
    assert controls.json()["name"] == "abgpj.exe"


def test_an_image_that_is_not_an_image_is_not_typed_as_one(member, private_library):
    response = post_file(client_for(member), private_library, "photo.png", b"<html>not a png")

    assert response.json()["content_type"] == "application/octet-stream"
    download = client_for(member).get(response.json()["download_url"])
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment")


def test_a_name_already_used_in_the_folder_offers_a_new_version(member, private_library):
    first = make_file(member, private_library, "budget.csv", b"a,b\n")

    response = post_file(client_for(member), private_library, "budget.csv", b"a,b\n1,2\n")

    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "name_taken" and data["file"] == first.pk
    assert "new version" in data["name"][0]
    assert File.objects.count() == 1 and FileVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"upload": SimpleUploadedFile("empty.txt", b"")}, "upload"),
        ({}, "upload"),
        ({"upload": "not a file"}, "upload"),
        ({"upload": SimpleUploadedFile("a.txt", b"a"), "folder": 999999}, "folder"),
        ({"upload": SimpleUploadedFile("a.txt", b"a"), "description": "x" * 2001}, "description"),
        (
            {"upload": SimpleUploadedFile("a.txt", b"a"), "tags": [f"t{n}" for n in range(11)]},
            "tags",
        ),
        ({"upload": SimpleUploadedFile("a.txt", b"a"), "colour": "red"}, "colour"),
    ],
)
def test_bad_uploads_answer_400_with_the_field_and_store_nothing(
    member, private_library, payload, field
):
    before = stored_files()

    response = client_for(member).post(
        f"{API}/libraries/{private_library.slug}/files/", payload, format="multipart"
    )

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not File.objects.exists() and stored_files() == before


def test_a_zero_byte_file_is_refused_with_a_clear_message(member, private_library):
    response = post_file(client_for(member), private_library, "empty.txt", b"")

    assert response.status_code == 400
    assert response.json()["upload"] == ["empty.txt is empty (0 bytes): there is nothing to share."]


def test_a_51_mb_upload_is_refused_while_it_arrives_and_nothing_is_stored(
    member, private_library, settings, tmp_path
):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    before = stored_files()

    response = post_file(client_for(member), private_library, "film.mp4", b"\0" * (51 * MB))

    assert response.status_code == 413, response.content
    [message] = response.json()["upload"]
    assert message.replace("\xa0", " ") == (
        "film.mp4 is larger than 50.0 MB, the limit for one file."
    )
    assert not File.objects.exists() and stored_files() == before
    assert list(tmp_path.iterdir()) == []


def test_the_size_limit_is_in_place_before_the_csrf_check_reads_the_body(
    member, private_library, settings
):
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    settings.FILE_MAX_BYTES = 1000
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(fresh(member))
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    url = f"{API}/libraries/{private_library.slug}/files/"
    token = {"HTTP_X_CSRFTOKEN": _mask_cipher_secret(secret)}

    forged = client.post(url, {"upload": SimpleUploadedFile("a.txt", b"a")}, format="multipart")
    too_big = client.post(
        url, {"upload": SimpleUploadedFile("big.txt", b"x" * 5000)}, format="multipart", **token
    )
    fine = client.post(url, {"upload": SimpleUploadedFile("a.txt", b"a")}, format="multipart",
                       **token)  # fmt: skip

    assert forged.status_code == 403
    assert too_big.status_code == 413 and "big.txt is larger than" in too_big.json()["upload"][0]
    assert fine.status_code == 201, fine.content
    assert list(File.objects.values_list("name", flat=True)) == ["a.txt"]


def test_a_new_version_over_the_limit_is_refused_too(member, private_library, settings):
    file = make_file(member, private_library, "notes.txt")
    settings.FILE_MAX_BYTES = 1000

    response = client_for(member).post(
        f"{API}/files/{file.pk}/versions/",
        {"upload": SimpleUploadedFile("notes.txt", b"x" * 5000)},
        format="multipart",
    )

    assert response.status_code == 413
    assert FileVersion.objects.filter(file=file).count() == 1


def test_uploads_work_with_a_token_too(member, private_library):
    token = Token.objects.create(user=member)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = post_file(client, private_library, "a.txt")

    assert response.status_code == 201


# --- files --------------------------------------------------------------------------------


def test_a_file_is_edited_moved_deleted_and_restored(member, private_library):
    file = make_file(member, private_library, "notes.txt", tags=["old"])
    folder = services.folder_create(actor=member, library=private_library, name="Archive")
    client = client_for(member)
    url = f"{API}/files/{file.pk}/"

    edited = client.patch(
        url, {"name": "minutes.txt", "description": "Monday", "tags": ["board"]}, format="json"
    )
    moved = client.post(f"{url}move/", {"folder": folder.pk}, format="json")
    deleted = client.delete(url)
    gone = client.get(f"{url}download/")
    seen_in_trash = client.get(url).json()
    restored = client.post(f"{url}restore/")

    assert edited.status_code == 200, edited.content
    assert edited.json()["name"] == "minutes.txt" and edited.json()["tags"] == ["board"]
    assert edited.json()["description"] == "Monday"
    assert moved.json()["folder"] == folder.pk
    assert deleted.status_code == 204 and gone.status_code == 404
    assert seen_in_trash["is_deleted"] is True and seen_in_trash["can_restore"] is True
    assert restored.status_code == 200 and restored.json()["is_deleted"] is False
    assert client.post(f"{url}restore/").status_code == 403  # Not in the trash.


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": ""}, "name"),
        ({"description": "x" * 2001}, "description"),
        ({"name": "x", "size": 3}, "size"),
    ],
)
def test_bad_edits_answer_400_and_change_nothing(member, private_library, payload, field):
    file = make_file(member, private_library, "notes.txt")

    response = client_for(member).patch(f"{API}/files/{file.pk}/", payload, format="json")

    assert response.status_code == 400 and field in response.json()
    file.refresh_from_db()
    assert file.name == "notes.txt" and file.description == ""


def test_renaming_or_moving_onto_a_taken_name_is_refused(member, private_library):
    folder = services.folder_create(actor=member, library=private_library, name="Archive")
    make_file(member, private_library, "a.txt")
    make_file(member, private_library, "a.txt", folder=folder)
    other = make_file(member, private_library, "b.txt")
    client = client_for(member)

    renamed = client.patch(f"{API}/files/{other.pk}/", {"name": "A.txt"}, format="json")
    first = File.objects.get(folder=None, name="a.txt")
    moved = client.post(f"{API}/files/{first.pk}/move/", {"folder": folder.pk}, format="json")

    assert renamed.status_code == 400 and renamed.json()["code"] == "name_taken"
    assert moved.status_code == 400 and moved.json()["code"] == "name_taken"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("page.html", b"<html><script>alert(document.cookie)</script></html>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
    ],
)
def test_downloads_are_attachments_never_sniffed_and_sandboxed(member, private_library, name, data):
    file = make_file(member, private_library, name, data)
    client = client_for(member)

    for url in (f"{API}/files/{file.pk}/download/", f"{API}/files/{file.pk}/versions/1/download/"):
        response = client.get(url)

        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment;")
        assert name in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"].startswith("sandbox;")
        assert "default-src 'none'" in response["Content-Security-Policy"]
        assert body(response) == data


def test_a_download_is_counted(member, private_library):
    file = make_file(member, private_library, "a.txt")
    client = client_for(member)

    client.get(f"{API}/files/{file.pk}/download/")
    client.get(f"{API}/files/{file.pk}/download/")

    assert client.get(f"{API}/files/{file.pk}/").json()["download_count"] == 2


# --- versions -----------------------------------------------------------------------------


def test_versions_are_uploaded_listed_downloaded_restored_and_deleted(member, private_library, run):
    file = make_file(member, private_library, "plan.txt", b"one\n")
    client = client_for(member)
    url = f"{API}/files/{file.pk}/versions/"

    uploaded = client.post(
        url, {"upload": SimpleUploadedFile("plan.txt", b"two\n"), "comment": "Second draft"},
        format="multipart",
    )  # fmt: skip
    listed = client.get(url).json()
    old = client.get(f"{url}1/download/")
    current = client.get(f"{API}/files/{file.pk}/download/")
    restored = client.post(f"{url}1/restore/")
    after_restore = client.get(url).json()["results"]
    old_name = FileVersion.objects.get(file=file, number=2).blob.name
    deleted = run(client.delete, f"{url}2/")
    current_refused = client.delete(f"{url}3/")

    assert uploaded.status_code == 201, uploaded.content
    assert uploaded.json()["version"] == 2 and uploaded.json()["version_count"] == 2
    assert [v["number"] for v in listed["results"]] == [2, 1]
    assert set(listed["results"][0]) == VERSION_FIELDS
    assert listed["results"][0]["comment"] == "Second draft"
    assert listed["results"][0]["is_current"] is True
    assert body(old) == b"one\n" and body(current) == b"two\n"
    assert restored.status_code == 200 and restored.json()["version"] == 3
    assert after_restore[0]["restored_from"] == 1
    assert body(client.get(f"{API}/files/{file.pk}/download/")) == b"one\n"
    assert deleted.status_code == 204 and not stored(old_name)
    assert [v["number"] for v in client.get(url).json()["results"]] == [3, 1]
    assert current_refused.status_code == 400 and "number" in current_refused.json()
    assert client.get(f"{url}2/download/").status_code == 404


def test_restoring_the_current_version_is_refused(member, private_library):
    file = make_file(member, private_library, "plan.txt")

    response = client_for(member).post(f"{API}/files/{file.pk}/versions/1/restore/")

    assert response.status_code == 400


def test_a_new_version_must_not_be_empty(member, private_library):
    file = make_file(member, private_library, "plan.txt")

    response = client_for(member).post(
        f"{API}/files/{file.pk}/versions/",
        {"upload": SimpleUploadedFile("plan.txt", b"")},
        format="multipart",
    )

    assert response.status_code == 400 and "upload" in response.json()
    assert FileVersion.objects.count() == 1


# --- the trash ----------------------------------------------------------------------------


def test_the_trash_lists_what_the_viewer_may_restore_and_empties_for_good(
    member, private_library, private_community
):
    admin = join(UserFactory(username="adi"), private_community, role=Role.ADMIN)
    mine = make_file(member, private_library, "mine.txt")
    theirs = make_file(admin, private_library, "theirs.txt")
    folder = services.folder_create(actor=admin, library=private_library, name="Old")
    make_file(admin, private_library, "inside.txt", folder=folder)
    for actor, file in ((member, mine), (admin, theirs)):
        services.file_delete(actor=actor, file=file)
    services.folder_delete(actor=admin, folder=folder)
    url = f"{API}/libraries/{private_library.slug}/trash/"

    as_member = client_for(member).get(url).json()
    as_admin = client_for(admin).get(url).json()
    emptied = client_for(member).delete(url)

    assert [f["name"] for f in as_member["files"]] == ["mine.txt"] and as_member["folders"] == []
    assert [f["name"] for f in as_admin["files"]] == ["theirs.txt", "mine.txt"]
    assert [f["name"] for f in as_admin["folders"]] == ["Old"]
    assert as_admin["folders"][0]["file_count"] == 1 and as_admin["days"] == 30
    assert as_admin["files"][0]["restore_url"].endswith(f"/files/{theirs.pk}/restore/")
    assert emptied.status_code == 200 and emptied.json() == {"deleted": 1}
    assert not File.objects.filter(pk=mine.pk).exists()
    assert File.objects.filter(pk=theirs.pk).exists()


def test_emptying_the_trash_deletes_the_stored_bytes(member, private_library, run):
    file = make_file(member, private_library, "mine.txt")
    name = file.current.blob.name
    services.file_delete(actor=member, file=file)

    response = run(client_for(member).delete, f"{API}/libraries/{private_library.slug}/trash/")

    assert response.status_code == 200
    assert not stored(name)


# --- the permission matrix ----------------------------------------------------------------


class World:
    """A private community's library: a folder and a file (two versions) by its admin, a
    trashed file and a trashed folder of theirs."""

    def __init__(self, community):
        self.admin = join(UserFactory(username="adi"), community, role=Role.ADMIN)
        self.member = join(UserFactory(username="dewi"), community)
        self.outsider = UserFactory(username="eko")
        self.library = services.library_ensure_for_community(community=community)
        self.folder = services.folder_create(actor=self.admin, library=self.library, name="Tax")
        self.other = services.folder_create(actor=self.admin, library=self.library, name="Misc")
        self.file = make_file(self.admin, self.library, "rates.csv", b"a,b\n")
        services.file_upload_version(actor=self.admin, file=self.file,
                                     upload=upload("rates.csv", b"a,b\n1,2\n"))  # fmt: skip
        self.trashed = make_file(self.admin, self.library, "old.txt")
        services.file_delete(actor=self.admin, file=self.trashed)
        self.gone = services.folder_create(actor=self.admin, library=self.library, name="Gone")
        services.folder_delete(actor=self.admin, folder=self.gone)

    def person(self, role):
        return {"anon": None, "outsider": self.outsider, "member": self.member,
                "admin": self.admin}[role]  # fmt: skip


READ = {"anon": 401, "outsider": 404, "member": 200, "admin": 200}
WRITE = {"anon": 401, "outsider": 404, "member": 200, "admin": 200}
CREATE = {"anon": 401, "outsider": 404, "member": 201, "admin": 201}
ADMIN_ONLY = {"anon": 401, "outsider": 404, "member": 403, "admin": 200}
RESTORER_ONLY = {"anon": 401, "outsider": 404, "member": 404, "admin": 200}

# name: (method, path, body, expected codes by role)
ENDPOINTS = {
    "library": ("get", "libraries/{library}/", None, READ),
    "contents": ("get", "libraries/{library}/contents/", None, READ),
    "folder-create": ("post", "libraries/{library}/folders/", {"name": "New"}, CREATE),
    "folder": ("get", "libraries/{library}/folders/{folder}/", None, READ),
    "folder-rename": ("patch", "libraries/{library}/folders/{folder}/", {"name": "Taxes"},
                      ADMIN_ONLY),
    "folder-move": ("post", "libraries/{library}/folders/{folder}/move/", {"parent": "{other}"},
                    ADMIN_ONLY),
    "folder-delete": ("delete", "libraries/{library}/folders/{folder}/", None,
                      {**ADMIN_ONLY, "admin": 204}),
    "folder-restore": ("post", "libraries/{library}/folders/{gone}/restore/", None,
                       RESTORER_ONLY),
    "upload": ("post", "libraries/{library}/files/", "upload", CREATE),
    "file": ("get", "files/{file}/", None, READ),
    "file-edit": ("patch", "files/{file}/", {"description": "Rates"}, ADMIN_ONLY),
    "file-move": ("post", "files/{file}/move/", {"folder": "{folder}"}, ADMIN_ONLY),
    "file-delete": ("delete", "files/{file}/", None, {**ADMIN_ONLY, "admin": 204}),
    "file-restore": ("post", "files/{trashed}/restore/", None, RESTORER_ONLY),
    "trashed-file": ("get", "files/{trashed}/", None, RESTORER_ONLY),
    "trashed-download": ("get", "files/{trashed}/download/", None,
                         {**RESTORER_ONLY, "admin": 404}),
    "download": ("get", "files/{file}/download/", None, READ),
    "versions": ("get", "files/{file}/versions/", None, READ),
    "version-upload": ("post", "files/{file}/versions/", "upload", CREATE),
    "old-version-download": ("get", "files/{file}/versions/1/download/", None, READ),
    "version-restore": ("post", "files/{file}/versions/1/restore/", None, WRITE),
    "version-delete": ("delete", "files/{file}/versions/1/", None, {**ADMIN_ONLY, "admin": 204}),
    "trash": ("get", "libraries/{library}/trash/", None, READ),
    "trash-empty": ("delete", "libraries/{library}/trash/", None, READ),
}  # fmt: skip


@pytest.mark.parametrize("role", ["anon", "outsider", "member", "admin"])
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_the_permission_matrix_of_a_private_communitys_library(private_community, name, role):
    world = World(private_community)
    method, path, payload, expected = ENDPOINTS[name]
    ids = {"library": world.library.slug, "folder": world.folder.pk, "other": world.other.pk,
           "file": world.file.pk, "trashed": world.trashed.pk, "gone": world.gone.pk}  # fmt: skip
    client = client_for(world.person(role))
    url = f"{API}/{path.format(**ids)}"

    if payload == "upload":
        upload_ = SimpleUploadedFile("rates.csv" if "versions" in path else "new.csv", b"x,y\n")
        response = getattr(client, method)(url, {"upload": upload_}, format="multipart")
    else:
        if payload:
            payload = {k: ids[v[1:-1]] if v in ("{other}", "{folder}") else v
                       for k, v in payload.items()}  # fmt: skip
        response = getattr(client, method)(url, payload, format="json")

    assert response.status_code == expected[role], (name, role, response.content)
    if response.status_code == 404:
        assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "libraries/{library}/"),
        ("get", "libraries/{library}/contents/"),
        ("get", "libraries/{library}/folders/{folder}/"),
        ("get", "libraries/{library}/trash/"),
        ("post", "libraries/{library}/folders/"),
        ("post", "libraries/{library}/files/"),
        ("get", "files/{file}/"),
        ("get", "files/{file}/download/"),
        ("get", "files/{file}/versions/"),
        ("get", "files/{file}/versions/1/download/"),
        ("patch", "files/{file}/"),
        ("post", "files/{file}/versions/1/restore/"),
    ],
)
def test_a_secret_communitys_files_do_not_exist_for_outsiders(
    outsider, secret_member, secret_library, method, path
):
    folder = services.folder_create(actor=secret_member, library=secret_library, name="Deal")
    file = make_file(secret_member, secret_library, "merger.txt", b"Top secret\n")
    url = f"{API}/{path.format(library=secret_library.slug, folder=folder.pk, file=file.pk)}"

    response = getattr(client_for(outsider), method)(url, {"name": "Leak"}, format="json")

    assert response.status_code == 404
    assert client_for(secret_member).get(f"{API}/files/{file.pk}/").status_code == 200


def test_a_public_communitys_files_are_read_by_everyone_and_written_by_members(
    outsider, public_library
):
    owner = public_library.community.created_by
    file = make_file(owner, public_library, "rules.txt")
    client = client_for(outsider)

    read = client.get(f"{API}/files/{file.pk}/")
    download = client.get(f"{API}/files/{file.pk}/download/")
    write = client.patch(f"{API}/files/{file.pk}/", {"description": "Mine"}, format="json")
    create = post_file(client, public_library, "x.txt")
    version = client.post(
        f"{API}/files/{file.pk}/versions/",
        {"upload": SimpleUploadedFile("rules.txt", b"y")},
        format="multipart",
    )
    trash = client.get(f"{API}/libraries/{public_library.slug}/trash/")

    assert read.status_code == 200 and read.json()["viewer"]["can_change"] is False
    assert download.status_code == 200
    assert write.status_code == 403 and create.status_code == 403
    assert version.status_code == 403 and trash.status_code == 403
    assert "member" in create.json()["detail"]


def test_the_company_library_is_written_by_communicators_only(colleague, company_library):
    communicator = in_group(UserFactory(username="humas2"), COMMUNICATORS)

    refused = post_file(client_for(colleague), company_library, "handbook.txt")
    allowed = post_file(client_for(communicator), company_library, "handbook.txt")
    read = client_for(colleague).get(allowed.json()["download_url"])

    assert refused.status_code == 403
    assert "Communicators" in refused.json()["detail"]
    assert allowed.status_code == 201 and read.status_code == 200


# --- query counts ---------------------------------------------------------------------------


def _fill(library, person, count, folder=None):
    for n in range(count):
        make_file(person, library, f"report {n:03}.txt", folder=folder, tags=["q3", f"t{n % 3}"])


@pytest.mark.parametrize("count", [10, 100])
def test_folder_contents_cost_the_same_few_queries_for_10_or_100_files(
    member, private_library, count, django_assert_max_num_queries
):
    folder = services.folder_create(actor=member, library=private_library, name="Reports")
    for n in range(3):
        services.folder_create(actor=member, library=private_library, parent=folder,
                               name=f"Sub {n}")  # fmt: skip
    _fill(private_library, member, count, folder)
    client = client_for(member)
    url = f"{API}/libraries/{private_library.slug}/folders/{folder.pk}/"

    with django_assert_max_num_queries(12):
        response = client.get(url, {"limit": 100})

    assert len(response.json()["files"]) == count
    assert len(response.json()["folders"]) == 3


@pytest.mark.parametrize("count", [10, 100])
def test_the_top_of_a_library_costs_the_same_for_10_or_100_files(
    member, private_library, count, django_assert_max_num_queries
):
    _fill(private_library, member, count)
    client = client_for(member)

    with django_assert_max_num_queries(9):
        response = client.get(f"{API}/libraries/{private_library.slug}/contents/", {"limit": 100})

    assert len(response.json()["files"]) == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_library_list_and_the_trash_cost_the_same_whatever_their_length(
    count, django_assert_max_num_queries, private_community
):
    from communities.services import community_create

    person = join(UserFactory(username="dewi"), private_community, role=Role.ADMIN)
    library = services.library_ensure_for_community(community=private_community)
    for n in range(count):
        community = community_create(creator=person, name=f"Club {n}")
        services.library_ensure_for_community(community=community)
        file = make_file(person, library, f"old {n}.txt", tags=["x"])
        services.file_delete(actor=person, file=file)
    client = client_for(person)

    with django_assert_max_num_queries(4):
        listed = client.get(f"{API}/libraries/")
    with django_assert_max_num_queries(8):
        trash = client.get(f"{API}/libraries/{library.slug}/trash/")

    assert len(listed.json()["results"]) >= count + 1
    assert len(trash.json()["files"]) == count


@pytest.mark.parametrize("count", [2, 20])
def test_a_files_versions_cost_the_same_whatever_their_number(
    member, private_library, count, django_assert_max_num_queries
):
    file = make_file(member, private_library, "plan.txt", b"v1")
    for n in range(count - 1):
        version = upload("plan.txt", f"v{n + 2}".encode())
        services.file_upload_version(actor=member, file=file, upload=version)
    client = client_for(member)

    with django_assert_max_num_queries(5):
        response = client.get(f"{API}/files/{file.pk}/versions/")

    assert len(response.json()["results"]) == count
