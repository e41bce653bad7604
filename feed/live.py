"""Who hears about a post live, and what they hear (DESIGN.md, "Live updates").

The audience is the visibility rule turned around: instead of "may this person see this
post?" it answers "who may see this post?", with the same three parts as
``Post.objects.visible_to``:

- content placed company-wide or in a public community is visible to every active
  employee: such messages go once to the ``audience.employees`` group every socket joins
  (``home`` is added on the sockets of those whose home feed holds the post: the same one
  message, not one per follower);
- content in a private or secret community is visible to its active members and to the
  people who see everything (superusers, site moderators): such messages go to them by
  name, computed now, never to a standing group that could hold a former member: to each
  one's own group when they are few, else as one broadcast naming them (``only``) that
  every other socket drops;
- a share is visible only to those who may also see the original, so its audience is the
  intersection of both rules.

Messages hold no content. ``post.new`` names the post and the feeds it belongs on for the
recipient (``home`` only for those whose home feed contains it), and the browser fetches
the item over HTTP, so the normal view checks visibility once more. Counts are HTML that is
the same for everyone who may see the post (``feed/_post_counts.html``), rendered once per
language.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from communities.models import CommunityType, Membership, MembershipState
from core import live
from feed.models import Post
from profiles.models import Follow, User
from profiles.roles import MODERATORS
from tags.models import TagFollow

COUNTS_TEMPLATE = "feed/_post_counts.html"

# ``readers`` answers this for content every active employee may see.
EVERYONE = None


def post_for_live(post_id: int) -> Post | None:
    """The post with what the audience rule reads (placement, original, tags)."""
    return (
        Post.objects.select_related("community", "shared_post__community")
        .prefetch_related("tags")
        .filter(pk=post_id)
        .first()
    )


def _restricting_communities(post: Post) -> list:
    """The non-public communities whose membership decides who sees ``post``."""
    communities = [post.community]
    if post.shared_post_id and post.shared_post is not None:
        communities.append(post.shared_post.community)
    return [c for c in communities if c is not None and c.type != CommunityType.PUBLIC]


def _sees_everything_ids() -> set[int]:
    return set(
        User.objects.active()
        .filter(Q(is_superuser=True) | Q(groups__name=MODERATORS))
        .values_list("pk", flat=True)
    )


def _member_ids(community_id: int) -> set[int]:
    return set(
        Membership.objects.filter(
            community_id=community_id, state=MembershipState.ACTIVE, user__is_active=True
        ).values_list("user_id", flat=True)
    )


def readers(post: Post) -> set[int] | None:
    """Who may see ``post`` by its placement: ``EVERYONE`` (None) for every active employee,
    else the ids of the active people who may. Ignores deletion and hiding (the caller
    decides whether a deleted post is news)."""
    restricting = _restricting_communities(post)
    if not restricting:
        return EVERYONE
    ids = _member_ids(restricting[0].pk)
    for community in restricting[1:]:
        ids &= _member_ids(community.pk)
    return ids | _sees_everything_ids()


def home_audience(post: Post) -> set[int] | None:
    """Whose home feed holds ``post``: its author, the author's followers, the active
    members of its community, the followers of its tags; ``EVERYONE`` for a company-wide
    announcement. (Only the visibility rule decides who may actually see it.)"""
    if post.is_announcement and post.community_id is None:
        return EVERYONE
    ids = {post.author_id}
    ids.update(
        Follow.objects.filter(followee_id=post.author_id, follower__is_active=True).values_list(
            "follower_id", flat=True
        )
    )
    if post.community_id:
        ids |= _member_ids(post.community_id)
    tag_ids = [tag.pk for tag in post.tags.all()]
    if tag_ids:
        ids.update(
            TagFollow.objects.filter(tag_id__in=tag_ids, user__is_active=True).values_list(
                "user_id", flat=True
            )
        )
    return ids


def feed_keys(post: Post) -> list[str]:
    """The feeds ``post`` belongs on for anyone who may see it (``home`` is per person)."""
    keys = ["company"] if post.community_id is None else [f"community-{post.community_id}"]
    keys += [f"tag-{tag.slug}" for tag in post.tags.all()]
    keys.append(f"profile-{post.author_id}")
    return keys


# A restricted audience larger than this gets one broadcast naming its members (each other
# socket drops it) instead of one message per member: on Redis each of those is a few round
# trips, and they queue up in the server processes' channels.
BY_NAME_LIMIT = 25


@dataclass
class Delivery:
    """What to send. ``message`` goes once to the sockets of every employee, or of ``only``
    (user ids) when the post is restricted; ``home`` is added to its feeds on the sockets of
    ``home`` (user ids, or EVERYONE). ``by_person``: messages for a few people by name."""

    message: dict | None = None
    only: set[int] | None = None
    home: set[int] | None = field(default_factory=set)
    by_person: list[tuple[set[int], dict]] = field(default_factory=list)

    def heard_by(self, everyone: set[int]) -> dict[int, set[str]]:
        """The feed keys each of ``everyone`` (the active employees' ids) would get."""
        heard = {pk: set() for pk in everyone}
        if self.message is not None:
            at_home = everyone if self.home is EVERYONE else self.home
            for pk in everyone if self.only is None else self.only & everyone:
                heard[pk] |= set(self.message["feeds"]) | ({"home"} if pk in at_home else set())
        for user_ids, message in self.by_person:
            for pk in user_ids & everyone:
                heard[pk] |= set(message.get("feeds", ()))
        return heard

    def send(self) -> None:
        if self.message is not None:
            home = live.EVERY_SOCKET if self.home is EVERYONE else self.home
            live.broadcast_json(
                self.message,
                only=self.only,
                personal={"feeds": ["home"]} if home else None,
                personal_to=home,
            )
        for user_ids, message in self.by_person:
            if user_ids:
                live.send_json(sorted(user_ids), message)


def _post_new(post: Post, keys: list[str]) -> dict:
    return {"type": "post.new", "post": post.pk, "feeds": keys}


def post_new_delivery(post: Post) -> Delivery:
    """``post.new`` for everyone who may see ``post``, with ``home`` for those whose home
    feed holds it. Nothing for a deleted or hidden post."""
    if post.is_deleted or post.is_hidden:
        return Delivery()
    keys = feed_keys(post)
    allowed, home = readers(post), home_audience(post)
    if allowed is EVERYONE:
        # One message for every socket; "home" rides along for those whose home holds it.
        return Delivery(message=_post_new(post, keys), home=home)
    # Restricted: the people who may see it, named now (never a standing group, which could
    # still hold a former member).
    at_home = allowed if home is EVERYONE else allowed & home
    if len(allowed) > BY_NAME_LIMIT:
        return Delivery(message=_post_new(post, keys), only=allowed, home=at_home)
    return Delivery(
        by_person=[
            (at_home, _post_new(post, ["home", *keys])),
            (allowed - at_home, _post_new(post, keys)),
        ]
    )


def post_removed_delivery(post: Post) -> Delivery:
    """``post.removed`` (an id only) for the pages that may be showing ``post``."""
    message = {"type": "post.removed", "post": post.pk}
    allowed = readers(post)
    if allowed is EVERYONE or len(allowed) > BY_NAME_LIMIT:
        return Delivery(message=message, only=allowed)
    return Delivery(by_person=[(allowed, message)])


def counts_html(post: Post) -> dict[str, str]:
    """The post's counts as an out-of-band swap for ``#post-<id>-counts``, in every language
    (the fragment is the same for every viewer but for its words)."""
    from feed.selectors import posts_decorate

    # The viewer only matters for the viewer's own reaction, which the counts do not show.
    decorated = posts_decorate([post], post.author)[0]
    marker = f'id="post-{post.pk}-counts"'
    versions = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            html = render_to_string(COUNTS_TEMPLATE, {"post": decorated, "oob": True}).strip()
        if "hx-swap-oob" not in html:
            html = html.replace(marker, f'{marker} hx-swap-oob="true"', 1)
        versions[code] = html
    return versions


def send_counts(post: Post) -> None:
    """Tell every page that may show ``post`` its new reaction, comment and share counts."""
    if post.is_deleted or post.is_hidden:
        return
    html = counts_html(post)
    allowed = readers(post)
    if allowed is EVERYONE or len(allowed) > BY_NAME_LIMIT:
        live.broadcast_html(html, only=allowed)
    elif allowed:
        live.send_html(sorted(allowed), html)
