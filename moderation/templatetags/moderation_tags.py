"""Moderation in any template: the "me" menu entry, report links, hide / restore buttons.

``{% load moderation_tags %}``, then for a piece of placed content
``{% content_moderation obj %}`` (a Report link, and Hide / Restore for its moderators),
or ``{% report_url community %}`` for a link to the report form.
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from communities.models import Community
from moderation import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def moderates_anything(context) -> bool:
    """Whether the signed-in person has a moderation queue (for the "me" menu)."""
    request = context.get("request")
    return request is not None and permissions.moderates_anything(request.user)


@register.simple_tag
def report_url(target) -> str:
    """The report form for a community or a piece of placed content."""
    if isinstance(target, Community):
        query = {"community": target.slug}
    else:
        query = {"type": target._meta.label_lower, "id": target.pk}
    return f"{reverse('moderation:report')}?{urlencode(query)}"


@register.inclusion_tag("moderation/_content_actions.html", takes_context=True)
def content_moderation(context, obj):
    """Report (for everyone else) and Hide / Restore (for moderators) under a content item."""
    user = context["request"].user
    return {
        "obj": obj,
        "user": user,
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "can_moderate": permissions.can_moderate_in(user, obj.community),
    }


@register.filter
def content_type_label(obj) -> str:
    """ "app_label.model" of a model instance, as the moderation URLs take it."""
    return obj._meta.label_lower
