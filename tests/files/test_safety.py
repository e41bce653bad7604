"""core/files.py: safe names, the type of a file from its bytes, and how private files are
served (attachment unless an inline-safe type, nosniff, a sandboxing CSP, never framed by
other sites)."""

import io

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from fpdf import FPDF

from core.files import (
    INLINE_SAFE_TYPES,
    OCTET_STREAM,
    clean_file_name,
    private_file_response,
    sniff_content_type,
)
from tests.files.conftest import png_bytes

SCRIPT_HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SCRIPT_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
    b'<circle r="4"/></svg>'
)


def pdf_bytes(text="Laporan keuangan") -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


def docx_bytes(text="Rencana kerja") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("given", "cleaned"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\system.ini", "system.ini"),
        ("<script>.html", "script.html"),
        ("<img src=x onerror=alert(1)>.svg", "img src=x onerror=alert(1).svg"),
        ("re\x00port\x1b\n.pdf", "report.pdf"),
        ("invoice\u202egnp.exe", "invoicegnp.exe"),
        ("...hidden.txt", "hidden.txt"),
        ("notes. . .", "notes"),
        ("", "file"),
        ("..", "file"),
        ("<>|?*", "file"),
        ("Laporan Q3 – Rp 5.000 (final).xlsx", "Laporan Q3 – Rp 5.000 (final).xlsx"),
        ("جدول زمني.csv", "جدول زمني.csv"),
        ("a" * 300 + ".xlsx", "a" * 195 + ".xlsx"),
    ],
)
def test_file_names_lose_paths_control_characters_and_markup(given, cleaned):
    assert clean_file_name(given) == cleaned


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("photo.png", png_bytes(), "image/png"),
        ("photo.jpg", png_bytes(), "image/png"),  # The bytes decide, not the name.
        ("photo.png", b"just some words, not an image\n", OCTET_STREAM),
        ("photo.png", pdf_bytes(), "application/pdf"),
        ("report.pdf", pdf_bytes(), "application/pdf"),
        (
            "plan.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),  # fmt: skip
        ("notes.txt", b"Catatan rapat: anggaran 5% naik\n", "text/plain"),
        ("numbers.csv", b"month,total\njan,10\n", "text/csv"),
        ("README.md", b"# Title\n\n*hello*\n", "text/markdown"),
        ("notes.txt", b"\x00\x01\x02binary\xff", OCTET_STREAM),
        ("latin.txt", "caf\xe9".encode("latin-1"), OCTET_STREAM),
        ("page.html", SCRIPT_HTML, OCTET_STREAM),
        ("drawing.svg", SCRIPT_SVG, OCTET_STREAM),
        ("setup.exe", b"MZ" + b"\x90\x00" * 40 + b"PE\x00\x00", "application/x-msdownload"),
        ("empty.txt", b"", OCTET_STREAM),
    ],
)
def test_the_type_of_a_file_comes_from_its_bytes(name, data, expected):
    upload = ContentFile(data, name=name)
    upload.seek(3 if data else 0)

    assert sniff_content_type(upload, name=name) == expected
    assert upload.tell() == (3 if data else 0)  # Left where it was.


def test_text_cut_in_the_middle_of_a_character_is_still_text():
    data = ("é" * 5000).encode()  # 10 000 bytes: the sample ends inside a character.

    assert sniff_content_type(ContentFile(data), name="accents.txt") == "text/plain"


@pytest.fixture
def saved():
    names = []

    def save(data: bytes):
        name = default_storage.save("tests/safety", ContentFile(data))
        names.append(name)
        return _Field(name)

    yield save
    for name in names:
        default_storage.delete(name)


class _Field:
    """What a FileField gives a view: ``open`` and ``name`` on the default storage."""

    def __init__(self, name):
        self.name = name

    def open(self, mode="rb"):
        return default_storage.open(self.name, mode)


def body(response) -> bytes:
    content = b"".join(response.streaming_content)
    # Not response.close(): that is the end of a request (request_finished), not of a file.
    response.file_to_stream.close()
    return content


@pytest.mark.parametrize(
    ("data", "content_type", "name"),
    [
        (SCRIPT_HTML, "text/html", "page.html"),
        (SCRIPT_SVG, "image/svg+xml", "drawing.svg"),
        (b"MZ\x90\x00", "application/x-msdownload", "setup.exe"),
        (b"alert(1)", "application/javascript", "app.js"),
    ],
)
def test_html_svg_scripts_and_programs_are_downloads_never_pages(saved, data, content_type, name):
    response = private_file_response(saved(data), name=name, content_type=content_type,
                                     inline=True)  # fmt: skip

    assert response["Content-Type"] == OCTET_STREAM
    assert response["Content-Disposition"].startswith("attachment; ")
    assert f'filename="{name}"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox; default-src 'none'")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Cache-Control"].startswith("private")
    assert body(response) == data


@pytest.mark.parametrize("content_type", sorted(INLINE_SAFE_TYPES))
def test_inline_safe_types_are_shown_in_the_browser_when_asked(saved, content_type):
    response = private_file_response(saved(b"data"), name="x", content_type=content_type,
                                     inline=True)  # fmt: skip

    assert response["Content-Type"].split(";")[0] == content_type
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    # A bare sandbox allows nothing (Chromium's PDF viewer shows PDFs under it all the same).
    assert response["Content-Security-Policy"].startswith("sandbox; default-src 'none';")
    body(response)


def test_a_safe_type_is_still_a_download_unless_asked_inline(saved):
    response = private_file_response(saved(png_bytes()), name="a.png", content_type="image/png")

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment; ")
    body(response)


def test_a_preview_may_be_framed_by_the_site_itself_only_when_asked(saved):
    framed = private_file_response(
        saved(b"%PDF-1.4"), name="a.pdf", content_type="application/pdf", inline=True,
        frameable=True,
    )  # fmt: skip
    plain = private_file_response(saved(b"%PDF-1.4"), name="a.pdf",
                                  content_type="application/pdf", inline=True)  # fmt: skip

    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in framed["Content-Security-Policy"]
    assert "X-Frame-Options" not in plain
    assert "frame-ancestors 'none'" in plain["Content-Security-Policy"]
    body(framed), body(plain)


def test_a_name_outside_ascii_is_sent_in_rfc_5987_form(saved):
    response = private_file_response(saved(b"x"), name="Laporan Q3 – final.pdf",
                                     content_type="application/pdf")  # fmt: skip

    assert (
        "filename*=utf-8''Laporan%20Q3%20%E2%80%93%20final.pdf" in (response["Content-Disposition"])
    )
    body(response)


def test_a_header_injection_in_the_name_goes_nowhere(saved):
    response = private_file_response(saved(b"x"), name="two\r\nSet-Cookie: x=1.txt",
                                     content_type="text/plain")  # fmt: skip

    assert "\n" not in response["Content-Disposition"]
    assert "Set-Cookie" not in response
    body(response)


def test_a_file_the_storage_lost_is_a_404():
    with pytest.raises(Http404):
        private_file_response(_Field("tests/never-stored"), name="x.txt", content_type="text/plain")


# --- the upload size limit, while the request is read (files.uploads) ---------------------------

MB = 1024 * 1024


def _temporary_uploads(folder) -> list:
    return list(folder.iterdir())


@pytest.fixture
def upload_client(client, author, settings, tmp_path):
    settings.ROOT_URLCONF = "tests.files.upload_urls"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    client.force_login(author)
    return client


def _stored_files() -> set:
    if not default_storage.exists("files"):
        return set()
    return set(default_storage.listdir("files")[1])


def test_a_51_mb_file_is_dropped_while_it_arrives_and_nothing_is_stored(upload_client, tmp_path):
    from files.models import File

    before = _stored_files()
    big = SimpleUploadedFile("film.mp4", b"\0" * (51 * MB))
    small = SimpleUploadedFile("notes.txt", b"hello")

    response = upload_client.post("/upload/", {"file": [big, small]})

    assert response.status_code == 200
    answer = response.json()
    assert answer["stored"] == ["notes.txt"] and answer["errors"] == []
    [message] = answer["refused"]
    expected = "film.mp4 is larger than 50.0 MB, the limit for one file."
    assert message.replace("\xa0", " ") == expected
    assert list(File.objects.values_list("name", flat=True)) == ["notes.txt"]
    assert len(_stored_files() - before) == 1
    assert _temporary_uploads(tmp_path) == []  # The partial temporary file is gone too.


def test_a_request_declaring_far_more_than_the_limit_is_not_read_at_all(upload_client, settings):
    from files.models import File

    settings.FILE_UPLOAD_MAX_FILES = 1
    big = SimpleUploadedFile("film.mp4", b"\0" * (51 * MB))

    response = upload_client.post("/upload/", {"file": [big]})

    assert response.status_code == 413
    assert "each file may be at most 50.0" in response.content.decode()
    assert not File.objects.exists()


def test_the_size_limited_upload_still_checks_csrf(author, settings):
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
    from django.test import Client

    settings.ROOT_URLCONF = "tests.files.upload_urls"
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)

    refused = client.post("/upload/", {"file": [SimpleUploadedFile("a.txt", b"a")]})
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    allowed = client.post(
        "/upload/",
        {"file": [SimpleUploadedFile("a.txt", b"a")],
         "csrfmiddlewaretoken": _mask_cipher_secret(secret)},
    )  # fmt: skip

    assert refused.status_code == 403
    assert allowed.status_code == 200 and allowed.json()["stored"] == ["a.txt"]


# --- where the bytes live -------------------------------------------------------------------------


def test_an_s3_compatible_bucket_is_used_when_configured_and_kept_private():
    import json
    import os
    import subprocess
    import sys

    from django.conf import settings

    script = (
        "import django, json; django.setup();"
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(json.dumps([type(s).__name__, s.bucket_name, s.endpoint_url,"
        " s.region_name, s.default_acl, s.querystring_auth, s.file_overwrite, s.location]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "esn.settings", "SECRET_KEY": "x",
           "MEDIA_S3_BUCKET": "kolega-media", "AWS_S3_ENDPOINT_URL": "https://minio.example.com",
           "AWS_S3_REGION_NAME": "ap-southeast-3", "MEDIA_S3_PREFIX": "media"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    found = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                           text=True, cwd=settings.BASE_DIR, check=True)  # fmt: skip

    assert json.loads(found.stdout.strip().splitlines()[-1]) == [
        "S3Storage", "kolega-media", "https://minio.example.com", "ap-southeast-3", "private",
        True, False, "media",
    ]  # fmt: skip


def test_the_local_folder_is_the_default():
    from django.conf import settings

    assert settings.STORAGES["default"]["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )
    assert settings.FILE_MAX_BYTES == 50 * 1024 * 1024
