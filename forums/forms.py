"""The forum's forms: they parse what was typed; the services validate and write."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from feed.forms import MultipleFileField, MultipleFileInput
from forums.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, ThreadKind
from forums.services.threads import MAX_ASKED
from profiles.forms import BootstrapBoundField


def _split_tags(value: str) -> list[str]:
    return [t.strip() for t in (value or "").split(",") if t.strip()]


def _body_widget(rows: int = 8) -> forms.Textarea:
    return forms.Textarea(
        attrs={"rows": rows, "data-max-length": BODY_MAX_LENGTH, "aria-describedby": "body-help"}
    )


class _BodyForm(forms.Form):
    bound_field_class = BootstrapBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["data-mention-url"] = reverse("feed:mentions")


class UsernamesField(forms.Field):
    """Several usernames (repeated values or commas), each once, at most ``MAX_ASKED``."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        values = value if isinstance(value, list | tuple) else [value or ""]
        names = [n.strip().lstrip("@") for v in values for n in str(v).split(",")]
        return list(dict.fromkeys(n for n in names if n))

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_ASKED:
            raise forms.ValidationError(
                _("Ask at most %(count)d people.") % {"count": MAX_ASKED}, code="too_many"
            )


class ThreadForm(_BodyForm):
    """Starting a thread: a discussion or a question."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ThreadKind.choices,
        initial=ThreadKind.QUESTION,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH, required=False)
    body = forms.CharField(label=_("Details"), required=False, widget=_body_widget())
    tags = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=600,
        help_text=_("Separate topics with commas."),
        widget=forms.TextInput(attrs={"data-tag-autocomplete": ""}),  # static/tags/tags.js
    )

    ask = UsernamesField(label=_("People to ask"), required=False)

    def clean_tags(self):
        return _split_tags(self.cleaned_data.get("tags"))


class ThreadEditForm(_BodyForm):
    """Changing a thread's title, text and topics (the previous ones are kept)."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH, required=False)
    body = forms.CharField(label=_("Details"), required=False, widget=_body_widget())
    tags = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=600,
        help_text=_("Separate topics with commas."),
        widget=forms.TextInput(attrs={"data-tag-autocomplete": ""}),  # static/tags/tags.js
    )

    def clean_tags(self):
        return _split_tags(self.cleaned_data.get("tags"))


class ReplyForm(_BodyForm):
    """A reply, perhaps quoting another reply of the thread."""

    body = forms.CharField(label=_("Your reply"), required=False, widget=_body_widget(5))
    quoted = forms.IntegerField(required=False, widget=forms.HiddenInput)
    attachments = MultipleFileField(
        label=_("Files"),
        required=False,
        widget=MultipleFileInput(attrs={"data-file-input": ""}),
        help_text=_("Attach documents for colleagues to download."),
    )


class ReplyEditForm(_BodyForm):
    body = forms.CharField(label=_("Your reply"), required=False, widget=_body_widget(6))


class AskForm(forms.Form):
    """The asker names people to answer a question already posted."""

    bound_field_class = BootstrapBoundField

    ask = UsernamesField(
        label=_("People to ask"),
        help_text=_("Usernames, separated by commas."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )


class MoveForm(forms.Form):
    bound_field_class = BootstrapBoundField

    category = forms.TypedChoiceField(label=_("Move to category"), coerce=int)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            (c.pk, f"{c.community.name} · {c.name}" if c.community_id else c.name)
            for c in categories
        ]


class MergeForm(forms.Form):
    bound_field_class = BootstrapBoundField

    target = forms.IntegerField(
        label=_("Merge into thread number"),
        min_value=1,
        help_text=_("The number at the end of the other thread's address (/forum/t/123/)."),
    )
