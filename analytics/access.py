"""The analytics access log: every dashboard page, CSV export and API call leaves a row
(who, what, with which filters, when) that superusers read in Django admin."""

from django.db import transaction

from analytics.models import AccessKind, AccessLog

PATH_MAX_LENGTH = 500


@transaction.atomic
def access_log_record(*, user, kind: str, dashboard: str, filters: dict, path: str) -> AccessLog:
    """Write one access-log row. ``filters`` are the filters as used (ids and ISO dates)."""
    entry = AccessLog(
        user=user if user.is_authenticated else None,
        kind=AccessKind(kind),
        dashboard=dashboard,
        filters=filters,
        path=path[:PATH_MAX_LENGTH],
    )
    entry.full_clean(exclude=["user"])
    entry.save()
    return entry
