"""What a notification says, in the active language: as HTML (names in bold) or plain text."""

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications.models import Verb

# Verbs whose sentence names their target by its title.
TITLED_VERBS = frozenset({Verb.EXPERT_ASKED, Verb.WIKI_EDITED, Verb.CLIMATE_ALERT})


def _template(notification) -> str:
    """The translated sentence with %(actor)s, %(community)s and %(count)d placeholders."""
    verb, others = notification.verb, notification.other_count
    target_model = getattr(notification.target_type, "model", "")
    on_comment = target_model == "comment"
    if verb == Verb.MENTION:
        if on_comment:
            return _("%(actor)s mentioned you in a comment")
        if target_model == "thread":
            return _("%(actor)s mentioned you in a thread")
        if target_model == "reply":
            return _("%(actor)s mentioned you in a forum reply")
        if target_model == "article":
            return _("%(actor)s mentioned you in an article")
        return _("%(actor)s mentioned you in a post")
    if verb == Verb.COMMENT:
        return _("%(actor)s commented on your post")
    if verb == Verb.REPLY:
        return _("%(actor)s replied to your comment")
    if verb == Verb.REACTION:
        if on_comment:
            if not others:
                return _("%(actor)s reacted to your comment")
            return ngettext(
                "%(actor)s and %(count)d other reacted to your comment",
                "%(actor)s and %(count)d others reacted to your comment",
                others,
            )
        if not others:
            return _("%(actor)s reacted to your post")
        return ngettext(
            "%(actor)s and %(count)d other reacted to your post",
            "%(actor)s and %(count)d others reacted to your post",
            others,
        )
    if verb == Verb.FOLLOW:
        return _("%(actor)s started following you")
    if verb == Verb.SHARE:
        return _("%(actor)s shared your post")
    if verb == Verb.PRAISE:
        return _("%(actor)s praised you")
    if verb == Verb.COMMUNITY_INVITE:
        return _("%(actor)s invited you to join %(community)s")
    if verb == Verb.JOIN_REQUEST:
        return _("%(actor)s asked to join %(community)s")
    if verb == Verb.JOIN_APPROVED:
        return _("%(actor)s approved your request to join %(community)s")
    if verb == Verb.ANNOUNCEMENT:
        if notification.community_id:
            return _("%(actor)s posted an announcement in %(community)s")
        return _("%(actor)s posted an announcement")
    if verb == Verb.FORUM_REPLY:
        return _("%(actor)s replied in a thread you follow")
    if verb == Verb.ANSWER_ACCEPTED:
        return _("%(actor)s accepted your answer")
    if verb == Verb.THREAD_SOLVED:
        return _("%(actor)s accepted an answer in a thread you follow")
    if verb == Verb.EXPERT_ASKED:
        return _("%(actor)s asked you a question: %(title)s")
    if verb == Verb.WIKI_EDITED:
        if not others:
            return _("%(actor)s edited %(title)s")
        return ngettext(
            "%(actor)s and %(count)d other edited %(title)s",
            "%(actor)s and %(count)d others edited %(title)s",
            others,
        )
    if verb == Verb.CLIMATE_ALERT:
        return _("Climate alert: %(title)s")
    return _("%(actor)s did something")


def _names(notification) -> dict:
    actor = notification.actor
    community = notification.community if notification.community_id else None
    return {
        "actor": actor.name if actor is not None else _("Someone"),
        "community": community.name if community is not None else "",
        "count": notification.other_count,
        "title": _title(notification),
    }


def _title(notification) -> str:
    """The title of the thread a question is about or of the wiki page edited (loads the
    target if not prefetched)."""
    if notification.verb not in TITLED_VERBS or not notification.target_id:
        return ""
    return getattr(notification.target, "title", "") or ""


def describe_text(notification) -> str:
    """The sentence as plain text (e-mail, API)."""
    return _template(notification) % _names(notification)


def describe_html(notification) -> SafeString:
    """The sentence as HTML, the people and community in bold, everything escaped."""
    names = _names(notification)
    values = {
        "actor": format_html("<strong>{}</strong>", names["actor"]),
        "community": format_html("<strong>{}</strong>", names["community"]),
        "count": names["count"],
        "title": conditional_escape(names["title"]),
    }
    return mark_safe(conditional_escape(_template(notification)) % values)
