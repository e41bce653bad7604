"""Ninety days of the demo company's forum, ending now.

Company-wide categories (IT help desk, HR & policies, Finance procedures, Products &
troubleshooting, Office & facilities, General) and a few in each community; a few hundred
threads in Indonesian and English: questions on printers, VPN, SAP, laptops and the company's
products, on leave, BPJS, overtime, reimbursement and appraisals, on closing, invoices, PPN
and petty cash, and discussions; in public, private and secret communities too. Each topic has
a few experts from the departments that know (IT answers IT, Finance answers finance), who
give most of its answers, collect the up-votes and get their answers accepted; some questions
wait days for an answer, some are never answered, some never solved.

Unlike the feed's history this goes through the services (``forums.services``: categories,
threads, replies, accepted answers, the pinned read-me-first), so every counter, tag, follow,
feed card and rendered text is theirs; only the thousand-odd votes go in bulk, with the
counters ``reply_vote`` would leave (``write.Writer.votes``). Then the timestamps are moved
back to the plan's (``write.Writer.backdate``). The services' domain events are not
delivered (``write.quietly``, with ``core.events.muted``): the rest of the demo seed publishes
none, and nobody is to be notified today of last month's replies. One ``random.Random``
stream of its own drives every choice, so the same seed, company and day give the same forum.

``data`` (the words), ``text`` (filling slots), ``plan`` (threads and what follows, in Python)
and ``write`` (through the services, then backdated); this module drives them.
"""

import datetime
import random
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from communities.demo import LAUNCH
from feed.demo import HOLIDAY_VOLUME, WEEKDAY_VOLUME
from feed.demo import data as feed_corpus
from feed.demo.world import DAYS, Day, World, calendar
from forums.demo.plan import PlannedThread, Planner
from forums.demo.write import Writer, quietly
from profiles.demo.plan import Company

__all__ = ["ForumSeedResult", "default_thread_count", "demo_forum_seed", "spread"]


MAX_DEFAULT_THREADS = 600


def default_thread_count(users: int) -> int:
    """Threads in 90 days: five a person in a small company (300 for 60 people), fewer per
    head in a bigger one, and at most 600: they go through the services, and more would add
    minutes to seeding a bench-sized company (pass ``threads`` for more)."""
    return min(MAX_DEFAULT_THREADS, round(5 * users * min(1.0, 60 / users) ** 0.5))


@dataclass
class ForumSeedResult:
    counts: dict[str, int]
    seconds: float


def spread(total: int, days: list[Day], rng: random.Random) -> list[int]:
    """``total`` items over ``days`` with the office's rhythm: busy Monday to Thursday, quiet
    weekends, holidays and Lebaran (largest remainder, so they add up)."""
    volume = []
    for i, day in enumerate(days):
        weight = WEEKDAY_VOLUME[day.date.weekday()] * (0.85 + 0.3 * i / max(1, len(days) - 1))
        if day.holiday:
            weight = min(weight, HOLIDAY_VOLUME)
        for season, quiet in feed_corpus.QUIET_SEASONS.items():
            if season in day.seasons:
                weight *= quiet
        volume.append(weight * rng.uniform(0.85, 1.15))
    exact = [total * v / sum(volume) for v in volume]
    counts = [int(x) for x in exact]
    for i in sorted(range(len(days)), key=lambda i: (int(exact[i]) - exact[i], i))[
        : total - sum(counts)
    ]:
        counts[i] += 1
    return counts


def demo_forum_seed(
    *,
    company: Company,
    ids: list[int],
    seed: int = 42,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
    threads: int | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> ForumSeedResult:
    """Write 90 days of forum history ending at ``now`` for the seeded ``company``, in one
    transaction (nested in the caller's, if any).

    Call after the communities: ``ids`` maps each planned person's index to their saved user
    id; memberships are read back from the database. ``threads`` defaults to
    ``default_thread_count``. ``now`` defaults to the current time when ``today`` is today,
    else to half past five in the afternoon of ``today``."""
    started = time.perf_counter()
    site = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    today = today or timezone.localdate()
    if now is None:
        now = (
            timezone.now()
            if today == timezone.localdate()
            else datetime.datetime.combine(today, datetime.time(17, 30), site)
        )
    rng = random.Random(seed * 92821 + 1301)  # A stream of its own.
    world = World(company, ids, rng)
    days = calendar(today)
    planner = Planner(world, rng, now=now, days=days, seed=seed)
    total = default_thread_count(world.n) if threads is None else threads
    log(f"Writing {DAYS} days of forum threads and answers (about {total} threads)…")

    planned: list[PlannedThread] = []
    first_workday = next((day for day in days if not day.quiet), days[0])
    pinned = planner.pinned(first_workday)
    if pinned is not None and pinned.at <= now:
        planned.append(pinned)
    places = planner.places
    for day, count in zip(days, spread(total, days, rng), strict=True):
        weights = [planner.weight(place, day) for place in places]
        if not count or not sum(weights):
            continue
        for place in rng.choices(places, weights=weights, k=count):
            thread = planner.thread(place, day)
            if thread is not None:
                planned.append(thread)

    moderator = next(
        (p.index for p in world.people if p.well_known == "moderator"),
        next((p.index for p in world.people if "Moderators" in p.roles), None),
    )
    launch = datetime.datetime.combine(LAUNCH, datetime.time(9), site)
    with transaction.atomic(), quietly():
        writer = Writer(world, launch)
        writer.create_categories()
        writer.write(planned, moderator=moderator)
        writer.votes()
        writer.backdate()
    seconds = time.perf_counter() - started
    counts = writer.counts
    log(
        f"Wrote {counts['categories']} forum categories and {counts['threads']} threads "
        f"({counts['questions']} questions, {counts['solved']} solved, {counts['unanswered']} "
        f"unanswered) with {counts['replies']} replies and {counts['votes']} votes in "
        f"{seconds:.1f} s."
    )
    return ForumSeedResult(counts={f"forum_{k}": v for k, v in counts.items()}, seconds=seconds)
