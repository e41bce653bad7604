"""The Climate figures from the weekly and daily rollup, where it holds a period."""

from collections import defaultdict
from fractions import Fraction

from django.db.models import Q

from analytics.climate_rollups import (
    public_tag_rows,
    sentiment_groups,
    sentiment_tally,
    topic_tally,
)
from analytics.models import ClimateLevel, ClimateSentimentWeek, ClimateTopicWeek
from analytics.periods import week_start
from analytics.privacy import Figure, is_reportable
from analytics.selectors.climate.scored import (
    GROUPS,
    WHOLE_LEVELS,
    ClimateRow,
    NegativeTopic,
    named_topics,
)
from analytics.selectors.conversation.rolled import RolledWeeks, spans_of
from analytics.selectors.conversation.volumes import unpack_authors
from communities.models import CommunityType


class RolledClimate:
    """The Climate figures of a period, unfiltered or for a department, an office or both:
    whole weeks the rollup holds up to date (``RolledWeeks``) from ``ClimateSentimentWeek``
    and ``ClimateTopicWeek``, the days of partial weeks rolled up after they ended from their
    day rows, the rest (today, a week not rolled up or gone stale) from the scored rows,
    summed as the rollup sums them, with the author sets merged. Same scopes and figures as
    ``climate_index`` and ``negative_topics``.

    Filtered, the figures are sums of the filters' rows (public writing only, as the scored
    rows are read then): per department and office for the index and its department and
    office breakdowns, per department, office or both with the community for the community
    breakdown, and the tags per department, office or both."""

    def __init__(self, filters):
        start, end = filters.start, filters.end
        self.department = filters.department.pk if filters.department is not None else None
        self.office = filters.office.pk if filters.office is not None else None
        self.narrowed = self.department is not None or self.office is not None
        self.community_level = {
            (True, True): ClimateLevel.DEPARTMENT_OFFICE_COMMUNITY,
            (True, False): ClimateLevel.DEPARTMENT_COMMUNITY,
            (False, True): ClimateLevel.OFFICE_COMMUNITY,
        }.get((self.department is not None, self.office is not None))
        self.topic_level = {
            (False, False): ClimateLevel.ALL,
            (True, True): ClimateLevel.DEPARTMENT_OFFICE,
            (True, False): ClimateLevel.DEPARTMENT,
            (False, True): ClimateLevel.OFFICE,
        }[(self.department is not None, self.office is not None)]
        rolled = RolledWeeks(start, end)
        self.weeks, days = rolled.pieces(start, end)
        self.days = [day for day in days if rolled.day_is_whole(day)]
        self.spans = spans_of(sorted(set(days) - set(self.days)))
        self._sentiment = None

    def _matches(self, department_id, office_id) -> bool:
        return (self.department is None or department_id == self.department) and (
            self.office is None or office_id == self.office
        )

    def _rows(self, model, levels):
        """The ``model``'s rows of the ``levels`` this view sums, for its filters."""
        rows = model.objects.filter(level__in=levels)
        if self.department is not None:
            rows = rows.filter(department_id=self.department)
        if self.office is not None:
            rows = rows.filter(office_id=self.office)
        return rows.order_by()

    def _sentiment_targets(self, level, group_id, department_id, office_id) -> list[tuple]:
        """The (level, group id) figures of this view a stored row adds to: itself unfiltered;
        filtered, the index and the department and office breakdowns from the rows per
        department and office, the community breakdown from the community's rows."""
        if not self.narrowed:
            return [(level, group_id)] if level in WHOLE_LEVELS else []
        if not self._matches(department_id, office_id):
            return []
        if level == self.community_level:
            return [(ClimateLevel.COMMUNITY, group_id)]
        if level != ClimateLevel.DEPARTMENT_OFFICE:
            return []
        targets = [(ClimateLevel.ALL, None)]
        if department_id is not None:
            targets.append((ClimateLevel.DEPARTMENT, department_id))
        if office_id is not None:
            targets.append((ClimateLevel.OFFICE, office_id))
        return targets

    def _sentiment_rows(self) -> dict[tuple, tuple]:
        """{(week, level, group id): (positive, neutral, negative, people)}. Three queries."""
        if self._sentiment is None:
            summed = defaultdict(lambda: [0, 0, 0, 0])

            def add(week, key, numbers, bits):
                for target in self._sentiment_targets(*key):
                    row = summed[(week, *target)]
                    for n, count in enumerate(numbers):
                        row[n] += count
                    row[3] |= bits

            # Partial weeks: the scored rows of their days not rolled up, and their days'
            # rows, author sets merged.
            for (week, *key), (*numbers, bits) in sentiment_tally(
                sentiment_groups(self.spans)
            ).items():
                add(week, key, numbers, bits)
            levels = (
                [ClimateLevel.DEPARTMENT_OFFICE, self.community_level]
                if self.narrowed
                else WHOLE_LEVELS
            )
            fields = ("week", "level", "group_id", "department_id", "office_id")
            counts = ("positive", "neutral", "negative")
            days = self._rows(ClimateSentimentWeek, levels).filter(span=0, week__in=self.days)
            for day, *rest, authors in days.values_list(*fields, *counts, "authors"):
                add(week_start(day), rest[:4], rest[4:], unpack_authors(authors))
            weeks = self._rows(ClimateSentimentWeek, levels).filter(span=1, week__in=self.weeks)
            found = {}
            if self.narrowed:  # Sums of several rows: their author sets merged.
                for week, *rest, authors in weeks.values_list(*fields, *counts, "authors"):
                    add(week, rest[:4], rest[4:], unpack_authors(authors))
            else:  # One row per figure: its people as counted.
                for week, level, group_id, *numbers in weeks.values_list(
                    "week", "level", "group_id", *counts, "people"
                ):
                    found[(week, level, group_id)] = tuple(numbers)
            for key, (positive, neutral, negative, bits) in summed.items():
                found[key] = (positive, neutral, negative, bits.bit_count())
            self._sentiment = found
        return self._sentiment

    def index(self, group_by: str | None) -> list[ClimateRow]:
        """As ``climate_index(group_by=group_by)`` over the period. One query for the names
        (the first call also reads the counts)."""
        level = group_by or ClimateLevel.ALL
        found = sorted(
            (week, group_id, counts)
            for (week, row_level, group_id), counts in self._sentiment_rows().items()
            if row_level == level
        )
        names = {}
        if group_by is not None:
            groups = GROUPS[group_by].objects.filter(pk__in={row[1] for row in found})
            if group_by == "community":  # Read only while public, as the scored rows are.
                groups = groups.filter(type=CommunityType.PUBLIC)
            names = {group.pk: str(group) for group in groups}
        result = []
        for week, group_id, (positive, neutral, negative, people) in found:
            if group_by is not None and group_id not in names:
                continue  # Gone (or no longer public) since: the scored rows no longer count it.
            volume = positive + neutral + negative
            result.append(
                ClimateRow(
                    period=week,
                    group_id=group_id,
                    group_name=names.get(group_id, ""),
                    positive=Figure(positive, people),
                    neutral=Figure(neutral, people),
                    negative=Figure(negative, people),
                    volume=Figure(volume, people),
                    index=Figure(round((positive - negative) / volume, 3), people),
                    people=people,
                )
            )
        return result

    def topics(self, limit: int = 10) -> list[NegativeTopic]:
        """As ``negative_topics`` over the period. Three queries."""
        tally = defaultdict(lambda: [0, 0, 0, 0])
        for (_week, level, department_id, office_id, tag), partial in topic_tally(
            public_tag_rows(self.spans), per_week=False
        ).items():
            if level == self.topic_level and self._matches(department_id, office_id):
                counts = tally[tag]
                for n in (0, 1):
                    counts[n] += partial[n]
                for n in (2, 3):
                    counts[n] |= partial[n]
        rows = (
            self._rows(ClimateTopicWeek, [self.topic_level])
            .filter(Q(span=1, week__in=self.weeks) | Q(span=0, week__in=self.days))
            .values_list("tag", "items", "negative", "authors", "negative_authors")
        )
        # The negative authors are unpacked for the listed topics only (most of the work).
        negative_blobs = defaultdict(list)
        for tag, items, negative, authors, negative_authors in rows:
            counts = tally[tag]
            counts[0] += items
            counts[1] += negative
            counts[2] |= unpack_authors(authors)
            negative_blobs[tag].append(negative_authors)
        found = [
            (tag, items, negative, bits.bit_count())
            for tag, (items, negative, bits, _negative_bits) in tally.items()
            if negative > 0 and is_reportable(bits.bit_count())
        ]
        # Most negative pieces, then the highest negative share, then the tag.
        found.sort(key=lambda row: (-row[2], -Fraction(row[2], row[1]), row[0]))
        reportable = []
        for tag, items, negative, people in found[:limit]:
            negative_bits = tally[tag][3]
            for blob in negative_blobs[tag]:
                negative_bits |= unpack_authors(blob)
            reportable.append((tag, items, negative, people, negative_bits.bit_count()))
        return named_topics(reportable)
