"""The Response dashboard: how fast forum questions get answered, and by whom."""

from django.utils.translation import gettext_lazy as _

from analytics.dashboards.base import FIGURE, LINK, NUMBER, Chart, Column, Dashboard, Table
from analytics.selectors.response import Response, TimeRow, response_dashboard

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
