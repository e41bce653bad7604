"""How the feed shows a thread (``feed.items``, registered in ``ForumsConfig.ready``): the
threads behind a page of feed cards, loaded at once."""

import re
from html import unescape

from django.utils.text import Truncator

from forums.models import Thread

TEMPLATE = "forums/_feed_item.html"
EXCERPT_CHARS = 280
_TAG = re.compile(r"<[^>]*>")


def excerpt(html: str, limit: int = EXCERPT_CHARS) -> str:
    """The first words of sanitised HTML as plain text (the template escapes it)."""
    return Truncator(" ".join(unescape(_TAG.sub(" ", html or "")).split())).chars(limit)


def load(ids, viewer) -> dict[int, Thread]:
    """``{id: thread}`` for the threads among ``ids`` that ``viewer`` may see, in one query,
    each with ``excerpt`` and ``feed_summary`` (what the feed API shows of it)."""
    threads = (
        Thread.objects.visible_to(viewer)
        .filter(pk__in=list(ids))
        .select_related("category", "community")
    )
    found = {}
    for thread in threads:
        thread.excerpt = excerpt(thread.body_html)
        thread.feed_summary = {
            "title": thread.title,
            "url": thread.get_absolute_url(),
            "excerpt": thread.excerpt,
            "thread_kind": str(thread.kind),
            "solved": thread.is_solved,
            "reply_count": thread.reply_count,
        }
        found[thread.pk] = thread
    return found
