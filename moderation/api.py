"""The moderation API: report something, read the queue, close a report.

Thin views over the same services and selectors as the pages.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import ERROR, FIELD_ERRORS
from moderation import permissions, selectors, services
from moderation.models import Report
from moderation.serializers import (
    ReportCreateSerializer,
    ReportResolveSerializer,
    ReportSerializer,
)


@extend_schema_view(
    get=extend_schema(
        summary="The moderation queue",
        description=(
            "Open reports, oldest first: all of them for site moderators, their communities' "
            "for community moderators, admins and owners. 403 for people who moderate nothing."
        ),
        responses={200: ReportSerializer(many=True), 403: ERROR},
    ),
    post=extend_schema(
        summary="Report a community or content",
        description=(
            'Send `{"community": slug, "reason": ...}` or `{"type": "app_label.model", "id": '
            'pk, "reason": ...}`. 404 for what you cannot see; 400 when you already have an '
            "open report on it."
        ),
        request=ReportCreateSerializer,
        responses={201: ReportSerializer, 400: FIELD_ERRORS, 404: ERROR},
    ),
)
class ReportListView(generics.GenericAPIView):
    """Reports: moderators read their queue; every employee may report."""

    serializer_class = ReportSerializer
    queryset = Report.objects.none()  # For the schema; the selector does the work.

    def get(self, request):
        if not permissions.moderates_anything(request.user):
            raise exceptions.PermissionDenied(_("The moderation queue is for moderators."))
        page = self.paginate_queryset(selectors.moderation_queue_for(request.user))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def post(self, request):
        serializer = ReportCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = selectors.report_target_get_for(request.user, **serializer.target_lookup())
        report = services.report_create(
            reporter=request.user, target=target, reason=serializer.validated_data["reason"]
        )
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)


class ReportResolveView(APIView):
    """Close a report (the moderators of its community, and site moderators)."""

    @extend_schema(
        summary="Resolve or dismiss a report",
        request=ReportResolveSerializer,
        responses={200: ReportSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: ERROR},
    )
    def post(self, request, pk: int):
        report = selectors.report_get_for(request.user, pk=pk)
        permissions.check_handle_report(request.user, report)  # 403 before any 400.
        serializer = ReportResolveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.report_resolve(actor=request.user, report=report, **serializer.validated_data)
        return Response(ReportSerializer(report, context={"request": request}).data)
