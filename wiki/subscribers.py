"""What the wiki does when domain events happen (after commit, see ``core.events``): a new
community gets its space; the watchers of a page or its space hear of its edits."""

from django.db.models import Q

from communities.models import Community
from core.events import DomainEvent
from notifications.models import Verb
from notifications.services import notify
from profiles.models import User
from wiki.models import Page, Watch
from wiki.services import space_ensure_for_community


def community_created(event: DomainEvent) -> None:
    """``community.created``: the community's space."""
    community = Community.objects.filter(pk=event.object_id).first()
    if community is not None:
        space_ensure_for_community(community=community)


def page_changed(event: DomainEvent) -> None:
    """``wiki.page_created`` / ``wiki.page_edited``: tell those who watch the page or its
    space (one notification per page per hour collects the editors; the services leave out
    the editor, people who switched it off and anyone who may no longer see the page)."""
    page = Page.objects.select_related("space", "community").filter(pk=event.object_id).first()
    if page is None or page.is_deleted:
        return
    watchers = Watch.objects.filter(
        Q(page=page) | Q(space_id=page.space_id, page__isnull=True)
    ).values("user_id")
    actor = User.objects.filter(pk=event.actor_id).first() if event.actor_id else None
    notify(
        recipients=User.objects.filter(pk__in=watchers),
        verb=Verb.WIKI_EDITED,
        actor=actor,
        target=page,
        community=page.community,
    )


SUBSCRIPTIONS = {
    "community.created": [community_created],
    "wiki.page_created": [page_changed],
    "wiki.page_edited": [page_changed],
}
