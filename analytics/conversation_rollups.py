"""The Conversation dashboard's rollup: ``ContentSentiment`` summed per week (from Monday,
company time zone) into ``ConversationVolume`` rows at every ``VolumeLevel`` and the public
writing's tags and key phrases per day into ``ConversationTopicDay`` rows, with exact author
sets, and one ``ConversationWeek`` row recording when and from what. The Climate
dashboard's rows of the week (``analytics.climate_rollups``) are written with them.

A week is recomputed by delete-and-insert in one transaction (re-running writes the same
rows). ``analytics.rollups`` rolls up the weeks of the days it recomputes (today's every hour,
yesterday's at the nightly close, every week of a backfill) and then the weeks whose rows
have changed since (an item deleted, hidden, moved or scored late), a few per run.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from analytics.climate_rollups import rollup_climate_week
from analytics.models import (
    ContentSentiment,
    ConversationTopicDay,
    ConversationVolume,
    ConversationWeek,
    VolumeLevel,
)
from analytics.selectors.conversation.topics import public_topic_rows, topic_tally
from analytics.selectors.conversation.volumes import (
    BLOCK_LEVELS,
    BLOCK_WEEKS,
    DAY_LEVELS,
    block_of,
    level_key,
    pack_authors,
    unpack_authors,
    writing_groups,
)

EMPTY = "0:0:"  # The fingerprint of a week without rows.
# Weeks found changed that one run recomputes (the oldest first); the rest wait for the next.
STALE_WEEKS_PER_RUN = 8


def _week_bounds(week: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    from analytics.rollups import day_bounds

    return day_bounds(week)[0], day_bounds(week + datetime.timedelta(days=6))[1]


def _fingerprint(items, last_scored, ids) -> str:
    """What changes when a row of the week is added, removed or rescored."""
    scored = last_scored.isoformat() if hasattr(last_scored, "isoformat") else last_scored
    return f"{items}:{ids or 0}:{scored or ''}"


def _week_fingerprints(weeks: list[datetime.date] | None = None) -> dict[datetime.date, str]:
    from analytics.rollups import company_zone

    qs = ContentSentiment.objects.all()
    if weeks is not None:
        since, until = _week_bounds(min(weeks))[0], _week_bounds(max(weeks))[1]
        qs = qs.filter(written_at__gte=since, written_at__lt=until)
    rows = (
        qs.annotate(week=TruncWeek("written_at", tzinfo=company_zone()))
        .values_list("week")
        .annotate(n=Count("*"), ids=Sum("object_id"), last=Max("scored_at"))
        .order_by()
    )
    found = {}
    for week, items, ids, last in rows:
        day = week.date() if isinstance(week, datetime.datetime) else week
        if isinstance(day, str):
            day = datetime.date.fromisoformat(day[:10])
        found[day] = _fingerprint(items, last, ids)
    return found


@transaction.atomic
def rollup_conversation_week(week: datetime.date) -> int:
    """Recompute the ``ConversationVolume`` and ``ConversationTopicDay`` rows and the
    ``ConversationWeek`` of the week starting on ``week`` (a Monday); returns how many
    volume rows there are."""
    from analytics.rollups import company_zone

    with timezone.override(company_zone()):
        return _rollup_week(week)


def _rollup_week(week: datetime.date) -> int:
    since, until = _week_bounds(week)
    until_day = week + datetime.timedelta(days=7)
    started = timezone.now()
    # Taken first: a row changed while this runs makes the week stale again, not lost.
    fingerprint = _week_fingerprints([week]).get(week, EMPTY)
    groups = writing_groups([(since, until)], per_day=True)
    tally = defaultdict(lambda: [0, 0])
    public, held, items = set(), set(), 0
    for group in groups:
        items += group.items
        if group.community_id is not None and group.public:
            public.add(group.community_id)
        for level in VolumeLevel.values:
            keys = level_key(level, group)
            if keys is None:
                continue
            # The week's row, and the day's at the levels kept per day (span 0).
            for span, start in ((1, week), (0, group.week)):
                if span == 0 and level not in DAY_LEVELS:
                    continue
                counts = tally[(span, start, level, group.kind, *keys)]
                counts[0] += group.items
                if group.author_id is not None:
                    counts[1] |= 1 << group.author_id
    held = _held_communities(since, until) - public
    rows = [
        ConversationVolume(
            week=start, span=span, level=level, kind=kind, department_id=department,
            office_id=office, community_id=community, items=count, people=bits.bit_count(),
            authors=pack_authors(bits),
        )
        for (span, start, level, kind, department, office, community), (count, bits)
        in tally.items()
    ]  # fmt: skip
    ConversationVolume.objects.filter(
        Q(span=1, week=week) | Q(span=0, week__gte=week, week__lt=until_day)
    ).delete()
    ConversationVolume.objects.bulk_create(rows, batch_size=2000)
    topics = topic_tally(public_topic_rows([(since, until)]))
    ConversationTopicDay.objects.filter(day__gte=week, day__lt=until_day).delete()
    ConversationTopicDay.objects.bulk_create(
        (
            ConversationTopicDay(day=day, source=source, name=name, items=count,
                                 people=bits.bit_count(), authors=pack_authors(bits))
            for (day, source, name), (count, bits) in topics.items()
        ),
        batch_size=2000,
    )  # fmt: skip
    # The Climate dashboard's rows of the week, under the same ConversationWeek.
    rollup_climate_week(week, since, until)
    ConversationWeek.objects.update_or_create(
        week=week,
        defaults={
            "rolled_at": started,
            "complete": started >= until,
            "items": items,
            "fingerprint": fingerprint,
            "public_communities": sorted(public),
            "held_communities": sorted(held),
        },
    )
    _rollup_block(block_of(week), complete=started >= until)
    return len(rows)


def _rollup_block(first: datetime.date, *, complete: bool) -> None:
    """Recompute the block rows (``span`` = ``BLOCK_WEEKS``) of the block starting on
    ``first`` from its weekly rows, when every week of it is rolled up. After a week still
    going only remove them: a block is read once all its weeks are over, and the run after
    the last one ends (the nightly close) writes it."""
    weeks = [first + datetime.timedelta(days=7 * n) for n in range(BLOCK_WEEKS)]
    ConversationVolume.objects.filter(span=BLOCK_WEEKS, week=first).delete()
    if not complete or ConversationWeek.objects.filter(week__in=weeks).count() < BLOCK_WEEKS:
        return
    tally = defaultdict(lambda: [0, 0])
    rows = ConversationVolume.objects.filter(
        span=1, week__in=weeks, level__in=BLOCK_LEVELS
    ).values_list("level", "kind", "department_id", "office_id", "community_id", "items",
                  "authors")  # fmt: skip
    for *keys, count, authors in rows:
        counts = tally[tuple(keys)]
        counts[0] += count
        counts[1] |= unpack_authors(authors)
    ConversationVolume.objects.bulk_create(
        (
            ConversationVolume(
                week=first, span=BLOCK_WEEKS, level=level, kind=kind, department_id=department,
                office_id=office, community_id=community, items=count,
                people=bits.bit_count(), authors=pack_authors(bits),
            )
            for (level, kind, department, office, community), (count, bits) in tally.items()
        ),
        batch_size=2000,
    )  # fmt: skip


def _held_communities(since, until) -> set[int]:
    """Communities with writing that was public when written but is not in a public place
    now (left out of the public figures until the community is public again)."""
    return set(
        ContentSentiment.objects.filter(
            written_at__gte=since, written_at__lt=until, is_public=True, community__isnull=False
        )
        .values_list("community_id", flat=True)
        .distinct()
    )


def stale_conversation_weeks(limit: int = STALE_WEEKS_PER_RUN) -> list[datetime.date]:
    """Weeks whose rows changed since they were rolled up, or never rolled up, oldest first
    (at most ``limit``): those a run should recompute besides its own days."""
    from analytics.rollups import local_today, week_start

    current = _week_fingerprints()
    stored = dict(ConversationWeek.objects.values_list("week", "fingerprint"))
    this_week = week_start(local_today())
    unfinished = ConversationWeek.objects.filter(complete=False, week__lt=this_week)
    stale = {week for week, fingerprint in current.items() if stored.get(week) != fingerprint}
    # Weeks with nothing left to count (every row deleted) but rows still rolled up.
    stale |= {week for week, mark in stored.items() if week not in current and mark != EMPTY}
    stale |= set(unfinished.values_list("week", flat=True))
    return sorted(week for week in stale if week < this_week)[:limit]
