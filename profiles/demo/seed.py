"""Write the planned demo company to the database in bulk.

The one sanctioned bypass of the per-row services: ten thousand people through
``profile_update`` and ``user_follow`` would take minutes and publish a domain event for
every row. The invariants those services guard hold by construction instead: the plan is a
tree built top-down (no cycles, one root), follows are unique pairs and never self-follows.
No domain events are published: ``seed_demo`` writes the analytics log of the seeded
history at the end (``profiles.demo.history``). The communities come from
``communities.demo`` and 90 days of feed history from ``feed.demo``, in the same transaction
and the same way.
"""

import datetime
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from communities.demo import demo_communities_seed
from feed.demo import demo_feed_seed
from profiles import services
from profiles.demo import data
from profiles.demo.plan import Company, company_plan
from profiles.models import Follow, InterestTag, SkillTag, User

DEMO_PASSWORD = "kolega-demo"
ADMIN_USERNAME = "admin"
BATCH = 2000


@dataclass
class SeedResult:
    company: Company
    counts: dict[str, int]
    seconds: float


def demo_company_seed(
    *,
    seed: int = 42,
    users: int = 60,
    today: datetime.date | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> SeedResult:
    """Create the demo company (plus ``admin``) and its communities in one transaction; the
    database needs no users."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    log(f"Planning {data.COMPANY} with {users} people (seed {seed})…")
    company = company_plan(seed=seed, users=users, today=today)
    password = make_password(DEMO_PASSWORD)  # Hashed once: PBKDF2 is slow on purpose.
    with transaction.atomic():
        departments, offices = _departments_and_offices(company)
        log(f"Creating {users} people, one level of the org chart at a time…")
        ids = _create_people(company, departments=departments, offices=offices, password=password)
        for name, head in company.heads.items():
            department = departments[name]
            department.head_id = ids[head]
            department.save(update_fields=["head", "updated_at"])
        _assign_roles(company, ids)
        log("Tagging skills and interests…")
        skill_rows, interest_rows, tag_count = _tag_people(company, ids)
        log("Following colleagues…")
        Follow.objects.bulk_create(
            (
                Follow(
                    follower_id=ids[a],
                    followee_id=ids[b],
                    created_at=_followed_at(company, a, b, today),
                )
                for a, b in company.follows
            ),
            batch_size=BATCH,
        )
        _create_admin(password=password)
        log("Creating communities and their members…")
        community_counts = demo_communities_seed(
            company=company, ids=ids, departments=departments, seed=seed, today=today
        )
        feed = demo_feed_seed(company=company, ids=ids, seed=seed, today=today, log=log)
    counts = {
        "people": users,
        "departments": len(departments),
        "offices": len(offices),
        "follows": len(company.follows),
        "skills": skill_rows,
        "interests": interest_rows,
        "tags": tag_count,
        **community_counts,
        **feed.counts,
    }
    return SeedResult(company=company, counts=counts, seconds=time.perf_counter() - started)


def _departments_and_offices(company: Company):
    offices = {
        name: services.office_get_or_create(name=name, city=city, country=country)
        for name, city, country, _tz in data.OFFICES
    }
    departments = {}
    for name in company.departments:
        department = services.department_get_or_create(name=name)
        spec = data.DEPARTMENTS.get(name, data.EXECUTIVE)
        if not department.description:
            department.description = spec["description"]
            department.save(update_fields=["description", "updated_at"])
        departments[name] = department
    return departments, offices


def _create_people(company: Company, *, departments, offices, password: str) -> list[int]:
    """Insert the people level by level, so each row can point at its saved manager."""
    ids: list[int | None] = [None] * len(company.people)
    levels: dict[int, list] = {}
    for person in company.people:
        levels.setdefault(person.depth, []).append(person)
    for depth in sorted(levels):
        rows = [
            User(
                username=p.username,
                email=p.email,
                password=password,
                first_name=p.first_name,
                last_name=p.last_name,
                display_name=p.display_name,
                job_title=p.job_title,
                department_id=departments[p.department].pk,
                office_id=offices[p.office].pk,
                manager_id=ids[p.manager] if p.manager is not None else None,
                phone=p.phone,
                bio=p.bio,
                languages=p.languages,
                start_date=p.start_date,
                timezone=p.timezone,
                date_joined=_first_morning(p.start_date, p.timezone, p.index),
            )
            for p in levels[depth]
        ]
        created = User.objects.bulk_create(rows, batch_size=BATCH)
        if any(row.pk is None for row in created):  # Backends that cannot return ids.
            by_name = dict(
                User.objects.filter(username__in=[r.username for r in rows]).values_list(
                    "username", "pk"
                )
            )
            for row in created:
                row.pk = by_name[row.username]
        for person, row in zip(levels[depth], created, strict=True):
            ids[person.index] = row.pk
    return ids


def _first_morning(day: datetime.date, tz: str, index: int) -> datetime.datetime:
    """When the account was made: the start date, some minutes after eight, local time."""
    zone = zoneinfo.ZoneInfo(tz or settings.TIME_ZONE)
    return datetime.datetime.combine(day, datetime.time(8, index % 60), tzinfo=zone)


def _assign_roles(company: Company, ids: list[int]) -> None:
    names = sorted({role for p in company.people for role in p.roles})
    groups = {g.name: g.pk for g in Group.objects.filter(name__in=names)}
    for name in names:
        if name not in groups:  # The data migration makes them; be safe on odd databases.
            groups[name] = Group.objects.create(name=name).pk
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=ids[p.index], group_id=groups[role])
        for p in company.people
        for role in p.roles
    )


def _tag_people(company: Company, ids: list[int]) -> tuple[int, int, int]:
    """Create the skill and interest tags once, then every person's links in bulk."""
    names = list(dict.fromkeys(n for p in company.people for n in [*p.skills, *p.interests]))
    tag_ids = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
    taken = set(Tag.objects.values_list("slug", flat=True))
    new = []
    for name in names:
        if name in tag_ids:
            continue
        slug, i = Tag().slugify(name), 0
        while slug in taken:  # taggit's own suffixes, as Tag.save() would pick.
            i += 1
            slug = Tag().slugify(name, i)
        taken.add(slug)
        new.append(Tag(name=name, slug=slug))
    Tag.objects.bulk_create(new, batch_size=BATCH)
    tag_ids = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))

    skills = [
        SkillTag(content_object_id=ids[p.index], tag_id=tag_ids[name])
        for p in company.people
        for name in p.skills
    ]
    interests = [
        InterestTag(content_object_id=ids[p.index], tag_id=tag_ids[name])
        for p in company.people
        for name in p.interests
    ]
    SkillTag.objects.bulk_create(skills, batch_size=BATCH)
    InterestTag.objects.bulk_create(interests, batch_size=BATCH)
    return len(skills), len(interests), len(tag_ids)


def _create_admin(*, password: str) -> User:
    admin = User(
        username=ADMIN_USERNAME,
        email=f"{ADMIN_USERNAME}@{data.EMAIL_DOMAIN}",
        display_name="Kolega Admin",
        job_title="Site administrator",
        is_staff=True,
        is_superuser=True,
        password=password,
    )
    admin.save()
    return admin


def _followed_at(company, follower: int, followee: int, today: datetime.date) -> datetime.datetime:
    """A plausible, repeatable moment after both people started (no RNG: same plan, same date)."""
    people = company.people
    starts = [people[i].start_date or today for i in (follower, followee)]
    earliest = max(starts)
    span = max((today - earliest).days, 1)
    day = earliest + datetime.timedelta(days=(follower * 7919 + followee * 104729) % span)
    minutes = (follower * 31 + followee * 17) % (9 * 60)
    moment = datetime.datetime.combine(day, datetime.time(8, 0)) + datetime.timedelta(
        minutes=minutes
    )
    return timezone.make_aware(moment)
