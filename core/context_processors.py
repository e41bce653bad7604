from django.conf import settings

from core.navigation import nav_items_for


def site(request):
    """Site name and the navigation the current user may use."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_items": nav_items_for(request.user) if hasattr(request, "user") else [],
    }
