"""The notifications API: my notifications with the unread count, mark read, preferences.

Thin views over the same services and selectors as the HTML pages: a notification about
something the caller may no longer see is neither listed, counted nor found (404).
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import ERROR, FIELD_ERRORS
from notifications import selectors, services
from notifications.models import Channel, Notification, Verb


class ActorSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField()


class CommunityRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class NotificationSerializer(serializers.ModelSerializer):
    message = serializers.CharField(source="message_text", read_only=True)
    actor = ActorSerializer(read_only=True, allow_null=True)
    community = CommunityRefSerializer(read_only=True, allow_null=True)
    target_type = serializers.SerializerMethodField()
    is_read = serializers.BooleanField(read_only=True)
    open_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Notification
        fields = (
            "id", "verb", "message", "actor", "actor_count", "target_type", "target_id",
            "community", "url", "open_url", "is_read", "read_at", "created_at", "updated_at",
        )  # fmt: skip
        read_only_fields = fields

    def get_target_type(self, notification) -> str | None:
        content_type = notification.target_type
        return f"{content_type.app_label}.{content_type.model}" if content_type else None


class NotificationPagination(PageNumberPagination):
    """Pages of notifications, with the caller's unread count on every page."""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["unread_count"] = selectors.unread_count(self.request.user)
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["unread_count"] = {"type": "integer", "example": 3}
        return schema


class NotificationListView(generics.ListAPIView):
    serializer_class = NotificationSerializer
    pagination_class = NotificationPagination

    def get_queryset(self):
        unread = self.request.query_params.get("unread", "").lower() in ("1", "true", "yes")
        return selectors.notification_list_for(self.request.user, unread_only=unread)

    @extend_schema(
        summary="My notifications",
        description=(
            "Newest activity first, with `unread_count`. Notifications about something you may "
            "no longer see are left out."
        ),
        parameters=[OpenApiParameter("unread", OpenApiTypes.BOOL, description="Only unread ones.")],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class NotificationReadView(APIView):
    @extend_schema(
        request=None,
        responses={200: NotificationSerializer, 404: ERROR},
        summary="Mark one notification read",
    )
    def post(self, request, pk: int):
        notification = selectors.get_notification_for(request.user, pk)
        services.notification_mark_read(user=request.user, notification=notification)
        return Response(NotificationSerializer(notification).data)


class ReadAllResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField()
    unread_count = serializers.IntegerField()


class NotificationReadAllView(APIView):
    @extend_schema(
        request=None,
        responses={200: ReadAllResultSerializer},
        summary="Mark all my notifications read",
    )
    def post(self, request):
        marked = services.notification_mark_all_read(user=request.user)
        return Response({"marked": marked, "unread_count": selectors.unread_count(request.user)})


PREFERENCES_SCHEMA = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=(
        "Every type of notification with its channel: "
        f"types {', '.join(Verb.values)}; channels {', '.join(Channel.values)}."
    ),
)


class PreferencesView(APIView):
    @extend_schema(responses={200: PREFERENCES_SCHEMA}, summary="My notification preferences")
    def get(self, request):
        return Response(selectors.preferences_for(request.user))

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses={200: PREFERENCES_SCHEMA, 400: FIELD_ERRORS},
        summary="Change my notification preferences",
        description=(
            'Send `{"mention": "email", "reaction": "off"}`: the types you name change, the '
            "others stay. `in_app`: in the app; `email`: in the app and in the daily e-mail "
            "digest; `off`: not at all."
        ),
    )
    def put(self, request):
        data = request.data
        if not hasattr(data, "items") or not data:
            raise exceptions.ValidationError(
                {"detail": _("Send an object of notification types and channels.")}
            )
        channels = {str(verb): value for verb, value in data.items()}
        if any(not isinstance(value, str) for value in channels.values()):
            raise exceptions.ValidationError(
                {"detail": _("Each channel is one of: %(choices)s.")
                 % {"choices": ", ".join(Channel.values)}}
            )  # fmt: skip
        return Response(services.preferences_update(user=request.user, channels=channels))

    patch = put
