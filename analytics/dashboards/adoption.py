"""The Adoption dashboard: attract (registered vs activated), engage (DAU / WAU / MAU,
stickiness, actions, who writes and who only reads) and retain (weekly cohorts).

Adoption is counted per person from the rollup tables, which have no community dimension:
the community filter does not apply (``ignores``).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from analytics.dashboards.base import FIGURE, NUMBER, Chart, Column, Dashboard, Table
from analytics.forms import Filters
from analytics.privacy import Figure
from analytics.selectors.adoption import (
    Attract,
    AttractRow,
    Engage,
    EngageFigures,
    EngageGroup,
    Retention,
    attract,
    engage,
    retention,
)

# Week 0 (the cohort's first week) to week 12: a quarter's worth of follow-up.
RETENTION_WEEKS = 12


@dataclass(frozen=True)
class Adoption:
    attract: Attract
    engage: Engage
    retention: Retention


def adoption_dashboard(filters: Filters) -> Adoption:
    places = {"department": filters.department, "office": filters.office}
    return Adoption(
        attract=attract(filters.start, filters.end, **places),
        engage=engage(filters.start, filters.end, daily=False, **places),
        retention=retention(filters.start, filters.end, weeks=RETENTION_WEEKS, **places),
    )


# --- attract --------------------------------------------------------------------------------

ATTRACT_COLUMNS = (
    Column("registered", _("Registered"), FIGURE),
    Column("activated", _("Activated within 7 days"), FIGURE),
    Column("rate", _("Activation rate (%)"), FIGURE),
)
ATTRACT_CHART = Chart(series=("registered", "activated"), axis_label=_("People"))


def _attract_cells(row: AttractRow) -> dict:
    return {"registered": row.registered, "activated": row.activated, "rate": row.rate}


def _attract_weeks(data: Adoption) -> list[dict]:
    return [{"label": row.week.isoformat(), **_attract_cells(row)} for row in data.attract.weeks]


def _attract_departments(data: Adoption) -> list[dict]:
    """Each department over the whole range: its weeks added up (a person registers once,
    so the sums are distinct people)."""
    sums: dict = defaultdict(lambda: [0, 0])
    for row in data.attract.rows:
        sums[row.department][0] += row.registered.value
        sums[row.department][1] += row.activated.value
    rows = []
    for department in sorted(sums, key=lambda group: group.name):
        registered, activated = sums[department]
        rate = round(100 * activated / registered, 1) if registered else None
        rows.append(
            {
                "label": department.name,
                "registered": Figure(registered, registered),
                "activated": Figure(activated, registered),
                "rate": Figure(rate, registered),
            }
        )
    return rows


def _attract_department_weeks(data: Adoption) -> list[dict]:
    return [
        {"label": row.department.name, "week": row.week.isoformat(), **_attract_cells(row)}
        for row in data.attract.rows
    ]


# --- engage ---------------------------------------------------------------------------------

ENGAGE_MEASURES = (
    ("active", _("People active")),
    ("dau", _("DAU: people active on an average day")),
    ("wau", _("WAU: people active in an average week")),
    ("mau", _("MAU: people active in an average month")),
    ("stickiness", _("Stickiness: DAU / MAU (%)")),
    ("actions_per_active", _("Actions per active person")),
    ("contributors", _("Wrote something (%)")),
    ("reactors", _("Only reacted or voted (%)")),
    ("readers", _("Only read (%)")),
)

ENGAGE_COLUMNS = (
    Column("active", _("People active"), FIGURE),
    Column("dau", _("DAU"), FIGURE),
    Column("wau", _("WAU"), FIGURE),
    Column("mau", _("MAU"), FIGURE),
    Column("stickiness", _("Stickiness (%)"), FIGURE),
    Column("actions_per_active", _("Actions per active person"), FIGURE),
    Column("contributors", _("Wrote (%)"), FIGURE),
    Column("reactors", _("Only reacted (%)"), FIGURE),
    Column("readers", _("Only read (%)"), FIGURE),
)
ENGAGE_CHART = Chart(series=("dau", "wau", "mau"), axis_label=_("People active"))


def _summary(data: Adoption) -> list[dict]:
    total = data.attract.total
    rows = [
        {"measure": _("People who registered"), "value": total.registered},
        {"measure": _("Of them, activated within 7 days"), "value": total.activated},
        {"measure": _("Activation rate (%)"), "value": total.rate},
    ]
    figures: EngageFigures = data.engage.total
    rows += [{"measure": label, "value": getattr(figures, key)} for key, label in ENGAGE_MEASURES]
    return rows


def _engage_groups(groups: list[EngageGroup]) -> list[dict]:
    return [
        {
            "label": group.group.name,
            **{key: getattr(group.figures, key) for key, _l in ENGAGE_MEASURES},
        }
        for group in groups
    ]


# --- retain ---------------------------------------------------------------------------------


def _week_label(number: int) -> str:
    return gettext("Week %(number)d") % {"number": number}


RETENTION_COLUMNS = tuple(
    Column(f"week_{n}", lazy(_week_label, str)(n), FIGURE) for n in range(RETENTION_WEEKS + 1)
)


def _retention_rows(data: Adoption) -> list[dict]:
    rows = []
    for cohort in data.retention.cohorts:
        row = {"label": cohort.week.isoformat(), "size": cohort.size}
        for cell in cohort.cells:
            row[f"week_{cell.weeks_since}"] = cell.share
        rows.append(row)
    return rows


ADOPTION = Dashboard(
    slug="adoption",
    title=_("Adoption"),
    icon="people",
    description=_(
        "Who joins and gets going (attract), how many people use Kolega and how (engage), "
        "and who keeps coming back (retain)."
    ),
    help_text=_(
        "Read from the nightly and hourly rollups of the activity log. An action is anything "
        "a person does on Kolega: signing in, searching, reading a file, posting, commenting, "
        "reacting, voting. Department and office are the person's at the time. With a "
        "department or office filter, the engagement figures count public activity only. "
        "Adoption is counted per person, not per community: the community filter does not "
        "apply."
    ),
    build=adoption_dashboard,
    ignores=("community",),
    tables=(
        Table(
            slug="summary",
            title=_("Totals"),
            help_text=_(
                "Registered: people whose account was created in the period. Activated: of "
                "them, those who posted, commented or reacted within 7 days of registering. "
                "Active: people with at least one action in the period. DAU, WAU and MAU are "
                "the people active on an average day, in an average week (Monday to Sunday) "
                "and in an average calendar month of the period; stickiness is DAU divided by "
                "MAU: how many of a month's users come on a given day. The last three shares "
                "split the active people: those who wrote something (a post, comment, reply, "
                "thread, article, wiki page or file), those who only reacted or voted, and "
                "those who only read. Activity in private and secret communities counts here "
                "unless a department or office filter is set."
            ),
            columns=(Column("measure", _("Measure")), Column("value", _("Value"), FIGURE)),
            rows=_summary,
        ),
        Table(
            slug="attract-weeks",
            title=_("Registered and activated, by week of registration"),
            help_text=_(
                "Weeks start on Monday. Activated: a first post, comment or reaction within 7 "
                "days of registering, anywhere on Kolega (it reveals no content)."
            ),
            columns=(Column("label", _("Week")), *ATTRACT_COLUMNS),
            rows=_attract_weeks,
            chart=ATTRACT_CHART,
            empty_text=_("Nobody registered in this period."),
        ),
        Table(
            slug="attract-departments",
            title=_("Registered and activated, by department"),
            help_text=_(
                "The period's registrations per department (the department of the person's "
                "first active day, or their current one if they never acted)."
            ),
            columns=(Column("label", _("Department")), *ATTRACT_COLUMNS),
            rows=_attract_departments,
            chart=ATTRACT_CHART,
            empty_text=_("Nobody registered in this period."),
        ),
        Table(
            slug="attract-department-weeks",
            title=_("Registered and activated, by department and week"),
            columns=(
                Column("label", _("Department")),
                Column("week", _("Week")),
                *ATTRACT_COLUMNS,
            ),
            rows=_attract_department_weeks,
            empty_text=_("Nobody registered in this period."),
        ),
        Table(
            slug="engage-departments",
            title=_("Engagement by department"),
            help_text=_(
                "The measures of the totals, per department (where each person was when they "
                "acted). Public activity only: activity in private and secret communities "
                "counts in the company-wide totals only, never in a department's figures."
            ),
            columns=(Column("label", _("Department")), *ENGAGE_COLUMNS),
            rows=lambda data: _engage_groups(data.engage.by_department),
            chart=ENGAGE_CHART,
        ),
        Table(
            slug="engage-offices",
            title=_("Engagement by office"),
            help_text=_(
                "The measures of the totals, per office (where each person was when they "
                "acted). Public activity only: activity in private and secret communities "
                "counts in the company-wide totals only, never in an office's figures."
            ),
            columns=(Column("label", _("Office")), *ENGAGE_COLUMNS),
            rows=lambda data: _engage_groups(data.engage.by_office),
            chart=ENGAGE_CHART,
        ),
        Table(
            slug="retention",
            title=_("Weekly cohort retention"),
            help_text=_(
                "A cohort is the people whose first action on Kolega fell in that week "
                "(Monday to Sunday) of the period. Week N: the per cent of the cohort active "
                "N weeks later (week 0 is the first week: 100). Each cohort is followed for "
                "up to 12 weeks and not past the end of the period. The darker the cell, the "
                "more people stayed. Any action counts, in private and secret communities "
                "too (being active reveals no community); a department or office filter "
                "picks cohorts by the department or office of their first active day."
            ),
            columns=(
                Column("label", _("Cohort (week of first action)")),
                Column("size", _("People"), NUMBER),
                *RETENTION_COLUMNS,
            ),
            rows=_retention_rows,
            heatmap=True,
            empty_text=_("Nobody was active for the first time in this period."),
        ),
    ),
)
