"""``{% may_manage_categories community as flag %}``: whether the viewer sets up that forum
(``None``: the company-wide one). Memberships are loaded once per request for all of them."""

from django import template

from communities.permissions import remember_all_memberships
from forums.permissions import can_manage_categories

register = template.Library()


@register.simple_tag(takes_context=True)
def may_manage_categories(context, community=None) -> bool:
    user = context["request"].user
    if community is not None:
        remember_all_memberships(user)
    return can_manage_categories(user, community)
