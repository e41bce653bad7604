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
        # Prefetched for the whole page by search.views.decorate_hits.
        return [{"slug": tag.slug, "name": tag.name} for tag in hit.document.tags.all()]


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
