"""The forum's part of a profile page: a person's expertise and how they answer."""

from datetime import UTC, datetime

from django import template
from django.utils.timesince import timesince

from forums.experts import answer_stats, expertise_of

register = template.Library()

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# Enough for anyone's topics: ``expertise_of`` ranks them all in the same few queries.
EVERY_TOPIC = 1000


@register.inclusion_tag("forums/_profile_expertise.html", takes_context=True)
def profile_expertise(context, person, limit: int = 6):
    """``person``'s expertise as the viewer may see it (topics backed by answers, articles or
    posts); renders nothing without such evidence."""
    viewer = context["request"].user
    # A topic shown only by a declared skill is already on the profile's Skills card. Drop
    # those before taking the best ``limit``: many skills must not push real topics out.
    topics = [
        topic
        for topic in expertise_of(viewer, person, limit=EVERY_TOPIC)
        if any(evidence.kind != "skill" for evidence in topic.evidence)
    ][: max(0, limit)]
    stats = answer_stats(viewer, person)
    median = stats.median_first_reply
    return {
        "person": person,
        "topics": topics,
        "stats": stats,
        "median_first_reply": timesince(_EPOCH, _EPOCH + median, depth=1) if median else "",
        "shown": bool(topics or stats.replies),
    }
