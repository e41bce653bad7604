"""Template helpers shared by every app: avatars, feature checks, active navigation."""

from django import template
from django.utils.html import format_html

from core.markdown import render_markdown
from core.navigation import url_exists as _url_exists

register = template.Library()

SIZES = {"xs": 24, "sm": 32, "md": 48, "lg": 96, "xl": 160}


@register.simple_tag
def avatar(person, size: str = "md"):
    """A person's photo, or their initials on a colour of their own when they have none."""
    pixels = SIZES.get(size, SIZES["md"])
    if person.avatar:
        return format_html(
            '<img src="{}" alt="" class="avatar avatar-{}" width="{}" height="{}" loading="lazy">',
            person.avatar.url,
            size,
            pixels,
            pixels,
        )
    return format_html(
        '<span class="avatar avatar-{} avatar-initials" style="--avatar-hue: {}" '
        'aria-hidden="true">{}</span>',
        size,
        person.avatar_hue,
        person.initials,
    )


@register.simple_tag
def url_exists(url_name: str) -> bool:
    return _url_exists(url_name)


@register.filter
def markdown(text: str):
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def active_if(context, url: str) -> str:
    """``active`` when the current page is ``url`` or below it (home only matches itself)."""
    path = context["request"].path
    matches = path == url if url == "/" else path.startswith(url)
    return "active" if matches else ""
