"""Every moderation write: hide and restore content, reports, and the audit log behind them.

Each moderator action writes one ``ModerationAction`` row in the same transaction as the
change itself, and publishes a ``moderation.*`` domain event after commit. Other apps record
their own moderator actions with ``audit_record`` (``community_member_remove`` does).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communities.models import Community, PlacedContent
from communities.permissions import can_view_community
from core import events
from moderation import permissions
from moderation.models import (
    REASON_MAX_LENGTH,
    ActionType,
    ModerationAction,
    Report,
    ReportStatus,
)
from profiles.models import User
from search import indexing


def _clean_text(value: str, *, field: str, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("Tell the moderators what is wrong.")})
    if len(text) > REASON_MAX_LENGTH:
        raise ValidationError(
            {field: _("Keep it under %(limit)d characters.") % {"limit": REASON_MAX_LENGTH}}
        )
    return text


@transaction.atomic
def audit_record(
    *,
    actor: User,
    action: str,
    community: Community | None = None,
    target=None,
    target_user: User | None = None,
    reason: str = "",
    report: Report | None = None,
) -> ModerationAction:
    """Write one row of the moderation log; call it in the transaction of the change."""
    entry = ModerationAction(
        actor=actor,
        action=action,
        community=community,
        target_user=target_user,
        report=report,
        reason=(reason or "").strip()[:REASON_MAX_LENGTH],
    )
    if target is not None:
        entry.target = target
        entry.target_repr = str(target)[:200]
    # Foreign keys come from objects already loaded; checking them would only cost queries.
    entry.full_clean(exclude=["actor", "community", "target_type", "target_user", "report"])
    entry.save()
    return entry


def _set_hidden(*, actor: User, obj: PlacedContent, hide: bool, reason: str) -> PlacedContent:
    if not isinstance(obj, PlacedContent):
        raise TypeError(f"{type(obj).__name__} is not placed content.")
    permissions.check_moderate_content(actor, obj)
    reason = _clean_text(reason, field="reason")
    model = type(obj)
    locked = model._base_manager.select_for_update().get(pk=obj.pk)
    if locked.is_hidden == hide:  # Hidden (or restored) already: nothing to do, nothing to log.
        obj.hidden_at, obj.hidden_by_id = locked.hidden_at, locked.hidden_by_id
        return obj
    obj.hidden_at, obj.hidden_by = (timezone.now(), actor) if hide else (None, None)
    # An update, not save(): hiding is not an edit, so ``updated_at`` stays as it was.
    model._base_manager.filter(pk=obj.pk).update(hidden_at=obj.hidden_at, hidden_by=obj.hidden_by)
    indexing.index(obj)  # Hidden content leaves the search index (and comes back) at once.
    entry = audit_record(
        actor=actor,
        action=ActionType.HIDE if hide else ActionType.RESTORE,
        community=obj.community,
        target=obj,
        target_user=obj.author,
        reason=reason,
    )
    events.publish(
        "moderation.content_hidden" if hide else "moderation.content_restored",
        actor=actor,
        obj=obj,
        community_id=obj.community_id,
        payload={"action_id": entry.pk},
    )
    return obj


@transaction.atomic
def content_hide(*, actor: User, obj: PlacedContent, reason: str = "") -> PlacedContent:
    """Hide content from everyone (its community's moderators, or site moderators)."""
    return _set_hidden(actor=actor, obj=obj, hide=True, reason=reason)


@transaction.atomic
def content_restore(*, actor: User, obj: PlacedContent, reason: str = "") -> PlacedContent:
    """Show hidden content again (the same people who may hide it)."""
    return _set_hidden(actor=actor, obj=obj, hide=False, reason=reason)


ALREADY_REPORTED = gettext_lazy("You have already reported this; the moderators will look at it.")


@transaction.atomic
def report_create(*, reporter: User, target, reason: str) -> Report:
    """Report a community or a piece of content the reporter can see (404 otherwise)."""
    if isinstance(target, Community):
        if not can_view_community(reporter, target):
            raise Http404("No such community.")
        community = target
    elif isinstance(target, PlacedContent):
        if not target.is_visible_to(reporter):
            raise Http404("No such content.")
        community = target.community
    else:
        raise TypeError(f"{type(target).__name__} cannot be reported.")
    reason = _clean_text(reason, field="reason", required=True)
    target_type = ContentType.objects.get_for_model(target)
    mine = Report.objects.filter(
        reporter=reporter, target_type=target_type, target_id=target.pk, status=ReportStatus.OPEN
    )
    if mine.exists():
        raise ValidationError(ALREADY_REPORTED)
    report = Report(
        reporter=reporter,
        target_type=target_type,
        target_id=target.pk,
        community=community,
        reason=reason,
    )
    report.full_clean(exclude=["reporter", "target_type", "community", "resolved_by"])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # A second click won the race.
        raise ValidationError(ALREADY_REPORTED) from None
    report.target = target
    events.publish(
        "moderation.report_created",
        actor=reporter,
        obj=report,
        community_id=community.pk if community else None,
        payload={"target_type": target._meta.label_lower, "target_id": target.pk},
    )
    return report


@transaction.atomic
def report_resolve(
    *, actor: User, report: Report, outcome: str, note: str = "", hide_content: bool = False
) -> Report:
    """Close a report as resolved or dismissed, hiding the reported content if asked.

    Only the moderators of the report's community (or site moderators) may."""
    permissions.check_handle_report(actor, report)
    if outcome not in (ReportStatus.RESOLVED, ReportStatus.DISMISSED):
        raise ValidationError({"outcome": _("Choose to resolve or to dismiss the report.")})
    note = _clean_text(note, field="note")
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status != ReportStatus.OPEN:
        raise ValidationError(_("This report is already closed."))
    target = report.target
    if hide_content:
        if outcome != ReportStatus.RESOLVED:
            raise ValidationError(
                _("Dismissing a report leaves the content as it is; resolve it to hide it.")
            )
        if isinstance(target, Community):
            raise ValidationError(
                _("A community cannot be hidden; its admins can archive it instead.")
            )
        if target is not None:  # Deleted content needs no hiding.
            content_hide(actor=actor, obj=target, reason=note or report.reason)
    report.status = outcome
    report.resolved_by = actor
    report.resolved_at = timezone.now()
    report.resolution_note = note
    report.save(update_fields=["status", "resolved_by", "resolved_at", "resolution_note",
                               "updated_at"])  # fmt: skip
    resolved = outcome == ReportStatus.RESOLVED
    audit_record(
        actor=actor,
        action=ActionType.RESOLVE_REPORT if resolved else ActionType.DISMISS_REPORT,
        community=report.community,
        target=target,
        target_user=getattr(target, "author", None),
        reason=note,
        report=report,
    )
    events.publish(
        "moderation.report_resolved" if resolved else "moderation.report_dismissed",
        actor=actor,
        obj=report,
        community_id=report.community_id,
        payload={"hid_content": bool(hide_content and target is not None)},
    )
    return report
