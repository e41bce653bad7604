"""The notification pages: the list, opening one (marks it read), mark read, preferences."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from core.shortcuts import add_service_errors, safe_next
from notifications import selectors, services
from notifications.forms import PreferencesForm

PAGE_SIZE = 20


@require_GET
def notification_list(request):
    page = Paginator(selectors.notification_list_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.notifications_decorate(page.object_list)
    unread = selectors.unread_count(request.user)
    # The bell in base.html reuses the count rather than asking again.
    context = {"page": page, "has_unread": unread > 0, "notification_unread_count": unread}
    if request.htmx and request.htmx.target == "notification-list":
        return render(request, "notifications/list.html#list", context)
    return render(request, "notifications/list.html", context)


@require_GET
def notification_open(request, pk: int):
    """Follow a notification to what it is about, marking it read on the way."""
    notification = selectors.get_notification_for(request.user, pk)
    services.notification_mark_read(user=request.user, notification=notification)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("notifications:list")
    return redirect(target)


@require_POST
def notification_read(request, pk: int):
    notification = selectors.get_notification_for(request.user, pk)
    services.notification_mark_read(user=request.user, notification=notification)
    if request.htmx:
        notification = selectors.notifications_decorate([notification])[0]
        return render(
            request,
            "notifications/list.html#item",
            {"notification": notification, "badge_oob": True, "swapped": True},
        )
    return redirect(safe_next(request, reverse("notifications:list")))


@require_POST
def notification_read_all(request):
    count = services.notification_mark_all_read(user=request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked as read.",
                "%(count)d notifications marked as read.",
                count,
            )
            % {"count": count},
        )
    target = safe_next(request, reverse("notifications:list"))
    if request.htmx:
        return HttpResponseClientRedirect(target)
    return redirect(target)


@require_http_methods(["GET", "POST"])
def notification_settings(request):
    current = selectors.preferences_for(request.user)
    form = PreferencesForm(request.POST or None, initial_channels=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_update(user=request.user, channels=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:settings")
    status = 422 if form.is_bound else 200
    return render(request, "notifications/settings.html", {"form": form}, status=status)
