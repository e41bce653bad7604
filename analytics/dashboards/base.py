"""What a dashboard is made of: the registry (``analytics.dashboards``) lists instances.

A dashboard is a title, a selector that takes ``Filters`` and returns its data, and the
tables that show that data. Each table says its columns and how to turn the data into rows;
a table may also carry a chart drawn from its own columns, so every chart has a table with
the same numbers. Figure cells (``analytics.privacy.Figure``) are rendered by one rule
everywhere: the value, or the suppression text (pages, CSV) / ``null`` with
``"suppressed": true`` (API).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from analytics.forms import Filters
from analytics.privacy import Figure

TEXT, NUMBER, FIGURE, LINK = "text", "number", "figure", "link"


@dataclass(frozen=True)
class Column:
    """A table column. A ``LINK`` cell's row holds ``<key>`` (the text) and ``<key>_url``."""

    key: str
    label: str
    kind: str = TEXT


@dataclass(frozen=True)
class Chart:
    """A chart of a table: one bar (or line) per row, one series per figure column."""

    series: tuple[str, ...]
    axis_label: str
    kind: str = "bar"
    label_column: str = "label"


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    columns: tuple[Column, ...]
    rows: Callable[[Any], list[dict]]
    help_text: str = ""
    empty_text: str = _("Nothing in this period.")
    chart: Chart | None = None
    # Shade each shown figure cell by its value against the table's largest (cohorts, matrices).
    heatmap: bool = False
    # Columns that depend on the data (a matrix's departments): given the dashboard's data,
    # the whole header, used instead of ``columns``.
    columns_for: Callable[[Any], tuple[Column, ...]] | None = None


@dataclass(frozen=True)
class Dashboard:
    slug: str
    title: str
    description: str
    build: Callable[[Filters], Any]
    tables: tuple[Table, ...]
    icon: str = "graph-up"
    help_text: str = ""
    # Under /api/v1/analytics/ (default: "<slug>/").
    api_path: str = ""
    # Filters the dashboard's data does not use (shown as such next to the form).
    ignores: tuple[str, ...] = field(default_factory=tuple)

    @property
    def url_name(self) -> str:
        return f"analytics:{self.slug}"

    @property
    def csv_url_name(self) -> str:
        return f"analytics:{self.slug}-csv"

    @property
    def api_url_name(self) -> str:
        return f"analytics-api:{self.slug}"

    def table(self, slug: str) -> Table | None:
        return next((table for table in self.tables if table.slug == slug), None)


# --- one rendering of the cells for pages, CSV and API ----------------------------------


def cell_text(value) -> str:
    """A cell as a page and a CSV show it (suppressed figures: the suppression text)."""
    if isinstance(value, Figure):
        return str(value)
    return "" if value is None else str(value)


def cell_json(value):
    """A cell as the API gives it: figures as ``{"value": ..., "suppressed": bool}``."""
    if isinstance(value, Figure):
        return {"value": value.shown(), "suppressed": value.suppressed}
    return value


@dataclass
class RenderedTable:
    table: Table
    rows: list[dict]
    columns: tuple[Column, ...]

    @property
    def slug(self) -> str:
        return self.table.slug

    def cells(self) -> list[list[dict]]:
        """Per row, per column: ``text``, ``suppressed``, ``url``, ``heat`` (for the page)."""
        heat = self._heat() if self.table.heatmap else {}
        return [
            [
                {
                    "heat": heat.get((index_row, column.key)),
                    "text": cell_text(row.get(column.key)),
                    "suppressed": isinstance(row.get(column.key), Figure)
                    and row[column.key].suppressed,
                    "url": row.get(f"{column.key}_url", "") if column.kind == LINK else "",
                    "numeric": column.kind in (NUMBER, FIGURE),
                    "header": index == 0,
                }
                for index, column in enumerate(self.columns)
            ]
            for index_row, row in enumerate(self.rows)
        ]

    def _heat(self) -> dict[tuple[int, str], int]:
        """Per shown numeric figure cell, its value as a percentage of the largest (0-100)."""
        values = {}
        for index_row, row in enumerate(self.rows):
            for column in self.columns:
                cell = row.get(column.key)
                if column.kind == FIGURE and isinstance(cell, Figure) and not cell.suppressed:
                    if isinstance(cell.value, int | float):
                        values[index_row, column.key] = cell.value
        top = max((abs(value) for value in values.values()), default=0)
        if not top:
            return {}
        return {key: round(100 * abs(value) / top) for key, value in values.items()}

    def chart_data(self) -> dict | None:
        """What charts.js draws: labels and one dataset per series, suppressed as null."""
        chart = self.table.chart
        if chart is None or not self.rows:
            return None
        labels = {column.key: str(column.label) for column in self.columns}
        return {
            "type": chart.kind,
            "axis": str(chart.axis_label),
            "labels": [cell_text(row.get(chart.label_column)) for row in self.rows],
            "datasets": [
                {
                    "label": labels[key],
                    "data": [
                        row[key].shown() if isinstance(row[key], Figure) else row[key]
                        for row in self.rows
                    ],
                }
                for key in chart.series
            ],
        }

    def csv_rows(self) -> list[list]:
        header = [str(column.label) for column in self.columns]
        body = [
            [
                row.get(column.key)
                if column.kind == NUMBER
                else (
                    row[column.key].shown()
                    if isinstance(row.get(column.key), Figure) and not row[column.key].suppressed
                    else cell_text(row.get(column.key))
                )
                for column in self.columns
            ]
            for row in self.rows
        ]
        return [header, *body]

    def as_json(self) -> dict:
        columns = []
        for column in self.columns:
            columns.append({"key": column.key, "label": str(column.label), "kind": column.kind})
        rows = []
        for row in self.rows:
            item = {column.key: cell_json(row.get(column.key)) for column in self.columns}
            for column in self.columns:
                if column.kind == LINK:
                    item[f"{column.key}_url"] = row.get(f"{column.key}_url", "")
            rows.append(item)
        return {"title": str(self.table.title), "columns": columns, "rows": rows}


def render_tables(dashboard: Dashboard, data) -> list[RenderedTable]:
    return [
        RenderedTable(
            table=table,
            rows=table.rows(data),
            columns=table.columns_for(data) if table.columns_for else table.columns,
        )
        for table in dashboard.tables
    ]
