"""The What departments are busy with dashboard (being built: a helper replaces this module)."""

from django.utils.translation import gettext_lazy as _

from analytics.dashboards.base import Dashboard

DEPARTMENTS = Dashboard(
    slug="departments",
    title=_("What departments are busy with"),
    description="",
    build=lambda filters: None,
    tables=(),
)
