"""Template helpers for posts that stand for another app's content (``feed.items``)."""

from django import template

from feed import items

register = template.Library()


@register.filter
def item_template(post) -> str:
    """The template of the card inside ``post`` when it stands for a thread or an article;
    "" for an ordinary post."""
    return items.item_template(getattr(post, "kind", "")) or ""
