"""The suppression rule (DESIGN.md, "What leaders can and cannot see").

Any figure or breakdown built from fewer than ``ANALYTICS_MIN_GROUP_SIZE`` distinct people
is withheld: on pages, in CSV and in the API. Selectors return ``Figure`` values; whatever
renders them asks ``figure.suppressed`` and never reads ``value`` of a suppressed one.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _


def min_group_size() -> int:
    return settings.ANALYTICS_MIN_GROUP_SIZE


@dataclass(frozen=True)
class Figure:
    """One number on a dashboard and how many distinct people it was built from."""

    value: Any
    people: int

    @property
    def suppressed(self) -> bool:
        return self.people < min_group_size()

    def shown(self):
        """The value, or None when it must not be shown."""
        return None if self.suppressed else self.value

    def __str__(self):
        return suppressed_text() if self.suppressed else str(self.value)


def suppressed_text() -> str:
    """What a page, CSV cell or API field says instead of a suppressed figure."""
    return _("fewer than %(count)d people") % {"count": min_group_size()}


def is_reportable(people: int) -> bool:
    """True when a group of ``people`` distinct people may be shown."""
    return people >= min_group_size()
