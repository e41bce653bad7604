from django.conf import settings
from django.utils.functional import SimpleLazyObject

from core.navigation import nav_items_for


def site(request):
    """Site name and the navigation the current user may use (worked out, and the user's
    site roles read, only when a template shows it: HTMX partials do not)."""
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_items": SimpleLazyObject(lambda: nav_items_for(user) if user is not None else []),
    }
