import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from analytics.models import DailyActivity, PersonAdoption
from tests.analytics.data.conftest import MONDAY


def backfill(*args) -> str:
    out = io.StringIO()
    call_command("analytics_backfill", *args, stdout=out)
    return out.getvalue()


def test_the_backfill_recomputes_the_range_and_shows_its_progress(town):
    output = backfill("--from", "2026-03-02", "--to", "2026-03-08")

    # 7 days, 1 week and 1 month: 9 steps, all done.
    assert "rollups    [##############################] 100%  9/9" in output
    assert "(6 daily rows)" in output
    assert "Recomputed 7 days, 2026-03-02 to 2026-03-08." in output
    assert "items scored)" in output  # The sentiment scorer's backfill, when there is one.
    assert DailyActivity.objects.filter(day__gte=MONDAY).count() == 6
    assert PersonAdoption.objects.count() == 4  # Active or registered that week: not bima.


def test_running_the_backfill_twice_gives_the_same_rows(town):
    backfill("--from", "2026-03-02", "--to", "2026-03-15")
    first = sorted(DailyActivity.objects.values_list("day", "user_id", "actions"))

    backfill("--from", "2026-03-02", "--to", "2026-03-15")

    assert sorted(DailyActivity.objects.values_list("day", "user_id", "actions")) == first
    assert len(first) == 9


def test_a_quiet_backfill_prints_nothing(town):
    out = io.StringIO()
    call_command("analytics_backfill", "--from", "2026-03-02", "--to", "2026-03-02",
                 verbosity=0, stdout=out)  # fmt: skip

    assert out.getvalue() == ""
    assert DailyActivity.objects.filter(day=MONDAY).count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-03-40", "--to", "2026-03-08"),
         "--from must be a date as YYYY-MM-DD, not '2026-03-40'."),
        (("--from", "2026-03-02", "--to", "yesterday"),
         "--to must be a date as YYYY-MM-DD, not 'yesterday'."),
        (("--from", "2026-03-09", "--to", "2026-03-08"),
         "--from (2026-03-09) is after --to (2026-03-08)."),
    ],
)  # fmt: skip
def test_bad_dates_are_refused_with_a_clear_message(db, args, message):
    with pytest.raises(CommandError) as refused:
        backfill(*args)

    assert str(refused.value) == message
    assert DailyActivity.objects.count() == 0


def test_both_dates_are_required(db):
    with pytest.raises(CommandError, match="--to"):
        backfill("--from", "2026-03-02")


def test_the_days_are_local_days(town):
    backfill("--from", "2026-03-04", "--to", "2026-03-04")

    # agus's login at 00:30 on the 4th in Jakarta (17:30 UTC on the 3rd).
    assert list(DailyActivity.objects.values_list("day", "logins")) == [
        (datetime.date(2026, 3, 4), 1)
    ]
