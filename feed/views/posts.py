"""One post: compose, its page, edit and history, delete and restore, its images and files.

Posts come through ``get_post_for`` (404 for what the viewer may not see); writes go through
``feed.services.posts``. With HTMX the answer is the re-rendered card (or composer); without
JavaScript a redirect with a message. Errors keep what was typed (422 for HTMX).
"""

import mimetypes
import os

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from core.files import private_file_response
from core.shortcuts import add_service_errors, safe_next
from feed import permissions, selectors
from feed.forms import PostEditForm
from feed.services import posts as services
from feed.services.posts import get_post_for
from feed.views.shared import composer
from moderation.permissions import can_moderate_in

INLINE_IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def _decorated(request, post):
    (post,) = selectors.posts_decorate([post], request.user)
    post.viewer_can_moderate = can_moderate_in(request.user, post.community)
    return post


def _card(request, post, *, status: int = 200, **extra) -> HttpResponse:
    return render(
        request, "feed/_post.html", {"post": _decorated(request, post), **extra}, status=status
    )


def _belongs(post, key: str) -> bool:
    """Whether a new post goes on top of the feed ``key`` the composer sits on."""
    if key == "home":
        return True
    if key == "company":
        return post.community_id is None
    if key.startswith("community-"):
        return key == f"community-{post.community_id}"
    return False


def _composer_key(request) -> str:
    key = request.POST.get("feed", "")
    return key if key.replace("-", "").isalnum() and len(key) < 80 else ""


@require_http_methods(["GET", "POST"])
def compose(request):
    """Publish a post, a poll or praise (the composer on top of the feeds posts here)."""
    user = request.user
    key = _composer_key(request)
    if request.method == "GET":
        return render(request, "feed/compose.html", {"composer": composer(user)})
    form = composer(user, data=request.POST, files=request.FILES)
    post = None
    if form.is_valid():
        arguments = form.service_arguments(request.FILES)
        try:
            post = services.post_create(author=user, **arguments)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as refused:
            field = "is_announcement" if arguments["is_announcement"] else "community"
            form.add_error(field if field in form.fields else None, str(refused))
    if post is None:
        if request.htmx:
            context = {"composer": form, "composer_key": key}
            return render(request, "feed/_composer.html", context, status=422)
        return render(request, "feed/compose.html", {"composer": form, "composer_key": key})
    done = _("Your post is published.")
    if not request.htmx:
        messages.success(request, done)
        return redirect(safe_next(request, post.get_absolute_url()))
    fresh = composer(user)
    if key.startswith("community-") and post.community_id:
        fresh.initial["community"] = post.community.slug
    context = {
        "composer": fresh,
        "composer_key": key,
        "composer_done": done,
        "published": post if not _belongs(post, key) else None,
    }
    html = render_to_string("feed/_composer.html", context, request=request)
    if _belongs(post, key):
        post = _decorated(request, get_post_for(user, post.pk))
        html += render_to_string(
            "feed/_post_new_oob.html", {"post": post, "feed_key": key}, request=request
        )
    return HttpResponse(html)


@require_GET
def detail(request, pk: int):
    """One post with all its comments (moderators also open a deleted one, to restore it)."""
    post = _decorated(request, get_post_for(request.user, pk, include_deleted=True))
    context = {
        "post": post,
        "view": "all",
        "comments_full_for": post.pk,
        "comment_list": selectors.comments_for(request.user, post),
    }
    return render(request, "feed/post_detail.html", context)


@require_GET
def card(request, pk: int):
    """One post card again (after cancelling an edit, say)."""
    return _card(request, get_post_for(request.user, pk))


def _topics_of(post) -> str:
    """The post's topics that are not #hashtags of its text (those come back by themselves)."""
    body = post.body.lower()
    return ", ".join(t.name for t in post.tags.all() if f"#{t.name.lower()}" not in body)


@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    """The author changes the text; the previous one is kept in the history."""
    post = get_post_for(request.user, pk)
    permissions.check_edit_post(request.user, post)
    status = 200
    if request.method == "POST":
        form = PostEditForm(request.POST)
        if form.is_valid():
            try:
                post = services.post_edit(
                    actor=request.user,
                    post=post,
                    body=form.cleaned_data["body"],
                    tags=form.cleaned_data["tags"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if request.htmx:
                    return _card(request, get_post_for(request.user, pk))
                messages.success(request, _("Your post is updated."))
                return redirect(post.get_absolute_url())
        status = 422 if request.htmx else 200
    else:
        form = PostEditForm(initial={"body": post.body, "tags": _topics_of(post)})
    context = {"post": post, "form": form}
    if request.htmx:
        return render(request, "feed/_post_edit_form.html", context, status=status)
    return render(request, "feed/post_edit.html", context, status=status)


@require_GET
def history(request, pk: int):
    """Earlier versions of a post: for its author and the moderators."""
    post = get_post_for(request.user, pk, include_deleted=True)
    if not permissions.can_see_history(request.user, post):
        raise PermissionDenied(_("Only the author and the moderators see earlier versions."))
    context = {"post": post, "revisions": selectors.post_revisions(post)}
    return render(request, "feed/post_history.html", context)


def _after_removal(request, post) -> str:
    """Where to go after a post left the page: ``next``, unless that is the post itself."""
    target = safe_next(request, reverse("feed:home"))
    return reverse("feed:home") if target.split("#")[0] == post.get_absolute_url() else target


@require_POST
def delete(request, pk: int):
    """Soft-delete a post (its author, or a moderator of where it is placed)."""
    post = get_post_for(request.user, pk, include_deleted=True)
    error = ""
    if post.is_deleted:
        error = _("This post has already been deleted.")
    else:
        try:
            post = services.post_delete(actor=request.user, post=post)
        except ValidationError as failed:
            error = " ".join(failed.messages)
    if request.htmx:
        if error:
            return render(
                request, "feed/_post_removed.html", {"post": post, "error": error}, status=409
            )
        post.viewer_can_restore = permissions.can_restore_post(request.user, post)
        return render(request, "feed/_post_removed.html", {"post": post})
    if error:
        messages.error(request, error)
        return redirect(_after_removal(request, post))
    messages.success(request, _("The post is deleted."))
    return redirect(_after_removal(request, post))


@require_POST
def restore(request, pk: int):
    """Bring a deleted post back (moderators)."""
    post = get_post_for(request.user, pk, include_deleted=True)
    try:
        post = services.post_restore(actor=request.user, post=post)
    except ValidationError as failed:
        if request.htmx:
            return _card(request, post, status=409, card_error=" ".join(failed.messages))
        messages.error(request, " ".join(failed.messages))
        return redirect(post.get_absolute_url())
    if request.htmx:
        if request.POST.get("from") == "detail":
            return HttpResponseClientRedirect(post.get_absolute_url())
        return _card(request, get_post_for(request.user, pk))
    messages.success(request, _("The post is restored."))
    return redirect(post.get_absolute_url())


@require_GET
def image(request, pk: int, image_pk: int, thumbnail: bool = False):
    """A post's image (re-encoded on upload, so safe inline), for who may see the post."""
    post = get_post_for(request.user, pk)
    found = selectors.post_image_for(post, image_pk)
    field = found.thumbnail if thumbnail else found.image
    extension = os.path.splitext(field.name)[1].lower()
    content_type = INLINE_IMAGE_TYPES.get(extension, "application/octet-stream")
    return private_file_response(
        field, name=os.path.basename(field.name), content_type=content_type, inline=True
    )


@require_GET
def attachment(request, pk: int, attachment_pk: int):
    """A post's file, for who may see the post: always a download, never shown inline."""
    post = get_post_for(request.user, pk)
    found = selectors.post_attachment_for(post, attachment_pk)
    return private_file_response(
        found.file,
        name=found.name or mimetypes.guess_extension(found.content_type) or "file",
        content_type="application/octet-stream",
    )
