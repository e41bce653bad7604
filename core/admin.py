"""What every app's admin shares: short texts in list columns, a refused action's reason,
actions run through the services, read-only rows, and the moderators' view of placed
content."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from communities.models import Community, sees_everything
from core import schedule
from core.models import ScheduledRun


def short(text: str) -> str:
    """``text`` on one line, cut to 80 characters (a list column)."""
    return Truncator(" ".join((text or "").split())).chars(80)


def refusal(error: Exception) -> str:
    """Why a service refused an admin action, for the message shown."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, Http404):
        return str(_("You cannot see it."))
    return str(error)


def placement(obj) -> str:
    """Where placed content (or a container of it) lives, for a list column."""
    community = obj.community if obj.community_id else None
    return community.name if community is not None else _("Company-wide")


class ActionsMixin:
    """Run a service on each selected row as the acting admin, reporting refusals."""

    def _act(self, request, rows, call, done) -> None:
        changed = 0
        for row in rows:
            try:
                call(row)
            except (PermissionDenied, ValidationError, Http404) as error:
                self.message_user(request, f"{row}: {refusal(error)}", messages.WARNING)
            else:
                changed += 1
        self.message_user(request, done(changed) % {"count": changed}, messages.SUCCESS)


def readable(queryset, user, prefix: str = ""):
    """The rows of ``queryset`` placed (through ``prefix``, e.g. "thread__") where ``user``
    may read; everything for site moderators and superusers (deleted, hidden and drafts
    included: the admin is for moderation)."""
    if sees_everything(user):
        return queryset
    places = Community.objects.with_content_visible_to(user)
    return queryset.filter(
        Q(**{f"{prefix}community__isnull": True}) | Q(**{f"{prefix}community__in": places})
    )


class ReadOnlyMixin:
    """Rows shown, never added, edited or removed by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScheduledRun)
class ScheduledRunAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The periodic tasks as the embedded mode ran them (with Redis, beat's log says)."""

    list_display = ("name", "task", "last_run_at", "finished_at", "duration_ms", "succeeded")
    list_filter = (("error", admin.EmptyFieldListFilter), "last_run_at")
    search_fields = ("name", "task", "error")
    fields = ("name", "task", "last_run_at", "finished_at", "duration_ms", "error")
    actions = ("run_selected_now",)

    @admin.display(boolean=True, description=_("succeeded"))
    def succeeded(self, run):
        return None if run.finished_at is None else not run.error

    def has_run_permission(self, request):
        return request.user.is_superuser

    @admin.action(description=_("Run the selected tasks now"), permissions=["run"])
    def run_selected_now(self, request, queryset):
        for run in queryset:
            try:
                succeeded = schedule.run_now(run)
            except ValidationError as error:
                self.message_user(request, refusal(error), messages.WARNING)
                continue
            if succeeded:
                text, level = _("%(name)s ran."), messages.SUCCESS
            else:
                text, level = _("%(name)s failed: see its error."), messages.ERROR
            self.message_user(request, text % {"name": run.name}, level)
