"""What the file share does when domain events happen (after commit, see ``core.events``):
a new community gets its library."""

from communities.models import Community
from core.events import DomainEvent
from files.services import library_ensure_for_community


def community_created(event: DomainEvent) -> None:
    """``community.created``: the community's library."""
    community = Community.objects.filter(pk=event.object_id).first()
    if community is not None:
        library_ensure_for_community(community=community)


SUBSCRIPTIONS = {
    "community.created": [community_created],
}
