"""A fixed-window rate limit in the cache (Redis when configured), shared by pages and API."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

RATE_LIMITED = "rate_limited"


def check_rate(key: str, *, limit: int, seconds: int) -> None:
    """Count one more action under ``key``; raise ValidationError (code ``rate_limited``)
    once more than ``limit`` happened in the current window of ``seconds``."""
    if limit <= 0:
        return
    cache_key = f"rate:{key}"
    cache.add(cache_key, 0, timeout=seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # Expired between add and incr.
        cache.set(cache_key, 1, timeout=seconds)
        count = 1
    if count > limit:
        raise ValidationError(
            _("You are doing that too often. Please wait a minute and try again."),
            code=RATE_LIMITED,
        )
