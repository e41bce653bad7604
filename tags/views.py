"""Topic pages: everything visible that carries a tag (all content types, with a tab per
kind), its followers, top contributors and related tags; the follow button; the topics one
follows and the trending ones; suggestions for tag boxes while typing."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.shortcuts import safe_next
from profiles.selectors import followed_ids
from tags import selectors, services
from tags.selectors import is_following as _follows
from tags.selectors import tag_find_for

FOLLOWERS_SHOWN = 8
FOLLOWERS_PAGE_SIZE = 30
FOLLOWED_SHOWN = 12


def tag_url(tag) -> str:
    return reverse("tags:detail", kwargs={"slug": tag.slug})


def _moved(request, url: str) -> HttpResponsePermanentRedirect:
    """The tag's address now, keeping the query (tab, page)."""
    query = request.GET.urlencode()
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


@require_GET
def tag_detail(request, slug: str):
    user = request.user
    tag, moved = tag_find_for(user, slug=slug)
    if moved:
        return _moved(request, tag_url(tag))
    items = selectors.tag_items_for(
        user, tag, kind=request.GET.get("kind", ""), page=request.GET.get("page")
    )
    query = urlencode({"kind": items.kind}) if items.kind else ""
    context = {"tag": tag, "result": items, "query": query}
    if request.htmx and not request.htmx.boosted:
        return render(request, "tags/detail.html#items", context)
    followers = selectors.tag_followers(tag)
    context.update(
        following=_follows(user, tag),
        follower_count=selectors.tag_follower_count(tag),
        followers=list(followers[:FOLLOWERS_SHOWN]),
        contributors=selectors.tag_top_contributors(user, tag),
        contributor_days=selectors.CONTRIBUTOR_DAYS,
        related=selectors.tag_related(user, tag),
        followed_tags=selectors.tags_followed_by(user)[:FOLLOWED_SHOWN],
    )
    return render(request, "tags/detail.html", context)


@require_GET
def tag_followers(request, slug: str):
    tag, moved = tag_find_for(request.user, slug=slug)
    if moved:
        return _moved(request, reverse("tags:followers", kwargs={"slug": tag.slug}))
    page = Paginator(selectors.tag_followers(tag), FOLLOWERS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    followed = followed_ids(request.user, page.object_list)
    for person in page.object_list:
        person.viewer_follows = person.pk in followed
    context = {"tag": tag, "page": page, "follower_count": page.paginator.count}
    return render(request, "tags/followers.html", context)


@require_GET
def tag_index(request):
    """The topics one follows and the trending ones; ``?q=`` finds a topic by name."""
    q = request.GET.get("q", "").strip()
    found = selectors.tag_suggest(request.user, q) if q else []
    exact = next((t for t in found if t.name.casefold() == q.lstrip("#").casefold()), None)
    if exact is not None:
        return redirect(tag_url(exact))
    context = {
        "q": q,
        "found": found,
        "followed_tags": selectors.tags_followed_by(request.user),
        "trending": selectors.tags_trending(limit=10),
    }
    return render(request, "tags/index.html", context)


@require_GET
def tag_suggest(request):
    """Suggestions for a tag box (``data-tag-autocomplete``): the listbox its script shows.

    Without ``q`` the address is the page of a tag called "suggest", if there is one."""
    if "q" not in request.GET:
        return tag_detail(request, slug="suggest")
    tags = selectors.tag_suggest(request.user, request.GET["q"])
    return render(request, "tags/_suggest_options.html", {"tags": tags})


def _follow_done(request, tag, *, text: str):
    if request.htmx:
        context = {
            "tag": tag,
            "following": _follows(request.user, tag),
            "notice": text,
            "follower_count": selectors.tag_follower_count(tag),
            "oob": True,
        }
        return render(request, "tags/_follow_button.html", context)
    messages.success(request, text)
    return redirect(safe_next(request, tag_url(tag)))


def _tag_for_action(request, slug: str):
    """The tag to follow or unfollow: an old address works too (a button on a stale page)."""
    tag, _moved = tag_find_for(request.user, slug=slug)
    return tag


@require_POST
def follow(request, slug: str):
    tag = _tag_for_action(request, slug)
    services.tag_follow(user=request.user, tag=tag)
    text = _("You follow #%(tag)s: its posts join your home feed.") % {"tag": tag.name}
    return _follow_done(request, tag, text=text)


@require_POST
def unfollow(request, slug: str):
    tag = _tag_for_action(request, slug)
    services.tag_unfollow(user=request.user, tag=tag)
    return _follow_done(request, tag, text=_("You no longer follow #%(tag)s.") % {"tag": tag.name})
