"""What a search asks for, checked: the results page and the API read the same form."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from communities.models import Community
from profiles.models import User
from search.models import Kind
from search.selectors import SearchParams

QUERY_MAX_LENGTH = 1000
PER_PAGE = 20
# Deep pages are not useful to anyone, and an unbounded offset can overflow in SQL.
MAX_PAGE = 500


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    CHOICES = ((RELEVANCE, _("Relevance")), (NEWEST, _("Newest")))


class SearchForm(forms.Form):
    """A search: the words, the filters, the order and the page.

    ``community`` must be one the user may open (a secret one they are not in is as unknown
    as a made-up id), ``author`` is a username or an id, ``tag`` a tag's slug. Dates are
    ``from`` and ``to`` (inclusive) in the query string.
    """

    q = forms.CharField(
        label=_("Search for"), max_length=QUERY_MAX_LENGTH, required=False, strip=True
    )
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Everything")), *Kind.choices], required=False
    )
    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=Community.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("There is no such community.")},
    )
    author = forms.CharField(label=_("Author"), max_length=150, required=False)
    tag = forms.CharField(label=_("Tag"), max_length=100, required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=Sort.CHOICES, required=False)
    page = forms.IntegerField(label=_("Page"), min_value=1, max_value=MAX_PAGE, required=False)

    # ``from`` and ``to`` are Python keywords: added below, under their query-string names.
    field_order = ["q", "type", "community", "author", "tag", "from", "to", "sort", "page"]

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.user = user
        self.fields["community"].queryset = Community.objects.visible_to(user)
        self.author_user: User | None = None
        self.tag_object: Tag | None = None

    def clean_author(self) -> str:
        value = self.cleaned_data["author"].strip()
        if not value:
            return ""
        people = User.objects.visible_to(self.user)
        match = Q(username=value)
        if value.isdigit() and len(value) < 19:
            match |= Q(pk=int(value))
        # A username wins over someone else's id that happens to look the same.
        found = sorted(people.filter(match)[:2], key=lambda p: p.username != value)
        if not found:
            raise forms.ValidationError(
                _("There is nobody called “%(name)s”."),
                code="unknown_author",
                params={"name": value},
            )
        self.author_user = found[0]
        return value

    def clean_tag(self) -> str:
        value = self.cleaned_data["tag"].strip()
        if not value:
            return ""
        self.tag_object = Tag.objects.filter(slug=value).first()
        if self.tag_object is None:
            raise forms.ValidationError(
                _("There is no tag “%(tag)s”."), code="unknown_tag", params={"tag": value}
            )
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", _("The end date must not be before the start date."))
        return cleaned

    def params(self) -> SearchParams:
        """The engine's parameters; only after ``is_valid()`` returned True."""
        data = self.cleaned_data
        community = data.get("community")
        return SearchParams(
            q=data.get("q", ""),
            kinds=(data["type"],) if data.get("type") else (),
            community_id=community.pk if community else None,
            author_id=self.author_user.pk if self.author_user else None,
            tag=data.get("tag", ""),
            date_from=data.get("from"),
            date_to=data.get("to"),
            sort=data.get("sort") or Sort.RELEVANCE,
            page=data.get("page") or 1,
            per_page=PER_PAGE,
        )


SearchForm.base_fields["from"] = forms.DateField(label=_("From"), required=False)
SearchForm.base_fields["to"] = forms.DateField(label=_("To"), required=False)
SearchForm.declared_fields.update(
    {"from": SearchForm.base_fields["from"], "to": SearchForm.base_fields["to"]}
)
