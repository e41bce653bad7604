"""The Searches-with-no-results dashboard: what people look for and do not find."""

from django.utils.translation import gettext_lazy as _

from analytics.dashboards.base import FIGURE, Chart, Column, Dashboard, Table
from analytics.selectors.searches import NoResults, searches_without_results


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
