"""CSV downloads of dashboard tables (Analysts): the same cells as the page, safe to open
in a spreadsheet."""

import csv
import io

from django.http import HttpResponse

from analytics.dashboards import Dashboard, RenderedTable
from analytics.forms import Filters

# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` for a CSV cell: text that a spreadsheet would run as a formula gets a
    leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_filename(dashboard: Dashboard, table: RenderedTable, filters: Filters) -> str:
    """ASCII only: the slugs and the ISO dates."""
    return f"kolega-{dashboard.slug}-{table.slug}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv"


def table_csv_response(dashboard: Dashboard, table: RenderedTable, filters: Filters):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in table.csv_rows():
        writer.writerow([safe_cell(value) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = csv_filename(dashboard, table, filters)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
