import datetime
import zoneinfo
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import HttpResponseNotFound
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django_htmx.http import HttpResponseClientRedirect

from core import events

# Paths that work without logging in; everything else redirects to the login page.
PUBLIC_PATH_PREFIXES = (
    "/accounts/login/",
    "/accounts/password-reset/",
    "/accounts/reset/",
    "/accounts/signup/",
    "/healthz",
    "/i18n/",
    "/api/",  # The API answers 401/403 itself, in JSON.
    "/ws/",
)


class UserPreferencesMiddleware:
    """Activate the signed-in user's chosen language and time zone for the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.timezone or settings.TIME_ZONE))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class LoginRequiredMiddleware:
    """Every page needs a signed-in user except login, password reset, health and static."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.exempt = PUBLIC_PATH_PREFIXES + (settings.STATIC_URL,)

    def __call__(self, request):
        if (
            not request.user.is_authenticated
            and not request.path.startswith(self.exempt)
            and not self._public_view(request)
        ):
            if request.headers.get("HX-Request") == "true":
                # A partial swap would put the login page inside a fragment: reload instead.
                current = urlsplit(request.headers.get("HX-Current-URL", ""))
                next_path = urlunsplit(("", "", current.path, current.query, ""))
                login_url = redirect_to_login(next_path or request.get_full_path())["Location"]
                return HttpResponseClientRedirect(login_url)
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _public_view(request) -> bool:
        """A view marked with Django's ``login_not_required`` (a feed reader's Atom feed,
        which carries its own key)."""
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return getattr(match.func, "login_required", True) is False


class RejectNulMiddleware:
    """A NUL character in the path or query can never name anything, and PostgreSQL refuses
    it in a query: answer 404 at once instead of a 500 deep in a lookup."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return HttpResponseNotFound()
        return self.get_response(request)


class VisitMiddleware:
    """Record ``user.visited`` once per signed-in person and company day: sessions last
    weeks, so logins alone undercount the people who only read.

    One cache ``add`` per request remembers the day (atomic, so two parallel requests still
    record one visit); only the first request of a person's day publishes the event."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and response.status_code < 400:
            record_visit(user)
        return response


def company_now() -> datetime.datetime:
    """Now in the company time zone (whatever zone the request activated for the person)."""
    return datetime.datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE))


def record_visit(user) -> bool:
    """Publish ``user.visited`` for ``user`` unless it was published today (company time
    zone) already; returns whether it did."""
    now = company_now()
    tomorrow = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time.min, now.tzinfo
    )
    # The key expires with the day, so the cache never holds more than a day of visitors.
    seconds = max(60, int((tomorrow - now).total_seconds()) + 60)
    if not cache.add(f"visited:{user.pk}:{now.date().isoformat()}", True, seconds):
        return False
    events.publish("user.visited", actor=user, obj=user)
    return True
