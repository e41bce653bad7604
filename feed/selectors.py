"""Reading the feed: timelines with keyset pagination, pinned announcements, and the
decoration every shown post needs (the viewer's reaction, counts, latest comments...).

Every timeline starts from ``Post.objects.visible_to(viewer)`` and pages on
``(created_at, id)``, newest first. ``posts_decorate`` adds what a post card shows with a
constant number of queries, whatever the number of posts.
"""

import base64
import binascii
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import connections
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from communities.models import Membership, MembershipState
from communities.permissions import remember_all_memberships, remember_memberships
from feed import permissions
from feed.items import items_attach
from feed.models import (
    REACTION_EMOJI,
    AnnouncementView,
    Bookmark,
    Comment,
    Poll,
    PollOption,
    PollVote,
    Post,
    PostAttachment,
    PostImage,
    PostKind,
    Praise,
    Reaction,
    TaggedPost,
)
from profiles.models import Follow
from tags.models import TagFollow

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
LATEST_COMMENTS = 2

# What a post card shows, in the same query as the post. The original of a share, a poll's
# options and a praise's recipients come in one more query each in ``posts_decorate``
# (joining them all here made the planner's work grow with every table).
POST_RELATED = ("author", "community")


# --- cursors ----------------------------------------------------------------------------


def encode_cursor(item) -> str:
    """An opaque cursor for ``item`` (a post, or anything with ``created_at`` and ``pk``).

    A post listed through a bookmark carries ``cursor_at`` / ``cursor_id`` (the bookmark's),
    which win over its own."""
    at = getattr(item, "cursor_at", None) or item.created_at
    pk = getattr(item, "cursor_id", None) or item.pk
    raw = f"{at.isoformat()}|{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value) -> tuple[datetime, int] | None:
    """``(created_at, id)`` from a cursor; None for a missing or malformed one."""
    if not value or not isinstance(value, str) or len(value) > 200:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        at_text, pk_text = raw.rsplit("|", 1)
        at, pk = datetime.fromisoformat(at_text), int(pk_text)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        return None
    if pk < 1 or pk > 2**63 - 1:
        return None
    if timezone.is_naive(at):
        at = at.replace(tzinfo=UTC)
    try:
        # In UTC (as the database compares), which may fall off the calendar's ends.
        return at.astimezone(UTC), pk
    except OverflowError:
        return None


@dataclass
class FeedPage:
    items: list[Post]
    next_cursor: str | None
    newest_cursor: str | None
    # The posts pinned above the page (see the timelines' ``pinned``), not decorated.
    pinned: list[Post] = field(default_factory=list)


def _clamp(limit) -> int:
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        return DEFAULT_LIMIT
    return max(1, min(limit, MAX_LIMIT))


def _bounded(queryset, *, before, after, at="created_at", pk="id"):
    """``queryset`` past the cursor: newer than ``after``, else older than ``before``."""
    newer, older = decode_cursor(after), decode_cursor(before)
    if newer is not None:
        t, i = newer
        return queryset.filter(Q(**{f"{at}__gt": t}) | Q(**{at: t, f"{pk}__gt": i}))
    if older is not None:
        t, i = older
        # The plain bound lets the (created_at, id) index range-scan; the OR breaks ties.
        return queryset.filter(**{f"{at}__lte": t}).filter(
            Q(**{f"{at}__lt": t}) | Q(**{f"{pk}__lt": i})
        )
    return queryset


def _keyset(queryset, *, before, after, limit, at="created_at", pk="id"):
    """Rows of ``queryset`` older than ``before`` (or newer than ``after``), newest first.

    Returns (rows, has_more). With ``after``, the rows just after the cursor come (oldest of
    the new first, then reversed), so showing new items in batches leaves no gap."""
    limit = _clamp(limit)
    queryset = _bounded(queryset, before=before, after=after, at=at, pk=pk)
    if decode_cursor(after) is not None:
        rows = list(queryset.order_by(at, pk)[: limit + 1])
        return list(reversed(rows[:limit])), len(rows) > limit
    rows = list(queryset.order_by(f"-{at}", f"-{pk}")[: limit + 1])
    return rows[:limit], len(rows) > limit


def _page(
    queryset, *, before=None, after=None, limit=DEFAULT_LIMIT, exclude=(), pinned=()
) -> FeedPage:
    left_out = {*exclude, *pinned}
    if left_out:
        queryset = queryset.exclude(pk__in=list(left_out))
    rows, has_more = _keyset(queryset, before=before, after=after, limit=limit)
    page = _to_page(rows, has_more=has_more, after=after)
    page.pinned = posts_by_ids(pinned)
    return page


def posts_by_ids(ids) -> list[Post]:
    """The posts with these ids, in that order, with what a card needs selected (the ids
    come from a query that applied the visibility rule: nothing is checked again)."""
    ids = list(ids)
    if not ids:
        return []
    found = Post.objects.select_related(*POST_RELATED).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _to_page(items, *, has_more: bool, after) -> FeedPage:
    for item in items:
        item.cursor = encode_cursor(item)
    if decode_cursor(after) is not None:
        # New items: the caller asks again from the newest one; there is no "older" page.
        newest = items[0].cursor if items else after
        return FeedPage(items=items, next_cursor=None, newest_cursor=newest)
    return FeedPage(
        items=items,
        next_cursor=items[-1].cursor if items and has_more else None,
        newest_cursor=items[0].cursor if items else None,
    )


# --- timelines --------------------------------------------------------------------------


def posts_visible(viewer):
    """Every post ``viewer`` may see, with what a card needs selected."""
    return Post.objects.visible_to(viewer).select_related(*POST_RELATED)


def _member_community_ids(viewer):
    return Membership.objects.filter(user=viewer, state=MembershipState.ACTIVE).values(
        "community_id"
    )


def home_sources(viewer) -> Q:
    """What the home feed is made of, as one condition (to count it, or to test one post):
    my posts, people I follow, my communities, tags I follow, company-wide announcements.
    ``feed_home`` itself asks each source apart (``home_branches``)."""
    followees = Follow.objects.filter(follower=viewer).values("followee_id")
    followed_tags = TagFollow.objects.filter(user=viewer).values("tag_id")
    tagged = TaggedPost.objects.filter(tag_id__in=followed_tags).values("content_object_id")
    return (
        Q(author=viewer)
        | Q(author__in=followees)
        | Q(community__in=_member_community_ids(viewer))
        | Q(pk__in=tagged)
        | Q(is_announcement=True, community__isnull=True)
    )


def home_branches(viewer) -> list[Q]:
    """The home feed's sources, one condition each, with the ids looked up first: each
    becomes its own small index-friendly query (a person who follows nobody must not make
    the database walk the whole timeline looking for matches of an empty list).

    Also loads all of ``viewer``'s memberships for the permission checks that follow."""
    followees = list(Follow.objects.filter(follower=viewer).values_list("followee_id", flat=True))
    communities = [m.community_id for m in remember_all_memberships(viewer) if m.is_active]
    tags = list(TagFollow.objects.filter(user=viewer).values_list("tag_id", flat=True))
    # My posts and those of people I follow: one walk of the author index.
    branches = [Q(author_id__in=[viewer.pk, *followees]), Q(is_announcement=True, community=None)]
    if communities:
        branches.append(Q(community__in=communities))
    if tags:
        tagged = TaggedPost.objects.filter(tag_id__in=tags).values("content_object_id")
        branches.append(Q(pk__in=tagged))
    return branches


def _first_keys(querysets, *, order, count) -> set[tuple]:
    """The first ``count`` ``(created_at, id)`` keys of each queryset in ``order``, in one
    round trip: the branches joined by UNION ALL, each still its own index scan. (Django's
    ``union()`` compiled slower than separate queries; this compiles each branch as usual.)"""
    parts, params = [], []
    for number, queryset in enumerate(querysets):
        rows = queryset.order_by(*order).values_list("created_at", "id")[:count]
        sql, branch_params = rows.query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS branch{number}")
        params.extend(branch_params)
    with connections[Post.objects.db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        # SQLite gives the times as text: in its stored format they sort like the times.
        return set(map(tuple, cursor.fetchall()))


def feed_home(
    viewer, *, before=None, after=None, limit=DEFAULT_LIMIT, exclude=(), pinned=()
) -> FeedPage:
    """The home feed of ``viewer``, newest first. ``exclude``: post ids left out (pinned
    announcements shown on an earlier page); ``pinned``: ids of posts shown above this page
    (pinned announcements, newest first), left out of it and fetched with it into
    ``page.pinned``.

    Each source is asked for its newest ``limit + 1`` keys past the cursor, the keys are
    merged here, and the chosen posts are fetched in one more query: a constant number of
    small queries, each served by an index, however many posts there are."""
    if not viewer.is_authenticated:
        return FeedPage([], None, None)
    limit = _clamp(limit)
    newer = decode_cursor(after)
    visible = Post.objects.visible_to(viewer)
    left_out = {*exclude, *pinned}
    if left_out:
        visible = visible.exclude(pk__in=list(left_out))
    order = ("created_at", "id") if newer else ("-created_at", "-id")
    branches = [
        _bounded(visible.filter(branch), before=before, after=after)
        for branch in home_branches(viewer)
    ]
    keys = _first_keys(branches, order=order, count=limit + 1)
    ordered = sorted(keys, reverse=newer is None)
    chosen = [pk for _at, pk in ordered[:limit]]
    pinned = list(pinned)
    found = {post.pk: post for post in posts_by_ids([*pinned, *chosen])}
    items = [found[pk] for pk in chosen if pk in found]
    if newer:
        items.reverse()
    page = _to_page(items, has_more=len(ordered) > limit, after=after)
    page.pinned = [found[pk] for pk in pinned if pk in found]
    return page


def feed_company(
    viewer, *, before=None, after=None, limit=DEFAULT_LIMIT, exclude=(), pinned=()
) -> FeedPage:
    """Everything company-wide (not placed in a community). ``exclude``, ``pinned``: as
    for ``feed_home``."""
    queryset = posts_visible(viewer).filter(community__isnull=True)
    return _page(queryset, before=before, after=after, limit=limit, exclude=exclude, pinned=pinned)


def feed_community(
    viewer, community, *, before=None, after=None, limit=DEFAULT_LIMIT, exclude=(), pinned=()
) -> FeedPage:
    """The posts placed in ``community`` (none for who may not read it). ``exclude``,
    ``pinned``: as for ``feed_home``."""
    queryset = posts_visible(viewer).filter(community=community)
    return _page(queryset, before=before, after=after, limit=limit, exclude=exclude, pinned=pinned)


def feed_profile(
    viewer, subject, *, before=None, after=None, limit=DEFAULT_LIMIT, exclude=()
) -> FeedPage:
    """``subject``'s own posts, as far as ``viewer`` may see them."""
    queryset = posts_visible(viewer).filter(author=subject)
    return _page(queryset, before=before, after=after, limit=limit, exclude=exclude)


def feed_praise_received(
    viewer, subject, *, before=None, after=None, limit=DEFAULT_LIMIT
) -> FeedPage:
    """Praise posts thanking ``subject``, as far as ``viewer`` may see them."""
    praised = Praise.recipients.through.objects.filter(user=subject).values("praise__post_id")
    queryset = posts_visible(viewer).filter(kind=PostKind.PRAISE, pk__in=praised)
    return _page(queryset, before=before, after=after, limit=limit)


def feed_tag(viewer, tag, *, before=None, after=None, limit=DEFAULT_LIMIT, exclude=()) -> FeedPage:
    """Posts carrying ``tag`` (a taggit Tag)."""
    tagged = TaggedPost.objects.filter(tag=tag).values("content_object_id")
    queryset = posts_visible(viewer).filter(pk__in=tagged)
    return _page(queryset, before=before, after=after, limit=limit, exclude=exclude)


def feed_saved(viewer, *, before=None, after=None, limit=DEFAULT_LIMIT) -> FeedPage:
    """The posts ``viewer`` saved, newest saved first; the cursor runs over the bookmarks.
    Saved posts the viewer can no longer see are left out."""
    if not viewer.is_authenticated:
        return FeedPage([], None, None)
    bookmarks = (
        Bookmark.objects.filter(user=viewer, post__in=Post.objects.visible_to(viewer))
        .select_related(*(f"post__{name}" for name in POST_RELATED))
        .select_related("post")
    )
    rows, has_more = _keyset(bookmarks, before=before, after=after, limit=limit)
    items = []
    for bookmark in rows:
        post = bookmark.post
        post.cursor_at, post.cursor_id, post.saved_at = (
            bookmark.created_at,
            bookmark.pk,
            bookmark.created_at,
        )
        items.append(post)
    return _to_page(items, has_more=has_more, after=after)


def announcements_pinned(
    viewer, *, community=None, scope: str = "home", limit: int = MAX_LIMIT
) -> list[int]:
    """The ids of the announcements pinned now on top of a feed, newest first, at most
    ``limit`` (pass them as the timeline's ``pinned``: it fetches them with the page).

    ``home``: company-wide ones and those of my communities; ``company``: company-wide;
    ``community``: those of ``community``."""
    if not viewer.is_authenticated:
        return []
    queryset = Post.objects.visible_to(viewer).pinned_announcements()
    if scope == "community":
        if community is None:
            return []
        queryset = queryset.filter(community=community)
    elif scope == "company":
        queryset = queryset.filter(community__isnull=True)
    else:
        mine = [m.community_id for m in remember_all_memberships(viewer) if m.is_active]
        queryset = queryset.filter(Q(community__isnull=True) | Q(community__in=mine))
    return list(queryset.order_by("-created_at", "-id").values_list("id", flat=True)[:limit])


def announcement_seen_ids(viewer, posts) -> set[int]:
    """Which of ``posts`` (announcements) ``viewer`` has already been counted as seeing."""
    ids = [p.pk for p in posts]
    if not ids or not viewer.is_authenticated:
        return set()
    return set(
        AnnouncementView.objects.filter(user=viewer, post_id__in=ids).values_list(
            "post_id", flat=True
        )
    )


def post_revisions(post) -> list:
    """Earlier texts of ``post``, newest first, with who replaced each (check
    ``permissions.can_see_history`` first)."""
    return list(post.revisions.select_related("replaced_by").order_by("-replaced_at", "-id"))


def post_image_for(post, pk: int) -> PostImage:
    """Image ``pk`` of ``post`` (already checked visible), else Http404."""
    image = PostImage.objects.filter(post=post, pk=pk).first()
    if image is None:
        raise Http404("No such image.")
    return image


def post_attachment_for(post, pk: int) -> PostAttachment:
    """File ``pk`` of ``post`` (already checked visible), else Http404."""
    attachment = PostAttachment.objects.filter(post=post, pk=pk).first()
    if attachment is None:
        raise Http404("No such file.")
    return attachment


# --- decoration -------------------------------------------------------------------------


def reaction_summaries_for(
    content_type, ids, viewer
) -> tuple[dict[int, list[tuple]], dict[int, str]]:
    """Per item: ``(kind, emoji, count)`` most given first, and the viewer's own kind."""
    rows = (
        Reaction.objects.filter(content_type=content_type, object_id__in=ids)
        .values("object_id", "kind")
        .annotate(n=Count("id"), mine=Count("id", filter=Q(user_id=viewer.pk or 0)))
        .order_by()
    )
    summaries, mine = defaultdict(list), {}
    for row in rows:
        summaries[row["object_id"]].append(
            (row["kind"], REACTION_EMOJI.get(row["kind"], ""), row["n"])
        )
        if row["mine"]:
            mine[row["object_id"]] = row["kind"]
    for summary in summaries.values():
        summary.sort(key=lambda entry: (-entry[2], entry[0]))
    return summaries, mine


def _viewer_reactions(viewer, content_type, ids) -> dict[int, str]:
    if not viewer.is_authenticated or not ids:
        return {}
    return dict(
        Reaction.objects.filter(
            content_type=content_type, object_id__in=ids, user=viewer
        ).values_list("object_id", "kind")
    )


def latest_comments_for(content_type, ids, viewer) -> dict[int, list[Comment]]:
    """The newest ``LATEST_COMMENTS`` alive top-level comments per item, oldest first, each
    with the viewer's reaction."""
    newest = (
        Comment.objects.filter(
            content_type=content_type,
            object_id__in=ids,
            parent__isnull=True,
            deleted_at__isnull=True,
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("object_id")],
                order_by=[F("created_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=LATEST_COMMENTS)
        .values("pk")
    )
    mine = Reaction.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id=OuterRef("pk"),
        user_id=viewer.pk or 0,
    ).values("kind")[:1]
    # Ranked first, joined to their authors after: the few chosen rows look their authors
    # up by key instead of the ranking joining every comment to the people table.
    comments = (
        Comment.objects.filter(pk__in=newest)
        .annotate(viewer_reaction=Subquery(mine))
        .select_related("author")
    )
    found = defaultdict(list)
    for comment in comments:
        found[comment.object_id].append(comment)
    for latest in found.values():
        latest.sort(key=lambda c: (c.created_at, c.pk))
    return found


def _by_post(queryset, *, key="post_id") -> dict[int, list]:
    found = defaultdict(list)
    for row in queryset:
        found[getattr(row, key)].append(row)
    return found


def _originals(posts) -> list[Post]:
    """Give each share its original (one query; an original on the page is that object) and
    return the originals not on the page."""
    on_page = {post.pk: post for post in posts}
    fetched = Post.objects.select_related(*POST_RELATED).filter(shares__in=list(on_page))
    extra = {}
    for original in fetched:
        if original.pk not in on_page:
            extra.setdefault(original.pk, original)
    for post in posts:
        if post.shared_post_id:
            post.shared_post = on_page.get(post.shared_post_id) or extra.get(post.shared_post_id)
    return list(extra.values())


def _polls(ids, viewer) -> dict[int, Poll]:
    """The polls of these posts by post id, each with ``option_list`` (in order, each option
    with ``viewer_chose``), in one query (a poll always has options)."""
    chose = PollVote.objects.filter(option=OuterRef("pk"), user_id=viewer.pk or 0)
    options = (
        PollOption.objects.filter(poll__post_id__in=ids)
        .select_related("poll")
        .annotate(viewer_chose=Exists(chose))
        .order_by("poll_id", "position", "id")
    )
    polls = {}
    for option in options:
        poll = polls.setdefault(option.poll.post_id, option.poll)
        if not hasattr(poll, "option_list"):
            poll.option_list = []
        option.poll = poll
        poll.option_list.append(option)
    return polls


def _praises(ids) -> dict[int, tuple[Praise, list]]:
    """The praise of these posts by post id, with its recipients by name, in one query."""
    rows = (
        Praise.recipients.through.objects.filter(praise__post_id__in=ids)
        .select_related("praise", "user")
        .order_by("user__display_name", "user__username")
    )
    found = {}
    for row in rows:
        praise, recipients = found.setdefault(row.praise.post_id, (row.praise, []))
        recipients.append(row.user)
    return found


def _set_one_to_one(post, name, value) -> None:
    """Fill the reverse one-to-one ``name`` of ``post`` (None: it has none), no query later."""
    Post._meta.get_field(name).set_cached_value(post, value)
    if value is not None:
        value._meta.get_field("post").set_cached_value(value, post)


def posts_decorate(posts, viewer) -> list:
    """Set on each post (and on the original of a share) what its card shows, with a
    constant number of queries, whatever the number of posts (see the feed notes)."""
    posts = list(posts)
    if not posts:
        return posts
    every = [*posts, *_originals(posts)]
    # A post may be shown twice (in the page and as the original of a share in it): the
    # same object then, decorated once.
    ids = list({p.pk: None for p in every})
    post_type = ContentType.objects.get_for_model(Post)

    communities = {p.community_id: p.community for p in every if p.community_id}
    remember_memberships(viewer, communities.values())

    summaries, mine = reaction_summaries_for(post_type, ids, viewer)
    latest = latest_comments_for(post_type, ids, viewer)
    saved = (
        set(Bookmark.objects.filter(user=viewer, post_id__in=ids).values_list("post_id", flat=True))
        if viewer.is_authenticated
        else set()
    )
    images = _by_post(PostImage.objects.filter(post_id__in=ids).order_by("position", "id"))
    attachments = _by_post(
        PostAttachment.objects.filter(post_id__in=ids).order_by("position", "id")
    )
    tags = _by_post(
        TaggedPost.objects.filter(content_object_id__in=ids)
        .select_related("tag")
        .order_by("tag__name"),
        key="content_object_id",
    )
    polls, praises = _polls(ids, viewer), _praises(ids)
    items_attach(every, viewer)

    for post in every:
        post.viewer_reaction = mine.get(post.pk)
        post.reaction_summary = summaries.get(post.pk, [])
        post.latest_comments = latest.get(post.pk, [])
        for comment in post.latest_comments:
            comment.viewer_can_edit = permissions.can_edit_comment(viewer, comment)
            comment.viewer_can_delete = permissions.can_delete_comment(viewer, comment, post)
        post.more_comment_count = max(0, post.comment_count - len(post.latest_comments))
        post.viewer_bookmarked = post.pk in saved
        post.image_list = images.get(post.pk, [])
        post.attachment_list = attachments.get(post.pk, [])
        post.tag_list = [item.tag for item in tags.get(post.pk, [])]
        poll = polls.get(post.pk)
        post.viewer_votes = {o.pk for o in poll.option_list if o.viewer_chose} if poll else set()
        if post.kind == PostKind.POLL:
            _set_one_to_one(post, "poll", poll)
        if poll is not None:
            poll.viewer_votes = post.viewer_votes
            poll.viewer_voted = bool(post.viewer_votes)
            for option in poll.option_list:
                option.percent = (
                    round(100 * option.vote_count / poll.voter_count) if poll.voter_count else 0
                )
                option.viewer_chose = option.pk in post.viewer_votes
        praise, post.praise_recipients = praises.get(post.pk, (None, []))
        if post.kind == PostKind.PRAISE:
            _set_one_to_one(post, "praise", praise)
        post.viewer_can_edit = permissions.can_edit_post(viewer, post)
        post.viewer_can_delete = permissions.can_delete_post(viewer, post)
        post.viewer_can_restore = permissions.can_restore_post(viewer, post)
        post.viewer_can_see_history = bool(post.edited_at) and permissions.can_see_history(
            viewer, post
        )
        post.viewer_can_comment = permissions.can_comment(viewer, post)
        post.original_visible = False
    for post in posts:
        original = post.shared_post if post.shared_post_id else None
        post.original_visible = original is not None and original.is_visible_to(viewer)
    return posts


def attached(post, name: str):
    """A post's ``poll`` or ``praise`` as ``posts_decorate`` filled it, or None."""
    if post.kind != {"poll": PostKind.POLL, "praise": PostKind.PRAISE}[name]:
        return None
    try:
        return getattr(post, name)
    except ObjectDoesNotExist:
        return None


# --- conversation -----------------------------------------------------------------------


def comments_for(viewer, target, *, limit=None) -> list[Comment]:
    """Top-level comments on ``target`` (alive, oldest first), each with ``reply_list`` (alive
    replies, oldest first) and ``viewer_reaction``; nothing when the target is hidden from
    ``viewer``. ``limit`` keeps the newest ``limit`` comments."""
    if not target.is_visible_to(viewer):
        return []
    content_type = ContentType.objects.get_for_model(target)
    top = Comment.objects.filter(
        content_type=content_type, object_id=target.pk, parent__isnull=True, deleted_at__isnull=True
    ).select_related("author")
    if limit:
        comments = list(top.order_by("-created_at", "-id")[: int(limit)])[::-1]
    else:
        comments = list(top.order_by("created_at", "id"))
    replies = _by_post(
        Comment.objects.filter(parent__in=[c.pk for c in comments], deleted_at__isnull=True)
        .select_related("author")
        .order_by("created_at", "id"),
        key="parent_id",
    )
    every = [*comments, *(r for rs in replies.values() for r in rs)]
    comment_type = ContentType.objects.get_for_model(Comment)
    mine = _viewer_reactions(viewer, comment_type, [c.pk for c in every])
    community = getattr(target, "community", None)
    if community is not None:
        remember_memberships(viewer, [community])
    for comment in comments:
        comment.reply_list = replies.get(comment.pk, [])
    for comment in every:
        comment.viewer_reaction = mine.get(comment.pk)
        comment.viewer_can_edit = permissions.can_edit_comment(viewer, comment)
        comment.viewer_can_delete = permissions.can_delete_comment(viewer, comment, target)
    return comments


def reactions_who(viewer, target, *, kind=None) -> list[Reaction]:
    """Who reacted to ``target`` (newest first, optionally one ``kind``), person selected;
    nothing when the target is hidden from ``viewer``."""
    item = target.target if isinstance(target, Comment) else target
    if item is None or not item.is_visible_to(viewer):
        return []
    if isinstance(target, Comment) and target.is_deleted:
        return []
    reactions = Reaction.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("user")
    if kind:
        reactions = reactions.filter(kind=kind)
    return list(reactions.order_by("-created_at", "-id")[:500])
