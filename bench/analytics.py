"""Benchmark the analytics rollups and the adoption selectors on a big company (PostgreSQL).

Seeds 5,000 people in 20 departments and 6 offices and 2,000,000 events over the last year
straight into the event log (``COPY``; a realistic mix of verbs, weekdays busier than
weekends, a few heavy users and many light ones, 15 % of the activity in communities of which
a third private), then times:

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
"""

import argparse
import datetime
import io
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
    elif User.objects.exists() or Event.objects.exists():
        sys.exit("The database has people or events already: use --reuse, or an empty database.")
    else:
        seed(args)
    measure(args)


# --- seeding -------------------------------------------------------------------------------


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
            buffer.write(
                f"{verb}\t{pk}\tbench\t{rng.randint(1, 10**7)}\t{community}\t{public}\t"
                f"{department}\t{office}\t{when.isoformat()}\t{payloads[verb]}\n"
            )
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.copy_expert(copy, buffer)
        written += size
        print(f"  {written:,} events ({span / 86400:.0f} days)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE analytics_event")
    print(f"Seeded in {time.perf_counter() - started:.1f} s")


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
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    settle_heap()
    print(f"\nLoad average before: {os.getloadavg()[0]:.1f}")
    print(f"dashboard APIs as a leader, {args.repeat} requests each  "
          "p50 ms   p95 ms  cpu p50  queries")  # fmt: skip
    worst = 0.0
    for dashboard in DASHBOARDS:
        path = "/api/v1/analytics/" + (dashboard.api_path or f"{dashboard.slug}/")
        for label, params in (("90 days", {}), ("one year", year)):
            try:
                for _ in range(3):  # Warm the code paths and PostgreSQL's buffers.
                    response = client.get(path, params)
                    assert response.status_code == 200, response.status_code
            except Exception as error:  # noqa: BLE001 (a dashboard being built: say so)
                print(f"{dashboard.slug + ', ' + label:<40} failed: {error!r}"[:120])
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
            print(f"{dashboard.slug + ', ' + label:<40} {1000 * statistics.median(seconds):7.1f} "
                  f"{p95:8.1f} {cpu_p50} {len(captured):8d}")  # fmt: skip
    print(f"Load average after: {os.getloadavg()[0]:.1f}")
    print(f"slowest dashboard API p95 {worst:.1f} ms (target < 300 ms)")


if __name__ == "__main__":
    main()
