"""The topics API: one tag (with its followers and related tags), everything visible that
carries it, following or unfollowing it (its posts join the home feed), suggestions for tag
boxes and the trending tags.

A tag is known to a person when something they may see carries it, or when they follow it;
any other tag answers 404, so a topic used only inside a secret community stays secret
(``tags.selectors.tag_get_for``, the same lookup as the topic page). An old address of a
renamed or merged tag answers 301 to its new one.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView
from taggit.models import Tag

from search.models import Kind
from tags import selectors, services
from tags.selectors import is_following, tag_find_for

NOT_FOUND = OpenApiResponse(OpenApiTypes.OBJECT, description="No such topic (that you may see).")
MOVED = OpenApiResponse(description="An old address of a renamed or merged topic.")
BAD_INPUT = OpenApiResponse(OpenApiTypes.OBJECT, description='{"field": ["message", ...]}')


class RelatedTagSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField(help_text="Items you may see carrying both tags.")


class TopicSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    is_followed = serializers.BooleanField(read_only=True)
    follower_count = serializers.IntegerField(read_only=True)
    item_counts = serializers.DictField(
        child=serializers.IntegerField(), read_only=True, help_text="Visible items per kind."
    )
    related_tags = RelatedTagSerializer(many=True, read_only=True)
    page_url = serializers.URLField(read_only=True)
    items_url = serializers.URLField(read_only=True)
    posts_url = serializers.URLField(read_only=True)


class TagBriefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class TrendingSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    this_week = serializers.IntegerField(help_text="Uses in the last 7 days.")
    weekly_average = serializers.FloatField(help_text="Uses per week in the 4 weeks before.")
    ratio = serializers.FloatField(allow_null=True, help_text="this_week / weekly_average.")
    is_new = serializers.BooleanField(help_text="Not used in the 4 weeks before.")


class ItemSerializer(serializers.Serializer):
    # Documented as a string naming its values, not as an enum component ("kind" is taken).
    kind = serializers.CharField(
        help_text="One of " + ", ".join(f"`{value}`" for value in Kind.values) + "."
    )
    id = serializers.IntegerField(source="object_id")
    title = serializers.CharField(source="heading")
    excerpt = serializers.CharField(source="snippet")
    subtitle = serializers.CharField()
    url = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    community = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_url(self, document) -> str:
        return self.context["request"].build_absolute_uri(document.url)

    def get_author(self, document) -> dict | None:
        person = document.author
        return None if person is None else {"username": person.username, "name": person.name}

    def get_community(self, document) -> dict | None:
        place = document.community
        return None if place is None else {"slug": place.slug, "name": place.name}


class ItemPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    counts = serializers.DictField(child=serializers.IntegerField())
    results = ItemSerializer(many=True)


def _absolute(request, name: str, tag: Tag) -> str:
    return request.build_absolute_uri(reverse(name, kwargs={"slug": tag.slug}))


def _tag_data(request, tag: Tag, *, code=status.HTTP_200_OK) -> Response:
    user = request.user
    data = {
        "slug": tag.slug,
        "name": tag.name,
        "is_followed": is_following(user, tag),
        "follower_count": selectors.tag_follower_count(tag),
        "item_counts": selectors.tag_kind_counts(user, tag),
        "related_tags": [vars(r) for r in selectors.tag_related(user, tag)],
        "page_url": _absolute(request, "tags:detail", tag),
        "items_url": _absolute(request, "feed-api:tag-items", tag),
        "posts_url": _absolute(request, "feed-api:tag-posts", tag),
    }
    return Response(TopicSerializer(data).data, status=code)


def _tag_or_moved(request, slug: str, name: str):
    """The tag, or a 301 to the address of the tag an old slug now stands for."""
    tag, moved = tag_find_for(request.user, slug=slug)
    if not moved:
        return tag, None
    url = _absolute(request, name, tag)
    query = request.GET.urlencode()
    return tag, HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


class TagDetailView(APIView):
    @extend_schema(
        summary="A topic",
        description="With its follower count, visible items per kind and related topics.",
        responses={200: TopicSerializer, 301: MOVED, 404: NOT_FOUND},
    )
    def get(self, request, slug: str):
        tag, moved = _tag_or_moved(request, slug, "feed-api:tag-detail")
        return moved or _tag_data(request, tag)


def _page_number(request) -> int:
    raw = request.query_params.get("page", "").strip()
    if not raw:
        return 1
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < 1:
        raise exceptions.ValidationError({"page": [_("Send a whole number from 1.")]})
    return int(raw)


class TagItemsView(APIView):
    @extend_schema(
        summary="Everything with a topic",
        description=(
            "Posts, comments, forum threads and replies, articles, wiki pages, files (and "
            "people, by their skills) carrying this tag, as far as you may see them, newest "
            f"first, {selectors.PAGE_SIZE} a page. `counts` gives the number of each kind."
        ),
        parameters=[
            OpenApiParameter("kind", str, enum=Kind.values, description="Only this kind."),
            OpenApiParameter("page", int, description="From 1; past the end: the last page."),
        ],
        responses={200: ItemPageSerializer, 301: MOVED, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def get(self, request, slug: str):
        tag, moved = _tag_or_moved(request, slug, "feed-api:tag-items")
        if moved:
            return moved
        kind = request.query_params.get("kind", "").strip()
        if kind and kind not in Kind.values:
            choices = ", ".join(Kind.values)
            raise exceptions.ValidationError({"kind": [_("Choose one of: %s.") % choices]})
        result = selectors.tag_items_for(request.user, tag, kind=kind, page=_page_number(request))
        here = request.build_absolute_uri()
        data = {
            "count": result.total,
            "page": result.number,
            "num_pages": result.num_pages,
            "next": replace_query_param(here, "page", result.number + 1)
            if result.has_next
            else None,
            "previous": replace_query_param(here, "page", result.number - 1)
            if result.has_previous
            else None,
            "counts": result.counts,
            "results": result.items,
        }
        return Response(ItemPageSerializer(data, context={"request": request}).data)


class TagFollowView(APIView):
    @extend_schema(
        summary="Follow a topic",
        description="Its posts join your home feed. Idempotent.",
        request=None,
        responses={200: TopicSerializer, 404: NOT_FOUND},
    )
    def put(self, request, slug: str):
        tag, _moved = tag_find_for(request.user, slug=slug)
        services.tag_follow(user=request.user, tag=tag)
        return _tag_data(request, tag)

    @extend_schema(
        summary="Stop following a topic",
        description="Idempotent.",
        request=None,
        responses={204: OpenApiResponse(description="Not following (any more)."), 404: NOT_FOUND},
    )
    def delete(self, request, slug: str):
        tag, _moved = tag_find_for(request.user, slug=slug)
        services.tag_unfollow(user=request.user, tag=tag)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TagSuggestView(APIView):
    @extend_schema(
        summary="Topic suggestions",
        description=(
            f"Up to {selectors.SUGGEST_LIMIT} topics you know of whose name starts with the "
            "last entry of `q` (a comma-separated list, as typed in a tag box; the entries "
            "before it are left out), shortest first."
        ),
        parameters=[OpenApiParameter("q", str, required=True)],
        responses={200: TagBriefSerializer(many=True)},
    )
    def get(self, request):
        tags = selectors.tag_suggest(request.user, request.query_params.get("q", ""))
        return Response(TagBriefSerializer(tags, many=True).data)


class TagTrendingView(APIView):
    @extend_schema(
        summary="Trending topics",
        description=(
            "Topics used far more in the last 7 days than in an average week of the 4 weeks "
            "before, counted on company-wide content and public communities; best first. "
            "Refreshed every 10 minutes."
        ),
        responses={200: TrendingSerializer(many=True)},
    )
    def get(self, request):
        trending = selectors.tags_trending(limit=selectors.TRENDING_KEPT)
        rows = [
            {**vars(t), "ratio": t.ratio, "is_new": t.is_new} for t in trending
        ]  # Properties are not in vars().
        return Response(TrendingSerializer(rows, many=True).data)
