"""The Climate dashboard (being built: a helper replaces this module)."""

from django.utils.translation import gettext_lazy as _

from analytics.dashboards.base import Dashboard

CLIMATE = Dashboard(
    slug="climate",
    title=_("Climate"),
    description="",
    build=lambda filters: None,
    tables=(),
)
