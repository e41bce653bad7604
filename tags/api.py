"""The topics API: one tag, and following or unfollowing it (its posts join the home feed).

A tag is known to a person when a post they may see carries it, or when they follow it; any
other tag answers 404, so a topic used only inside a secret community stays secret
(``tags.selectors.tag_get_for``, the same lookup as the topic page).
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView
from taggit.models import Tag

from tags import services
from tags.selectors import is_following, tag_get_for

NOT_FOUND = OpenApiResponse(OpenApiTypes.OBJECT, description="No such topic (that you may see).")


class TopicSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    is_followed = serializers.BooleanField(read_only=True)
    page_url = serializers.URLField(read_only=True)
    posts_url = serializers.URLField(read_only=True)


def _tag_data(request, tag: Tag, *, code=status.HTTP_200_OK) -> Response:
    page = reverse("tags:detail", kwargs={"slug": tag.slug})
    posts = reverse("feed-api:tag-posts", kwargs={"slug": tag.slug})
    data = {
        "slug": tag.slug,
        "name": tag.name,
        "is_followed": is_following(request.user, tag),
        "page_url": request.build_absolute_uri(page),
        "posts_url": request.build_absolute_uri(posts),
    }
    return Response(TopicSerializer(data).data, status=code)


class TagDetailView(APIView):
    @extend_schema(summary="A topic", responses={200: TopicSerializer, 404: NOT_FOUND})
    def get(self, request, slug: str):
        return _tag_data(request, tag_get_for(request.user, slug=slug))


class TagFollowView(APIView):
    @extend_schema(
        summary="Follow a topic",
        description="Its posts join your home feed. Idempotent.",
        request=None,
        responses={200: TopicSerializer, 404: NOT_FOUND},
    )
    def put(self, request, slug: str):
        tag = tag_get_for(request.user, slug=slug)
        services.tag_follow(user=request.user, tag=tag)
        return _tag_data(request, tag)

    @extend_schema(
        summary="Stop following a topic",
        description="Idempotent.",
        request=None,
        responses={204: OpenApiResponse(description="Not following (any more)."), 404: NOT_FOUND},
    )
    def delete(self, request, slug: str):
        services.tag_unfollow(user=request.user, tag=tag_get_for(request.user, slug=slug))
        return Response(status=status.HTTP_204_NO_CONTENT)
