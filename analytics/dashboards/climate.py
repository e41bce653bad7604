"""The Climate dashboard: the sentiment index per week, where it moves, and which topics
carry negative writing. Aggregates only: no sentiment is ever shown per person."""

from django.utils.translation import gettext_lazy as _

from analytics.dashboards.base import FIGURE, Chart, Column, Dashboard, Table
from analytics.privacy import Figure
from analytics.selectors.climate import ClimateRow, NegativeTopic, climate_dashboard

INDEX_COLUMNS = (
    Column("index", _("Sentiment index"), FIGURE),
    Column("positive", _("Positive"), FIGURE),
    Column("neutral", _("Neutral"), FIGURE),
    Column("negative", _("Negative"), FIGURE),
    Column("volume", _("Volume"), FIGURE),
)
WEEK = Column("week", _("Week starting"))


def _index_cells(row: ClimateRow) -> dict:
    return {
        "index": row.index,
        "positive": row.positive,
        "neutral": row.neutral,
        "negative": row.negative,
        "volume": row.volume,
    }


def _weeks(rows: list[ClimateRow]) -> list[dict]:
    return [{"label": row.period.isoformat(), **_index_cells(row)} for row in rows]


def _groups(rows: list[ClimateRow]) -> list[dict]:
    return [
        {"label": row.group_name, "week": row.period.isoformat(), **_index_cells(row)}
        for row in rows
    ]


def _percent(figure: Figure) -> Figure:
    """A share (0..1) as a percentage, still withheld under the privacy threshold."""
    return Figure(None if figure.suppressed else round(figure.value * 100, 1), figure.people)


def _topics(topics: list[NegativeTopic]) -> list[dict]:
    return [
        {
            "topic": topic.name,
            "volume": topic.volume,
            "negative": topic.negative,
            "negative_share": _percent(topic.negative_share),
        }
        for topic in topics
    ]


def _breakdown(slug: str, title, label, help_text) -> Table:
    return Table(
        slug=slug,
        title=title,
        help_text=help_text,
        columns=(Column("label", label), WEEK, *INDEX_COLUMNS),
        rows=lambda data: _groups(getattr(data, slug.replace("-", "_"))),
    )


CLIMATE = Dashboard(
    slug="climate",
    title=_("Climate"),
    icon="thermometer-half",
    description=_(
        "How the organisation feels, from the tone of what people write: the sentiment index "
        "week by week, where it moves, and which topics carry negative writing."
    ),
    help_text=_(
        "The sentiment index is the share of positive writing minus the share of negative "
        "writing, from -1 (everything negative) through 0 (as much positive as negative) to "
        "+1 (everything positive). Volume is how many posts, comments, forum threads, replies "
        "and articles were scored. Nobody's own sentiment is ever shown: every figure comes "
        "from a group of people at least as large as the privacy threshold."
    ),
    build=climate_dashboard,
    tables=(
        Table(
            slug="weeks",
            title=_("Sentiment index per week"),
            help_text=_(
                "Without filters this counts all writing, also in private and secret "
                "communities (never their content). With a department, office or community "
                "filter it counts public writing only."
            ),
            columns=(Column("label", _("Week starting")), *INDEX_COLUMNS),
            rows=lambda data: _weeks(data.weeks),
            chart=Chart(series=("index",), axis_label=_("Sentiment index"), kind="line"),
        ),
        _breakdown(
            "by-department",
            _("By department"),
            _("Department"),
            _("Public writing only, by the department the writer was in when writing."),
        ),
        _breakdown(
            "by-office",
            _("By office"),
            _("Office"),
            _("Public writing only, by the office the writer was in when writing."),
        ),
        _breakdown(
            "by-community",
            _("By public community"),
            _("Community"),
            _("Writing in public communities; private and secret ones are never listed."),
        ),
        Table(
            slug="negative-topics",
            title=_("Topics driving negative sentiment"),
            help_text=_(
                "Tags of public writing with the most negative pieces in the period. A topic "
                "is listed only when enough different people wrote about it; its negative "
                "figures are withheld when too few people wrote the negative part."
            ),
            columns=(
                Column("topic", _("Topic")),
                Column("volume", _("Volume"), FIGURE),
                Column("negative", _("Negative"), FIGURE),
                Column("negative_share", _("Negative share (%)"), FIGURE),
            ),
            rows=lambda data: _topics(data.topics),
            chart=Chart(
                series=("negative",), axis_label=_("Negative pieces"), label_column="topic"
            ),
            empty_text=_("No topic with negative writing from enough people in this period."),
        ),
    ),
)
