"""The demo company's communities: one per department, interest groups, and a few special ones.

Planned in pure Python from the planned company (``profiles.demo.plan``) with a random stream
of their own, so adding communities never changes the people; the same seed, size and day give
the same communities and memberships. ``demo_communities_seed`` then writes them inside the
demo seed's transaction. Like ``profiles.demo.seed`` it bypasses the per-row services and
publishes no events; their invariants hold by construction instead: every community passes
``full_clean()`` and has an active owner, each person appears once per community, requests go
only to private communities, and nobody is invited to an archived or a secret one.
"""

import datetime
import random
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.text import slugify

from communities.models import (
    ROLE_RANK,
    Community,
    CommunityType,
    Membership,
    MembershipState,
    PostingPolicy,
    Role,
)
from profiles.demo import data
from profiles.demo.plan import Company

BATCH = 2000
LAUNCH = datetime.date(2023, 3, 14)  # Kolega went live; the official communities date from it.
MIN_MEMBERS = 5

# Interest communities: who is drawn in (seeded interests, an office, departments), and how
# likely a matching person is to have joined. Everyone else joins now and then.
INTERESTS = [
    {"name": "Running Club Jakarta", "slug": "running-club-jakarta", "interests": ["Running"],
     "office": "Jakarta HQ",
     "description": "Lari pagi bareng di GBK tiap Sabtu jam 6, plus fun run kantor. "
                    "All paces welcome, from 5K beginners to marathoners."},
    {"name": "Photography", "slug": "photography", "interests": ["Photography"],
     "description": "Share your shots, get feedback, join the monthly photo walk. "
                    "Kamera HP juga boleh!"},
    {"name": "Kuliner Nusantara", "slug": "kuliner-nusantara", "odds": 0.3,
     "interests": ["Culinary Hunting", "Cooking", "Baking"],
     "description": "Rekomendasi tempat makan dekat kantor, resep rumahan dari Sabang sampai "
                    "Merauke, dan jadwal makan siang bareng."},
    {"name": "Badminton", "slug": "badminton", "interests": ["Badminton"],
     "description": "Main bulutangkis tiap Rabu malam dan Sabtu pagi. Court booking, "
                    "friendly matches and the yearly inter-office tournament."},
    {"name": "Book Club", "slug": "book-club", "interests": ["Reading"],
     "description": "One book a month, fiction and non-fiction, in English or Bahasa. "
                    "We meet on the last Thursday over coffee."},
    {"name": "Parents@Kolega", "slug": "parents-kolega", "interests": [], "odds": 0.0,
     "share": 0.07,
     "description": "Tips, school holidays, daycare near the offices, and support for "
                    "working parents. Orang tua baru sangat disambut."},
    {"name": "Bahasa & Budaya", "slug": "bahasa-budaya", "odds": 0.2,
     "interests": ["Batik", "Gamelan", "Traditional Dance", "Keroncong", "Pencak Silat"],
     "description": "Indonesian language and culture: Batik Fridays, gamelan workshops, "
                    "and Bahasa lessons for colleagues from Singapore."},
    {"name": "Tech Talks", "slug": "tech-talks", "interests": ["Podcasts"],
     "departments": ["Engineering", "IT Support"], "odds": 0.35,
     "description": "Lunch-and-learn sessions, conference write-ups and demos. "
                    "Everyone curious about technology is welcome, not only engineers."},
    {"name": "Green Office", "slug": "green-office", "odds": 0.3,
     "interests": ["Gardening", "Volunteering", "Cycling"],
     "description": "Less plastic, more plants: recycling at every office, bike-to-work days "
                    "and the yearly mangrove planting in Muara Angke."},
    {"name": "Music", "slug": "music", "odds": 0.3, "interests": ["Music", "Guitar", "Karaoke"],
     "description": "Jamming sessions, the office band, karaoke nights and "
                    "playlist swaps. Semua genre, dari dangdut sampai jazz."},
    {"name": "Futsal", "slug": "futsal", "odds": 0.4, "interests": ["Futsal", "Football"],
     "description": "Futsal every Tuesday after work, teams mixed across departments. "
                    "Also the place to argue about Liga 1."},
    {"name": "Traveling", "slug": "traveling", "odds": 0.2,
     "interests": ["Travelling", "Hiking", "Camping", "Motorbike Touring", "Scuba Diving"],
     "description": "Trip reports, itineraries and travel buddies: from Raja Ampat and "
                    "Labuan Bajo to a weekend in Bandung."},
    {"name": "Ngopi Bareng", "slug": "ngopi-bareng", "interests": ["Coffee"],
     "description": "Coffee lovers: local beans, the best kopi near each office, and "
                    "a manual-brew session every other Friday."},
]  # fmt: skip

HR_REQUESTS = [
    "Saya sering membantu proses rekrutmen di tim saya, boleh ikut bergabung?",
    "I am setting up a new team this quarter and would like to follow HR topics here.",
    "Mohon izin bergabung untuk koordinasi penilaian kinerja tim.",
]
MANAGER_REQUESTS = [
    "I will lead a small team from next month; could I join to learn from other managers?",
    "Saya acting supervisor selama atasan cuti, boleh gabung sementara?",
    "Baru dipromosikan jadi team lead, ingin belajar dari para manajer lain.",
]


@dataclass
class PlannedMembership:
    person: int
    role: str = Role.MEMBER
    state: str = MembershipState.ACTIVE
    invited_by: int | None = None
    message: str = ""
    since: datetime.datetime | None = None  # Naive, in the site's time zone.

    @property
    def is_active(self) -> bool:
        return self.state == MembershipState.ACTIVE


@dataclass
class PlannedCommunity:
    name: str
    slug: str
    description: str
    type: str = CommunityType.PUBLIC
    department: str | None = None  # The department's name: an official community.
    posting_policy: str = PostingPolicy.MEMBERS
    archived: bool = False
    created: datetime.date = LAUNCH
    members: dict[int, PlannedMembership] = field(default_factory=dict)

    @property
    def owner(self) -> int:
        return next(m.person for m in self.members.values() if m.role == Role.OWNER)

    def active(self) -> list[int]:
        return [m.person for m in self.members.values() if m.is_active]

    def add(self, person: int, role: str = Role.MEMBER) -> None:
        """Make ``person`` an active member; someone already in keeps the stronger role."""
        existing = self.members.get(person)
        if existing is None:
            self.members[person] = PlannedMembership(person=person, role=role)
        elif existing.is_active and ROLE_RANK[role] > ROLE_RANK[existing.role]:
            existing.role = role

    def pending(self, person: int, state: str, *, invited_by=None, message: str = "") -> None:
        """Invite ``person`` or record their request, unless they are in already."""
        if person not in self.members:
            self.members[person] = PlannedMembership(
                person=person, state=state, invited_by=invited_by, message=message
            )


class _Planner:
    def __init__(self, company: Company, *, seed: int, today: datetime.date):
        # A stream of its own: the company plan's choices stay exactly as they were.
        self.rng = random.Random(seed * 7919 + 104729)
        self.company, self.today = company, today
        self.people = company.people
        self.reports: dict[int, list[int]] = {p.index: [] for p in self.people}
        self.by_department: dict[str, list[int]] = {name: [] for name in company.heads}
        self.by_interest: dict[str, list[int]] = {}
        for person in self.people:
            if person.manager is not None:
                self.reports[person.manager].append(person.index)
            self.by_department[person.department].append(person.index)
            for interest in person.interests:
                self.by_interest.setdefault(interest, []).append(person.index)
        self.managers = [p.index for p in self.people if self.reports[p.index]]
        self.ceo = company.heads[data.EXECUTIVE_OFFICE]
        self.hr_head = company.heads["Human Resources"]

    def sample(self, pool: list[int], k: int) -> list[int]:
        return self.rng.sample(pool, k=max(0, min(k, len(pool))))

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        if last <= first:
            return min(first, self.today)
        return first + datetime.timedelta(days=self.rng.randrange((last - first).days + 1))

    # --- the communities ----------------------------------------------------------------------

    def official(self, name: str, head: int) -> PlannedCommunity:
        spec = data.DEPARTMENTS.get(name, data.EXECUTIVE)
        community = PlannedCommunity(
            name=name, slug=slugify(name), department=name,
            description=f"{spec['description']} The official community of {name}: team news, "
                        "questions and introductions.",
        )  # fmt: skip
        community.add(head, Role.OWNER)
        leads = [i for i in self.reports[head]
                 if self.reports[i] and self.people[i].department == name]  # fmt: skip
        for lead in self.sample(leads, 2):
            community.add(lead, Role.ADMIN)
        for person in self.by_department[name]:
            community.add(person)
        staff = [m.person for m in community.members.values() if m.role == Role.MEMBER]
        if len(staff) >= 10:
            community.add(self.rng.choice(staff), Role.MODERATOR)
        return community

    def interest(self, spec: dict) -> PlannedCommunity:
        rng, people = self.rng, self.people
        community = PlannedCommunity(
            name=spec["name"], slug=spec["slug"], description=spec["description"]
        )
        fans = sorted(
            {i for name in spec["interests"] for i in self.by_interest.get(name, [])}
            | {i for d in spec.get("departments", []) for i in self.by_department.get(d, [])}
        )
        odds = spec.get("odds", 0.55)
        office = spec.get("office")
        chosen = [
            i for i in fans
            if rng.random() < (odds if not office or people[i].office == office else odds / 3)
        ]  # fmt: skip
        fan_set = set(fans)
        others = [p.index for p in people if p.index not in fan_set]
        share = spec.get("share", 0.01)
        chosen += self.sample(others, max(1, round(len(people) * share)))
        if len(chosen) < MIN_MEMBERS:
            chosen_set = set(chosen)
            rest = [p.index for p in people if p.index not in chosen_set]
            chosen += self.sample(rest, MIN_MEMBERS - len(chosen))
        chosen.sort()
        founders = [i for i in chosen if i in fan_set] or chosen
        owner = rng.choice(founders)
        start = max(LAUNCH, people[owner].start_date)
        community.created = self.day_between(start, self.today - datetime.timedelta(days=30))
        community.add(owner, Role.OWNER)
        pool = [i for i in chosen if i != owner]
        admins = 1 if len(chosen) >= 8 else 0
        moderators = 0 if len(chosen) < 20 else 1 if len(chosen) < 200 else 2
        picked = self.sample(pool, admins + moderators)
        for i, person in enumerate(picked):
            community.add(person, Role.ADMIN if i < admins else Role.MODERATOR)
        for person in chosen:
            community.add(person)
        return community

    def announcements(self) -> PlannedCommunity:
        community = PlannedCommunity(
            name="Announcements", slug="announcements", posting_policy=PostingPolicy.ADMINS,
            description=f"Official news from {data.COMPANY}: company updates, holidays, "
                        "policies and events. Internal Communications posts here; everyone "
                        "reads and comments.",
        )  # fmt: skip
        community.add(self.ceo, Role.OWNER)
        for person in self.people:
            if "Communicators" in person.roles:
                community.add(person.index, Role.ADMIN)
        community.add(self.company.by_well_known("moderator").index, Role.MODERATOR)
        for person in self.people:
            community.add(person.index)
        return community

    def hr_partners(self) -> PlannedCommunity:
        rng, people = self.rng, self.people
        community = PlannedCommunity(
            name="HR Business Partners", slug="hr-business-partners",
            type=CommunityType.PRIVATE, created=LAUNCH + datetime.timedelta(days=21),
            description="Private space for HR business partners and HR leads: cases, "
                        "policy drafts and calibration before they go public.",
        )  # fmt: skip
        community.add(self.hr_head, Role.OWNER)
        hr = self.by_department["Human Resources"]
        leads = [i for i in hr if self.reports[i] and i != self.hr_head]
        for lead in self.sample(leads, 1):
            community.add(lead, Role.ADMIN)
        for person in hr:
            if (
                self.reports[person]
                or people[person].job_title == "HR Business Partner"
                or people[person].well_known
                or rng.random() < 0.3
            ):
                community.add(person)
        outside = [i for i in self.managers if people[i].department != "Human Resources"]
        for person in self.sample(outside, 2):
            community.pending(person, MembershipState.REQUESTED, message=rng.choice(HR_REQUESTS))
        return community

    def managers_forum(self) -> PlannedCommunity:
        rng, people = self.rng, self.people
        community = PlannedCommunity(
            name="Managers Forum", slug="managers-forum", type=CommunityType.PRIVATE,
            created=LAUNCH + datetime.timedelta(days=45),
            description="For everyone with direct reports: hiring, feedback, performance "
                        "reviews and the questions you cannot ask your team.",
        )  # fmt: skip
        community.add(self.hr_head, Role.OWNER)
        heads = [h for h in self.company.heads.values() if h not in (self.ceo, self.hr_head)]
        for head in self.sample(heads, 1):
            community.add(head, Role.ADMIN)
        # The newest managers have an invitation waiting; the rest are in.
        newest = sorted(
            (i for i in self.managers if i not in community.members),
            key=lambda i: (people[i].start_date, i),
            reverse=True,
        )[: max(1, min(6, len(self.managers) // 40))]
        for person in newest:
            community.pending(person, MembershipState.INVITED, invited_by=self.hr_head)
        for person in self.managers:
            community.add(person)
        seniors = [p.index for p in people if not self.reports[p.index]
                   and p.job_title.startswith("Senior")]  # fmt: skip
        for person in self.sample(seniors, 3):
            community.pending(
                person, MembershipState.REQUESTED, message=rng.choice(MANAGER_REQUESTS)
            )
        return community

    def leadership(self) -> PlannedCommunity:
        community = PlannedCommunity(
            name="Leadership Team", slug="leadership-team", type=CommunityType.SECRET,
            created=LAUNCH + datetime.timedelta(days=3),
            description="The President Director and the heads of department: strategy, "
                        "board preparation and anything not ready to share yet.",
        )  # fmt: skip
        community.add(self.ceo, Role.OWNER)
        community.add(self.hr_head, Role.ADMIN)
        for head in self.company.heads.values():
            community.add(head)
        return community

    def launch(self) -> PlannedCommunity:
        created = LAUNCH - datetime.timedelta(days=60)
        community = PlannedCommunity(
            name="Kolega Launch 2023", slug="kolega-launch-2023", archived=True,
            created=created,
            description="Everything about the launch of Kolega in March 2023: the countdown, "
                        "your feedback and the photos from the launch party. Archived, kept "
                        "for the record.",
        )  # fmt: skip
        marketing = self.company.heads.get("Marketing", self.ceo)
        community.add(marketing, Role.OWNER)
        for person in self.people:
            if person.start_date <= created and self.rng.random() < 0.12:
                community.add(person.index)
        return community

    # --- invitations and dates ----------------------------------------------------------------

    def invite(self, interest: list[PlannedCommunity]) -> None:
        """A few open invitations in the interest communities, one for the demo employee."""
        employee = self.company.by_well_known("employee").index
        for community in interest:
            if community.slug in ("photography", "book-club", "traveling", "music"):
                if employee not in community.members:
                    community.pending(employee, MembershipState.INVITED, invited_by=community.owner)
                    break
        everyone = [p.index for p in self.people]
        for community in self.rng.sample(interest, k=4):
            inviter = self.rng.choice(community.active())
            outside = [i for i in everyone if i not in community.members]
            for person in self.sample(outside, self.rng.randint(1, 2)):
                community.pending(person, MembershipState.INVITED, invited_by=inviter)

    def date(self, community: PlannedCommunity) -> None:
        """When each membership began: the owner on day one, the others since."""
        rng, today = self.rng, self.today
        last = min(today, LAUNCH + datetime.timedelta(days=30)) if community.archived else today
        for m in community.members.values():
            if m.role == Role.OWNER:
                day = community.created
            elif not m.is_active:
                day = self.day_between(today - datetime.timedelta(days=20), today)
            else:
                start = max(community.created, self.people[m.person].start_date)
                day = self.day_between(start, last)
            minutes = 0 if m.role == Role.OWNER else rng.randrange(10 * 60)
            m.since = datetime.datetime.combine(day, datetime.time(8)) + datetime.timedelta(
                minutes=minutes
            )


def communities_plan(
    company: Company, *, seed: int, today: datetime.date
) -> list[PlannedCommunity]:
    """The demo communities and their memberships for ``company`` (no database)."""
    planner = _Planner(company, seed=seed, today=today)
    official = [planner.official(name, head) for name, head in company.heads.items()]
    interest = [planner.interest(spec) for spec in INTERESTS]
    badminton = next(c for c in interest if c.slug == "badminton")
    badminton.add(company.by_well_known("employee").index)  # As his profile says.
    special = [
        planner.announcements(),
        planner.hr_partners(),
        planner.managers_forum(),
        planner.leadership(),
        planner.launch(),
    ]
    planner.invite(interest)
    communities = [*official, *interest, *special]
    for community in communities:
        planner.date(community)
    return communities


def _free_slug(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    taken.add(candidate)
    return candidate


def demo_communities_seed(
    *, company: Company, ids: list[int], departments: dict, seed: int, today: datetime.date
) -> dict[str, int]:
    """Write the planned communities and memberships; call inside the demo seed's transaction.

    ``ids`` maps each planned person's index to their saved user id, ``departments`` each
    department name to its saved row. Returns the counts for the summary.
    """
    plan = communities_plan(company, seed=seed, today=today)
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    taken = set(Community.objects.values_list("slug", flat=True))
    rows = []
    for planned in plan:
        community = Community(
            name=planned.name,
            slug=_free_slug(planned.slug, taken),
            description=planned.description,
            type=planned.type,
            department=departments[planned.department] if planned.department else None,
            posting_policy=planned.posting_policy,
            is_archived=planned.archived,
            created_by_id=ids[planned.owner],
            created_at=datetime.datetime.combine(planned.created, datetime.time(8), tzinfo=zone),
        )
        community.full_clean()
        community.save()
        rows.extend(
            Membership(
                community_id=community.pk,
                user_id=ids[m.person],
                role=m.role,
                state=m.state,
                invited_by_id=ids[m.invited_by] if m.invited_by is not None else None,
                message=m.message,
                created_at=m.since.replace(tzinfo=zone),
            )
            for m in planned.members.values()
        )
    Membership.objects.bulk_create(rows, batch_size=BATCH)
    states = [row.state for row in rows]
    return {
        "communities": len(plan),
        "memberships": states.count(MembershipState.ACTIVE),
        "requests": states.count(MembershipState.REQUESTED),
        "invitations": states.count(MembershipState.INVITED),
    }
