"""Who may open the analytics dashboards (DESIGN.md, Roles)."""

from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from profiles.roles import ANALYSTS, LEADERS, has_role


def can_view_analytics(user) -> bool:
    """Leaders and Analysts (and superusers) may open the dashboards and their API."""
    return has_role(user, LEADERS, ANALYSTS)


def can_export_analytics(user) -> bool:
    """Analysts (and superusers) may also download the tables as CSV."""
    return has_role(user, ANALYSTS)


def check_view_analytics(user) -> None:
    if not can_view_analytics(user):
        raise PermissionDenied


def check_export_analytics(user) -> None:
    if not can_export_analytics(user):
        raise PermissionDenied


class CanViewAnalytics(BasePermission):
    """DRF: signed in, and a Leader, Analyst or superuser."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and can_view_analytics(request.user))
