"""The composer and the edit form. They parse what was typed; the services check everything
again (one rule for the page and the API) and their errors come back onto these fields."""

import re

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from communities.permissions import remember_memberships
from feed import permissions
from feed.models import BODY_MAX_LENGTH, POLL_MAX_OPTIONS, PraiseValue
from profiles.forms import BootstrapBoundField
from profiles.models import User

IMAGE_ACCEPT = "image/jpeg,image/png,image/gif,image/webp"
COMPANY = ""
_NAMES = re.compile(r"[\s,;]+")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the service counts and validates them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ListWidget(forms.Widget):
    """The values of several inputs sharing one name (the poll's answers); the template
    draws the inputs itself."""

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name, [])


class AnswersField(forms.Field):
    widget = ListWidget

    def to_python(self, value):
        if isinstance(value, str):
            value = [value]
        return [str(item).strip() for item in value or () if str(item).strip()]


def communities_to_post_in(user) -> list[Community]:
    """The communities ``user`` may post in (active member, not archived, posting allowed)."""
    communities = list(Community.objects.member_of(user).filter(is_archived=False).order_by("name"))
    remember_memberships(user, communities)
    return [c for c in communities if permissions.can_post_in(user, c)]


def placement_choices(user, communities) -> list[tuple[str, str]]:
    return [(COMPANY, _("Everyone (company-wide)")), *((c.slug, c.name) for c in communities)]


class PostForm(forms.Form):
    """The composer: a post, a poll or praise, company-wide or in one community."""

    bound_field_class = BootstrapBoundField

    MODES = (("post", _("Post")), ("poll", _("Poll")), ("praise", _("Praise")))

    mode = forms.ChoiceField(
        label=_("What are you sharing?"),
        choices=MODES,
        initial="post",
        required=False,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("Message"),
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                "data-max-length": BODY_MAX_LENGTH,
                "data-mention-url": "",
                "placeholder": _("Share an update, a question, a win… Use @ to mention."),
                "aria-describedby": "composer-help composer-counter",
            }
        ),
    )
    community = forms.ChoiceField(
        label=_("Post to"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm w-auto"}),
    )
    tags = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=600,
        help_text=_("Separate topics with commas. #hashtags in the text count too."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "placeholder": _("e.g. finance, Q3"),
                "data-tag-autocomplete": "",  # Topic suggestions (static/tags/tags.js).
            }
        ),
    )
    images = MultipleFileField(
        label=_("Images"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": IMAGE_ACCEPT, "data-image-input": ""}),
        help_text=_("Up to 10 images: JPEG, PNG, GIF or WebP."),
    )
    attachments = MultipleFileField(
        label=_("Files"),
        required=False,
        widget=MultipleFileInput(attrs={"data-file-input": ""}),
        help_text=_("Attach documents for colleagues to download."),
    )
    is_announcement = forms.BooleanField(label=_("Pin as an announcement"), required=False)
    announcement_until = forms.DateTimeField(
        label=_("Pinned until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Empty: one week."),
    )
    poll_question = forms.CharField(label=_("Question"), required=False, max_length=300)
    poll_options = AnswersField(label=_("Answers"), required=False)
    poll_allows_multiple = forms.BooleanField(label=_("Allow several answers"), required=False)
    poll_closes_at = forms.DateTimeField(
        label=_("Closes"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Empty: in one week."),
    )
    praise_value = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=[("", _("Choose a value…")), *PraiseValue.choices],
    )
    praise_recipients = forms.CharField(
        label=_("Thank"),
        required=False,
        max_length=2000,
        help_text=_("Usernames, separated by commas."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.postable = communities_to_post_in(user)
        self.fields["community"].choices = placement_choices(user, self.postable)
        self.fields["body"].widget.attrs["data-mention-url"] = reverse("feed:mentions")
        self.announce_in = {c.slug for c in self.postable if permissions.can_announce(user, c)}
        self.can_announce_company = permissions.can_announce(user, None)
        if not (self.can_announce_company or self.announce_in):
            del self.fields["is_announcement"]
            del self.fields["announcement_until"]

    @property
    def can_announce(self) -> bool:
        return "is_announcement" in self.fields

    @property
    def answer_inputs(self) -> list[str]:
        """The poll's answer boxes with what was typed in them (at least two, at most six)."""
        typed = list(self["poll_options"].value() or []) if self.is_bound else []
        typed = [str(value) for value in typed][:POLL_MAX_OPTIONS]
        return typed + [""] * (POLL_MAX_OPTIONS - len(typed))

    def clean_community(self):
        slug = self.cleaned_data.get("community") or COMPANY
        if slug == COMPANY:
            return None
        return next(c for c in self.postable if c.slug == slug)

    def clean_tags(self):
        return [t.strip() for t in (self.cleaned_data.get("tags") or "").split(",") if t.strip()]

    def clean_praise_recipients(self):
        typed = _NAMES.split(self.cleaned_data.get("praise_recipients", ""))
        names = list(dict.fromkeys(n.lstrip("@") for n in typed if n.lstrip("@")))
        if not names:
            return []
        found = {u.username.lower(): u for u in User.objects.active().filter(username__in=names)}
        missing = [n for n in names if n.lower() not in found]
        if missing:
            raise forms.ValidationError(
                _("No active colleague is called %(names)s. Pick names from the suggestions.")
                % {"names": ", ".join(missing)}
            )
        return list(found.values())

    def service_arguments(self, files) -> dict:
        """The keyword arguments of ``post_create`` for what was typed."""
        data = self.cleaned_data
        mode = data.get("mode") or "post"
        arguments = {
            "body": data.get("body", ""),
            "community": data.get("community"),
            "tags": data.get("tags", []),
            "images": files.getlist("images"),
            "attachments": files.getlist("attachments"),
            "is_announcement": bool(data.get("is_announcement")),
            "announcement_until": data.get("announcement_until"),
        }
        if mode == "poll":
            arguments["poll"] = {
                "question": data.get("poll_question", ""),
                "options": data.get("poll_options", []),
                "allows_multiple": data.get("poll_allows_multiple", False),
                "closes_at": data.get("poll_closes_at"),
            }
        elif mode == "praise":
            arguments["praise"] = {
                "value": data.get("praise_value"),
                "recipients": data.get("praise_recipients", []),
            }
        return arguments


class PostEditForm(forms.Form):
    """Changing a post's text and topics (the previous text is kept)."""

    bound_field_class = BootstrapBoundField

    body = forms.CharField(
        label=_("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "data-max-length": BODY_MAX_LENGTH}),
    )
    tags = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=600,
        help_text=_("Separate topics with commas."),
        widget=forms.TextInput(attrs={"data-tag-autocomplete": ""}),  # static/tags/tags.js
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["data-mention-url"] = reverse("feed:mentions")

    def clean_tags(self):
        return [t.strip() for t in (self.cleaned_data.get("tags") or "").split(",") if t.strip()]
