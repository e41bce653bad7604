"""Rebuild the search index from the content itself: ``manage.py search_reindex [--kind K]``."""

import time

from django.core.management.base import BaseCommand, CommandError

from search import indexing


class ProgressBar:
    """``[#####.....]  52%  10,400/20,000`` on one line of a terminal, rewritten in place;
    elsewhere (a log, a pipe) only the finished line."""

    WIDTH = 30

    def __init__(self, stream, label: str, total: int):
        self.stream, self.label, self.total, self.done = stream, label, total, 0
        self.live = hasattr(stream, "isatty") and stream.isatty()
        self.started = time.monotonic()

    def advance(self, count: int) -> None:
        self.done += count
        if self.live:
            self.stream.write(f"\r{self._line()}", ending="")
            self.stream.flush()

    def finish(self, note: str = "") -> None:
        seconds = time.monotonic() - self.started
        start = "\r" if self.live else ""
        self.stream.write(f"{start}{self._line()}  {seconds:.1f} s{note}")

    def _line(self) -> str:
        share = self.done / self.total if self.total else 1.0
        filled = round(self.WIDTH * min(share, 1.0))
        bar = "#" * filled + "." * (self.WIDTH - filled)
        return f"{self.label:<10} [{bar}] {share:4.0%}  {self.done:,}/{self.total:,}"


class Command(BaseCommand):
    help = (
        "Rebuild the search index: rewrite the document of every searchable thing, in batches, "
        "and remove documents whose object is gone or may no longer be found."
    )

    def add_arguments(self, parser):
        kinds = list(indexing.sources())
        parser.add_argument(
            "--kind",
            action="append",
            choices=kinds,
            help="Only this kind (repeat for several). Default: every kind.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=indexing.BATCH_SIZE,
            help=f"Objects per batch (default {indexing.BATCH_SIZE:,}).",
        )

    def handle(self, *args, kind=None, batch_size, verbosity, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        wanted = kind or list(indexing.sources())
        # In the order of ``sources()``: comments copy their target's document.
        kinds = [k for k in indexing.sources() if k in wanted]
        stream = self.stdout if verbosity else None
        total_written = total_removed = 0
        for name in kinds:
            bar = None
            if stream is not None:
                bar = ProgressBar(stream, name, indexing.sources()[name].queryset().count())
            written, removed = indexing.rebuild(
                name, batch_size=batch_size, progress=bar.advance if bar else None
            )
            total_written += written
            total_removed += removed
            if bar is not None:
                bar.finish(f"  ({written:,} documents, {removed:,} removed)")
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Search index rebuilt: {total_written:,} documents written, "
                    f"{total_removed:,} stale documents removed."
                )
            )
