"""Background work: the text of PDF, DOCX and plain-text versions is extracted after commit
(broken files fail quietly), and the daily purge deletes what stayed in a trash too long,
stored bytes included."""

from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

from esn.celery import app as celery_app
from files import services
from files.extract import MAX_TEXT
from files.models import File, FileVersion, TextState
from files.tasks import extract_text, purge_expired_trash
from tests.files.conftest import png_bytes, stored, upload
from tests.files.test_safety import docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def broken_docx() -> bytes:
    """A Word document (by its signature) whose text part is not XML."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, b"<not xml" if info.filename == "word/document.xml" else data)
    return out.getvalue()


def text_of(run, author, library, name, data):
    file = run(services.file_upload, actor=author, library=library, upload=upload(name, data))
    return FileVersion.objects.get(pk=file.current_id)


def test_the_text_of_a_pdf_is_extracted(run, author, personal_library):
    version = text_of(run, author, personal_library, "laporan.pdf",
                      pdf_bytes("Laporan keuangan kuartal ketiga"))  # fmt: skip

    assert version.text_state == TextState.DONE
    assert "Laporan keuangan kuartal ketiga" in version.text


def test_the_text_of_a_word_document_is_extracted_with_its_tables(run, author, personal_library):
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Rencana kerja 2026")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Anggaran", "Rp 5 juta"
    out = io.BytesIO()
    document.save(out)

    version = text_of(run, author, personal_library, "rencana.docx", out.getvalue())

    assert version.text_state == TextState.DONE
    assert version.text == "Rencana kerja 2026\nAnggaran\tRp 5 juta"


@pytest.mark.parametrize(
    ("name", "data", "text"),
    [
        ("notes.txt", "\ufeffCatatan rapat\nanggaran naik 5%\n".encode(),
         "Catatan rapat\nanggaran naik 5%"),
        ("data.csv", b"bulan,total\njan,10\n", "bulan,total\njan,10"),
        ("README.md", b"# Judul\n\nIsi", "# Judul\n\nIsi"),
    ],
)  # fmt: skip
def test_plain_text_csv_and_markdown_are_their_own_text(run, author, personal_library, name,
                                                         data, text):  # fmt: skip
    version = text_of(run, author, personal_library, name, data)

    assert (version.text_state, version.text) == (TextState.DONE, text)


def test_files_without_text_are_marked_so(run, author, personal_library):
    version = text_of(run, author, personal_library, "logo.png", png_bytes())

    assert (version.text_state, version.text) == (TextState.NONE, "")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("broken.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100),
        ("broken.docx", broken_docx()),
    ],
)
def test_a_broken_file_fails_quietly(run, author, personal_library, name, data):
    version = text_of(run, author, personal_library, name, data)

    assert (version.text_state, version.text) == (TextState.FAILED, "")


def test_a_word_document_that_unpacks_to_too_much_is_not_read(run, author, personal_library,
                                                              monkeypatch):  # fmt: skip
    monkeypatch.setattr("files.extract.MAX_UNPACKED", 1000)

    version = text_of(run, author, personal_library, "bomb.docx", docx_bytes())

    assert version.text_state == TextState.FAILED


def test_extracted_text_is_capped(run, author, personal_library, monkeypatch):
    monkeypatch.setattr("files.extract.MAX_TEXT", 10)

    version = text_of(run, author, personal_library, "long.txt", b"0123456789abcdef\n")

    assert version.text == "0123456789"
    assert MAX_TEXT == 1_000_000


def test_the_text_waits_for_the_commit(author, personal_library):
    file = services.file_upload(actor=author, library=personal_library, upload=upload())

    assert file.current.text_state == TextState.PENDING  # Not committed: nothing ran yet.


def test_the_task_is_idempotent_and_ignores_what_is_gone(run, author, personal_library):
    version = text_of(run, author, personal_library, "a.txt", b"hello")

    assert extract_text(version.pk) == TextState.DONE
    assert extract_text(version.pk) == TextState.DONE
    assert extract_text(0) is None


def test_the_trash_is_purged_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["purge-expired-file-trash"]

    assert entry["task"] == "files.tasks.purge_expired_trash"
    assert entry["schedule"] == crontab(hour=3, minute=0)
    celery_app.loader.import_default_modules()
    assert entry["task"] in celery_app.tasks


def test_the_purge_deletes_expired_trash_and_its_bytes(run, author, personal_library):
    old = services.file_upload(actor=author, library=personal_library, upload=upload("old.txt"))
    services.file_upload_version(actor=author, file=old, upload=upload(data=b"v2"))
    names = list(old.versions.values_list("blob", flat=True))
    services.file_delete(actor=author, file=old)
    File.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=40))
    assert all(stored(n) for n in names)

    assert run(purge_expired_trash) == 1

    assert not File.objects.exists()
    assert not any(stored(n) for n in names)


@pytest.mark.redis
def test_a_real_worker_extracts_text_through_redis(transactional_db, author):
    from files.models import Library

    library = services.library_create_personal(owner=author)
    file = services.file_upload(actor=author, library=library, upload=upload("a.txt", b"halo"))
    assert Library.objects.exists()

    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        assert extract_text.delay(file.current_id).get(timeout=30) == TextState.DONE

    assert FileVersion.objects.get(pk=file.current_id).text == "halo"
