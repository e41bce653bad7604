"""Seed a year of scored writing for the analytics bench company (PostgreSQL, ``COPY``).

``seed_content()`` adds to a database seeded by ``bench/analytics.py`` (its 5,000 people,
departments and offices): 120 communities (a third private or secret), forum categories,
60 tags, and about 500,000 items over the last year with their ``ContentSentiment`` rows:
posts, comments (on posts and articles), forum threads and replies, published articles,
and the reactions that make "top content" (counters kept consistent with the rows).

Realistic shape: a few heavy writers and many light ones, weekdays busier than weekends,
20 % of the writing in communities, tags and key phrases drawn from a long tail, and a few
of them spiking in the last 7 days (so the emerging-topics panel has something to find).
Private and secret writing carries no key phrases, as the real scorer stores it.
Seed it before the rollup backfill: the Conversation rollup is summed from these rows (on a
database already rolled up, re-run ``rollup_range`` over the year).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kolega_analyticsbench \\
        .venv/bin/python bench/analytics_content.py      # 2-3 minutes (mostly COPY + ANALYZE)
"""

import datetime
import io
import itertools
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esn.test_settings")

COMMUNITIES = 120
TAGS = 60
# Items per kind for the default scale (1.0): about 500,000 in all.
ITEMS = {"post": 220_000, "comment": 180_000, "thread": 14_000, "reply": 80_000, "article": 6_000}
IN_COMMUNITY = 0.2
WORDS = (
    "payroll laptop budget leave policy office parking canteen training onboarding "
    "deadline client project release security password vpn meeting travel claim "
    "insurance bonus promotion hiring survey wellness gym shuttle printer wifi "
    "cuti gaji lembur rapat kantor proyek pelatihan klien anggaran jadwal"
).split()
QUALIFIERS = (
    "delay update question issue request schedule refresh change review plan "
    "reminder problem approval form baru terlambat"
).split()


def _weights(rng: random.Random, count: int, sigma: float) -> list[float]:
    """Cumulative weights (for ``random.choices(..., cum_weights=...)``), log-normal."""
    return list(itertools.accumulate(rng.lognormvariate(0, sigma) for _ in range(count)))


def _copy(cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_text(value) for value in row))
        buffer.write("\n")
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def _text(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value).replace("\\", "\\\\")
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def _next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 - constant.
    return cursor.fetchone()[0]


def _reset_sequence(cursor, table: str) -> None:
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - constant.
        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
    )


def seed_content(*, scale: float = 1.0, days: int = 365, seed: int = 7, log=print) -> int:
    """Seed the writing described in this module's docstring for the people already in the
    database; returns the number of ``ContentSentiment`` rows written. PostgreSQL only."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from analytics import rollups
    from blog.models import Article
    from feed.models import Post
    from forums.models import Thread
    from profiles.models import User

    rng = random.Random(seed)
    started = time.perf_counter()
    zone = rollups.company_zone()
    now = datetime.datetime.now(zone).replace(microsecond=0)
    year_start = now - datetime.timedelta(days=days)
    last_week = now - datetime.timedelta(days=7)
    people = list(
        User.objects.filter(is_active=True)
        .exclude(department__isnull=True)
        .order_by("pk")
        .values_list("pk", "date_joined", "department_id", "office_id")
    )
    if not people:
        raise RuntimeError("Seed the people first (bench/analytics.py).")
    writer_weights = _weights(rng, len(people), 1.3)
    content_types = {
        model: ContentType.objects.get_for_model(model).pk for model in (Post, Thread, Article)
    }

    tag_slugs = [f"topic-{n:02d}" for n in range(TAGS)]
    phrases = sorted({f"{w} {q}" for w in WORDS for q in QUALIFIERS})
    rng.shuffle(phrases)
    phrases += WORDS  # One-word phrases too.
    tag_weights = list(itertools.accumulate(1 / (n + 1) for n in range(len(tag_slugs))))
    phrase_weights = list(itertools.accumulate(1 / (n + 1) ** 0.9 for n in range(len(phrases))))
    hot_tags, hot_phrases = tag_slugs[20:23], phrases[40:44]

    def when(after: datetime.datetime | None = None) -> datetime.datetime:
        """A moment in the year, or soon after ``after`` (answers come within a day or two)."""
        for _ in range(4):
            if after is None:
                span = (now - year_start).total_seconds()
                moment = year_start + datetime.timedelta(seconds=rng.random() * span)
            else:
                moment = after + datetime.timedelta(seconds=rng.expovariate(1 / 40_000))
                if moment > now:
                    moment = after + (now - after) * rng.random()
            if moment.weekday() < 5 or rng.random() < 0.25:
                return moment
        return moment

    def author(at: datetime.datetime) -> tuple:
        for _ in range(20):
            person = rng.choices(people, cum_weights=writer_weights)[0]
            if person[1] <= at:
                return person
        return person

    def topics(at: datetime.datetime, public: bool, *, tagged: bool) -> tuple[list, list]:
        hot = at >= last_week
        tags = []
        if tagged and rng.random() < 0.6:
            pool = hot_tags if hot and rng.random() < 0.3 else None
            tags = sorted(
                {
                    rng.choice(pool) if pool else rng.choices(tag_slugs, cum_weights=tag_weights)[0]
                    for _ in range(rng.randint(1, 2))
                }
            )
        found = []
        if public:
            pool = hot_phrases if hot and rng.random() < 0.3 else None
            found = sorted(
                {
                    rng.choice(pool)
                    if pool
                    else rng.choices(phrases, cum_weights=phrase_weights)[0]
                    for _ in range(rng.randint(1, 3))
                }
            )
        return tags, found

    def count(kind: str) -> int:
        return int(ITEMS[kind] * scale)

    with transaction.atomic(), connection.cursor() as cursor:
        # Communities: a third private or secret; each with a forum category.
        creator = people[0][0]
        first_community = _next_id(cursor, "communities_community")
        communities = []
        for n in range(COMMUNITIES):
            kind = "public" if n % 3 else ("private" if n % 2 else "secret")
            communities.append((first_community + n, kind))
        _copy(
            cursor,
            "communities_community",
            [
                "id",
                "created_at",
                "updated_at",
                "name",
                "slug",
                "description",
                "avatar",
                "cover",
                "type",
                "posting_policy",
                "is_archived",
                "created_by_id",
            ],
            [
                (
                    pk,
                    year_start,
                    year_start,
                    f"Bench community {pk}",
                    f"bench-community-{pk}",
                    "",
                    "",
                    "",
                    kind,
                    "members",
                    False,
                    creator,
                )
                for pk, kind in communities
            ],
        )
        first_category = _next_id(cursor, "forums_category")
        category_of = {pk: first_category + n for n, (pk, _k) in enumerate(communities)}
        company_categories = [first_category + COMMUNITIES + n for n in range(3)]
        _copy(
            cursor,
            "forums_category",
            [
                "id",
                "created_at",
                "updated_at",
                "name",
                "slug",
                "description",
                "position",
                "community_id",
                "created_by_id",
            ],
            [
                (
                    cat,
                    year_start,
                    year_start,
                    f"Talk {cat}",
                    f"talk-{cat}",
                    "",
                    0,
                    community,
                    creator,
                )
                for community, cat in [
                    *category_of.items(),
                    *((None, c) for c in company_categories),
                ]
            ],
        )
        cursor.execute("SELECT slug FROM taggit_tag WHERE slug LIKE 'topic-%%'")
        existing = {row[0] for row in cursor.fetchall()}
        _copy(
            cursor,
            "taggit_tag",
            ["name", "slug"],
            [(slug.replace("-", " ").title(), slug) for slug in tag_slugs if slug not in existing],
        )
        community_weights = _weights(rng, COMMUNITIES, 1.0)

        def place() -> tuple[int | None, bool]:
            if rng.random() >= IN_COMMUNITY:
                return None, True
            pk, kind = rng.choices(communities, cum_weights=community_weights)[0]
            return pk, kind == "public"

        sentiments = []

        def scored(kind, pk, person, community, public, at, tags, found):
            score = round(max(-1.0, min(1.0, rng.gauss(0.1, 0.45))), 4)
            label = "positive" if score >= 0.05 else "negative" if score <= -0.05 else "neutral"
            language = "id" if rng.random() < 0.45 else "en"
            sentiments.append(
                (
                    kind,
                    pk,
                    person[0],
                    person[2],
                    person[3],
                    community,
                    public,
                    language,
                    score,
                    label,
                    tags,
                    found,
                    at,
                    now,
                )
            )

        # Posts, with reactions.
        posts, reactions = [], []
        first = _next_id(cursor, "feed_post")
        for n in range(count("post")):
            pk, at = first + n, when()
            person = author(at)
            community, public = place()
            tags, found = topics(at, public, tagged=True)
            liked = min(int(rng.lognormvariate(0.2, 1.2)), 80)
            posts.append([pk, at, person, community, public, liked, 0, tags])
            scored("post", pk, person, community, public, at, tags, found)
        post_weights = list(itertools.accumulate(p[5] + 0.5 for p in posts))

        # Articles.
        articles = []
        first = _next_id(cursor, "blog_article")
        for n in range(count("article")):
            pk, at = first + n, when()
            person = author(at)
            community, public = place()
            tags, found = topics(at, public, tagged=True)
            liked = min(int(rng.lognormvariate(1.0, 1.1)), 120)
            articles.append([pk, at, person, community, public, liked, 0, tags])
            scored("article", pk, person, community, public, at, tags, found)

        def react(items, content_type):
            for pk, at, person, *_rest in items:
                liked = _rest[2]
                others = rng.sample(people, liked + 1)
                others = [o for o in others if o[0] != person[0]][:liked]
                for other in others:
                    reactions.append((at, at, pk, "like", content_type, other[0]))

        react(posts, content_types[Post])
        react(articles, content_types[Article])
        liked = {}
        for row in reactions:
            liked[(row[4], row[2])] = liked.get((row[4], row[2]), 0) + 1

        # Comments on posts (mostly) and articles, after the item.
        comments = []
        first = _next_id(cursor, "feed_comment")
        article_share = 0.1
        for n in range(count("comment")):
            if rng.random() < article_share:
                target, content_type = rng.choice(articles), content_types[Article]
            else:
                target, content_type = (
                    rng.choices(posts, cum_weights=post_weights)[0],
                    content_types[Post],
                )
            pk = first + n
            at = when(target[1])
            person = author(at)
            community, public = target[3], target[4]
            _tags, found = topics(at, public, tagged=False)
            target[6] += 1
            comments.append(
                (
                    pk,
                    at,
                    at,
                    target[0],
                    "Bench comment",
                    "<p>Bench comment</p>",
                    0,
                    0,
                    person[0],
                    content_type,
                )
            )
            scored("comment", pk, person, community, public, at, [], found)

        # Threads and replies.
        threads = []
        first = _next_id(cursor, "forums_thread")
        for n in range(count("thread")):
            pk, at = first + n, when()
            person = author(at)
            community, public = place()
            tags, found = topics(at, public, tagged=True)
            threads.append([pk, at, person, community, public, 0, at, tags])
            scored("thread", pk, person, community, public, at, tags, found)
        thread_weights = _weights(rng, len(threads), 1.0)
        replies = []
        first = _next_id(cursor, "forums_reply")
        for n in range(count("reply")):
            thread = rng.choices(threads, cum_weights=thread_weights)[0]
            pk = first + n
            at = when(thread[1])
            person = author(at)
            _tags, found = topics(at, thread[4], tagged=False)
            thread[5] += 1
            thread[6] = max(thread[6], at)
            replies.append(
                (pk, at, at, "Bench reply", "<p>Bench reply</p>", 0, 0, 0, person[0], thread[0])
            )
            scored("reply", pk, person, thread[3], thread[4], at, [], found)

        _copy(
            cursor,
            "feed_post",
            [
                "id",
                "created_at",
                "updated_at",
                "kind",
                "body",
                "body_html",
                "is_announcement",
                "comment_count",
                "reaction_count",
                "share_count",
                "seen_count",
                "author_id",
                "community_id",
            ],
            [
                (
                    pk,
                    at,
                    at,
                    "post",
                    f"Bench post {pk} {' '.join(tags)}",
                    f"<p>Bench post {pk}</p>",
                    False,
                    commented,
                    liked.get((content_types[Post], pk), 0),
                    0,
                    0,
                    person[0],
                    community,
                )
                for pk, at, person, community, _p, _l, commented, tags in posts
            ],
        )
        _copy(
            cursor,
            "blog_article",
            [
                "id",
                "created_at",
                "updated_at",
                "is_company",
                "title",
                "slug",
                "body",
                "body_html",
                "toc",
                "excerpt",
                "excerpt_is_explicit",
                "cover",
                "status",
                "published_at",
                "reading_minutes",
                "comment_count",
                "reaction_count",
                "view_count",
                "author_id",
                "community_id",
            ],
            [
                (
                    pk,
                    at,
                    at,
                    False,
                    f"Bench article {pk}",
                    f"bench-article-{pk}",
                    "Text.",
                    "<p>Text.</p>",
                    [],
                    "",
                    False,
                    "",
                    "published",
                    at,
                    1,
                    commented,
                    liked.get((content_types[Article], pk), 0),
                    0,
                    person[0],
                    community,
                )
                for pk, at, person, community, _p, _l, commented, _t in articles
            ],
        )
        _copy(
            cursor,
            "feed_reaction",
            ["created_at", "updated_at", "object_id", "kind", "content_type_id", "user_id"],
            reactions,
        )
        _copy(
            cursor,
            "feed_comment",
            [
                "id",
                "created_at",
                "updated_at",
                "object_id",
                "body",
                "body_html",
                "reply_count",
                "reaction_count",
                "author_id",
                "content_type_id",
            ],
            comments,
        )
        _copy(
            cursor,
            "forums_thread",
            [
                "id",
                "created_at",
                "updated_at",
                "kind",
                "title",
                "body",
                "body_html",
                "is_pinned",
                "is_locked",
                "reply_count",
                "score",
                "view_count",
                "author_id",
                "category_id",
                "community_id",
                "last_activity_at",
            ],
            [
                (
                    pk,
                    at,
                    at,
                    "discussion",
                    f"Bench thread {pk}",
                    "Question.",
                    "<p>Question.</p>",
                    False,
                    False,
                    replied,
                    0,
                    0,
                    person[0],
                    category_of[community] if community else company_categories[pk % 3],
                    community,
                    last,
                )
                for pk, at, person, community, _p, replied, last, _t in threads
            ],
        )
        _copy(
            cursor,
            "forums_reply",
            [
                "id",
                "created_at",
                "updated_at",
                "body",
                "body_html",
                "up_count",
                "down_count",
                "score",
                "author_id",
                "thread_id",
            ],
            replies,
        )
        _copy(
            cursor,
            "analytics_contentsentiment",
            [
                "kind",
                "object_id",
                "author_id",
                "department_id",
                "office_id",
                "community_id",
                "is_public",
                "language",
                "score",
                "label",
                "tags",
                "phrases",
                "written_at",
                "scored_at",
            ],
            sentiments,
        )
        for table in (
            "communities_community",
            "forums_category",
            "feed_post",
            "blog_article",
            "feed_comment",
            "forums_thread",
            "forums_reply",
        ):
            _reset_sequence(cursor, table)
    with connection.cursor() as cursor:
        for table in (
            "feed_post",
            "feed_comment",
            "feed_reaction",
            "forums_thread",
            "forums_reply",
            "blog_article",
            "analytics_contentsentiment",
        ):
            cursor.execute(f"ANALYZE {table}")
    log(
        f"{len(sentiments):,} scored items ({len(posts):,} posts, {len(comments):,} comments, "
        f"{len(threads):,} threads, {len(replies):,} replies, {len(articles):,} articles), "
        f"{len(reactions):,} reactions in {time.perf_counter() - started:.1f} s"
    )
    return len(sentiments)


def main() -> None:
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench/analytics_content.py seeds PostgreSQL only: set DATABASE_URL.")
    from analytics.models import ContentSentiment

    if ContentSentiment.objects.exists():
        sys.exit("The database has scored writing already.")
    seed_content(scale=float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)


if __name__ == "__main__":
    main()
