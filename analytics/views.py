"""The dashboard pages and their CSV exports (thin: the registry and the selectors do it)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from analytics import access
from analytics.cache import cached_build
from analytics.dashboards import BY_SLUG, DASHBOARDS, render_tables
from analytics.exports import table_csv_response
from analytics.forms import FilterForm
from analytics.models import AccessKind
from analytics.permissions import (
    can_export_analytics,
    check_export_analytics,
    check_view_analytics,
)
from analytics.privacy import min_group_size, suppressed_text


def _dashboard(slug: str):
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise Http404 from None


def overview(request):
    """The list of dashboards, with the privacy statement."""
    check_view_analytics(request.user)
    return render(
        request,
        "analytics/overview.html",
        {"dashboards": DASHBOARDS, "min_group_size": min_group_size()},
    )


def dashboard_page(request, slug: str):
    """One dashboard. Filters come from the query string; HTMX swaps the body only."""
    check_view_analytics(request.user)
    dashboard = _dashboard(slug)
    form = FilterForm(request.GET)
    context = {
        "dashboard": dashboard,
        "dashboards": DASHBOARDS,
        "form": form,
        "tables": [],
        "can_export": can_export_analytics(request.user),
        "min_group_size": min_group_size(),
        "suppressed_text": suppressed_text(),
    }
    status = 200
    if form.is_valid():
        filters = form.filters()
        data = cached_build(dashboard, filters)
        context.update(
            filters=filters,
            data=data,
            tables=render_tables(dashboard, data),
            querystring=filters.querystring(),
        )
        logged = filters.as_dict()
    else:
        status = 422 if request.htmx else 400
        logged = form.raw()
    access.access_log_record(
        user=request.user,
        kind=AccessKind.PAGE,
        dashboard=dashboard.slug,
        filters=logged,
        path=request.get_full_path(),
    )
    template = "analytics/dashboard.html"
    if request.htmx and not request.htmx.boosted:
        template += "#body"
    return render(request, template, context, status=status)


def table_csv(request, slug: str, table: str):
    """One table of a dashboard as CSV (Analysts and superusers)."""
    check_export_analytics(request.user)
    dashboard = _dashboard(slug)
    spec = dashboard.table(table)
    if spec is None:
        raise Http404
    form = FilterForm(request.GET)
    valid = form.is_valid()
    access.access_log_record(
        user=request.user,
        kind=AccessKind.CSV,
        dashboard=f"{dashboard.slug}/{table}",
        filters=form.filters().as_dict() if valid else form.raw(),
        path=request.get_full_path(),
    )
    if not valid:
        messages = [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
        return HttpResponse("\n".join(messages), status=400, content_type="text/plain")
    filters = form.filters()
    tables = render_tables(dashboard, cached_build(dashboard, filters))
    rendered = next(rendered for rendered in tables if rendered.slug == table)
    return table_csv_response(dashboard, rendered, filters)
