"""The dashboards: a registry the pages, the CSV exports and the API all read.

A dashboard is a title, a selector that takes ``Filters`` and returns its data, and the
tables that show that data. Each table says its columns and how to turn the data into rows;
a table may also carry a chart drawn from its own columns, so every chart has a table with
the same numbers. Figure cells (``analytics.privacy.Figure``) are rendered by one rule
everywhere: the value, or the suppression text (pages, CSV) / ``null`` with
``"suppressed": true`` (API).

Adding a dashboard: write its selector in ``analytics/selectors/``, describe it with
``Dashboard(...)`` below and append it to ``DASHBOARDS``. The page (``analytics:<slug>``),
the CSV export of each table (``analytics:<slug>-csv``), the API (``analytics-api:<slug>``),
the overview's list and the access log follow from the registry.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from analytics.forms import Filters
from analytics.privacy import Figure
from analytics.selectors.response import Response, TimeRow, response_dashboard
from analytics.selectors.searches import NoResults, searches_without_results

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


# --- Response ---------------------------------------------------------------------------

TIME_COLUMNS = (
    Column("questions", _("Questions asked"), FIGURE),
    Column("first_reply_median", _("First reply, median (hours)"), FIGURE),
    Column("first_reply_p90", _("First reply, 90th percentile (hours)"), FIGURE),
    Column("accepted_median", _("Accepted answer, median (hours)"), FIGURE),
    Column("accepted_p90", _("Accepted answer, 90th percentile (hours)"), FIGURE),
)
TIME_CHART = Chart(series=("first_reply_median", "accepted_median"), axis_label=_("Median hours"))


def _time_rows(rows: list[TimeRow]) -> list[dict]:
    return [
        {
            "label": row.label,
            "questions": row.questions,
            "first_reply_median": row.first_reply_median,
            "first_reply_p90": row.first_reply_p90,
            "accepted_median": row.accepted_median,
            "accepted_p90": row.accepted_p90,
        }
        for row in rows
    ]


def _response_summary(data: Response) -> list[dict]:
    total = data.total
    return [
        {"measure": _("Questions asked"), "value": total.questions},
        {"measure": _("Hours to first reply, median"), "value": total.first_reply_median},
        {"measure": _("Hours to first reply, 90th percentile"), "value": total.first_reply_p90},
        {"measure": _("Hours to accepted answer, median"), "value": total.accepted_median},
        {"measure": _("Hours to accepted answer, 90th percentile"), "value": total.accepted_p90},
        {"measure": _("Unanswered for more than 48 hours"), "value": data.unanswered},
    ]


RESPONSE = Dashboard(
    slug="response",
    title=_("Response"),
    icon="stopwatch",
    description=_(
        "How fast questions in the forum get a first reply and an accepted answer, what "
        "waits unanswered, and who answers on which topic."
    ),
    help_text=_(
        "Questions asked in the period. A first reply is the first reply by someone other "
        "than the asker. Department and office are the asker's when they asked (from the "
        "event log), or their current ones where the log has no record."
    ),
    build=response_dashboard,
    tables=(
        Table(
            slug="summary",
            title=_("Totals"),
            help_text=_(
                "Includes private and secret communities, without any of their content, "
                "unless a department, office or community filter is set."
            ),
            columns=(Column("measure", _("Measure")), Column("value", _("Value"), FIGURE)),
            rows=_response_summary,
        ),
        Table(
            slug="by-category",
            title=_("By forum category"),
            help_text=_("Company-wide and public-community categories."),
            columns=(Column("label", _("Category")), *TIME_COLUMNS),
            rows=lambda data: _time_rows(data.by_category),
            chart=TIME_CHART,
        ),
        Table(
            slug="by-department",
            title=_("By department of the asker"),
            help_text=_("Questions in company-wide categories and public communities."),
            columns=(Column("label", _("Department")), *TIME_COLUMNS),
            rows=lambda data: _time_rows(data.by_department),
            chart=TIME_CHART,
        ),
        Table(
            slug="unanswered",
            title=_("Unanswered for more than 48 hours"),
            help_text=_(
                "The oldest 20 questions without a reply, from company-wide categories and "
                "public communities."
            ),
            columns=(
                Column("question", _("Question"), LINK),
                Column("category", _("Category")),
                Column("hours_waiting", _("Hours waiting"), NUMBER),
            ),
            rows=lambda data: [
                {
                    "question": item.title,
                    "question_url": item.url,
                    "category": item.category,
                    "hours_waiting": item.hours_waiting,
                }
                for item in data.unanswered_public
            ],
            empty_text=_("No public question has waited more than 48 hours."),
        ),
        Table(
            slug="experts",
            title=_("Top answerers per topic"),
            help_text=_(
                "Accepted answers on company-wide and public questions, per tag. A person is "
                "listed on a topic only when their accepted answers there helped at least "
                "as many different askers as the privacy threshold."
            ),
            columns=(
                Column("topic", _("Topic")),
                Column("person", _("Person"), LINK),
                Column("accepted_answers", _("Accepted answers"), FIGURE),
            ),
            rows=lambda data: [
                {
                    "topic": expert.topic,
                    "person": expert.person,
                    "person_url": expert.person_url,
                    "accepted_answers": expert.accepted_answers,
                }
                for expert in data.experts
            ],
        ),
    ),
)


# --- Searches with no results -----------------------------------------------------------


def _no_results_summary(data: NoResults) -> list[dict]:
    return [{"measure": _("Searches with no results"), "value": data.total}]


SEARCHES = Dashboard(
    slug="searches",
    title=_("Searches with no results"),
    icon="search",
    description=_("What people search for and do not find: content that may be missing."),
    help_text=_(
        "Searches of the period that found nothing. A query is listed only when enough "
        "different people searched for it. Department and office are the searcher's at the "
        "time."
    ),
    build=searches_without_results,
    api_path="searches/no-results/",
    ignores=("community",),
    tables=(
        Table(
            slug="summary",
            title=_("All searches"),
            columns=(Column("measure", _("Measure")), Column("value", _("Value"), FIGURE)),
            rows=_no_results_summary,
        ),
        Table(
            slug="no-results",
            title=_("Most frequent queries with no results"),
            columns=(Column("query", _("Query")), Column("searches", _("Searches"), FIGURE)),
            rows=lambda data: [
                {"query": item.query, "searches": item.searches} for item in data.queries
            ],
            chart=Chart(series=("searches",), axis_label=_("Searches"), label_column="query"),
        ),
    ),
)

DASHBOARDS: tuple[Dashboard, ...] = (RESPONSE, SEARCHES)
BY_SLUG = {dashboard.slug: dashboard for dashboard in DASHBOARDS}


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

    @property
    def slug(self) -> str:
        return self.table.slug

    def cells(self) -> list[list[dict]]:
        """Per row, per column: ``text``, ``suppressed``, ``url`` (for the page)."""
        return [
            [
                {
                    "text": cell_text(row.get(column.key)),
                    "suppressed": isinstance(row.get(column.key), Figure)
                    and row[column.key].suppressed,
                    "url": row.get(f"{column.key}_url", "") if column.kind == LINK else "",
                    "numeric": column.kind in (NUMBER, FIGURE),
                    "header": index == 0,
                }
                for index, column in enumerate(self.table.columns)
            ]
            for row in self.rows
        ]

    def chart_data(self) -> dict | None:
        """What charts.js draws: labels and one dataset per series, suppressed as null."""
        chart = self.table.chart
        if chart is None or not self.rows:
            return None
        labels = {column.key: str(column.label) for column in self.table.columns}
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
        header = [str(column.label) for column in self.table.columns]
        body = [
            [
                row.get(column.key)
                if column.kind == NUMBER
                else (
                    row[column.key].shown()
                    if isinstance(row.get(column.key), Figure) and not row[column.key].suppressed
                    else cell_text(row.get(column.key))
                )
                for column in self.table.columns
            ]
            for row in self.rows
        ]
        return [header, *body]

    def as_json(self) -> dict:
        columns = []
        for column in self.table.columns:
            columns.append({"key": column.key, "label": str(column.label), "kind": column.kind})
        rows = []
        for row in self.rows:
            item = {column.key: cell_json(row.get(column.key)) for column in self.table.columns}
            for column in self.table.columns:
                if column.kind == LINK:
                    item[f"{column.key}_url"] = row.get(f"{column.key}_url", "")
            rows.append(item)
        return {"title": str(self.table.title), "columns": columns, "rows": rows}


def render_tables(dashboard: Dashboard, data) -> list[RenderedTable]:
    return [RenderedTable(table=table, rows=table.rows(data)) for table in dashboard.tables]
