"""Ninety days of feed history for the demo company, ending now.

Posts (company-wide and in the communities their authors belong to), comments and replies,
reactions, shares, praise, polls with votes, announcements (a couple still pinned), hashtags
and mentions, in Indonesian and English, with the rhythm of a real office: busy Monday to
Thursday, quiet weekends and public holidays, office hours in the author's time zone, Finance
busiest around the month-end close and HR's appraisal season in November and December.

Like the rest of the demo seed it bypasses the per-row services (a few thousand posts through
``post_create`` would take minutes and publish an event per row) and writes in bulk, inside
the seed's transaction. The invariants the services guard hold by construction: authors post
only where ``feed.permissions.can_post_in`` lets them (announcements only as Communicators or
community admins), everyone who comments, reacts, votes or shares may see the post, and every
counter (comments, reactions, shares, seen, votes) equals its rows. Each template is rendered
once with ``feed.text.render_text`` and its slots filled into the HTML, so ``body_html`` is
what the services would have stored. One ``random.Random`` stream of its own drives every
choice, so the same seed, company and day give the same history.

``world`` (the calendar, people and communities), ``data`` (the words), ``text`` (rendering),
``plan`` (posts and their conversation, in Python) and ``write`` (bulk inserts); this module
drives them and adds the story around the demo logins.
"""

import datetime
import random
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from feed.demo import data as corpus
from feed.demo.plan import PlannedPost, Planner, poisson
from feed.demo.world import DAYS, Day, World, calendar
from feed.demo.write import BATCH, Writer
from feed.models import Bookmark, Post
from profiles.demo.plan import Company
from tags.models import TagFollow

__all__ = ["DAYS", "FeedSeedResult", "default_post_count", "demo_feed_seed"]

CHUNK = 10_000  # Posts planned before they are written (keeps memory flat at bench sizes).
WEEKDAY_VOLUME = [1.15, 1.2, 1.1, 1.05, 0.8, 0.07, 0.04]  # Monday first.
HOLIDAY_VOLUME = 0.06


def default_post_count(users: int) -> int:
    """Posts in 90 days: about 40 a person in a small company, fewer per head in a big one."""
    return round(40 * users * min(1.0, 60 / users) ** 0.5)


@dataclass
class FeedSeedResult:
    counts: dict[str, int]
    seconds: float


# --- the story around the demo logins ----------------------------------------------------------


def _recent(now: datetime.datetime, hours: float, zone) -> datetime.datetime:
    """``hours`` before ``now``, moved back into a working hour of a working day."""
    at = timezone.localtime(now - datetime.timedelta(hours=hours), zone)
    while at.weekday() >= 5 or not 8 <= at.hour < 18:
        at -= datetime.timedelta(minutes=37)
    return at


def _showcase(planner: Planner, days: list[Day]) -> list[PlannedPost]:
    """A lively home feed for budi.santoso: a pinned company announcement, praise he
    received, an open poll and a mention from people he follows, a community announcement."""
    world, now = planner.world, planner.now
    people = world.people
    known = {p.well_known: p.index for p in people if p.well_known}
    if not {"employee", "communicator"} <= set(known):
        return []
    budi, ratna = known["employee"], known["communicator"]
    zone = world.zone[settings.TIME_ZONE]
    themes = {t.key: t for t in planner.themes}
    today = days[-1]
    made: list[PlannedPost] = []

    def add(planned: PlannedPost | None, *, skip_voters=()) -> PlannedPost | None:
        if planned is not None:
            made.extend(planner.finish(planned, skip_voters=skip_voters))
        return planned

    followed = [i for i in world.followees[budi] if i != budi]
    engineering = world.official.get(people[budi].department)
    # Colleagues who may post in his department's community: those he follows first.
    members = engineering.members if engineering else []
    posters = [i for i in members if i != budi and engineering.may_post(i)]
    near = [i for i in followed if i in posters] or posters
    manager = people[budi].manager

    if "announcement" in themes:
        spec = themes["announcement"].spec
        announcement = add(
            planner.post(themes["announcement"], today, author=ratna, community=None,
                         at=_recent(now, 20, zone), template=spec["id"][0], lang="id"),
            skip_voters={budi},
        )  # fmt: skip
        if announcement is not None:
            announcement.post.announcement_until = now + datetime.timedelta(days=6)
    if manager is not None and "praise" in themes:
        spec = themes["praise"].spec
        teammates = [i for i in world.reports[manager] if i != budi]
        praise = add(
            planner.post(themes["praise"], today, author=manager, community=None,
                         at=_recent(now, 50, zone), template=spec["id"][3], lang="id",
                         extra={"mentions": [budi, *teammates[:1]]})
        )  # fmt: skip
        if praise is not None:
            thanks = "Terima kasih banyak, {parent_first}! Ini kerja tim 🙏"
            comment = planner.comment(praise, budi, _recent(now, 30, zone), thanks,
                                      parent_author=manager)  # fmt: skip
            if comment is not None:
                praise.comments.append(comment)
                praise.post.comment_count += 1
    if near and engineering is not None and "poll_work" in themes:
        spec = themes["poll_work"].spec
        poll = add(
            planner.post(themes["poll_work"], today, author=near[0], community=engineering,
                         at=_recent(now, 5, zone), template=spec["id"][2], lang="id"),
            skip_voters={budi},
        )  # fmt: skip
        if poll is not None:
            poll.poll.closes_at = now + datetime.timedelta(days=3)
    if near and "engineering" in themes:
        spec = themes["engineering"].spec
        add(
            planner.post(themes["engineering"], today, author=near[-1], community=engineering,
                         at=_recent(now, 3, zone), template=spec["en"][0], lang="en",
                         extra={"mention": budi})
        )  # fmt: skip
    if engineering is not None and "community_announcement" in themes:
        admins = [i for i in engineering.members if engineering.runs(i)]
        if admins:
            spec = themes["community_announcement"].spec
            pinned = add(
                planner.post(themes["community_announcement"], today, author=admins[0],
                             community=engineering, at=_recent(now, 26, zone),
                             template=spec["id"][0], lang="id")
            )  # fmt: skip
            if pinned is not None:
                pinned.post.announcement_until = now + datetime.timedelta(days=5)
    if "ceo" in themes:
        ceo = themes["ceo"]
        add(planner.post(ceo, today, author=ceo.pool[0], community=None,
                         at=_recent(now, 28, zone)))  # fmt: skip
    return made


# --- the entry point --------------------------------------------------------------------------


def demo_feed_seed(
    *,
    company: Company,
    ids: list[int],
    seed: int = 42,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
    posts: int | None = None,
    conversation: float = 1.0,
    showcase: bool = True,
    log: Callable[[str], None] = lambda message: None,
) -> FeedSeedResult:
    """Write 90 days of feed history ending at ``now`` for the seeded ``company``.

    Call inside the demo seed's transaction, after the communities: ``ids`` maps each
    planned person's index to their saved user id; memberships are read back from the
    database. ``posts`` defaults to ``default_post_count``; ``conversation`` scales comments,
    reactions and votes. ``now`` defaults to the current time when ``today`` is today, else
    to half past five in the afternoon of ``today``."""
    started = time.perf_counter()
    site = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    today = today or timezone.localdate()
    if now is None:
        now = (
            timezone.now()
            if today == timezone.localdate()
            else datetime.datetime.combine(today, datetime.time(17, 30), site)
        )
    rng = random.Random(seed * 65537 + 7477)  # A stream of its own.
    world = World(company, ids, rng)
    planner = Planner(world, rng, now=now, conversation=conversation)
    writer = Writer(world)
    days = calendar(today)
    total = default_post_count(world.n) if posts is None else posts
    log(f"Writing {DAYS} days of posts, comments and reactions (about {total} posts)…")

    volume = []
    for i, day in enumerate(days):
        weight = WEEKDAY_VOLUME[day.date.weekday()] * (0.85 + 0.3 * i / (DAYS - 1))
        if day.holiday:
            weight = min(weight, HOLIDAY_VOLUME)
        for season, quiet in corpus.QUIET_SEASONS.items():
            if season in day.seasons:
                weight *= quiet
        volume.append(weight * rng.uniform(0.85, 1.15))
    exact = [total * v / sum(volume) for v in volume]
    per_day = [int(x) for x in exact]
    for i in sorted(range(DAYS), key=lambda i: (int(exact[i]) - exact[i], i))[
        : total - sum(per_day)
    ]:
        per_day[i] += 1

    chunk: list[PlannedPost] = []
    for day, count in zip(days, per_day, strict=True):
        themes = planner.themes
        weights = [planner.weight(t, day, scheduled=False) for t in themes]
        picks = rng.choices(themes, weights=weights, k=count) if sum(weights) else []
        for theme in themes:  # The scheduled ones: so many a day, whatever the company's size.
            rate = planner.weight(theme, day, scheduled=True)
            picks.extend([theme] * poisson(rng, rate))
        for theme in picks:
            planned = planner.post(theme, day)
            if planned is not None:
                chunk.extend(planner.finish(planned))
        if len(chunk) >= CHUNK:
            writer.write(chunk)
            chunk = []
    story = _showcase(planner, days) if showcase else []
    chunk.extend(story)
    writer.write(chunk)
    _few_pinned(now, keep=[p.post.pk for p in story if p.post.is_announcement])
    _follow_tags_and_bookmark(planner, writer)
    seconds = time.perf_counter() - started
    counts = writer.counts
    log(
        f"Wrote {counts['posts']} posts ({counts['shares']} shares, {counts['polls']} polls, "
        f"{counts['praise']} praise, {counts['announcements']} announcements), "
        f"{counts['comments']} comments and {counts['reactions']} reactions in {seconds:.1f} s."
    )
    return FeedSeedResult(counts=dict(counts), seconds=seconds)


def _few_pinned(now: datetime.datetime, *, keep: list[int]) -> None:
    """Leave one announcement pinned per place (company-wide, each community): the story's,
    else the newest; the others' pins ran out a while ago."""
    pinned = Post.objects.filter(is_announcement=True, announcement_until__gt=now).order_by(
        "-created_at", "-id"
    )
    places = {community for pk, community in pinned.values_list("pk", "community_id") if pk in keep}
    expired = []
    for post in pinned.only("pk", "community_id", "created_at", "announcement_until"):
        if post.pk in keep or post.community_id not in places:
            places.add(post.community_id)
            continue
        post.announcement_until = post.created_at + (now - post.created_at) / 2
        expired.append(post)
    Post.objects.bulk_update(expired, ["announcement_until"], batch_size=BATCH)


def _follow_tags_and_bookmark(planner: Planner, writer: Writer) -> None:
    """Some people follow a topic or two and saved a few company-wide posts for later."""
    rng, world, now = planner.rng, planner.world, planner.now
    popular = [name for name in corpus.POPULAR_TAGS if name in writer.tag_ids]
    shareable = list(planner.shareable)
    follows, bookmarks = [], []
    for person in world.everyone:
        p = world.people[person]
        keen = p.well_known == "employee"
        if popular and (keen or rng.random() < 0.3):
            for name in rng.sample(popular, k=min(len(popular), 2 if keen else rng.randint(1, 2))):
                since = now - datetime.timedelta(days=rng.randint(1, 200))
                follows.append(
                    TagFollow(user_id=world.ids[person], tag_id=writer.tag_ids[name],
                              created_at=since)
                )  # fmt: skip
        if shareable and (keen or rng.random() < 0.25):
            for author, post in rng.sample(shareable, k=min(3, len(shareable))):
                at = post.created_at + datetime.timedelta(minutes=rng.randint(5, 600))
                if author != person and at <= now:
                    bookmarks.append(
                        Bookmark(user_id=world.ids[person], post_id=post.pk, created_at=at)
                    )
    TagFollow.objects.bulk_create(follows, batch_size=BATCH, ignore_conflicts=True)
    Bookmark.objects.bulk_create(bookmarks, batch_size=BATCH, ignore_conflicts=True)
    writer.counts["bookmarks"] = len(bookmarks)
    writer.counts["tag_follows"] = len(follows)
