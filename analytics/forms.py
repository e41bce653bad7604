"""The dashboards' filters: one form read by the pages, the CSV exports and the API."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Community, CommunityType
from profiles.models import Department, Office

DEFAULT_DAYS = 90
# Long enough for year-on-year views, short enough to keep one request cheap.
MAX_DAYS = 731


@dataclass(frozen=True)
class Filters:
    """What a dashboard is filtered by. ``start``/``end`` are days (inclusive)."""

    start: date
    end: date
    department: Department | None = None
    office: Office | None = None
    community: Community | None = None

    @property
    def since(self) -> datetime:
        """The first moment of ``start`` in the active time zone."""
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        """The first moment after ``end`` (exclusive)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    @property
    def narrows_to_people(self) -> bool:
        """True when a department or office filter is set: the figures are then a breakdown,
        which private and secret communities never feed."""
        return self.department is not None or self.office is not None

    def as_dict(self) -> dict:
        """The filters as ids and ISO dates (the access log, the API's echo, links)."""
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "department": self.department.pk if self.department else None,
            "office": self.office.pk if self.office else None,
            "community": self.community.pk if self.community else None,
        }

    def querystring(self) -> str:
        return urlencode({k: v for k, v in self.as_dict().items() if v is not None})


def default_filters() -> Filters:
    today = timezone.localdate()
    return Filters(start=today - timedelta(days=DEFAULT_DAYS - 1), end=today)


class FilterForm(forms.Form):
    """Date range (default: the last 90 days), department, office and a public community.

    ``from`` and ``to`` are the query-string names (Python keywords: added in ``__init__``).
    Only public communities are offered: private and secret ones never get a breakdown."""

    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("All departments"),
        error_messages={"invalid_choice": _("There is no such department.")},
    )
    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Office.objects.order_by("name"),
        required=False,
        empty_label=_("All offices"),
        error_messages={"invalid_choice": _("There is no such office.")},
    )
    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=Community.objects.filter(type=CommunityType.PUBLIC).order_by("name"),
        required=False,
        empty_label=_("All public communities and company-wide"),
        error_messages={"invalid_choice": _("There is no such public community.")},
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        defaults = default_filters()
        self.fields["from"] = forms.DateField(
            label=_("From"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
            error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
        )
        self.fields["to"] = forms.DateField(
            label=_("To"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
            error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
        )
        self.initial.setdefault("from", defaults.start)
        self.initial.setdefault("to", defaults.end)
        self.order_fields(["from", "to", "department", "office", "community"])

    def select_fields(self) -> list[dict]:
        """The department, office and community selects with their options, each list read
        once (iterating ``field.choices`` in a template counts the rows first)."""
        selects = []
        for name in ("department", "office", "community"):
            bound = self[name]
            chosen = str(bound.value() or "")
            options = [
                {"value": str(value), "label": label, "selected": str(value) == chosen}
                for value, label in iter(self.fields[name].choices)
            ]
            selects.append({"field": bound, "options": options})
        return selects

    def clean(self):
        data = super().clean()
        defaults = default_filters()
        start = data.get("from")
        end = data.get("to")
        if "from" in self.errors or "to" in self.errors:
            return data
        end = end or defaults.end
        start = start or end - timedelta(days=DEFAULT_DAYS - 1)
        if end < start:
            self.add_error("to", _("The end date must not be before the start date."))
        elif (end - start).days >= MAX_DAYS:
            self.add_error("to", _("Choose a range of at most %(days)d days.") % {"days": MAX_DAYS})
        data["from"], data["to"] = start, end
        return data

    def filters(self) -> Filters:
        """The checked filters (call after ``is_valid()``)."""
        data = self.cleaned_data
        return Filters(
            start=data["from"],
            end=data["to"],
            department=data.get("department"),
            office=data.get("office"),
            community=data.get("community"),
        )

    def raw(self) -> dict:
        """What was asked for, as typed (the access log of a refused request)."""
        names = ("from", "to", "department", "office", "community")
        return {name: str(self.data.get(name, ""))[:100] for name in names if self.data.get(name)}
