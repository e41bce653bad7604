from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from profiles.models import User


def _username_for(login: str) -> str | None:
    """The account username a login name (username or e-mail) signs in as, if any."""
    login = (login or "").strip()
    if "@" in login:
        match = User.objects.filter(email__iexact=login).values_list("username", flat=True)
        return match.first()
    return login or None


class UsernameOrEmailBackend(ModelBackend):
    """Log in with a username or a work e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            username = _username_for(username) or username
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_username(request, credentials=None) -> str | None:
    """The name django-axes counts failures under (``AXES_USERNAME_CALLABLE``).

    Every spelling that signs in as one account (its username, its e-mail in any case)
    shares one counter, so changing the case of an e-mail does not reset the throttle.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        login = credentials.get(field)
    else:
        login = getattr(request, "data", request.POST).get(field)
    if not login:
        return login
    return _username_for(login) or login.strip().lower()
