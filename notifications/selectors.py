"""Reading notifications. Everything starts from ``notifications_visible_to``: a recipient
only ever sees (and counts) notifications about what they may still see."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.text import Truncator

from notifications import visibility
from notifications.models import (
    DEFAULT_CHANNEL,
    Channel,
    Notification,
    NotificationPreference,
    Verb,
)

EXCERPT_WORDS = 24


def notifications_visible_to(user, *, unread_only: bool = False) -> QuerySet:
    """``user``'s own notifications (or the unread ones) whose target they may still see."""
    if not user.is_authenticated:
        return Notification.objects.none()
    rows = Notification.objects.filter(recipient=user)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.filter(visibility.visible_condition(user, among=rows))


def notification_list_for(user, *, unread_only: bool = False) -> QuerySet:
    """The list page and the API: newest activity first, with what a row shows."""
    rows = notifications_visible_to(user, unread_only=unread_only)
    return rows.select_related("actor", "community", "target_type").order_by("-updated_at", "-id")


def notifications_decorate(notifications) -> list[Notification]:
    """Load the targets (one query per target type) and set ``excerpt`` on each row."""
    from django.db.models import prefetch_related_objects

    notifications = list(notifications)
    prefetch_related_objects(notifications, "target")
    for notification in notifications:
        body = getattr(notification.target, "body", "") or ""
        notification.excerpt = Truncator(" ".join(body.split())).words(EXCERPT_WORDS)
    return notifications


def unread_count(user) -> int:
    """How many unread notifications the bell shows. Every page asks, and most people have
    none or only a few kinds unread: the unread rows are counted per target type first, and
    only the types found are checked against their visibility rules (one query when nothing
    unread has a target, two otherwise)."""
    if not user.is_authenticated:
        return 0
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    per_type = dict(unread.order_by().values_list("target_type_id").annotate(count=Count("pk")))
    type_ids = per_type.keys() - {None}
    if not type_ids:
        return per_type.get(None, 0)
    return unread.filter(visibility.visible_condition(user, unread, type_ids=type_ids)).count()


def get_notification_for(user, pk) -> Notification:
    """``user``'s notification ``pk`` if they may still see its target, else Http404."""
    notification = (
        notifications_visible_to(user)
        .select_related("actor", "community", "target_type")
        .filter(pk=pk)
        .first()
    )
    if notification is None:
        raise Http404("No such notification.")
    return notification


def preferences_for(user) -> dict[str, str]:
    """Every type of notification with the channel ``user`` chose (or the default)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("verb", "channel"))
    return {verb: chosen.get(verb, DEFAULT_CHANNEL) for verb in Verb.values}


def emailed_verbs_condition(user_ref="recipient") -> Q:
    """A condition on Notification: its recipient wants this type in the e-mail digest."""
    preference = NotificationPreference.objects.filter(
        user=OuterRef(user_ref), verb=OuterRef("verb")
    )
    if DEFAULT_CHANNEL == Channel.EMAIL:
        return ~Q(Exists(preference.exclude(channel=Channel.EMAIL)))
    return Q(Exists(preference.filter(channel=Channel.EMAIL)))


def digest_pending() -> QuerySet:
    """Unread notifications not e-mailed yet whose recipient wants them by e-mail (any
    recipient; visibility is checked per recipient by ``digest_for``)."""
    return Notification.objects.filter(
        emailed_verbs_condition(),
        read_at__isnull=True,
        emailed_at__isnull=True,
        recipient__is_active=True,
    ).exclude(recipient__email="")


def digest_for(user) -> QuerySet:
    """What ``user``'s next digest reports: pending for them, and still visible to them."""
    return (
        notification_list_for(user, unread_only=True)
        .filter(emailed_verbs_condition(), emailed_at__isnull=True)
        .order_by("-updated_at", "-id")
    )
