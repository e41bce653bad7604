"""Recompute the analytics rollups of a range of days:
``manage.py analytics_backfill --from 2026-01-01 --to 2026-03-31``."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from analytics import rollups
from search.management.commands.search_reindex import ProgressBar


def parse_day(value: str, option: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} must be a date as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Recompute the analytics rollups (daily, weekly and monthly activity, people active "
        "per group, adoption per person, the departments' monthly topics and interactions) "
        "for the days FROM to TO, from the event log. Safe to re-run: a day "
        "recomputed gives the same rows. Also rescores sentiment for those days when the "
        "sentiment scorer offers a backfill."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Last day, YYYY-MM-DD.")

    def handle(self, *args, start, end, verbosity, **options):
        first, last = parse_day(start, "--from"), parse_day(end, "--to")
        if first > last:
            raise CommandError(f"--from ({first}) is after --to ({last}).")
        bar = ProgressBar(self.stdout, "rollups", rollups.rollup_units(first, last))
        written = rollups.rollup_range(first, last, progress=bar.advance if verbosity else None)
        if verbosity:
            bar.finish(f"  ({written:,} daily rows)")
        self._sentiment(first, last, verbosity)
        if verbosity:
            days = (last - first).days + 1
            self.stdout.write(self.style.SUCCESS(f"Recomputed {days:,} days, {first} to {last}."))

    def _sentiment(self, first, last, verbosity) -> None:
        # The scorer is another module's: use its backfill when it offers one.
        try:
            from analytics.sentiment import services
        except ImportError:
            return
        backfill = getattr(services, "sentiment_backfill", None)
        if backfill is None:
            return
        bar = ProgressBar(self.stdout, "sentiment", 0)

        def report(done: int, total: int) -> None:
            bar.total = total
            bar.advance(done - bar.done)

        # The scorer takes the range as instants, the end excluded.
        since, _ = rollups.day_bounds(first)
        _, until = rollups.day_bounds(last)
        scored = backfill(start=since, end=until, progress=report if verbosity else None)
        if verbosity:
            bar.finish(f"  ({scored:,} items scored)")
