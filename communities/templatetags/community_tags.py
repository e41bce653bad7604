"""Template helpers for communities: their avatar, and the type badge."""

from django import template
from django.utils.html import format_html

from communities.models import CommunityType
from core.templatetags.kolega import SIZES

register = template.Library()

TYPE_ICONS = {
    CommunityType.PUBLIC: ("globe2", "text-bg-success"),
    CommunityType.PRIVATE: ("lock-fill", "text-bg-warning"),
    CommunityType.SECRET: ("eye-slash-fill", "text-bg-dark"),
}


@register.simple_tag
def community_avatar(community, size: str = "md"):
    """A community's picture, or its initials on a colour of its own (a rounded square)."""
    pixels = SIZES.get(size, SIZES["md"])
    if community.avatar:
        return format_html(
            '<img src="{}" alt="" class="avatar avatar-{} community-avatar rounded-3" '
            'width="{}" height="{}" loading="lazy">',
            community.avatar.url,
            size,
            pixels,
            pixels,
        )
    return format_html(
        '<span class="avatar avatar-{} avatar-initials community-avatar rounded-3" '
        'style="--avatar-hue: {}" aria-hidden="true">{}</span>',
        size,
        community.avatar_hue,
        community.initials,
    )


@register.simple_tag
def type_badge(community):
    """Public / private / secret: an icon and the word, never the colour alone."""
    icon, colours = TYPE_ICONS.get(community.type, ("question", "text-bg-secondary"))
    return format_html(
        '<span class="badge {} community-type">'
        '<i class="bi bi-{}" aria-hidden="true"></i> {}</span>',
        colours,
        icon,
        community.get_type_display(),
    )
