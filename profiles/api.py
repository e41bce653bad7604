"""The people API: tokens, one's own profile, the directory, profiles and follows.

Thin views over the same services and selectors as the HTML pages.
"""

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext, ngettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, parsers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.api import ERROR, FIELD_ERRORS
from profiles import selectors, services
from profiles.models import User
from profiles.serializers import (
    DirectoryFilterSerializer,
    FollowStateSerializer,
    MeSerializer,
    PersonCardSerializer,
    PersonDetailSerializer,
    ProfileUpdateSerializer,
    TokenRequestSerializer,
    TokenSerializer,
)


class LockedOut(exceptions.APIException):
    """Too many failed sign-ins for this username from this address (django-axes)."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self):
        self.wait = int(settings.AXES_COOLOFF_TIME.total_seconds())  # Sent as Retry-After.
        minutes = max(1, self.wait // 60)
        super().__init__(
            ngettext(
                "Too many failed sign-in attempts. Try again in %(minutes)d minute.",
                "Too many failed sign-in attempts. Try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes}
        )


class BadCredentials(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_credentials"

    def __init__(self):
        super().__init__(gettext("The username or password is not correct."))


class TokenView(APIView):
    """Exchange a username (or work e-mail) and password for an API token."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"
    parser_classes = [parsers.JSONParser, parsers.FormParser, parsers.MultiPartParser]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenSerializer, 400: FIELD_ERRORS, 429: ERROR},
        auth=[],
        summary="Get an API token",
        description=(
            "Send it back as `Authorization: Token <token>`. Repeated failures lock the "
            "username out from the client's address for a while (429), and the endpoint is "
            "rate-limited (429)."
        ),
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # django-axes counts the failure and marks the request object it is given. DRF's
        # request keeps that mark away from AxesMiddleware (which would swap this JSON
        # answer for the HTML lockout page); the answer is ours to give.
        user = authenticate(request=request, **serializer.validated_data)
        if getattr(request, "axes_locked_out", False):
            raise LockedOut()
        if user is None:  # Wrong password, unknown login or a deactivated account.
            raise BadCredentials()
        token = services.api_token_issue(user=user)
        # A token is a sign-in: last_login, axes' reset-on-success and the analytics event.
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        return Response({"token": token.key})


class FollowStateMixin:
    """Serialize a page of people with ``is_followed``: one query for the whole page."""

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.followed_ids = selectors.followed_ids(self.request.user, page or [])
        return page

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "followed_ids": getattr(self, "followed_ids", set()),
        }


@extend_schema_view(
    get=extend_schema(summary="My profile"),
    patch=extend_schema(
        summary="Change my profile",
        description=(
            "Send only the fields to change, as JSON or multipart (multipart for `avatar`). "
            "`manager` is a username, `department` and `office` are slugs, `skills` and "
            "`interests` replace the current lists. Any other field is refused (400)."
        ),
        request={
            "application/json": ProfileUpdateSerializer,
            "multipart/form-data": ProfileUpdateSerializer,
        },
        responses={200: MeSerializer, 400: FIELD_ERRORS},
    ),
)
class MeView(APIView):
    """The signed-in person's own profile; the only profile the API can change."""

    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]
    serializer_class = MeSerializer

    def _me(self, request):
        person = selectors.person_get_for(request.user, username=request.user.username)
        return MeSerializer(person, context={"request": request}).data

    def get(self, request):
        return Response(self._me(request))

    def patch(self, request):
        serializer = ProfileUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.profile_update(user=request.user, **serializer.validated_data)
        return Response(self._me(request))


@extend_schema_view(
    get=extend_schema(
        summary="People directory",
        parameters=[DirectoryFilterSerializer],
        responses={200: PersonCardSerializer(many=True), 400: FIELD_ERRORS},
    )
)
class PeopleListView(FollowStateMixin, generics.ListAPIView):
    """Active colleagues, alphabetical; the HTML directory's search and filters."""

    serializer_class = PersonCardSerializer
    queryset = User.objects.none()  # For the schema; get_queryset does the work.

    def get_queryset(self):
        filters = DirectoryFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return selectors.people_directory(self.request.user, **filters.validated_data)


class PersonDetailView(APIView):
    """A colleague's profile; 404 for unknown or deactivated people."""

    @extend_schema(
        summary="A person's profile", responses={200: PersonDetailSerializer, 404: ERROR}
    )
    def get(self, request, username: str):
        person = selectors.person_get_for(request.user, username=username)
        context = {"request": request, "is_followed": selectors.is_following(request.user, person)}
        return Response(PersonDetailSerializer(person, context=context).data)


class FollowView(APIView):
    """Follow or unfollow a colleague; both are idempotent."""

    def _state(self, request, person, *, code: int):
        return Response(
            {
                "username": person.username,
                "is_followed": selectors.is_following(request.user, person),
                "follower_count": selectors.followers_of(person).count(),
            },
            status=code,
        )

    @extend_schema(
        summary="Follow a person",
        request=None,
        responses={
            201: OpenApiResponse(FollowStateSerializer, description="Now following."),
            200: OpenApiResponse(FollowStateSerializer, description="Already following."),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="Following yourself."),
            404: ERROR,
        },
    )
    def post(self, request, username: str):
        person = selectors.person_get_for(request.user, username=username)
        already = selectors.is_following(request.user, person)
        services.user_follow(follower=request.user, followee=person)
        return self._state(
            request, person, code=status.HTTP_200_OK if already else status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Unfollow a person",
        request=None,
        responses={204: OpenApiResponse(description="Not following (any more)."), 404: ERROR},
    )
    def delete(self, request, username: str):
        person = selectors.person_get_for(request.user, username=username)
        services.user_unfollow(follower=request.user, followee=person)
        return Response(status=status.HTTP_204_NO_CONTENT)


class _FollowListView(FollowStateMixin, generics.ListAPIView):
    serializer_class = PersonCardSerializer
    queryset = User.objects.none()  # For the schema; get_queryset does the work.
    selector = None

    def get_queryset(self):
        person = selectors.person_get_for(self.request.user, username=self.kwargs["username"])
        return self.selector(person)


@extend_schema_view(
    get=extend_schema(
        summary="A person's followers", responses={200: PersonCardSerializer(many=True), 404: ERROR}
    )
)
class FollowersView(_FollowListView):
    """Active people following this person, most recent first."""

    selector = staticmethod(selectors.followers_of)


@extend_schema_view(
    get=extend_schema(
        summary="Whom a person follows",
        responses={200: PersonCardSerializer(many=True), 404: ERROR},
    )
)
class FollowingView(_FollowListView):
    """Active people this person follows, most recent first."""

    selector = staticmethod(selectors.following_of)
