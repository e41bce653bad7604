"""Writing the planned forum through the services (``forums.services``: categories, threads,
replies, accepted answers, the pin), then moving every timestamp back to when the plan says it
happened. Only the votes go in bulk (``Writer.votes``).

The services stamp what they write with the current time, and the history is older: once the
threads exist, their times are set in bulk to the plan's (threads: created, latest activity,
first reply, solved; replies, votes, follows; and the thread's card in the feed,
``feed.models.Post`` of kind ``thread`` with its ``item_id``, when the forum makes one). The
thread's stats stay what the services keep: ``first_reply_at`` is the first reply by someone
other than the asker (as ``refresh_thread_stats`` computes it) and ``solved_at`` comes after
the accepted reply; the counters are the services' own, or what ``reply_vote`` would leave.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import override_settings

from communities.models import Community
from core import events
from feed.demo.world import World
from feed.demo.write import insert_rows
from feed.models import Post
from forums import services
from forums.demo import data as corpus
from forums.demo.plan import PlannedThread, community_categories
from forums.models import Category, Reply, ReplyVote, Thread, ThreadKind, ThreadSubscription
from profiles.models import User

BATCH = 500


def chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextmanager
def quietly() -> Iterator[None]:
    """Let the services write the demo's past: without the posting rate limit, and without
    delivering their domain events (``core.events.muted``: no notifications, live updates or
    analytics log entries today for what happened weeks ago; the rest of the demo seed
    publishes no events either)."""
    with events.muted(), override_settings(POSTING_RATE_LIMIT=0):
        yield


def update_rows(model, fields: list[str], rows: list[tuple]) -> int:
    """Set ``fields`` on rows given as ``(*values, pk)``: one UPDATE statement run for every
    row (``bulk_update``'s CASE expressions cost seconds for a few thousand rows)."""
    if not rows:
        return 0
    meta, ops = model._meta, connection.ops
    columns = [meta.get_field(name) for name in fields]
    timestamps = [i for i, f in enumerate(columns) if f.get_internal_type() == "DateTimeField"]
    params = []
    for row in rows:
        row = list(row)
        for i in timestamps:
            row[i] = ops.adapt_datetimefield_value(row[i])
        params.append(row)
    assignments = ", ".join(f"{ops.quote_name(f.column)} = %s" for f in columns)
    sql = (
        f"UPDATE {ops.quote_name(meta.db_table)} SET {assignments} "
        f"WHERE {ops.quote_name(meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(rows)


def item_posts(kind: str, times: dict[int, datetime.datetime]) -> int:
    """Move the feed cards standing for these items (``{item id: time}``) to the items' time;
    nothing to do when the feed makes no such cards."""
    if not times or "item_id" not in {f.name for f in Post._meta.get_fields()}:
        return 0
    cards = [
        (times[item_id], times[item_id], pk)
        for some in chunks(list(times))
        for pk, item_id in Post.objects.filter(kind=kind, item_id__in=some).values_list(
            "pk", "item_id"
        )
    ]
    return update_rows(Post, ["created_at", "updated_at"], cards)


class Writer:
    def __init__(self, world: World, launch: datetime.datetime):
        self.world, self.launch = world, launch
        self.users = User.objects.in_bulk(world.ids)
        self.categories: dict[tuple, Category] = {}
        self.saved: list[tuple[PlannedThread, Thread, list[Reply]]] = []
        self.counts = dict.fromkeys(
            ["categories", "threads", "questions", "solved", "unanswered", "replies",
             "votes"], 0,
        )  # fmt: skip

    def user(self, person: int) -> User:
        return self.users[self.world.ids[person]]

    def create_categories(self) -> None:
        """The company-wide categories (by a Communicator) and a few in each community (by
        its owner); a category already there is used as it is."""
        world = self.world
        communicator = next(
            (p.index for p in world.people if "Communicators" in p.roles), world.everyone[0]
        )
        made = []
        for spec in corpus.CATEGORIES:
            category = Category.objects.filter(community=None, slug=spec["slug"]).first()
            if category is None:
                category = services.category_create(
                    actor=self.user(communicator), name=spec["name"], slug=spec["slug"],
                    description=spec["description"],
                )  # fmt: skip
                category.created_at = self.launch
                made.append(category)
            self.categories[(None, spec["key"])] = category
        planned = [(c, community_categories(c)) for c in world.communities]
        rows = Community.objects.in_bulk([c.pk for c, names in planned if names])
        for community, names in planned:
            if not names:
                continue
            row = rows[community.pk]
            owner = max(community.roles, key=lambda i: (community.roles[i], -i))
            existing = {c.name: c for c in Category.objects.filter(community=row)}
            for position, (name, description) in enumerate(names):
                category = existing.get(name)
                if category is None:
                    category = services.category_create(
                        actor=self.user(owner), community=row, name=name,
                        description=description,
                    )  # fmt: skip
                    category.created_at = max(
                        row.created_at + datetime.timedelta(days=1), self.launch
                    )
                    made.append(category)
                self.categories[(community.pk, position)] = category
        update_rows(Category, ["created_at", "updated_at"],
                    [(c.created_at, c.created_at, c.pk) for c in made])  # fmt: skip
        self.counts["categories"] += len(made)

    def write(self, threads: list[PlannedThread], *, moderator: int | None) -> None:
        """Each thread, its replies and accepted answer through the services; the votes in
        bulk (``votes``)."""
        for planned in sorted(threads, key=lambda t: t.at):
            author = self.user(planned.author)
            thread = services.thread_create(
                author=author, category=self.categories[planned.category],
                title=planned.title, body=planned.body, kind=planned.kind, tags=planned.tags,
            )  # fmt: skip
            replies = []
            for reply in planned.replies:
                saved = services.reply_create(
                    author=self.user(reply.person), thread=thread, body=reply.body
                )
                replies.append(saved)
            if planned.accepted is not None:
                accepted = replies[planned.replies.index(planned.accepted)]
                services.answer_accept(actor=author, reply=accepted)
            if planned.pinned and moderator is not None:
                services.thread_pin(actor=self.user(moderator), thread=thread)
            self.saved.append((planned, thread, replies))
            counts = self.counts
            counts["threads"] += 1
            counts["replies"] += len(replies)
            if planned.kind == ThreadKind.QUESTION:
                counts["questions"] += 1
                counts["solved"] += planned.accepted is not None
                counts["unanswered"] += planned.first_reply_at is None

    def votes(self) -> None:
        """Every vote, with the counters ``reply_vote`` would leave (a reply's up, down and
        score; its thread's score, set in ``backdate``), in bulk: a thousand votes through
        the service take seconds, and what it checks holds by construction (voters may see
        the thread, never vote on their own reply and vote once; no thread is locked)."""
        ids, rows, counters = self.world.ids, [], []
        for planned, _thread, saved in self.saved:
            for plan, reply in zip(planned.replies, saved, strict=True):
                if not plan.votes:
                    continue
                up = sum(value == 1 for _person, value, _at in plan.votes)
                down = len(plan.votes) - up
                counters.append((up, down, up - down, reply.pk))
                rows.extend((reply.pk, ids[person], value, at, at)
                            for person, value, at in plan.votes)  # fmt: skip
        insert_rows(ReplyVote, ["reply", "user", "value", "created_at", "updated_at"], rows)
        update_rows(Reply, ["up_count", "down_count", "score"], counters)
        self.counts["votes"] += len(rows)

    def backdate(self) -> None:
        """Set every row the services wrote to the time the plan gave it."""
        ids = self.world.ids
        threads, replies, involved = [], [], {}
        for planned, thread, saved in self.saved:
            last = planned.last_activity_at
            score = sum(value for r in planned.replies for _person, value, _at in r.votes)
            threads.append(
                (planned.at, last, last, planned.first_reply_at, planned.solved_at,
                 planned.views, score, thread.pk)
            )  # fmt: skip
            involved[(thread.pk, ids[planned.author])] = planned.at
            for plan, reply in zip(planned.replies, saved, strict=True):
                replies.append((plan.at, plan.at, reply.pk))
                involved.setdefault((thread.pk, ids[plan.person]), plan.at)
        update_rows(
            Thread,
            ["created_at", "updated_at", "last_activity_at", "first_reply_at", "solved_at",
             "view_count", "score"],
            threads,
        )  # fmt: skip
        update_rows(Reply, ["created_at", "updated_at"], replies)
        thread_ids = [row[-1] for row in threads]
        follows = [
            (involved[key], involved[key], pk)
            for some in chunks(thread_ids)
            for pk, *pair in ThreadSubscription.objects.filter(thread_id__in=some).values_list(
                "pk", "thread_id", "user_id"
            )
            if (key := tuple(pair)) in involved
        ]
        update_rows(ThreadSubscription, ["created_at", "updated_at"], follows)
        item_posts("thread", {row[-1]: row[0] for row in threads})
