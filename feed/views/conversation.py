"""The conversation around an item, in the HTML pages: comments and replies, reactions and
who reacted on anything registered as commentable (posts; articles and more from other apps,
see ``feed.views.shared.register_commentable``), and, on posts, shares, bookmarks and poll
votes.

Every endpoint fetches its item through the kind's ``get`` (404 for what the viewer may not
see; a comment through ``get_comment_for``, where its target decides) and writes through
one service. With HTMX a POST answers with the re-rendered fragment (the item's reactions and
counts, its comments, its poll...); without JavaScript it redirects back to ``next``. A
service's ValidationError comes back in the form with the typed text kept (422 for HTMX);
PermissionDenied is a 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
from feed.views.shared import Commentable, commentable, commentable_of, register_commentable
from moderation.permissions import can_moderate_in

FULL, LATEST = "all", "latest"
POSTS = "posts"


def _posts_decorate(posts, viewer) -> list:
    posts = selectors.posts_decorate(posts, viewer)
    for post in posts:
        post.viewer_can_moderate = can_moderate_in(viewer, post.community)
    return posts


register_commentable(
    POSTS,
    model=Post,
    get=get_post_for,
    decorate=_posts_decorate,
    prefix="post",
    back_label=gettext_lazy("Back to the post"),
    reacted=("feed/_post_actions.html", "feed/_post_counts.html"),
    counts="feed/_post_counts.html",
)


# Fetching and decorating -------------------------------------------------------------------


def _kind(kind: str) -> Commentable:
    """The registered kind (the URL converter only lets those through), else 404."""
    entry = commentable(kind)
    if entry is None:
        raise Http404("No such item.")
    return entry


def _item(request, kind: str, pk) -> tuple[Commentable, object]:
    """The item ``pk`` of ``kind`` decorated for the viewer (404 when they may not see it)."""
    entry = _kind(kind)
    (item,) = entry.decorate([entry.get(request.user, pk)], request.user)
    return entry, item


def _post(request, pk) -> Post:
    """The post ``pk`` decorated for the viewer (404 when they may not see it)."""
    return _item(request, POSTS, pk)[1]


def _comment(request, pk) -> tuple[Comment, Commentable, object]:
    """The comment ``pk``, the kind of its item, and that item decorated (404 when not
    visible)."""
    comment = services.get_comment_for(request.user, pk)
    entry = commentable_of(comment.content_type.model_class())
    if entry is None:
        raise Http404("No such comment.")
    return (comment, *_item(request, entry.kind, comment.object_id))


def _check_open(user, item) -> None:
    """An item the viewer may read but that is not out yet (their own draft) takes no
    comments or reactions: 403, where the service would say it does not exist."""
    if not item.is_visible_to(user):
        raise PermissionDenied(_("Comments and reactions open once it is published."))


def _context(item, **extra) -> dict:
    """The conversation templates read the item as ``subject`` (and a post as ``post`` too,
    for the post's own templates)."""
    entry = commentable_of(type(item))
    context = {"subject": item, "back_label": entry.back_label if entry else "", **extra}
    if isinstance(item, Post):
        context["post"] = item
    return context


def _reaction_kind(kind: str) -> dict:
    """What a template needs to show one reaction kind: its value, label and emoji."""
    return {"kind": kind, "label": ReactionKind(kind).label, "emoji": REACTION_EMOJI[kind]}


def _id(raw: str) -> int | None:
    """A database id from a form or query value, else None (``"²".isdigit()`` is true, but
    ``int("²")`` fails)."""
    return int(raw) if raw.isascii() and raw.isdigit() else None


def _mode(request) -> str:
    return FULL if (request.POST.get("view") or request.GET.get("view")) == FULL else LATEST


def _back(request, item, anchor: str = "") -> str:
    """Where a form without JavaScript returns to: ``next`` (on this site) or the item."""
    target = safe_next(request, item.get_absolute_url()).split("#", 1)[0]
    return f"{target}#{anchor or _anchor(item)}"


def _anchor(item) -> str:
    entry = commentable_of(type(item))
    return f"{entry.prefix if entry else 'post'}-{item.pk}"


def _respond(request, item, *, anchor: str = "", success: str = "", error: str = ""):
    """The answer to a form without JavaScript: a message, and back where it came from."""
    if error:
        messages.error(request, error)
    elif success:
        messages.success(request, success)
    return redirect(_back(request, item, anchor))


def _refusal(error: ValidationError) -> str:
    return " ".join(error.messages)


def _fragments(request, *parts: tuple[str, dict], status: int = 200) -> HttpResponse:
    """Several rendered templates in one response (the later ones usually out-of-band)."""
    html = "".join(render_to_string(name, context, request=request) for name, context in parts)
    return HttpResponse(html, status=status)


def _counts(entry: Commentable, item) -> tuple[str, dict]:
    return entry.counts, _context(item, oob=True)


# Reactions on an item ---------------------------------------------------------------------


def _reacted(request, kind: str, pk, *, error: str = "", status: int = 200):
    entry, item = _item(request, kind, pk)
    if not request.htmx:
        return _respond(request, item, error=error)
    first, *others = entry.reacted
    parts = [(first, _context(item, action_error=error))]
    parts += [(name, _context(item, oob=True)) for name in others]
    return _fragments(request, *parts, status=status)


@require_POST
def react(request, kind: str, pk: int):
    item = _kind(kind).get(request.user, pk)
    _check_open(request.user, item)
    try:
        services.reaction_set(user=request.user, target=item, kind=request.POST.get("kind", ""))
    except ValidationError as error:
        return _reacted(request, kind, pk, error=_refusal(error), status=422)
    return _reacted(request, kind, pk)


@require_POST
def unreact(request, kind: str, pk: int):
    item = _kind(kind).get(request.user, pk)
    _check_open(request.user, item)
    services.reaction_clear(user=request.user, target=item)
    return _reacted(request, kind, pk)


# Who reacted ------------------------------------------------------------------------------


def _who(request, target, *, item, url: str, summary):
    kind = request.GET.get("kind") or ""
    if kind not in ReactionKind.values:
        kind = ""
    reactions = selectors.reactions_who(request.user, target, kind=kind or None)
    total = sum(count for _kind, _emoji, count in summary)
    context = _context(
        item,
        target=target,
        reactions=reactions,
        kind=kind,
        total=total,
        tabs=[{**_reaction_kind(k), "count": count} for k, _emoji, count in summary if count],
        who_url=url,
    )
    if request.htmx:
        return render(request, "feed/_reactions_who.html", context)
    return render(request, "feed/reactions_list.html", context)


@require_GET
def reactions(request, kind: str, pk: int):
    _entry, item = _item(request, kind, pk)
    url = reverse("feed:item-reactions", args=[kind, item.pk])
    return _who(request, item, item=item, url=url, summary=item.reaction_summary)


@require_GET
def comment_reactions(request, pk: int):
    comment, _entry, item = _comment(request, pk)
    everyone = selectors.reactions_who(request.user, comment)
    counts = {}
    for reaction in everyone:
        counts[reaction.kind] = counts.get(reaction.kind, 0) + 1
    summary = sorted(
        ((k, REACTION_EMOJI[k], n) for k, n in counts.items()), key=lambda item: -item[2]
    )
    url = reverse("feed:comment-reactions", args=[comment.pk])
    return _who(request, comment, item=item, url=url, summary=summary)


# Comments ---------------------------------------------------------------------------------


def _comments_context(request, item, mode: str, **extra) -> dict:
    context = _context(item, view=mode, **extra)
    if mode == FULL:
        context["comments_full_for"] = item.pk
        context["comment_list"] = selectors.comments_for(request.user, item)
    return context


def _comments_done(request, entry: Commentable, item, *, mode: str, status: int = 200, **extra):
    """The item's comment section again (and its counts, out of band), for HTMX."""
    context = _comments_context(request, item, mode, **extra)
    return _fragments(
        request, ("feed/_comments.html", context), _counts(entry, item), status=status
    )


@require_GET
def comments(request, kind: str, pk: int):
    """All of an item's comments (HTMX: the section; without JavaScript: a page)."""
    _entry, item = _item(request, kind, pk)
    reply_open = _id(request.GET.get("reply", ""))
    if not request.htmx:
        context = _comments_context(request, item, FULL, reply_open=reply_open)
        return render(request, "feed/comments_list.html", context)
    mode = LATEST if request.GET.get("view") == LATEST else FULL
    context = _comments_context(request, item, mode, reply_open=reply_open)
    return render(request, "feed/_comments.html", context)


def _parent(request, entry: Commentable, item) -> Comment | None:
    raw = request.POST.get("parent") or ""
    if not raw:
        return None
    if _id(raw) is None:
        raise Http404("No such comment.")
    parent = services.get_comment_for(request.user, _id(raw))
    if (parent.content_type.model_class(), parent.object_id) != (entry.model, item.pk):
        raise Http404("No such comment.")
    return parent


@require_POST
def comment_create(request, kind: str, pk: int):
    entry = _kind(kind)
    item = entry.get(request.user, pk)
    _check_open(request.user, item)
    parent = _parent(request, entry, item)
    body = request.POST.get("body", "")
    mode = _mode(request)
    try:
        comment = services.comment_create(
            author=request.user, target=item, body=body, parent=parent
        )
    except ValidationError as error:
        _entry, item = _item(request, kind, pk)
        form = {"body": body, "error": _refusal(error), "parent": parent.pk if parent else None}
        if parent is not None:
            # The reply form sits under its comment, which the full list always shows.
            mode = FULL
        if request.htmx:
            return _comments_done(request, entry, item, mode=mode, status=422, form=form)
        context = _comments_context(request, item, FULL, form=form)
        return render(request, "feed/comments_list.html", context, status=422)
    _entry, item = _item(request, kind, pk)
    if not request.htmx:
        return _respond(request, item, anchor=f"comment-{comment.pk}")
    # A reply shows under its comment, and only the full list carries replies.
    notice = _("Your reply is posted.") if parent else _("Your comment is posted.")
    return _comments_done(request, entry, item, mode=FULL if parent else mode, notice=notice)


@require_http_methods(["GET", "POST"])
def comment_edit(request, pk: int):
    comment, entry, item = _comment(request, pk)
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
            _entry, item = _item(request, entry.kind, item.pk)
            if not request.htmx:
                return _respond(request, item, anchor=f"comment-{comment.pk}")
            return _comments_done(request, entry, item, mode=mode)
    context = _context(
        item,
        comment=comment,
        view=mode,
        edit_body=body,
        edit_error=error,
        back_url=safe_next(request, item.get_absolute_url()),
    )
    status = 422 if error else 200
    if request.htmx:
        response = render(request, "feed/_comment.html#edit-form", context, status=status)
        # The form answers for the whole section, but a refusal stays on the comment.
        return retarget(response, f"#comment-{comment.pk}-body") if error else response
    return render(request, "feed/comment_edit.html", context, status=status)


@require_POST
def comment_delete(request, pk: int):
    comment, entry, item = _comment(request, pk)
    mode = _mode(request)
    try:
        services.comment_delete(actor=request.user, comment=comment)
    except ValidationError as error:
        if not request.htmx:
            return _respond(request, item, error=_refusal(error))
        return _comments_done(request, entry, item, mode=mode, status=422)
    _entry, item = _item(request, entry.kind, item.pk)
    if not request.htmx:
        return _respond(request, item, anchor=f"{_anchor(item)}-comments",
                        success=_("The comment is deleted."))  # fmt: skip
    return _comments_done(request, entry, item, mode=mode, notice=_("The comment is deleted."))


def _comment_reaction_done(request, pk: int, kind, *, error: str = "", status: int = 200):
    """The comment's reaction control again (HTMX), showing the viewer's ``kind``."""
    comment, _entry, item = _comment(request, pk)
    if not request.htmx:
        return _respond(request, item, anchor=f"comment-{comment.pk}", error=error)
    comment.viewer_reaction = kind
    context = _context(item, comment=comment, reaction_error=error)
    return render(request, "feed/_comment.html#reactions", context, status=status)


@require_POST
def comment_react(request, pk: int):
    comment, _entry, _item_ = _comment(request, pk)
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
    comment, _entry, _item_ = _comment(request, pk)
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
            return _fragments(
                request, ("feed/_share_form.html", context), _counts(_kind(POSTS), original)
            )
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
