"""The demo company's file share: the company library's onboarding pack (a PDF handbook, an
org chart picture, the holiday calendar, Word policies, in English and Bahasa Indonesia),
the libraries of Finance (month-end checklist, closing SOP), Engineering (architecture notes,
a diagram), a private and a secret community, an interest community and one person's own
library; folders, descriptions and tags, several files with two or three versions by
different people, and a few things in the trash.

Every file is real and small: PDFs made with fpdf2, PNGs drawn with Pillow, Word documents
made with python-docx, CSV and Markdown (``content``); they open in any viewer and their text
is extracted for search while seeding (the extraction service, called directly).

Like the wiki's demo it goes through the services (``files.services``) with their domain
events muted (``forums.demo.write.quietly``), then moves the timestamps back to the plan's:
versions uploaded in office hours, each later than the one before and by someone who was
there by then; a file created at its first version and updated at its last; a folder made
just before its first file; the trash a few days ago, within the restore period. One
``random.Random`` stream of its own drives the times, so the same seed, company and day give
the same file share; a file whose name its library already has (alive or trashed) is left as
it is, so seeding again adds nothing.

``data`` holds the words, ``content`` makes the bytes; this module writes them.
"""

import datetime
import random
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from communities.demo import LAUNCH
from communities.models import Community, Membership, MembershipState, Role
from files import permissions, services
from files.demo import content, data
from files.models import File, FileVersion, Folder, Library
from forums.demo.write import quietly, update_rows
from profiles.demo.data import COMPANY as COMPANY_NAME
from profiles.demo.plan import Company
from profiles.models import User

__all__ = ["FilesSeedResult", "demo_files_seed", "version_bytes"]


@dataclass
class FilesSeedResult:
    counts: dict[str, int]
    seconds: float


# --- what each version holds ------------------------------------------------------------------


def _put_back(text: str, was) -> str:
    for new, old in was:
        text = text.replace(new, old)
    return text


def _sections(spec: dict, version: dict) -> list[dict]:
    """The document's sections as ``version`` had them."""
    was = version.get("was", ())
    return [
        {
            "heading": _put_back(section["heading"], was),
            "text": [_put_back(t, was) for t in section.get("text", ())],
            "items": [_put_back(t, was) for t in section.get("items", ())],
        }
        for section in spec["content"][: version.get("upto")]
    ]


def _markdown(sections: list[dict]) -> str:
    parts = []
    for depth, section in enumerate(sections):
        parts.append(f"{'#' if depth == 0 else '##'} {section['heading']}")
        parts.extend(section["text"])
        if section["items"]:
            parts.append("\n".join(f"- {item}" for item in section["items"]))
    return "\n\n".join(parts)


def _org_chart_boxes(company: Company) -> tuple[tuple[str, str], list[tuple[str, str]]]:
    people = company.people
    ceo = company.by_well_known("ceo")
    boxes = [
        (department, people[head].display_name)
        for department, head in company.heads.items()
        if head != ceo.index
    ]
    return (ceo.display_name, ceo.job_title), boxes


def version_bytes(spec: dict, number: int, *, company: Company, author: str = "") -> bytes:
    """The bytes of version ``number`` (from 1) of the file ``spec`` (``data.FILES``)."""
    version = spec["versions"][number - 1]
    make, upto = spec["make"], version.get("upto")
    if make in ("pdf", "docx"):
        maker = content.pdf_document if make == "pdf" else content.docx_document
        return maker(title=spec["title"], subtitle=spec["subtitle"],
                     sections=_sections(spec, version), author=author)  # fmt: skip
    if make == "md":
        return content.markdown_bytes(_markdown(_sections(spec, version)))
    if make == "csv":
        was, skip = version.get("was", ()), set(version.get("skip", ()))
        rows = [[_put_back(str(cell), was) for cell in row] for row in spec["content"][:upto]]
        return content.csv_bytes([row for row in rows if row[0] not in skip])
    if make == "org-chart":
        top, boxes = _org_chart_boxes(company)
        title = f"{COMPANY_NAME} - organisation chart"
        return content.org_chart_png(title=title, top=top, boxes=boxes[:upto])
    if make == "diagram":
        return content.diagram_png(title=spec["title"], layers=spec["content"][:upto],
                                   note=f"Version {number}")  # fmt: skip
    raise ValueError(f"{spec['key']}: no maker {make!r}.")


# --- who and when -----------------------------------------------------------------------------


def _office_hours(moment: datetime.datetime, zone) -> datetime.datetime:
    """``moment`` moved back into a working hour (9:00 to 17:00) of a working day, local
    time (never later, so it stays in the past)."""
    local = timezone.localtime(moment, zone)
    if local.hour < 9:
        local -= datetime.timedelta(days=1)
    if not 9 <= local.hour < 17:
        local = local.replace(hour=9 + local.hour % 8)
    while local.weekday() >= 5:
        local -= datetime.timedelta(days=1)
    return local


class _People:
    """The people a role names, each with the moment from which they may upload there."""

    def __init__(self, company: Company):
        self.company = company
        self.by_username = User.objects.in_bulk(
            [p.username for p in company.people], field_name="username"
        )
        self.communities: dict[int, dict] = {}

    def user(self, well_known: str) -> User | None:
        found = [p for p in self.company.people if p.well_known == well_known]
        return self.by_username.get(found[0].username) if found else None

    def _company(self, who: str) -> list[tuple[User, datetime.datetime]]:
        people, heads = self.company.people, self.company.heads
        names = {"hr-head": [people[heads[d]].username for d in ["Human Resources"] if d in heads]}
        usernames = names.get(who) or [p.username for p in people if p.well_known == who]
        # Whoever it is, the company library's uploaders stand in when they cannot.
        usernames += [p.username for p in people if p.well_known in ("communicator", "moderator")]
        users = [self.by_username.get(u) for u in usernames]
        return [(u, u.date_joined) for u in users if u is not None and u.is_active]

    def _community(self, community: Community) -> dict:
        if community.pk not in self.communities:
            rows = list(
                Membership.objects.filter(community=community, state=MembershipState.ACTIVE)
                .order_by("created_at", "user_id")
                .values_list("user_id", "role", "created_at")
            )
            users = User.objects.in_bulk([user_id for user_id, _role, _at in rows])
            people = {
                role: [(users[u], at) for u, r, at in rows if r == role and users[u].is_active]
                for role in Role.values
            }
            members = people[Role.MODERATOR] + people[Role.MEMBER]
            members.sort(key=lambda pair: (pair[1], pair[0].pk))
            self.communities[community.pk] = {
                "owner": people[Role.OWNER],
                "admin": people[Role.ADMIN],
                "member": members,
            }
        return self.communities[community.pk]

    def runs(self, community: Community) -> bool:
        """Whether ``community`` has an active owner or admin (every role falls back to them)."""
        people = self._community(community)
        return bool(people["owner"] or people["admin"])

    def pick(
        self, who: str, at: datetime.datetime, library: Library, *, avoid: User | None = None
    ) -> User:
        """The first person ``who`` names who may upload to ``library`` and was there (in
        the company, in the community) by ``at``; someone other than ``avoid`` (the previous
        version's uploader) when anyone else may, so that versions change hands."""
        if library.kind == "company":
            candidates = self._company(who)
        elif library.kind == "personal":
            candidates = [(library.owner, library.owner.date_joined)]
        else:
            people = self._community(library.community)
            kind, _colon, nth = who.partition(":")
            members, admins = people["member"], [*people["admin"], *people["owner"]]
            if kind == "member":
                n = int(nth or 0) % len(members) if members else 0
                candidates = [*members[n:], *members[:n], *admins]
            elif kind == "admin":
                candidates = [*admins, *members]
            else:
                candidates = [*people["owner"], *people["admin"], *members]
        candidates = [(u, since) for u, since in candidates if permissions.can_upload(u, library)]
        if not candidates:
            raise LookupError(f"Nobody to play {who!r} in {library}.")
        there = [user for user, since in candidates if since < at] or [candidates[0][0]]
        others = [user for user in there if avoid is None or user.pk != avoid.pk]
        return (others or there)[0]


# --- writing ----------------------------------------------------------------------------------


@dataclass
class _Written:
    file: File
    times: list[datetime.datetime] = field(default_factory=list)  # By version number - 1.
    trashed_at: datetime.datetime | None = None


class Writer:
    def __init__(self, company: Company, rng: random.Random, now: datetime.datetime):
        self.company, self.rng, self.now = company, rng, now
        self.zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        self.people = _People(company)
        self.libraries: dict[str, Library] = {}
        self.folders: dict[tuple[str, str], Folder] = {}
        self.folder_times: dict[int, datetime.datetime] = {}
        self.written: list[_Written] = []
        self.trashed_folders: dict[int, datetime.datetime] = {}
        self.counts = dict.fromkeys(
            ["file_libraries", "file_folders", "files", "file_versions", "files_trashed"], 0
        )

    # --- libraries and folders -------------------------------------------------------------

    def create_libraries(self) -> None:
        """The company library, one for every community (made now if missing: the demo
        writes communities without the event that makes them) and the personal one."""
        before = Library.objects.count()
        self.libraries[data.COMPANY] = services.library_company_ensure()
        for community in Community.objects.order_by("pk"):
            library = services.library_ensure_for_community(community=community)
            if not community.is_archived and self.people.runs(community):
                self.libraries[community.slug] = library
        owner = self.people.user(data.PERSONAL_OWNER)
        if owner is not None and owner.is_active:
            self.libraries[data.PERSONAL] = services.library_create_personal(owner=owner)
        self.counts["file_libraries"] = Library.objects.count() - before

    def _earliest(self, library: Library) -> datetime.datetime:
        """When files may first have been uploaded there (a few days after the library's
        place and Kolega itself existed)."""
        earliest = datetime.datetime.combine(LAUNCH, datetime.time(9), self.zone)
        if library.community_id is not None:
            earliest = max(earliest, library.community.created_at)
        if library.owner_id is not None:
            earliest = max(earliest, library.owner.date_joined)
        return earliest + datetime.timedelta(days=4)  # Office hours may move back a weekend.

    def folder(self, key: str, path: str | None, at: datetime.datetime) -> Folder | None:
        """The folder at ``path`` in library ``key``, made by whoever uploads there first
        (one already there is used as it is). Folders made in this run are dated just before
        their first file (and their parents no later)."""
        if not path:
            return None
        library = self.libraries[key]
        parent_path, _slash, name = path.rpartition("/")
        parent = self.folder(key, parent_path, at)
        found = self.folders.get((key, path))
        if found is None:
            found = Folder.objects.alive().filter(library=library, parent=parent, name=name).first()
        if found is None:
            who = "communicator" if library.kind == "company" else "owner"
            actor = self.people.pick(who, at, library)
            found = services.folder_create(actor=actor, library=library, parent=parent, name=name)
            self.counts["file_folders"] += 1
            self.folder_times[found.pk] = at
        self.folders[(key, path)] = found
        if found.pk in self.folder_times:
            self.folder_times[found.pk] = min(self.folder_times[found.pk], at)
        return found

    # --- files -------------------------------------------------------------------------------

    def _times(self, spec: dict, library: Library) -> list[datetime.datetime]:
        """When each version was uploaded: the first ``age`` days ago (not before the
        library's place existed), the others spread until recently, in office hours, each
        later than the one before; all before a trashing."""
        now, rng, count = self.now, self.rng, len(spec["versions"])
        latest = now - datetime.timedelta(days=spec.get("trashed", 0) + 1)
        first = max(
            now - datetime.timedelta(days=spec["age"], hours=rng.uniform(0, 8)),
            self._earliest(library),
        )
        first = min(first, latest - datetime.timedelta(days=count))
        last = latest - datetime.timedelta(days=rng.uniform(0.1, max(0.2, spec["age"] / 5)))
        span = max(last - first, datetime.timedelta(hours=count))
        offsets = sorted(rng.uniform(0.1, 1) for _ in range(count - 1))
        times, previous = [], None
        for moment in [first, *(first + span * f for f in offsets)]:
            moment = _office_hours(moment, self.zone)
            if previous is not None and moment <= previous:
                moment = previous + datetime.timedelta(minutes=rng.randint(7, 40))
            times.append(moment)
            previous = moment
        overshoot = times[-1] - (latest - datetime.timedelta(minutes=5))
        if overshoot > datetime.timedelta(0):
            times = [moment - overshoot for moment in times]
        return times

    def write_file(self, spec: dict) -> None:
        key = spec["library"]
        library = self.libraries.get(key)
        if library is None:  # No such community, or archived, or nobody runs it.
            return
        if File.objects.filter(library=library, name=spec["name"]).exists():
            return  # Seeded before: leave it as it is.
        times = self._times(spec, library)
        folder = self.folder(key, spec.get("folder"), times[0] - datetime.timedelta(hours=1))
        written = _Written(file=None, times=times)
        file = actor = None
        for number, (version, at) in enumerate(zip(spec["versions"], times, strict=True), 1):
            actor = self.people.pick(version["who"], at, library, avoid=actor)
            upload = ContentFile(
                version_bytes(spec, number, company=self.company, author=actor.name),
                name=spec["name"],
            )
            if file is None:
                file = services.file_upload(
                    actor=actor, library=library, folder=folder, upload=upload,
                    description=spec.get("description", ""), tags=spec.get("tags", ()),
                )  # fmt: skip
                made = file.current
            else:
                made = services.file_upload_version(
                    actor=actor, file=file, upload=upload, comment=version.get("comment", "")
                )
            services.version_extract_text(version_id=made.pk)
        if spec.get("trashed"):
            who = spec["trashed_by"]
            actor = file.author if who == "uploader" else self.people.pick(who, self.now, library)
            file = services.file_delete(actor=actor, file=file)
            written.trashed_at = self._trash_time(spec["trashed"], after=times[-1])
            self.counts["files_trashed"] += 1
        written.file = file
        self.written.append(written)
        self.counts["files"] += 1
        self.counts["file_versions"] += len(times)

    def _trash_time(self, days: int, *, after: datetime.datetime) -> datetime.datetime:
        moment = _office_hours(self.now - datetime.timedelta(days=days), self.zone)
        return max(moment, after + datetime.timedelta(minutes=30))

    def trash_folders(self) -> None:
        """Folders that went to the trash with their files, by the library's admins."""
        for (key, path), (days, who) in data.TRASHED_FOLDERS.items():
            folder = self.folders.get((key, path))
            if folder is None or folder.is_deleted or folder.pk not in self.folder_times:
                continue  # Not written in this run.
            library = self.libraries[key]
            inside = [w.times[-1] for w in self.written if w.file.folder_id == folder.pk]
            at = self._trash_time(days, after=max(inside, default=self.folder_times[folder.pk]))
            actor = self.people.pick(who, self.now, library)
            services.folder_delete(actor=actor, folder=folder)
            self.trashed_folders[folder.pk] = at

    # --- moving the clock back -----------------------------------------------------------

    def backdate(self) -> None:
        """Give every version, file, folder and library written here the plan's time."""
        versions, files = [], []
        for written in self.written:
            file, times = written.file, written.times
            for number, pk in FileVersion.objects.filter(file=file).values_list("number", "pk"):
                at = times[number - 1]
                versions.append((at, at, pk))
            trashed = written.trashed_at
            folder_trashed = self.trashed_folders.get(file.folder_id)
            if folder_trashed is not None:
                trashed = folder_trashed
            files.append((times[0], trashed or times[-1], trashed, file.pk))
        update_rows(FileVersion, ["created_at", "updated_at"], versions)
        update_rows(File, ["created_at", "updated_at", "deleted_at"], files)
        folders = [
            (at, self.trashed_folders.get(pk, at), self.trashed_folders.get(pk), pk)
            for pk, at in self.folder_times.items()
        ]
        update_rows(Folder, ["created_at", "updated_at", "deleted_at"], folders)
        started = {}
        for written in self.written:
            library_id = written.file.library_id
            started[library_id] = min(started.get(library_id, written.times[0]), written.times[0])
        libraries = [
            (at - datetime.timedelta(days=1), pk)
            for pk, at in started.items()
            if Library.objects.filter(pk=pk, created_at__gt=at).exists()
        ]
        update_rows(Library, ["created_at"], libraries)


def demo_files_seed(
    *,
    company: Company,
    seed: int = 42,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> FilesSeedResult:
    """Write the demo file share for the seeded ``company`` (its people and communities
    saved), in one transaction (nested in the caller's, if any). ``now`` defaults to the
    current time when ``today`` is today, else to half past five in the afternoon of
    ``today``."""
    started = time.perf_counter()
    site = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    today = today or timezone.localdate()
    if now is None:
        now = (
            timezone.now()
            if today == timezone.localdate()
            else datetime.datetime.combine(today, datetime.time(17, 30), site)
        )
    rng = random.Random(seed * 69621 + 1009)  # A stream of its own.
    log("Writing the file share: libraries, folders, files and their versions…")
    with transaction.atomic(), quietly():
        writer = Writer(company, rng, now)
        writer.create_libraries()
        for spec in data.FILES:
            writer.write_file(spec)
        writer.trash_folders()
        writer.backdate()
    seconds = time.perf_counter() - started
    counts = writer.counts
    log(
        f"Wrote {counts['files']} files with {counts['file_versions']} versions in "
        f"{counts['file_folders']} folders ({counts['files_trashed']} in the trash, "
        f"{counts['file_libraries']} new libraries) in {seconds:.1f} s."
    )
    return FilesSeedResult(counts=dict(counts), seconds=seconds)
