"""The file share's pages (files.views): the index, libraries and folders (sorting, the upload
zone, new folders), uploads (many files, JSON for the page's script, too big, empty, a name
taken), a file's page (previews of each kind, versions, comments, share to the feed), edit,
move, delete, the trash and restoring; downloads and previews; who may do what, escaping,
CSRF and query counts."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from feed.models import Post
from files import services
from files.models import File, FileVersion, Folder
from tests.factories import UserFactory
from tests.files.conftest import png_bytes, stored, upload

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
JSON = {"HTTP_ACCEPT": "application/json", "HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def as_user(client, person):
    client.force_login(person)
    return client


def html_of(response) -> str:
    return response.content.decode()


def sent(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def put(actor, library, name="notes.txt", data=b"Quarterly numbers\n", folder=None, **fields):
    return services.file_upload(
        actor=actor, library=library, folder=folder, upload=upload(name, data), **fields
    )


def upload_url(library) -> str:
    return reverse("files:upload", args=[library.slug])


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


# --- the index, libraries and folders --------------------------------------------------------


def test_the_index_lists_the_libraries_one_may_read_and_the_latest_files(
    client,
    communicator,
    member,
    company_library,
    public_library,
    private_library,
    secret_library,
):
    put(member, private_library, "tax-calendar.txt")
    put(communicator, company_library, "expense-policy.txt")

    html = html_of(as_user(client, member).get(reverse("files:index")))

    assert reverse("files:index") == "/files/"
    assert 'href="/files/"' in html  # the main navigation has the files
    assert company_library.get_absolute_url() in html and public_library.get_absolute_url() in html
    assert private_library.get_absolute_url() in html and "tax-calendar.txt" in html
    assert secret_library.get_absolute_url() not in html and "Merger Room" not in html
    assert html.index("expense-policy.txt") < html.index("tax-calendar.txt")  # newest first
    assert reverse("files:personal") in html


def test_outsiders_see_neither_private_libraries_nor_their_files(
    client, outsider, member, private_library
):
    put(member, private_library, "tax-calendar.txt")

    html = html_of(as_user(client, outsider).get(reverse("files:index")))

    assert private_library.get_absolute_url() not in html and "tax-calendar.txt" not in html


def test_a_community_leads_to_its_library_and_a_secret_one_is_404_for_outsiders(
    client, member, outsider, private_community, private_library, secret_community
):
    found = as_user(client, member).get(reverse("files:index"), {"community": "tax-team"})
    hidden = as_user(Client(), outsider).get(
        reverse("files:index"), {"community": secret_community.slug}
    )

    assert found.status_code == 302 and found.url == private_library.get_absolute_url()
    assert hidden.status_code == 404


def test_a_personal_library_is_made_once_on_request(client, author):
    client = as_user(client, author)

    before = client.get(reverse("files:personal"))
    made = client.post(reverse("files:personal"))
    again = client.post(reverse("files:personal"))
    opened = client.get(reverse("files:personal"))
    library = author.file_library

    assert before.status_code == 302 and before.url == reverse("files:index")
    assert made.status_code == 302 and made.url == library.get_absolute_url()
    assert again.url == opened.url == library.get_absolute_url()
    assert "Upload" in html_of(client.get(library.get_absolute_url()))


def test_a_folder_shows_breadcrumbs_subfolders_then_files(client, communicator, company_library):
    reports = services.folder_create(actor=communicator, library=company_library, name="Reports")
    q3 = services.folder_create(
        actor=communicator, library=company_library, parent=reports, name="Q3"
    )
    services.folder_create(actor=communicator, library=company_library, parent=q3, name="Drafts")
    put(communicator, company_library, "aaa-first.txt", folder=q3)

    response = as_user(client, communicator).get(q3.get_absolute_url())
    html = html_of(response)

    assert q3.get_absolute_url() == f"/files/{company_library.slug}/f/{q3.pk}/"
    assert response.status_code == 200
    crumbs = html[html.index('aria-label="Breadcrumb"') :]
    assert company_library.get_absolute_url() in crumbs and reports.get_absolute_url() in crumbs
    assert 'aria-current="page">Q3<' in crumbs
    assert html.index("Drafts") < html.index("aaa-first.txt")  # folders first
    assert "data-files-drop" in html and f'name="folder" value="{q3.pk}"' in html
    assert 'data-max-bytes="52428800"' in html  # the limit, for the script's own check


def test_the_listing_sorts_by_name_date_and_size(client, communicator, company_library):
    put(communicator, company_library, "b-big.txt", b"x" * 3000)
    put(communicator, company_library, "a-small.txt", b"x" * 10)
    put(communicator, company_library, "c-middle.txt", b"x" * 500)
    client = as_user(client, communicator)
    url = company_library.get_absolute_url()

    def order(**query):
        html = html_of(client.get(url, query))
        return sorted(["a-small", "b-big", "c-middle"], key=html.index)

    assert order() == ["a-small", "b-big", "c-middle"]
    assert order(sort="name", dir="desc") == ["c-middle", "b-big", "a-small"]
    assert order(sort="size") == ["b-big", "c-middle", "a-small"]
    assert order(sort="size", dir="asc") == ["a-small", "c-middle", "b-big"]
    assert order(sort="date") == ["c-middle", "a-small", "b-big"]  # newest first
    assert order(sort="nonsense") == ["a-small", "b-big", "c-middle"]
    assert 'aria-sort="descending"' in html_of(client.get(url, {"sort": "size"}))


def test_the_listing_partial_comes_alone_for_htmx(client, communicator, company_library):
    put(communicator, company_library, "notes.txt")

    response = as_user(client, communicator).get(company_library.get_absolute_url(), **HX)

    assert response.status_code == 200
    assert "<html" not in html_of(response) and 'id="files-listing"' in html_of(response)
    assert "notes.txt" in html_of(response)


def test_readers_who_may_not_upload_get_no_upload_zone_and_a_403(client, author, company_library):
    client = as_user(client, author)

    html = html_of(client.get(company_library.get_absolute_url()))
    refused = client.post(upload_url(company_library), {"files": sent("a.txt", b"hello")})

    assert "data-files-upload" not in html and "New folder" not in html
    assert refused.status_code == 403 and not File.objects.exists()


def test_names_are_escaped_in_the_listing_and_on_the_file_page(
    client, communicator, company_library
):
    file = put(
        communicator,
        company_library,
        "<script>alert(1)</script>.html",
        b"<script>alert(1)</script>",
        description="<script>alert(2)</script> **bold**",
    )
    other = put(communicator, company_library, "Tom & Jerry's <b>notes.txt")
    services.folder_create(actor=communicator, library=company_library, name="R&D <i>x")
    client = as_user(client, communicator)

    listing = html_of(client.get(company_library.get_absolute_url()))
    page = html_of(client.get(file.get_absolute_url()))

    assert "<script>" not in listing and "<script>" not in page
    assert "<b>" not in listing and "<i>" not in listing
    assert "Tom &amp; Jerry&#x27;s" in listing and other.name.startswith("Tom & Jerry's")
    assert "R&amp;D" in listing
    assert "<strong>bold</strong>" in page  # the description's Markdown, sanitised


# --- uploading --------------------------------------------------------------------------------


def test_several_files_upload_at_once_through_the_form(client, communicator, company_library):
    folder = services.folder_create(actor=communicator, library=company_library, name="Q3")

    response = as_user(client, communicator).post(
        upload_url(company_library),
        {"folder": folder.pk, "files": [sent("one.txt", b"one"), sent("two.csv", b"a,b\n1,2\n")]},
    )

    assert response.status_code == 302 and response.url == folder.get_absolute_url()
    names = sorted(File.objects.filter(folder=folder).values_list("name", flat=True))
    assert names == ["one.txt", "two.csv"]
    assert File.objects.get(name="two.csv").content_type == "text/csv"
    html = html_of(client.get(response.url))
    assert "2 files are uploaded." in html and "one.txt" in html


def test_the_script_gets_json_with_the_new_file(client, communicator, company_library):
    response = as_user(client, communicator).post(
        upload_url(company_library), {"files": sent("plan.txt", b"plan")}, **JSON
    )
    answer = response.json()
    file = File.objects.get()

    assert response.status_code == 201
    assert answer["ok"] is True and answer["url"] == file.get_absolute_url()
    assert "plan.txt" in answer["message"] and answer["results"][0]["name"] == "plan.txt"


def test_an_empty_file_is_refused_with_a_clear_message(client, communicator, company_library):
    client = as_user(client, communicator)

    by_script = client.post(upload_url(company_library), {"files": sent("empty.txt", b"")}, **JSON)
    by_form = client.post(upload_url(company_library), {"files": sent("empty.txt", b"")})

    assert by_script.status_code == 400 and by_script.json()["code"] == "empty"
    assert "empty.txt is empty (0 bytes)" in by_script.json()["error"]
    assert by_form.status_code == 200 and "empty.txt is empty (0 bytes)" in html_of(by_form)
    assert not File.objects.exists() and not FileVersion.objects.exists()


def test_no_file_at_all_says_so(client, communicator, company_library):
    response = as_user(client, communicator).post(upload_url(company_library), {}, **JSON)

    assert response.status_code == 400 and response.json()["code"] == "required"


def test_a_file_over_the_limit_is_refused_before_it_is_stored(
    client, communicator, company_library, settings
):
    settings.FILE_MAX_BYTES = 1000
    client = as_user(client, communicator)

    by_script = client.post(
        upload_url(company_library), {"files": sent("big.bin", b"x" * 1500)}, **JSON
    )
    mixed = client.post(
        upload_url(company_library),
        {"files": [sent("big.bin", b"x" * 1500), sent("small.txt", b"fine")]},
        **HX,
    )

    assert by_script.status_code == 413
    assert by_script.json()["code"] == "too_large"
    assert "big.bin is larger than 1000" in by_script.json()["error"]
    assert mixed.status_code == 422 and "big.bin is larger than" in html_of(mixed)
    assert list(File.objects.values_list("name", flat=True)) == ["small.txt"]
    assert FileVersion.objects.count() == 1


def test_a_51_mb_upload_is_refused_with_a_clear_error_and_nothing_stored(
    client, communicator, company_library
):
    big = sent("video.mp4", b"\0" * (51 * 1024 * 1024))

    response = as_user(client, communicator).post(
        upload_url(company_library), {"files": big}, **JSON
    )

    assert response.status_code == 413
    assert "video.mp4 is larger than 50.0" in response.json()["error"]
    assert not File.objects.exists() and not FileVersion.objects.exists()


def test_a_request_declaring_far_too_much_is_not_read(
    client, communicator, company_library, settings
):
    settings.FILE_MAX_BYTES, settings.FILE_UPLOAD_MAX_FILES = 100, 2
    client = as_user(client, communicator)

    def files():  # More than the limit of every file together, and 1 MB of room.
        return [sent(f"f{n}.bin", b"x" * 400_000) for n in range(3)]

    by_script = client.post(upload_url(company_library), {"files": files()}, **JSON)
    by_form = client.post(upload_url(company_library), {"files": files()})

    assert by_script.status_code == 413 and by_script.json()["code"] == "too_large"
    assert by_form.status_code == 413 and "This upload is too large" in html_of(by_form)
    assert not File.objects.exists()


def test_a_name_taken_offers_to_upload_a_new_version(client, communicator, company_library):
    first = put(communicator, company_library, "budget.txt", b"v1")
    client = as_user(client, communicator)

    by_form = client.post(upload_url(company_library), {"files": sent("budget.txt", b"v2")})
    by_script = client.post(
        upload_url(company_library), {"files": sent("budget.txt", b"v2")}, **JSON
    )
    answer = by_script.json()
    version_url = reverse("files:upload-version", args=[first.pk])
    as_version = client.post(answer["version_url"], {"upload": sent("budget.txt", b"v2")}, **JSON)

    assert by_form.status_code == 200
    assert "There is already a file called “budget.txt” here" in html_of(by_form)
    assert f"{first.get_absolute_url()}#new-version" in html_of(by_form)
    assert by_script.status_code == 400 and answer["code"] == "name_taken"
    assert answer["version_url"] == version_url and answer["file_id"] == first.pk
    assert (
        as_version.status_code == 201
        and "Version 2 of “budget.txt”" in as_version.json()["message"]
    )
    assert File.objects.count() == 1 and File.objects.get().version_count == 2


def test_uploads_go_only_into_folders_of_that_library(
    client, communicator, company_library, public_library
):
    elsewhere = services.folder_create(
        actor=public_library.community.created_by, library=public_library, name="Theirs"
    )

    response = as_user(client, communicator).post(
        upload_url(company_library), {"folder": elsewhere.pk, "files": sent("a.txt", b"a")}
    )

    assert response.status_code == 404 and not File.objects.exists()


def test_uploads_need_the_csrf_token(communicator, company_library):
    client = as_user(Client(enforce_csrf_checks=True), communicator)

    response = client.post(upload_url(company_library), {"files": sent("a.txt", b"a")})

    assert response.status_code == 403 and not File.objects.exists()


def test_outsiders_cannot_upload_into_a_secret_library(client, outsider, secret_library):
    response = as_user(client, outsider).post(
        upload_url(secret_library), {"files": sent("a.txt", b"a")}
    )

    assert response.status_code == 404 and not File.objects.exists()


# --- folders ----------------------------------------------------------------------------------


def test_making_a_folder_and_a_taken_name_keeps_what_was_typed(
    client, communicator, company_library
):
    client = as_user(client, communicator)
    create = reverse("files:folder-create", args=[company_library.slug])

    made = client.post(create, {"parent": "", "name": "Reports"})
    taken = client.post(create, {"parent": "", "name": "reports"})
    taken_hx = client.post(create, {"parent": "", "name": "reports"}, **HX)
    empty = client.post(create, {"parent": "", "name": "  "}, **HX)

    assert made.status_code == 302 and made.url == company_library.get_absolute_url()
    assert Folder.objects.get().name == "Reports"
    assert taken.status_code == 200 and "There is already a folder called" in html_of(taken)
    assert 'value="reports"' in html_of(taken)
    assert taken_hx.status_code == 422 and "<html" not in html_of(taken_hx)
    assert 'value="reports"' in html_of(taken_hx)
    assert empty.status_code == 422 and "Give it a name." in html_of(empty)


def test_a_folder_is_renamed_moved_deleted_and_restored(client, communicator, company_library):
    a = services.folder_create(actor=communicator, library=company_library, name="A")
    b = services.folder_create(actor=communicator, library=company_library, name="B")
    put(communicator, company_library, "inside.txt", folder=a)
    client = as_user(client, communicator)
    slug = company_library.slug

    form = client.get(reverse("files:folder-rename", args=[slug, a.pk]))
    renamed = client.post(reverse("files:folder-rename", args=[slug, a.pk]), {"name": "Alpha"})
    move_form = html_of(client.get(reverse("files:folder-move", args=[slug, a.pk])))
    moved = client.post(reverse("files:folder-move", args=[slug, a.pk]), {"target": b.pk})
    cycle = client.post(reverse("files:folder-move", args=[slug, b.pk]), {"target": a.pk})
    confirm = client.get(reverse("files:folder-delete", args=[slug, a.pk]))
    deleted = client.post(reverse("files:folder-delete", args=[slug, a.pk]))
    gone = client.get(a.get_absolute_url())
    trash = html_of(client.get(reverse("files:trash", args=[slug])))
    restored = client.post(reverse("files:folder-restore", args=[slug, a.pk]))

    assert form.status_code == 200 and 'value="A"' in html_of(form)
    assert renamed.status_code == 302 and Folder.objects.get(pk=a.pk).name == "Alpha"
    assert f'value="{a.pk}"' not in move_form  # not into itself
    assert moved.status_code == 302 and Folder.objects.get(pk=a.pk).parent_id == b.pk
    assert cycle.status_code == 200 and Folder.objects.get(pk=b.pk).parent_id is None
    assert "Move to" in html_of(cycle)
    assert confirm.status_code == 200 and "Move the folder to the trash" in html_of(confirm)
    assert deleted.status_code == 302 and deleted.url == b.get_absolute_url()
    assert gone.status_code == 404
    assert "Alpha" in trash and "with 1 file" in trash
    assert restored.status_code == 302 and restored.url == a.get_absolute_url()
    assert File.objects.alive().get().folder_id == a.pk


def test_only_the_maker_or_admins_change_a_folder(
    client, public_library, public_community, communicator
):
    from tests.helpers import join

    owner = public_community.created_by
    member = join(UserFactory(username="wati"), public_community)
    folder = services.folder_create(actor=owner, library=public_library, name="Owner's")
    client = as_user(client, member)

    rename = client.post(
        reverse("files:folder-rename", args=[public_library.slug, folder.pk]), {"name": "Mine"}
    )
    page = html_of(client.get(folder.get_absolute_url()))

    assert rename.status_code == 403 and Folder.objects.get().name == "Owner's"
    assert reverse("files:folder-rename", args=[public_library.slug, folder.pk]) not in page


# --- a file's page ----------------------------------------------------------------------------


def test_an_image_is_previewed_inline(client, communicator, company_library):
    file = put(communicator, company_library, "chart.png", png_bytes())
    client = as_user(client, communicator)

    html = html_of(client.get(file.get_absolute_url()))
    preview = client.get(reverse("files:preview", args=[file.pk]))

    assert f'<img src="{reverse("files:preview", args=[file.pk])}"' in html
    assert preview.status_code == 200 and preview["Content-Type"] == "image/png"
    assert preview["Content-Disposition"].startswith("inline")
    assert preview["X-Content-Type-Options"] == "nosniff"
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert body_of(preview) == png_bytes()


def test_a_pdf_is_shown_in_the_browsers_viewer(client, communicator, company_library):
    file = put(communicator, company_library, "report.pdf", PDF)
    client = as_user(client, communicator)

    html = html_of(client.get(file.get_absolute_url()))
    preview = client.get(reverse("files:preview", args=[file.pk]))

    assert '<iframe class="files-preview-pdf"' in html
    assert f'src="{reverse("files:preview", args=[file.pk])}"' in html
    assert preview["Content-Type"] == "application/pdf"
    assert preview["Content-Disposition"].startswith("inline")
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]


def test_text_is_shown_escaped_in_the_page(client, communicator, company_library):
    file = put(communicator, company_library, "readme.txt", b"Hello <b>team</b> & all\n")

    html = html_of(as_user(client, communicator).get(file.get_absolute_url()))

    assert '<pre class="files-preview-text">Hello &lt;b&gt;team&lt;/b&gt; &amp; all' in html


def test_markdown_is_rendered_through_the_sanitiser(client, communicator, company_library):
    text = b"# Plan\n\nA **bold** step.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))"
    file = put(communicator, company_library, "plan.md", text)

    html = html_of(as_user(client, communicator).get(file.get_absolute_url()))
    preview = html[html.index("files-preview-markdown") :]

    assert "<strong>bold</strong>" in preview and "Plan</h2>" in preview
    assert "<script>alert(1)" not in html and "javascript:" not in html


def test_a_csv_becomes_an_escaped_table_of_its_first_rows(client, communicator, company_library):
    rows = ["name;amount", "<b>Budi</b>;10"] + [f"row {n};{n}" for n in range(150)]
    file = put(communicator, company_library, "sales.csv", "\n".join(rows).encode())

    html = html_of(as_user(client, communicator).get(file.get_absolute_url()))
    table = html[html.index("files-preview-csv") :]

    assert '<th scope="col">name</th><th scope="col">amount</th>' in table
    assert "<td>&lt;b&gt;Budi&lt;/b&gt;</td><td>10</td>" in table
    assert "<td>row 98</td>" in table and "row 99" not in table
    assert "Only the first 100 rows are shown" in html


def test_other_types_show_an_icon_and_their_facts(client, communicator, company_library):
    file = put(communicator, company_library, "archive.zip", b"PK\x03\x04" + b"\0" * 60)

    html = html_of(as_user(client, communicator).get(file.get_absolute_url()))

    assert "bi-file-earmark-zip" in html and "No preview for this type of file." in html
    assert "application/zip" in html and "<iframe" not in html


def test_html_and_svg_are_never_shown_inline(client, communicator, company_library):
    page = put(communicator, company_library, "page.html", b"<html><script>alert(1)</script>")
    svg = put(
        communicator,
        company_library,
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    )
    client = as_user(client, communicator)

    for file in (page, svg):
        preview = client.get(reverse("files:preview", args=[file.pk]))
        html = html_of(client.get(file.get_absolute_url()))
        assert preview["Content-Disposition"].startswith("attachment")
        assert preview["Content-Type"] == "application/octet-stream"
        assert preview["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in preview["Content-Security-Policy"]
        assert "<img" not in html[html.index("preview-heading") :].split("</section>")[0]


def test_downloads_are_attachments_and_counted(client, communicator, company_library):
    file = put(communicator, company_library, "notes.txt", b"one")
    services.file_upload_version(actor=communicator, file=file, upload=upload("notes.txt", b"two"))
    client = as_user(client, communicator)

    current = client.get(reverse("files:download", args=[file.pk]))
    old = client.get(reverse("files:version-download", args=[file.pk, 1]))
    missing = client.get(reverse("files:version-download", args=[file.pk, 9]))

    assert current["Content-Disposition"].startswith("attachment")
    assert 'filename="notes.txt"' in current["Content-Disposition"]
    assert body_of(current) == b"two" and body_of(old) == b"one"
    assert missing.status_code == 404
    assert File.objects.get().download_count == 2


def test_the_file_page_shows_versions_comments_and_actions(
    client, communicator, author, company_library
):
    file = put(communicator, company_library, "notes.txt", b"one", tags=["finance"])
    services.file_upload_version(
        actor=communicator, file=file, upload=upload("notes-v2.txt", b"two"), comment="fixed totals"
    )

    mine = html_of(as_user(client, communicator).get(file.get_absolute_url()))
    theirs = html_of(as_user(Client(), author).get(file.get_absolute_url()))

    assert "Version 2" in mine and "Version 1" in mine and "fixed totals" in mine
    assert "uploaded as notes-v2.txt" in mine and "#finance" in mine
    assert reverse("files:version-download", args=[file.pk, 1]) in mine
    assert reverse("files:version-restore", args=[file.pk, 1]) in mine
    assert reverse("files:version-delete", args=[file.pk, 1]) in mine
    assert reverse("files:version-restore", args=[file.pk, 2]) not in mine  # the current one
    assert reverse("files:edit", args=[file.pk]) in mine and 'id="new-version"' in mine
    assert reverse("feed:item-comment-create", args=["files", file.pk]) in mine
    assert reverse("feed:item-react", args=["files", file.pk]) in mine
    # An employee reads the company library: no edits, no new versions, but comments and shares.
    assert reverse("files:edit", args=[file.pk]) not in theirs and 'id="new-version"' not in theirs
    assert reverse("files:version-restore", args=[file.pk, 1]) not in theirs
    assert reverse("feed:item-comment-create", args=["files", file.pk]) in theirs
    assert reverse("files:share", args=[file.pk]) in theirs


def test_comments_on_a_file_show_on_its_page(client, communicator, author, company_library):
    file = put(communicator, company_library, "notes.txt")
    client = as_user(client, author)

    posted = client.post(
        reverse("feed:item-comment-create", args=["files", file.pk]),
        {"body": "Thanks, very useful"},
    )
    html = html_of(client.get(file.get_absolute_url()))

    assert posted.status_code in (200, 302)
    assert "Thanks, very useful" in html and File.objects.get().comment_count == 1


def test_a_new_version_restore_and_delete_through_the_page(client, communicator, company_library):
    file = put(communicator, company_library, "notes.txt", b"one")
    client = as_user(client, communicator)

    added = client.post(
        reverse("files:upload-version", args=[file.pk]),
        {"upload": sent("notes.txt", b"two"), "comment": "second"},
    )
    empty = client.post(
        reverse("files:upload-version", args=[file.pk]),
        {"upload": sent("notes.txt", b""), "comment": "kept"},
    )
    restored = client.post(reverse("files:version-restore", args=[file.pk, 1]))
    current_delete = client.post(reverse("files:version-delete", args=[file.pk, 3]))
    deleted = client.post(reverse("files:version-delete", args=[file.pk, 2]))
    file.refresh_from_db()

    assert added.status_code == 302 and added.url == file.get_absolute_url()
    assert empty.status_code == 200 and "is empty (0 bytes)" in html_of(empty)
    assert 'value="kept"' in html_of(empty)
    assert restored.status_code == 302 and file.current.number == 3
    assert (
        file.current.restored_from == 1
        and body_of(client.get(file.current.get_absolute_url())) == b"one"
    )
    assert "cannot be deleted" in html_of(client.get(file.get_absolute_url()))
    assert current_delete.status_code == 302 and deleted.status_code == 302
    assert sorted(file.versions.values_list("number", flat=True)) == [1, 3]


def test_a_new_version_over_the_limit_is_refused(client, communicator, company_library, settings):
    settings.FILE_MAX_BYTES = 1000
    file = put(communicator, company_library, "notes.txt", b"one")
    client = as_user(client, communicator)

    by_form = client.post(
        reverse("files:upload-version", args=[file.pk]), {"upload": sent("notes.txt", b"x" * 2000)}
    )
    by_script = client.post(
        reverse("files:upload-version", args=[file.pk]),
        {"upload": sent("notes.txt", b"x" * 2000)},
        **JSON,
    )

    assert by_form.status_code == 200 and "larger than 1000" in html_of(by_form)
    assert by_script.status_code == 413 and by_script.json()["code"] == "too_large"
    assert FileVersion.objects.count() == 1


def test_readers_may_not_restore_or_delete_versions(client, communicator, author, company_library):
    file = put(communicator, company_library, "notes.txt", b"one")
    services.file_upload_version(actor=communicator, file=file, upload=upload("n.txt", b"two"))
    client = as_user(client, author)

    restore = client.post(reverse("files:version-restore", args=[file.pk, 1]))
    delete = client.post(reverse("files:version-delete", args=[file.pk, 1]))
    new = client.post(
        reverse("files:upload-version", args=[file.pk]), {"upload": sent("n.txt", b"three")}
    )

    assert restore.status_code == delete.status_code == new.status_code == 403
    assert FileVersion.objects.count() == 2


def test_editing_a_file_and_a_taken_name_keeps_what_was_typed(
    client, communicator, company_library
):
    file = put(communicator, company_library, "notes.txt")
    put(communicator, company_library, "other.txt")
    client = as_user(client, communicator)
    url = reverse("files:edit", args=[file.pk])

    form = html_of(client.get(url))
    taken = client.post(url, {"name": "other.txt", "description": "Typed text", "tags": "tax"})
    taken_hx = client.post(url, {"name": "other.txt", "description": "Typed", "tags": ""}, **HX)
    saved = client.post(
        url, {"name": "q3-notes.txt", "description": "The *Q3* notes", "tags": "finance, #q3"}
    )
    file.refresh_from_db()

    assert 'value="notes.txt"' in form
    assert taken.status_code == 200 and "There is already a file called" in html_of(taken)
    assert "Typed text" in html_of(taken) and 'value="tax"' in html_of(taken)
    assert taken_hx.status_code == 422 and "<html" not in html_of(taken_hx)
    assert saved.status_code == 302 and file.name == "q3-notes.txt"
    assert file.description == "The *Q3* notes"
    assert sorted(t.name for t in file.tags.all()) == ["finance", "q3"]


def test_a_file_moves_into_a_folder(client, communicator, company_library):
    file = put(communicator, company_library, "notes.txt")
    folder = services.folder_create(actor=communicator, library=company_library, name="Q3")
    client = as_user(client, communicator)

    form = html_of(client.get(reverse("files:move", args=[file.pk])))
    moved = client.post(reverse("files:move", args=[file.pk]), {"target": folder.pk})
    back = client.post(reverse("files:move", args=[file.pk]), {"target": ""})

    assert f'value="{folder.pk}"' in form and "(top level)" in form
    assert moved.status_code == 302
    assert back.status_code == 302 and File.objects.get().folder_id is None


def test_a_file_goes_to_the_trash_and_comes_back(client, communicator, author, company_library):
    file = put(communicator, company_library, "notes.txt")
    client = as_user(client, communicator)

    confirm = client.get(reverse("files:delete", args=[file.pk]))
    deleted = client.post(reverse("files:delete", args=[file.pk]))
    listing = html_of(client.get(company_library.get_absolute_url()))
    page = client.get(file.get_absolute_url())
    others = as_user(Client(), author).get(file.get_absolute_url())
    download = client.get(reverse("files:download", args=[file.pk]))
    trash = html_of(client.get(reverse("files:trash", args=[company_library.slug])))
    restored = client.post(reverse("files:restore", args=[file.pk]))

    assert confirm.status_code == 200 and "Move the file to the trash" in html_of(confirm)
    assert deleted.status_code == 302 and deleted.url == company_library.get_absolute_url()
    assert "notes.txt" not in listing.split('id="files-listing"')[1]
    assert page.status_code == 200 and "This file has been in the trash" in html_of(page)
    assert "Restore the file to see and download it again." in html_of(page)
    assert "/download/" not in html_of(page)
    assert reverse("feed:item-comment-create", args=["files", file.pk]) not in html_of(page)
    assert others.status_code == 404 and download.status_code == 404
    assert "notes.txt" in trash and reverse("files:restore", args=[file.pk]) in trash
    assert restored.status_code == 302 and restored.url == file.get_absolute_url()
    assert File.objects.alive().count() == 1


def test_emptying_the_trash_deletes_the_bytes(
    client, communicator, company_library, django_capture_on_commit_callbacks
):
    file = put(communicator, company_library, "notes.txt")
    blob = file.current.blob.name
    services.file_delete(actor=communicator, file=file)
    client = as_user(client, communicator)

    with django_capture_on_commit_callbacks(execute=True):
        emptied = client.post(reverse("files:trash-empty", args=[company_library.slug]))

    assert emptied.status_code == 302
    assert "1 file is deleted for good" in html_of(client.get(emptied.url))
    assert not File.objects.exists() and not stored(blob)


def test_readers_who_do_not_upload_get_403_for_the_trash(client, author, company_library):
    response = as_user(client, author).get(reverse("files:trash", args=[company_library.slug]))

    assert response.status_code == 403


def test_sharing_a_file_posts_a_link_in_the_feed(client, communicator, author, company_library):
    file = put(communicator, company_library, "notes.txt")
    client = as_user(client, author)

    form = client.get(reverse("files:share", args=[file.pk]))
    shared = client.post(reverse("files:share", args=[file.pk]), {"body": "Read this"})
    post = Post.objects.get()

    assert form.status_code == 200
    assert shared.status_code == 302 and shared.url == post.get_absolute_url()
    assert "Read this" in post.body and file.get_absolute_url() in post.body


def test_a_private_communitys_file_is_shared_in_that_community(
    client, member, private_community, private_library
):
    file = put(member, private_library, "tax.txt")

    as_user(client, member).post(reverse("files:share", args=[file.pk]), {"body": ""})

    assert Post.objects.get().community == private_community


# --- query counts -----------------------------------------------------------------------------


def _folder_queries(client, django_assert_max_num_queries, communicator, library, count):
    folder = services.folder_create(actor=communicator, library=library, name="Many")
    for number in range(count):
        put(
            communicator,
            library,
            f"file-{number:03d}.txt",
            b"x",
            folder=folder,
            tags=["q3"] if number % 2 else [],
        )
    for number in range(5):
        services.folder_create(
            actor=communicator, library=library, parent=folder, name=f"Sub {number}"
        )
    client = as_user(client, communicator)
    client.get(folder.get_absolute_url())  # caches warm (content types...), as on a live site
    with django_assert_max_num_queries(12):
        response = client.get(folder.get_absolute_url(), {"sort": "size"})
    assert response.status_code == 200
    assert html_of(response).count("files-file-row") == count


@pytest.mark.parametrize("count", [10, 100])
def test_a_folder_page_takes_the_same_queries_for_10_and_100_files(
    client, communicator, company_library, django_assert_max_num_queries, count
):
    _folder_queries(client, django_assert_max_num_queries, communicator, company_library, count)


@pytest.mark.parametrize("count", [10, 100])
def test_a_community_folder_page_takes_the_same_queries_for_10_and_100_files(
    client, public_library, django_assert_max_num_queries, count
):
    owner = public_library.community.created_by
    _folder_queries(client, django_assert_max_num_queries, owner, public_library, count)


@pytest.mark.parametrize("count", [10, 100])
def test_the_index_takes_the_same_queries_for_10_and_100_files(
    client,
    communicator,
    author,
    company_library,
    public_library,
    django_assert_max_num_queries,
    count,
):
    for number in range(count):
        put(communicator, company_library, f"file-{number:03d}.txt", b"x")
    client = as_user(client, author)
    client.get(reverse("files:index"))  # caches warm (content types...), as on a live site
    with django_assert_max_num_queries(8):
        response = client.get(reverse("files:index"))
    assert response.status_code == 200


def test_the_json_answers_are_json(client, communicator, company_library):
    response = as_user(client, communicator).post(
        upload_url(company_library), {"files": sent("a.txt", b"a")}, **JSON
    )

    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["ok"] is True
