"""Conversation: how much is written, where, what gets the most engagement, and which topics
are suddenly talked about far more than usual.

Volumes come from ``ContentSentiment``: one row per post, comment, forum thread, forum reply
and published article that is still readable, with its author's department and office when it
was written, its community and whether that is public. (Items with no words, such as a post
that is only a picture, have no row and do not count.) Every figure carries the number of
distinct authors it was built from, for the suppression rule.

Speed: the rows are summed per week (and day) by ``analytics.conversation_rollups`` with the
set of their authors, so a period reads a few rows per week (per block of weeks for a long
one) plus the scored rows of the days not rolled up yet (today), and distinct people stay
exact. The figures are the same either way (``tests/analytics/conversation/test_rollups.py``);
the rollup is skipped for a leader outside the company time zone and for the weeks a
community's change of type has made stale.

The package: ``volumes`` (per kind, week, department and community), ``top`` (the content
engaged with most), ``topics`` (emerging tags and phrases), ``rolled`` (which weeks and days
the rollup holds) and ``common`` (limits, result types, the public writing rule).

Privacy: writing in private and secret communities counts in the company-wide figures only
(the summary and the weekly volumes, while no department, office or community filter is
set). Breakdowns, the top content and the topics read company-wide and public-community
writing only (public when written and still public now), so no title, text, tag or phrase of
a private community ever appears. Nothing here depends on who is looking.

Emerging topics compare the last 7 days of the period with the weeks before it (up to
``BASELINE_WEEKS``): the tags and the key phrases (one to three words, English and Indonesian
stopwords removed: ``analytics.phrases``) stored with the public items' rows when they were
scored (private and secret writing has none), summed per day in ``ConversationTopicDay``.
A topic is listed when at least ``TOPIC_MIN_COUNT`` items by at least
``ANALYTICS_MIN_GROUP_SIZE`` distinct people carry it this week and it stands far above its
baseline.
"""

from django.urls import reverse
from django.utils import timezone

from analytics.forms import Filters
from analytics.phrases import STOPWORDS, key_phrases
from analytics.privacy import Figure
from analytics.selectors.conversation.common import (
    BASELINE_WEEKS,
    COMMUNITY_LIMIT,
    KINDS,
    MIN_BASELINE_WEEKS,
    PUBLIC_PLACE,
    PUBLIC_WRITING,
    TOP_CANDIDATES,
    TOP_LIMIT,
    TOPIC_LIMIT,
    TOPIC_MIN_COUNT,
    TOPIC_MIN_RATIO,
    TOPIC_MIN_Z,
    Conversation,
    Topic,
    TopItem,
    VolumeRow,
    writing_in,
)
from analytics.selectors.conversation.rolled import RolledWeeks
from analytics.selectors.conversation.top import top_articles, top_posts, top_threads
from analytics.selectors.conversation.topics import emerging_topics, topic_windows
from analytics.selectors.conversation.volumes import (
    Volumes,
    volume_by_community,
    volume_by_department,
    volume_by_week,
    volume_total,
)
from analytics.selectors.searches import searches_without_results

__all__ = [
    "BASELINE_WEEKS",
    "COMMUNITY_LIMIT",
    "KINDS",
    "MIN_BASELINE_WEEKS",
    "PUBLIC_PLACE",
    "PUBLIC_WRITING",
    "STOPWORDS",
    "TOPIC_LIMIT",
    "TOPIC_MIN_COUNT",
    "TOPIC_MIN_RATIO",
    "TOPIC_MIN_Z",
    "TOP_CANDIDATES",
    "TOP_LIMIT",
    "Conversation",
    "TopItem",
    "Topic",
    "VolumeRow",
    "Volumes",
    "conversation_dashboard",
    "emerging_topics",
    "key_phrases",
    "top_articles",
    "top_posts",
    "top_threads",
    "topic_windows",
    "volume_by_community",
    "volume_by_department",
    "volume_by_week",
    "volume_total",
    "writing_in",
]


def conversation_dashboard(filters: Filters) -> Conversation:
    """Everything the Conversation dashboard shows, for ``filters`` (shared between leaders
    by ``analytics.cache``, like every dashboard's data)."""
    windows = topic_windows(filters)
    # One look at the rollup's weeks for the volumes and the topics' days.
    first = min(filters.start, timezone.localdate(windows[-1][0]) if windows else filters.end)
    rolled = RolledWeeks(first, filters.end)
    volumes = Volumes(filters, rolled)
    total, includes_private = volume_total(filters, volumes=volumes)
    enough = len(windows) >= 1 + MIN_BASELINE_WEEKS
    this_week = windows[0] if enough else None
    searches = searches_without_results(filters, limit=0)
    return Conversation(
        total=total,
        contributors=Figure(total.total.people, total.total.people),
        includes_private=includes_private,
        no_results=searches.total,
        searches_url=f"{reverse('analytics:searches')}?{filters.querystring()}",
        weeks=volume_by_week(filters, volumes=volumes),
        departments=volume_by_department(filters, volumes=volumes),
        communities=volume_by_community(filters, volumes=volumes),
        top_posts=top_posts(filters),
        top_threads=top_threads(filters),
        top_articles=top_articles(filters),
        topics=emerging_topics(filters, rolled=rolled),
        topic_week=(
            (timezone.localdate(this_week[0]), filters.end) if this_week is not None else None
        ),
        baseline_weeks=len(windows) - 1 if enough else 0,
    )
