"""What the Conversation selectors share: the kinds, limits, result types and the public
writing rule."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet

from analytics.forms import Filters
from analytics.models import ContentKind, ContentSentiment
from analytics.privacy import Figure
from communities.models import CommunityType

KINDS = (
    ContentKind.POST,
    ContentKind.COMMENT,
    ContentKind.THREAD,
    ContentKind.REPLY,
    ContentKind.ARTICLE,
)
TOP_LIMIT = 10
TOP_CANDIDATES = 50  # Ranked by engagement, then checked for enough distinct people.
COMMUNITY_LIMIT = 20
TOPIC_LIMIT = 20
BASELINE_WEEKS = 4
MIN_BASELINE_WEEKS = 2
TOPIC_MIN_COUNT = 5
TOPIC_MIN_Z = 2.0
TOPIC_MIN_RATIO = 2.0  # When the baseline weeks are all equal (no deviation).

PUBLIC_PLACE = Q(community__isnull=True) | Q(community__type=CommunityType.PUBLIC)
PUBLIC_WRITING = Q(is_public=True) & PUBLIC_PLACE


@dataclass(frozen=True)
class VolumeRow:
    """Items written per kind (and all together) in one week, department or community."""

    key: object
    label: str
    url: str
    by_kind: dict  # ContentKind -> Figure
    total: Figure


@dataclass(frozen=True)
class TopItem:
    title: str
    url: str
    place: str
    written_on: date
    engagement: Figure  # Reactions and comments (replies for a thread).
    people: Figure  # Distinct people other than the author who reacted, commented or replied.


@dataclass(frozen=True)
class Topic:
    kind: str  # "tag" or "phrase"
    name: str
    url: str
    this_week: Figure
    baseline: float  # Items per week over the baseline weeks.
    z_score: float | None  # None when the baseline weeks do not vary.
    ratio: float | None  # This week / baseline; None when the baseline is 0 (new).


@dataclass(frozen=True)
class Conversation:
    total: VolumeRow
    contributors: Figure
    includes_private: bool
    no_results: Figure
    searches_url: str
    weeks: list[VolumeRow]
    departments: list[VolumeRow]
    communities: list[VolumeRow]
    top_posts: list[TopItem]
    top_threads: list[TopItem]
    top_articles: list[TopItem]
    topics: list[Topic]
    topic_week: tuple[date, date] | None  # First and last day of "this week" (None: too short).
    baseline_weeks: int


def public_only_for(filters: Filters) -> bool:
    """Whether the figures for ``filters`` are a breakdown (a department, office or community
    filter), which private and secret writing never feeds."""
    return filters.narrows_to_people or filters.community is not None


def writing_in(
    filters: Filters, *, public_only: bool, since: datetime | None = None
) -> QuerySet[ContentSentiment]:
    """The rows of the items written in the period (from ``since`` when given) that match
    ``filters``; public writing only when asked or when a filter narrows to a group."""
    qs = ContentSentiment.objects.filter(
        written_at__gte=since or filters.since, written_at__lt=filters.until
    )
    if public_only or public_only_for(filters):
        qs = qs.filter(PUBLIC_WRITING)
    return in_groups_of(qs, filters)


def in_groups_of(qs: QuerySet[ContentSentiment], filters: Filters) -> QuerySet:
    """``qs`` narrowed to the department, office and community ``filters`` name."""
    if filters.department:
        qs = qs.filter(department=filters.department)
    if filters.office:
        qs = qs.filter(office=filters.office)
    if filters.community:
        qs = qs.filter(community=filters.community)
    return qs
