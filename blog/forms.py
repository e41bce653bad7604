"""The blog's forms: they parse what was typed; the services validate and write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from blog.models import (
    BODY_MAX_LENGTH,
    EXCERPT_MAX_LENGTH,
    IMAGE_ALT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Blog,
)
from blog.permissions import can_write_in
from blog.services.articles import DRAFT, PUBLISH_NOW, SCHEDULE
from communities.models import Community
from communities.permissions import remember_memberships
from feed.forms import IMAGE_ACCEPT, MultipleFileField, MultipleFileInput
from profiles.forms import BootstrapBoundField

PERSONAL, COMPANY, COMMUNITY_PREFIX = "personal", "company", "c:"
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def _split_tags(value: str) -> list[str]:
    return [t.strip() for t in (value or "").split(",") if t.strip()]


def blogs_to_write_in(user) -> list[tuple[str, str, Blog]]:
    """(value, label, blog) for every blog ``user`` may write in: their own, the company
    blog (Communicators), and the blogs of the communities they may post in."""
    blogs = [(PERSONAL, _("My blog"), Blog.personal(user))]
    if can_write_in(user, Blog.company()):
        blogs.append((COMPANY, _("Company blog"), Blog.company()))
    communities = list(Community.objects.member_of(user).filter(is_archived=False).order_by("name"))
    remember_memberships(user, communities)
    for community in communities:
        blog = Blog.of_community(community)
        if can_write_in(user, blog):
            blogs.append((COMMUNITY_PREFIX + community.slug, community.name, blog))
    return blogs


class _ArticleFields(forms.Form):
    bound_field_class = BootstrapBoundField

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH, required=False)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 16, "aria-describedby": "body-help"}),
    )
    excerpt = forms.CharField(
        label=_("Excerpt"),
        required=False,
        max_length=EXCERPT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown in article lists. Leave empty to use the beginning of the text."),
    )
    # A plain file field: the service checks the image and says what is wrong with it.
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    tags = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=600,
        help_text=_("Separate topics with commas."),
        widget=forms.TextInput(attrs={"data-tag-autocomplete": ""}),  # static/tags/tags.js
    )

    def clean_tags(self):
        return _split_tags(self.cleaned_data.get("tags"))

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's field errors on the matching fields (the others on top)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)


class ArticleForm(_ArticleFields):
    """A new article: where it goes and when it is published."""

    blog = forms.ChoiceField(label=_("Blog"))
    publish = forms.ChoiceField(
        label=pgettext_lazy("article", "Publish"),
        choices=[
            (DRAFT, _("Save as a draft")),
            (PUBLISH_NOW, _("Publish now")),
            (SCHEDULE, _("Schedule")),
        ],
        initial=DRAFT,
        widget=forms.RadioSelect,
    )
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        input_formats=[DATETIME_LOCAL],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        help_text=_("Only for a scheduled article."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        blogs = blogs_to_write_in(user)
        self.blogs = {value: blog for value, _label, blog in blogs}
        self.fields["blog"].choices = [(value, label) for value, label, _blog in blogs]

    def clean_blog(self) -> Blog:
        return self.blogs[self.cleaned_data["blog"]]


class ArticleEditForm(_ArticleFields):
    """Changing an article (its address and blog stay)."""

    remove_cover = forms.BooleanField(label=_("Remove the cover image"), required=False)


class PublishForm(forms.Form):
    """Publishing a draft now, or at a time (empty: now)."""

    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        input_formats=[DATETIME_LOCAL],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )


class ArticleImagesForm(forms.Form):
    """Images for an article's text; the service checks each file."""

    bound_field_class = BootstrapBoundField

    images = MultipleFileField(
        label=_("Images"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_("JPEG, PNG, GIF or WebP; you can choose several."),
    )
    alt = forms.CharField(
        label=_("Description (for people who cannot see the image)"),
        required=False,
        max_length=IMAGE_ALT_MAX_LENGTH,
        help_text=_("Leave empty to use the file name; you can change it in the text."),
    )

    add_service_errors = _ArticleFields.add_service_errors
