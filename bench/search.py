"""Benchmark search on a big company: 10,000 people and 1,000,000 posts and comments
(PostgreSQL only).

Seeds the demo company with 10,000 people (``seed_demo``'s bulk paths: departments, offices,
job titles, skills, 90 days of feed history), tops its communities up to 100 (public, private
and secret, as ``bench/feed.py`` does) and makes ``budi.santoso`` a member of exactly 10 of
them; then writes two years of posts and comments in bulk (``COPY``) until there are
``--posts`` posts and ``--comments`` comments, in Indonesian and English: the demo's phrase
banks (feed, forum, blog, wiki and file demos) with their slots filled, drawn with a Zipf-like
weighting, now and then a sentence of words drawn Zipf-like from the same vocabulary and a
ticket or order number (the long tail of a real index), hashtags as tags, reactions. Then it
builds the search index for them with one ``INSERT ... SELECT`` for the posts and one for the
comments, making the documents ``feed/search.py`` makes (checked on a sample; polls and praise
go through ``feed/search.py`` itself), the trigger of ``search`` migration 0002 computing each
vector and the GIN index rebuilt after the load; the other registered kinds (people,
communities...) are indexed with ``search.indexing.rebuild``.

Then it measures, for ``budi.santoso``, ``--queries`` queries of 1-3 words taken from
documents of the index (a fixed random seed): ``/api/v1/search/?q=`` and search-as-you-type
``/api/v1/search/suggest/?q=`` (a 3-6 letter prefix of a word) through Django's test client
(in-process, no network), p50 / p95 / max wall time, the Python CPU and SQL time, the queries
per request (the per-person search rate limit is lifted for the run), how many documents
each query's words match, and last the ``EXPLAIN (ANALYZE, BUFFERS)`` of what
``search_documents`` runs for a typical query and for the most common word, and of
``search_suggest`` for that word's first three letters.

    createdb -h 127.0.0.1 -U postgres kolega_searchbench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kolega_searchbench \\
        .venv/bin/python bench/search.py          # seeds (minutes), then measures
    ... bench/search.py --reuse                   # measures an already-seeded database
    ... bench/search.py --reuse --reindex --seed-only   # times manage.py search_reindex
                                                        # (rewrites every row: use a copy)
"""

import argparse
import bisect
import collections
import datetime
import html
import importlib
import importlib.util
import io
import itertools
import os
import random
import re
import statistics
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# The test settings: production code paths, no HTTPS redirect, static files from finders.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esn.test_settings")

VIEWER = "budi.santoso"
DAYS = 730
CHUNK = 50_000
# The demo modules whose phrase banks make the text.
PHRASE_BANKS = [
    "feed.demo.data",
    "forums.demo.data",
    "blog.demo.data",
    "wiki.demo.data",
    "files.demo.data",
]
# Words nobody searches for (they make up the queries' vocabulary otherwise).
STOPWORDS = set(
    """
    the and for you are with this that from have has was were will your our all can but not
    out any who how what when where which there their they them about into just also been
    more than then its let lets we're i'm don't can't please thanks thank yes one two
    yang dan di ke dari untuk dengan ini itu ada saya kita kami kamu anda akan sudah bisa
    juga atau tidak tapi lagi ga nggak yg pada oleh dalam jadi kalau sama karena mau mohon
    tolong terima kasih aja sih dong ya nya
    """.split()
)
WORD = re.compile(r"[^\W\d_]{3,}")
TICKETS = ["INC", "PO", "SR", "CHG", "TKT", "INV", "REQ"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def load() -> str:
    """The machine's load average (the timings mean little when other work competes)."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def bench_feed():
    """bench/feed.py as a module (its extra communities and viewer), not the ``feed`` app."""
    path = Path(__file__).with_name("feed.py")
    spec = importlib.util.spec_from_file_location("bench_feed", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--communities", type=int, default=100)
    parser.add_argument("--posts", type=int, default=700_000)
    parser.add_argument("--comments", type=int, default=300_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reuse", action="store_true",
                        help="Measure the database as it is (no seeding).")  # fmt: skip
    parser.add_argument("--seed-only", action="store_true", help="Seed, do not measure.")
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument("--in-process", action="store_true",
                        help="Time search_documents / search_suggest, not the API.")  # fmt: skip
    parser.add_argument("--reindex", action="store_true",
                        help="Time manage.py search_reindex (best on a copy).")  # fmt: skip
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench/search.py measures PostgreSQL only: set DATABASE_URL=postgres://...")
    call_command("migrate", verbosity=0)

    from profiles.models import User

    if args.reuse:
        if not User.objects.filter(username=VIEWER).exists():
            sys.exit("--reuse: this database is not seeded yet (run without --reuse).")
    else:
        seed(args)
    if args.reindex:
        reindex()
    if not args.seed_only:
        measure(args)


# --- seeding -------------------------------------------------------------------------------


def seed(args) -> None:
    """Every step that is not done yet: the company, the communities and the viewer, the
    history, the index. Each step is one transaction, so a failed run starts it over."""
    from django.db import connection, transaction
    from django.utils import timezone

    from communities.models import Community
    from feed.models import Comment, Post
    from profiles.demo.seed import demo_company_seed
    from profiles.models import User

    started = time.perf_counter()
    today = timezone.localdate()
    if not User.objects.exists():
        step = time.perf_counter()
        print(f"Seeding the demo company with {args.users} people and its 90 days of history…")
        company = demo_company_seed(
            seed=args.seed, users=args.users, today=today, log=print
        ).company
        print(f"  {time.perf_counter() - step:.0f} s")
        if Community.objects.count() < args.communities:
            by_name = dict(User.objects.values_list("username", "pk"))
            ids = [by_name[p.username] for p in company.people]
            helpers = bench_feed()
            with transaction.atomic():
                helpers.extra_communities(args, company, ids, today)
                helpers.make_viewer(args, ids)
    elif not User.objects.filter(username=VIEWER).exists():
        sys.exit("The database has people but not the demo company: use an empty database.")
    elif Community.objects.count() < args.communities:
        sys.exit("The company was seeded without its extra communities: use an empty database.")

    posts = args.posts - Post.objects.count()
    comments = args.comments - Comment.objects.count()
    if posts > 0:
        step = time.perf_counter()
        print(f"Writing {posts} posts and {max(0, comments)} comments over {DAYS} days…")
        with transaction.atomic():
            History(args, seed=args.seed + 7).write(posts, max(0, comments))
        print(f"  {time.perf_counter() - step:.0f} s")
        with connection.cursor() as cursor:
            # What autovacuum would do (it is off on some machines): statistics, and the
            # visibility map that index-only scans need.
            cursor.execute("VACUUM ANALYZE")
    build_index()
    print(f"Seeded in {time.perf_counter() - started:.0f} s.")


class Phrases:
    """The demo's phrase banks in each language, their slots filled, drawn Zipf-like; and
    the vocabulary they use, ranked by frequency, for the odd sentence of loose words."""

    VARIANTS = 6  # Fillings of each template.

    def __init__(self, rng: random.Random, people: list[tuple[str, str]], names: dict):
        self.rng = rng
        self.people = people  # (username, first name)
        self.names = names  # teams, offices, cities, communities
        self.values = {}
        for module in ("feed.demo.data", "forums.demo.data"):
            self.values.update(getattr(importlib.import_module(module), "VALUES", {}))
        feed_data = importlib.import_module("feed.demo.data")
        self.months, self.weekdays, self.word_and = (
            feed_data.MONTHS,
            feed_data.WEEKDAYS,
            feed_data.AND,
        )
        templates = {"id": [], "en": []}
        for module in PHRASE_BANKS:
            try:
                bank = importlib.import_module(module)
            except ImportError:
                continue
            for name in dir(bank):
                if name.isupper():
                    self._collect(getattr(bank, name), None, templates)
        self.posts, self.comments, self.vocabulary = {}, {}, {}
        for lang, found in templates.items():
            found = list(dict.fromkeys(t for t in found if len(t.split()) >= 3))
            filled = [[self._fill(t, lang) for _ in range(self.VARIANTS)] for t in found]
            self.posts[lang] = self._zipf(filled, 0.8)
            short = [v for v in filled if len(v[0]) <= 200]
            self.comments[lang] = self._zipf(short, 0.8)
            counts = collections.Counter(
                w for variants in filled for v in variants for w in re.findall(r"[\w'-]+", v)
            )
            words = [w for w, _ in counts.most_common() if not w.isdigit()]
            self.vocabulary[lang] = (words, list(itertools.accumulate(
                1 / (rank + 2) for rank in range(len(words))
            )))  # fmt: skip

    def _collect(self, obj, lang, out) -> None:
        if isinstance(obj, dict):
            for key, value in obj.items():
                key = str(key)
                inner = lang
                if key in ("en", "id"):
                    inner = key
                elif key.endswith(("_en", "_id")):
                    inner = key[-2:]
                self._collect(value, inner, out)
        elif isinstance(obj, list | tuple):
            for value in obj:
                self._collect(value, lang, out)
        elif isinstance(obj, str) and lang in out:
            out[lang].append(obj)

    def _zipf(self, items: list, exponent: float):
        order = list(items)
        self.rng.shuffle(order)
        return order, list(itertools.accumulate(1 / (r + 1) ** exponent for r in range(len(order))))

    def _slot(self, key: str, lang: str) -> str:
        rng = self.rng
        if key in self.values:
            value = self.values[key]
            return rng.choice(value[lang] if isinstance(value, dict) else value)
        if key in ("mentions",):
            return (
                f"@{rng.choice(self.people)[0]} {self.word_and[lang]} @{rng.choice(self.people)[0]}"
            )
        if "mention" in key:
            return "@" + rng.choice(self.people)[0]
        if key.endswith("_first"):
            return rng.choice(self.people)[1]
        if key in ("team", "dept"):
            return rng.choice(self.names["teams"])
        if key in ("office", "city"):
            return rng.choice(self.names["offices" if key == "office" else "cities"])
        if key == "community_name":
            return rng.choice(self.names["communities"])
        if "month" in key:
            return rng.choice(self.months[lang])
        if key == "weekday":
            return rng.choice(self.weekdays[lang])
        if key == "date":
            return f"{rng.randint(1, 28)} {rng.choice(self.months[lang])}"
        if key == "quarter":
            return f"Q{rng.randint(1, 4)}"
        if "year" in key:
            return str(rng.randint(2024, 2027))
        return rng.choice(self.names["teams"])

    def _fill(self, template: str, lang: str) -> str:
        slots = {}
        try:
            for _, key, _, _ in string.Formatter().parse(template):
                if key and key not in slots:
                    slots[key] = self._slot(key, lang)
            return template.format_map(slots)
        except (KeyError, ValueError, IndexError, AttributeError):
            return template.replace("{", "").replace("}", "")

    def pick(self, bank, lang: str) -> str:
        order, cum = bank[lang]
        return self.rng.choice(order[bisect.bisect(cum, self.rng.random() * cum[-1])])

    def loose(self, lang: str, low: int, high: int) -> str:
        words, cum = self.vocabulary[lang]
        chosen = self.rng.choices(words, cum_weights=cum, k=self.rng.randint(low, high))
        return " ".join(chosen).capitalize() + "."

    def ticket(self) -> str:
        return f"{self.rng.choice(TICKETS)}-{self.rng.randint(10_000, 999_999)}"

    def post(self, lang: str) -> str:
        rng = self.rng
        parts = [self.pick(self.posts, lang) for _ in range(rng.choices((1, 2, 3), (6, 3, 1))[0])]
        if rng.random() < 0.3:
            parts.insert(rng.randint(0, len(parts)), self.loose(lang, 6, 14))
        if rng.random() < 0.05:
            parts.append(f"Ref {self.ticket()}")
        return "\n\n".join(parts)

    def comment(self, lang: str) -> str:
        text = self.pick(self.comments, lang)
        if self.rng.random() < 0.15:
            text += " " + self.loose(lang, 4, 8)
        return text


def copy_rows(table: str, columns: list[str], rows) -> int:
    """``COPY table (columns) FROM STDIN`` in text format; None is NULL."""
    from django.db import connection

    def field(value) -> str:
        if value is None:
            return r"\N"
        if isinstance(value, bool):
            return "t" if value else "f"
        if isinstance(value, str):
            return (
                value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
        if isinstance(value, datetime.datetime):
            return value.isoformat()
        return str(value)

    buffer = io.StringIO()
    count = 0
    for row in rows:
        buffer.write("\t".join(field(v) for v in row))
        buffer.write("\n")
        count += 1
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
    return count


def html_of(text: str) -> str:
    """Plain paragraphs (the services render Markdown, mentions and hashtags; search reads
    the text, not the HTML)."""
    return "".join(
        "<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in text.split("\n\n")
    )


class History:
    """Two years of posts and comments, written with COPY."""

    def __init__(self, args, *, seed: int):
        from django.conf import settings
        from django.contrib.contenttypes.models import ContentType
        from django.utils import timezone

        from communities.models import (
            ROLE_RANK,
            Community,
            Membership,
            MembershipState,
            PostingPolicy,
            Role,
        )
        from feed.demo.data import HOURS, POPULAR_TAGS, REACTIONS
        from feed.models import Post
        from profiles.models import User

        self.rng = rng = random.Random(seed)
        self.now = timezone.now()
        self.zone = timezone.get_default_timezone()
        self.post_type = ContentType.objects.get_for_model(Post).pk
        people = list(
            User.objects.filter(is_active=True)
            .order_by("pk")
            .values_list("pk", "username", "first_name", "department__name", "office__name")
        )
        self.user_ids = [p[0] for p in people]
        # Most write a little, a few a lot (as feed.demo.world).
        self.cum_activity = list(
            itertools.accumulate(min(8.0, rng.paretovariate(1.8)) for _ in people)
        )
        self.language = {p[0]: ("en" if p[4] == "Singapore" else "id") for p in people}
        communities = {
            c["pk"]: c
            for c in Community.objects.values("pk", "name", "type", "posting_policy", "is_archived")
        }
        self.members: dict[int, list[int]] = collections.defaultdict(list)
        self.postable: dict[int, list[int]] = collections.defaultdict(list)
        admin = ROLE_RANK[Role.ADMIN]
        for community_id, user_id, role in Membership.objects.filter(
            state=MembershipState.ACTIVE
        ).values_list("community_id", "user_id", "role"):
            community = communities[community_id]
            if community["is_archived"]:
                continue
            self.members[community_id].append(user_id)
            if community["posting_policy"] == PostingPolicy.MEMBERS or ROLE_RANK[role] >= admin:
                self.postable[user_id].append(community_id)
        from profiles.demo import data as company_data

        self.phrases = Phrases(
            rng,
            [(p[1], p[2].split()[0] if p[2] else p[1]) for p in people],
            {
                "teams": sorted({p[3] for p in people if p[3]}),
                "offices": [o[0] for o in company_data.OFFICES],
                "cities": [o[1] for o in company_data.OFFICES],
                "communities": sorted(c["name"] for c in communities.values()),
            },
        )
        self.popular_tags = POPULAR_TAGS
        self.reactions = list(REACTIONS), list(itertools.accumulate(REACTIONS.values()))
        hours = HOURS["office"]
        self.hours = list(hours), list(itertools.accumulate(hours.values()))
        weekday = [1.15, 1.2, 1.1, 1.05, 0.8, 0.07, 0.04]
        today = timezone.localdate()
        self.days = [today - datetime.timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
        # The network grows: the last day is about twice as busy as the first.
        self.cum_days = list(
            itertools.accumulate(
                (0.5 + 0.5 * i / (DAYS - 1)) * weekday[day.weekday()]
                for i, day in enumerate(self.days)
            )
        )
        self.settings_zone = settings.TIME_ZONE

    def moment(self) -> float:
        rng = self.rng
        day = self.days[bisect.bisect(self.cum_days, rng.random() * self.cum_days[-1])]
        hour = rng.choices(self.hours[0], cum_weights=self.hours[1])[0]
        at = datetime.datetime.combine(
            day, datetime.time(hour, rng.randrange(60), rng.randrange(60)), self.zone
        )
        if at > self.now:
            at -= datetime.timedelta(days=1)
        return at.timestamp()

    def write(self, posts: int, comments: int) -> None:
        from django.db import connection
        from taggit.models import Tag

        from feed.models import Comment, Post
        from feed.text import HASHTAG

        rng, started = self.rng, time.perf_counter()
        # Plan the posts: when, who, where, how much they draw.
        plan = []
        for _ in range(posts):
            author = self.user_ids[
                bisect.bisect(self.cum_activity, rng.random() * self.cum_activity[-1])
            ]
            places = self.postable.get(author)
            community = rng.choice(places) if places and rng.random() < 0.5 else None
            plan.append((self.moment(), author, community, rng.lognormvariate(0, 1)))
        plan.sort(key=lambda p: p[0])
        times = [p[0] for p in plan]
        authors = [p[1] for p in plan]
        places = [p[2] for p in plan]
        buzz = [p[3] for p in plan]
        del plan
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(max(id), 0) FROM feed_post")
            first_post = cursor.fetchone()[0] + 1
            cursor.execute("SELECT coalesce(max(id), 0) FROM feed_comment")
            first_comment = cursor.fetchone()[0] + 1

        # Comments: on the posts that draw them, by people who may see them, after them.
        cum_buzz = list(itertools.accumulate(buzz))
        comment_plan = []
        comment_count = [0] * posts
        for _ in range(comments):
            i = bisect.bisect(cum_buzz, rng.random() * cum_buzz[-1])
            community = places[i]
            if community is None:
                author = self.user_ids[
                    bisect.bisect(self.cum_activity, rng.random() * self.cum_activity[-1])
                ]
            else:
                author = rng.choice(self.members[community])
            at = min(times[i] + rng.expovariate(1 / (5 * 3600)), self.now.timestamp() - 1)
            comment_plan.append((at, i, author))
            comment_count[i] += 1
        comment_plan.sort(key=lambda c: c[0])
        print(f"  planned in {time.perf_counter() - started:.0f} s")

        # Tags: every hashtag of the phrase banks and the popular ones exist.
        names = {
            m.group(1)
            for bank in self.phrases.posts.values()
            for variants in bank[0]
            for text in variants
            for m in HASHTAG.finditer(text)
        } | set(self.popular_tags)
        tag_ids = {name.lower(): pk for pk, name in Tag.objects.values_list("pk", "name")}
        missing = sorted({n for n in names if n.lower() not in tag_ids}, key=str.lower)
        missing = list({n.lower(): n for n in missing}.values())
        taken = set(Tag.objects.values_list("slug", flat=True))
        rows = []
        for name in missing:
            slug, n = Tag().slugify(name), 0
            while slug in taken:
                n += 1
                slug = Tag().slugify(name, n)
            taken.add(slug)
            rows.append(Tag(name=name, slug=slug))
        Tag.objects.bulk_create(rows)
        tag_ids = {name.lower(): pk for pk, name in Tag.objects.values_list("pk", "name")}

        kinds, cum_kinds = self.reactions
        written = reactions = tagged = 0
        for start in range(0, posts, CHUNK):
            post_rows, reaction_rows, tag_rows = [], [], []
            for i in range(start, min(posts, start + CHUNK)):
                pk, author, community = first_post + i, authors[i], places[i]
                lang = self.language[author] if rng.random() < 0.7 else rng.choice(("id", "en"))
                body = self.phrases.post(lang)
                if rng.random() < 0.04:
                    body += f" #{rng.choice(self.popular_tags)}"
                created = datetime.datetime.fromtimestamp(times[i], self.zone)
                audience = self.members[community] if community else self.user_ids
                count = min(len(audience), int(rng.expovariate(1 / (1.1 * buzz[i]))))
                for user in rng.sample(audience, count):
                    kind = rng.choices(kinds, cum_weights=cum_kinds)[0]
                    at = created + datetime.timedelta(seconds=rng.randint(60, 86400))
                    reaction_rows.append((at, at, pk, kind, self.post_type, user))
                for tag in dict.fromkeys(m.group(1).lower() for m in HASHTAG.finditer(body)):
                    if tag in tag_ids:
                        tag_rows.append((pk, tag_ids[tag]))
                deleted = created if rng.random() < 0.003 else None
                post_rows.append((
                    pk, created, created, "post", body, html_of(body), False,
                    comment_count[i], count, 0, 0, author, community, deleted,
                ))  # fmt: skip
            written += copy_rows(
                "feed_post",
                ["id", "created_at", "updated_at", "kind", "body", "body_html",
                 "is_announcement", "comment_count", "reaction_count", "share_count",
                 "seen_count", "author_id", "community_id", "deleted_at"],
                post_rows,
            )  # fmt: skip
            reactions += copy_rows(
                "feed_reaction",
                ["created_at", "updated_at", "object_id", "kind", "content_type_id", "user_id"],
                reaction_rows,
            )
            tagged += copy_rows("feed_taggedpost", ["content_object_id", "tag_id"], tag_rows)
            print(f"  {written} posts, {reactions} reactions, {tagged} tags "
                  f"({time.perf_counter() - started:.0f} s)")  # fmt: skip

        written_comments = 0
        for start in range(0, len(comment_plan), CHUNK):
            rows = []
            for n, (at, i, author) in enumerate(comment_plan[start : start + CHUNK], start):
                lang = self.language[author] if rng.random() < 0.7 else rng.choice(("id", "en"))
                body = self.phrases.comment(lang)
                created = datetime.datetime.fromtimestamp(at, self.zone)
                rows.append((
                    first_comment + n, created, created, first_post + i, body, html_of(body),
                    0, 0, author, self.post_type,
                ))  # fmt: skip
            written_comments += copy_rows(
                "feed_comment",
                ["id", "created_at", "updated_at", "object_id", "body", "body_html",
                 "reply_count", "reaction_count", "author_id", "content_type_id"],
                rows,
            )  # fmt: skip
            print(f"  {written_comments} comments ({time.perf_counter() - started:.0f} s)")
        with connection.cursor() as cursor:
            for model in (Post, Comment):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )


# --- the index -----------------------------------------------------------------------------


def build_index() -> None:
    """Documents for the posts and comments (SQL, one statement each; polls and praise,
    whose documents hold more than their text, through feed/search.py), then every other
    registered kind whose documents are missing or incomplete (``indexing.rebuild``, as
    ``search_reindex``)."""
    from django.db import connection, transaction
    from django.urls import reverse

    from feed.models import Post, PostKind
    from search import indexing
    from search.models import SearchDocument

    indexing.autodiscover()
    sources = indexing.sources()
    marker = 987654321
    prefix, suffix = reverse("feed:post-detail", kwargs={"pk": marker}).split(str(marker))
    have = set(SearchDocument.objects.values_list("kind", flat=True).distinct())
    special = [PostKind.POLL, PostKind.PRAISE] if "post" in sources else []
    if "post" not in have:
        started = time.perf_counter()
        print("Indexing posts and comments with INSERT ... SELECT…")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
                "'search_searchdocument' AND indexdef LIKE '%USING gin (vector)%'"
            )
            gin = cursor.fetchall()
            for name, _ in gin:  # Rebuilt after the load: much faster than row by row.
                cursor.execute(f"DROP INDEX {name}")
            params = {"prefix": prefix, "suffix": suffix, "special": special or ["-"]}
            cursor.execute(INDEX_POSTS, params)
            posts = cursor.rowcount
            step = time.perf_counter()
            print(f"  {posts} posts ({step - started:.0f} s)")
            if special:
                polls = Post.objects.filter(kind__in=special)
                indexing.index_many(polls)
                print(f"  {polls.count()} polls and praise through feed/search.py "
                      f"({time.perf_counter() - step:.0f} s)")  # fmt: skip
                step = time.perf_counter()
            cursor.execute(INDEX_COMMENTS, params)
            comments = cursor.rowcount
            print(f"  {comments} comments ({time.perf_counter() - step:.0f} s)")
            cursor.execute(INDEX_POST_TAGS)
            print(f"  {cursor.rowcount} tags of posts")
            step = time.perf_counter()
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # No pending checks: CREATE INDEX.
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for _, definition in gin:
                cursor.execute(definition)
            print(f"  GIN index rebuilt ({time.perf_counter() - step:.0f} s)")
        print(f"  {time.perf_counter() - started:.0f} s in all")
    else:
        print("Posts and comments are indexed already.")
    stored = collections.Counter(SearchDocument.objects.values_list("kind", flat=True))
    for kind, source in sources.items():
        # Bulk inserts (the extra communities) fire no signals: rebuild what is incomplete.
        if kind in ("post", "comment") or stored[kind] == source.queryset().count():
            continue
        started = time.perf_counter()
        written, _ = indexing.rebuild(kind)
        print(f"Indexed {written} {kind} documents with indexing.rebuild "
              f"({time.perf_counter() - started:.1f} s).")  # fmt: skip
    if "post" not in have:
        compare_with_sources(sources)
    missing = {"post", "comment"} - set(sources)
    if missing:
        print(f"NOTE: no search.py registers {sorted(missing)} yet: their documents are this "
              "script's own mapping (INDEX_POSTS, INDEX_COMMENTS).")  # fmt: skip
    with connection.cursor() as cursor:
        # A failed earlier run leaves its rolled-back rows behind: clear them, as autovacuum
        # would (it is off on some machines), and set the visibility map.
        cursor.execute("VACUUM ANALYZE search_searchdocument")
        cursor.execute("VACUUM ANALYZE search_searchdocumenttag")


# What feed/search.py makes of a post and of a comment on one, in SQL: the running text of
# the HTML (``indexing.plain_text``), tags as keywords, placed where the post is (a share
# also where its original is), engagement = reactions + comments + shares; no document for
# deleted or hidden posts, nor for the posts that stand for a thread, article or page.
PLAIN_TEXT = r"""
btrim(regexp_replace(
    replace(replace(replace(replace(replace(replace(
        regexp_replace({html}, '<[^>]*>', ' ', 'g'),
        '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#x27;', ''''), '&#39;', ''''),
        '&amp;', '&'),
    '\s+', ' ', 'g'))
"""
INDEX_POSTS = f"""
INSERT INTO search_searchdocument
    (kind, object_id, community_id, origin_community_id, author_id, title, keywords, body,
     subtitle, url, engagement, created_at, indexed_at)
SELECT 'post', p.id, p.community_id, o.community_id, p.author_id, '',
       coalesce((SELECT string_agg(t.name, ' ' ORDER BY t.name) FROM feed_taggedpost tp
                 JOIN taggit_tag t ON t.id = tp.tag_id WHERE tp.content_object_id = p.id), ''),
       left({PLAIN_TEXT.format(html="p.body_html")}, 100000), '',
       %(prefix)s || p.id || %(suffix)s,
       p.reaction_count + p.comment_count + p.share_count, p.created_at, now()
FROM feed_post p LEFT JOIN feed_post o ON o.id = p.shared_post_id
WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL
  AND p.kind NOT IN ('thread', 'article', 'wiki_page') AND p.kind <> ALL(%(special)s)
ON CONFLICT (kind, object_id) DO NOTHING
"""
INDEX_COMMENTS = f"""
INSERT INTO search_searchdocument
    (kind, object_id, community_id, origin_community_id, author_id, title, keywords, body,
     subtitle, url, engagement, created_at, indexed_at)
SELECT 'comment', c.id, p.community_id, o.community_id, c.author_id, '', '',
       left({PLAIN_TEXT.format(html="c.body_html")}, 100000), '',
       %(prefix)s || p.id || %(suffix)s || '#comment-' || c.id,
       c.reaction_count + c.reply_count, c.created_at, now()
FROM feed_comment c
JOIN django_content_type ct ON ct.id = c.content_type_id
    AND ct.app_label = 'feed' AND ct.model = 'post'
JOIN feed_post p ON p.id = c.object_id
LEFT JOIN feed_post o ON o.id = p.shared_post_id
WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL AND p.hidden_at IS NULL
  AND p.kind NOT IN ('thread', 'article', 'wiki_page')
ON CONFLICT (kind, object_id) DO NOTHING
"""
INDEX_POST_TAGS = """
INSERT INTO search_searchdocumenttag (document_id, tag_id)
SELECT d.id, tp.tag_id FROM search_searchdocument d
JOIN feed_taggedpost tp ON tp.content_object_id = d.object_id
WHERE d.kind = 'post'
ON CONFLICT DO NOTHING
"""


def compare_with_sources(sources) -> None:
    """Check the SQL mapping against the registered ``document`` of a sample of objects."""
    from search.models import SearchDocument

    rng = random.Random(5)
    fields = ["title", "keywords", "body", "subtitle", "url", "community_id",
              "origin_community_id", "author_id", "engagement", "created_at"]  # fmt: skip
    for kind in ("post", "comment"):
        source = sources.get(kind)
        if source is None:
            continue
        stored = SearchDocument.objects.filter(kind=kind).order_by("object_id")
        low, high = stored.first(), stored.last()
        if low is None:
            continue
        sample = [rng.randint(low.object_id, high.object_id) for _ in range(40)]
        differences, examples = collections.Counter(), []
        for obj in source.queryset().filter(pk__in=sample):
            document = source.document(obj)
            stored = SearchDocument.objects.filter(kind=kind, object_id=obj.pk).first()
            if document is None or stored is None:
                differences["presence"] += (document is None) != (stored is None)
                continue
            row = document.row()
            for name in fields:
                mine, theirs = getattr(stored, name), row[name]
                if name == "keywords":  # The same tags, in any order.
                    mine, theirs = sorted(mine.split()), sorted(theirs.split())
                if mine != theirs:
                    differences[name] += 1
                    if len(examples) < 3:
                        examples.append((kind, obj.pk, name, mine, theirs))
            tags = set(stored.tag_items.values_list("tag_id", flat=True))
            if tags != set(document.tag_ids):
                differences["tags"] += 1
        if differences:
            print(f"WARNING: the SQL {kind} documents differ from {kind}'s search.py in "
                  f"{dict(differences)} (of a sample of {len(sample)}): {examples}")  # fmt: skip
        else:
            print(f"The SQL {kind} documents match {kind}'s search.py (a sample of 40).")


def reindex() -> None:
    """Time ``manage.py search_reindex`` on the whole seeded database (it rewrites every
    document: best run on a copy, ``createdb -T kolega_searchbench kolega_searchbench_copy``)."""
    from django.core.management import call_command, get_commands
    from django.db import connection

    from search.models import SearchDocument

    if "search_reindex" not in get_commands():
        print("manage.py search_reindex does not exist yet.")
        return
    before = collections.Counter(SearchDocument.objects.values_list("kind", flat=True))
    print(f"\nmanage.py search_reindex on {sum(before.values())} documents…")
    started = time.perf_counter()
    call_command("search_reindex")
    seconds = time.perf_counter() - started
    after = collections.Counter(SearchDocument.objects.values_list("kind", flat=True))
    with connection.cursor() as cursor:  # Every row was rewritten: clear the dead ones.
        cursor.execute("VACUUM ANALYZE search_searchdocument")
        cursor.execute("VACUUM ANALYZE search_searchdocumenttag")
    print(f"search_reindex: {seconds:.0f} s; documents before {dict(before)}, after {dict(after)}")


# --- measuring -----------------------------------------------------------------------------


def corpus_queries(count: int, seed: int):
    """``count`` queries of 1-3 words taken from documents of the index, a 3-6 letter prefix
    of one of their words for search-as-you-type, and the most common word."""
    from django.db import connection

    rng = random.Random(seed)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(id), max(id) FROM search_searchdocument WHERE kind IN ('post', 'comment')"
        )
        low, high = cursor.fetchone()
        cursor.execute(
            "SELECT body FROM search_searchdocument WHERE id = ANY(%s) ORDER BY id",
            [sorted({rng.randint(low, high) for _ in range(3000)})],
        )
        bodies = [row[0] for row in cursor.fetchall()]
    frequency = collections.Counter()
    words_of = []
    for body in bodies:
        words = [w for w in WORD.findall(body.lower()) if w not in STOPWORDS]
        words_of.append(words)
        frequency.update(set(words))
    queries, prefixes = [], []
    usable = [w for w in words_of if w]
    while len(queries) < count:
        words = rng.choice(usable)
        size = min(len(words), rng.choices((1, 2, 3), (45, 35, 20))[0])
        start = rng.randrange(len(words) - size + 1)
        chosen = list(dict.fromkeys(words[start : start + size]))
        queries.append(" ".join(chosen))
        word = rng.choice(chosen)
        prefixes.append(word[: rng.randint(3, min(6, len(word)))])
    common = frequency.most_common(1)[0][0]
    return queries, prefixes, common, frequency


def match_counts(queries: list[str]) -> dict[str, int]:
    """How many documents hold every word of each query (in any of the three text search
    configurations; before the visibility rule, not as prefixes): how hard each query is."""
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for q in queries:
            words = q.split()
            each = " && ".join(
                "(plainto_tsquery('english', %s) || plainto_tsquery('indonesian', %s)"
                " || plainto_tsquery('simple', %s))"
                for _ in words
            )
            cursor.execute(
                f"SELECT count(*) FROM search_searchdocument WHERE vector @@ ({each})",
                [w for w in words for _ in range(3)],
            )
            counts[q] = cursor.fetchone()[0]
    return counts


def wait_for_engine(args) -> str:
    """``api`` when /api/v1/search/ answers, ``selectors`` when only the engine is there."""
    from django.urls import Resolver404, resolve

    def api() -> bool:
        try:
            resolve("/api/v1/search/")
            resolve("/api/v1/search/suggest/")
        except Resolver404:
            return False
        return True

    def engine() -> bool:
        try:
            selectors = importlib.import_module("search.selectors")
        except ImportError:
            return False
        return hasattr(selectors, "search_documents") and hasattr(selectors, "search_suggest")

    if not engine():
        sys.exit("search.selectors (search_documents, search_suggest) is not there yet.")
    if args.in_process or not api():
        print("\nMeasuring search_documents / search_suggest in-process (no API).")
        return "selectors"
    return "api"


def measure(args) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from communities.models import Community, Membership, MembershipState
    from core.runtime import settle_heap
    from feed.models import Comment, Post
    from profiles.models import User
    from search.models import SearchDocument

    mode = wait_for_engine(args)
    from search.selectors import SearchParams, search_documents, search_suggest

    viewer = User.objects.get(username=VIEWER)
    kinds = collections.Counter(SearchDocument.objects.values_list("kind", flat=True))
    print(
        f"\nData: {User.objects.count()} people, {Community.objects.count()} communities "
        f"({dict(collections.Counter(Community.objects.values_list('type', flat=True)))}), "
        f"{Post.objects.count()} posts, {Comment.objects.count()} comments; "
        f"{sum(kinds.values())} search documents {dict(kinds)}."
    )
    mine = Membership.objects.filter(user=viewer, state=MembershipState.ACTIVE).count()
    visible = SearchDocument.objects.visible_to(viewer).count()
    print(f"Viewer {VIEWER}: member of {mine} communities; {visible} documents visible to them.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('search_searchdocument')), "
            "pg_size_pretty(pg_relation_size('search_doc_vector'))"
        )
        total, gin = cursor.fetchone()
    print(f"search_searchdocument: {total} with its indexes, the GIN index {gin}.")

    queries, prefixes, common, frequency = corpus_queries(args.queries, args.seed)
    print(f"{len(queries)} queries, e.g. {queries[:6]}; prefixes e.g. {prefixes[:6]}; most "
          f"common word {common!r} (in {frequency[common]} of the sampled documents).")  # fmt: skip

    # One person firing 400 searches a minute: lift the per-person limit (the check still runs).
    settings.SEARCH_RATE_LIMIT = 1_000_000
    client = Client()
    client.force_login(viewer)

    if mode == "api":
        from urllib.parse import urlencode

        def run_search(q):
            response = client.get("/api/v1/search/?" + urlencode({"q": q}))
            assert response.status_code == 200, (q, response.status_code)
            return response

        def run_suggest(q):
            response = client.get("/api/v1/search/suggest/?" + urlencode({"q": q}))
            assert response.status_code == 200, (q, response.status_code)
            return response

        names = ("GET /api/v1/search/", "GET /api/v1/search/suggest/")
    else:

        def run_search(q):
            return search_documents(viewer, SearchParams(q=q))

        def run_suggest(q):
            return search_suggest(viewer, q)

        names = ("search_documents()", "search_suggest()")

    settle_heap()  # What esn/asgi.py and esn/wsgi.py do before a server process serves.
    print(f"\nLoad average before: {load()}")
    print(
        f"\n{'request':30} {'n':>4} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
        f"{'cpu p50':>8} {'sql p50':>8} {'queries':>8}"
    )
    results = {}
    for name, run, inputs in ((names[0], run_search, queries), (names[1], run_suggest, prefixes)):
        for q in inputs[:5]:  # Warm the connection, the code paths and PostgreSQL's buffers.
            run(q)
        timings, cpu, sql, counts = [], [], [], collections.Counter()
        for q in inputs:  # Timed without query capture (its bookkeeping is not the server's).
            started, processor = time.perf_counter(), time.process_time()
            run(q)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - processor) * 1000)
        for q in inputs[: min(len(inputs), 50)]:  # Then the queries and their time, on a sample.
            with CaptureQueriesContext(connection) as captured:
                run(q)
            counts[len(captured)] += 1
            sql.append(sum(float(x["time"]) for x in captured.captured_queries) * 1000)
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        results[name] = (p50, p95, timings, inputs)
        count = "/".join(str(c) for c in sorted(counts))
        print(
            f"{name:30} {len(timings):4d} {p50:7.1f} {p95:7.1f} {max(timings):7.1f} "
            f"{statistics.median(cpu):8.1f} {statistics.median(sql):8.1f} {count:>8}"
        )
    print(f"Load average after: {load()}")

    matches = match_counts(queries)
    ordered = sorted(matches.values())
    print(
        f"\nDocuments holding every word of a query: p50 {percentile(ordered, 0.5)}, "
        f"p90 {percentile(ordered, 0.9)}, max {ordered[-1]}; "
        f"{sum(n > 500 for n in ordered)} of {len(ordered)} distinct queries match over 500, "
        f"{sum(n == 0 for n in ordered)} none."
    )
    search_p95, suggest_p95 = results[names[0]][1], results[names[1]][1]
    print(
        f"\nTargets: results p95 < 100 ms: {'met' if search_p95 < 100 else 'MISSED'} "
        f"({search_p95:.1f} ms); search-as-you-type p95 < 50 ms: "
        f"{'met' if suggest_p95 < 50 else 'MISSED'} ({suggest_p95:.1f} ms)."
    )
    for name in names:
        _, _, timings, inputs = results[name]
        slowest = sorted(zip(timings, inputs, strict=True), reverse=True)[:5]
        print(
            f"Slowest {name}: "
            + ", ".join(
                f"{q!r} {t:.0f} ms" + (f" ({matches[q]} matches)" if name == names[0] else "")
                for t, q in slowest
            )
        )
    timing = dict(zip(results[names[0]][3], results[names[0]][2], strict=True))
    typical = min(queries, key=lambda q: abs(timing[q] - results[names[0]][0]))
    for label, q in (("typical", typical), ("most common word", common)):
        with CaptureQueriesContext(connection) as captured:
            result = search_documents(viewer, SearchParams(q=q))
        print(
            f"\n{label} query {q!r}: {result.total} results, counts {result.counts}, "
            f"{len(captured)} queries, SQL "
            f"{sum(float(x['time']) for x in captured.captured_queries) * 1000:.1f} ms"
        )
        if not args.no_explain:
            explain(captured.captured_queries)
    with CaptureQueriesContext(connection) as captured:
        search_suggest(viewer, common[:3])
    print(f"\nsuggest {common[:3]!r}: {len(captured)} queries, SQL "
          f"{sum(float(x['time']) for x in captured.captured_queries) * 1000:.1f} ms")  # fmt: skip
    if not args.no_explain:
        explain(captured.captured_queries)


def explain(captured) -> None:
    """Every query with its time; EXPLAIN (ANALYZE, BUFFERS) of those that match text
    (``@@``, trigrams) or took 5 ms or more."""
    from django.db import connection

    with connection.cursor() as cursor:
        for number, query in enumerate(captured, 1):
            sql, ms = query["sql"], float(query["time"]) * 1000
            print(f"-- query {number} ({ms:.1f} ms): {' '.join(sql.split())[:160]}")
            if "@@" in sql or " % " in sql or "similarity(" in sql or ms >= 5:
                print(f"\n{sql}\n")
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                print("\n".join(row[0] for row in cursor.fetchall()) + "\n")


if __name__ == "__main__":
    main()
