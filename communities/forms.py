from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities.models import CommunityType, PostingPolicy, Role
from core.images import validate_image
from profiles.forms import BootstrapBoundField
from profiles.models import Department

IMAGE_ACCEPT = "image/jpeg,image/png,image/gif,image/webp"

TYPE_HELP = {
    CommunityType.PUBLIC: _("Every employee can find it, read it and join."),
    CommunityType.PRIVATE: _(
        "Everyone can find it and see its name and description. Only members see who is in "
        "it and what is posted; an admin approves each request to join."
    ),
    CommunityType.SECRET: _(
        "Invisible to everyone but its members. People join only when invited."
    ),
}


def person_suggestions(widget_id: str, url: str) -> dict:
    """Attributes of a text box that suggests colleagues as you type (a <datalist>)."""
    return {
        "list": widget_id,
        "autocomplete": "off",
        "spellcheck": "false",
        "autocapitalize": "none",
        "placeholder": _("Start typing a name…"),
        "hx-get": url,
        "hx-trigger": "input changed delay:250ms",
        "hx-target": f"#{widget_id}",
        "hx-swap": "innerHTML",
    }


class CommunityForm(forms.Form):
    """Create a community. The service checks everything again; this gives errors in place."""

    bound_field_class = BootstrapBoundField

    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        widget=forms.TextInput(attrs={"data-slug-source": "#id_slug", "autocomplete": "off"}),
    )
    slug = forms.CharField(
        label=_("Address"),
        max_length=120,
        required=False,
        help_text=_(
            "The community's web address: letters, digits and hyphens. "
            "Leave empty to make it from the name."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        required=False,
        help_text=_("What the community is for, and who should join. Markdown works."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    type = forms.ChoiceField(
        label=_("Who can find and join it"),
        choices=CommunityType.choices,
        initial=CommunityType.PUBLIC,
        widget=forms.RadioSelect,
    )
    department = forms.ModelChoiceField(
        label=_("Official community of"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("No department (not an official community)"),
        help_text=_("Only for a department's own community."),
    )
    posting_policy = forms.ChoiceField(
        label=_("Who may post"),
        choices=PostingPolicy.choices,
        initial=PostingPolicy.MEMBERS,
        widget=forms.RadioSelect,
    )
    avatar = forms.FileField(
        label=_("Picture"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB. It is cropped to a square."),
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        help_text=_("A wide banner, at most 5 MB. It is cropped to 1200 × 300 pixels."),
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and self.data.get("slug"):
            # Typed by hand: the page's script stops filling it from the name.
            self.fields["slug"].widget.attrs["data-edited"] = "1"

    def _clean_image(self, field: str):
        # The service checks again (core.images: one rule for form and API); checking here
        # too shows every error in one round trip, next to its field.
        upload = self.cleaned_data.get(field) or None
        if upload is not None:
            validate_image(upload, max_bytes=settings.AVATAR_MAX_BYTES)
        return upload

    def clean_avatar(self):
        return self._clean_image("avatar")

    def clean_cover(self):
        return self._clean_image("cover")

    def type_options(self):
        """The type radio buttons, each with what it means."""
        return [(choice, TYPE_HELP[choice.data["value"]]) for choice in self["type"]]


class CommunitySettingsForm(CommunityForm):
    """Change a community: the same fields as creating one, but the address stays."""

    remove_avatar = forms.BooleanField(label=_("Remove the picture"), required=False)
    remove_cover = forms.BooleanField(label=_("Remove the cover image"), required=False)

    def __init__(self, *args, community, **kwargs):
        initial = {
            "name": community.name,
            "description": community.description,
            "type": community.type,
            "department": community.department_id,
            "posting_policy": community.posting_policy,
        }
        super().__init__(*args, initial=initial, **kwargs)
        del self.fields["slug"]
        del self.fields["name"].widget.attrs["data-slug-source"]


class DirectoryFilterForm(forms.Form):
    bound_field_class = BootstrapBoundField

    q = forms.CharField(
        label=_("Name or topic"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All types")), *CommunityType.choices], required=False
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label=_("All departments"),
    )
    archived = forms.BooleanField(label=_("Include archived"), required=False)


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the admins (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 2, "class": "form-control", "maxlength": 500,
                   "placeholder": _("Why would you like to join?")}
        ),
    )  # fmt: skip


class InvitePersonForm(forms.Form):
    bound_field_class = BootstrapBoundField

    username = forms.CharField(
        label=_("Colleague"),
        max_length=150,
        help_text=_("Type a name and pick them from the list."),
    )

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        url = reverse("communities:suggest", kwargs={"slug": community.slug})
        self.fields["username"].widget.attrs.update(
            person_suggestions("invite-options", f"{url}?who=outsiders")
        )


class InviteDepartmentForm(forms.Form):
    bound_field_class = BootstrapBoundField

    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Choose a department"),
        help_text=_("Everyone in it who is not in the community yet gets an invitation."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        choices=[(value, label) for value, label in Role.choices if value != Role.OWNER]
    )


class TransferForm(forms.Form):
    bound_field_class = BootstrapBoundField

    new_owner = forms.CharField(
        label=_("New owner"),
        max_length=150,
        help_text=_("A member of the community. You stay on as an admin."),
    )

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        url = reverse("communities:suggest", kwargs={"slug": community.slug})
        self.fields["new_owner"].widget.attrs.update(
            person_suggestions("owner-options", f"{url}?who=members")
        )
