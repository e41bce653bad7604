from django.contrib.auth.backends import ModelBackend

from profiles.models import User


class UsernameOrEmailBackend(ModelBackend):
    """Log in with a username or a work e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            match = User.objects.filter(email__iexact=username.strip()).first()
            if match is not None:
                username = match.username
        return super().authenticate(request, username=username, password=password, **kwargs)
