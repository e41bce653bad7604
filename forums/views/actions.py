"""The forum's POST-only actions: reply, vote, accept an answer, follow, moderate, and a
reply's files. Without JavaScript each answers with a redirect and a message; the vote widget
also answers HTMX with itself."""

import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from core.shortcuts import add_service_errors
from forums import permissions, selectors, services
from forums.forms import AskForm, MergeForm, MoveForm, ReplyForm
from forums.views.shared import move_targets, thread_context


def _failure(error) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


@require_POST
def reply_create(request, pk: int):
    """Reply in a thread (not a locked one); errors show the thread page with what was typed."""
    user = request.user
    thread = selectors.thread_detail(user, pk)
    if thread.pk != pk:
        raise Http404("No such thread.")
    try:
        permissions.check_reply(user, thread)
    except PermissionDenied as refused:
        messages.error(request, str(refused))
        return redirect(thread.get_absolute_url())
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        quoted = None
        quoted_pk = form.cleaned_data.get("quoted")
        try:
            if quoted_pk:
                quoted = selectors.reply_get_for(user, quoted_pk)
            reply = services.reply_create(
                author=user,
                thread=thread,
                body=form.cleaned_data["body"],
                quoted=quoted,
                attachments=form.cleaned_data["attachments"],
            )
        except Http404:
            form.add_error(None, _("You can only quote a reply in this thread."))
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as refused:
            messages.error(request, str(refused))
            return redirect(thread.get_absolute_url())
        else:
            messages.success(request, _("Your reply is posted."))
            return redirect(reply.get_absolute_url())
    context = thread_context(request, thread, form=form)
    return render(
        request, "forums/thread_detail.html", context, status=422 if request.htmx else 200
    )


@require_POST
def reply_vote(request, pk: int):
    """Vote a reply up or down (``value`` 1 or -1), or take the vote back (``value`` 0)."""
    user = request.user
    reply = selectors.reply_get_for(user, pk)
    value = request.POST.get("value", "")
    error = ""
    viewer_vote = None
    try:
        if value == "0":
            reply = services.reply_unvote(user=user, reply=reply)
        elif value in ("1", "-1"):
            reply = services.reply_vote(user=user, reply=reply, value=int(value))
            viewer_vote = int(value)
        else:
            raise ValidationError(_("Vote up or down."))
    except (ValidationError, PermissionDenied) as failed:
        error = _failure(failed)
        viewer_vote = reply.votes.filter(user=user).values_list("value", flat=True).first()
    if request.htmx:
        reply.viewer_vote = viewer_vote
        reply.viewer_can_vote = permissions.can_vote(user, reply)
        return render(request, "forums/_vote.html", {"reply": reply, "vote_error": error})
    if error:
        messages.error(request, error)
    return redirect(reply.get_absolute_url())


@require_POST
def reply_accept(request, pk: int):
    """The asker (or a moderator) accepts this reply as the answer; 403 for anyone else."""
    reply = selectors.reply_get_for(request.user, pk)
    try:
        services.answer_accept(actor=request.user, reply=reply)
    except ValidationError as failed:
        messages.error(request, _failure(failed))
    else:
        messages.success(request, _("The answer is accepted: the question is solved."))
    return redirect(reply.get_absolute_url())


@require_POST
def thread_unaccept(request, pk: int):
    """Take the accepted answer back: the question is unsolved again."""
    thread = selectors.thread_detail(request.user, pk)
    services.answer_unaccept(actor=request.user, thread=thread)
    messages.success(request, _("The question is unsolved again."))
    return redirect(thread.get_absolute_url())


@require_POST
def reply_delete(request, pk: int):
    """Delete a reply (its author or a moderator)."""
    reply = selectors.reply_get_for(request.user, pk)
    try:
        services.reply_delete(actor=request.user, reply=reply)
    except ValidationError as failed:
        messages.error(request, _failure(failed))
    else:
        messages.success(request, _("The reply is deleted."))
    return redirect(reply.thread.get_absolute_url())


@require_POST
def thread_ask(request, pk: int):
    """The asker names people to answer their question; those who may see it are told."""
    user = request.user
    thread = selectors.thread_detail(user, pk)
    if thread.pk != pk:
        raise Http404("No such thread.")
    form = AskForm(request.POST)
    if form.is_valid():
        try:
            asked = services.thread_ask_experts(
                actor=user, thread=thread, people=form.cleaned_data["ask"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if asked:
                names = ", ".join(person.name for person in asked)
                messages.success(request, _("Asked to answer: %(names)s.") % {"names": names})
            else:
                messages.warning(
                    request, _("Nobody was asked: name colleagues who may see this question.")
                )
            return redirect(thread.get_absolute_url())
    context = thread_context(request, thread, ask_form=form)
    return render(
        request, "forums/thread_detail.html", context, status=422 if request.htmx else 200
    )


@require_POST
def thread_follow(request, pk: int):
    thread = selectors.thread_detail(request.user, pk)
    if request.POST.get("follow") == "0":
        services.thread_unfollow(user=request.user, thread=thread)
        messages.success(request, _("You no longer follow this thread."))
    else:
        services.thread_follow(user=request.user, thread=thread)
        messages.success(request, _("You follow this thread: you will hear about new replies."))
    return redirect(thread.get_absolute_url())


MODERATION = {
    "pin": (services.thread_pin, gettext_lazy("The thread is pinned.")),
    "unpin": (services.thread_unpin, gettext_lazy("The thread is no longer pinned.")),
    "lock": (services.thread_lock, gettext_lazy("The thread is locked.")),
    "unlock": (services.thread_unlock, gettext_lazy("The thread is unlocked.")),
    "delete": (services.thread_delete, gettext_lazy("The thread is deleted.")),
    "restore": (services.thread_restore, gettext_lazy("The thread is restored.")),
}


@require_POST
def thread_moderate(request, pk: int, action: str):
    """Pin, unpin, lock, unlock, delete (also the author) or restore a thread."""
    if action not in MODERATION:
        raise Http404("No such action.")
    service, done = MODERATION[action]
    thread = selectors.thread_detail(request.user, pk, include_deleted=True)
    try:
        thread = service(actor=request.user, thread=thread)
    except ValidationError as failed:
        messages.error(request, _failure(failed))
    else:
        messages.success(request, str(done))
    if action == "delete" and not permissions.can_restore_thread(request.user, thread):
        return redirect(thread.category.get_absolute_url())
    return redirect(thread.get_absolute_url())


@require_POST
def thread_move(request, pk: int):
    """Move a thread to another category (moderators of both places)."""
    user = request.user
    thread = selectors.thread_detail(user, pk)
    permissions.check_moderate_thread(user, thread)
    form = MoveForm(request.POST, categories=move_targets(user, thread))
    if form.is_valid():
        target = selectors.category_get_for(user, pk=form.cleaned_data["category"])
        try:
            services.thread_move(actor=user, thread=thread, category=target)
        except (ValidationError, PermissionDenied) as failed:
            messages.error(request, _failure(failed))
        else:
            messages.success(request, _("The thread is moved to %(name)s.") % {"name": target})
    else:
        messages.error(request, _("Choose a category to move the thread to."))
    return redirect(thread.get_absolute_url())


@require_POST
def thread_merge(request, pk: int):
    """Merge this thread into another one (moderators of both); the page then redirects."""
    user = request.user
    thread = selectors.thread_detail(user, pk)
    permissions.check_moderate_thread(user, thread)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of the thread to merge into."))
        return redirect(thread.get_absolute_url())
    try:
        target = selectors.thread_detail(user, form.cleaned_data["target"])
        target = services.thread_merge(actor=user, source=thread, target=target)
    except Http404:
        messages.error(request, _("There is no such thread to merge into."))
    except (ValidationError, PermissionDenied) as failed:
        messages.error(request, _failure(failed))
    else:
        messages.success(request, _("The threads are merged."))
        return redirect(target.get_absolute_url())
    return redirect(thread.get_absolute_url())


@require_GET
def attachment(request, pk: int, attachment_pk: int):
    """A reply's file, for those who may see the reply."""
    reply = selectors.reply_get_for(request.user, pk)
    stored = reply.attachments.filter(pk=attachment_pk).first()
    if stored is None:
        raise Http404("No such file.")
    try:
        handle = stored.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404(_("This file is no longer available.")) from missing
    content_type = stored.content_type or mimetypes.guess_type(stored.name)[0]
    return FileResponse(handle, as_attachment=True, filename=stored.name, content_type=content_type)
