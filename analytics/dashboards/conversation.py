"""The Conversation dashboard (being built: a helper replaces this module)."""

from django.utils.translation import gettext_lazy as _

from analytics.dashboards.base import Dashboard

CONVERSATION = Dashboard(
    slug="conversation",
    title=_("Conversation"),
    description="",
    build=lambda filters: None,
    tables=(),
)
