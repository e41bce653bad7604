"""Find an expert: the people with the most evidence on a topic, as the viewer may see it."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from forums import experts, permissions
from forums.models import Category


def _ask_category(user):
    """The first company-wide category ``user`` may start a question in, if any."""
    for category in Category.objects.filter(community__isnull=True):
        if permissions.can_start_thread(user, category):
            return category
    return None


@require_GET
def experts_page(request):
    """A search box, the ranked people with their evidence, or popular topics to start from."""
    user = request.user
    topic = experts.clean_topic(request.GET.get("topic", ""))
    context = {
        "topic": topic,
        "experts": experts.experts_for(user, topic) if topic else [],
        "popular_topics": [] if topic else experts.popular_topics(user),
        "ask_category": _ask_category(user) if topic else None,
    }
    return render(request, "forums/experts.html", context)
