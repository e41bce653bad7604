"""Volumes: items written per kind, per week, department and public community, with the
distinct people who wrote them.

Whole weeks already rolled up (``ConversationVolume``, written by
``analytics.conversation_rollups``) are read from their few rows; the other days of the period
(a partial week at either end, the current week, a week not rolled up or gone stale) from
``ContentSentiment`` itself. Both paths keep the authors as sets (bitmaps of user ids), so
distinct people stay exact however the period is cut.
"""

import itertools
import zlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.db import connection
from django.db.models import BooleanField, Case, Count, DateField, Q, Value, When
from django.db.models.functions import TruncDay, TruncWeek
from django.utils.translation import gettext as _

from analytics.forms import Filters
from analytics.models import ContentSentiment, ConversationVolume, VolumeLevel
from analytics.periods import date_of, week_start
from analytics.privacy import Figure
from analytics.selectors.conversation.common import (
    COMMUNITY_LIMIT,
    KINDS,
    PUBLIC_WRITING,
    VolumeRow,
    in_groups_of,
    public_only_for,
)
from analytics.selectors.conversation.rolled import RolledWeeks, spans_of
from communities.models import Community
from profiles.models import Department

# Long periods read the breakdowns from blocks of this many weeks (aligned from ``EPOCH``)
# where the period holds the whole block: a year is 13 rows per group instead of 52.
BLOCK_WEEKS = 4
BLOCK_LEVELS = (
    VolumeLevel.DEPARTMENT,
    VolumeLevel.COMMUNITY,
    VolumeLevel.OFFICE,
    VolumeLevel.OFFICE_DEPARTMENT,
    VolumeLevel.OFFICE_COMMUNITY,
    VolumeLevel.CELL,
)
# Rows of single days (``span`` 0), for the partial weeks at either end of a period; not for
# the cells (a filtered dashboard reads the scored rows of those days).
DAY_LEVELS = (VolumeLevel.ALL, VolumeLevel.DEPARTMENT, VolumeLevel.COMMUNITY)
EPOCH = date(2001, 1, 1)  # A Monday.
# The keys each level of public writing keeps, coarsest level first: a filtered figure reads
# the first level holding its filters and its grouping (fewest rows, fewest sets to merge).
NARROW_LEVELS = (
    (VolumeLevel.DEPARTMENT, {"department"}),
    (VolumeLevel.COMMUNITY, {"community"}),
    (VolumeLevel.OFFICE, {"office"}),
    (VolumeLevel.OFFICE_DEPARTMENT, {"department", "office"}),
    (VolumeLevel.OFFICE_COMMUNITY, {"office", "community"}),
    (VolumeLevel.CELL, {"department", "office", "community"}),
)


def block_of(week: date) -> date:
    """The first week of the block ``week`` is in."""
    return week - timedelta(days=(week - EPOCH).days % (7 * BLOCK_WEEKS))


# --- author sets ----------------------------------------------------------------------------


def pack_authors(bits: int) -> bytes:
    """A set of user ids (bit n for id n) as stored in ``ConversationVolume.authors``."""
    return zlib.compress(bits.to_bytes((bits.bit_length() + 7) // 8, "little"), 1)


def unpack_authors(blob) -> int:
    return int.from_bytes(zlib.decompress(blob), "little")


# --- the rows of ContentSentiment, grouped --------------------------------------------------


class WritingGroup(NamedTuple):
    """Items of one kind written in one week (or day) by one author from one department and
    office in one place; ``public``: public writing (public when written, in a public place
    now)."""

    week: date
    kind: str
    department_id: int | None
    office_id: int | None
    community_id: int | None
    public: bool
    author_id: int | None
    items: int


def writing_groups(
    spans: Iterable[tuple[datetime, datetime]],
    filters: Filters | None = None,
    *,
    per_day: bool = False,
) -> list[WritingGroup]:
    """The rows written in the ``[since, until)`` spans, grouped per week (or day), kind,
    department, office, community, public flag and author; only the public writing
    ``filters`` select when they narrow the figures to a group. One query."""
    when = Q()
    for since, until in spans:
        when |= Q(written_at__gte=since, written_at__lt=until)
    if not when:
        return []
    qs = ContentSentiment.objects.filter(when)
    if filters is not None and public_only_for(filters):
        qs = in_groups_of(qs.filter(PUBLIC_WRITING), filters)
    rows = (
        qs.annotate(
            # A date, not an aware datetime: no conversion per row.
            wk=(TruncDay if per_day else TruncWeek)("written_at", output_field=DateField()),
            pub=Case(
                When(PUBLIC_WRITING, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )  # fmt: skip
        .values_list(
            "wk", "kind", "department_id", "office_id", "community_id", "pub", "author_id"
        )  # fmt: skip
        .annotate(n=Count("*"))
        .order_by()
    )
    # Through the cursor: Django's per-row conversions cost more than the query here.
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            WritingGroup(date_of(week), kind, department, office, community, bool(public), who, n)
            for week, kind, department, office, community, public, who, n in cursor.fetchall()
        ]


def level_key(level: str, group: WritingGroup) -> tuple | None:
    """The keys of ``group`` at a ``VolumeLevel`` (department, office, community), or None
    when the level does not count it."""
    if level == VolumeLevel.ALL:
        return (None, None, None)
    if not group.public:
        return None
    if level == VolumeLevel.DEPARTMENT:
        return (group.department_id, None, None)
    if level == VolumeLevel.COMMUNITY:
        return None if group.community_id is None else (None, None, group.community_id)
    if level == VolumeLevel.OFFICE:
        return (None, group.office_id, None)
    if level == VolumeLevel.OFFICE_DEPARTMENT:
        return (group.department_id, group.office_id, None)
    if level == VolumeLevel.OFFICE_COMMUNITY:
        if group.community_id is None:
            return None
        return (None, group.office_id, group.community_id)
    return (group.department_id, group.office_id, group.community_id)


# --- whole weeks from the rollup, the rest from the rows ------------------------------------


class Volumes:
    """The volume figures of one set of filters: which whole weeks of the period the rollup
    holds (up to date), and the grouped rows of the other days (one query, shared by the
    total, weekly, department and community figures)."""

    def __init__(self, filters: Filters, rolled: RolledWeeks | None = None):
        self.filters = filters
        self.narrowed = public_only_for(filters)
        start, end = filters.start, filters.end
        rolled = rolled or RolledWeeks(start, end)
        self.weeks, days = rolled.pieces(start, end)
        # Days of a partial week rolled up after they ended: their own rows.
        self.days = [] if self.narrowed else [day for day in days if rolled.day_is_whole(day)]
        self.rows = writing_groups(spans_of(sorted(set(days) - set(self.days))), filters)
        self._sums = {}
        self._reads = {}

    def figures(self, group: str | None) -> tuple[dict, dict]:
        """{group value: {kind: Figure}} and {group value: Figure of all kinds}, ``group``
        being None (one value, None), "week", "department" or "community"."""
        level = self._level(group)
        position = {"week": 0, "department": 2, "community": 4}.get(group)
        tally = defaultdict(lambda: [0, 0])
        rolled = self._rolled(level, blocks=group != "week")
        for row in itertools.chain(rolled, self._unrolled(level)):
            value = None if position is None else row[position]
            if value is None and group == "community":
                continue
            counts = tally[(value, row[1])]
            counts[0] += row[5]
            counts[1] |= row[6]
        by_kind, totals = defaultdict(dict), defaultdict(lambda: [0, 0])
        for (value, kind), (items, bits) in tally.items():
            by_kind[value][kind] = Figure(items, bits.bit_count())
            totals[value][0] += items
            totals[value][1] |= bits
        total = {value: Figure(items, bits.bit_count()) for value, (items, bits) in totals.items()}
        return by_kind, total

    def _unrolled(self, level: str) -> list[tuple]:
        """The rows of the days outside the rolled-up weeks summed as the rollup sums them:
        (week, kind, department, office, community, items, authors bitmap)."""
        if level not in self._sums:
            tally = defaultdict(lambda: [0, 0])
            for row in self.rows:
                keys = level_key(level, row)
                if keys is None:
                    continue
                counts = tally[(row.week, row.kind, *keys)]
                counts[0] += row.items
                if row.author_id is not None:
                    counts[1] |= 1 << row.author_id
            self._sums[level] = [(*keys, items, bits) for keys, (items, bits) in tally.items()]
        return self._sums[level]

    def _level(self, group: str | None) -> str:
        if self.narrowed:
            wanted = {
                key for key in ("department", "office", "community") if getattr(self.filters, key)
            }
            if group in ("department", "community"):
                wanted.add(group)
            return next(level for level, keys in NARROW_LEVELS if wanted <= keys)
        if group == "department":
            return VolumeLevel.DEPARTMENT
        if group == "community":
            return VolumeLevel.COMMUNITY
        return VolumeLevel.ALL

    def _rolled(self, level: str, *, blocks: bool) -> list[tuple]:
        """The rolled-up rows of ``level`` (whole blocks where ``blocks``), read once per
        level: a filtered dashboard's figures often share one."""
        if (level, blocks) not in self._reads:
            self._reads[(level, blocks)] = list(self._read_rolled(level, blocks=blocks))
        return self._reads[(level, blocks)]

    def _read_rolled(self, level: str, *, blocks: bool):
        if not self.weeks and not self.days:
            return
        weeks, whole = set(self.weeks), []
        if blocks and level in BLOCK_LEVELS:
            step = timedelta(days=7)
            starts = {block_of(week) for week in weeks}
            whole = sorted(
                first
                for first in starts
                if all(first + step * n in weeks for n in range(BLOCK_WEEKS))
            )
            weeks -= {first + step * n for first in whole for n in range(BLOCK_WEEKS)}
        spans = Q(span=1, week__in=sorted(weeks)) | Q(span=BLOCK_WEEKS, week__in=whole)
        if level in DAY_LEVELS and self.days:
            spans |= Q(span=0, week__in=self.days)
        qs = ConversationVolume.objects.filter(spans, level=level)
        if self.narrowed:  # The level holds every filter (``_level``).
            if self.filters.department:
                qs = qs.filter(department=self.filters.department)
            if self.filters.office:
                qs = qs.filter(office=self.filters.office)
            if self.filters.community:
                qs = qs.filter(community=self.filters.community)
        rows = qs.order_by().values_list(
            "span", "week", "kind", "department_id", "office_id", "community_id", "items",
            "authors",
        )  # fmt: skip
        for span, week, *keys, items, authors in rows:
            if span == 0:  # A day: its week, for the weekly figures.
                week = week_start(week)
            yield week, *keys, items, unpack_authors(authors)


# --- the figures ----------------------------------------------------------------------------


def _row(key, label: str, by_kind: dict, total: Figure, url: str = "") -> VolumeRow:
    return VolumeRow(
        key=key,
        label=label,
        url=url,
        by_kind={kind: by_kind.get(kind, Figure(0, 0)) for kind in KINDS},
        total=total,
    )


def _ranked(rows: list[VolumeRow]) -> list[VolumeRow]:
    """Shown rows by volume, then suppressed ones by name (their order would leak it)."""
    return sorted(
        rows,
        key=lambda row: (
            row.total.suppressed,
            0 if row.total.suppressed else -row.total.value,
            row.label.casefold(),
        ),
    )


def volume_total(filters: Filters, *, volumes: Volumes | None = None) -> tuple[VolumeRow, bool]:
    """Items written in the period per kind, company-wide (private and secret communities
    included unless a filter narrows the figures), and whether they were included."""
    volumes = volumes or Volumes(filters)
    by_kind, total = volumes.figures(None)
    figure = total.get(None, Figure(0, 0))
    row = _row(None, _("All writing"), by_kind.get(None, {}), figure)
    return row, not volumes.narrowed


def volume_by_week(filters: Filters, *, volumes: Volumes | None = None) -> list[VolumeRow]:
    """Items written per kind in each week (from Monday) the period touches, with the same
    scope as ``volume_total``. Weeks with no writing are listed (as empty figures)."""
    by_kind, total = (volumes or Volumes(filters)).figures("week")
    monday = week_start(filters.start)
    rows = []
    while monday <= filters.end:
        figure = total.get(monday, Figure(0, 0))
        rows.append(_row(monday, monday.isoformat(), by_kind.get(monday, {}), figure))
        monday += timedelta(days=7)
    return rows


def volume_by_department(filters: Filters, *, volumes: Volumes | None = None) -> list[VolumeRow]:
    """Items written per kind per department of the author at the time (public writing)."""
    by_kind, total = (volumes or Volumes(filters)).figures("department")
    keys = [key for key in total if key]
    names = dict(Department.objects.filter(pk__in=keys).values_list("pk", "name"))
    no_department = _("No department")
    return _ranked(
        [
            _row(key, names.get(key, no_department), by_kind[key], figure)
            for key, figure in total.items()
        ]
    )


def volume_by_community(
    filters: Filters, *, limit: int = COMMUNITY_LIMIT, volumes: Volumes | None = None
) -> list[VolumeRow]:
    """The most active public communities: items written per kind in each, and the
    distinct people who wrote them."""
    by_kind, total = (volumes or Volumes(filters)).figures("community")
    communities = Community.objects.in_bulk(list(total)) if total else {}
    rows = [
        _row(key, community.name, by_kind[key], total[key], community.get_absolute_url())
        for key, community in communities.items()
    ]
    return _ranked(rows)[:limit]
