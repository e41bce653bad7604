from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from profiles.models import Department, Office, SpokenLanguage, User


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class TagListField(forms.CharField):
    """Comma-separated entries in one text box, cleaned to a list."""

    def to_python(self, value):
        value = super().to_python(value)
        return [part.strip() for part in value.split(",") if part.strip()]


class ProfileForm(forms.ModelForm):
    skills = TagListField(
        label=_("Skills"),
        required=False,
        help_text=_("Separate with commas, e.g. SAP FI, Python, negotiation."),
    )
    interests = TagListField(
        label=_("Interests and hobbies"),
        required=False,
        help_text=_("Separate with commas, e.g. badminton, photography."),
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
    )
    remove_avatar = forms.BooleanField(label=_("Remove my photo"), required=False)

    class Meta:
        model = User
        fields = [
            "display_name",
            "first_name",
            "last_name",
            "job_title",
            "department",
            "office",
            "manager",
            "phone",
            "bio",
            "start_date",
            "language",
            "timezone",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "bio": _("A few lines about you. Markdown works: **bold**, *italics*, lists.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("name")
        self.fields["office"].queryset = Office.objects.order_by("name")
        self.fields["manager"].queryset = (
            User.objects.active().exclude(pk=self.instance.pk).order_by("display_name")
        )
        if self.instance.pk and not self.is_bound:
            self.initial["skills"] = ", ".join(self.instance.skills.names())
            self.initial["interests"] = ", ".join(self.instance.interests.names())
            self.initial["languages"] = self.instance.languages

    def clean_avatar(self):
        # Size and content are checked by the service (core.images), one rule for form and API.
        return self.cleaned_data.get("avatar") or None


class SignupForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Work e-mail"))
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or job title"), required=False, max_length=100)
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
