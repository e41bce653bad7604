"""The demo company on paper: who works where, for whom, knowing what, following whom.

Pure Python with no database, so the same ``seed``, size and day always give the same
company (one ``random.Random(seed)`` drives every choice; nothing iterates a ``set``).
Dates are counted back from ``today`` so the demo always looks current.
"""

import datetime
import math
import random
import unicodedata
from dataclasses import dataclass, field

from profiles.demo import data

MIN_USERS = 15
MAX_SPAN = 8  # Direct reports of one manager, at most.


@dataclass
class Person:
    index: int
    first_name: str
    last_name: str
    username: str
    department: str
    office: str
    manager: int | None
    depth: int  # 0 for the CEO, 1 for department heads, and so on down.
    group: str = ""  # Background in data.NAME_GROUPS.
    job_title: str = ""
    area: str = ""
    start_date: datetime.date | None = None
    phone: str = ""
    bio: str = ""
    languages: list[str] = field(default_factory=list)
    timezone: str = ""
    skills: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    well_known: str = ""

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def email(self) -> str:
        return f"{self.username}@{data.EMAIL_DOMAIN}"


@dataclass
class Company:
    people: list[Person]
    heads: dict[str, int]  # Department name -> index of its head.
    follows: list[tuple[int, int]]  # (follower index, followee index), no repeats.

    @property
    def departments(self) -> list[str]:
        return list(self.heads)

    def by_well_known(self, key: str) -> Person:
        return next(p for p in self.people if p.well_known == key)


def username_for(first_name: str, last_name: str) -> str:
    """``Putu Ayu`` ``Lestari`` -> ``putu.ayu.lestari`` (ASCII, dots between words)."""
    text = unicodedata.normalize("NFKD", f"{first_name} {last_name}")
    text = text.encode("ascii", "ignore").decode().lower()
    words = ["".join(c for c in word if c.isalnum()) for word in text.split()]
    return ".".join(w for w in words if w)


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    names = list(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` uneven but not wild shares (team sizes)."""
    shares = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    scale = total / sum(shares)
    sizes = [int(s * scale) for s in shares]
    for i in range(total - sum(sizes)):
        sizes[i % parts] += 1
    return sizes


def _department_sizes(users: int, departments: list[str]) -> dict[str, int]:
    """People below each head, by weight, largest remainder, everyone at least one.

    One head per department (the CEO heads the Executive Office) and the executive staff
    are set aside first; the rest are shared out.
    """
    executive = 1 if users < data.SMALL_COMPANY else 3
    below = users - len(departments) - executive
    rest = [d for d in departments if d != data.EXECUTIVE_OFFICE]
    weights = {d: data.DEPARTMENTS[d]["weight"] for d in rest}
    spare = below - len(rest)
    exact = {d: spare * w / sum(weights.values()) for d, w in weights.items()}
    sizes = {d: 1 + int(x) for d, x in exact.items()}
    leftover = below - sum(sizes.values())
    for d in sorted(rest, key=lambda d: (-(exact[d] - int(exact[d])), d))[:leftover]:
        sizes[d] += 1
    return {data.EXECUTIVE_OFFICE: executive, **sizes}


class _Builder:
    def __init__(self, *, seed: int, today: datetime.date):
        self.rng = random.Random(seed)
        self.today = today
        self.people: list[Person] = []
        self.children: dict[int, list[int]] = {}
        # The documented accounts keep their usernames; namesakes get a number.
        self.taken: set[str] = {"admin"} | {
            username_for(spec["first_name"], spec["last_name"]) for spec in data.WELL_KNOWN.values()
        }

    # --- the tree -------------------------------------------------------------------------

    def add(self, *, department: str, office: str, manager: int | None, depth: int) -> int:
        person = Person(
            index=len(self.people), first_name="", last_name="", username="",
            department=department, office=office, manager=manager, depth=depth,
        )  # fmt: skip
        self.people.append(person)
        self.children.setdefault(person.index, [])
        if manager is not None:
            self.children[manager].append(person.index)
        return person.index

    def grow(self, *, parent: int, count: int, department: str, depth: int) -> None:
        """Put ``count`` people under ``parent``: direct reports, or managers with teams."""
        rng, spec = self.rng, data.DEPARTMENTS.get(department)
        if count <= MAX_SPAN:
            for _ in range(count):
                self.add(department=department, office=self._office_below(parent, department),
                         manager=parent, depth=depth)  # fmt: skip
            return
        managers = math.ceil(count / (MAX_SPAN + 1)) + rng.randint(0, 1)
        managers = max(2, min(MAX_SPAN, managers))
        teams = _split(rng, count - managers, managers)
        areas = list(spec["areas"]) if spec else [""]
        rng.shuffle(areas)
        for i, team in enumerate(teams):
            office = self._office_below(parent, department)
            index = self.add(department=department, office=office, manager=parent, depth=depth)
            parent_area = self.people[parent].area
            self.people[index].area = parent_area or areas[i % len(areas)]
            self.grow(parent=index, count=team, department=department, depth=depth + 1)

    def _office_below(self, parent: int, department: str) -> str:
        """Below the heads, teams mostly sit with their manager; some work elsewhere."""
        spec = data.DEPARTMENTS.get(department)
        if spec is None:
            return self.people[parent].office
        if self.people[parent].depth >= 2 and self.rng.random() < 0.85:
            return self.people[parent].office
        return _weighted(self.rng, spec["offices"])

    # --- the people ---------------------------------------------------------------------------

    def name(self, person: Person) -> None:
        rng = self.rng
        person.group = _weighted(rng, data.OFFICE_NAME_MIX[person.office])
        group = data.NAME_GROUPS[person.group]
        gender = "female" if rng.random() < 0.48 else "male"
        first = rng.choice(group[gender])
        middles = [m for m in group.get(f"middle_{gender}", []) if m != first]
        middle = rng.choice(middles) if middles and rng.random() < 0.5 else ""
        person.first_name = f"{first} {middle}" if middle else first
        person.last_name = rng.choice(group.get(f"surname_{gender}") or group["surname"])
        candidates = [username_for(first, person.last_name)]
        if middle:
            candidates.append(username_for(person.first_name, person.last_name))
        person.username = self.unique_username(candidates)

    def unique_username(self, candidates: list[str]) -> str:
        """``first.last``, else ``first.middle.last``, else ``first.last2``, ``first.last3``…"""
        username = next((c for c in candidates if c not in self.taken), None)
        number = 1
        while username is None:
            number += 1
            if f"{candidates[0]}{number}" not in self.taken:
                username = f"{candidates[0]}{number}"
        self.taken.add(username)
        return username

    def title(self, person: Person) -> None:
        if person.job_title:
            return
        if person.depth == 0:
            person.job_title = data.EXECUTIVE["head"]
            return
        spec = data.DEPARTMENTS.get(person.department)
        if spec is None:  # Executive Office staff.
            taken = [self.people[c].job_title for c in self.children[person.manager]]
            free = [t for t in data.EXECUTIVE["staff"] if t not in taken]
            person.job_title = free[0] if free else data.EXECUTIVE["staff"][0]
        elif person.depth == 1:
            person.job_title = spec["head"]
        elif self.children[person.index]:
            senior, manager, lead = spec["manager"]
            size = self.subtree_size(person.index)
            template = senior if size > 40 else manager if person.depth == 2 else lead
            person.job_title = template.format(area=person.area)
        else:
            person.job_title = self.rng.choice(spec["staff"])

    def subtree_size(self, index: int) -> int:
        stack, size = list(self.children[index]), 0
        while stack:
            size += 1
            stack.extend(self.children[stack.pop()])
        return size

    def start_date(self, person: Person) -> None:
        rng = self.rng
        if person.depth == 0:
            years = rng.uniform(11, 13)
        elif person.depth == 1:
            years = rng.uniform(4, 11)
        elif self.children[person.index]:
            years = rng.uniform(2, 10)
        else:  # Staff: many recent joiners, a long tail of veterans.
            years = rng.triangular(0.02, 10, 1)
        person.start_date = self.today - datetime.timedelta(days=int(years * 365.25))

    def details(self, person: Person) -> None:
        rng = self.rng
        group = data.NAME_GROUPS[person.group]
        office_tz = {name: tz for name, _city, _country, tz in data.OFFICES}
        person.timezone = office_tz[person.office]
        if person.office == "Singapore":
            person.phone = (
                f"+65 {rng.choice('89')}{rng.randint(100, 999)} {rng.randint(0, 9999):04d}"
            )
        else:
            person.phone = (
                f"+62 {rng.choice(data.PHONE_PREFIXES)}-{rng.randint(1000, 9999)}-"
                f"{rng.randint(100, 9999):04d}"
            )
        if group.get("english_only"):
            languages = ["en"]
        else:
            # Managers all speak English; most of their teams do too.
            english = self.children[person.index] or rng.random() < 0.85
            languages = ["id", "en"] if english else ["id"]
        for code, odds in group["languages"].items():
            if rng.random() < odds and code not in languages:
                languages.append(code)
        person.languages = languages

        spec = data.DEPARTMENTS.get(person.department, data.EXECUTIVE)
        pool = list(spec["skills"])
        skills = rng.sample(pool, k=min(len(pool), rng.randint(3, 6)))
        skills += rng.sample(data.COMMON_SKILLS, k=rng.randint(0, 2))
        if self.children[person.index]:
            skills += rng.sample(data.MANAGER_SKILLS, k=rng.randint(1, 2))
        person.interests = rng.sample(data.INTERESTS, k=rng.randint(2, 5))
        if person.well_known:
            spec = data.WELL_KNOWN[person.well_known]
            person.skills = list(dict.fromkeys([*spec["skills"], *skills]))
            person.bio = spec["bio"]
        else:
            person.skills = list(dict.fromkeys(skills))
            person.bio = self.bio(person)

    def bio(self, person: Person) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.15:
            return ""
        english = data.NAME_GROUPS[person.group].get("english_only") or roll > 0.6
        interest = person.interests[0]
        if interest not in data.INTEREST_IN_SENTENCE_KEEP_CASE:
            interest = interest.lower()
        city = next(city for name, city, *_ in data.OFFICES if name == person.office)
        template = rng.choice(data.BIOS_EN if english else data.BIOS_ID)
        return template.format(
            title=person.job_title, department=person.department, city=city,
            skill=person.skills[0], interest=interest, year=person.start_date.year,
            town=rng.choice(data.NAME_GROUPS[person.group]["towns"]), company=data.COMPANY,
        )  # fmt: skip

    # --- who follows whom --------------------------------------------------------------------

    def follows(self, heads: dict[str, int]) -> list[tuple[int, int]]:
        rng, people = self.rng, self.people
        pairs: dict[tuple[int, int], None] = {}

        def follow(follower: int, followee: int) -> None:
            if follower != followee:
                pairs.setdefault((follower, followee), None)

        by_office: dict[str, list[int]] = {}
        for person in people:
            by_office.setdefault(person.office, []).append(person.index)
        leaders = [0, *heads.values()]
        for person in people:
            if person.manager is not None:
                follow(person.index, person.manager)
                teammates = [i for i in self.children[person.manager] if i != person.index]
                for mate in rng.sample(teammates, k=min(len(teammates), rng.randint(2, 5))):
                    follow(person.index, mate)
            for report in self.children[person.index]:
                if rng.random() < 0.7:
                    follow(person.index, report)
            if person.depth <= 1:
                for leader in leaders:
                    follow(person.index, leader)
            elif rng.random() < 0.35:
                follow(person.index, 0)
            for _ in range(rng.randint(0, 4)):
                pool = by_office[person.office] if rng.random() < 0.6 else None
                other = rng.choice(pool) if pool else rng.randrange(len(people))
                follow(person.index, other)
        return list(pairs)


def company_plan(*, seed: int, users: int, today: datetime.date) -> Company:
    """The whole demo company for ``seed`` and ``users`` people, as of ``today``."""
    if users < MIN_USERS:
        raise ValueError(f"The demo company needs at least {MIN_USERS} people.")
    builder = _Builder(seed=seed, today=today)
    departments = [d for d, spec in data.DEPARTMENTS.items()
                   if spec["core"] or users >= data.SMALL_COMPANY]  # fmt: skip
    departments = [data.EXECUTIVE_OFFICE, *departments]
    sizes = _department_sizes(users, departments)

    ceo = builder.add(department=data.EXECUTIVE_OFFICE, office=data.HQ, manager=None, depth=0)
    heads = {data.EXECUTIVE_OFFICE: ceo}
    builder.grow(parent=ceo, count=sizes[data.EXECUTIVE_OFFICE],
                 department=data.EXECUTIVE_OFFICE, depth=1)  # fmt: skip
    for department in departments[1:]:
        heads[department] = builder.add(department=department, office=data.HQ, manager=ceo,
                                        depth=1)  # fmt: skip
    for department in departments[1:]:
        builder.grow(parent=heads[department], count=sizes[department], department=department,
                     depth=2)  # fmt: skip
    people = builder.people
    assert len(people) == users, (len(people), users)

    # The documented accounts take fixed places: the CEO, and one individual contributor
    # in each of their departments.
    for key, spec in data.WELL_KNOWN.items():
        if key == "ceo":
            person = people[ceo]
        else:
            candidates = [p for p in people if p.department == spec["department"]
                          and p.depth >= 2 and not builder.children[p.index]
                          and not p.well_known]  # fmt: skip
            person = builder.rng.choice(candidates)
        person.well_known = key
        person.first_name, person.last_name = spec["first_name"], spec["last_name"]
        person.group, person.job_title = spec["group"], spec["job_title"]
        person.username = username_for(person.first_name, person.last_name)
        person.roles = [spec["role"]] if spec["role"] else []

    for person in people:
        if not person.well_known:
            builder.name(person)
    for person in people:
        builder.title(person)
        builder.start_date(person)
        builder.details(person)
    for department, head in heads.items():
        if department != data.EXECUTIVE_OFFICE:
            people[head].roles.append("Leaders")
    people[heads["Human Resources"]].roles.append("Communicators")
    return Company(people=people, heads=heads, follows=builder.follows(heads))
