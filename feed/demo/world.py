"""The calendar of the last 90 days and the demo company as the feed planner sees it: the
planned people (``profiles.demo.plan``) and the communities and memberships read back from the
database, in a fixed order so the same seed always gives the same history."""

import datetime
import itertools
import random
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings

from communities.models import (
    ROLE_RANK,
    Community,
    CommunityType,
    Membership,
    MembershipState,
    PostingPolicy,
    Role,
)
from feed.demo import data as corpus
from profiles.demo import data as company_data
from profiles.demo.plan import Company

DAYS = 90
ADMIN = ROLE_RANK[Role.ADMIN]


# --- the calendar --------------------------------------------------------------------------


def _season_days(year: int) -> dict[str, list[tuple[datetime.date, datetime.date]]]:
    def day(text: str) -> datetime.date:
        return datetime.date.fromisoformat(f"{year}-{text}" if len(text) == 5 else text)

    return {
        name: [(day(first), day(last)) for first, last in ranges]
        for name, ranges in corpus.SEASONS.items()
    }


@dataclass
class Day:
    date: datetime.date
    weekend: bool
    holiday: bool
    closing: bool  # Finance's month-end close: the last three days and the first four.
    seasons: set[str]

    @property
    def quiet(self) -> bool:
        return self.weekend or self.holiday


def calendar(today: datetime.date) -> list[Day]:
    moving = {datetime.date.fromisoformat(d) for d in corpus.MOVING_HOLIDAYS}
    days = []
    for back in range(DAYS - 1, -1, -1):
        date = today - datetime.timedelta(days=back)
        next_month = (date.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        to_end = (next_month - date).days - 1
        seasons = {
            name
            for name, spans in _season_days(date.year).items()
            if any(first <= date <= last for first, last in spans)
        }
        days.append(
            Day(
                date=date,
                weekend=date.weekday() >= 5,
                holiday=(date.month, date.day) in corpus.FIXED_HOLIDAYS or date in moving,
                closing=to_end <= 2 or date.day <= 4,
                seasons=seasons,
            )
        )
    return days


# --- people and communities -----------------------------------------------------------------


@dataclass
class DemoCommunity:
    pk: int
    slug: str
    name: str
    type: str
    policy: str
    archived: bool
    department: str | None
    members: list[int] = field(default_factory=list)
    roles: dict[int, int] = field(default_factory=dict)  # Person -> role rank.
    cum: list[float] = field(default_factory=list)

    @property
    def public(self) -> bool:
        return self.type == CommunityType.PUBLIC

    def may_post(self, person: int) -> bool:
        """``communities.permissions.can_post`` for a planned person."""
        if self.archived or person not in self.roles:
            return False
        return self.policy == PostingPolicy.MEMBERS or self.roles[person] >= ADMIN

    def runs(self, person: int) -> bool:
        """An owner or admin (``can_manage``, so ``can_announce`` in it)."""
        return not self.archived and self.roles.get(person, -1) >= ADMIN


class World:
    """The planned company and its saved communities, as the feed planner needs them."""

    def __init__(self, company: Company, ids: list[int], rng: random.Random):
        people = self.people = company.people
        self.ids = ids
        self.n = len(people)
        index_of = {pk: i for i, pk in enumerate(ids)}
        self.reports = [[] for _ in people]
        for person in people:
            if person.manager is not None:
                self.reports[person.manager].append(person.index)
        self.followers = [[] for _ in people]
        self.followees = [[] for _ in people]
        for a, b in company.follows:
            self.followers[b].append(a)
            self.followees[a].append(b)
        self.first = [p.first_name.split()[0] for p in people]
        self.team = [p.area or p.department for p in people]
        cities = {name: city for name, city, *_ in company_data.OFFICES}
        self.city = [cities.get(p.office, p.office) for p in people]
        site = settings.TIME_ZONE
        self.zone = {tz: zoneinfo.ZoneInfo(tz) for tz in {p.timezone or site for p in people}}
        # How much each person writes: most a little, a few a lot.
        self.activity = [min(8.0, rng.paretovariate(1.8)) for _ in people]
        for person in people:
            boost = {"communicator": 2.5, "employee": 1.8, "analyst": 1.5, "moderator": 2.0}
            if person.well_known in boost:
                self.activity[person.index] = boost[person.well_known]
        self.everyone = list(range(self.n))
        self.cum_everyone = list(itertools.accumulate(self.activity))
        self.share_id = [
            0.0 if "id" not in p.languages else 0.35 if p.office == "Singapore" else 0.68
            for p in people
        ]

        self.communities: list[DemoCommunity] = []
        rows = Community.objects.order_by("slug").values_list(
            "pk", "slug", "name", "type", "posting_policy", "is_archived", "department__name"
        )
        by_pk = {}
        for pk, slug, name, kind, policy, archived, department in rows:
            community = DemoCommunity(pk, slug, name, kind, policy, archived, department)
            self.communities.append(community)
            by_pk[pk] = community
        memberships = Membership.objects.filter(
            state=MembershipState.ACTIVE, user_id__in=ids
        ).values_list("community_id", "user_id", "role")
        for community_id, user_id, role in memberships:
            by_pk[community_id].roles[index_of[user_id]] = ROLE_RANK[role]
        for community in self.communities:
            community.members = sorted(community.roles)
            community.cum = list(itertools.accumulate(self.activity[i] for i in community.members))
        self.by_slug = {c.slug: c for c in self.communities}
        self.official = {c.department: c for c in self.communities if c.department}
        self.postable = [[] for _ in people]
        self.runs = [[] for _ in people]
        for community in self.communities:
            for person in community.members:
                if community.may_post(person):
                    self.postable[person].append(community)
                if community.runs(person):
                    self.runs[person].append(community)

    def colleagues(self, person: int) -> list[int]:
        """Whom ``person`` would mention: their manager, reports, teammates, followees."""
        p = self.people[person]
        near = list(self.reports[person])
        if p.manager is not None:
            near.append(p.manager)
            near.extend(i for i in self.reports[p.manager] if i != person)
        near.extend(self.followees[person])
        return [i for i in dict.fromkeys(near) if i != person] or [
            i for i in range(min(self.n, 3)) if i != person
        ]
