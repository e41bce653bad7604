"""Writing notifications: telling people, marking read, preferences, and the live badge.

``notify`` is called by the event subscribers (``notifications.subscribers``), after the
action it reports has committed. Nobody is told about their own action; a type someone
switched off creates nothing; each recipient must still be allowed to see the target.
"""

import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import live
from notifications import selectors, visibility
from notifications.models import (
    BATCH_WINDOWS,
    DEFAULT_CHANNEL,
    GROUPED_VERBS,
    MAX_GROUPED_ACTORS,
    Channel,
    Notification,
    NotificationPreference,
    Verb,
)
from profiles.models import User

# Past this many recipients the live badges go out from a Celery task, not the request.
INLINE_BADGE_LIMIT = 50
BULK_BATCH_SIZE = 500


def target_url(target) -> str:
    """Where a notification about ``target`` leads ('' when the target has no page yet)."""
    if target is None:
        return ""
    try:
        return target.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return ""


def _recipient_rows(recipients, verb: str, actor: User | None) -> QuerySet:
    """Active recipients, not the actor, who have not switched ``verb`` off."""
    if isinstance(recipients, QuerySet):
        people = User.objects.filter(pk__in=recipients.values("pk"))
    else:
        ids = {getattr(r, "pk", r) for r in recipients if r is not None}
        people = User.objects.filter(pk__in=ids)
    if actor is not None:
        people = people.exclude(pk=actor.pk)
    preference = NotificationPreference.objects.filter(user=OuterRef("pk"), verb=verb)
    if DEFAULT_CHANNEL == Channel.OFF:
        people = people.filter(Exists(preference.exclude(channel=Channel.OFF)))
    else:
        people = people.exclude(Exists(preference.filter(channel=Channel.OFF)))
    return people.active()


@transaction.atomic
def notify(
    *,
    recipients,
    verb: str,
    actor: User | None = None,
    target=None,
    community=None,
    url: str | None = None,
    check_visibility: bool = True,
    once: bool = False,
) -> list[Notification]:
    """Tell ``recipients`` (users, ids or a user queryset) that ``actor`` did ``verb`` to
    ``target``; returns the notifications created or updated.

    ``check_visibility`` checks each recipient against the target's visibility rule (leave
    it on unless the recipients are the target's audience by construction). ``once`` skips
    recipients already told about this verb and target (mentions added by an edit)."""
    if verb not in Verb.values:
        raise ValueError(f"Unknown notification verb: {verb}")
    people = _recipient_rows(recipients, verb, actor)
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    target_id = target.pk if target is not None else None
    if once and target is not None:
        people = people.exclude(
            Exists(
                Notification.objects.filter(
                    recipient=OuterRef("pk"), verb=verb, target_type=target_type,
                    target_id=target_id,
                )
            )
        )  # fmt: skip
    people = list(people)
    if check_visibility and target is not None:
        people = [person for person in people if visibility.may_see(person, target)]
    if not people:
        return []
    if url is None:
        url = target_url(target)
    fields = {
        "verb": verb, "actor": actor, "target_type": target_type, "target_id": target_id,
        "community": community, "url": url[:500],
    }  # fmt: skip
    if verb in GROUPED_VERBS and actor is not None and target is not None:
        touched = [_group_into(person.pk, **fields) for person in people]
        touched = [n for n in touched if n is not None]
    elif verb in BATCH_WINDOWS and actor is not None and target is not None:
        since = timezone.now() - BATCH_WINDOWS[verb]
        touched = [_batch_into(person.pk, since=since, **fields) for person in people]
    else:
        now = timezone.now()
        touched = Notification.objects.bulk_create(
            [
                Notification(recipient_id=person.pk, created_at=now, updated_at=now, **fields)
                for person in people
            ],
            batch_size=BULK_BATCH_SIZE,
        )
    recipient_ids = [n.recipient_id for n in touched]
    transaction.on_commit(lambda: push_badges(recipient_ids, announce=True))
    return touched


def _group_into(recipient_id: int, *, actor: User, **fields) -> Notification | None:
    """Add ``actor`` to the recipient's unread row about this item (or start one); None when
    they were already counted there."""
    lookup = {
        "recipient_id": recipient_id,
        "verb": fields["verb"],
        "target_type": fields["target_type"],
        "target_id": fields["target_id"],
        "read_at__isnull": True,
    }
    row = Notification.objects.select_for_update().filter(**lookup).first()
    if row is None:
        try:
            with transaction.atomic():
                return Notification.objects.create(
                    recipient_id=recipient_id, actor=actor, actor_ids=[actor.pk], **fields
                )
        except IntegrityError:  # Someone else's reaction started the row meanwhile.
            row = Notification.objects.select_for_update().filter(**lookup).first()
            if row is None:
                return None
    if actor.pk in row.actor_ids:
        return None
    row.actor = actor
    row.actor_count += 1
    row.actor_ids = [*row.actor_ids, actor.pk][-MAX_GROUPED_ACTORS:]
    row.emailed_at = None  # The next digest reports the larger group.
    row.save(update_fields=["actor", "actor_count", "actor_ids", "emailed_at", "updated_at"])
    return row


def _batch_into(recipient_id: int, *, since, actor: User, **fields) -> Notification:
    """Add ``actor`` to the recipient's row about this item started after ``since`` (or
    start one): the row shows the latest actor, counts each person once, and is unread and
    not yet e-mailed again."""
    row = (
        Notification.objects.select_for_update()
        .filter(
            recipient_id=recipient_id,
            verb=fields["verb"],
            target_type=fields["target_type"],
            target_id=fields["target_id"],
            created_at__gte=since,
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if row is None:
        return Notification.objects.create(
            recipient_id=recipient_id, actor=actor, actor_ids=[actor.pk], **fields
        )
    if actor.pk not in row.actor_ids:
        row.actor_count += 1
    row.actor = actor
    row.actor_ids = [*(pk for pk in row.actor_ids if pk != actor.pk), actor.pk][
        -MAX_GROUPED_ACTORS:
    ]
    row.read_at = row.emailed_at = None
    row.save(update_fields=["actor", "actor_count", "actor_ids", "read_at", "emailed_at",
                            "updated_at"])  # fmt: skip
    return row


@transaction.atomic
def notification_actor_withdraw(*, recipient, verb: str, actor, target) -> int:
    """Take ``actor`` out of ``recipient``'s grouped ``verb`` notifications about ``target``
    (they took their reaction back): one person fewer, the latest one left shown; a group
    left with nobody goes. Read rows too, so the history does not keep them. Returns how
    many rows changed."""
    if verb not in GROUPED_VERBS or target is None:
        return 0
    recipient_id, actor_id = getattr(recipient, "pk", recipient), getattr(actor, "pk", actor)
    rows = Notification.objects.select_for_update().filter(
        recipient_id=recipient_id,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
    )
    changed, unread_gone = 0, False
    for row in rows:
        if actor_id not in row.actor_ids:
            continue
        others = [pk for pk in row.actor_ids if pk != actor_id]
        changed += 1
        if not others or row.actor_count <= 1:
            unread_gone |= row.read_at is None
            row.delete()
            continue
        # update(), not save(): taking a reaction back is not news, updated_at stays.
        Notification.objects.filter(pk=row.pk).update(
            actor_id=others[-1], actor_count=row.actor_count - 1, actor_ids=others
        )
    if unread_gone:
        transaction.on_commit(lambda: push_badges([recipient_id]))
    return changed


@transaction.atomic
def notification_mark_read(*, user: User, notification: Notification) -> Notification:
    """Mark one of ``user``'s notifications read (reading twice changes nothing)."""
    if notification.recipient_id != user.pk:
        raise Http404("No such notification.")
    if notification.read_at is None:
        now = timezone.now()
        # update(), not save(): updated_at is the latest activity and must stay.
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
        transaction.on_commit(lambda: push_badges([user.pk]))
    return notification


@transaction.atomic
def notification_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of ``user`` read; returns how many."""
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        transaction.on_commit(lambda: push_badges([user.pk]))
    return count


def _clean_preference(verb: str, channel: str) -> None:
    errors = {}
    if verb not in Verb.values:
        errors["verb"] = _("“%(verb)s” is not a type of notification.") % {"verb": verb}
    if channel not in Channel.values:
        errors[verb if verb in Verb.values else "channel"] = _("Choose one of: %(choices)s.") % {
            "choices": ", ".join(Channel.values)
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def preference_set(*, user: User, verb: str, channel: str) -> NotificationPreference:
    """How ``user`` wants to hear about ``verb``: in the app, also by e-mail digest, or not."""
    _clean_preference(verb, channel)
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, verb=verb, defaults={"channel": channel}
    )
    return preference


@transaction.atomic
def preferences_update(*, user: User, channels: dict) -> dict[str, str]:
    """Set several preferences at once (``{verb: channel}``); all or nothing. Returns every
    preference of ``user`` afterwards."""
    errors = {}
    for verb, channel in channels.items():
        try:
            _clean_preference(str(verb), str(channel))
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    for verb, channel in channels.items():
        preference_set(user=user, verb=verb, channel=channel)
    return selectors.preferences_for(user)


def render_badge(user: User, *, count: int | None = None, announce: bool = False) -> str:
    """The bell's badge as an out-of-band fragment, in ``user``'s language."""
    if count is None:
        count = selectors.unread_count(user)
    with translation.override(user.language or settings.LANGUAGE_CODE):
        return render_to_string(
            "notifications/_badge.html", {"count": count, "oob": True, "announce": announce}
        )


def push_badges(user_ids: Iterable[int], *, announce: bool = False) -> None:
    """Send each user's new unread count to their open pages (a task for many users)."""
    user_ids = list(dict.fromkeys(user_ids))
    if len(user_ids) > INLINE_BADGE_LIMIT:
        from notifications.tasks import push_badges_task

        for start in range(0, len(user_ids), BULK_BATCH_SIZE):
            push_badges_task.delay(user_ids[start : start + BULK_BATCH_SIZE], announce=announce)
        return
    send_badges(user_ids, announce=announce)


def send_badges(user_ids: Iterable[int], *, announce: bool = False) -> None:
    """Render and send the badge of each user (one count query per user)."""
    for user in User.objects.filter(pk__in=list(user_ids)):
        live.send_html([user.pk], render_badge(user, announce=announce))


DIGEST_MAX_ITEMS = 50


def site_url() -> str:
    """The address links in e-mails start with (``SITE_URL``, else the first allowed host)."""
    explicit = getattr(settings, "SITE_URL", "")
    if explicit:
        return explicit.rstrip("/")
    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))]
    host = hosts[0] if hosts else "localhost:8000"
    scheme = "https" if settings.SESSION_COOKIE_SECURE else "http"
    return f"{scheme}://{host}"


def _absolute(site: str, url: str) -> str:
    return url if url.startswith(("http://", "https://")) else f"{site}{url}"


@transaction.atomic
def digest_send(*, user: User) -> int:
    """E-mail ``user`` their unread notifications of the types they want by e-mail, that
    they may still see and that no digest reported yet; mark those e-mailed. Returns how
    many it reported (0: no e-mail). Safe to run twice: the second run finds nothing."""
    if not user.is_active or not user.email:
        return 0
    pending = selectors.digest_for(user)
    ids = list(pending.values_list("pk", flat=True))
    # Lock the rows; a concurrent run skips them rather than sending them twice.
    locked = Notification.objects.select_for_update(skip_locked=True).filter(
        pk__in=ids, emailed_at__isnull=True
    )
    ids = list(locked.values_list("pk", flat=True))
    if not ids:
        return 0
    rows = pending.filter(pk__in=ids)
    items = selectors.notifications_decorate(rows[:DIGEST_MAX_ITEMS])
    site = site_url()
    for item in items:
        item.absolute_url = _absolute(site, item.get_absolute_url())
    with (
        translation.override(user.language or settings.LANGUAGE_CODE),
        timezone.override(_zone(user)),
    ):
        context = {
            "user": user,
            "items": items,
            "total": len(ids),
            "more": max(len(ids) - len(items), 0),
            "site_url": site,
            "list_url": _absolute(site, reverse("notifications:list")),
            "settings_url": _absolute(site, reverse("notifications:settings")),
            "SITE_NAME": settings.SITE_NAME,
        }
        subject = " ".join(
            render_to_string("notifications/email/digest_subject.txt", context).split()
        )
        text = render_to_string("notifications/email/digest.txt", context)
        html = render_to_string("notifications/email/digest.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()
    Notification.objects.filter(pk__in=ids).update(emailed_at=timezone.now())
    return len(ids)


def _zone(user: User):
    try:
        return zoneinfo.ZoneInfo(user.timezone or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)
