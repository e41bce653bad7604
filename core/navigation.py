"""The top navigation. An entry shows only when its URL exists and the user may use it,
so features that later issues add appear by themselves and nothing links to a dead page."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str
    groups: tuple[str, ...] = ()  # Empty: every employee.


NAV_ITEMS = (
    NavItem(_("Home"), "home", "house"),
    NavItem(_("People"), "profiles:directory", "people"),
    NavItem(_("Communities"), "communities:directory", "diagram-3"),
    NavItem(_("Forum"), "forums:index", "chat-square-text"),
    NavItem(_("Blog"), "blog:index", "journal-richtext"),
    NavItem(_("Wiki"), "wiki:index", "book"),
    NavItem(_("Files"), "files:index", "folder2-open"),
    NavItem(_("Analytics"), "analytics:dashboard", "graph-up", ("Leaders", "Analysts")),
)


def _url_or_none(url_name: str) -> str | None:
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def nav_items_for(user) -> list[dict]:
    """Navigation entries for ``user``: existing features they are allowed to open."""
    from profiles.roles import has_role

    if not user.is_authenticated:
        return []
    items = []
    for item in NAV_ITEMS:
        url = _url_or_none(item.url_name)
        if url is None or (item.groups and not has_role(user, *item.groups)):
            continue
        items.append({"label": item.label, "url": url, "icon": item.icon})
    return items


def url_exists(url_name: str) -> bool:
    """True when ``url_name`` resolves, i.e. the feature behind it is installed."""
    return _url_or_none(url_name) is not None
