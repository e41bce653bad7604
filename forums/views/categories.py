"""Setting up a forum: the company-wide one (Communicators) or a community's (its admins) —
create, rename and describe, reorder and delete categories, all through
``forums.services.categories``.

One page (``?community=slug`` for a community's forum) holds the list and the "new" form; every
action answers HTMX with that page's management area (422 when a form or the service said
no), and plain requests with a redirect and a message, or the page with the typed text when a
form has errors.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from communities.selectors import community_get_for
from core.shortcuts import add_service_errors
from forums import permissions, selectors, services
from forums.models import CATEGORY_NAME_MAX_LENGTH

NEW_PREFIX = "new"


# Kept next to its only views: forums/forms.py is the threads' and replies'.
class CategoryForm(forms.Form):
    # Emptiness is the service's to judge, so its message is the one people read.
    name = forms.CharField(
        label=gettext_lazy("Name"),
        required=False,
        max_length=CATEGORY_NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy("One or two sentences: what belongs here."),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )


def _edit_prefix(category) -> str:
    return f"category-{category.pk}"


def _show_errors(form, error: ValidationError) -> None:
    """The service's errors on the form; the address is made from the name, so an address
    already taken is said next to the name."""
    if hasattr(error, "error_dict") and "slug" in error.error_dict:
        errors = error.message_dict
        errors.setdefault("name", []).extend(errors.pop("slug"))
        error = ValidationError(errors)
    add_service_errors(form, error)


def _place(request):
    """The community of ``?community=slug`` (404 when the viewer may not know it), or None
    for the company-wide forum; the viewer must be allowed to set it up."""
    slug = request.GET.get("community", "")
    community = community_get_for(request.user, slug=slug) if slug else None
    permissions.check_manage_categories(request.user, community)
    return community


def _category(request, pk: int):
    category = selectors.category_get_for(request.user, pk=pk)
    permissions.check_manage_categories(request.user, category.community)
    return category


def _manage_url(community) -> str:
    url = reverse("forums:categories-manage")
    return f"{url}?{urlencode({'community': community.slug})}" if community else url


def _render(request, community, *, status=200, bound=None, notice="", refusal=None, focus=""):
    """The management page, or its area for HTMX. ``bound``: a form with what was typed
    (the "new" one, or one category's edit form); ``refusal``: (category id, message)."""
    user = request.user
    categories = selectors.categories_for(user, community)
    bound_prefix = bound.prefix if bound is not None else None
    for category in categories:
        prefix = _edit_prefix(category)
        category.form = (
            bound
            if bound_prefix == prefix
            else CategoryForm(
                prefix=prefix,
                initial={"name": category.name, "description": category.description},
            )
        )
        if refusal and refusal[0] == category.pk:
            category.refusal = refusal[1]
        category.focus = next(
            (way for way in ("up", "down") if focus == f"move-{way}-{category.pk}"), ""
        )
    new_form = bound if bound_prefix == NEW_PREFIX else CategoryForm(prefix=NEW_PREFIX)
    # htmx focuses an ``autofocus`` element it swaps in: the keyboard stays where it was.
    if bound is not None and bound.errors:
        first = next((name for name in bound.fields if name in bound.errors), "name")
        bound.fields[first].widget.attrs["autofocus"] = True
    elif focus == f"{NEW_PREFIX}-name":
        new_form.fields["name"].widget.attrs["autofocus"] = True
    query = f"?{urlencode({'community': community.slug})}" if community else ""
    context = {
        "community": community,
        "categories": categories,
        "new_form": new_form,
        "query": query,
        "notice": notice,
        "focus": focus,
        "forum_url": (
            f"{reverse('forums:index')}#community-{community.pk}-categories"
            if community
            else reverse("forums:index")
        ),
    }
    template = "forums/_category_manage.html" if request.htmx else "forums/categories_manage.html"
    return render(request, template, context, status=status)


def _done(request, community, message: str, *, focus: str = ""):
    if request.htmx:
        return _render(request, community, notice=message, focus=focus)
    messages.success(request, message)
    return redirect(_manage_url(community))


@require_GET
def categories_manage(request):
    """The categories of one forum, in their order, each with its form and buttons."""
    return _render(request, _place(request))


@require_POST
def category_create(request):
    """A new category, last in its forum."""
    community = _place(request)
    form = CategoryForm(request.POST, prefix=NEW_PREFIX)
    if form.is_valid():
        try:
            category = services.category_create(
                actor=request.user,
                community=community,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            message = _("The category %(name)s is created.") % {"name": category.name}
            return _done(request, community, message, focus=f"{NEW_PREFIX}-name")
    return _render(request, community, bound=form, status=422 if request.htmx else 200)


@require_POST
def category_edit(request, pk: int):
    """Rename and re-describe a category (its address stays, so links keep working)."""
    category = _category(request, pk)
    community = category.community
    form = CategoryForm(request.POST, prefix=_edit_prefix(category))
    if form.is_valid():
        try:
            category = services.category_edit(
                actor=request.user,
                category=category,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            message = _("The category %(name)s is saved.") % {"name": category.name}
            return _done(request, community, message)
    return _render(request, community, bound=form, status=422 if request.htmx else 200)


@require_POST
def category_move(request, pk: int):
    """One place up or down in its forum (``direction``: up or down)."""
    category = _category(request, pk)
    community = category.community
    direction = request.POST.get("direction")
    order = [c.pk for c in selectors.categories_for(request.user, community)]
    index = order.index(category.pk)
    other = index - 1 if direction == "up" else index + 1 if direction == "down" else None
    if other is None or not 0 <= other < len(order):
        refusal = _("This category cannot move that way.")
        if request.htmx:
            return _render(request, community, status=422, refusal=(category.pk, refusal))
        messages.error(request, refusal)
        return redirect(_manage_url(community))
    order[index], order[other] = order[other], order[index]
    services.category_reorder(actor=request.user, community=community, order=order)
    # At either end the button just pressed is disabled: keep the focus on the other one.
    if other in (0, len(order) - 1):
        direction_kept = "down" if other == 0 else "up"
    else:
        direction_kept = direction
    message = (_("%(name)s moved up.") if direction == "up" else _("%(name)s moved down.")) % {
        "name": category.name
    }
    return _done(request, community, message, focus=f"move-{direction_kept}-{category.pk}")


@require_POST
def category_delete(request, pk: int):
    """Delete an empty category; one that still has threads stays, and the page says why."""
    category = _category(request, pk)
    community = category.community
    try:
        services.category_delete(actor=request.user, category=category)
    except ValidationError as error:
        refusal = " ".join(error.messages)
        if request.htmx:
            return _render(request, community, status=422, refusal=(category.pk, refusal))
        messages.error(request, refusal)
        return redirect(_manage_url(community))
    message = _("The category %(name)s is deleted.") % {"name": category.name}
    return _done(request, community, message, focus=f"{NEW_PREFIX}-name")
