"""The Conversation rollup (``analytics.conversation_rollups``) on the hand-built world
(numbers in conftest.py): exact rows, the same figures as read from the scored rows, for
whole and partial weeks, idempotent re-runs, and weeks that go stale."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from analytics.conversation_rollups import rollup_conversation_week, stale_conversation_weeks
from analytics.forms import Filters
from analytics.models import (
    ContentKind,
    ContentSentiment,
    ConversationTopicDay,
    ConversationVolume,
    ConversationWeek,
    VolumeLevel,
)
from analytics.rollups import rollup_range
from analytics.selectors.conversation import (
    Volumes,
    conversation_dashboard,
    volume_by_community,
    volume_by_department,
    volume_by_week,
    volume_total,
)
from analytics.selectors.conversation.rolled import RolledWeeks, start_of
from analytics.selectors.conversation.volumes import BLOCK_WEEKS, block_of, unpack_authors
from communities.models import Community, CommunityType
from tests.analytics.conversation.conftest import period, period_filters

pytestmark = pytest.mark.django_db


def weeks_of_period() -> list:
    start, _end = period()
    return [start + timedelta(days=7 * n) for n in range(8)]


def roll_up_period() -> None:
    for week in weeks_of_period():
        rollup_conversation_week(week)


def from_rows_only(filters: Filters):
    """The dashboard as read from ``ContentSentiment`` alone (no week rolled up)."""
    with transaction.atomic():
        ConversationWeek.objects.all().delete()
        result = conversation_dashboard(filters)
        transaction.set_rollback(True)
    return result


def volume(level: str, kind: str, week_number: int = 0, **keys) -> tuple:
    week = weeks_of_period()[7 - week_number]
    row = ConversationVolume.objects.get(week=week, span=1, level=level, kind=kind, **keys)
    return row.items, row.people


def stored_rows() -> set:
    return {
        (r.week, r.span, r.level, r.kind, r.department_id, r.office_id, r.community_id,
         r.items, r.people, unpack_authors(r.authors))
        for r in ConversationVolume.objects.all()
    } | {
        (r.day, r.source, r.name, r.items, r.people, unpack_authors(r.authors))
        for r in ConversationTopicDay.objects.all()
    }  # fmt: skip


def test_a_week_rolls_up_into_exact_rows_per_level(world):
    roll_up_period()
    finance, it = world.departments["finance"], world.departments["it"]
    tech = world.communities["tech"]
    assert volume(VolumeLevel.ALL, ContentKind.POST) == (11, 6)
    assert volume(VolumeLevel.ALL, ContentKind.COMMENT) == (4, 3)
    assert volume(VolumeLevel.ALL, ContentKind.REPLY) == (5, 5)
    assert volume(VolumeLevel.ALL, ContentKind.POST, week_number=3) == (5, 5)
    # Public writing only: the five Falcon posts of the private Tax Team are left out.
    assert volume(VolumeLevel.DEPARTMENT, ContentKind.POST, department=finance) == (5, 5)
    assert volume(VolumeLevel.DEPARTMENT, ContentKind.POST, department=it) == (1, 1)
    assert volume(VolumeLevel.COMMUNITY, ContentKind.REPLY, community=tech) == (5, 5)
    assert volume(VolumeLevel.COMMUNITY, ContentKind.POST, week_number=5,
                  community=tech) == (4, 4)  # fmt: skip
    assert not ConversationVolume.objects.filter(community=world.communities["tax"]).exists()
    week = ConversationWeek.objects.get(week=weeks_of_period()[7])
    assert (week.items, week.complete) == (22, True)
    assert week.public_communities == [tech.pk]
    assert week.held_communities == []
    # The people behind a figure are the authors themselves, as a set.
    row = ConversationVolume.objects.get(week=week.week, span=1, level=VolumeLevel.ALL,
                                         kind=ContentKind.REPLY)  # fmt: skip
    repliers = {world.people[name].pk for name in ("i2", "i3", "i4", "f1", "f2")}
    assert unpack_authors(row.authors) == sum(1 << pk for pk in repliers)


def test_whole_blocks_of_weeks_sum_their_weeks_for_the_breakdowns(world):
    roll_up_period()
    weeks = weeks_of_period()
    first = next(week for week in weeks[:4] if block_of(week) == week)
    tech = world.communities["tech"]
    block = ConversationVolume.objects.get(week=first, span=BLOCK_WEEKS, kind=ContentKind.POST,
                                           level=VolumeLevel.COMMUNITY, community=tech)  # fmt: skip
    # i1..i4's weekly status reports, four weeks of them.
    assert (block.items, block.people) == (16, 4)
    assert not ConversationVolume.objects.filter(span=BLOCK_WEEKS, level=VolumeLevel.ALL).exists()
    # A block with a week not rolled up has no rows.
    ConversationWeek.objects.filter(week=first + timedelta(days=7)).delete()
    rollup_conversation_week(first)
    assert not ConversationVolume.objects.filter(week=first, span=BLOCK_WEEKS).exists()


def test_tags_and_key_phrases_roll_up_per_day_with_their_authors(world):
    roll_up_period()
    thursday = weeks_of_period()[7] + timedelta(days=3)
    payroll = ConversationTopicDay.objects.get(day=thursday, source="tag", name="payroll")
    assert (payroll.items, payroll.people) == (10, 6)  # Comments carry their post's tags.
    delay = ConversationTopicDay.objects.get(day=thursday, source="phrase", name="payroll delay")
    assert (delay.items, delay.people) == (6, 6)
    earlier = ConversationTopicDay.objects.get(day=weeks_of_period()[6] + timedelta(days=3),
                                               source="tag", name="payroll")  # fmt: skip
    assert (earlier.items, earlier.people) == (1, 1)
    # Private writing feeds no topic.
    assert not ConversationTopicDay.objects.filter(name__contains="falcon").exists()
    assert ConversationTopicDay.objects.filter(day__lt=weeks_of_period()[0]).count() == 0


def test_rolling_up_again_writes_the_same_rows(world):
    roll_up_period()
    first = stored_rows()
    roll_up_period()
    assert stored_rows() == first
    assert ConversationWeek.objects.count() == 8


@pytest.mark.parametrize(
    "narrowing",
    [
        {},
        {"department": "finance"},
        {"department": "it"},
        {"community": "tech"},
        {"office": 1},
        {"office": 1, "department": "finance"},
        {"office": 1, "community": "tech"},
        {"department": "it", "community": "tech"},
    ],
)
def test_rolled_up_weeks_give_the_same_dashboard_as_the_rows(world, narrowing):
    extra = {}
    if "department" in narrowing:
        extra["department"] = world.departments[narrowing["department"]]
    if "community" in narrowing:
        extra["community"] = world.communities[narrowing["community"]]
    if "office" in narrowing:
        extra["office"] = world.people["f1"].office
    filters = period_filters(**extra)
    expected = from_rows_only(filters)
    roll_up_period()
    assert Volumes(filters).weeks == weeks_of_period()
    assert Volumes(filters).rows == []
    assert conversation_dashboard(filters) == expected


def test_the_office_levels_hold_the_public_writing_of_each_office(world):
    roll_up_period()
    jakarta = world.people["f1"].office
    finance, tech = world.departments["finance"], world.communities["tech"]
    assert volume(VolumeLevel.OFFICE, ContentKind.POST, office=jakarta) == (5, 5)
    assert volume(VolumeLevel.OFFICE, ContentKind.COMMENT, office=jakarta) == (4, 3)
    assert volume(VolumeLevel.OFFICE, ContentKind.REPLY, office=jakarta) == (2, 2)
    assert volume(VolumeLevel.OFFICE, ContentKind.POST, week_number=1, office=jakarta) == (1, 1)
    assert volume(VolumeLevel.OFFICE_DEPARTMENT, ContentKind.POST, office=jakarta,
                  department=finance) == (5, 5)  # fmt: skip
    # The IT people have no office: their writing is counted under none.
    assert volume(VolumeLevel.OFFICE, ContentKind.REPLY, office=None) == (3, 3)
    assert volume(VolumeLevel.OFFICE_COMMUNITY, ContentKind.REPLY, office=jakarta,
                  community=tech) == (2, 2)  # fmt: skip
    # Writing outside any community has no row per office and community.
    assert not ConversationVolume.objects.filter(
        level=VolumeLevel.OFFICE_COMMUNITY, community__isnull=True
    ).exists()
    # Private writing (the Falcon posts of the Tax Team) feeds no office figure.
    assert not ConversationVolume.objects.filter(
        level__in=[VolumeLevel.OFFICE, VolumeLevel.OFFICE_DEPARTMENT,
                   VolumeLevel.OFFICE_COMMUNITY],
        community=world.communities["tax"],
    ).exists()  # fmt: skip
    block = next(week for week in weeks_of_period()[:4] if block_of(week) == week)
    summed = ConversationVolume.objects.get(week=block, span=BLOCK_WEEKS, kind=ContentKind.POST,
                                            level=VolumeLevel.OFFICE, office=None)  # fmt: skip
    assert (summed.items, summed.people) == (16, 4)  # i1..i4's status reports.


def test_an_office_filter_reads_the_office_levels_with_the_numbers_of_the_rows(world):
    jakarta = world.people["f1"].office
    filters = period_filters(office=jakarta)
    expected = from_rows_only(filters)
    roll_up_period()
    volumes = Volumes(filters)
    result = conversation_dashboard(filters)
    assert result == expected
    assert {level for level, _blocks in volumes._reads} == set()
    total, _private = volume_total(filters, volumes=volumes)
    departments = volume_by_department(filters, volumes=volumes)
    communities = volume_by_community(filters, volumes=volumes)
    volume_by_week(filters, volumes=volumes)
    assert {level for level, _blocks in volumes._reads} == {
        VolumeLevel.OFFICE, VolumeLevel.OFFICE_DEPARTMENT, VolumeLevel.OFFICE_COMMUNITY
    }  # fmt: skip
    # Public writing of Jakarta HQ (f1..f6): 7 posts by 6, 4 comments by 3, 2 replies by 2.
    assert (total.total.value, total.total.people) == (13, 6)
    assert [(k, f.value, f.people) for k, f in total.by_kind.items() if f.value] == [
        (ContentKind.POST, 7, 6), (ContentKind.COMMENT, 4, 3), (ContentKind.REPLY, 2, 2)
    ]  # fmt: skip
    assert [(row.label, row.total.value, row.total.people) for row in departments] == [
        ("Finance", 13, 6)
    ]
    assert [(row.label, row.total.value, row.total.people) for row in communities] == [
        ("Tech Corner", 2, 2)
    ]
    assert [row.total.value for row in result.weeks] == [0, 0, 0, 0, 1, 0, 1, 11]
    # Re-running the rollup changes nothing the office filter reads.
    roll_up_period()
    assert conversation_dashboard(filters) == expected


def test_partial_weeks_at_the_edges_are_read_from_day_rows_or_the_scored_rows(world):
    start, end = period()
    filters = Filters(start=start + timedelta(days=3), end=end - timedelta(days=2))
    expected = conversation_dashboard(filters)
    roll_up_period()
    volumes = Volumes(filters)
    assert volumes.weeks == weeks_of_period()[1:7]
    # The edge days from their own rows (rolled up after they ended), nothing from the rows.
    assert volumes.days == [
        *(start + timedelta(days=n) for n in range(3, 7)),
        *(end - timedelta(days=n) for n in range(6, 1, -1)),
    ]
    assert volumes.rows == []
    assert conversation_dashboard(filters) == expected
    # Filtered figures read the edge days from the scored rows.
    finance = Filters(start=filters.start, end=filters.end, department=world.departments["finance"])
    finance_expected = from_rows_only(finance)
    assert Volumes(finance).days == []
    # Finance wrote nothing public in the first partial week.
    assert {row.week for row in Volumes(finance).rows} == {weeks_of_period()[7]}
    assert conversation_dashboard(finance) == finance_expected
    assert [row.total.value for row in expected.weeks] == [4, 4, 4, 4, 5, 4, 5, 22]


def test_a_community_no_longer_public_makes_its_weeks_read_from_the_rows(world):
    roll_up_period()
    Community.objects.filter(pk=world.communities["tech"].pk).update(type=CommunityType.PRIVATE)
    filters = period_filters()
    # Tech Corner has public writing every week of the period.
    assert Volumes(filters).weeks == []
    result = conversation_dashboard(filters)
    assert result == from_rows_only(filters)
    assert result.communities == []


def test_changed_and_unfinished_weeks_are_found_and_rolled_up_again(world):
    roll_up_period()
    assert stale_conversation_weeks() == []
    p2 = world.items["p2"]
    ContentSentiment.objects.filter(kind=ContentKind.POST, object_id=p2.pk).delete()
    last_week = weeks_of_period()[7]
    unfinished = weeks_of_period()[2]  # As if rolled up last on its Wednesday.
    ConversationWeek.objects.filter(week=unfinished).update(
        complete=False, rolled_at=start_of(unfinished + timedelta(days=2))
    )
    assert stale_conversation_weeks() == [weeks_of_period()[2], last_week]
    start, end = period()
    assert Volumes(period_filters()).weeks == weeks_of_period()[:2] + weeks_of_period()[3:]
    rollup_range(end, end)
    assert stale_conversation_weeks() == []
    assert volume(VolumeLevel.ALL, ContentKind.POST) == (10, 6)
    assert conversation_dashboard(period_filters()) == from_rows_only(period_filters())


def test_a_week_still_going_is_not_read_from_the_rollup(world):
    start, end = period()
    this_week = end + timedelta(days=1)
    rollup_conversation_week(this_week)
    assert ConversationWeek.objects.get(week=this_week).complete is False
    filters = Filters(start=this_week, end=this_week + timedelta(days=6))
    assert Volumes(filters).weeks == []


@pytest.mark.parametrize("whole_days", [3, 4])
def test_days_rolled_up_whole_are_read_from_the_rollup_and_the_rest_from_the_rows(
    world, whole_days
):
    """The last week rolled up before its Thursday (the day of its writing) or after it."""
    roll_up_period()
    last_week = weeks_of_period()[7]
    ConversationWeek.objects.filter(week=last_week).update(
        rolled_at=start_of(last_week + timedelta(days=whole_days)), complete=False
    )
    filters = period_filters()
    rolled = RolledWeeks(*period())
    assert [rolled.day_is_whole(last_week + timedelta(days=n)) for n in range(7)] == [
        n < whole_days for n in range(7)
    ]
    assert Volumes(filters).weeks == weeks_of_period()[:7]
    result = conversation_dashboard(filters)
    assert result == from_rows_only(filters)
    assert [(t.name, t.this_week.value) for t in result.topics] == [
        ("payroll", 10), ("laptops", 6), ("laptop refresh", 6), ("payroll delay", 6)
    ]  # fmt: skip


def test_a_leader_in_another_time_zone_reads_the_rows(world, settings):
    roll_up_period()
    with timezone.override("America/New_York"):
        assert RolledWeeks(*period()).rolled_at == {}
    assert len(RolledWeeks(*period()).rolled_at) == 8


@pytest.mark.parametrize("model", [ConversationWeek, ConversationVolume, ConversationTopicDay])
def test_the_rollup_lists_in_admin_without_its_author_sets(world, client, model):
    roll_up_period()
    client.force_login(world.people["superuser"])
    name = model._meta.model_name
    listing = client.get(reverse(f"admin:analytics_{name}_changelist"))
    assert listing.status_code == 200
    row = model.objects.order_by("pk").first()
    page = client.get(reverse(f"admin:analytics_{name}_change", args=[row.pk]))
    assert page.status_code == 200
    assert "compressed bitmap" not in page.content.decode()
    assert client.get(reverse(f"admin:analytics_{name}_add")).status_code == 403
