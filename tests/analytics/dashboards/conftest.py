"""The Response dashboard's world: questions with hand-picked waiting times, built through
the forum services (timestamps set afterwards: the services stamp "now").

Expected numbers (hours), no filters:

- "Payroll" (company-wide, tag payroll), Finance askers f1..f5: first reply after
  1, 2, 3, 4, 10 -> median 3.0, p90 7.6; accepted after 2, 4, 6, 8, 20 -> median 6.0, p90 15.2.
  Every accepted answer is Sinta's.
- "Laptops" in the public community "Tech Corner", IT askers i1..i4: first reply after 5
  each (4 askers: suppressed), nothing accepted; and n1 (no department), asked 72 hours ago,
  no reply ("Printer jammed on floor 3").
- "Falcon" in the private community "Tax Team": f1 asks "Falcon merger payroll question"
  (tag project-falcon), first reply after 100, accepted after 120; f2 asks "Falcon due
  diligence list" 60 hours ago, no reply.
- Company-wide: 12 questions by 10 askers; first reply [1,2,3,4,5,5,5,5,10,100] from 9
  askers -> median 5.0, p90 19.0; accepted [2,4,6,8,20,120] from 5 -> median 7.0, p90 70.0;
  unanswered > 48 h: 2 questions by 2 askers (suppressed).
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.utils import timezone

from communities.models import CommunityType
from forums import services as forums
from forums.models import Thread, ThreadKind
from profiles.roles import ANALYSTS, COMMUNICATORS, LEADERS
from tests.communities.conftest import build_community
from tests.conftest import shared_data
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory
from tests.helpers import fresh, in_group, join

PRIVATE_WORDS = ("Falcon", "falcon", "project-falcon", "Tax Team")


@dataclass
class World:
    people: dict = field(default_factory=dict)
    departments: dict = field(default_factory=dict)
    offices: dict = field(default_factory=dict)
    communities: dict = field(default_factory=dict)
    categories: dict = field(default_factory=dict)
    threads: dict = field(default_factory=dict)


def ask(world, asker, category, title, *, hours_ago, first=None, accepted=None, tags=()):
    """A question asked ``hours_ago``; Sinta replies after ``first`` hours, and the asker
    accepts her answer after ``accepted`` hours (None: never)."""
    thread = forums.thread_create(
        author=asker, category=category, title=title, kind=ThreadKind.QUESTION, tags=list(tags)
    )
    asked = timezone.now() - timedelta(hours=hours_ago)
    stamps = {"created_at": asked, "last_activity_at": asked}
    if first is not None:
        reply = forums.reply_create(author=world.people["sinta"], thread=thread, body="Try this.")
        stamps["first_reply_at"] = asked + timedelta(hours=first)
        if accepted is not None:
            forums.answer_accept(actor=asker, reply=reply)
            stamps["solved_at"] = asked + timedelta(hours=accepted)
    Thread.objects.filter(pk=thread.pk).update(**stamps)
    world.threads[title] = thread
    return thread


def build_world() -> World:
    world = World()
    finance = world.departments["finance"] = DepartmentFactory(name="Finance")
    it = world.departments["it"] = DepartmentFactory(name="IT")
    jakarta = world.offices["jakarta"] = OfficeFactory(name="Jakarta HQ")
    surabaya = world.offices["surabaya"] = OfficeFactory(name="Surabaya")
    people = world.people
    for n in range(1, 6):
        people[f"f{n}"] = UserFactory(username=f"f{n}", department=finance, office=jakarta)
    for n in range(1, 5):
        people[f"i{n}"] = UserFactory(username=f"i{n}", department=it, office=surabaya)
    people["n1"] = UserFactory(username="n1", office=surabaya)
    people["sinta"] = UserFactory(username="sinta", display_name="Sinta Dewi", department=it)
    people["employee"] = UserFactory(username="employee", department=finance)
    people["leader"] = in_group(UserFactory(username="leader"), LEADERS)
    people["member_leader"] = in_group(UserFactory(username="member_leader"), LEADERS)
    people["analyst"] = in_group(UserFactory(username="analyst"), ANALYSTS)
    people["superuser"] = UserFactory(username="root", is_superuser=True, is_staff=True)
    communicator = in_group(UserFactory(username="humas"), COMMUNICATORS)

    tech = world.communities["tech"] = build_community(name="Tech Corner", slug="tech-corner")
    tax = world.communities["tax"] = build_community(
        name="Tax Team", slug="tax-team", type=CommunityType.PRIVATE
    )
    for name in ("i1", "i2", "i3", "i4", "n1", "sinta"):
        join(people[name], tech)
    for name in ("f1", "f2", "sinta", "member_leader"):
        join(people[name], tax)
    for name in people:
        fresh(people[name])

    payroll = world.categories["payroll"] = forums.category_create(
        actor=communicator, name="Payroll"
    )
    laptops = world.categories["laptops"] = forums.category_create(
        actor=tech.created_by, community=tech, name="Laptops"
    )
    falcon = world.categories["falcon"] = forums.category_create(
        actor=tax.created_by, community=tax, name="Falcon"
    )
    for n, (first, accepted) in enumerate(((1, 2), (2, 4), (3, 6), (4, 8), (10, 20)), start=1):
        ask(world, people[f"f{n}"], payroll, f"Payroll question {n}", hours_ago=200 + n,
            first=first, accepted=accepted, tags=["payroll"])  # fmt: skip
    for n in range(1, 5):
        ask(world, people[f"i{n}"], laptops, f"Laptop question {n}", hours_ago=150 + n, first=5)
    ask(world, people["n1"], laptops, "Printer jammed on floor 3", hours_ago=72)
    ask(world, people["f1"], falcon, "Falcon merger payroll question", hours_ago=300,
        first=100, accepted=120, tags=["project-falcon"])  # fmt: skip
    ask(world, people["f2"], falcon, "Falcon due diligence list", hours_ago=60)
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        yield build_world()
