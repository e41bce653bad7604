"""Benchmark the people and community pages and API on a large demo company.

Seeds ``--users`` people into the configured database when it has fewer, then requests
each page ``--repeat`` times through Django's test client (in-process, no network) and
prints p50/p95 latency and the number of SQL queries per request.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kolega_bench \\
        .venv/bin/python bench/pages.py --users 10000 --repeat 30
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# The test settings: production code paths, no HTTPS redirect, static files from finders.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esn.test_settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from profiles.models import User

    if User.objects.count() < args.users:
        if User.objects.exists():
            sys.exit("The database has some people but fewer than --users; use an empty one.")
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("seed_demo", users=args.users, verbosity=0)
        print(f"seed_demo --users {args.users}: {time.perf_counter() - started:.1f} s")

    viewer = User.objects.filter(is_active=True, manager__isnull=False).order_by("pk").first()
    busy = (
        User.objects.filter(is_active=True)
        .order_by("-direct_reports__id")
        .values_list("username", flat=True)
        .first()
    )
    client = Client()
    client.force_login(viewer)
    pages = {
        "home": "/",
        "directory": "/people/",
        "directory filtered": f"/people/?department={viewer.department.slug}&q=a",
        "profile (many reports)": f"/people/{busy}/",
        "followers": f"/people/{busy}/followers/",
        "org chart top": "/people/org-chart/",
        "api people": "/api/v1/people/",
        "api me": "/api/v1/me/",
        "communities (all)": "/communities/",
        "communities (mine)": "/communities/?scope=mine",
        "communities (suggested)": "/communities/?scope=suggested",
        "community home": "/c/announcements/",
        "community members": "/c/announcements/members/",
        "api communities": "/api/v1/communities/",
        "api community members": "/api/v1/communities/announcements/members/",
    }
    print(f"{'page':28} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for name, url in pages.items():
        timings, queries = [], 0
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries = len(captured)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        print(f"{name:28} {statistics.median(timings):8.1f} {p95:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
