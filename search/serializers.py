"""API shapes for search: hits, counts and facets as ``search.selectors`` returns them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from profiles.serializers import PersonSummarySerializer, TagSerializer
from search.forms import QUERY_MAX_LENGTH
from search.models import Kind


def _absolute(context, url: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None and url else url


class HitCommunitySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    page_url = serializers.SerializerMethodField()

    def get_page_url(self, community) -> str:
        return _absolute(self.context, community.get_absolute_url())


class TagLinkSerializer(TagSerializer):
    page_url = serializers.SerializerMethodField()

    def get_page_url(self, tag) -> str:
        return _absolute(self.context, reverse("tags:detail", kwargs={"slug": tag.slug}))


class HitSerializer(serializers.Serializer):
    """One thing found. ``title_html`` and ``snippet_html`` are escaped HTML with the matched
    words in ``<mark>``; ``id`` is the id of the thing itself (of its ``kind``)."""

    # Documented as a string naming its values, not as an enum component ("kind" is taken).
    kind = serializers.CharField(
        source="document.kind",
        read_only=True,
        help_text="One of " + ", ".join(f"`{value}`" for value in Kind.values) + ".",
    )
    id = serializers.IntegerField(source="document.object_id", read_only=True)
    title = serializers.CharField(source="document.title", read_only=True)
    title_html = serializers.CharField(read_only=True)
    subtitle = serializers.CharField(source="document.subtitle", read_only=True)
    snippet_html = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField(help_text=_("Its page on the site."))
    author = PersonSummarySerializer(source="document.author", read_only=True, allow_null=True)
    community = HitCommunitySerializer(source="document.community", read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(source="document.created_at", read_only=True)
    tags = serializers.SerializerMethodField()

    def get_url(self, hit) -> str:
        return _absolute(self.context, hit.document.url)

    @extend_schema_field(TagSerializer(many=True))
    def get_tags(self, hit) -> list[dict]:
        # Loaded for the whole page by the engine or search.views.decorate_hits.
        return [{"slug": tag.slug, "name": tag.name} for tag in hit.tags or ()]


class FacetSerializer(serializers.Serializer):
    value = serializers.CharField(read_only=True, help_text=_("The filter's value."))
    label = serializers.CharField(read_only=True)
    count = serializers.IntegerField(read_only=True)


class FacetsSerializer(serializers.Serializer):
    communities = FacetSerializer(many=True, read_only=True, help_text=_("`community` values."))
    tags = FacetSerializer(many=True, read_only=True, help_text=_("`tag` values."))


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField(read_only=True)
    words = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_("The words searched for; empty when nothing was searched."),
    )
    total = serializers.IntegerField(read_only=True, help_text=_("Matches of the chosen type."))
    capped = serializers.BooleanField(
        read_only=True,
        help_text=_("A very common search stopped counting: `total` and `counts` are at least."),
    )
    page = serializers.IntegerField(read_only=True)
    per_page = serializers.IntegerField(read_only=True)
    next = serializers.URLField(read_only=True, allow_null=True)
    previous = serializers.URLField(read_only=True, allow_null=True)
    counts = serializers.DictField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text=_("Matches per kind, with every filter but the type."),
    )
    facets = FacetsSerializer(read_only=True)
    results = HitSerializer(many=True, read_only=True)


class SuggestQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=QUERY_MAX_LENGTH, required=False, allow_blank=True, trim_whitespace=True
    )


class SuggestResponseSerializer(serializers.Serializer):
    query = serializers.CharField(read_only=True)
    people = HitSerializer(many=True, read_only=True)
    communities = HitSerializer(many=True, read_only=True)
    tags = TagLinkSerializer(many=True, read_only=True)
    content = HitSerializer(many=True, read_only=True)


# --- the answers, built directly -----------------------------------------------------------------
# The shapes above document the API (``/api/schema/``); the views build the same JSON with the
# functions below: DRF's per-field machinery cost about as much as the search itself for a
# page of 20 hits with their authors and communities (tests/search/test_api.py pins the shape).

_DATETIME = serializers.DateTimeField()


class _Links:
    """Absolute addresses for one request, each person's profile address built once."""

    def __init__(self, request):
        self.request = request
        self.people: dict[str, str] = {}

    def absolute(self, url: str) -> str:
        return self.request.build_absolute_uri(url) if self.request is not None and url else url

    def person(self, person) -> dict:
        url = self.people.get(person.username)
        if url is None:
            path = reverse("profiles-api:person-detail", kwargs={"username": person.username})
            url = self.people[person.username] = self.absolute(path)
        return {
            "username": person.username,
            "name": _text(person.name),
            "job_title": _text(person.job_title),
            "initials": _text(person.initials),
            "avatar_url": self.absolute(person.avatar.url) if person.avatar else None,
            "url": url,
        }

    def hit(self, hit) -> dict:
        """``HitSerializer``'s JSON of ``hit``."""
        document = hit.document
        community = document.community
        return {
            "kind": document.kind,
            "id": document.object_id,
            "title": document.title,
            "title_html": str(hit.title_html),
            "subtitle": document.subtitle,
            "snippet_html": str(hit.snippet_html),
            "url": self.absolute(document.url),
            "author": self.person(document.author) if document.author is not None else None,
            "community": None
            if community is None
            else {
                "id": community.pk,
                "slug": community.slug,
                "name": community.name,
                "page_url": self.absolute(community.get_absolute_url()),
            },
            "created_at": _DATETIME.to_representation(document.created_at),
            "tags": [{"slug": tag.slug, "name": tag.name} for tag in hit.tags or ()],
        }


def _text(value) -> str | None:
    return None if value is None else str(value)


def _facets(facets) -> list[dict]:
    return [{"value": f.value, "label": f.label, "count": f.count} for f in facets]


def search_response(data: dict, request) -> dict:
    """``SearchResponseSerializer``'s JSON of ``data`` (facets and hits as the selectors make
    them; every hit's tags loaded)."""
    links = _Links(request)
    return {
        **data,
        "words": [str(word) for word in data["words"]],
        "counts": {str(kind): int(n) for kind, n in data["counts"].items()},
        "facets": {name: _facets(facets) for name, facets in data["facets"].items()},
        "results": [links.hit(hit) for hit in data["results"]],
    }


def suggest_response(data: dict, request) -> dict:
    """``SuggestResponseSerializer``'s JSON of ``data``."""
    links = _Links(request)
    return {
        "query": data["query"],
        "people": [links.hit(hit) for hit in data["people"]],
        "communities": [links.hit(hit) for hit in data["communities"]],
        "tags": [
            {
                "slug": tag.slug,
                "name": tag.name,
                "page_url": links.absolute(reverse("tags:detail", kwargs={"slug": tag.slug})),
            }
            for tag in data["tags"]
        ],
        "content": [links.hit(hit) for hit in data["content"]],
    }
