"""The departments dashboard's world: writing and interactions through the real services, with
their event-log rows and scored rows then dated in 2025 (the services stamp "now").

People: Finance f1..f6 (Jakarta), HR h1..h5 (Jakarta), IT i1..i4 (Surabaya: 4 people).
Private community "Tax Team": f1..f5 and a leader.

Topics (public items per department and month, one tag per post):
- Finance, March 2025: tax f1..f6 (6 items, 6 people); closing f2..f6 twice (10, 5); budget
  f1, f2 twice, f3..f5 once (7, 5); audit f1..f5 (5, 5); payroll f1 five times, f2..f4 once
  (8 items, 4 people: never listed). 36 items from 6 people; top three: closing 10, budget 7,
  tax 6 (audit is fourth). In Tax Team: "Falcon merger" posts tagged project-falcon, f1..f5
  twice each: never counted.
- IT, March 2025: laptops i1..i4: 4 items, 4 people (suppressed).
- June 2025: h1..h5 each post (untagged) mentioning f1..f5 in turn; f1..f5 comment on them
  (f_n on h_n's post); h2 answers f2's comment, h3 answers f3's comment mentioning "@f3".
  In Tax Team, f1 posts mentioning @f2 and f2..f5 comment on it. HR June: 7 items, 5 people;
  Finance June: 5 items, 5 people.
- July 2025: appraisal h1..h5 (5 items, 5 people: listed), f1..f4 (4 items, 4 people: the
  row is suppressed). f1..f5 react to h1's post; h1 reacts to its own post (never counted);
  i1..i4 react to h2's post.

Interactions (public only, never oneself):
- June: Finance -> HR 5 (comments; 5 actors, 5 people acted on). HR -> Finance 7 (5 mentions,
  2 answers to comments; h3's answer that also mentions f3 counts once).
- July: Finance -> HR 5 from 5 actors but on 1 person (h1): suppressed. IT -> HR 4 from 4
  actors: suppressed.
- The year: Finance -> HR 10 (5 actors, 5 people), HR -> Finance 7, IT -> HR 4 (suppressed).
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Max
from django.test import TestCase, override_settings

from analytics.models import ContentSentiment, Event
from analytics.rollups import rollup_departments_month
from communities.models import CommunityType
from feed.services.conversation import comment_create, reaction_set
from feed.services.posts import post_create
from profiles.roles import ANALYSTS, LEADERS
from tests.communities.conftest import build_community
from tests.conftest import shared_data
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory
from tests.helpers import fresh, in_group, join

JAKARTA = ZoneInfo("Asia/Jakarta")
PRIVATE_WORDS = ("Falcon", "falcon", "project-falcon", "Tax Team")
YEAR = {"from": "2025-01-01", "to": "2025-12-31"}
JUNE = {"from": "2025-06-01", "to": "2025-06-30"}
JULY = {"from": "2025-07-01", "to": "2025-07-31"}


def day(month: int, number: int = 15) -> datetime.datetime:
    return datetime.datetime(2025, month, number, 12, tzinfo=JAKARTA)


@dataclass
class World:
    people: dict = field(default_factory=dict)
    departments: dict = field(default_factory=dict)
    offices: dict = field(default_factory=dict)
    communities: dict = field(default_factory=dict)
    posts: dict = field(default_factory=dict)


@contextmanager
def happening(when: datetime.datetime):
    """Run services, deliver their events (event log, scoring), and date what they logged
    and scored at ``when``."""
    last_event = Event.objects.aggregate(last=Max("id"))["last"] or 0
    last_row = ContentSentiment.objects.aggregate(last=Max("id"))["last"] or 0
    with TestCase.captureOnCommitCallbacks(execute=True):
        yield
    # The log is append-only for the application; a test dates its own rows afterwards.
    Event._base_manager.filter(id__gt=last_event).update(occurred_at=when)
    ContentSentiment.objects.filter(id__gt=last_row).update(written_at=when)


def write(person, tag: str | None = None, *, times: int = 1, community=None, body: str = ""):
    posts = []
    for n in range(times):
        text = body or f"{tag or 'note'} update {n} from {person.username}"
        posts.append(
            post_create(author=person, body=text, community=community, tags=[tag] if tag else [])
        )
    return posts


def build_world() -> World:
    world = World()
    finance = world.departments["finance"] = DepartmentFactory(name="Finance")
    hr = world.departments["hr"] = DepartmentFactory(name="HR")
    it = world.departments["it"] = DepartmentFactory(name="IT")
    jakarta = world.offices["jakarta"] = OfficeFactory(name="Jakarta HQ")
    surabaya = world.offices["surabaya"] = OfficeFactory(name="Surabaya")
    p = world.people
    for n in range(1, 7):
        p[f"f{n}"] = UserFactory(username=f"f{n}", department=finance, office=jakarta)
    for n in range(1, 6):
        p[f"h{n}"] = UserFactory(username=f"h{n}", department=hr, office=jakarta)
    for n in range(1, 5):
        p[f"i{n}"] = UserFactory(username=f"i{n}", department=it, office=surabaya)
    p["employee"] = UserFactory(username="employee", department=finance)
    p["leader"] = in_group(UserFactory(username="leader"), LEADERS)
    p["member_leader"] = in_group(UserFactory(username="member_leader"), LEADERS)
    p["analyst"] = in_group(UserFactory(username="analyst"), ANALYSTS)
    p["superuser"] = UserFactory(username="root", is_superuser=True, is_staff=True)
    tax = world.communities["tax"] = build_community(
        name="Tax Team", slug="tax-team", type=CommunityType.PRIVATE
    )
    for name in ("f1", "f2", "f3", "f4", "f5", "member_leader"):
        join(p[name], tax)
    for name in p:
        fresh(p[name])
    f = [None, *(p[f"f{n}"] for n in range(1, 7))]
    h = [None, *(p[f"h{n}"] for n in range(1, 6))]
    i = [None, *(p[f"i{n}"] for n in range(1, 5))]

    with happening(day(3)):
        for n in range(1, 7):
            write(f[n], "tax")
        for n in range(2, 7):
            write(f[n], "closing", times=2)
        for n in range(1, 6):
            write(f[n], "budget", times=2 if n <= 2 else 1)
            write(f[n], "audit")
            write(f[n], "project-falcon", times=2, community=tax, body="Falcon merger numbers")
        write(f[1], "payroll", times=5)
        for n in range(2, 5):
            write(f[n], "payroll")
        for n in range(1, 5):
            write(i[n], "laptops")

    with happening(day(6)):
        for n in range(1, 6):
            world.posts[f"h{n}"] = post_create(author=h[n], body=f"Welcome aboard @f{n}")
        comments = {
            n: comment_create(author=f[n], target=world.posts[f"h{n}"], body="Thanks!")
            for n in range(1, 6)
        }
        comment_create(
            author=h[2], target=world.posts["h2"], body="Glad to help", parent=comments[2]
        )
        comment_create(
            author=h[3], target=world.posts["h3"], body="@f3 see you", parent=comments[3]
        )
        secret = post_create(author=f[1], body="Falcon merger call with @f2", community=tax)
        for n in range(2, 6):
            comment_create(author=f[n], target=secret, body="Falcon noted")

    with happening(day(7)):
        for n in range(1, 6):
            write(h[n], "appraisal")
        for n in range(1, 5):
            write(f[n], "appraisal")
        for n in range(1, 6):
            reaction_set(user=f[n], target=world.posts["h1"], kind="like")
        reaction_set(user=h[1], target=world.posts["h1"], kind="like")
        for n in range(1, 5):
            reaction_set(user=i[n], target=world.posts["h2"], kind="like")
    roll_up_2025()
    return world


def roll_up_2025() -> None:
    """The monthly rollups the dashboard reads (the hourly and nightly runs in production)."""
    for month in range(1, 13):
        rollup_departments_month(datetime.date(2025, month, 1))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    from esn.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with shared_data(django_db_blocker), override_settings(POSTING_RATE_LIMIT=0):
            yield build_world()
    finally:
        app.conf.task_always_eager = eager
