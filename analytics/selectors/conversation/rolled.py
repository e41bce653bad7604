"""Which weeks and days the Conversation rollup holds up to date (``ConversationWeek``)."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from analytics.models import ConversationWeek
from analytics.periods import week_start
from communities.models import Community, CommunityType


def start_of(day: date) -> datetime:
    """The first moment of ``day`` in the active (company) time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


class RolledWeeks:
    """The rolled-up weeks touching ``first``..``last``: when each was rolled up, leaving
    out those a community's change of type has made stale (a community counted as a public
    place that is no longer public, or one left out that is public again). None when the
    active time zone is not the company's (the rollup's days are the company's). Two
    queries."""

    def __init__(self, first: date, last: date):
        self.rolled_at = {}
        if timezone.get_current_timezone_name() != settings.TIME_ZONE:
            return  # Days and weeks are the company's: a leader elsewhere reads the rows.
        monday = week_start(first)
        states = list(
            ConversationWeek.objects.filter(week__gte=monday, week__lte=last).values_list(
                "week", "rolled_at", "public_communities", "held_communities"
            )
        )
        named = {pk for _w, _r, public, held in states for pk in (*public, *held)}
        public_now = set()
        if named:
            public_now = set(
                Community.objects.filter(pk__in=named, type=CommunityType.PUBLIC).values_list(
                    "pk", flat=True
                )
            )
        self.rolled_at = {
            week: rolled_at
            for week, rolled_at, public, held in states
            if set(public) <= public_now and not set(held) & public_now
        }

    def week_is_whole(self, week: date) -> bool:
        """Rolled up after the week was over: its rows hold all of it."""
        rolled_at = self.rolled_at.get(week)
        return rolled_at is not None and rolled_at >= start_of(week + timedelta(days=7))

    def pieces(self, start: date, end: date) -> tuple[list[date], list[date]]:
        """The Mondays of the whole weeks of ``start``..``end`` rolled up after they ended,
        and the days of the range outside them."""
        first = start + timedelta(days=(7 - start.weekday()) % 7)
        mondays = (
            first + timedelta(days=7 * n) for n in range(max(0, ((end - first).days + 1) // 7))
        )
        weeks = [week for week in mondays if self.week_is_whole(week)]
        whole = set(weeks)
        period = (start + timedelta(days=n) for n in range((end - start).days + 1))
        return weeks, [day for day in period if week_start(day) not in whole]

    def day_is_whole(self, day: date) -> bool:
        """Rolled up after the day was over (the hourly run after midnight, at the latest
        the nightly close)."""
        rolled_at = self.rolled_at.get(week_start(day))
        return rolled_at is not None and rolled_at >= start_of(day + timedelta(days=1))


def spans_of(days: list[date]) -> list[tuple[datetime, datetime]]:
    """Consecutive days as ``[since, until)`` instants."""
    spans = []
    for day in sorted(days):
        if spans and spans[-1][1] == day:
            spans[-1][1] = day + timedelta(days=1)
        else:
            spans.append([day, day + timedelta(days=1)])
    return [(start_of(since), start_of(until)) for since, until in spans]
