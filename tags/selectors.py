"""Reads about topics: one tag, and whether someone follows it."""

from django.http import Http404
from taggit.models import Tag

from tags.models import TagFollow


def tag_get(slug: str) -> Tag:
    """The tag at ``slug``, else Http404 (the tag page then lists only visible posts)."""
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404("No such topic.")
    return tag


def is_following(user, tag) -> bool:
    return user.is_authenticated and TagFollow.objects.filter(user=user, tag=tag).exists()
