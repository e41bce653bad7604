"""Which notifications their recipient may still see: the one visibility rule, applied to
every kind of target at once.

Each target model has a rule ``visible(user) -> QuerySet`` (by default
``Model.objects.visible_to(user)``). ``visible_condition(user)`` turns the rules into one SQL
condition on ``Notification`` (a subquery per target type), so the list, its pagination, the
unread count and the digest all filter in the database: a notification about a deleted post,
a hidden comment or a private community the recipient has left is neither shown nor counted.
A target type without a rule is never shown.
"""

from collections.abc import Callable

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, OuterRef, Q, QuerySet

Rule = Callable[[object], QuerySet]

_rules: dict[str, Rule] = {}
_comment_targets: list[str] = []


def register(label: str, visible: Rule | None = None, *, commentable: bool = False) -> None:
    """Let notifications point at ``label`` ("app.model") objects; ``visible(user)`` returns
    those ``user`` may see. ``commentable``: comments on it are visible where it is."""
    if visible is None:

        def visible(user, label=label):
            return apps.get_model(label)._default_manager.visible_to(user)

    _rules[label] = visible
    if commentable and label not in _comment_targets:
        _comment_targets.append(label)


def _visible_comments(user) -> QuerySet:
    """Comments not deleted, on a target the user may see (a comment has no rule of its own)."""
    Comment = apps.get_model("feed", "Comment")
    condition = Q(pk__in=[])
    for label in _comment_targets:
        content_type = ContentType.objects.get_for_model(apps.get_model(label))
        target = _rules[label](user).filter(pk=OuterRef("object_id"))
        condition |= Q(content_type=content_type) & Q(Exists(target))
    return Comment.objects.alive().filter(condition)


def register_defaults() -> None:
    """The targets known today (called from ``NotificationsConfig.ready``)."""
    register("feed.post", commentable=True)
    register("feed.comment", _visible_comments)
    register("profiles.user")
    register("communities.community")
    register("analytics.climatealert")


def visible_condition(user, among: QuerySet | None = None, *, type_ids=None) -> Q:
    """A condition on ``user``'s notifications ``among`` (default: all of them): the target
    (if any) is visible to ``user``. ``type_ids``: only targets of these content types occur
    among them (the others' rules are left out of the SQL)."""
    if among is None:
        among = apps.get_model("notifications", "Notification").objects.filter(recipient=user)
    condition = Q(target_type__isnull=True)
    for label, rule in _rules.items():
        content_type = ContentType.objects.get_for_model(apps.get_model(label))
        if type_ids is not None and content_type.pk not in type_ids:
            continue
        # Inside an OR, PostgreSQL turns this EXISTS into one hashed subquery: keep it to the
        # targets of these notifications, or it builds every visible post in the company.
        targets = among.filter(target_type=content_type).values("target_id")
        target = rule(user).filter(pk__in=targets, pk=OuterRef("target_id"))
        condition |= Q(target_type=content_type) & Q(Exists(target))
    return condition


def may_see(user, target: Model) -> bool:
    """Whether ``user`` may see ``target`` under its rule (False for unknown types)."""
    rule = _rules.get(target._meta.label_lower)
    if rule is None or not user.is_active:
        return False
    return rule(user).filter(pk=target.pk).exists()
