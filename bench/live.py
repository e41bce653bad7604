"""Benchmark live delivery: from a post's commit to the message on 100 open sockets.

A real uvicorn server runs Kolega's ASGI application in another process; ``--sockets`` real
WebSocket clients (signed-in colleagues who follow the author) listen on ``/ws/live/``; this
process publishes ``--posts`` posts through ``post_create``. The message goes through the
Redis channel layer from this process to the server's, so REDIS_URL is required (and a
PostgreSQL DATABASE_URL is what the numbers are meant for). For each post it records when the
transaction committed and when each socket got the first message naming it, and prints p50
and p95 over every (post, socket) pair, the p95 of the slowest socket per post, and how long
the fan-out took inside the request.

Three runs: company-wide (one message for every employee's socket, "home" added on the
followers' sockets); a private community (one message naming its members, which the other
sockets drop); and the same private community sent to each member's own group, as small
restricted audiences are (``feed.live.BY_NAME_LIMIT``).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kolega_bench \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/live.py --sockets 100 --posts 60
"""

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esn.test_settings")

PREFIX = "livebench"


def percentile(values, fraction: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, round(fraction * (len(values) - 1))))
    return values[index]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    """uvicorn serving esn.asgi:application in its own process (same settings and env)."""
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "esn.asgi:application", "--host", "127.0.0.1",
         "--port", str(port), "--lifespan", "off", "--log-level", "warning", "--no-access-log"],
        cwd=ROOT,
        env=os.environ.copy(),
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("The uvicorn server did not start.")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    sys.exit("The uvicorn server did not start in 30 s.")


def prepare(sockets: int):
    """The author, ``sockets`` readers following her, a private community of them all; and a
    session cookie per reader. Idempotent; earlier bench posts are removed."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from communities.models import Community, CommunityType, Membership, Role
    from feed.models import Post
    from profiles.models import Follow, User

    call_command("migrate", verbosity=0)
    author, _ = User.objects.get_or_create(
        username=f"{PREFIX}-author", defaults={"display_name": "Live Bench Author"}
    )
    readers = []
    for number in range(sockets):
        reader, _ = User.objects.get_or_create(
            username=f"{PREFIX}-reader-{number:04d}",
            defaults={"display_name": f"Reader {number}"},
        )
        readers.append(reader)
    Follow.objects.bulk_create(
        [Follow(follower=r, followee=author) for r in readers], ignore_conflicts=True
    )
    community, _ = Community.objects.get_or_create(
        slug=f"{PREFIX}-private",
        defaults={"name": "Live bench (private)", "type": CommunityType.PRIVATE,
                  "created_by": author},
    )  # fmt: skip
    Membership.objects.get_or_create(
        community=community, user=author, defaults={"role": Role.OWNER}
    )
    Membership.objects.bulk_create(
        [Membership(community=community, user=r) for r in readers], ignore_conflicts=True
    )
    Post.objects.filter(author=author).delete()
    cookies = []
    for reader in readers:
        client = Client()
        client.force_login(reader)
        cookies.append(
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    return author, community, cookies


class Listener:
    """One open page: a WebSocket client recording when news of each post arrives."""

    def __init__(self):
        self.first: dict[int, float] = {}
        self.ready = asyncio.Event()

    async def run(self, url: str, cookie: str, origin: str, stop: asyncio.Event):
        from websockets.asyncio.client import connect

        async with connect(url, additional_headers=[("Cookie", cookie), ("Origin", origin)],
                           max_queue=None) as ws:  # fmt: skip
            self.ready.set()
            receiving = asyncio.ensure_future(self._receive(ws))
            await stop.wait()
            receiving.cancel()

    async def _receive(self, ws):
        async for text in ws:
            arrived = time.perf_counter()
            if text.startswith("{"):
                post = json.loads(text).get("post")
                if post is not None:
                    self.first.setdefault(post, arrived)


def publish(author, community, body: str) -> tuple[int, float, float, float]:
    """``post_create`` in a request-like thread; returns (post id, commit time, time spent
    in the after-commit fan-out, total call time)."""
    from django.db import close_old_connections, transaction

    from feed.services.posts import post_create

    close_old_connections()
    marks = {}
    started = time.perf_counter()
    with transaction.atomic():
        # Registered first, so it runs right after COMMIT, before the delivery subscribers.
        transaction.on_commit(lambda: marks.setdefault("commit", time.perf_counter()))
        post = post_create(author=author, body=body, community=community)
    finished = time.perf_counter()
    return post.pk, marks["commit"], finished - marks["commit"], finished - started


async def measure(args, author, community, cookies, port: int) -> list[dict]:
    origin = f"http://127.0.0.1:{port}"
    url = f"ws://127.0.0.1:{port}/ws/live/"
    stop = asyncio.Event()
    listeners = [Listener() for _cookie in cookies]
    tasks = []
    pages = list(zip(listeners, cookies, strict=True))
    # People open their pages a few at a time, not all in the same millisecond.
    for start in range(0, len(pages), args.connect_batch):
        batch = pages[start : start + args.connect_batch]
        tasks += [asyncio.ensure_future(page.run(url, c, origin, stop)) for page, c in batch]
        ready = (page.ready.wait() for page, _c in batch)
        await asyncio.wait_for(asyncio.gather(*ready), timeout=60)
    await asyncio.sleep(1.0)  # Every socket has joined its groups.

    rows = []
    from feed import live as feed_live

    runs = (
        ("company-wide", None, feed_live.BY_NAME_LIMIT),
        ("private, one message", community, feed_live.BY_NAME_LIMIT),
        ("private, by member", community, 10**9),
    )
    for label, place, by_name_limit in runs:
        feed_live.BY_NAME_LIMIT = by_name_limit
        latencies, slowest, fanout, calls, lost = [], [], [], [], 0
        for number in range(args.warmup + args.posts):
            post_id, committed, spent, call = await asyncio.to_thread(
                publish, author, place, f"Live bench {label} #{number}"
            )
            deadline = time.perf_counter() + 5
            while time.perf_counter() < deadline and any(
                post_id not in page.first for page in listeners
            ):
                await asyncio.sleep(0.005)
            if number < args.warmup:
                continue
            arrivals = [
                page.first[post_id] - committed for page in listeners if post_id in page.first
            ]
            lost += len(listeners) - len(arrivals)
            latencies += arrivals
            slowest.append(max(arrivals) if arrivals else float("inf"))
            fanout.append(spent)
            calls.append(call)
            await asyncio.sleep(args.pause)
        rows.append(
            {
                "placement": label,
                "posts": args.posts,
                "sockets": len(listeners),
                "p50": percentile(latencies, 0.50) * 1000,
                "p95": percentile(latencies, 0.95) * 1000,
                "p95 slowest": percentile(slowest, 0.95) * 1000,
                "after-commit p50": statistics.median(fanout) * 1000,
                "post_create p50": statistics.median(calls) * 1000,
                "lost": lost,
            }
        )
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sockets", type=int, default=100)
    parser.add_argument("--posts", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--pause", type=float, default=0.05, help="seconds between posts")
    parser.add_argument("--connect-batch", type=int, default=10, help="sockets opened at once")
    args = parser.parse_args()
    if not os.environ.get("REDIS_URL"):
        sys.exit("Set REDIS_URL: live delivery across processes needs the Redis channel layer.")

    import django

    django.setup()
    from django.conf import settings

    author, community, cookies = prepare(args.sockets)
    port = free_port()
    server = start_server(port)
    try:
        rows = asyncio.run(measure(args, author, community, cookies, port))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"\nLive delivery, commit -> message on the socket ({database}, Redis channel layer,"
          f" uvicorn in another process)\n")  # fmt: skip
    columns = ["placement", "posts", "sockets", "p50", "p95", "p95 slowest", "after-commit p50",
               "post_create p50", "lost"]  # fmt: skip
    print(" | ".join(f"{c:>16}" if i else f"{c:<20}" for i, c in enumerate(columns)))
    print("-" * (19 * len(columns) + 4))
    for row in rows:
        cells = []
        for i, column in enumerate(columns):
            value = row[column]
            text = f"{value:.1f} ms" if isinstance(value, float) else str(value)
            cells.append(f"{text:>16}" if i else f"{text:<20}")
        print(" | ".join(cells))
    print(
        "\np50/p95: over every (post, socket) pair; p95 slowest: the last of the sockets to"
        " hear, per post;\nafter-commit: time in the request after COMMIT (every subscriber)."
    )


if __name__ == "__main__":
    main()
