"""Site roles are Django groups (DESIGN.md, Roles)."""

COMMUNICATORS = "Communicators"  # Company-wide announcements.
MODERATORS = "Moderators"  # Site-wide moderation queue.
LEADERS = "Leaders"  # Analytics dashboards.
ANALYSTS = "Analysts"  # Dashboards and exports.

SITE_ROLES = (COMMUNICATORS, MODERATORS, LEADERS, ANALYSTS)


def has_role(user, *roles: str) -> bool:
    """True when ``user`` is in any of ``roles`` (superusers hold every role)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_site_roles", None)
    if cached is None:
        cached = user._site_roles = set(user.groups.values_list("name", flat=True))
    return bool(cached & set(roles))
