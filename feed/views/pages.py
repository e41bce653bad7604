"""The timelines: home, company, community, profile (posts and praise received), saved;
and the suggestions for ``@mentions``."""

from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from communities import permissions as community_permissions
from communities.models import Community, CommunityType
from communities.selectors import community_get_for
from communities.views.shared import page_context
from feed import selectors
from feed.views.shared import composer, feed_response
from profiles import selectors as people
from profiles.views import home_context
from tags.selectors import tags_trending

MENTION_PEOPLE, MENTION_COMMUNITIES = 6, 4


@require_GET
def home(request):
    user = request.user

    def extra():
        return {
            "composer": composer(user),
            "composer_key": "home",
            "trending_tags": tags_trending(),  # tags: the trending topics card
            **home_context(request),
        }

    return feed_response(
        request,
        key="home",
        fetch=lambda **page: selectors.feed_home(user, **page),
        pinned=lambda: selectors.announcements_pinned(user, scope="home"),
        template="feed/home.html",
        extra=extra,
    )


@require_GET
def company(request):
    user = request.user
    return feed_response(
        request,
        key="company",
        fetch=lambda **page: selectors.feed_company(user, **page),
        pinned=lambda: selectors.announcements_pinned(user, scope="company"),
        template="feed/company.html",
        extra=lambda: {"composer": composer(user), "composer_key": "company"},
    )


@require_GET
def community(request, slug: str):
    """A community's posts: the section its page loads, or a page of its own."""
    user = request.user
    place = community_get_for(user, slug=slug)
    whole_page = "after" not in request.GET and (not request.htmx or request.htmx.boosted)
    # The header (member counts, requests...) only for the page of its own, not the section.
    context = page_context(request, place, tab="posts") if whole_page else {}
    if not community_permissions.can_read_content(user, place):
        context = page_context(request, place, tab="posts")
        return render(request, "feed/community_closed.html", context, status=403)
    context["community"] = place
    key = f"community-{place.pk}"

    def extra():
        return {"composer": composer(user, community=place), "composer_key": key}

    return feed_response(
        request,
        key=key,
        fetch=lambda **page: selectors.feed_community(user, place, **page),
        pinned=lambda: selectors.announcements_pinned(user, community=place, scope="community"),
        template="feed/community.html",
        section_template="feed/_community_section.html",
        context=context,
        extra=extra,
    )


def _person_feed(request, username: str, *, praise: bool):
    user = request.user
    person = people.person_get_for(user, username=username)
    if praise:
        key = f"praise-{person.pk}"

        def fetch(*, exclude=(), **page):
            return selectors.feed_praise_received(user, person, **page)
    else:
        key = f"profile-{person.pk}"

        def fetch(**page):
            return selectors.feed_profile(user, person, **page)

    return feed_response(
        request,
        key=key,
        fetch=fetch,
        template="feed/profile.html",
        section_template="feed/_profile_section.html",
        context={"person": person, "is_me": person.pk == user.pk, "praise_tab": praise},
    )


@require_GET
def profile(request, username: str):
    """A person's posts, as far as the viewer may see them."""
    return _person_feed(request, username, praise=False)


@require_GET
def praise(request, username: str):
    """The praise a person received, as far as the viewer may see it."""
    return _person_feed(request, username, praise=True)


@require_GET
def saved(request):
    user = request.user
    return feed_response(
        request,
        key="saved",
        fetch=lambda exclude=(), **page: selectors.feed_saved(user, **page),
        template="feed/saved.html",
    )


@require_GET
def mentions(request):
    """People and communities to ``@mention`` (HTMX): public and private communities as the
    visibility rule shows them; a secret one only to its active members (an invitation lets
    one see the community to accept it, not name it in posts)."""
    user = request.user
    text = (request.GET.get("q") or "").strip().lstrip("@")[:60]
    found_people, found_communities = [], []
    if text:
        found_people = list(people.people_directory(user, q=text)[:MENTION_PEOPLE])
        mine = Community.objects.member_of(user).values("pk")
        found_communities = list(
            Community.objects.visible_to(user)
            .filter(~Q(type=CommunityType.SECRET) | Q(pk__in=mine))
            .filter(Q(name__icontains=text) | Q(slug__icontains=text))
            .order_by("name")[:MENTION_COMMUNITIES]
        )
    return render(
        request,
        "feed/_mention_options.html",
        {"people": found_people, "communities": found_communities, "q": text},
    )
