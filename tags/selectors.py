"""Reads about topics: one tag, and whether someone follows it."""

from django.http import Http404
from taggit.models import Tag

from feed.models import Post
from tags.models import TagFollow


def tag_get(slug: str) -> Tag:
    """The tag at ``slug``, else Http404 (whoever asks: see ``tag_get_for`` for people)."""
    # PostgreSQL refuses NUL in a query; no tag has it.
    tag = Tag.objects.filter(slug=slug).first() if "\x00" not in slug else None
    if tag is None:
        raise Http404("No such topic.")
    return tag


def tag_get_for(user, *, slug: str) -> Tag:
    """The tag at ``slug`` if ``user`` knows of it (a post they may see carries it, or they
    follow it), else Http404: a topic used only in a secret community stays secret."""
    tag = tag_get(slug)
    seen = Post.objects.visible_to(user).filter(tag_items__tag=tag).exists()
    if not seen and not is_following(user, tag):
        raise Http404("No such topic.")
    return tag


def is_following(user, tag) -> bool:
    return user.is_authenticated and TagFollow.objects.filter(user=user, tag=tag).exists()
