"""Moderation reads: the queue, one report, and what a URL says is to be reported or hidden."""

from django.apps import apps
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.http import Http404

from communities.models import (
    Community,
    Membership,
    MembershipState,
    PlacedContent,
    sees_everything,
)
from communities.permissions import can_view_community
from communities.selectors import community_get_for
from moderation.models import Report, ReportStatus
from moderation.permissions import MODERATING_ROLES, can_moderate_in
from profiles.models import User


def placed_content_models() -> list[type[PlacedContent]]:
    """Every concrete content model that can be hidden and reported."""
    return [model for model in apps.get_models() if issubclass(model, PlacedContent)]


def content_model_for(type_label: str) -> type[PlacedContent]:
    """The placed-content model called ``type_label`` ("app_label.model"); 404 otherwise."""
    try:
        model = apps.get_model(type_label.lower())
    except (ValueError, LookupError):
        raise Http404("No such content type.") from None
    if not issubclass(model, PlacedContent):
        raise Http404("No such content type.")
    return model


def content_get(*, type_label: str, pk) -> PlacedContent:
    """Placed content by type and id, hidden or not (the services decide who may act); or 404."""
    model = content_model_for(type_label)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such content.") from None
    obj = model._base_manager.select_related("community", "author").filter(pk=pk).first()
    if obj is None:
        raise Http404("No such content.")
    return obj


def report_target_get_for(
    user: User, *, community_slug: str = "", type_label: str = "", pk=None
) -> Community | PlacedContent:
    """What ``user`` wants to report: a community or content they can see; 404 otherwise."""
    if community_slug:
        return community_get_for(user, slug=community_slug)
    if not type_label:
        raise Http404("Nothing to report.")
    obj = content_get(type_label=type_label, pk=pk)
    if not obj.is_visible_to(user):
        raise Http404("No such content.")
    return obj


def _with_targets(reports):
    """Fetch every report's target with one query per target type, authors included."""
    querysets = [
        Community.objects.all(),
        *(model._base_manager.select_related("author", "community")
          for model in placed_content_models()),
    ]  # fmt: skip
    return reports.select_related("reporter", "community", "target_type").prefetch_related(
        GenericPrefetch("target", querysets)
    )


def moderation_queue_for(user: User):
    """Open reports ``user`` handles, oldest first: everything for site moderators, their
    communities' reports for community moderators, admins and owners, nothing for others."""
    reports = within_moderated_communities(Report.objects.filter(status=ReportStatus.OPEN), user)
    return _with_targets(reports).order_by("created_at", "id")


def within_moderated_communities(queryset, user: User):
    """The rows of ``queryset`` (reports, log entries) in communities ``user`` moderates:
    all of them for site moderators; company-wide rows (no community) only for them."""
    if not user.is_authenticated:
        return queryset.none()
    if sees_everything(user):
        return queryset
    moderated = Membership.objects.filter(
        user=user, state=MembershipState.ACTIVE, role__in=MODERATING_ROLES
    ).values("community_id")
    return queryset.filter(community__in=moderated)


def report_get_for(user: User, *, pk) -> Report:
    """A report, to handle it. 404 when there is none, or when it sits in a secret community
    ``user`` cannot see; whether they may handle it is the service's question (403)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such report.") from None
    report = _with_targets(Report.objects.filter(pk=pk)).first()
    if report is None:
        raise Http404("No such report.")
    community = report.community
    if community is not None and not can_moderate_in(user, community):
        if not can_view_community(user, community):
            raise Http404("No such report.")
    return report
