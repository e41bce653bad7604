"""What the feed does live when domain events happen (after commit, see ``core.events``)."""

from core.events import DomainEvent
from feed import items, live
from feed.services.items import item_post_set_hidden

POST = "feed.post"


def announce_new_post(event: DomainEvent) -> None:
    """``post.created``: the post's feeds on the open pages of everyone who may see it."""
    post = live.post_for_live(event.object_id)
    if post is not None:
        live.post_new_delivery(post).send()


def announce_removed_post(event: DomainEvent) -> None:
    """``post.deleted`` / a moderator hid a post: open pages drop it."""
    if event.object_type != POST:
        return
    post = live.post_for_live(event.object_id)
    if post is not None:
        live.post_removed_delivery(post).send()


def mirror_item_moderation(event: DomainEvent) -> None:
    """A moderator hid (or restored) a thread, article or page: its feed card follows, and
    open pages drop a hidden one."""
    kind = items.kind_of_model(event.object_type)
    if kind is None or event.object_id is None:
        return
    hidden = event.name == "moderation.content_hidden"
    post = item_post_set_hidden(kind=kind, item_id=event.object_id, hidden=hidden)
    if post is not None and hidden:
        live.post_removed_delivery(post).send()


def _counted_post_id(event: DomainEvent) -> int | None:
    """The post whose counts ``event`` changed, if it changed a post's counts."""
    if event.name == "post.shared":
        return event.payload.get("original_id")
    if event.payload.get("target_type") == POST:
        return event.payload.get("target_id")
    return None


def update_counts(event: DomainEvent) -> None:
    """Comments, reactions and shares: the post's counts on every page showing it."""
    post_id = _counted_post_id(event)
    post = live.post_for_live(post_id) if post_id else None
    if post is not None:
        live.send_counts(post)


SUBSCRIPTIONS = {
    "post.created": [announce_new_post],
    "post.deleted": [announce_removed_post],
    "moderation.content_hidden": [announce_removed_post, mirror_item_moderation],
    "moderation.content_restored": [mirror_item_moderation],
    "comment.created": [update_counts],
    "comment.deleted": [update_counts],
    "reaction.added": [update_counts],
    "reaction.changed": [update_counts],
    "reaction.removed": [update_counts],
    "post.shared": [update_counts],
}
