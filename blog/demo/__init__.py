"""The demo company's blogs: a few dozen articles over the last 90 days.

The company blog (Internal Communications: the monthly newsletter, the townhall, policies,
meet-the-team), personal blogs (the forum's experts on VPN, closing or PPN, engineers with
code, HR on appraisals and BPJS, the CEO, a first marathon) and a few community blogs, in
Indonesian and English, in Markdown with headings (a table of contents), lists and, in the
technical ones, code. Most are published, with comments, replies and reactions; a few are
still drafts and one or two are scheduled for the coming days.

Everything goes through the services (``blog.services.articles``,
``feed.services.conversation``) and is then moved back to the plan's time, with the services'
domain events dropped, as for the forum (``forums.demo``). One ``random.Random`` stream of its
own drives every choice: the same seed, company and day give the same blogs.

``data`` (the articles), ``plan`` (who, where, when, the conversation) and ``write`` (through
the services, then backdated); this module drives them.
"""

import datetime
import random
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from blog.demo.plan import Planner, default_article_count
from blog.demo.write import Writer
from feed.demo.world import World, calendar
from forums.demo.write import quietly
from profiles.demo.plan import Company

__all__ = ["BlogSeedResult", "default_article_count", "demo_blog_seed"]


@dataclass
class BlogSeedResult:
    counts: dict[str, int]
    seconds: float


def demo_blog_seed(
    *,
    company: Company,
    ids: list[int],
    seed: int = 42,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
    articles: int | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> BlogSeedResult:
    """Write the demo blogs for the seeded ``company`` (after its communities), in one
    transaction (nested in the caller's, if any). ``articles`` defaults to
    ``default_article_count`` and is at most what the corpus holds; ``today`` and ``now`` as
    for ``forums.demo.demo_forum_seed``."""
    started = time.perf_counter()
    site = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    today = today or timezone.localdate()
    if now is None:
        now = (
            timezone.now()
            if today == timezone.localdate()
            else datetime.datetime.combine(today, datetime.time(17, 30), site)
        )
    rng = random.Random(seed * 48271 + 2903)  # A stream of its own.
    world = World(company, ids, rng)
    planner = Planner(world, rng, now=now, days=calendar(today), seed=seed)
    total = default_article_count(world.n) if articles is None else articles
    log(f"Writing blog articles (about {total})…")
    planned = planner.plan(total)
    with transaction.atomic(), quietly():
        writer = Writer(world)
        writer.write(planned)
        writer.backdate()
    seconds = time.perf_counter() - started
    counts = writer.counts
    log(
        f"Wrote {counts['articles']} articles ({counts['published']} published, "
        f"{counts['drafts']} drafts, {counts['scheduled']} scheduled) with "
        f"{counts['article_comments']} comments and {counts['article_reactions']} reactions "
        f"in {seconds:.1f} s."
    )
    return BlogSeedResult(counts=dict(counts), seconds=seconds)
