"""The small adoption fixture whose every figure is worked out by hand in the tests.

Five people in two departments and two offices register in the week of Monday 2 March 2026;
their actions are written straight into the event log (the rollups' input), at local times
in the company time zone (Asia/Jakarta, UTC+7)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from analytics import rollups
from analytics.models import Event
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory

JAKARTA = ZoneInfo("Asia/Jakarta")
MONDAY = datetime.date(2026, 3, 2)


def at(day: int, hour: int = 10, minute: int = 0, month: int = 3) -> datetime.datetime:
    """A moment of March 2026 (or ``month``), Jakarta time."""
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=JAKARTA)


def log(verb: str, person, when: datetime.datetime, *, public: bool = True, **payload) -> Event:
    """One event as ``core.events.publish`` would have logged it for ``person``, then."""
    return Event.objects.create(
        verb=verb,
        actor=person,
        department_id=person.department_id,
        office_id=person.office_id,
        community_id=None if public else 999,
        community_public=public,
        occurred_at=when,
        payload=payload,
    )


def person(username: str, department, office, joined: datetime.datetime):
    return UserFactory(username=username, department=department, office=office, date_joined=joined)


@pytest.fixture
def town(db):
    """The people and their log. Worked out:

    - ani (Sales, Jakarta; joined Mon 2): login and a post on the 2nd; a reaction and a thread
      (``thread.created`` with its item ``post.created``: one contribution) on the 3rd; a login
      on Mon 9. Activated.
    - agus (Sales, Jakarta; joined Mon 2): login on the 2nd; a login at 23:30 on the 3rd and
      at 00:30 on the 4th (two local days); a comment on Tue 10, 8 days after joining: not
      activated.
    - ayu (Sales, Bandung; joined Tue 3): a search and a post in a private community on Thu 5.
      Activated (company-wide).
    - bayu (Tech, Bandung; joined Wed 4): never acts.
    - bima (Tech, Bandung; joined Tue 10): a reaction on the 10th. Activated.
    """
    sales, tech = DepartmentFactory(name="Sales"), DepartmentFactory(name="Tech")
    jakarta, bandung = OfficeFactory(name="Jakarta"), OfficeFactory(name="Bandung")
    ani = person("ani", sales, jakarta, at(2, 8))
    agus = person("agus", sales, jakarta, at(2, 9))
    ayu = person("ayu", sales, bandung, at(3, 9))
    bayu = person("bayu", tech, bandung, at(4, 9))
    bima = person("bima", tech, bandung, at(10, 9))

    log("user.signed_up", ani, at(2, 8))  # Not an action.
    log("user.logged_in", ani, at(2, 9))
    log("post.created", ani, at(2, 10), kind="post")
    log("reaction.added", ani, at(3, 10), kind="like")
    log("thread.created", ani, at(3, 11))
    log("post.created", ani, at(3, 11), kind="thread")  # The thread's feed item: not again.
    log("user.logged_in", ani, at(9, 9))

    log("user.logged_in", agus, at(2, 9))
    log("user.logged_in", agus, at(3, 23, 30))
    log("user.logged_in", agus, at(4, 0, 30))
    log("comment.created", agus, at(10, 10))

    log("search.performed", ayu, at(5, 10), query="cuti")
    log("post.created", ayu, at(5, 11), public=False, kind="post")

    log("reaction.added", bima, at(10, 10), kind="like")
    return {
        "sales": sales,
        "tech": tech,
        "jakarta": jakarta,
        "bandung": bandung,
        "ani": ani,
        "agus": agus,
        "ayu": ayu,
        "bayu": bayu,
        "bima": bima,
    }


@pytest.fixture
def rolled(town):
    """The town's log rolled up for its two weeks."""
    rollups.rollup_range(MONDAY, MONDAY + datetime.timedelta(days=13))
    return town
