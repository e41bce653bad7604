"""Feed items for another app's content: the post that stands for a forum thread or a blog
article (``feed.items``).

The owning app calls these from its own services, inside its transaction: publish when the
item goes out, sync when its placement or topics change, withdraw when it is deleted,
merged away or unpublished, restore when it comes back. The post carries the item's
placement and tags, so timelines, the visibility rule and live delivery treat it like any
other post; it has no text of its own. Every function is idempotent: there is at most one
post per item (the ``unique_post_item`` constraint), and repeating a call changes nothing.
"""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from communities.models import Community
from core import events
from feed.models import Post
from feed.permissions import ITEM_KINDS
from feed.services.posts import publish_post_created
from profiles.models import User


def _check_kind(kind: str) -> None:
    if kind not in ITEM_KINDS:
        raise ValueError(f"{kind!r} is not a kind of item post.")


def _locked(kind: str, item_id: int) -> Post | None:
    return Post.objects.select_for_update().filter(kind=kind, item_id=item_id).first()


def _tag_names(tags) -> list[str]:
    return list(dict.fromkeys(getattr(tag, "name", tag) for tag in tags or ()))


@transaction.atomic
def item_post_publish(
    *,
    kind: str,
    item_id: int,
    author: User,
    community: Community | None,
    tags=(),
    created_at: datetime | None = None,
) -> Post:
    """Put the item in the feeds: create its post (or bring back a withdrawn one, dated
    ``created_at``, default now) and publish ``post.created``, as ``post_create`` does. An
    item already in the feeds stays as it is. The caller has checked that ``author`` may
    publish the item there."""
    _check_kind(kind)
    post = _locked(kind, item_id)
    if post is not None and not post.is_deleted:
        return post
    when = created_at or timezone.now()
    if post is None:
        post = Post(kind=kind, item_id=item_id, author=author, community=community, created_at=when)
        # The author and the community come loaded; the constraint backs the uniqueness.
        post.full_clean(exclude=["author", "community", "hidden_by", "deleted_by", "shared_post"],
                        validate_constraints=False)  # fmt: skip
        try:
            with transaction.atomic():
                post.save()
        except IntegrityError:  # Published at the same moment by another request.
            return Post.objects.get(kind=kind, item_id=item_id)
    else:
        post.author, post.community, post.created_at = author, community, when
        post.deleted_at, post.deleted_by = None, None
        post.save(update_fields=["author", "community", "created_at", "deleted_at",
                                 "deleted_by", "updated_at"])  # fmt: skip
    names = _tag_names(tags)
    post.tags.set(names)
    publish_post_created(
        post,
        actor=author,
        tag_slugs=list(post.tags.values_list("slug", flat=True)) if names else [],
        item_id=item_id,
    )
    return post


@transaction.atomic
def item_post_sync(*, kind: str, item_id: int, community: Community | None, tags=()) -> Post | None:
    """Keep the item's post placed and tagged like the item (a thread moved, topics edited);
    withdrawn posts too, so that restoring one puts it in the right feeds. None when the
    item has no post."""
    _check_kind(kind)
    post = _locked(kind, item_id)
    if post is None:
        return None
    community_id = community.pk if community is not None else None
    if post.community_id != community_id:
        post.community = community
        post.save(update_fields=["community", "updated_at"])
    post.tags.set(_tag_names(tags))
    return post


@transaction.atomic
def item_post_withdraw(*, kind: str, item_id: int, actor: User | None = None) -> Post | None:
    """Take the item out of the feeds (soft-delete its post; open pages drop the card, as
    for a deleted post). None when the item has no post."""
    _check_kind(kind)
    post = _locked(kind, item_id)
    if post is None or post.is_deleted:
        return post
    post.deleted_at, post.deleted_by = timezone.now(), actor
    post.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    events.publish("post.deleted", actor=actor, obj=post, community_id=post.community_id)
    return post


@transaction.atomic
def item_post_restore(*, kind: str, item_id: int, actor: User | None = None) -> Post | None:
    """Bring a withdrawn item back into the feeds, where it was. None when the item has no
    post."""
    _check_kind(kind)
    post = _locked(kind, item_id)
    if post is None or not post.is_deleted:
        return post
    post.deleted_at, post.deleted_by = None, None
    post.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    events.publish("post.restored", actor=actor, obj=post, community_id=post.community_id)
    return post


@transaction.atomic
def item_post_set_hidden(*, kind: str, item_id: int, hidden: bool) -> Post | None:
    """Hide the item's post with the item (a moderator hid the thread, article or page), or
    show it again. None when the item has no post."""
    _check_kind(kind)
    post = _locked(kind, item_id)
    if post is None or post.is_hidden == hidden:
        return post
    post.hidden_at = timezone.now() if hidden else None
    # An update, not save(): as for the item, hiding is not an edit.
    Post.objects.filter(pk=post.pk).update(hidden_at=post.hidden_at)
    return post
