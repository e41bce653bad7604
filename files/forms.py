"""The file share's forms: they parse what was typed or sent; the services validate and write
(names, sizes, types and permissions are theirs)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from files.models import DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH, VERSION_COMMENT_MAX_LENGTH
from profiles.forms import BootstrapBoundField

TAGS_MAX_LENGTH = 600
SHARE_MAX_LENGTH = 5000
TOP = ""


def split_tags(value: str) -> list[str]:
    return list(dict.fromkeys(t.strip().lstrip("#") for t in (value or "").split(",") if t.strip()))


def folder_choices(choices, *, top_label) -> list[tuple]:
    """``(pk, label)`` for a folder picker from ``selectors.folder_choices`` (``(folder,
    depth)`` pairs), indented by depth, with the library's top first."""
    return [(TOP, top_label)] + [
        (str(folder.pk), "\u2003" * (depth + 1) + folder.name) for folder, depth in choices
    ]


class _FilesForm(forms.Form):
    bound_field_class = BootstrapBoundField


class FolderForm(_FilesForm):
    """A new folder, or a folder's new name."""

    name = forms.CharField(
        label=_("Folder name"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class MoveForm(_FilesForm):
    """Where a file or folder goes: a folder of the same library, or its top."""

    target = forms.ChoiceField(label=_("Move to"), required=False)

    def __init__(self, *args, choices=(), library_name="", **kwargs):
        super().__init__(*args, **kwargs)
        top = _("%(library)s (top level)") % {"library": library_name}
        self.fields["target"].choices = folder_choices(choices, top_label=top)


class FileEditForm(_FilesForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the file is and who it is for. Markdown works."),
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


class VersionForm(_FilesForm):
    """A new version of a file (the upload itself is checked by the service)."""

    upload = forms.FileField(
        label=_("New version"),
        required=False,
        # The service says it in its own words (with the file's name).
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
    )
    comment = forms.CharField(
        label=_("What changed (optional)"),
        max_length=VERSION_COMMENT_MAX_LENGTH,
        required=False,
    )


class ShareForm(_FilesForm):
    body = forms.CharField(
        label=_("Say something about it (optional)"),
        max_length=SHARE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
