"""The monthly summary's world: September and October 2026, every figure worked out by hand
(company time zone, Asia/Jakarta). Sales is s1..s5, Tech is t1; the n's and m's have no
department. "Falcon Deal" is a private community: its words must never reach the page.

Adoption (event log, rolled up):
- September: s1..s4 log in on the 10th, t1 posts on the 11th, m1 (joined 14th) reacts on the
  15th: 6 active, 6 person-days -> MAU 6.0, stickiness 100 * (6/30) / 6 = 3.3. Registered
  m1..m4 (4: suppressed), activated m1.
- October: s1..s5 log in (and search) on the 1st, s1 again on the 2nd, t1 posts in Falcon
  Deal on the 5th, n1 and n2 (joined 12th) react on the 13th, n3 comments on the 27th (too
  late to count as activated): 9 active, 10 person-days -> MAU 9.0, stickiness
  100 * (10/31) / 9 = 3.6; changes +3, +3.0, +0.3. Registered n1..n5, activated 2: 40.0 %
  (the change is suppressed: September's 4).
- Sales only (public activity): October 5 active (s1 two days: 6 person-days) -> MAU 5.0,
  stickiness 100 * (6/31) / 5 = 3.9; September 4 active: suppressed, and so the changes.

Climate (scored writing):
- week of 5 Oct, s1..s5: 3 positive, 1 neutral, 1 negative (tag parking) -> 0.4
- week of 12 Oct, s1..s4: 1 positive, 3 negative (parking) -> 4 people: suppressed
- week of 19 Oct, s1 in Falcon Deal: 2 negative (project-falcon) -> 1 person: suppressed
- October company-wide: 4 positive, 6 negative of 11 by 5 people -> -0.182; Sales (public
  only): 4 positive, 4 negative of 9 -> 0.0. September, s1..s5: 4 positive, 1 negative ->
  0.6; changes -0.782 and -0.6.
- Negative topics: parking (9 items by 5 people; its 4 negative ones by 4: suppressed).

Response (questions asked):
- October: s1..s5 in Payroll (company-wide), first reply after 1, 2, 3, 4, 10 h, accepted
  after 2, 4, 6, 8, 20 h; s1 in Falcon Deal, 100 / 120 h; t1 "Printer jammed" and s2 "Falcon
  due diligence list" never answered. Company-wide: 8 questions by 6 askers, first reply
  median of [1, 2, 3, 4, 10, 100] = 3.5 (5 askers), accepted median 7.0; unanswered 2 by 2
  askers: suppressed. Sales: 5 questions, medians 3.0 and 6.0.
- September: s1..s5 in Payroll, first reply after 1, 1, 2, 2, 2 h, none accepted: 2.0,
  change +1.5 (Sales: 3.0 - 2.0 = +1.0); accepted change suppressed.

Searches without results (October): "visa form" by s1..s5, "Falcon merger" by s1..s4 (not
listed: 4 people): 9 searches by 5 people.
"""

import datetime
import itertools
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest

from analytics import rollups
from analytics.models import ContentSentiment
from communities.models import CommunityType
from forums import services as forums
from forums.models import Thread, ThreadKind
from profiles.roles import ANALYSTS, COMMUNICATORS, LEADERS
from tests.analytics.data.conftest import log, person
from tests.communities.conftest import build_community
from tests.conftest import shared_data
from tests.factories import DepartmentFactory, UserFactory
from tests.helpers import fresh, in_group, join

JAKARTA = ZoneInfo("Asia/Jakarta")
OCTOBER = datetime.date(2026, 10, 1)
SEPTEMBER = datetime.date(2026, 9, 1)
PRIVATE_WORDS = ("Falcon", "falcon", "project-falcon", "diligence")
IDS = itertools.count(1_000_000)  # Clear of the ids of real posts (scored in browser tests).


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=JAKARTA)


@dataclass
class World:
    people: dict = field(default_factory=dict)
    departments: dict = field(default_factory=dict)
    communities: dict = field(default_factory=dict)
    categories: dict = field(default_factory=dict)


def written(author, label, when, *, community=None, tags=()):
    """One scored piece of writing (the scoring task's row)."""
    return ContentSentiment(
        kind="post",
        object_id=next(IDS),
        author=author,
        department_id=author.department_id,
        office_id=author.office_id,
        community=community,
        is_public=community is None or community.type == CommunityType.PUBLIC,
        language="en",
        score={"positive": 0.6, "neutral": 0.0, "negative": -0.6}[label],
        label=label,
        tags=list(tags),
        written_at=when,
    )


def asked(world, asker, category, title, when, *, first=None, accepted=None):
    """A question asked ``when``; Sinta replies after ``first`` hours and the asker accepts
    her answer after ``accepted`` hours (None: never). Timestamps set after the services."""
    thread = forums.thread_create(
        author=asker, category=category, title=title, kind=ThreadKind.QUESTION
    )
    stamps = {"created_at": when, "last_activity_at": when}
    if first is not None:
        reply = forums.reply_create(author=world.people["sinta"], thread=thread, body="Try this.")
        stamps["first_reply_at"] = when + datetime.timedelta(hours=first)
        if accepted is not None:
            forums.answer_accept(actor=asker, reply=reply)
            stamps["solved_at"] = when + datetime.timedelta(hours=accepted)
    Thread.objects.filter(pk=thread.pk).update(**stamps)
    return thread


def build_world() -> World:
    world = World()
    sales = world.departments["sales"] = DepartmentFactory(name="Sales")
    tech = world.departments["tech"] = DepartmentFactory(name="Tech")
    p = world.people
    for n in range(1, 6):
        p[f"s{n}"] = person(f"s{n}", sales, None, at(8, 3))
    p["t1"] = person("t1", tech, None, at(8, 3))
    for n in range(1, 5):
        p[f"m{n}"] = person(f"m{n}", None, None, at(9, 14))
    for n in range(1, 6):
        p[f"n{n}"] = person(f"n{n}", None, None, at(10, 12))
    p["sinta"] = UserFactory(username="sinta", display_name="Sinta Dewi")
    p["employee"] = UserFactory(username="employee", department=sales)
    p["leader"] = in_group(UserFactory(username="leader"), LEADERS)
    p["member_leader"] = in_group(UserFactory(username="member_leader"), LEADERS)
    p["analyst"] = in_group(UserFactory(username="analyst"), ANALYSTS)
    p["superuser"] = UserFactory(username="root", is_superuser=True, is_staff=True)
    communicator = in_group(UserFactory(username="humas"), COMMUNICATORS)
    falcon = world.communities["falcon"] = build_community(
        name="Falcon Deal", slug="falcon-deal", type=CommunityType.PRIVATE
    )
    for name in ("s1", "s2", "t1", "sinta", "member_leader"):
        join(p[name], falcon)
    for name in p:
        fresh(p[name])

    # Adoption.
    for n in range(1, 5):
        log("user.logged_in", p[f"s{n}"], at(9, 10))
    log("post.created", p["t1"], at(9, 11), kind="post")
    log("reaction.added", p["m1"], at(9, 15), kind="like")
    for n in range(1, 6):
        log("user.logged_in", p[f"s{n}"], at(10, 1))
        log("search.performed", p[f"s{n}"], at(10, 1, 9, 5), query="visa form", results=0)
    for n in range(1, 5):
        query = "Falcon merger" if n % 2 else "falcon merger "
        log("search.performed", p[f"s{n}"], at(10, 1, 9, 10), query=query, results=0)
    log("user.logged_in", p["s1"], at(10, 2))
    log("post.created", p["t1"], at(10, 5), public=False, kind="post")
    log("reaction.added", p["n1"], at(10, 13), kind="like")
    log("reaction.added", p["n2"], at(10, 13), kind="like")
    log("comment.created", p["n3"], at(10, 27))
    rollups.rollup_range(SEPTEMBER, datetime.date(2026, 10, 31))

    # Climate.
    s = [p[f"s{n}"] for n in range(1, 6)]
    labels = ("positive", "positive", "positive", "neutral", "negative")
    rows = [written(a, lab, at(10, 6), tags=["parking"]) for a, lab in zip(s, labels, strict=True)]
    labels = ("positive", "negative", "negative", "negative")
    rows += [
        written(a, lab, at(10, 14), tags=["parking"]) for a, lab in zip(s[:4], labels, strict=True)
    ]
    rows += [
        written(s[0], "negative", at(10, 21), community=falcon, tags=["project-falcon"])
        for _ in range(2)
    ]
    labels = ("positive", "positive", "positive", "positive", "negative")
    rows += [written(a, lab, at(9, 16), tags=["payroll"]) for a, lab in zip(s, labels, strict=True)]
    ContentSentiment.objects.bulk_create(rows)

    # Response.
    payroll = world.categories["payroll"] = forums.category_create(
        actor=communicator, name="Payroll"
    )
    deal = world.categories["deal"] = forums.category_create(
        actor=falcon.created_by, community=falcon, name="Falcon"
    )
    for n, (first, accepted) in enumerate(((1, 2), (2, 4), (3, 6), (4, 8), (10, 20)), start=1):
        asked(world, s[n - 1], payroll, f"Payroll question {n}", at(10, 7, 8 + n),
              first=first, accepted=accepted)  # fmt: skip
    asked(world, s[0], deal, "Falcon merger payroll question", at(10, 8), first=100, accepted=120)
    asked(world, p["t1"], payroll, "Printer jammed on floor 3", at(10, 9))
    asked(world, s[1], deal, "Falcon due diligence list", at(10, 9, 11))
    for n, first in enumerate((1, 1, 2, 2, 2), start=1):
        asked(world, s[n - 1], payroll, f"September question {n}", at(9, 8, 8 + n), first=first)
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        yield build_world()
