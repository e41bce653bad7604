"""The conversation around a post, in the HTML pages: comments and replies, reactions and
who reacted, shares, bookmarks and poll votes.

Every endpoint fetches the post through ``get_post_for`` (404 for what the viewer may not
see) and writes through one service. With HTMX a POST answers with the re-rendered fragment
(the post's actions and counts, its comments, its poll...); without JavaScript it redirects
back to ``next``. A service's ValidationError comes back in the form with the typed text
kept (422 for HTMX); PermissionDenied is a 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import retarget

from communities.models import Community
from core.shortcuts import safe_next
from feed import permissions, selectors
from feed.forms import communities_to_post_in
from feed.models import REACTION_EMOJI, Comment, Post, ReactionKind
from feed.services import conversation as services
from feed.services.polls import poll_vote
from feed.services.posts import get_post_for, post_share
from moderation.permissions import can_moderate_in

FULL, LATEST = "all", "latest"


# Fetching and decorating -------------------------------------------------------------------


def _post(request, pk) -> Post:
    """The post ``pk`` decorated for the viewer (404 when they may not see it)."""
    post = get_post_for(request.user, pk)
    (post,) = selectors.posts_decorate([post], request.user)
    post.viewer_can_moderate = can_moderate_in(request.user, post.community)
    return post


def _comment(request, pk) -> tuple[Comment, Post]:
    """The comment ``pk`` on a post, and that post decorated (404 when not visible)."""
    comment = services.get_comment_for(request.user, pk)
    if comment.content_type.model_class() is not Post:
        raise Http404("No such comment.")
    return comment, _post(request, comment.object_id)


def _reaction_kind(kind: str) -> dict:
    """What a template needs to show one reaction kind: its value, label and emoji."""
    return {"kind": kind, "label": ReactionKind(kind).label, "emoji": REACTION_EMOJI[kind]}


def _id(raw: str) -> int | None:
    """A database id from a form or query value, else None (``"²".isdigit()`` is true, but
    ``int("²")`` fails)."""
    return int(raw) if raw.isascii() and raw.isdigit() else None


def _mode(request) -> str:
    return FULL if (request.POST.get("view") or request.GET.get("view")) == FULL else LATEST


def _back(request, post: Post, anchor: str = "") -> str:
    """Where a form without JavaScript returns to: ``next`` (on this site) or the post."""
    target = safe_next(request, post.get_absolute_url()).split("#", 1)[0]
    return f"{target}#{anchor or f'post-{post.pk}'}"


def _respond(request, post: Post, *, anchor: str = "", success: str = "", error: str = ""):
    """The answer to a form without JavaScript: a message, and back where it came from."""
    if error:
        messages.error(request, error)
    elif success:
        messages.success(request, success)
    return redirect(_back(request, post, anchor))


def _refusal(error: ValidationError) -> str:
    return " ".join(error.messages)


def _fragments(request, *parts: tuple[str, dict], status: int = 200) -> HttpResponse:
    """Several rendered templates in one response (the later ones usually out-of-band)."""
    html = "".join(render_to_string(name, context, request=request) for name, context in parts)
    return HttpResponse(html, status=status)


def _counts(post: Post) -> tuple[str, dict]:
    return "feed/_post_counts.html", {"post": post, "oob": True}


# Reactions on posts -----------------------------------------------------------------------


def _actions_done(request, pk, *, error: str = "", status: int = 200):
    post = _post(request, pk)
    if not request.htmx:
        return _respond(request, post, error=error)
    context = {"post": post, "action_error": error}
    return _fragments(request, ("feed/_post_actions.html", context), _counts(post), status=status)


@require_POST
def post_react(request, pk: int):
    post = get_post_for(request.user, pk)
    try:
        services.reaction_set(user=request.user, target=post, kind=request.POST.get("kind", ""))
    except ValidationError as error:
        return _actions_done(request, pk, error=_refusal(error), status=422)
    return _actions_done(request, pk)


@require_POST
def post_unreact(request, pk: int):
    post = get_post_for(request.user, pk)
    services.reaction_clear(user=request.user, target=post)
    return _actions_done(request, pk)


# Who reacted ------------------------------------------------------------------------------


def _who(request, target, *, post: Post, url: str, summary):
    kind = request.GET.get("kind") or ""
    if kind not in ReactionKind.values:
        kind = ""
    reactions = selectors.reactions_who(request.user, target, kind=kind or None)
    total = sum(count for _kind, _emoji, count in summary)
    context = {
        "post": post,
        "target": target,
        "reactions": reactions,
        "kind": kind,
        "total": total,
        "tabs": [{**_reaction_kind(k), "count": count} for k, _emoji, count in summary if count],
        "who_url": url,
    }
    if request.htmx:
        return render(request, "feed/_reactions_who.html", context)
    return render(request, "feed/reactions_list.html", context)


@require_GET
def post_reactions(request, pk: int):
    post = _post(request, pk)
    url = reverse("feed:post-reactions", args=[post.pk])
    return _who(request, post, post=post, url=url, summary=post.reaction_summary)


@require_GET
def comment_reactions(request, pk: int):
    comment, post = _comment(request, pk)
    everyone = selectors.reactions_who(request.user, comment)
    counts = {}
    for reaction in everyone:
        counts[reaction.kind] = counts.get(reaction.kind, 0) + 1
    summary = sorted(
        ((k, REACTION_EMOJI[k], n) for k, n in counts.items()), key=lambda item: -item[2]
    )
    url = reverse("feed:comment-reactions", args=[comment.pk])
    return _who(request, comment, post=post, url=url, summary=summary)


# Comments ---------------------------------------------------------------------------------


def _comments_context(request, post: Post, mode: str, **extra) -> dict:
    context = {"post": post, "view": mode, **extra}
    if mode == FULL:
        context["comments_full_for"] = post.pk
        context["comment_list"] = selectors.comments_for(request.user, post)
    return context


def _comments_done(request, post: Post, *, mode: str, status: int = 200, **extra):
    """The post's comment section again (and its counts, out of band), for HTMX."""
    context = _comments_context(request, post, mode, **extra)
    return _fragments(request, ("feed/_comments.html", context), _counts(post), status=status)


@require_GET
def post_comments(request, pk: int):
    """All of a post's comments (HTMX: the section; without JavaScript: a page)."""
    post = _post(request, pk)
    reply = request.GET.get("reply", "")
    reply_open = _id(reply)
    if not request.htmx:
        context = _comments_context(request, post, FULL, reply_open=reply_open)
        return render(request, "feed/comments_list.html", context)
    mode = LATEST if request.GET.get("view") == LATEST else FULL
    context = _comments_context(request, post, mode, reply_open=reply_open)
    return render(request, "feed/_comments.html", context)


def _parent(request, post: Post) -> Comment | None:
    raw = request.POST.get("parent") or ""
    if not raw:
        return None
    if _id(raw) is None:
        raise Http404("No such comment.")
    parent = services.get_comment_for(request.user, _id(raw))
    if (parent.content_type.model_class(), parent.object_id) != (Post, post.pk):
        raise Http404("No such comment.")
    return parent


@require_POST
def comment_create(request, pk: int):
    post = get_post_for(request.user, pk)
    parent = _parent(request, post)
    body = request.POST.get("body", "")
    mode = _mode(request)
    try:
        comment = services.comment_create(
            author=request.user, target=post, body=body, parent=parent
        )
    except ValidationError as error:
        post = _post(request, pk)
        form = {"body": body, "error": _refusal(error), "parent": parent.pk if parent else None}
        if parent is not None:
            # The reply form sits under its comment, which the full list always shows.
            mode = FULL
        if request.htmx:
            return _comments_done(request, post, mode=mode, status=422, form=form)
        context = _comments_context(request, post, FULL, form=form)
        return render(request, "feed/comments_list.html", context, status=422)
    post = _post(request, pk)
    if not request.htmx:
        return _respond(request, post, anchor=f"comment-{comment.pk}")
    # A reply shows under its comment, and only the full list carries replies.
    notice = _("Your reply is posted.") if parent else _("Your comment is posted.")
    return _comments_done(request, post, mode=FULL if parent else mode, notice=notice)


@require_http_methods(["GET", "POST"])
def comment_edit(request, pk: int):
    comment, post = _comment(request, pk)
    if not permissions.can_edit_comment(request.user, comment):
        raise PermissionDenied(_("Only the author can edit this comment."))
    mode = _mode(request)
    body = comment.body
    error = ""
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            services.comment_edit(actor=request.user, comment=comment, body=body)
        except ValidationError as failed:
            error = _refusal(failed)
        else:
            post = _post(request, post.pk)
            if not request.htmx:
                return _respond(request, post, anchor=f"comment-{comment.pk}")
            return _comments_done(request, post, mode=mode)
    context = {
        "post": post,
        "comment": comment,
        "view": mode,
        "edit_body": body,
        "edit_error": error,
        "back_url": safe_next(request, post.get_absolute_url()),
    }
    status = 422 if error else 200
    if request.htmx:
        response = render(request, "feed/_comment.html#edit-form", context, status=status)
        # The form answers for the whole section, but a refusal stays on the comment.
        return retarget(response, f"#comment-{comment.pk}-body") if error else response
    return render(request, "feed/comment_edit.html", context, status=status)


@require_POST
def comment_delete(request, pk: int):
    comment, post = _comment(request, pk)
    mode = _mode(request)
    try:
        services.comment_delete(actor=request.user, comment=comment)
    except ValidationError as error:
        if not request.htmx:
            return _respond(request, post, error=_refusal(error))
        return _comments_done(request, post, mode=mode, status=422)
    post = _post(request, post.pk)
    if not request.htmx:
        return _respond(request, post, anchor=f"post-{post.pk}-comments",
                        success=_("The comment is deleted."))  # fmt: skip
    return _comments_done(request, post, mode=mode, notice=_("The comment is deleted."))


def _comment_reaction_done(request, pk: int, kind, *, error: str = "", status: int = 200):
    """The comment's reaction control again (HTMX), showing the viewer's ``kind``."""
    comment, post = _comment(request, pk)
    if not request.htmx:
        return _respond(request, post, anchor=f"comment-{comment.pk}", error=error)
    comment.viewer_reaction = kind
    context = {"post": post, "comment": comment, "reaction_error": error}
    return render(request, "feed/_comment.html#reactions", context, status=status)


@require_POST
def comment_react(request, pk: int):
    comment, _post_ = _comment(request, pk)
    try:
        reaction = services.reaction_set(
            user=request.user, target=comment, kind=request.POST.get("kind", "")
        )
    except ValidationError as error:
        mine = [r.kind for r in selectors.reactions_who(request.user, comment)
                if r.user_id == request.user.pk]  # fmt: skip
        return _comment_reaction_done(request, pk, mine[0] if mine else None,
                                      error=_refusal(error), status=422)  # fmt: skip
    return _comment_reaction_done(request, pk, reaction.kind)


@require_POST
def comment_unreact(request, pk: int):
    comment, _post_ = _comment(request, pk)
    services.reaction_clear(user=request.user, target=comment)
    return _comment_reaction_done(request, pk, None)


# Shares -----------------------------------------------------------------------------------


def _destination(request) -> Community | None:
    raw = request.POST.get("community") or ""
    if not raw:
        return None
    if _id(raw) is None:
        raise Http404("No such community.")
    community = Community.objects.visible_to(request.user).filter(pk=_id(raw)).first()
    if community is None:
        raise Http404("No such community.")
    return community


@require_http_methods(["GET", "POST"])
def share(request, pk: int):
    """Share a post (a share shares its original) company-wide or into a community."""
    post = _post(request, pk)
    original = post.shared_post if post.shared_post_id and post.shared_post else post
    # As the service: 404 when the original is gone or hidden, 403 when it is closed.
    permissions.check_conversation(request.user, original)
    form = {"body": "", "community": "", "error": ""}
    status = 200
    if request.method == "POST":
        community = _destination(request)
        form["body"] = request.POST.get("body", "")
        form["community"] = str(community.pk) if community else ""
        try:
            shared = post_share(
                author=request.user, original=original, body=form["body"], community=community
            )
        except ValidationError as error:
            form["error"] = _refusal(error)
            status = 422
        else:
            text = _("Shared. Your colleagues will see it in their feeds.")
            original = _post(request, original.pk)
            if not request.htmx:
                messages.success(request, text)
                return redirect(safe_next(request, shared.get_absolute_url()))
            context = {"post": original, "shared": shared, "done": text, "back_url": ""}
            return _fragments(request, ("feed/_share_form.html", context), _counts(original))
    context = {
        "post": original,
        "form": form,
        "communities": communities_to_post_in(request.user),
        "back_url": safe_next(request, ""),
    }
    if request.htmx:
        return render(request, "feed/_share_form.html", context, status=status)
    return render(request, "feed/share_form.html", context, status=status)


# Bookmarks --------------------------------------------------------------------------------


def _bookmark_done(request, pk: int, *, success: str):
    post = _post(request, pk)
    if not request.htmx:
        return _respond(request, post, success=success)
    return render(request, "feed/_bookmark_button.html", {"post": post, "notice": success})


@require_POST
def bookmark_add(request, pk: int):
    post = get_post_for(request.user, pk)
    services.bookmark_add(user=request.user, post=post)
    return _bookmark_done(request, pk, success=_("Saved. Find it again under Saved."))


@require_POST
def bookmark_remove(request, pk: int):
    post = get_post_for(request.user, pk)
    services.bookmark_remove(user=request.user, post=post)
    return _bookmark_done(request, pk, success=_("Removed from Saved."))


# Polls ------------------------------------------------------------------------------------


@require_POST
def vote(request, pk: int):
    post = get_post_for(request.user, pk)
    poll = getattr(post, "poll", None) if post.kind == "poll" else None
    if poll is None:
        raise Http404("This post has no poll.")
    error, status = "", 200
    try:
        poll_vote(user=request.user, poll=poll, option_ids=request.POST.getlist("option"))
    except ValidationError as failed:
        error, status = _refusal(failed), 422
    except PermissionDenied as refused:
        if not request.htmx:
            raise
        error, status = str(refused), 403
    post = _post(request, pk)
    if not request.htmx:
        if error:
            return _respond(request, post, anchor=f"post-{post.pk}-poll", error=error)
        return _respond(request, post, anchor=f"post-{post.pk}-poll",
                        success=_("Thank you for voting."))  # fmt: skip
    context = {"post": post, "poll_error": error, "poll_notice": "" if error else _("Voted.")}
    response = render(request, "feed/_poll.html", context, status=status)
    if status == 403:
        response["X-Conversation-Fragment"] = "1"  # conversation.js swaps it in.
    return response
