from django import forms
from django.utils.translation import gettext_lazy as _

from moderation.models import REASON_MAX_LENGTH, ReportStatus


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong?"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("Only the moderators see your report and your name."),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        error_messages={"required": _("Tell the moderators what is wrong.")},
    )


class ReasonForm(forms.Form):
    """Why a moderator hides or restores something (optional, kept in the moderation log)."""

    reason = forms.CharField(max_length=REASON_MAX_LENGTH, required=False)


class ResolveForm(forms.Form):
    """One of the queue's three buttons, and the moderator's note."""

    RESOLVE, DISMISS, HIDE = "resolve", "dismiss", "hide"

    action = forms.ChoiceField(
        choices=[(RESOLVE, _("Resolve")), (DISMISS, _("Dismiss")), (HIDE, _("Hide content"))]
    )
    note = forms.CharField(max_length=REASON_MAX_LENGTH, required=False)

    def service_arguments(self) -> dict:
        action = self.cleaned_data["action"]
        return {
            "outcome": ReportStatus.DISMISSED if action == self.DISMISS else ReportStatus.RESOLVED,
            "hide_content": action == self.HIDE,
            "note": self.cleaned_data["note"],
        }
