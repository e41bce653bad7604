"""The printable one-page monthly summary (``/analytics/summary/?month=2026-10``)."""

import datetime
import re

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analytics import access
from analytics.models import AccessKind
from analytics.permissions import check_view_analytics
from analytics.privacy import min_group_size, suppressed_text
from analytics.summary import ClimateWeek, last_complete_month, summary_for_month
from profiles.models import Department

MONTH = re.compile(r"(\d{4})-(\d{2})")
FIRST_YEAR = 2000

# The climate chart (SVG user units): one bar per week, the index -1 .. 1 around a zero line.
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 320, 90, 6


class SummaryForm(forms.Form):
    """The month (YYYY-MM; default: the last complete month) and an optional department."""

    month = forms.CharField(label=gettext_lazy("Month"), required=False, max_length=7)
    department = forms.ModelChoiceField(
        label=gettext_lazy("Department"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("All departments"),
        error_messages={"invalid_choice": gettext_lazy("There is no such department.")},
    )

    def __init__(self, data=None, *, today: datetime.date, **kwargs):
        super().__init__(data, **kwargs)
        self.today = today

    def clean_month(self) -> datetime.date:
        typed = self.cleaned_data["month"].strip()
        if not typed:
            return last_complete_month(self.today)
        found = MONTH.fullmatch(typed)
        if not found or not 1 <= int(found[2]) <= 12:
            raise forms.ValidationError(_("Enter a month as YYYY-MM, for example 2026-10."))
        first = datetime.date(int(found[1]), int(found[2]), 1)
        if first.year < FIRST_YEAR:
            raise forms.ValidationError(
                _("Choose a month from %(year)d on.") % {"year": FIRST_YEAR}
            )
        if first > self.today:
            raise forms.ValidationError(
                _("%(month)s has not begun yet: choose this month or an earlier one.")
                % {"month": date_format(first, "F Y")}
            )
        return first

    def as_dict(self) -> dict:
        """The month and department as used (the access log)."""
        department = self.cleaned_data.get("department")
        return {
            "month": self.cleaned_data["month"].strftime("%Y-%m"),
            "department": department.pk if department else None,
        }

    def raw(self) -> dict:
        """What was asked for, as typed (the access log of a refused request)."""
        names = ("month", "department")
        return {name: str(self.data.get(name, ""))[:100] for name in names if self.data.get(name)}


def _number(value: float) -> str:
    # SVG coordinates, not localised (a decimal comma would break them).
    return f"{value:.1f}"


def climate_bars(weeks: list[ClimateWeek]) -> list[dict]:
    """Where each week's bar goes in the chart; a suppressed or empty week gets a marker on
    the zero line instead of a bar."""
    if not weeks:
        return []
    slot = (CHART_WIDTH - 2 * CHART_PAD) / len(weeks)
    zero = CHART_HEIGHT / 2
    reach = zero - CHART_PAD
    bars = []
    for n, week in enumerate(weeks):
        x = CHART_PAD + n * slot + slot * 0.2
        value = week.index.shown()
        bar = {"week": week, "x": _number(x), "width": _number(slot * 0.6), "shown": False}
        if value is None:
            bar.update(y=_number(zero - 1.5), height="3.0")
        else:
            height = max(abs(value) * reach, 1.0)
            top = zero - height if value >= 0 else zero
            bar.update(
                y=_number(top), height=_number(height), shown=True, negative=value < 0, value=value
            )
        bars.append(bar)
    return bars


def summary_page(request):
    """One month of the dashboards on one printable page."""
    check_view_analytics(request.user)
    today = timezone.localdate()
    form = SummaryForm(request.GET, today=today)
    context = {
        "form": form,
        "departments": list(form.fields["department"].queryset),
        "min_group_size": min_group_size(),
        "suppressed_text": suppressed_text(),
        "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT, "zero": CHART_HEIGHT / 2},
    }
    status = 200
    if form.is_valid():
        summary = summary_for_month(
            form.cleaned_data["month"], department=form.cleaned_data["department"], today=today
        )
        context.update(summary=summary, bars=climate_bars(summary.climate_weeks))
        logged = form.as_dict()
    else:
        status = 400
        logged = form.raw()
    access.access_log_record(
        user=request.user,
        kind=AccessKind.PAGE,
        dashboard="summary",
        filters=logged,
        path=request.get_full_path(),
    )
    return render(request, "analytics/summary.html", context, status=status)
