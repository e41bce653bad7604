"""A shared cache of the dashboards' data (what ``Dashboard.build`` returns).

A dashboard's data depends on its filters and never on who looks (the selectors take
``Filters`` only), so every leader asking for the same filters may be served the same data.
The key also holds what a request sets around the selectors: the language (some labels are
translated while building), the time zone (day boundaries) and the suppression threshold.
Suppression itself is applied when the data is rendered, so a cached ``Figure`` is withheld
exactly as a fresh one.

Entries live until the underlying data changes: the rollup tasks and the sentiment scorer
bump the *data version*, which is part of every key, and ``ANALYTICS_CACHE_SECONDS``
(default 300; 0 switches the cache off) bounds how stale a dashboard reading live tables
(the event log, the forum) can be.
"""

import hashlib
import json
import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from analytics.privacy import min_group_size

if TYPE_CHECKING:  # Kept light: the rollup tasks and the scorer import the bump from here.
    from analytics.dashboards.base import Dashboard
    from analytics.forms import Filters

VERSION_KEY = "analytics:data-version"


def cache_seconds() -> int:
    return settings.ANALYTICS_CACHE_SECONDS


def data_version() -> str:
    """The current data version (created on first use, and again if the cache lost it)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY, "")
    return version


def data_version_bump() -> None:
    """Mark every cached dashboard as out of date (after a rollup run or a rescoring)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def dashboard_key(dashboard: "Dashboard", filters: "Filters") -> str:
    parts = [
        filters.as_dict(),
        translation.get_language(),
        timezone.get_current_timezone_name(),
        min_group_size(),
        data_version(),
    ]
    digest = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
    return f"analytics:dashboard:{dashboard.slug}:{digest}"


def cached_build(dashboard: "Dashboard", filters: "Filters") -> Any:
    """``dashboard.build(filters)``, from the shared cache when another request built it
    for the same filters, language and time zone since the data last changed."""
    seconds = cache_seconds()
    if seconds <= 0:
        return dashboard.build(filters)
    key = dashboard_key(dashboard, filters)
    # Wrapped in a tuple so that a dashboard whose data is None is cached too.
    entry = cache.get(key)
    if entry is None:
        entry = (dashboard.build(filters),)
        cache.set(key, entry, seconds)
    return entry[0]
