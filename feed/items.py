"""Feed items that stand for content of another app: a forum thread, a blog article.

Such a post has ``kind`` set to the other app's kind and ``item_id`` pointing at its object;
the post carries the object's placement and tags, so timelines, the visibility rule and live
delivery treat it like any other post. The owning app keeps it in step through
``feed.services.items`` and registers here how to load its objects for a page of cards.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ItemKind:
    # ``load(ids, viewer)`` returns ``{item_id: object}`` in a fixed number of queries; the
    # object is what ``template`` renders as ``item`` inside the post card.
    load: Callable[[list[int], object], dict[int, object]]
    template: str
    # The item's model as "app_label.model": a moderator hiding the item hides its post.
    model: str = ""


_KINDS: dict[str, ItemKind] = {}


def register(kind: str, *, load, template: str, model: str = "") -> None:
    """Tell the feed how to show posts of ``kind`` (called from an app's ``ready``)."""
    _KINDS[kind] = ItemKind(load=load, template=template, model=model)


def is_item_kind(kind: str) -> bool:
    return kind in _KINDS


def kind_of_model(label: str) -> str | None:
    """The item kind whose objects are of model ``label`` ("forums.thread"), if any."""
    return next((kind for kind, found in _KINDS.items() if label and found.model == label), None)


def item_template(kind: str) -> str | None:
    found = _KINDS.get(kind)
    return found.template if found else None


def items_attach(posts, viewer) -> None:
    """Set ``post.item`` (None when the object is gone) on every item post: one load per kind
    present on the page, none when the page has no item posts."""
    wanted = defaultdict(list)
    for post in posts:
        if post.kind in _KINDS and post.item_id:
            wanted[post.kind].append(post.item_id)
    loaded = {kind: _KINDS[kind].load(ids, viewer) for kind, ids in wanted.items()}
    for post in posts:
        post.item = loaded.get(post.kind, {}).get(post.item_id) if post.item_id else None
