"""Benchmark the home feed page and the feed API on a big company (PostgreSQL only).

Seeds 2,000 people, 100 communities and 200,000 posts with their comments and reactions
(the demo company, ``feed.demo`` at scale and extra communities), gives one person 200
followees and 10 communities, then requests the home page ``/``, ``/api/v1/feed/``,
``/api/v1/feed/?limit=50`` and the API's second page ``--repeat`` times each through
Django's test client (in-process, no network) and prints p50/p95 server time and the SQL
queries per request, with the Python CPU time and the SQL time of each request (steadier than
the wall time on a busy machine). Last, ``EXPLAIN (ANALYZE, BUFFERS)`` of every query
``feed_home`` runs.

    createdb -h 127.0.0.1 -U postgres kolega_feedbench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kolega_feedbench \\
        .venv/bin/python bench/feed.py            # seeds (minutes), then measures
    ... bench/feed.py --reuse                     # measures an already-seeded database
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# The test settings: production code paths, no HTTPS redirect, static files from finders.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esn.test_settings")

VIEWER = "budi.santoso"
CODENAMES = [
    "Atlas", "Borobudur", "Cendrawasih", "Komodo", "Rinjani", "Merapi", "Mahakam", "Musi",
    "Krakatau", "Bromo", "Toba", "Sumba", "Halmahera", "Kapuas", "Lorentz", "Tidore",
]  # fmt: skip
GROUPS = [
    "Data Guild", "Mobile Guild", "Security Champions", "Sales Academy", "Mentoring Circle",
    "Women@Kolega", "Toastmasters Jakarta", "New Joiners", "Customer Voice", "Agile Coaches",
    "Cycling Bandung", "Yoga Lunch", "Chess Club", "Board Games", "Gaming", "K-Drama Fans",
    "Hiking Jawa Barat", "Scuba Diving", "Cooking Club", "Volunteers", "Surabaya Office",
    "Medan Office", "Yogyakarta Office", "Singapore Office", "Bandung Office", "Jakarta HQ Floor 9",
    "Jakarta HQ Floor 12", "Excel Wizards", "Power BI Users", "Kotlin Corner", "Go Gophers",
    "Pythonistas", "Design Critique", "Brand Ambassadors", "Fleet Drivers Jawa",
    "Warehouse Leads", "Quality Circle", "Procurement Network", "Legal Q&A", "Tax Clinic",
    "Payroll Questions", "Learning Hub", "Hackathon 2026", "Innovation Lab", "Pantry Crew",
]  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=2_000)
    parser.add_argument("--communities", type=int, default=100)
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--conversation", type=float, default=1.0,
                        help="Scale comments, reactions and votes (default 1).")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reuse", action="store_true",
                        help="Measure the database as it is if it is seeded already.")  # fmt: skip
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument("--api-only", action="store_true", help="Skip the HTML pages.")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench/feed.py measures PostgreSQL only: set DATABASE_URL=postgres://...")
    call_command("migrate", verbosity=0)

    from feed.models import Post
    from profiles.models import User

    seeded = User.objects.filter(username=VIEWER).exists() and Post.objects.exists()
    if seeded and args.reuse:
        print(f"Reusing the seeded database: {Post.objects.count()} posts.")
    elif User.objects.exists():
        sys.exit(
            "The database already has people. Use --reuse to measure it as it is, or an empty "
            "database (dropdb / createdb kolega_feedbench)."
        )
    else:
        seed(args)
    measure(args)


# --- seeding -------------------------------------------------------------------------------


def seed(args) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from feed.demo import demo_feed_seed
    from feed.models import Post
    from profiles.demo.seed import demo_company_seed
    from profiles.models import User

    started = time.perf_counter()
    today = timezone.localdate()
    print(f"Seeding the demo company with {args.users} people and its default history…")
    company = demo_company_seed(seed=args.seed, users=args.users, today=today, log=print).company
    by_name = dict(User.objects.values_list("username", "pk"))
    ids = [by_name[p.username] for p in company.people]
    with transaction.atomic():
        extra_communities(args, company, ids, today)
        make_viewer(args, ids)
    remaining = args.posts - Post.objects.count()
    if remaining > 0:
        print(f"Adding {remaining} posts of history at scale…")
        with transaction.atomic():
            demo_feed_seed(
                company=company, ids=ids, seed=args.seed + 1, today=today, posts=remaining,
                conversation=args.conversation, showcase=False, log=print,
            )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Seeded in {time.perf_counter() - started:.0f} s.")


def extra_communities(args, company, ids, today) -> None:
    """Top the demo's communities up to ``--communities`` with squads, guilds, offices and
    clubs of plausible sizes (mostly public, some private, a few secret)."""
    from communities.models import Community, CommunityType, Membership, Role

    existing = Community.objects.count()
    rng = random.Random(args.seed * 31 + 5)
    names = [f"Project {c}" for c in CODENAMES] + GROUPS
    taken = set(Community.objects.values_list("slug", flat=True))
    everyone = list(range(len(ids)))
    rows, members = [], []
    for number in range(args.communities - existing):
        name = names[number] if number < len(names) else f"Squad {number + 1}"
        kind = rng.choices(
            [CommunityType.PUBLIC, CommunityType.PRIVATE, CommunityType.SECRET], [75, 20, 5]
        )[0]
        size = min(len(ids), max(5, int(rng.lognormvariate(3.6, 0.9))))
        people = rng.sample(everyone, k=size)
        created = timezone_aware(today - datetime.timedelta(days=rng.randint(120, 900)))
        slug = slugify_free(name, taken)
        rows.append(
            Community(
                name=name,
                slug=slug,
                type=kind,
                created_by_id=ids[people[0]],
                created_at=created,
                description=f"{name}: news, questions and plans. Members from across the company.",
            )  # fmt: skip
        )
        members.append((people, created))
    Community.objects.bulk_create(rows)
    memberships = []
    for community, (people, created) in zip(rows, members, strict=True):
        for rank, person in enumerate(people):
            role = Role.OWNER if rank == 0 else Role.ADMIN if rank <= 2 else Role.MEMBER
            memberships.append(
                Membership(community_id=community.pk, user_id=ids[person], role=role,
                           created_at=created + datetime.timedelta(days=rng.randint(0, 90)))
            )  # fmt: skip
    Membership.objects.bulk_create(memberships, batch_size=5000)
    print(f"Added {len(rows)} communities with {len(memberships)} members.")


def make_viewer(args, ids) -> None:
    """The measured person follows exactly 200 people and is in exactly 10 communities."""
    from communities.models import Community, CommunityType, Membership, MembershipState, Role
    from profiles.models import Follow, User

    rng = random.Random(args.seed * 17 + 3)
    viewer = User.objects.get(username=VIEWER)
    follows = sorted(Follow.objects.filter(follower=viewer).values_list("followee_id", flat=True))
    if len(follows) > 200:
        Follow.objects.filter(follower=viewer, followee_id__in=follows[200:]).delete()
    others = [pk for pk in ids if pk != viewer.pk and pk not in set(follows)]
    Follow.objects.bulk_create(
        Follow(follower=viewer, followee_id=pk)
        for pk in rng.sample(others, k=max(0, 200 - len(follows)))
    )
    mine = Membership.objects.filter(user=viewer, state=MembershipState.ACTIVE)
    active = list(mine.order_by("community__slug").values_list("community_id", flat=True))
    if len(active) > 10:
        keep = active[:10]
        mine.exclude(community_id__in=keep).delete()
    else:
        candidates = list(
            Community.objects.filter(type=CommunityType.PUBLIC, is_archived=False)
            .exclude(memberships__user=viewer)
            .order_by("slug")
            .values_list("pk", flat=True)
        )
        Membership.objects.bulk_create(
            Membership(community_id=pk, user=viewer, role=Role.MEMBER)
            for pk in rng.sample(candidates, k=10 - len(active))
        )
    print(f"{VIEWER} follows 200 people and is a member of 10 communities.")


def timezone_aware(day: datetime.date) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))


def slugify_free(name: str, taken: set[str]) -> str:
    from django.utils.text import slugify

    base = slugify(name) or "community"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


# --- measuring -----------------------------------------------------------------------------


def measure(args) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from communities.models import Community, Membership, MembershipState
    from core.runtime import settle_heap
    from feed import selectors
    from feed.models import Comment, Post, Reaction
    from profiles.models import Follow, User

    viewer = User.objects.get(username=VIEWER)
    post_type = ContentType.objects.get_for_model(Post)
    print(
        f"\nData: {User.objects.count()} people, {Community.objects.count()} communities, "
        f"{Post.objects.count()} posts, {Comment.objects.count()} comments, "
        f"{Reaction.objects.filter(content_type=post_type).count()} reactions on posts and "
        f"{Reaction.objects.exclude(content_type=post_type).count()} on comments."
    )
    followees = Follow.objects.filter(follower=viewer).count()
    communities = Membership.objects.filter(user=viewer, state=MembershipState.ACTIVE).count()
    reachable = Post.objects.visible_to(viewer).filter(selectors.home_sources(viewer)).count()
    print(
        f"Viewer {VIEWER}: follows {followees} people, member of {communities} communities; "
        f"{reachable} posts in their home feed."
    )

    client = Client()
    client.force_login(viewer)
    first = client.get("/api/v1/feed/").json()
    pages = {
        "home page / (HTML)": "/",
        "GET /api/v1/feed/": "/api/v1/feed/",
        "GET /api/v1/feed/?limit=50": "/api/v1/feed/?limit=50",
        "GET /api/v1/feed/ page 2": first["next"],
        "company page (HTML)": "/feed/company/",
    }
    if args.api_only:
        pages = {name: url for name, url in pages.items() if "api" in url}
    # What esn/asgi.py and esn/wsgi.py do before a server process serves.
    settle_heap()
    results = {}
    print(f"\nLoad average before: {load()}")
    print(
        f"\n{'request':28} {'n':>4} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
        f"{'cpu p50':>8} {'sql p50':>8} {'queries':>8}"
    )
    for name, url in pages.items():
        for _ in range(5):  # Warm caches (templates, the connection, PostgreSQL's buffers).
            client.get(url)
        timings, cpu, sql, queries = [], [], [], set()
        # Timed without query capture (its bookkeeping is not the server's work)...
        for _ in range(args.repeat):
            started, processor = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - processor) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        # ...then the queries and their time, on a sample.
        for _ in range(min(args.repeat, 50)):
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            queries.add(len(captured))
            sql.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
        count = "/".join(str(q) for q in sorted(queries))
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        results[name] = (p50, p95, queries)
        print(
            f"{name:28} {len(timings):4d} {p50:7.1f} {p95:7.1f} {max(timings):7.1f} "
            f"{statistics.median(cpu):8.1f} {statistics.median(sql):8.1f} {count:>8}"
        )
    print(f"Load average after: {load()}")

    api20, api50 = results["GET /api/v1/feed/"], results["GET /api/v1/feed/?limit=50"]
    if api20[2] != api50[2]:
        extra = query_shapes(client, "/api/v1/feed/?limit=50") - query_shapes(
            client, "/api/v1/feed/"
        )
        print("Queries only with 50 items:", *sorted(extra), sep="\n  ")
    print(
        f"\nTargets: API page of 20 p95 < 60 ms: {'met' if api20[1] < 60 else 'MISSED'} "
        f"({api20[1]:.1f} ms); same queries for 20 and 50 items: "
        f"{'met' if api20[2] == api50[2] else 'MISSED'} ({sorted(api20[2])} vs {sorted(api50[2])})."
    )
    if not args.no_explain:
        explain(viewer)


def query_shapes(client, url: str) -> set[str]:
    """The queries a request runs, numbers blanked, each cut to its first 120 characters."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return {re.sub(r"\d+", "N", q["sql"])[:120] for q in captured.captured_queries}


def load() -> str:
    """The machine's load average (the timings mean little when other work competes)."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def explain(viewer) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of every query the home feed runs, as captured."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from feed import selectors

    with CaptureQueriesContext(connection) as captured:
        selectors.feed_home(viewer, limit=20)
    print(f"\nfeed_home(viewer, limit=20) ran {len(captured)} queries:")
    with connection.cursor() as cursor:
        for number, query in enumerate(captured.captured_queries, 1):
            sql = query["sql"]
            print(f"\n-- query {number} ({float(query['time']) * 1000:.1f} ms)\n{sql}\n")
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
