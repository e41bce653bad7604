"""The moderation log and reports in the admin: the log is read-only, reports close through
the same service as the moderation queue."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from moderation import selectors, services
from moderation.models import ModerationAction, Report, ReportStatus


def _short(text: str) -> str:
    return Truncator(text).chars(80)


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, so nobody adds, changes or deletes rows here."""

    list_display = ("created_at", "action", "actor", "community", "target_repr", "target_user",
                    "short_reason")  # fmt: skip
    list_select_related = ("actor", "community", "target_user")
    list_filter = ("action", ("community", admin.RelatedOnlyFieldListFilter), "created_at")
    date_hierarchy = "created_at"
    search_fields = (
        "reason",
        "target_repr",
        "actor__username",
        "actor__display_name",
        "target_user__username",
        "target_user__display_name",
        "community__name",
    )
    show_full_result_count = False
    fields = (
        "created_at",
        "action",
        "actor",
        "community",
        "target_type",
        "target_id",
        "target_repr",
        "target_user",
        "report",
        "reason",
    )
    readonly_fields = fields

    @admin.display(description=_("reason"))
    def short_reason(self, action):
        return _short(action.reason)

    def get_queryset(self, request):
        # Staff see the log of the communities they moderate, site moderators all of it.
        return selectors.within_moderated_communities(super().get_queryset(request), request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Reports are read here and closed with the actions, never edited by hand."""

    list_display = ("created_at", "status", "reported", "community", "reporter", "short_reason",
                    "resolved_by")  # fmt: skip
    list_select_related = ("reporter", "community", "resolved_by", "target_type")
    list_filter = ("status", ("community", admin.RelatedOnlyFieldListFilter))
    date_hierarchy = "created_at"
    search_fields = ("reason", "resolution_note", "reporter__username", "reporter__display_name",
                     "community__name")  # fmt: skip
    actions = ("resolve_selected", "dismiss_selected")
    fields = (
        "created_at",
        "status",
        "reporter",
        "target_type",
        "target_id",
        "reported",
        "community",
        "reason",
        "resolved_by",
        "resolved_at",
        "resolution_note",
    )
    readonly_fields = fields

    @admin.display(description=_("reported"))
    def reported(self, report):
        return report.target_label

    @admin.display(description=_("reason"))
    def short_reason(self, report):
        return _short(report.reason)

    def get_queryset(self, request):
        # Staff see the reports of the communities they moderate, site moderators all of them.
        reports = super().get_queryset(request).prefetch_related("target")
        return selectors.within_moderated_communities(reports, request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _close(self, request, queryset, outcome: str):
        closed, refused = 0, []
        for report in queryset.filter(status=ReportStatus.OPEN).select_related("community"):
            try:
                services.report_resolve(actor=request.user, report=report, outcome=outcome,
                                        note=str(_("Closed in the admin.")))  # fmt: skip
            except ValidationError as error:
                refused.append(f"#{report.pk}: {' '.join(error.messages)}")
            except PermissionDenied as error:
                refused.append(f"#{report.pk}: {error}")
            else:
                closed += 1
        if closed:
            message = (
                ngettext("Resolved %(count)d report.", "Resolved %(count)d reports.", closed)
                if outcome == ReportStatus.RESOLVED
                else ngettext("Dismissed %(count)d report.", "Dismissed %(count)d reports.", closed)
            )
            self.message_user(request, message % {"count": closed}, messages.SUCCESS)
        if refused:
            self.message_user(request, " ".join(refused), messages.WARNING)

    @admin.action(description=_("Resolve selected reports"))
    def resolve_selected(self, request, queryset):
        self._close(request, queryset, ReportStatus.RESOLVED)

    @admin.action(description=_("Dismiss selected reports"))
    def dismiss_selected(self, request, queryset):
        self._close(request, queryset, ReportStatus.DISMISSED)
