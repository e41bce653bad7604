"""The Conversation dashboard: how much is written, where, what people engage with most, and
which topics are emerging."""

from django.utils.translation import gettext_lazy as _

from analytics.dashboards.base import FIGURE, LINK, NUMBER, Chart, Column, Dashboard, Table
from analytics.models import ContentKind
from analytics.privacy import Figure
from analytics.selectors.conversation import (
    KINDS,
    Conversation,
    Topic,
    TopItem,
    VolumeRow,
    conversation_dashboard,
)

KIND_COLUMNS = (
    Column(ContentKind.POST.value, _("Posts"), FIGURE),
    Column(ContentKind.COMMENT.value, _("Comments"), FIGURE),
    Column(ContentKind.THREAD.value, _("Forum threads"), FIGURE),
    Column(ContentKind.REPLY.value, _("Forum replies"), FIGURE),
    Column(ContentKind.ARTICLE.value, _("Blog articles"), FIGURE),
)
TOTAL_COLUMN = Column("total", _("All writing"), FIGURE)


def _volume_rows(rows: list[VolumeRow], label: str = "label") -> list[dict]:
    return [
        {
            label: row.label,
            f"{label}_url": row.url,
            **{kind.value: row.by_kind[kind] for kind in KINDS},
            "total": row.total,
            "contributors": Figure(row.total.people, row.total.people),
        }
        for row in rows
    ]


def _summary(data: Conversation) -> list[dict]:
    labels = {column.key: column.label for column in KIND_COLUMNS}
    rows = [{"measure": _("All writing"), "value": data.total.total}]
    rows += [{"measure": labels[kind.value], "value": data.total.by_kind[kind]} for kind in KINDS]
    rows += [
        {"measure": _("People who wrote"), "value": data.contributors},
        {
            "measure": _("Searches with no results"),
            "measure_url": data.searches_url,
            "value": data.no_results,
        },
    ]
    return rows


def _top_rows(items: list[TopItem]) -> list[dict]:
    return [
        {
            "title": item.title,
            "title_url": item.url,
            "place": item.place,
            "written_on": item.written_on.isoformat(),
            "engagement": item.engagement,
            "people": item.people,
        }
        for item in items
    ]


def _topic_rows(topics: list[Topic]) -> list[dict]:
    kinds = {"tag": _("Tag"), "phrase": _("Key phrase")}
    return [
        {
            "topic": topic.name,
            "topic_url": topic.url,
            "kind": kinds[topic.kind],
            "this_week": topic.this_week,
            "baseline": topic.baseline,
            "z_score": topic.z_score,
            "ratio": topic.ratio,
            "note": _("New: not in the weeks before") if not topic.baseline else "",
        }
        for topic in topics
    ]


def _top_table(slug: str, title, help_text, engagement_label, rows) -> Table:
    return Table(
        slug=slug,
        title=title,
        help_text=help_text,
        columns=(
            Column("title", _("Title"), LINK),
            Column("place", _("Where")),
            Column("written_on", _("Written on")),
            Column("engagement", engagement_label, FIGURE),
            Column("people", _("People taking part"), FIGURE),
        ),
        rows=rows,
        empty_text=_("Nothing public drew enough different people in this period."),
    )


CONVERSATION = Dashboard(
    slug="conversation",
    title=_("Conversation"),
    icon="chat-dots",
    description=_(
        "How much people write, where, what draws the most engagement, and which topics are "
        "suddenly talked about far more than usual."
    ),
    help_text=_(
        "Posts, comments, forum threads and replies, and blog articles written in the period "
        "(articles: published). Department and office are the author's when they wrote. "
        "Private and secret communities count only in the company-wide totals and weekly "
        "volumes, never in a breakdown, a list or a topic. The figures are at most five "
        "minutes old, the emerging topics at most half an hour."
    ),
    build=conversation_dashboard,
    tables=(
        Table(
            slug="summary",
            title=_("Totals"),
            help_text=_(
                "Includes private and secret communities, without any of their content, "
                "unless a department, office or community filter is set. Searches with no "
                "results have their own dashboard (the community filter does not apply there)."
            ),
            columns=(Column("measure", _("Measure"), LINK), Column("value", _("Value"), FIGURE)),
            rows=_summary,
        ),
        Table(
            slug="by-week",
            title=_("Volume per week by type"),
            help_text=_(
                "Weeks start on Monday; the first and last weeks may be cut by the period. "
                "Same scope as the totals."
            ),
            columns=(Column("label", _("Week of")), *KIND_COLUMNS, TOTAL_COLUMN),
            rows=lambda data: _volume_rows(data.weeks),
            chart=Chart(
                series=tuple(kind.value for kind in KINDS),
                axis_label=_("Items written"),
                kind="line",
            ),
        ),
        Table(
            slug="by-department",
            title=_("By department of the author"),
            help_text=_("Company-wide and public-community writing."),
            columns=(
                Column("label", _("Department")),
                *KIND_COLUMNS,
                TOTAL_COLUMN,
                Column("contributors", _("People who wrote"), FIGURE),
            ),
            rows=lambda data: _volume_rows(data.departments),
            chart=Chart(series=("total",), axis_label=_("Items written")),
        ),
        Table(
            slug="communities",
            title=_("Most active public communities"),
            help_text=_("The public communities with the most writing in the period."),
            columns=(
                Column("community", _("Community"), LINK),
                *KIND_COLUMNS,
                TOTAL_COLUMN,
                Column("contributors", _("People who wrote"), FIGURE),
            ),
            rows=lambda data: _volume_rows(data.communities, label="community"),
            chart=Chart(series=("total",), axis_label=_("Items written"), label_column="community"),
        ),
        _top_table(
            "top-posts",
            _("Top posts"),
            _(
                "Company-wide and public-community posts written in the period with the most "
                "reactions and comments, listed when enough different people took part."
            ),
            _("Reactions and comments"),
            lambda data: _top_rows(data.top_posts),
        ),
        _top_table(
            "top-threads",
            _("Top forum threads"),
            _(
                "Company-wide and public-community threads started in the period with the "
                "most replies, listed when enough different people replied."
            ),
            _("Replies"),
            lambda data: _top_rows(data.top_threads),
        ),
        _top_table(
            "top-articles",
            _("Top blog articles"),
            _(
                "Company-wide, personal and public-community articles published in the period "
                "with the most reactions and comments, listed when enough different people "
                "took part."
            ),
            _("Reactions and comments"),
            lambda data: _top_rows(data.top_articles),
        ),
        Table(
            slug="emerging-topics",
            title=_("Emerging topics"),
            help_text=_(
                "Tags and key phrases of company-wide and public-community writing that were "
                "far more frequent in the last 7 days of the period than in the weeks before "
                "(up to four): a z-score of 2 or more against those weeks, or twice their "
                "average when they did not vary. Listed only when at least five items by "
                "enough different people carried them this week."
            ),
            columns=(
                Column("topic", _("Topic"), LINK),
                Column("kind", _("Kind")),
                Column("this_week", _("Items in the last 7 days"), FIGURE),
                Column("baseline", _("Weekly average before"), NUMBER),
                Column("z_score", _("z-score"), NUMBER),
                Column("ratio", _("Times the average"), NUMBER),
                Column("note", _("Note")),
            ),
            rows=lambda data: _topic_rows(data.topics),
            empty_text=_(
                "No topic stands out, or the period is shorter than three weeks (the last "
                "week and at least two weeks before it)."
            ),
        ),
    ),
)
