"""The bell's badge: ``{% notification_badge %}`` renders ``notifications/_badge.html``."""

from django import template
from django.template.loader import render_to_string

from notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def notification_badge(context, oob: bool = False):
    """The unread count of the signed-in user (one query, unless the view counted already),
    as the live socket sends it."""
    count = context.get("notification_unread_count")
    if count is None:
        user = getattr(context.get("request"), "user", None)
        count = unread_count(user) if user is not None else 0
    return render_to_string("notifications/_badge.html", {"count": count, "oob": oob})
