"""The demo company's file share (``files.demo``): a library for the company and every
community, real small files that open (PDF, PNG, Word, CSV, Markdown) with their text
extracted, files with several versions by different people at increasing times, the trash,
and the private and secret communities' files kept from outsiders; repeatable and idempotent.

A small company is seeded once for the module (rolled back at the end); most tests only read
it."""

import csv
import datetime
import io
import zoneinfo

import docx
import pypdf
import pytest
from django.conf import settings
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from communities.models import Community, Membership, MembershipState
from files import permissions
from files.demo import data, demo_files_seed
from files.models import File, FileVersion, Folder, Library, TextState
from profiles.demo.seed import demo_company_seed
from profiles.models import User
from tests.conftest import shared_data
from tests.helpers import fresh

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 12, 19)
ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
NOW = datetime.datetime(2025, 12, 19, 17, 30, tzinfo=ZONE)
USERS = 30
SPECS = {spec["key"]: spec for spec in data.FILES}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def seed_files(company, *, seed: int = 42, now=NOW):
    return demo_files_seed(company=company, seed=seed, today=TODAY, now=now)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo company of ``USERS`` people and its file share, seeded once for the module."""
    with shared_data(django_db_blocker):
        result = demo_company_seed(users=USERS, seed=42, today=TODAY)
        files = seed_files(result.company)
        yield result.company, files


@pytest.fixture
def company(seeded):
    return seeded[0]


def demo_file(key: str) -> File:
    spec = SPECS[key]
    return File.objects.select_related("current", "library").get(name=spec["name"])


def read(version: FileVersion) -> bytes:
    with version.blob.open("rb") as stored:
        return stored.read()


def snapshot() -> dict:
    """The whole file share keyed by names and usernames (ids and storage names differ
    between runs)."""
    return {
        "folders": sorted(
            Folder.objects.values_list(
                "library__slug",
                "parent__name",
                "name",
                "created_by__username",
                "created_at",
                "deleted_at",
            ),
            key=repr,
        ),
        "files": sorted(
            File.objects.values_list(
                "library__slug",
                "folder__name",
                "name",
                "description",
                "author__username",
                "size",
                "content_type",
                "version_count",
                "created_at",
                "updated_at",
                "deleted_at",
            ),
            key=repr,
        ),
        "versions": sorted(
            FileVersion.objects.values_list(
                "file__name",
                "number",
                "size",
                "sha256",
                "content_type",
                "uploaded_by__username",
                "comment",
                "created_at",
                "text_state",
            )
        ),
    }


def wipe():
    """No files or folders at all (in the test's savepoint; the libraries stay)."""
    File.objects.all().delete()
    Folder.objects.all().delete()


# --- libraries --------------------------------------------------------------------------------


def test_the_company_every_community_and_a_person_have_a_library(company):
    communities = set(Community.objects.values_list("pk", flat=True))

    assert Library.objects.filter(kind="company").count() == 1
    assert set(Library.objects.filter(kind="community").values_list("community", flat=True)) == (
        communities
    )
    owner = User.objects.get(username=company.by_well_known(data.PERSONAL_OWNER).username)
    assert Library.objects.get(kind="personal").owner == owner
    with_files = set(File.objects.values_list("library__community__slug", flat=True))
    assert {None, "finance", "engineering", "hr-business-partners", "leadership-team",
            "running-club-jakarta"} <= with_files  # fmt: skip


def test_the_company_library_holds_the_onboarding_pack_in_both_languages(company):
    onboarding = Folder.objects.get(library__kind="company", name="Onboarding", parent=None)

    names = set(File.objects.alive().filter(folder=onboarding).values_list("name", flat=True))
    indonesian = Folder.objects.get(parent=onboarding, name="Bahasa Indonesia")

    assert {"Employee handbook.pdf", "Org chart.png", "Holiday calendar 2026.csv"} <= names
    assert File.objects.filter(folder=indonesian, name="Buku panduan karyawan.pdf").exists()
    assert {"Remote work policy.docx", "Kebijakan kerja jarak jauh.docx"} <= set(
        File.objects.filter(folder__name="Policies").values_list("name", flat=True)
    )
    handbook = demo_file("handbook-en")
    assert handbook.description and set(handbook.tags.names()) == {"onboarding", "hr", "handbook"}


# --- real files ---------------------------------------------------------------------------------


def test_the_pdfs_are_pdfs_with_readable_text(company):
    handbook = demo_file("handbook-en")
    sop = demo_file("closing-sop")

    data_ = read(handbook.current)
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data_)).pages)

    assert data_.startswith(b"%PDF")
    assert "Employee handbook" in text and "Tools and security" in text
    assert handbook.content_type == sop.content_type == "application/pdf"
    assert "WD5" in pypdf.PdfReader(io.BytesIO(read(sop.current))).pages[0].extract_text()


def test_the_pictures_open_as_png(company):
    for key in ("org-chart", "architecture-diagram"):
        file = demo_file(key)

        image = Image.open(io.BytesIO(read(file.current)))
        image.load()

        assert image.format == "PNG" and image.width >= 600, key
        assert file.content_type == "image/png"


def test_the_word_documents_open_with_python_docx(company):
    policy = demo_file("remote-en")

    document = docx.Document(io.BytesIO(read(policy.current)))

    assert policy.content_type == DOCX
    assert document.paragraphs[0].text == "Remote work policy"
    assert any("Rp 300.000" in p.text for p in document.paragraphs)
    assert docx.Document(io.BytesIO(read(demo_file("remote-id").current))).paragraphs[0].text == (
        "Kebijakan kerja jarak jauh"
    )


def test_the_csv_and_markdown_files_are_text(company):
    calendar = demo_file("holidays-2026")
    notes = demo_file("architecture-notes")

    rows = list(csv.reader(io.StringIO(read(calendar.current).decode("utf-8"))))

    assert rows[0] == ["Date", "Holiday", "Hari libur", "Type"]
    assert ["2026-08-17", "Independence Day", "Hari Kemerdekaan RI", "National holiday"] in rows
    assert calendar.content_type == "text/csv"
    assert notes.content_type == "text/markdown"
    assert read(notes.current).decode("utf-8").startswith("# KolegaPay architecture notes")


def test_every_version_has_its_text_extracted_except_the_pictures(company):
    states = {}
    for version in FileVersion.objects.select_related("file"):
        states[version.file.name, version.number] = (version.text_state, version.text)

    for (name, number), (state, text) in states.items():
        if name.endswith(".png"):
            assert state in (TextState.NONE, TextState.DONE) and not text.strip(), name
        else:
            assert state == TextState.DONE and text.strip(), (name, number)
    assert "Tools and security" in demo_file("handbook-en").current.text
    assert "Kebijakan kerja jarak jauh" in demo_file("remote-id").current.text
    assert "Independence Day" in demo_file("holidays-2026").current.text


# --- versions and times ---------------------------------------------------------------------


def test_files_have_several_versions_by_different_people_at_increasing_times(company):
    several = 0
    for file in File.objects.select_related("current"):
        versions = list(file.versions.order_by("number"))
        times = [v.created_at for v in versions]
        spec = next(s for s in data.FILES if s["name"] == file.name)

        assert [v.number for v in versions] == list(range(1, len(spec["versions"]) + 1))
        assert file.version_count == len(versions) and file.current == versions[-1]
        assert times == sorted(times) and len(set(times)) == len(times), file.name
        assert file.created_at == times[0], file.name
        assert file.updated_at == (file.deleted_at or times[-1]), file.name
        assert times[-1] < NOW
        if len(versions) > 1:
            several += 1
            assert len({v.uploaded_by_id for v in versions}) > 1, file.name
            assert len({v.sha256 for v in versions}) == len(versions), file.name
            assert all(v.comment for v in versions[1:]), file.name
    assert several >= 10


def test_nobody_uploads_before_they_joined_the_company_or_the_community(company):
    for version in FileVersion.objects.select_related("uploaded_by", "file__community"):
        assert version.uploaded_by.date_joined < version.created_at
        community = version.file.community
        if community is not None:
            joined = Membership.objects.get(community=community, user=version.uploaded_by)
            assert joined.state == MembershipState.ACTIVE
            assert joined.created_at < version.created_at


def test_uploads_happen_in_office_hours_and_folders_come_before_their_files(company):
    for at in FileVersion.objects.values_list("created_at", flat=True):
        local = at.astimezone(ZONE)
        assert local.weekday() < 5 and 9 <= local.hour < 18 and at < NOW, local
    for file in File.objects.select_related("folder__parent").filter(folder__isnull=False):
        assert file.folder.created_at <= file.created_at, file.name
        if file.folder.parent is not None:
            assert file.folder.parent.created_at <= file.folder.created_at


# --- the trash ------------------------------------------------------------------------------


def test_a_few_things_are_in_the_trash_and_still_restorable(company):
    old_calendar = demo_file("holidays-2025")
    old_folder = Folder.objects.get(library__community__slug="finance", name="Old templates")
    communicator = fresh(User.objects.get(username=company.by_well_known("communicator").username))

    assert old_calendar.is_deleted and old_calendar.deleted_at < NOW
    assert NOW - old_calendar.deleted_at < datetime.timedelta(days=settings.FILE_TRASH_DAYS)
    assert old_calendar.deleted_at > old_calendar.current.created_at
    assert old_folder.is_deleted
    inside = File.objects.get(name="Accrual template 2023.csv")
    assert inside.trashed_with == old_folder and inside.deleted_at == old_folder.deleted_at
    assert demo_file("old-deploy").is_deleted
    assert not File.objects.visible_to(communicator).filter(pk=old_calendar.pk).exists()


# --- who sees what ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["hr-business-partners", "leadership-team"])
def test_private_and_secret_community_files_are_not_visible_to_outsiders(company, key):
    community = Community.objects.get(slug=key)
    members = Membership.objects.filter(community=community, state=MembershipState.ACTIVE)
    outsider = fresh(User.objects.exclude(pk__in=members.values("user_id")).exclude(
        is_superuser=True).order_by("pk").first())  # fmt: skip
    insider = fresh(User.objects.get(pk=members.order_by("pk").first().user_id))
    files = list(File.objects.alive().filter(library__community=community))
    client = APIClient()
    client.force_login(outsider)

    assert files
    for file in files:
        assert not permissions.can_read_file(outsider, file)
        assert permissions.can_read_file(insider, file)
        assert client.get(f"/api/v1/files/files/{file.pk}/").status_code == 404
        assert client.get(f"/api/v1/files/files/{file.pk}/download/").status_code == 404
        assert client.get(f"/api/v1/files/files/{file.pk}/versions/1/download/").status_code == (
            404
        )
    assert not File.objects.visible_to(outsider).filter(library__community=community).exists()
    listed = client.get("/api/v1/files/libraries/").json()["results"]
    assert community.slug not in {row["community"]["slug"] for row in listed if row["community"]}


# --- repeatable and idempotent --------------------------------------------------------------


def test_seeding_again_adds_nothing(company):
    before = snapshot()

    again = seed_files(company)

    assert again.counts["files"] == 0 and again.counts["file_folders"] == 0
    assert again.counts["file_libraries"] == 0
    assert snapshot() == before


def test_the_same_seed_gives_the_same_file_share_and_another_seed_other_times(company):
    before = snapshot()

    wipe()
    seed_files(company)
    same = snapshot()
    wipe()
    seed_files(company, seed=43)
    other = snapshot()

    assert same == before
    assert other["files"] != before["files"]
    assert [row[:2] for row in other["versions"]] == [row[:2] for row in before["versions"]]


def test_seeded_today_it_is_quick_and_the_trash_can_be_restored(company):
    communicator = fresh(User.objects.get(username=company.by_well_known("communicator").username))
    wipe()

    result = demo_files_seed(company=company, seed=42)  # Up to now.

    old_calendar = demo_file("holidays-2025")
    assert result.counts["files"] == len(data.FILES)
    assert result.seconds < 20
    assert old_calendar.deleted_at < timezone.now()
    assert permissions.can_restore_file(communicator, old_calendar)
    finance_owner = fresh(
        Membership.objects.select_related("user").get(community__slug="finance", role="owner").user
    )
    old_folder = Folder.objects.get(name="Old templates")
    assert permissions.can_restore_folder(finance_owner, old_folder)
    assert not permissions.can_restore_folder(communicator, old_folder)  # Not Finance's admin.
