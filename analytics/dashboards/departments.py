"""The What-departments-are-busy-with dashboard: topics by month, and who talks to whom."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from analytics.dashboards.base import FIGURE, Chart, Column, Dashboard, Table
from analytics.selectors.departments import (
    TOPICS_PER_MONTH,
    Departments,
    departments_dashboard,
    month_label,
)

TOPIC_COLUMNS = tuple(
    column
    for n in range(1, TOPICS_PER_MONTH + 1)
    for column in (
        Column(f"topic_{n}", format_lazy(_("Topic {n}"), n=n)),
        Column(f"topic_{n}_items", format_lazy(_("Items on topic {n}"), n=n), FIGURE),
    )
)


def _topic_rows(data: Departments) -> list[dict]:
    rows = []
    for month in data.topics:
        row = {
            "label": f"{month.department} {month_label(month.month)}",
            "department": month.department,
            "month": month_label(month.month),
            "items": month.items,
        }
        for n, topic in enumerate(month.topics, start=1):
            row[f"topic_{n}"] = topic.name
            row[f"topic_{n}_items"] = topic.items
        rows.append(row)
    return rows


MATRIX_HEADER = Column("department", _("From (acting) → to"))


def _matrix_columns(data: Departments) -> tuple[Column, ...]:
    """The header: the acting department, then one column per department acted on."""
    return (MATRIX_HEADER, *(Column(f"to_{pk}", name, FIGURE) for pk, name in data.matrix.columns))


def _matrix_rows(data: Departments) -> list[dict]:
    matrix = data.matrix
    return [
        {
            "department": name,
            **{f"to_{pk}": matrix.cell(source, pk) for pk, _name in matrix.columns},
        }
        for source, name in matrix.rows
    ]


DEPARTMENTS = Dashboard(
    slug="departments",
    title=_("What departments are busy with"),
    icon="diagram-3",
    description=_(
        "What each department writes about month by month (the seasonal picture), and which "
        "departments talk to which."
    ),
    help_text=_(
        "Public content only: company-wide and public communities. Department and office are "
        "those of the person who wrote or acted, when they did."
    ),
    build=departments_dashboard,
    tables=(
        Table(
            slug="topics",
            title=_("Top topics by month"),
            help_text=_(
                "Per department and month, its public posts, comments, threads, replies and "
                "articles, and its three most used tags. A topic is listed only when at least "
                "as many of the department's people as the privacy threshold used it that "
                "month. Whole calendar months: ranges shorter than a year are widened to the "
                "twelve months ending with the month of the chosen end date."
            ),
            columns=(
                Column("department", _("Department")),
                Column("month", _("Month")),
                Column("items", _("Public items"), FIGURE),
                *TOPIC_COLUMNS,
            ),
            rows=_topic_rows,
            chart=Chart(series=("items",), axis_label=_("Public items")),
        ),
        Table(
            slug="interactions",
            title=_("Who talks to whom"),
            help_text=_(
                "Interactions in the chosen period from people of the department of the row "
                "with people of the department of the column: comments and replies to their "
                "writing, reactions, shares, votes, accepted answers, mentions and praise. The "
                "second department is the one the person acted on was in at the end of the "
                "month (now, for this month). A cell is shown only when at "
                "least as many different people acted, and were acted on, as the privacy "
                "threshold. The department filter keeps its row."
            ),
            columns=(MATRIX_HEADER,),
            columns_for=_matrix_columns,
            rows=_matrix_rows,
            heatmap=True,
            empty_text=_("No interactions between departments in this period."),
        ),
    ),
)
