"""Moderation pages: the queue, the report form, and hide / restore for any placed content."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities.models import Community
from core.shortcuts import safe_next
from moderation import permissions, selectors, services
from moderation.forms import ReasonForm, ReportForm, ResolveForm
from moderation.models import ReportStatus

QUEUE_PAGE_SIZE = 25


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _form_errors(form) -> str:
    return " ".join(message for messages_ in form.errors.values() for message in messages_)


def queue(request):
    if not permissions.moderates_anything(request.user):
        raise PermissionDenied(_("The moderation queue is for moderators."))
    reports = selectors.moderation_queue_for(request.user)
    page = Paginator(reports, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "moderation/queue.html", {"page": page})


@require_POST
def report_resolve(request, pk: int):
    report = selectors.report_get_for(request.user, pk=pk)
    # Before the form: a refused person must not get the report's row back with its errors.
    permissions.check_handle_report(request.user, report)
    form = ResolveForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.report_resolve(actor=request.user, report=report, **form.service_arguments())
        except ValidationError as exc:
            error = _errors(exc)
    else:
        error = _form_errors(form)
    if request.htmx:
        note = request.POST.get("note", "")
        context = {"report": report, "error": error, "note": note, "swapped": True}
        return render(
            request, "moderation/queue.html#report", context, status=422 if error else 200
        )
    if error:
        messages.error(request, error)
    elif report.status == ReportStatus.DISMISSED:
        messages.success(request, _("The report is dismissed."))
    else:
        messages.success(request, _("The report is resolved."))
    return redirect(safe_next(request, reverse("moderation:queue")))


def _back_url(request, target) -> str:
    if hasattr(target, "get_absolute_url"):
        fallback = target.get_absolute_url()
    elif getattr(target, "community_id", None):
        fallback = target.community.get_absolute_url()
    else:
        fallback = reverse("home")
    return safe_next(request, fallback)


def report(request):
    target = selectors.report_target_get_for(
        request.user,
        community_slug=request.GET.get("community", ""),
        type_label=request.GET.get("type", ""),
        pk=request.GET.get("id"),
    )
    form = ReportForm(request.POST or None)
    context = {"target": target, "form": form, "is_community": isinstance(target, Community)}
    status, part = 200, "form"
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report_create(
                    reporter=request.user, target=target, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                context.update(thanks=True, back_url=_back_url(request, target))
                part = "thanks"
        if form.errors and request.htmx:
            status = 422
    template = f"moderation/report.html#{part}" if request.htmx else "moderation/report.html"
    return render(request, template, context, status=status)


def _set_hidden(request, type_label: str, pk: int, *, hide: bool):
    obj = selectors.content_get(type_label=type_label, pk=pk)
    # Before the form: a bad reason must not tell outsiders that secret content exists (404).
    permissions.check_moderate_content(request.user, obj)
    form = ReasonForm(request.POST)
    error = ""
    if form.is_valid():
        change = services.content_hide if hide else services.content_restore
        try:
            change(actor=request.user, obj=obj, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            error = _errors(exc)
    else:
        error = _form_errors(form)
    if request.htmx:
        context = {"obj": obj, "error": error, "can_moderate": True, "swapped": True}
        return render(request, "moderation/_content_actions.html", context,
                      status=422 if error else 200)  # fmt: skip
    if error:
        messages.error(request, error)
    elif hide:
        messages.success(request, _("The content is hidden. Nobody sees it until it is restored."))
    else:
        messages.success(request, _("The content is visible again."))
    fallback = obj.community.get_absolute_url() if obj.community_id else reverse("home")
    return redirect(safe_next(request, fallback))


@require_POST
def content_hide(request, type_label: str, pk: int):
    return _set_hidden(request, type_label, pk, hide=True)


@require_POST
def content_restore(request, type_label: str, pk: int):
    return _set_hidden(request, type_label, pk, hide=False)
