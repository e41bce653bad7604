"""How the topic pages name and picture the kinds of things that carry a tag."""

from django import template
from django.utils.translation import gettext_lazy as _

from search.models import Kind

register = template.Library()

ONE = {
    Kind.PERSON: (_("Person"), "person"),
    Kind.COMMUNITY: (_("Community"), "people"),
    Kind.POST: (_("Post"), "chat-square-text"),
    Kind.COMMENT: (_("Comment"), "chat"),
    Kind.THREAD: (_("Forum thread"), "question-circle"),
    Kind.REPLY: (_("Forum reply"), "reply"),
    Kind.ARTICLE: (_("Article"), "journal-text"),
    Kind.WIKI_PAGE: (_("Wiki page"), "book"),
    Kind.FILE: (_("File"), "file-earmark"),
}


@register.filter
def kind_label(kind: str) -> str:
    """One thing of ``kind``: "Post", "Wiki page"..."""
    return ONE.get(kind, (kind, ""))[0]


@register.filter
def kind_icon(kind: str) -> str:
    """The Bootstrap icon of ``kind`` (without the "bi-")."""
    return ONE.get(kind, ("", "tag"))[1]


@register.filter
def kind_plural(kind: str) -> str:
    """Things of ``kind``, as a tab says it: "Posts", "Wiki pages"..."""
    return Kind(kind).label if kind in Kind.values else kind
