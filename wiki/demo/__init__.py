"""The demo company's wiki: the company space's handbook (onboarding, procedures, product
notes) and a few community spaces, in English and Bahasa Indonesia.

Pages link to each other (``[[Title]]``, ``[[space:Title]]``), a few links point at pages not
written yet (they show as "create this page"), and every page has several revisions by
different people with summaries: additions, corrections, a mistake and its revert, a move in
the tree; two pages are protected and some people watch pages and spaces. Every community
gets its space (the demo writes communities without the ``community.created`` event that
would make them).

Like the forum's demo it goes through the services (``wiki.services``), so links, rendered
text, revisions, watches and the pages' cards in the feeds are theirs; then the timestamps
are moved back to the plan's: revision times increase, a page was created at its first
revision and edited at its last. The services' domain events are dropped
(``forums.demo.write.quietly``). One ``random.Random`` stream of its own drives the times, so
the same seed, company and day give the same wiki; a page already in its space is left as it
is, so seeding again adds nothing.

``data`` holds the words; this module plans each page's history and writes it.
"""

import datetime
import random
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from communities.demo import LAUNCH
from communities.models import Community, Membership, MembershipState, Role
from forums.demo.write import chunks, item_posts, quietly, update_rows
from profiles.demo.plan import Company
from profiles.models import User
from wiki import services
from wiki.demo import data
from wiki.models import Page, PageRevision, Space, Watch
from wiki.text import page_slug

__all__ = ["PlannedRevision", "WikiSeedResult", "demo_wiki_seed", "page_history"]


@dataclass
class WikiSeedResult:
    counts: dict[str, int]
    seconds: float


# --- each page's history, on paper ---------------------------------------------------------


@dataclass
class PlannedRevision:
    """One save: ``kind`` create, edit, revert (to ``revert_to``) or move (under
    ``move_under``); ``body`` is the page's text after it."""

    kind: str
    who: str
    summary: str
    body: str
    revert_to: int | None = None
    move_under: str | None = None


def _section_text(spec: dict, upto: int | None, later: list[dict]) -> str:
    """The first ``upto`` sections, with what ``later`` saves changed taken back out."""
    text = "\n\n".join(spec["sections"][:upto])
    for revision in reversed(later):
        for new, old in revision.get("was", ()):
            text = text.replace(new, old)
    return text


def page_history(spec: dict) -> list[PlannedRevision]:
    """The saves of the page ``spec`` (``data.PAGES``), in order; ValueError when the data
    would not make one revision per save."""
    revisions = spec["revisions"]
    planned: list[PlannedRevision] = []
    for i, revision in enumerate(revisions):
        who, summary = revision["who"], revision.get("summary", "")
        if "revert_to" in revision:
            number = revision["revert_to"]
            body = planned[number - 1].body
            planned.append(PlannedRevision("revert", who, summary, body, revert_to=number))
        elif "move_under" in revision:
            body = planned[-1].body
            planned.append(
                PlannedRevision("move", who, summary, body, move_under=revision["move_under"])
            )
        elif "slip" in revision:
            body = planned[-1].body
            for old, new in revision["slip"]:
                if old not in body:
                    raise ValueError(f"{spec['key']} #{i + 1}: {old!r} is not in the text.")
                body = body.replace(old, new)
            planned.append(PlannedRevision("edit", who, summary, body))
        else:
            later = [r for r in revisions[i + 1 :] if "slip" not in r and "revert_to" not in r]
            body = _section_text(spec, revision.get("upto"), later)
            for new, _old in revision.get("was", ()):
                if new not in body:
                    raise ValueError(f"{spec['key']} #{i + 1}: {new!r} is not in the text.")
            if i == 0 and revision.get("was"):
                raise ValueError(f"{spec['key']}: the first revision changes nothing before it.")
            planned.append(PlannedRevision("create" if i == 0 else "edit", who, summary, body))
        if i and planned[-1].kind != "move" and planned[-1].body == planned[-2].body:
            raise ValueError(f"{spec['key']} #{i + 1} saves the same text again.")
    return planned


# --- writing ----------------------------------------------------------------------------------


@dataclass
class _Written:
    page: Page
    times: list[datetime.datetime] = field(default_factory=list)  # By revision number - 1.


class _People:
    """The people ``who`` names, each with the moment from which they may write there."""

    def __init__(self, company: Company):
        self.company = company
        self.by_username = User.objects.in_bulk(
            [p.username for p in company.people], field_name="username"
        )
        self.communities: dict[int, dict] = {}

    def _person(self, planned) -> tuple[User, datetime.datetime] | None:
        user = self.by_username.get(planned.username)
        if user is None or not user.is_active:
            return None
        return user, user.date_joined

    def _company_candidates(self, who: str) -> list:
        company, people = self.company, self.company.people
        kind, _colon, rest = who.partition(":")
        found = []
        if kind == "head":
            found = [company.heads[d] for d in rest.split("|") if d in company.heads][:1]
        elif kind == "staff":
            departments, _colon, nth = rest.partition(":")
            for department in departments.split("|"):
                head = company.heads.get(department)
                if head is None:
                    continue
                staff = [p.index for p in people if p.department == department and p.index != head]
                n = int(nth or 0) % len(staff) if staff else 0
                found = [*staff[n:], *staff[:n], head]
                break
        else:
            found = [p.index for p in people if p.well_known == who][:1]
        well_known = {p.well_known: p.index for p in people if p.well_known}
        fallback = [well_known[k] for k in ("communicator", "ceo") if k in well_known]
        return [self._person(people[i]) for i in [*found, *fallback]]

    def runs(self, community: Community) -> bool:
        """Whether ``community`` has an active owner or admin (every role falls back to them)."""
        people = self._community_people(community)
        return bool(people["owner"] or people["admin"])

    def _community_people(self, community: Community) -> dict:
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
            owners = people[Role.OWNER]
            admins = people[Role.ADMIN]
            members = people[Role.MODERATOR] + people[Role.MEMBER]
            members.sort(key=lambda pair: (pair[1], pair[0].pk))
            self.communities[community.pk] = {"owner": owners, "admin": admins, "member": members}
        return self.communities[community.pk]

    def _community_candidates(self, community: Community, who: str) -> list:
        people = self._community_people(community)
        kind, _colon, nth = who.partition(":")
        if kind == "member":
            members, n = people["member"], int(nth or 0)
            n = n % len(members) if members else 0
            return [*members[n:], *members[:n], *people["admin"], *people["owner"]]
        if kind == "admin":
            return [*people["admin"], *people["owner"]]
        return [*people["owner"], *people["admin"]]

    def pick(self, who: str, at: datetime.datetime, community: Community | None = None) -> User:
        """The first person ``who`` names who was there (employed, or a member) by ``at``."""
        if community is None:
            candidates = self._company_candidates(who)
        else:
            candidates = self._community_candidates(community, who)
        candidates = [c for c in candidates if c is not None]
        if not candidates:
            raise LookupError(f"Nobody to play {who!r}.")
        for user, since in candidates:
            if since < at:
                return user
        return candidates[0][0]


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


class Writer:
    def __init__(self, company: Company, rng: random.Random, now: datetime.datetime):
        self.rng, self.now = rng, now
        self.zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        self.people = _People(company)
        self.spaces: dict[str, Space] = {}
        self.communities: dict[str, Community] = {}
        self.written: dict[str, _Written] = {}
        self.pages: dict[str, Page] = {}
        self.counts = dict.fromkeys(["wiki_spaces", "wiki_pages", "wiki_revisions"], 0)

    # --- spaces ----------------------------------------------------------------------------

    def create_spaces(self) -> None:
        """The company space and one for every community (made now if missing), with the
        descriptions and rules of ``data``."""
        before = Space.objects.count()
        company = services.space_company_ensure()
        self.spaces[data.COMPANY] = company
        for community in Community.objects.order_by("pk"):
            space = services.space_ensure_for_community(community=community)
            self.spaces[community.slug] = space
            self.communities[community.slug] = community
        settings_of = {data.COMPANY: data.COMPANY_SPACE, **data.COMMUNITY_SPACES}
        for key, spec in settings_of.items():
            space = self.spaces.get(key)
            community = self.communities.get(key)
            if space is None or (community is not None and not self._writable(community)):
                continue
            actor = self.people.pick(spec["who"], self.now, community)
            self.spaces[key] = services.space_edit(
                actor=actor,
                space=space,
                description=spec["description"],
                edit_policy=spec.get("edit_policy"),
            )
        self.counts["wiki_spaces"] = Space.objects.count() - before

    def _writable(self, community: Community) -> bool:
        """Whether the demo writes in ``community``'s space: not archived, and someone runs it."""
        return not community.is_archived and self.people.runs(community)

    def _link_text(self, body: str) -> str:
        """``data``'s space keys in ``[[space:Title]]`` links as the spaces' addresses."""
        body = body.replace("{company}", self.spaces[data.COMPANY].slug)
        for key in data.COMMUNITY_SPACES:
            space = self.spaces.get(key)
            if space is not None and space.slug != key:
                body = body.replace(f"[[{key}:", f"[[{space.slug}:")
        return body

    # --- pages -----------------------------------------------------------------------------

    def _times(self, spec: dict, count: int, community: Community | None):
        """When each of ``count`` saves happened: the first ``age`` days ago (not before the
        community or Kolega existed), the others spread until recently, in office hours,
        each later than the one before."""
        now, rng = self.now, self.rng
        earliest = datetime.datetime.combine(LAUNCH, datetime.time(9), self.zone)
        if community is not None:
            earliest = max(earliest, community.created_at)
        earliest += datetime.timedelta(days=4)  # Office hours may move a save back a weekend.
        first = max(now - datetime.timedelta(days=spec["age"], hours=rng.uniform(0, 8)), earliest)
        last = now - datetime.timedelta(days=rng.uniform(0.1, max(0.2, min(20, spec["age"] / 4))))
        span = max(last - first, datetime.timedelta(hours=count))
        offsets = sorted(rng.uniform(0.05, 1) for _ in range(count - 1))
        times, previous = [], None
        for moment in [first, *(first + span * f for f in offsets)]:
            moment = _office_hours(moment, self.zone)
            if previous is not None and moment <= previous:
                moment = previous + datetime.timedelta(minutes=rng.randint(7, 40))
            times.append(moment)
            previous = moment
        overshoot = times[-1] - (now - datetime.timedelta(minutes=5))
        if overshoot > datetime.timedelta(0):  # Keep the newest save in the past.
            times = [moment - overshoot for moment in times]
        return times

    def write_page(self, spec: dict) -> None:
        key = spec["key"]
        space = self.spaces.get(spec["space"])
        community = self.communities.get(spec["space"]) if spec["space"] != data.COMPANY else None
        if space is None or (community is not None and not self._writable(community)):
            return
        title = spec["title"]
        existing = Page.objects.alive().filter(space=space, slug=page_slug(title)).first()
        if existing is not None:  # Seeded before: leave it as it is.
            self.pages[key] = existing
            return
        history = page_history(spec)
        times = self._times(spec, len(history), community)
        parent = self.pages.get(spec.get("parent"))
        page = None
        written = _Written(page=None)
        for revision, at in zip(history, times, strict=True):
            actor = self.people.pick(revision.who, at, community)
            body = self._link_text(revision.body)
            if revision.kind == "create":
                page = services.page_create(
                    author=actor, space=space, title=title, body=body, summary=revision.summary,
                    parent=parent, tags=spec.get("tags", ()),
                )  # fmt: skip
            elif revision.kind == "revert":
                page = services.page_revert(
                    actor=actor, page=page, number=revision.revert_to, summary=revision.summary
                )
            elif revision.kind == "move":
                page = services.page_move(
                    actor=actor, page=page, parent=self.pages[revision.move_under]
                )
            else:
                page = services.page_revise(
                    actor=actor, page=page, title=title, body=body,
                    base_revision=page.revision_number, summary=revision.summary,
                )  # fmt: skip
            if page.revision_number != len(written.times) + 1:
                raise RuntimeError(f"{key}: the services made no revision for {revision}.")
            written.times.append(at)
        if spec.get("protect"):
            actor = self.people.pick(spec["protect"], self.now, community)
            page = services.page_protect(actor=actor, page=page, protected=True)
        for who in spec.get("watchers", ()):  # People by their role in the company.
            services.watch_page(user=self.people.pick(who, self.now), page=page)
        written.page = page
        self.written[key] = written
        self.pages[key] = page
        self.counts["wiki_pages"] += 1
        self.counts["wiki_revisions"] += len(written.times)

    def watch_spaces(self) -> None:
        for who, _kind, key in data.WATCHES:
            space = self.spaces.get(key)
            if space is not None:
                services.watch_space(user=self.people.pick(who, self.now), space=space)

    # --- moving the clock back -------------------------------------------------------------

    def backdate(self) -> None:
        """Give every revision, page, watch and feed card written here the plan's time."""
        revisions, pages, created, first_by = [], [], {}, {}
        for written in self.written.values():
            page, times = written.page, written.times
            created[page.pk] = times[0]
            pages.append((times[0], times[-1], times[-1], page.pk))
            for number, pk, author_id in PageRevision.objects.filter(page=page).values_list(
                "number", "pk", "author_id"
            ):
                at = times[number - 1]
                revisions.append((at, pk))
                first_by[(page.pk, author_id)] = min(first_by.get((page.pk, author_id), at), at)
        update_rows(PageRevision, ["created_at"], revisions)
        update_rows(Page, ["created_at", "updated_at", "edited_at"], pages)
        item_posts("wiki_page", created)
        watches = []
        for some in chunks(list(created)):
            for pk, page_id, user_id in Watch.objects.filter(page_id__in=some).values_list(
                "pk", "page_id", "user_id"
            ):
                at = first_by.get((page_id, user_id))
                if at is None:  # Watched without writing: a while after it was written.
                    at = min(created[page_id] + datetime.timedelta(days=2), self.now)
                watches.append((at, at, pk))
        space_started: dict[int, datetime.datetime] = {}
        for written in self.written.values():
            space_id = written.page.space_id
            space_started[space_id] = min(
                space_started.get(space_id, written.times[0]), written.times[0]
            )
        for pk, space_id in Watch.objects.filter(
            page__isnull=True, space_id__in=list(space_started)
        ).values_list("pk", "space_id"):
            at = min(space_started[space_id] + datetime.timedelta(days=3), self.now)
            watches.append((at, at, pk))
        update_rows(Watch, ["created_at", "updated_at"], watches)


def demo_wiki_seed(
    *,
    company: Company,
    seed: int = 42,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> WikiSeedResult:
    """Write the demo wiki for the seeded ``company`` (its people and communities saved), in
    one transaction (nested in the caller's, if any). ``now`` defaults to the current time
    when ``today`` is today, else to half past five in the afternoon of ``today``."""
    started = time.perf_counter()
    site = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    today = today or timezone.localdate()
    if now is None:
        now = (
            timezone.now()
            if today == timezone.localdate()
            else datetime.datetime.combine(today, datetime.time(17, 30), site)
        )
    rng = random.Random(seed * 48271 + 2203)  # A stream of its own.
    log("Writing the wiki: spaces, pages and their history…")
    with transaction.atomic(), quietly():
        writer = Writer(company, rng, now)
        writer.create_spaces()
        for spec in data.PAGES:
            writer.write_page(spec)
        writer.watch_spaces()
        writer.backdate()
    seconds = time.perf_counter() - started
    counts = writer.counts
    log(
        f"Wrote {counts['wiki_pages']} wiki pages with {counts['wiki_revisions']} revisions "
        f"({counts['wiki_spaces']} new spaces) in {seconds:.1f} s."
    )
    return WikiSeedResult(counts=dict(counts), seconds=seconds)
