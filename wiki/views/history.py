"""A page's past: its revisions newest first, an old revision as it read, the difference
between any two revisions, and bringing an old revision back (itself a new revision)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.shortcuts import add_service_errors
from wiki import permissions, selectors, services
from wiki.diff import diff_counts, diff_revisions
from wiki.forms import RevertForm
from wiki.templatetags.wiki_tags import decorate_body
from wiki.text import render_page
from wiki.views.shared import HISTORY_PER_PAGE, follows_renames, page_for, page_rights


@require_GET
@follows_renames
def history(request, space: str, slug: str):
    """The revisions of a page, newest first, to view, compare or bring back."""
    user = request.user
    page = page_for(request, space, slug)
    revisions = selectors.page_history(page, before=request.GET.get("before"),
                                       limit=HISTORY_PER_PAGE)  # fmt: skip
    context = {
        "space": page.space,
        "page": page,
        "revisions": revisions,
        "is_older": bool(request.GET.get("before")),
        **page_rights(user, page),
    }
    return render(request, "wiki/history.html", context)


@require_GET
@follows_renames
def revision(request, space: str, slug: str, number: int):
    """A page as it read at revision ``number``."""
    user = request.user
    page = page_for(request, space, slug)
    old = selectors.get_revision_for(user, page, number)
    html, links = render_page(old.body, space=page.space)
    body, toc = decorate_body(str(html), selectors.missing_urls_of(links, user))
    context = {
        "space": page.space,
        "page": page,
        "revision": old,
        "body": body,
        "toc": toc,
        "is_current": old.number == page.revision_number,
        **page_rights(user, page),
    }
    return render(request, "wiki/revision.html", context)


def _number(value, default: int):
    if value in (None, ""):
        return default
    return value  # ``get_revision_for`` answers 404 for anything that is not a revision.


@require_GET
@follows_renames
def diff(request, space: str, slug: str):
    """What changed between revisions ``?from=`` and ``?to=`` (the latest and the one before
    it when left out): line by line, and word by word inside changed lines."""
    user = request.user
    page = page_for(request, space, slug)
    to_number = _number(request.GET.get("to"), page.revision_number)
    new = selectors.get_revision_for(user, page, to_number)
    old = selectors.get_revision_for(
        user, page, _number(request.GET.get("from"), max(new.number - 1, 1))
    )
    rows = diff_revisions(old.body, new.body)
    added, removed = diff_counts(rows)
    context = {
        "space": page.space,
        "page": page,
        "old": old,
        "new": new,
        "rows": rows,
        "added": added,
        "removed": removed,
        "title_changed": old.title != new.title,
        "same": old.body == new.body and old.title == new.title,
        **page_rights(user, page),
    }
    return render(request, "wiki/diff.html", context)


@require_http_methods(["GET", "POST"])
@follows_renames
def revert(request, space: str, slug: str, number: int):
    """Ask, then bring back revision ``number`` as a new revision."""
    user = request.user
    page = page_for(request, space, slug)
    old = selectors.get_revision_for(user, page, number)
    permissions.check_edit_page(user, page)
    status = 200
    if request.method == "POST":
        form = RevertForm(request.POST)
        if form.is_valid():
            try:
                reverted = services.page_revert(
                    actor=user, page=page, number=old.number, summary=form.cleaned_data["summary"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Revision %(number)d is back, as revision %(new)d.")
                    % {"number": old.number, "new": reverted.revision_number},
                )
                return redirect(reverted)
        status = 422 if request.htmx else 200
    else:
        form = RevertForm()
    rows = diff_revisions(page.body, old.body)
    added, removed = diff_counts(rows)
    context = {
        "space": page.space,
        "page": page,
        "revision": old,
        "form": form,
        "rows": rows,
        "added": added,
        "removed": removed,
    }
    return render(request, "wiki/revert_confirm.html", context, status=status)
