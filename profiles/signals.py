"""Django's own auth signals, turned into domain events."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from core import events


@receiver(user_logged_in, dispatch_uid="profiles.user_logged_in")
def publish_login(sender, request, user, **kwargs):
    events.publish("user.logged_in", actor=user, obj=user)
