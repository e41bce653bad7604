"""The Adoption dashboard (being built: a helper replaces this module)."""

from django.utils.translation import gettext_lazy as _

from analytics.dashboards.base import Dashboard

ADOPTION = Dashboard(
    slug="adoption",
    title=_("Adoption"),
    description="",
    build=lambda filters: None,
    tables=(),
)
