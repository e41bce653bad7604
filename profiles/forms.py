from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.images import validate_image
from profiles import services
from profiles.models import TIME_ZONE_CHOICES, Department, Office, SpokenLanguage, User


def _bootstrap_class(widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


class BootstrapBoundField(BoundField):
    """Renders widgets with Bootstrap's classes, and ``is-invalid`` when the field has errors."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        classes = [widget.attrs.get("class") or _bootstrap_class(widget)]
        if self.errors:
            classes.append("is-invalid")
        attrs["class"] = " ".join(classes)
        return attrs


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username or e-mail"),
        max_length=254,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "username",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That username or e-mail and password do not match an active account. "
            "Check them and try again; the password is case-sensitive."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # Django caps the field at the username's 150 characters; e-mail addresses run to 254.
        self.fields["username"].max_length = 254
        self.fields["username"].widget.attrs["maxlength"] = 254


class TagListField(forms.CharField):
    """Comma-separated entries in one text box, cleaned to a list."""

    def to_python(self, value):
        value = super().to_python(value)
        return [part.strip() for part in value.split(",") if part.strip()]


class ProfileForm(forms.ModelForm):
    bound_field_class = BootstrapBoundField

    skills = TagListField(
        label=_("Skills"),
        required=False,
        help_text=_("Separate with commas, e.g. SAP FI, Python, negotiation."),
        widget=forms.TextInput(attrs={"data-tag-autocomplete": ""}),  # static/tags/tags.js
    )
    interests = TagListField(
        label=_("Interests and hobbies"),
        required=False,
        help_text=_("Separate with commas, e.g. badminton, photography."),
        widget=forms.TextInput(attrs={"data-tag-autocomplete": ""}),  # static/tags/tags.js
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SpokenLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    avatar = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB. It is cropped to a square."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my photo"), required=False)

    class Meta:
        model = User
        # The fields a person edits themselves: the same list the service accepts.
        fields = list(services.EDITABLE_FIELDS)
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }
        help_texts = {
            "bio": _("A few lines about you. Markdown works: **bold**, *italics*, lists."),
            "display_name": _("How colleagues see your name. Leave empty to use your full name."),
            "manager": _(
                "The person you report to: type a name and pick them from the list. "
                "Leave empty if you report to nobody. This places you in the org chart."
            ),
            "timezone": _("Dates and times are shown in this time zone."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("name")
        self.fields["office"].queryset = Office.objects.order_by("name")
        # A text box with suggestions, not a <select> of the whole company (thousands of
        # people); it holds the manager's username.
        manager = self.fields["manager"]
        manager.queryset = User.objects.active().exclude(pk=self.instance.pk)
        manager.to_field_name = "username"
        manager.error_messages["invalid_choice"] = _(
            "Pick an active colleague from the suggestions (no one matches that username)."
        )
        manager.widget = forms.TextInput(
            attrs={
                "list": "manager-options",
                "autocomplete": "off",
                "spellcheck": "false",
                "placeholder": _("Start typing a name…"),
                "hx-get": reverse("profiles:suggest"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#manager-options",
                "hx-swap": "innerHTML",
            }
        )
        self.fields["department"].empty_label = self.fields["office"].empty_label = _("None")
        self.fields["language"].choices = [("", _("As my browser asks")), *settings.LANGUAGES]
        self.fields["timezone"].choices = [
            ("", _("Company default (%(zone)s)") % {"zone": settings.TIME_ZONE}),
            *TIME_ZONE_CHOICES,
        ]
        if self.instance.pk and not self.is_bound:
            self.initial["manager"] = getattr(self.instance.manager, "username", "")
            self.initial["skills"] = ", ".join(self.instance.skills.names())
            self.initial["interests"] = ", ".join(self.instance.interests.names())
            self.initial["languages"] = self.instance.languages

    def clean_avatar(self):
        # The service checks again (core.images: one rule for form and API); checking here
        # too puts the message next to the photo field instead of at the top of the form.
        avatar = self.cleaned_data.get("avatar") or None
        if avatar is not None:
            validate_image(avatar, max_bytes=settings.AVATAR_MAX_BYTES)
        return avatar


class SignupForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "autofocus": True}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Work e-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per request, so the rules read in the visitor's language.
        self.fields["password1"].help_text = password_validators_help_text_html()

    def clean_email(self):
        # The service's own rule, checked here too so every error shows in one round trip.
        email = self.cleaned_data["email"].strip()
        try:
            services.check_signup_email(email)
        except ValidationError as error:
            raise ValidationError(error.message_dict.get("email", error.messages)) from None
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned


class DirectoryFilterForm(forms.Form):
    bound_field_class = BootstrapBoundField

    q = forms.CharField(
        label=_("Name or job title"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False,
        to_field_name="slug",
    )  # fmt: skip
    office = forms.ModelChoiceField(
        label=_("Office"), queryset=Office.objects.all(), required=False, to_field_name="slug"
    )
    skill = forms.SlugField(label=_("Skill"), required=False)
    interest = forms.SlugField(label=_("Interest"), required=False)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)
