"""Template helpers for the conversation around a post: the fixed set of reactions."""

from django import template

from feed.models import REACTION_EMOJI, ReactionKind

register = template.Library()


@register.simple_tag
def reaction_choices() -> list[dict]:
    """The fixed reaction set, in order: ``kind``, translated ``label`` and ``emoji``."""
    return [
        {"kind": kind, "label": ReactionKind(kind).label, "emoji": REACTION_EMOJI[kind]}
        for kind in ReactionKind.values
    ]


@register.filter
def reaction_emoji(kind: str) -> str:
    return REACTION_EMOJI.get(kind, "")


@register.filter
def reaction_label(kind: str) -> str:
    return ReactionKind(kind).label if kind in ReactionKind.values else ""
