"""Benchmark the analytics rollups and the adoption selectors on a big company (PostgreSQL).

Seeds 5,000 people in 20 departments and 6 offices and 2,000,000 events over the last year
straight into the event log (``COPY``; a realistic mix of verbs, weekdays busier than
weekends, a few heavy users and many light ones, 15 % of the activity in communities of which
a third private; comments, replies, reactions, shares, accepted answers and mentions name the
people they act on, mostly of the actor's own and neighbouring departments) and a year of
scored writing (``bench/analytics_content.py``: about 500,000 posts, comments, threads,
replies and articles with their sentiment rows, tags and key phrases), then times:

- the full backfill (``rollup_range`` over the year, as ``manage.py analytics_backfill``),
- the hourly incremental run (``rollup_today``: today, its week, its month, today's people),
- the nightly day close (``close_day``: yesterday),
- p50 / p95 of the adoption selectors the dashboards call (engage over 30 days, attract
  over 13 weeks, retention over 12 weeks; company-wide and for one department),
- p50 / p95 of every registered dashboard's API (``analytics.dashboards.DASHBOARDS``) through
  Django's test client as a leader: the default filters (the last 90 days) and the last year.

Targets (issue 8, on the 2-core machine): hourly under 10 s, nightly under 60 s, dashboard
APIs p95 under 300 ms.

    createdb -h 127.0.0.1 -U postgres kolega_analyticsbench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kolega_analyticsbench \\
        .venv/bin/python bench/analytics.py          # seeds (a few minutes), then measures
    ... bench/analytics.py --reuse                   # measures an already-seeded database
    ... bench/analytics.py --reuse --skip-backfill --apis-only --repeat 100   # the APIs only
    ... --reuse --skip-backfill --apis-only --no-cache --dashboard departments  # one, uncached
    ... --reuse --add-interactions ...   # a database seeded before the events named people
    ... --reuse --add-content ...        # a database seeded without the scored writing
"""

import argparse
import datetime
import io
import itertools
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esn.test_settings")

# verb, weight, payload: the mix of a working ESN (reads and logins dominate).
VERBS = [
    ("user.logged_in", 26, {}),
    ("search.performed", 10, {"query": "cuti", "results": 3}),
    ("post.created", 9, {"kind": "post"}),
    ("comment.created", 14, {}),
    ("reaction.added", 22, {"kind": "like"}),
    ("post.shared", 1, {}),
    ("reply.created", 4, {}),
    ("thread.created", 1, {}),
    ("answer.accepted", 0.5, {}),
    ("article.published", 0.3, {}),
    ("wiki.page_edited", 1.5, {}),
    ("file.uploaded", 1.2, {}),
    ("user.followed", 2, {}),
    ("community.joined", 1, {}),
    ("file.downloaded", 5, {}),
    ("announcement.seen", 1.5, {}),
]
# The person acted on, by payload key (as the services publish them; read by the departments
# dashboard's matrix, ``analytics.selectors.departments.ONE_PERSON`` / ``MANY_PEOPLE``):
# verb -> (key always set, (second key, how often), how often people are mentioned).
INTERACTIONS = {
    "reaction.added": ("target_author_id", None, 0),
    "comment.created": ("target_author_id", ("parent_author_id", 0.3), 0.05),
    "reply.created": ("thread_author_id", ("quoted_author_id", 0.2), 0.05),
    "post.shared": ("original_author_id", None, 0),
    "answer.accepted": ("reply_author_id", None, 0),
    "post.created": (None, None, 0.08),
    "thread.created": (None, None, 0.08),
    "article.published": (None, None, 0.08),
}
# Where the people acted on work: mostly the actor's own department, then its two
# neighbours on each side (departments numbered in a ring), rarely anywhere.
OWN_DEPARTMENT, NEIGHBOURS = 0.6, 0.35
VERBS_PAYLOADS = {verb: payload for verb, _weight, payload in VERBS}
COMMUNITY_VERBS = {
    "post.created",
    "comment.created",
    "reaction.added",
    "reply.created",
    "thread.created",
    "file.uploaded",
    "wiki.page_edited",
    "community.joined",
}


def seed_content(*, days: int) -> None:
    from analytics_content import seed_content as seed_writing

    started = time.perf_counter()
    items = seed_writing(days=days)
    print(f"{items:,} scored items in {time.perf_counter() - started:.1f} s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=5_000)
    parser.add_argument("--events", type=int, default=2_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reuse", action="store_true",
                        help="Measure the database as it is if it is seeded already.")  # fmt: skip
    parser.add_argument("--skip-backfill", action="store_true",
                        help="With --reuse: the rollups are there already.")  # fmt: skip
    parser.add_argument("--apis-only", action="store_true",
                        help="Only the dashboards' APIs (no rollups, no selectors).")  # fmt: skip
    parser.add_argument("--no-cache", action="store_true",
                        help="Compute every request (ANALYTICS_CACHE_SECONDS=0).")  # fmt: skip
    parser.add_argument("--dashboard", metavar="SLUG",
                        help="Measure this dashboard's API only.")  # fmt: skip
    parser.add_argument("--add-interactions", action="store_true",
                        help="With --reuse: give the seeded interaction events the people "
                        "they act on (databases seeded before the seed did), then roll up "
                        "their months again.")  # fmt: skip
    parser.add_argument("--add-content", action="store_true",
                        help="With --reuse: add the year of scored writing "
                        "(analytics_content.py) to a database seeded without it.")  # fmt: skip
    parser.add_argument("--no-content", action="store_true",
                        help="Seed the event log only, without the scored writing.")  # fmt: skip
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if args.no_cache:
        settings.ANALYTICS_CACHE_SECONDS = 0

    if connection.vendor != "postgresql":
        sys.exit("bench/analytics.py measures PostgreSQL only: set DATABASE_URL=postgres://...")
    call_command("migrate", verbosity=0)

    from analytics.models import Event
    from profiles.models import User

    if Event.objects.exists() and args.reuse:
        print(f"Reusing the seeded database: {Event.objects.count():,} events.")
        if args.add_interactions:
            add_interactions(args)
        if args.add_content:
            seed_content(days=args.days)
    elif User.objects.exists() or Event.objects.exists():
        sys.exit("The database has people or events already: use --reuse, or an empty database.")
    else:
        seed(args)
        if not args.no_content:
            # Before the backfill: the Conversation and Departments rollups sum these rows.
            seed_content(days=args.days)
    measure(args)


# --- seeding -------------------------------------------------------------------------------


class People:
    """Who an interaction acts on: someone of the actor's department or a neighbouring one
    (rarely anyone), the busier people more often (their writing gets more answers)."""

    def __init__(self, users: list[tuple], weights: list[float], rng: random.Random):
        self.rng = rng
        self.departments = sorted({user[2] for user in users})
        members: dict[int, tuple[list[int], list[float]]] = {}
        for (pk, _joined, department, _office), weight in zip(users, weights, strict=True):
            ids, department_weights = members.setdefault(department, ([], []))
            ids.append(pk)
            department_weights.append(weight)
        # Cumulative weights once: ``choices`` with plain weights sums them on every call.
        self.members = {
            department: (ids, list(itertools.accumulate(department_weights)))
            for department, (ids, department_weights) in members.items()
        }
        self.everyone = ([user[0] for user in users], list(itertools.accumulate(weights)))

    def one(self, department: int) -> int:
        roll = self.rng.random()
        if roll < OWN_DEPARTMENT:
            ids, cumulative = self.members[department]
        elif roll < OWN_DEPARTMENT + NEIGHBOURS:
            place = self.departments.index(department)
            step = self.rng.choice((-2, -1, 1, 2))
            ids, cumulative = self.members[self.departments[(place + step) % len(self.departments)]]
        else:
            ids, cumulative = self.everyone
        return self.rng.choices(ids, cum_weights=cumulative)[0]

    def payload(self, verb: str, department: int) -> dict:
        """The person keys of one event of ``verb`` by someone of ``department``."""
        key, second, mentions = INTERACTIONS[verb]
        found = {}
        if key:
            found[key] = self.one(department)
        if second and self.rng.random() < second[1]:
            found[second[0]] = self.one(department)
        if mentions and self.rng.random() < mentions:
            found["mentioned_user_ids"] = sorted(
                {self.one(department) for _ in range(self.rng.randint(1, 3))}
            )
        return found


def seed(args) -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from analytics import rollups
    from profiles.models import Department, Office, User

    rng = random.Random(args.seed)
    started = time.perf_counter()
    zone = rollups.company_zone()
    today = rollups.local_today()
    first_day = today - datetime.timedelta(days=args.days - 1)
    year_start = datetime.datetime.combine(first_day, datetime.time.min, zone)
    now = datetime.datetime.now(zone)
    with transaction.atomic():
        departments = Department.objects.bulk_create(
            Department(name=f"Department {n:02d}", slug=f"department-{n:02d}") for n in range(20)
        )
        offices = Office.objects.bulk_create(
            Office(name=f"Office {n}", slug=f"office-{n}", city="Jakarta") for n in range(6)
        )
        password = make_password("bench-password-42")
        people = []
        for n in range(args.users):
            # Six in ten were there before the year began; the rest joined during it.
            if rng.random() < 0.6:
                joined = year_start - datetime.timedelta(days=rng.randint(1, 1500))
            else:
                joined = year_start + datetime.timedelta(seconds=rng.random() * args.days * 86400)
            people.append(
                User(
                    username=f"bench{n}",
                    email=f"bench{n}@kolega.test",
                    password=password,
                    display_name=f"Bench Person {n}",
                    department=departments[rng.randrange(len(departments))],
                    office=offices[rng.randrange(len(offices))],
                    date_joined=joined,
                )
            )
        User.objects.bulk_create(people, batch_size=1000)
    users = list(User.objects.filter(username__startswith="bench").values_list(
        "pk", "date_joined", "department_id", "office_id"))  # fmt: skip
    print(f"{len(users):,} people in {time.perf_counter() - started:.1f} s")

    # A few heavy users, many light ones (log-normal activity).
    weights = [rng.lognormvariate(0, 1.2) for _ in users]
    verbs = [v for v, _w, _p in VERBS]
    verb_weights = [w for _v, w, _p in VERBS]
    payloads = {v: json.dumps(p) for v, _w, p in VERBS}
    people = People(users, weights, rng)
    span = (now - year_start).total_seconds()
    columns = [
        "verb",
        "actor_id",
        "object_type",
        "object_id",
        "community_id",
        "community_public",
        "department_id",
        "office_id",
        "occurred_at",
        "payload",
    ]
    copy = f"COPY analytics_event ({', '.join(columns)}) FROM STDIN"
    written, chunk = 0, 200_000
    while written < args.events:
        size = min(chunk, args.events - written)
        actors = rng.choices(users, weights=weights, k=size)
        picked = rng.choices(verbs, weights=verb_weights, k=size)
        buffer = io.StringIO()
        for (pk, joined, department, office), verb in zip(actors, picked, strict=True):
            start = max(joined, year_start)
            when = start + datetime.timedelta(seconds=rng.random() * (now - start).total_seconds())
            if when.astimezone(zone).weekday() >= 5 and rng.random() < 0.8:
                # Weekends are quiet: move most of it to the Friday before.
                when -= datetime.timedelta(days=when.astimezone(zone).weekday() - 4)
                when = max(when, start)
            community, public = r"\N", "t"
            if verb in COMMUNITY_VERBS and rng.random() < 0.3:  # About 15 % of all events.
                community = str(rng.randint(1, 120))
                public = "f" if rng.random() < 1 / 3 else "t"
            payload = payloads[verb]
            if verb in INTERACTIONS:
                payload = json.dumps(
                    {**dict(VERBS_PAYLOADS[verb]), **people.payload(verb, department)}
                )
            buffer.write(
                f"{verb}\t{pk}\tbench\t{rng.randint(1, 10**7)}\t{community}\t{public}\t"
                f"{department}\t{office}\t{when.isoformat()}\t{payload}\n"
            )
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.copy_expert(copy, buffer)
        written += size
        print(f"  {written:,} events ({span / 86400:.0f} days)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE analytics_event")
    print(f"Seeded in {time.perf_counter() - started:.1f} s")


def add_interactions(args) -> None:
    """Give the interaction events of a database seeded without them the people they act on
    (as ``seed`` does now), then roll up the departments' months again."""
    from django.db import connection, transaction

    from analytics import rollups
    from analytics.models import Event
    from profiles.models import User

    if Event.objects.filter(verb="reaction.added", payload__has_key="target_author_id").exists():
        print("The interaction events name the people they act on already.")
        return
    started = time.perf_counter()
    rng = random.Random(args.seed + 1)
    users = list(User.objects.filter(username__startswith="bench").order_by("pk").values_list(
        "pk", "date_joined", "department_id", "office_id"))  # fmt: skip
    people = People(users, [rng.lognormvariate(0, 1.2) for _ in users], rng)
    events = (
        Event.objects.filter(verb__in=sorted(INTERACTIONS), department__isnull=False)
        .order_by("id")
        .values_list("id", "verb", "department_id")
    )
    buffer, added = io.StringIO(), 0
    for pk, verb, department in events.iterator(chunk_size=20_000):
        found = people.payload(verb, department)
        if found:
            buffer.write(f"{pk}\t{json.dumps(found)}\n")
            added += 1
    buffer.seek(0)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_people (id bigint, extra jsonb) ON COMMIT DROP"
        )
        cursor.copy_expert("COPY bench_people (id, extra) FROM STDIN", buffer)
        # The log is append-only for the application; the bench seeds it directly.
        cursor.execute(
            "UPDATE analytics_event AS e SET payload = e.payload || p.extra "
            "FROM bench_people AS p WHERE e.id = p.id"
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE analytics_event")
    print(f"{added:,} interaction events name people now ({time.perf_counter() - started:.1f} s)")
    first = Event.objects.order_by("occurred_at").values_list("occurred_at", flat=True).first()
    month = rollups.month_start(first.astimezone(rollups.company_zone()).date())
    today = rollups.local_today()
    while month <= today:
        timed(f"departments rollup of {month:%Y-%m}", rollups.rollup_departments_month, month)
        month = rollups.period_bounds("month", month)[1]


# --- measuring -----------------------------------------------------------------------------


def timed(label: str, fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    seconds = time.perf_counter() - started
    print(f"{label:<44} {seconds:8.2f} s")
    return result, seconds


def measure(args) -> None:
    from django.db import connection

    from analytics import rollups, tasks
    from analytics.models import DailyActivity, Event, PeriodActivity, PersonAdoption
    from analytics.selectors.adoption import attract, engage, retention
    from profiles.models import Department

    today = rollups.local_today()
    first = Event.objects.order_by("occurred_at").values_list("occurred_at", flat=True).first()
    first_day = first.astimezone(rollups.company_zone()).date()
    if args.apis_only:
        measure_apis(args)
        return
    if not args.skip_backfill:
        units = rollups.rollup_units(first_day, today)
        done = []
        _written, _s = timed(
            f"full backfill ({(today - first_day).days + 1} days, {units} steps)",
            rollups.rollup_range,
            first_day,
            today,
            progress=done.append,
        )
    with connection.cursor() as cursor:
        for table in ("analytics_dailyactivity", "analytics_periodactivity",
                      "analytics_personadoption"):  # fmt: skip
            cursor.execute(f"ANALYZE {table}")
    print(
        f"  rows: {DailyActivity.objects.count():,} daily, {PeriodActivity.objects.count():,} "
        f"weekly/monthly, {PersonAdoption.objects.count():,} people"
    )
    last_month = rollups.month_start(rollups.month_start(today) - datetime.timedelta(days=1))
    timed(f"departments rollup of {last_month:%Y-%m}", rollups.rollup_departments_month, last_month)
    timed("departments rollup of this month", rollups.rollup_departments_month,
          rollups.month_start(today))  # fmt: skip
    hourly = [timed("hourly run (rollup_today)", tasks.rollup_today.apply)[1] for _ in range(3)]
    nightly = [timed("nightly close (close_day)", tasks.close_day.apply)[1] for _ in range(2)]

    department = Department.objects.order_by("name").first()
    month_ago = today - datetime.timedelta(days=29)
    quarter = today - datetime.timedelta(weeks=13)
    year_ago = today - datetime.timedelta(days=364)
    cases = [
        # As the dashboard calls it: without the people active per day.
        ("engage, 30 days", lambda: engage(month_ago, today, daily=False)),
        (
            "engage, 30 days, one department",
            lambda: engage(month_ago, today, department=department, daily=False),
        ),
        ("attract, 13 weeks", lambda: attract(quarter, today)),
        ("retention, 12 weeks", lambda: retention(today - datetime.timedelta(weeks=12), today)),
        ("engage, the whole year", lambda: engage(year_ago, today, daily=False)),
        ("engage, the whole year, per day too", lambda: engage(year_ago, today)),
        ("retention, the whole year", lambda: retention(year_ago, today)),
    ]
    print(f"\nselectors, {args.repeat} runs each          p50 ms    p95 ms")
    for label, run in cases:
        run()  # Warm.
        seconds = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            run()
            seconds.append(time.perf_counter() - started)
        print(f"{label:<36} {1000 * statistics.median(seconds):8.1f} "
              f"{1000 * percentile(seconds, 0.95):9.1f}")  # fmt: skip
    print(
        f"\nhourly median {statistics.median(hourly):.2f} s (target < 10 s); "
        f"nightly median {statistics.median(nightly):.2f} s (target < 60 s)"
    )
    measure_apis(args)


def backend_cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) of the PostgreSQL backend ``pid`` so far, when it runs on
    this machine and /proc is readable (else None). Parallel workers are not counted."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_apis(args) -> None:
    """Every registered dashboard's API, as a leader through Django's test client (the whole
    request: session, permissions, form, selectors, serialising, the access-log row).

    Besides wall time, the CPU the request cost: this process's plus the PostgreSQL
    backend's (parallel workers not counted). On a busy machine wall time is several times
    the CPU time; on an idle one they are close."""
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from analytics import rollups
    from analytics.dashboards import DASHBOARDS
    from core.runtime import settle_heap
    from profiles.models import User
    from profiles.roles import LEADERS

    leader, _new = User.objects.get_or_create(
        username="bench-leader", defaults={"email": "bench-leader@kolega.test"}
    )
    leader.groups.add(Group.objects.get_or_create(name=LEADERS)[0])
    client = Client()
    client.force_login(leader)
    today = rollups.local_today()
    year = {"from": (today - datetime.timedelta(days=364)).isoformat(), "to": today.isoformat()}
    # The filters a leader uses most: the biggest department and office, over the year.
    biggest = User.objects.exclude(department=None).values("department").annotate(n=Count("pk"))
    department = biggest.order_by("-n").values_list("department", flat=True).first()
    busiest = User.objects.exclude(office=None).values("office").annotate(n=Count("pk"))
    office = busiest.order_by("-n").values_list("office", flat=True).first()
    variants = (
        ("90 days", {}),
        ("one year", year),
        ("one year, one department", {**year, "department": department}),
        ("one year, one office", {**year, "office": office}),
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    settle_heap()
    print(f"\nLoad average before: {os.getloadavg()[0]:.1f}")
    print(f"dashboard APIs as a leader, {args.repeat} requests each  "
          "p50 ms   p95 ms  cpu p50  queries")  # fmt: skip
    worst = 0.0
    for dashboard in DASHBOARDS:
        if args.dashboard and dashboard.slug != args.dashboard:
            continue
        path = "/api/v1/analytics/" + (dashboard.api_path or f"{dashboard.slug}/")
        for label, params in variants:
            try:
                for _ in range(3):  # Warm the code paths and PostgreSQL's buffers.
                    response = client.get(path, params)
                    assert response.status_code == 200, response.status_code
            except Exception as error:  # noqa: BLE001 (a dashboard being built: say so)
                print(f"{dashboard.slug + ', ' + label:<44} failed: {error!r}"[:120])
                continue
            seconds, cpu = [], []
            for _ in range(args.repeat):
                before = (time.process_time(), backend_cpu_seconds(backend))
                started = time.perf_counter()
                client.get(path, params)
                seconds.append(time.perf_counter() - started)
                after = (time.process_time(), backend_cpu_seconds(backend))
                if before[1] is not None and after[1] is not None:
                    cpu.append(after[0] - before[0] + after[1] - before[1])
            with CaptureQueriesContext(connection) as captured:
                client.get(path, params)
            p95 = 1000 * percentile(seconds, 0.95)
            worst = max(worst, p95)
            cpu_p50 = f"{1000 * statistics.median(cpu):8.1f}" if cpu else "     n/a"
            print(f"{dashboard.slug + ', ' + label:<44} {1000 * statistics.median(seconds):7.1f} "
                  f"{p95:8.1f} {cpu_p50} {len(captured):8d}")  # fmt: skip
    print(f"Load average after: {os.getloadavg()[0]:.1f}")
    print(f"slowest dashboard API p95 {worst:.1f} ms (target < 300 ms)")


if __name__ == "__main__":
    main()
