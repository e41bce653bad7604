"""The dashboards: a registry the pages, the CSV exports and the API all read.

Each dashboard lives in its own module here (``base`` has the parts they are made of).
Adding a dashboard: write its selector in ``analytics/selectors/``, describe it with
``Dashboard(...)`` in a module of this package and list it in ``DASHBOARDS``. The page
(``analytics:<slug>``), the CSV export of each table (``analytics:<slug>-csv``), the API
(``analytics-api:<slug>``), the overview's list and the access log follow from the registry.
"""

from analytics.dashboards.adoption import ADOPTION
from analytics.dashboards.base import (
    FIGURE,
    LINK,
    NUMBER,
    TEXT,
    Chart,
    Column,
    Dashboard,
    RenderedTable,
    Table,
    cell_json,
    cell_text,
    render_tables,
)
from analytics.dashboards.climate import CLIMATE
from analytics.dashboards.conversation import CONVERSATION
from analytics.dashboards.departments import DEPARTMENTS
from analytics.dashboards.response import RESPONSE
from analytics.dashboards.searches import SEARCHES

DASHBOARDS: tuple[Dashboard, ...] = (
    ADOPTION,
    CONVERSATION,
    DEPARTMENTS,
    CLIMATE,
    RESPONSE,
    SEARCHES,
)
BY_SLUG = {dashboard.slug: dashboard for dashboard in DASHBOARDS}

__all__ = [
    "BY_SLUG",
    "DASHBOARDS",
    "FIGURE",
    "LINK",
    "NUMBER",
    "TEXT",
    "Chart",
    "Column",
    "Dashboard",
    "RenderedTable",
    "Table",
    "cell_json",
    "cell_text",
    "render_tables",
]
