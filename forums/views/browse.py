"""Reading the forum and writing threads: the index, a category, a thread, starting a thread,
editing a thread or a reply and their earlier versions.

Everything comes through ``forums.selectors`` (404 for what the viewer may not see); writes go
through ``forums.services``. A form with errors is shown again with what was typed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.shortcuts import add_service_errors
from forums import permissions, selectors, services
from forums.experts import MAX_TOPICS, experts_for
from forums.forms import ReplyEditForm, ThreadEditForm, ThreadForm, UsernamesField
from forums.models import ThreadKind
from forums.services.threads import MAX_ASKED
from forums.views.shared import (
    list_choices,
    list_params,
    thread_context,
)


def category_for(user, ref: str):
    """A category by id, or a company-wide one by its address; 404 when not visible."""
    if ref.isdigit():
        return selectors.category_get_for(user, pk=int(ref))
    return selectors.category_get_for(user, slug=ref, community__isnull=True)


@require_GET
def index(request):
    """The company-wide categories, the readable communities' categories, recent threads."""
    user = request.user
    chosen, sort = list_params(request)
    grouped: dict = {}
    for category in selectors.community_categories_for(user):
        grouped.setdefault(category.community, []).append(category)
    context = {
        "categories": selectors.categories_for(user),
        "community_groups": list(grouped.items()),
        "recent": selectors.threads_anywhere(user, filter=chosen, sort=sort),
        "filter": chosen,
        "sort": sort,
        **list_choices(),
    }
    return render(request, "forums/index.html", context)


@require_GET
def category(request, ref: str):
    """A category's threads, pinned first, filtered, sorted and paged."""
    user = request.user
    place = category_for(user, ref)
    chosen, sort = list_params(request)
    page = selectors.threads_in(user, place, filter=chosen, sort=sort, page=request.GET.get("page"))
    context = {
        "category": place,
        "page": page,
        "filter": chosen,
        "sort": sort,
        **list_choices(),
        "can_start": permissions.can_start_thread(user, place),
    }
    return render(request, "forums/category.html", context)


@require_http_methods(["GET", "POST"])
def thread_new(request, ref: str):
    """Start a discussion or ask a question in a category."""
    user = request.user
    place = category_for(user, ref)
    refusal = ""
    if not permissions.can_start_thread(user, place):
        try:
            permissions.check_start_thread(user, place)
        except PermissionDenied as refused:
            refusal = str(refused)
    if request.method == "POST" and not refusal:
        form = ThreadForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                thread = services.thread_create(
                    author=user,
                    category=place,
                    title=data["title"],
                    body=data["body"],
                    kind=data["kind"],
                    tags=data["tags"],
                    ask=data["ask"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("Your thread is started."))
                return redirect(thread.get_absolute_url())
    else:
        # "Ask {name}" on Find an expert comes here with the person and the topic chosen.
        kind = request.GET.get("kind", "")
        initial = {
            "kind": kind if kind in ThreadKind.values else ThreadKind.QUESTION,
            "tags": request.GET.get("tags", "")[:600],
        }
        form = ThreadForm(initial=initial)
    status = 403 if refusal else (422 if form.errors and request.htmx else 200)
    if form.is_bound:
        asked = form["ask"].value()
    else:
        asked = UsernamesField().to_python(request.GET.getlist("ask"))[:MAX_ASKED]
    context = {"category": place, "form": form, "refusal": refusal, "asked": asked}
    return render(request, "forums/thread_new.html", context, status=status)


SUGGESTED_EXPERTS = 5


@require_GET
def thread_suggestions(request):
    """While a thread is written: similar threads the writer may see (to avoid duplicates)
    and the people who may know, for the first three topics (or the title's first strong
    word), with whether they may see a thread in the chosen category (only those can be
    asked)."""
    user = request.user
    place = category_for(user, request.GET.get("category", ""))
    title = request.GET.get("title", "")[:300]
    tags = [t.strip() for t in request.GET.get("tags", "")[:600].split(",") if t.strip()]
    words = selectors.title_words(title)
    topics = list(dict.fromkeys(tags))[:MAX_TOPICS] if tags else words[:1]
    experts = experts_for(user, topics, limit=SUGGESTED_EXPERTS)
    for expert in experts:
        # At most five people, so at most five membership checks.
        expert.may_ask = expert.person.pk != user.pk and place.is_visible_to(expert.person)
    asked = UsernamesField().to_python(request.GET.getlist("ask"))
    listed = {expert.person.username for expert in experts if expert.may_ask}
    context = {
        "category": place,
        "similar": selectors.similar_threads(user, title, tags),
        "experts": experts,
        "topic": ", ".join(topics),
        "asked": asked,
        "others_asked": [username for username in asked if username not in listed],
        "searched": bool(words or tags),
    }
    return render(request, "forums/_suggestions.html", context)


@require_GET
def reply_permalink(request, pk: int):
    """A reply's permanent address: the page of its thread that holds it (404 for those who
    may not see the thread)."""
    reply = selectors.reply_get_for(request.user, pk)
    page = selectors.reply_page_number(reply)
    return redirect(f"{reply.thread.get_absolute_url()}?page={page}#reply-{reply.pk}")


@require_GET
def thread_detail(request, pk: int):
    """A thread with its replies; a merged thread leads to the one it was merged into."""
    user = request.user
    thread = selectors.thread_detail(user, pk, include_deleted=True)
    if thread.pk != pk:
        return redirect(thread.get_absolute_url(), permanent=False)
    if not thread.is_deleted:
        services.thread_mark_viewed(user=user, thread=thread)
    context = thread_context(request, thread, page=request.GET.get("page", 1))
    return render(request, "forums/thread_detail.html", context)


def _topics_of(thread) -> str:
    """The thread's topics that are not #hashtags of its text (those come back by themselves)."""
    body = thread.body.lower()
    return ", ".join(t.name for t in thread.tags.all() if f"#{t.name.lower()}" not in body)


@require_http_methods(["GET", "POST"])
def thread_edit(request, pk: int):
    """The author changes the title, the text and the topics; the previous ones are kept."""
    user = request.user
    thread = selectors.thread_detail(user, pk)
    permissions.check_edit_thread(user, thread)
    status = 200
    if request.method == "POST":
        form = ThreadEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.thread_edit(
                    actor=user, thread=thread, title=data["title"], body=data["body"],
                    tags=data["tags"],
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your thread is updated."))
                return redirect(thread.get_absolute_url())
        status = 422 if request.htmx else 200
    else:
        form = ThreadEditForm(
            initial={"title": thread.title, "body": thread.body, "tags": _topics_of(thread)}
        )
    context = {"thread": thread, "form": form}
    return render(request, "forums/thread_edit.html", context, status=status)


@require_GET
def thread_history(request, pk: int):
    """Earlier titles and texts of a thread: for its author and the moderators."""
    thread = selectors.thread_detail(request.user, pk, include_deleted=True)
    if not permissions.can_see_history(request.user, thread):
        raise PermissionDenied(_("Only the author and the moderators see earlier versions."))
    revisions = thread.revisions.select_related("replaced_by")
    context = {"thread": thread, "item": thread, "revisions": revisions, "is_thread": True}
    return render(request, "forums/history.html", context)


@require_http_methods(["GET", "POST"])
def reply_edit(request, pk: int):
    """The author changes a reply's text; the previous one is kept."""
    user = request.user
    reply = selectors.reply_get_for(user, pk)
    permissions.check_edit_reply(user, reply)
    status = 200
    if request.method == "POST":
        form = ReplyEditForm(request.POST)
        if form.is_valid():
            try:
                services.reply_edit(actor=user, reply=reply, body=form.cleaned_data["body"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your reply is updated."))
                return redirect(reply.get_absolute_url())
        status = 422 if request.htmx else 200
    else:
        form = ReplyEditForm(initial={"body": reply.body})
    context = {"reply": reply, "thread": reply.thread, "form": form}
    return render(request, "forums/reply_edit.html", context, status=status)


@require_GET
def reply_history(request, pk: int):
    """Earlier texts of a reply: for its author and the moderators."""
    reply = selectors.reply_get_for(request.user, pk)
    if not permissions.can_see_history(request.user, reply):
        raise PermissionDenied(_("Only the author and the moderators see earlier versions."))
    revisions = reply.revisions.select_related("replaced_by")
    context = {"thread": reply.thread, "item": reply, "revisions": revisions, "is_thread": False}
    return render(request, "forums/history.html", context)
