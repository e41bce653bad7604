"""A topic's page: its posts (as far as the viewer may see them) and a follow button."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.shortcuts import safe_next
from feed import selectors
from feed.views.shared import feed_response
from tags import services
from tags.selectors import is_following as _follows
from tags.selectors import tag_get_for


@require_GET
def tag_detail(request, slug: str):
    tag = tag_get_for(request.user, slug=slug)
    user = request.user
    return feed_response(
        request,
        key=f"tag-{tag.slug}",
        fetch=lambda **page: selectors.feed_tag(user, tag, **page),
        template="tags/detail.html",
        context={"tag": tag, "following": _follows(user, tag)},
    )


def _follow_done(request, tag, *, text: str):
    if request.htmx:
        context = {"tag": tag, "following": _follows(request.user, tag), "notice": text}
        return render(request, "tags/_follow_button.html", context)
    messages.success(request, text)
    return redirect(safe_next(request, tag_url(tag)))


def tag_url(tag) -> str:
    return reverse("tags:detail", kwargs={"slug": tag.slug})


@require_POST
def follow(request, slug: str):
    tag = tag_get_for(request.user, slug=slug)
    services.tag_follow(user=request.user, tag=tag)
    text = _("You follow #%(tag)s: its posts join your home feed.") % {"tag": tag.name}
    return _follow_done(request, tag, text=text)


@require_POST
def unfollow(request, slug: str):
    tag = tag_get_for(request.user, slug=slug)
    services.tag_unfollow(user=request.user, tag=tag)
    return _follow_done(request, tag, text=_("You no longer follow #%(tag)s.") % {"tag": tag.name})
