"""The analytics API: one GET per dashboard, the same filters, permissions, suppression
and access log as the pages."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from analytics import access
from analytics.cache import cached_build
from analytics.dashboards import Dashboard, render_tables
from analytics.forms import FilterForm
from analytics.models import AccessKind
from analytics.permissions import CanViewAnalytics
from analytics.privacy import min_group_size, suppressed_text
from analytics.serializers import DashboardSerializer
from core.api import ERROR, FIELD_ERRORS

FILTER_PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="First day (default: 90 days ago)."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last day, inclusive (default: today)."),
    OpenApiParameter("department", int, description="Only people of this department (id)."),
    OpenApiParameter("office", int, description="Only people of this office (id)."),
    OpenApiParameter("community", int, description="Only this public community (id)."),
]

DESCRIPTION = (
    "Aggregates only. A figure built from fewer than `min_group_size` distinct people is "
    'suppressed: `{"value": null, "suppressed": true}`. Private and secret communities count '
    "in company-wide totals only; their text, titles and tags never appear. Every call is "
    "written to the analytics access log. Leaders, Analysts and superusers only (403 for "
    "everyone else); bad filters answer 400 with the field errors."
)


class DashboardAPIView(APIView):
    permission_classes = [CanViewAnalytics]
    dashboard: Dashboard

    def get(self, request):
        dashboard = self.dashboard
        form = FilterForm(request.query_params)
        valid = form.is_valid()
        access.access_log_record(
            user=request.user,
            kind=AccessKind.API,
            dashboard=dashboard.slug,
            filters=form.filters().as_dict() if valid else form.raw(),
            path=request.get_full_path(),
        )
        if not valid:
            raise exceptions.ValidationError(
                {name: [str(m) for m in errors] for name, errors in form.errors.items()}
            )
        filters = form.filters()
        tables = render_tables(dashboard, cached_build(dashboard, filters))
        return Response(
            {
                "dashboard": dashboard.slug,
                "title": str(dashboard.title),
                "filters": filters.as_dict(),
                "min_group_size": min_group_size(),
                "suppressed_text": suppressed_text(),
                "ignored_filters": list(dashboard.ignores),
                "tables": {table.slug: table.as_json() for table in tables},
            }
        )


def dashboard_api_view(dashboard: Dashboard):
    """The API view of ``dashboard``, with its own schema entry."""
    schema = extend_schema(
        parameters=FILTER_PARAMETERS,
        responses={200: DashboardSerializer, 400: FIELD_ERRORS, 401: ERROR, 403: ERROR},
        summary=f"Analytics: {dashboard.title}",
        description=f"{dashboard.description} {DESCRIPTION}",
        operation_id=f"analytics_{dashboard.slug.replace('-', '_')}",
        tags=["analytics"],
    )
    name = "".join(part.title() for part in dashboard.slug.split("-")) + "DashboardAPIView"

    def get(self, request):
        return DashboardAPIView.get(self, request)

    view = type(name, (DashboardAPIView,), {"dashboard": dashboard, "get": schema(get)})
    return view.as_view()
