"""What the people app does when domain events happen."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core import live
from core.events import DomainEvent
from profiles.models import User


def tell_followee_live(event: DomainEvent) -> None:
    """Show "X now follows you" at once on every page the followed person has open."""
    people = User.objects.active().in_bulk([event.actor_id, event.object_id])
    follower, followee = people.get(event.actor_id), people.get(event.object_id)
    if follower is None or followee is None:
        return
    # Rendered in the recipient's language, not the follower's.
    with translation.override(followee.language or settings.LANGUAGE_CODE):
        html = render_to_string("profiles/_live_followed.html", {"follower": follower})
    live.send_html([followee.pk], html)
