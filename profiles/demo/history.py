"""Thirteen weeks of analytics for the demo company: the event log, the rollups and the
sentiment scores, so that every leader dashboard has a history to show on the first visit.

The rest of the demo seed writes its content in bulk and publishes no domain events, so the
log starts empty. Here it is filled the way the subscribers would have filled it:

- one event per seeded piece of activity of the last 13 weeks (posts, comments, reactions,
  poll votes, threads, replies, votes and accepted answers, articles, wiki edits, file
  uploads, follows and joins), dated as the row it stands for, placed in the actor's
  department and office and in its community (public or not);
- reading, which leaves no rows: a ``user.visited`` on the days each person opened Kolega
  (every day they wrote or reacted, and more on working days, each person at their own pace,
  the whole company a little busier week after week), a ``user.logged_in`` every week or
  three (sessions last weeks), and searches, some of them bursts of people looking for
  something Kolega does not have yet;
- one story: a bad fortnight for Operations, five and six weeks ago, when the new warehouse
  system kept failing (negative posts and comments under ``#wms``), written through the feed
  services like the forum's history.

Then the rollups and the sentiment scores are computed over the range. One
``random.Random`` of its own drives every choice: the same seed, company and day give the
same history.
"""

import datetime
import random
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from analytics import rollups
from analytics.models import Event
from analytics.sentiment.services import sentiment_backfill
from blog.models import Article, ArticleStatus
from communities.models import Community, CommunityType, Membership, MembershipState
from feed.demo.world import calendar
from feed.demo.write import insert_rows
from feed.models import Comment, PollVote, Post, Reaction
from feed.services.conversation import comment_create
from feed.services.posts import post_create
from files.models import FileVersion
from forums.demo.write import quietly, update_rows
from forums.models import Reply, ReplyVote, Thread
from profiles.demo.plan import Company
from profiles.models import Follow, User
from wiki.models import PageRevision

WEEKS = 13
# How likely someone is to open Kolega on a working day, by habit (a share of the people).
HABITS = ((0.85, 30), (0.6, 40), (0.35, 20), (0.12, 10))
WEEKDAY = (1.0, 1.0, 0.97, 0.93, 0.82, 0.08, 0.05)  # Monday first.
HOLIDAY = 0.05
LOGIN_ODDS = 0.1  # Sessions last weeks: a fresh login on one active day in ten.
SEARCH_ODDS = 0.18

# What people search for and find (the result counts are made up but steady per query).
FOUND = (
    "cuti tahunan", "reimbursement", "onboarding", "wms", "laporan bulanan", "sop gudang",
    "payroll", "template presentasi", "kpi", "rapat townhall", "vpn", "asuransi kesehatan",
    "expense policy", "brand guidelines", "quarterly review", "sales playbook", "api docs",
    "laptop request", "jadwal shift", "closing bulan",
)  # fmt: skip
# Bursts of searches for what Kolega does not have yet: (query, weeks back, share of people).
MISSING = (
    ("klaim kacamata", 9, 0.3),
    ("shuttle bandara", 7, 0.25),
    ("parkir motor", 4, 0.3),
    ("wifi tamu", 2, 0.25),
)

STORY_DEPARTMENT = "Operations"
STORY_WEEKS = (6, 5)  # Weeks back from this one.
STORY_TAG = "wms"
STORY_TEAM = 12
STORY_POSTS = (
    "Sistem gudang baru error lagi pagi ini, picking tertunda dua jam. Tim sudah capek lembur "
    "terus, jujur kecewa banget. #wms",
    "The new WMS crashed again during the night shift. Orders delayed, people exhausted and "
    "frustrated. This is bad. #wms",
    "Lembur lagi minggu ini karena scanner WMS mati. Kenapa masalah ini tidak pernah "
    "diperbaiki? Parah. #wms",
    "Another double shift because the warehouse system is down. Honestly this is terrible for "
    "morale. #wms",
    "Stok di sistem tidak cocok dengan rak lagi. Kami hitung manual sampai malam, lelah dan "
    "kesal. #wms",
    "Third outage of the WMS this week. Trucks waiting, customers angry, and we are stuck "
    "with paper lists. Awful. #wms",
    "Tim gudang frustrasi: WMS lambat, label gagal dicetak, pengiriman terlambat. Tolong "
    "segera diperbaiki. #wms",
    "Still no fix for the WMS sync problem. We keep losing hours and everyone is tired and "
    "upset. #wms",
)
STORY_COMMENTS = (
    "Setuju, kondisinya buruk sekali. Kami lelah dan kesal.",
    "Same here, totally broken and nobody listens. Awful week.",
    "Shift malam juga kena, parah. Semoga cepat diperbaiki.",
    "Frustrating. We lost the whole morning again.",
)


@dataclass
class HistoryResult:
    counts: dict[str, int]
    seconds: float


@dataclass(frozen=True)
class _Person:
    pk: int
    department_id: int | None
    office_id: int | None
    joined: datetime.date
    zone: zoneinfo.ZoneInfo
    habit: float


def demo_history_seed(
    *,
    company: Company,
    ids: list[int],
    seed: int = 42,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> HistoryResult:
    """Write the analytics history of the last ``WEEKS`` weeks up to ``now`` (the story, the
    event log, the rollups and the sentiment scores); call after the rest of the demo seed,
    in its transaction."""
    started = time.perf_counter()
    site = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    today = today or timezone.localdate()
    if now is None:
        now = (
            timezone.now()
            if today == timezone.localdate()
            else datetime.datetime.combine(today, datetime.time(17, 30), site)
        )
    first = rollups.week_start(today) - datetime.timedelta(weeks=WEEKS - 1)
    since = datetime.datetime.combine(first, datetime.time.min, site)
    rng = random.Random(seed * 92821 + 5303)  # A stream of its own.
    people = _people(company, ids, rng)
    log(f"Writing {WEEKS} weeks of analytics: the event log, the rollups, the climate…")
    story = _story(company, ids, rng, today=today, now=now)
    events = _content_events(people, since=since, until=now)
    reading = _reading_events(people, events, rng, first=first, today=today, now=now)
    insert_rows(Event, list(COLUMNS), [*events, *reading])
    rollups.rollup_range(first, today)
    scored = sentiment_backfill(start=since, end=now + datetime.timedelta(seconds=1))
    counts = {
        "events": len(events) + len(reading),
        "reading_events": len(reading),
        "story_posts": story,
        "scored": scored,
    }
    seconds = time.perf_counter() - started
    log(f"Wrote {counts['events']} analytics events and scored {scored} texts in {seconds:.1f} s.")
    return HistoryResult(counts=counts, seconds=seconds)


def _people(company: Company, ids: list[int], rng: random.Random) -> dict[int, _Person]:
    """Everyone by user id, where they work now, and how often they come by."""
    rows = {
        row[0]: row
        for row in User.objects.filter(pk__in=ids).values_list(
            "pk", "department_id", "office_id", "date_joined"
        )
    }
    habits, weights = zip(*HABITS, strict=True)
    people = {}
    for person in company.people:
        pk, department, office, joined = rows[ids[person.index]]
        zone = zoneinfo.ZoneInfo(person.timezone or settings.TIME_ZONE)
        habit = 0.95 if person.well_known else rng.choices(habits, weights=weights)[0]
        people[pk] = _Person(pk, department, office, joined.astimezone(zone).date(), zone, habit)
    return people


# --- the story --------------------------------------------------------------------------------


def _working_moment(rng, day: datetime.date, zone) -> datetime.datetime:
    minutes = rng.randint(8 * 60, 18 * 60)
    return datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60), zone)


def _story(company: Company, ids, rng, *, today, now) -> int:
    """Operations' bad fortnight: each of its people complains under #wms once or twice in
    each of the two weeks, and colleagues of theirs chime in. Written through the services
    (quietly), then dated."""
    team = [p for p in company.people if p.department == STORY_DEPARTMENT]
    if not team:
        return 0
    # Enough people for the department's weeks to show, not a thousand in a big company.
    team = rng.sample(team, k=min(len(team), STORY_TEAM))
    saved = User.objects.in_bulk([ids[p.index] for p in team])
    authors = {p.index: saved[ids[p.index]] for p in team}
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    post_times, comment_times = [], []
    with quietly():
        for back in STORY_WEEKS:
            monday = rollups.week_start(today) - datetime.timedelta(weeks=back)
            for person in [p for p in team for _ in range(rng.randint(1, 2))]:
                day = monday + datetime.timedelta(days=rng.randrange(5))
                at = _working_moment(rng, day, zone)
                if at >= now:
                    continue
                post = post_create(author=authors[person.index], body=rng.choice(STORY_POSTS))
                post_times.append((at, at, post.pk))
                others = [p for p in team if p is not person]
                for other in rng.sample(others, k=min(len(others), rng.randint(0, 2))):
                    later = at + datetime.timedelta(minutes=rng.randint(10, 240))
                    if later >= now:
                        continue
                    comment = comment_create(
                        author=authors[other.index], target=post, body=rng.choice(STORY_COMMENTS)
                    )
                    comment_times.append((later, later, comment.pk))
    update_rows(Post, ["created_at", "updated_at"], post_times)
    update_rows(Comment, ["created_at", "updated_at"], comment_times)
    return len(post_times)


# --- the event log ------------------------------------------------------------------------------

COLUMNS = ("verb", "actor", "object_type", "object_id", "community_id", "community_public",
           "department", "office", "occurred_at", "payload")  # fmt: skip


def _content_events(people: dict[int, _Person], *, since, until) -> list[tuple]:
    """One event per seeded row of activity in [since, until], as the services publish them."""
    public = {
        pk: kind == CommunityType.PUBLIC for pk, kind in Community.objects.values_list("pk", "type")
    }
    window = {"created_at__gte": since, "created_at__lte": until}
    events: list[tuple] = []

    def add(verb, actor, at, *, obj_type="", obj_id=None, community=None, **payload):
        person = people.get(actor)
        if person is None:  # The admin, or nobody.
            return
        events.append(
            (verb, actor, obj_type, obj_id, community, public.get(community, True),
             person.department_id, person.office_id, at, payload)
        )  # fmt: skip

    types = ContentType.objects.get_for_models(Post, Comment, Article)
    post_type, comment_type, article_type = (types[m].pk for m in (Post, Comment, Article))
    places: dict[tuple[int, int], int | None] = {}
    for pk, author, community, at, kind, announcement in Post.objects.filter(**window).values_list(
        "pk", "author_id", "community_id", "created_at", "kind", "is_announcement"
    ):
        places[post_type, pk] = community
        add("post.created", author, at, obj_type="feed.post", obj_id=pk, community=community,
            kind=kind, is_announcement=announcement)  # fmt: skip
    for pk, community in Article.objects.values_list("pk", "community_id"):
        places[article_type, pk] = community
    for pk, author, at, type_id, target in Comment.objects.filter(**window).values_list(
        "pk", "author_id", "created_at", "content_type_id", "object_id"
    ):
        community = places.get((type_id, target))
        places[comment_type, pk] = community
        add("comment.created", author, at, obj_type="feed.comment", obj_id=pk,
            community=community)  # fmt: skip
    for user, at, type_id, target, kind in Reaction.objects.filter(**window).values_list(
        "user_id", "created_at", "content_type_id", "object_id", "kind"
    ):
        add("reaction.added", user, at, obj_type="feed.reaction",
            community=places.get((type_id, target)), kind=kind)  # fmt: skip
    for user, at, community, post in PollVote.objects.filter(**window).values_list(
        "user_id", "created_at", "poll__post__community_id", "poll__post_id"
    ):
        add("poll.voted", user, at, obj_type="feed.poll", community=community, post_id=post)
    threads = Thread.objects.filter(**window).values_list(
        "pk", "author_id", "community_id", "created_at", "kind", "solved_at"
    )
    for pk, author, community, at, kind, solved in threads:
        add("thread.created", author, at, obj_type="forums.thread", obj_id=pk,
            community=community, kind=kind)  # fmt: skip
        if solved is not None and solved <= until:
            add("answer.accepted", author, solved, obj_type="forums.thread", obj_id=pk,
                community=community)  # fmt: skip
    for pk, author, at, thread, community in Reply.objects.filter(**window).values_list(
        "pk", "author_id", "created_at", "thread_id", "thread__community_id"
    ):
        add("reply.created", author, at, obj_type="forums.reply", obj_id=pk,
            community=community, thread_id=thread)  # fmt: skip
    for user, at, reply, community, value in ReplyVote.objects.filter(**window).values_list(
        "user_id", "created_at", "reply_id", "reply__thread__community_id", "value"
    ):
        add("reply.voted", user, at, obj_type="forums.reply", obj_id=reply,
            community=community, value=value)  # fmt: skip
    for pk, author, at, community, title in Article.objects.filter(
        status=ArticleStatus.PUBLISHED, published_at__gte=since, published_at__lte=until
    ).values_list("pk", "author_id", "published_at", "community_id", "title"):
        add("article.published", author, at, obj_type="blog.article", obj_id=pk,
            community=community, title=title)  # fmt: skip
    for author, at, page, community, number in PageRevision.objects.filter(**window).values_list(
        "author_id", "created_at", "page_id", "page__community_id", "number"
    ):
        verb = "wiki.page_created" if number == 1 else "wiki.page_edited"
        add(verb, author, at, obj_type="wiki.page", obj_id=page, community=community)
    for user, at, file, community, number in FileVersion.objects.filter(**window).values_list(
        "uploaded_by_id", "created_at", "file_id", "file__community_id", "number"
    ):
        verb = "file.uploaded" if number == 1 else "file.version_uploaded"
        add(verb, user, at, obj_type="files.file", obj_id=file, community=community)
    for follower, followee, at in Follow.objects.filter(**window).values_list(
        "follower_id", "followee_id", "created_at"
    ):
        add("user.followed", follower, at, obj_type="profiles.user", obj_id=followee)
    for user, community, at in Membership.objects.filter(
        state=MembershipState.ACTIVE, **window
    ).values_list("user_id", "community_id", "created_at"):
        add("community.joined", user, at, obj_type="communities.community", obj_id=community,
            community=community)  # fmt: skip
    return events


def _reading_events(people, written: list[tuple], rng, *, first, today, now) -> list[tuple]:
    """Visits, logins and searches: the reading that leaves no other trace."""
    site = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    holidays = {day.date for day in calendar(today) if day.holiday}
    # The first thing each person did on each day they acted: they had opened Kolega by then.
    earliest: dict[tuple[int, datetime.date], datetime.datetime] = {}
    for event in written:
        actor, at = event[1], event[8]
        key = (actor, at.astimezone(site).date())
        if key not in earliest or at < earliest[key]:
            earliest[key] = at
    days = rollups.days_between(first, today)
    visits: dict[tuple[int, datetime.date], datetime.datetime] = {}
    for person in people.values():
        for i, day in enumerate(days):
            if day < person.joined:
                continue
            odds = HOLIDAY if day in holidays else WEEKDAY[day.weekday()]
            odds *= person.habit * (0.75 + 0.25 * i / (len(days) - 1))  # Slowly growing.
            wrote = earliest.get((person.pk, day))
            if wrote is None and rng.random() >= odds:
                continue
            minutes = rng.randint(7 * 60 + 30, 10 * 60 + 30)
            at = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60))
            at = at.replace(tzinfo=person.zone)
            if wrote is not None:
                at = min(at, wrote - datetime.timedelta(minutes=rng.randint(1, 20)))
            # Within the company's day, whatever the person's zone: one visit a day.
            start, end = rollups.day_bounds(day)
            at = min(max(at, start), wrote or end - datetime.timedelta(seconds=1))
            if at <= now:
                visits[person.pk, day] = at

    events, logged_in = [], set()

    def add(verb, pk, at, **payload):
        person = people[pk]
        events.append(
            (verb, pk, "profiles.user", pk, None, True, person.department_id, person.office_id,
             at, payload)
        )  # fmt: skip

    for (pk, _day), at in sorted(visits.items()):
        if pk not in logged_in or rng.random() < LOGIN_ODDS:
            logged_in.add(pk)
            add("user.logged_in", pk, at)
        add("user.visited", pk, at)
        if rng.random() < SEARCH_ODDS * people[pk].habit:
            query = rng.choice(FOUND)
            later = at + datetime.timedelta(minutes=rng.randint(1, 300))
            if later <= now:
                add("search.performed", pk, later, query=query,
                    results=3 + sum(map(ord, query)) % 37, kinds=[])  # fmt: skip
    # The bursts: a share of the people who came by that week looked for the same thing.
    for query, back, share in MISSING:
        monday = rollups.week_start(today) - datetime.timedelta(weeks=back)
        week = {pk: at for (pk, day), at in visits.items() if 0 <= (day - monday).days < 7}
        searchers = sorted(week)
        k = max(settings.ANALYTICS_MIN_GROUP_SIZE + 1, round(share * len(people)))
        for pk in rng.sample(searchers, k=min(k, len(searchers))):
            later = week[pk] + datetime.timedelta(minutes=rng.randint(1, 120))
            if later <= now:
                add("search.performed", pk, later, query=query, results=0, kinds=[])
    return events
