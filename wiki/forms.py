"""The wiki's forms: they parse what was typed; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from profiles.forms import BootstrapBoundField
from wiki.models import BODY_MAX_LENGTH, SUMMARY_MAX_LENGTH, TITLE_MAX_LENGTH, EditPolicy

TAGS_MAX_LENGTH = 600


def split_tags(value: str) -> list[str]:
    return list(dict.fromkeys(t.strip().lstrip("#") for t in (value or "").split(",") if t.strip()))


def parent_choices(outline) -> list[tuple]:
    """``(pk, label)`` for a parent picker, indented by depth: ``outline`` is a flat list of
    pages with a ``depth`` (see ``views.shared.flatten``)."""
    return [("", _("(top level)"))] + [
        (page.pk, "\u2003" * page.depth + page.title) for page in outline
    ]


class _WikiForm(forms.Form):
    bound_field_class = BootstrapBoundField


class _PageFields(_WikiForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=BODY_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 18, "aria-describedby": "body-help", "class": "form-control wiki-source"}
        ),
    )
    summary = forms.CharField(
        label=_("Summary of your change"),
        max_length=SUMMARY_MAX_LENGTH,
        required=False,
        help_text=_("A few words for the history, e.g. “fixed the VAT rate”."),
    )
    tags = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=TAGS_MAX_LENGTH,
        help_text=_("Separate topics with commas."),
        widget=forms.TextInput(attrs={"data-tag-autocomplete": ""}),  # static/tags/tags.js
    )

    def clean_tags(self):
        return split_tags(self.cleaned_data.get("tags"))


class PageCreateForm(_PageFields):
    """A new page: its title, text, topics and where it sits in the space's tree."""

    parent = forms.TypedChoiceField(label=_("Parent page"), required=False, coerce=int,
                                    empty_value=None)  # fmt: skip

    field_order = ["title", "parent", "body", "summary", "tags"]

    def __init__(self, *args, outline=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = parent_choices(outline)


class PageEditForm(_PageFields):
    """A new revision of a page, saved on top of ``base_revision`` (the one the writer saw)."""

    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    # On the conflict page: the text the writer first sent, kept in view until resolved.
    mine_title = forms.CharField(required=False, max_length=TITLE_MAX_LENGTH * 2,
                                 widget=forms.HiddenInput)  # fmt: skip
    mine_body = forms.CharField(required=False, strip=False, max_length=BODY_MAX_LENGTH * 2,
                                widget=forms.HiddenInput)  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_revision"].error_messages["required"] = _(
            "The form lost the revision it was opened on; open the page again."
        )


class PreviewForm(forms.Form):
    body = forms.CharField(required=False, max_length=BODY_MAX_LENGTH, strip=False)


class RevertForm(_WikiForm):
    summary = forms.CharField(
        label=_("Why (optional)"), max_length=SUMMARY_MAX_LENGTH, required=False
    )


class MoveForm(_WikiForm):
    parent = forms.TypedChoiceField(label=_("New parent page"), required=False, coerce=int,
                                    empty_value=None)  # fmt: skip

    def __init__(self, *args, outline=(), page=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The service refuses cycles; the page itself is never offered.
        self.fields["parent"].choices = parent_choices(
            [p for p in outline if page is None or p.pk != page.pk]
        )


class SpaceSettingsForm(_WikiForm):
    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    edit_policy = forms.ChoiceField(
        label=_("Who edits"), choices=EditPolicy.choices, widget=forms.RadioSelect
    )
    home_page = forms.ChoiceField(
        label=_("Home page"),
        required=False,
        help_text=_("The page people see first when they open the space."),
    )

    def __init__(self, *args, home_choices=(), has_home=False, **kwargs):
        super().__init__(*args, **kwargs)
        # ``space_edit`` changes the home page, it does not take it away.
        empty = [] if has_home else [("", _("(none: the space shows its outline)"))]
        self.fields["home_page"].choices = [*empty, *home_choices]
