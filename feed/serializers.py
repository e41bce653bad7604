"""API shapes for the feed: posts as ``feed.selectors.posts_decorate`` prepares them, the
conversation around them, and what a person may send to write them.

The read shapes only read what the selectors put on the objects (``viewer_reaction``,
``image_list``, ``latest_comments``...), so a page of posts costs the same few queries
whatever its length. They are built by plain functions (``post_data``, ``comment_data``,
with ``Links`` reversing each route once per response); the read serializers document
them for the schema and delegate to those functions.

The rules for what may be written live in the services; the write serializers only turn
JSON or multipart into the services' arguments.
"""

import json
from urllib.parse import quote

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.utils import html

from communities.models import Community
from feed import permissions, selectors
from feed.models import REACTION_EMOJI, PostKind, PraiseValue, Reaction, ReactionKind
from profiles.models import User
from profiles.serializers import PersonSummarySerializer, UploadField

# --- reading ------------------------------------------------------------------------------


def _described_choices(choices):
    """A choice field documented as a string naming its values, not as an enum component:
    ``kind`` (of a post, of a reaction) and ``reaction`` would otherwise give one choice set
    two names and two choice sets one name in the schema."""
    values = ", ".join(f"`{value}`" for value, _label in choices)
    return extend_schema_field({"type": "string", "description": f"One of {values}."})


@_described_choices(PostKind.choices)
class PostKindField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=PostKind.choices, **kwargs)


@_described_choices(ReactionKind.choices)
class ViewerReactionField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=ReactionKind.choices, **kwargs)


class PostCommunitySerializer(serializers.Serializer):
    """Where a post is placed."""

    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    page_url = serializers.SerializerMethodField()

    def get_page_url(self, community) -> str:
        return _community_data(community, Links.of(self.context))["page_url"]

    def to_representation(self, community):
        return _community_data(community, Links.of(self.context))


class CountsSerializer(serializers.Serializer):
    comments = serializers.IntegerField(source="comment_count", read_only=True)
    reactions = serializers.IntegerField(source="reaction_count", read_only=True)
    shares = serializers.IntegerField(source="share_count", read_only=True)


class ReactionCountSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReactionKind.choices, read_only=True)
    emoji = serializers.CharField(read_only=True)
    count = serializers.IntegerField(read_only=True)


class PostViewerSerializer(serializers.Serializer):
    """The signed-in person and this post: their reaction and what they may do."""

    reaction = ViewerReactionField(read_only=True, allow_null=True)
    bookmarked = serializers.BooleanField(read_only=True)
    can_edit = serializers.BooleanField(read_only=True)
    can_delete = serializers.BooleanField(read_only=True)
    can_comment = serializers.BooleanField(read_only=True)
    can_restore = serializers.BooleanField(read_only=True)
    can_see_history = serializers.BooleanField(read_only=True)


class CommentViewerSerializer(serializers.Serializer):
    reaction = ViewerReactionField(read_only=True, allow_null=True)
    can_edit = serializers.BooleanField(read_only=True)
    can_delete = serializers.BooleanField(read_only=True)


class PostImageSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()
    width = serializers.IntegerField(read_only=True)
    height = serializers.IntegerField(read_only=True)
    description = serializers.CharField(read_only=True)

    def get_url(self, image) -> str:
        return _image_data(image, Links.of(self.context))["url"]

    def get_thumbnail_url(self, image) -> str:
        return _image_data(image, Links.of(self.context))["thumbnail_url"]

    def to_representation(self, image):
        return _image_data(image, Links.of(self.context))


class PostAttachmentSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True, help_text=_("In bytes."))
    content_type = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, attachment) -> str:
        return _attachment_data(attachment, Links.of(self.context))["url"]

    def to_representation(self, attachment):
        return _attachment_data(attachment, Links.of(self.context))


class PollOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True)
    votes = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=_("Null until you have voted or the poll has closed."),
    )


class PollSerializer(serializers.Serializer):
    question = serializers.CharField(read_only=True)
    allows_multiple = serializers.BooleanField(read_only=True)
    closes_at = serializers.DateTimeField(read_only=True)
    is_closed = serializers.BooleanField(read_only=True)
    voter_count = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Null until the results are shown.")
    )
    show_results = serializers.BooleanField(read_only=True)
    can_vote = serializers.BooleanField(read_only=True)
    viewer_votes = serializers.ListField(
        child=serializers.IntegerField(), read_only=True, help_text=_("The options you chose.")
    )
    options = PollOptionSerializer(many=True, read_only=True)


class PraiseSerializer(serializers.Serializer):
    value = serializers.ChoiceField(choices=PraiseValue.choices, read_only=True)
    value_label = serializers.CharField(read_only=True)
    recipients = PersonSummarySerializer(many=True, read_only=True)


class PostItemSerializer(serializers.Serializer):
    """The forum thread, blog article or wiki page a post stands for (its feed card). When the item
    is gone or the viewer may no longer see it, only ``kind``, ``id`` and ``unavailable``."""

    kind = serializers.CharField(read_only=True, help_text=_("`thread`, `article` or `wiki_page`."))
    id = serializers.IntegerField(read_only=True)
    unavailable = serializers.BooleanField(read_only=True, required=False)
    title = serializers.CharField(read_only=True, required=False)
    url = serializers.URLField(read_only=True, required=False, help_text=_("Its own page."))
    excerpt = serializers.CharField(read_only=True, required=False, help_text=_("Plain text."))
    thread_kind = serializers.CharField(
        read_only=True, required=False, help_text=_("Threads: `discussion` or `question`.")
    )
    solved = serializers.BooleanField(read_only=True, required=False, help_text=_("Threads."))
    reply_count = serializers.IntegerField(read_only=True, required=False, help_text=_("Threads."))
    reading_minutes = serializers.IntegerField(
        read_only=True, required=False, help_text=_("Articles.")
    )
    cover_url = serializers.URLField(
        read_only=True, required=False, allow_null=True, help_text=_("Articles.")
    )


class UnavailableSerializer(serializers.Serializer):
    """A shared post that was deleted or hidden, or that the viewer may not see."""

    unavailable = serializers.BooleanField(read_only=True, default=True)


class ReplySerializer(serializers.Serializer):
    """A comment or a reply, with the signed-in person's reaction and rights."""

    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    post = serializers.IntegerField(source="object_id", read_only=True)
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)
    author = PersonSummarySerializer(read_only=True)
    body = serializers.CharField(read_only=True)
    body_html = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    edited_at = serializers.DateTimeField(read_only=True, allow_null=True)
    reply_count = serializers.IntegerField(read_only=True)
    reaction_count = serializers.IntegerField(read_only=True)
    viewer = serializers.SerializerMethodField()

    def get_url(self, comment) -> str:
        return Links.of(self.context).route("feed-api:comment-detail", pk=comment.pk)

    @extend_schema_field(CommentViewerSerializer)
    def get_viewer(self, comment):
        return _comment_viewer(comment, Links.of(self.context))

    def to_representation(self, comment):
        return reply_data(comment, Links.of(self.context))


class CommentSerializer(ReplySerializer):
    """A top-level comment or a reply; ``replies`` is only filled in the full comment list."""

    replies = serializers.SerializerMethodField()

    @extend_schema_field(ReplySerializer(many=True))
    def get_replies(self, comment):
        return comment_data(comment, Links.of(self.context))["replies"]

    def to_representation(self, comment):
        return comment_data(comment, Links.of(self.context))


class BasePostSerializer(serializers.Serializer):
    """A post as everyone who may see it sees it, plus the ``viewer`` block."""

    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    kind = PostKindField(read_only=True)
    author = PersonSummarySerializer(read_only=True)
    community = PostCommunitySerializer(read_only=True, allow_null=True)
    body = serializers.CharField(read_only=True)
    body_html = serializers.CharField(read_only=True, help_text=_("Sanitised HTML."))
    tags = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)
    edited_at = serializers.DateTimeField(read_only=True, allow_null=True)
    is_announcement = serializers.BooleanField(read_only=True)
    announcement_until = serializers.DateTimeField(read_only=True, allow_null=True)
    is_pinned = serializers.BooleanField(read_only=True)
    seen_count = serializers.IntegerField(read_only=True)
    counts = serializers.SerializerMethodField()
    reaction_summary = serializers.SerializerMethodField()
    viewer = serializers.SerializerMethodField()
    images = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    poll = serializers.SerializerMethodField()
    praise = serializers.SerializerMethodField()
    item = serializers.SerializerMethodField(
        help_text=_("The thread, article or wiki page the post stands for; null otherwise.")
    )

    # The read shape is built by ``post_base_data``; the methods below only tell the schema
    # what each computed field holds.

    def _data(self, post) -> dict:
        return post_base_data(post, Links.of(self.context))

    def get_url(self, post) -> str:
        return self._data(post)["url"]

    def get_page_url(self, post) -> str:
        return self._data(post)["page_url"]

    def get_tags(self, post) -> list[str]:
        return self._data(post)["tags"]

    @extend_schema_field(CountsSerializer)
    def get_counts(self, post):
        return self._data(post)["counts"]

    @extend_schema_field(ReactionCountSerializer(many=True))
    def get_reaction_summary(self, post):
        return self._data(post)["reaction_summary"]

    @extend_schema_field(PostViewerSerializer)
    def get_viewer(self, post):
        return self._data(post)["viewer"]

    @extend_schema_field(PostImageSerializer(many=True))
    def get_images(self, post):
        return self._data(post)["images"]

    @extend_schema_field(PostAttachmentSerializer(many=True))
    def get_attachments(self, post):
        return self._data(post)["attachments"]

    @extend_schema_field(PollSerializer(allow_null=True))
    def get_poll(self, post):
        return _poll_data(post)

    @extend_schema_field(PraiseSerializer(allow_null=True))
    def get_praise(self, post):
        return _praise_data(post, Links.of(self.context))

    @extend_schema_field(PostItemSerializer(allow_null=True))
    def get_item(self, post):
        return _item_data(post, Links.of(self.context))

    def to_representation(self, post):
        return post_base_data(post, Links.of(self.context))


SHARED_POST = PolymorphicProxySerializer(
    component_name="SharedPostOrUnavailable",
    serializers=[BasePostSerializer, UnavailableSerializer],
    resource_type_field_name=None,
    allow_null=True,
)


class PostSerializer(BasePostSerializer):
    """A post in a feed or on its own: ``shared_post`` for shares, the latest comments."""

    shared_post = serializers.SerializerMethodField(
        help_text=_('The shared original, or {"unavailable": true}; null unless a share.')
    )
    latest_comments = serializers.SerializerMethodField()
    more_comment_count = serializers.IntegerField(
        read_only=True, help_text=_("Comments beyond the latest ones shown here.")
    )

    @extend_schema_field(SHARED_POST)
    def get_shared_post(self, post):
        return _shared_post_data(post, Links.of(self.context))

    @extend_schema_field(CommentSerializer(many=True))
    def get_latest_comments(self, post):
        links = Links.of(self.context)
        return [comment_data(comment, links) for comment in post.latest_comments]

    def to_representation(self, post):
        return post_data(post, Links.of(self.context))


class FeedPageSerializer(serializers.Serializer):
    """One page of a feed, newest first."""

    pinned = PostSerializer(
        many=True,
        read_only=True,
        help_text=_("Announcements pinned on top; only on the first page of a feed."),
    )
    results = PostSerializer(many=True, read_only=True)
    next = serializers.URLField(
        read_only=True, allow_null=True, help_text=_("Older posts; null on the last page.")
    )
    newer = serializers.URLField(
        read_only=True,
        allow_null=True,
        help_text=_("Posts newer than this page (for 'show new posts'); null when empty."),
    )


class RevisionSerializer(serializers.Serializer):
    body = serializers.CharField(read_only=True)
    written_at = serializers.DateTimeField(read_only=True)
    replaced_at = serializers.DateTimeField(read_only=True)
    replaced_by = PersonSummarySerializer(read_only=True, allow_null=True)


class PostHistorySerializer(serializers.Serializer):
    """The current text and every earlier one, newest first."""

    body = serializers.CharField(read_only=True)
    edited_at = serializers.DateTimeField(read_only=True, allow_null=True)
    is_deleted = serializers.BooleanField(read_only=True)
    revisions = RevisionSerializer(many=True, read_only=True)


class ReactionSerializer(serializers.Serializer):
    """Who reacted, and how."""

    person = PersonSummarySerializer(source="user", read_only=True)
    kind = serializers.ChoiceField(choices=ReactionKind.choices, read_only=True)
    emoji = serializers.CharField(read_only=True)
    reacted_at = serializers.DateTimeField(source="updated_at", read_only=True)


class ReactionStateSerializer(serializers.Serializer):
    """The viewer's reaction to an item after a change, and the item's count."""

    kind = serializers.ChoiceField(choices=ReactionKind.choices, read_only=True, allow_null=True)
    emoji = serializers.CharField(read_only=True, allow_null=True)
    reaction_count = serializers.IntegerField(read_only=True)

    def to_representation(self, state):
        kind = state["kind"]
        return {
            "kind": kind,
            "emoji": REACTION_EMOJI[kind] if kind else None,
            "reaction_count": state["reaction_count"],
        }


class BookmarkStateSerializer(serializers.Serializer):
    post = serializers.IntegerField(read_only=True)
    bookmarked = serializers.BooleanField(read_only=True)


class SeenStateSerializer(serializers.Serializer):
    post = serializers.IntegerField(read_only=True)
    first_time = serializers.BooleanField(read_only=True)
    seen_count = serializers.IntegerField(read_only=True)


# --- the read representation --------------------------------------------------------------
#
# A page of posts is read often and is large (a post, its original, its latest comments and
# their authors), so it is built by the plain functions below from what ``posts_decorate``
# and ``comments_for`` put on the objects, not field by field through DRF: no serializer
# per nested object, and each route reversed once per response (``Links``). The read
# serializers above document the shape for the schema and delegate to these functions.


class Links:
    """Absolute URLs for one response. Each route is reversed once, with stand-in values,
    and the ids are formatted into it afterwards: the same URLs as ``reverse()`` and
    ``request.build_absolute_uri()`` per item, for a fraction of the time."""

    _INT = 918_273_645  # Stand-ins that no real URL contains.
    _STR = "zq-stand-in-"
    _SAFE = RFC3986_SUBDELIMS + "/~:@"  # What Django's reverse() leaves unquoted.

    def __init__(self, request=None):
        self.request = request
        self.base = request.build_absolute_uri("/")[:-1] if request is not None else ""
        self._templates: dict[tuple, tuple] = {}
        self._people: dict[int, dict] = {}

    @classmethod
    def of(cls, context) -> "Links":
        """The ``Links`` of a serializer context (made once per response)."""
        links = context.get("feed_links")
        if links is None:
            links = context["feed_links"] = cls(context.get("request"))
        return links

    def absolute(self, url: str) -> str:
        if self.request is None:
            return url
        if (
            url.startswith("/")
            and not url.startswith("//")
            and url.isascii()
            and "/./" not in url
            and "/../" not in url
        ):
            return self.base + url
        return self.request.build_absolute_uri(url)

    def route(self, name: str, **values) -> str:
        """``absolute(reverse(name, kwargs=values))``."""
        key = (name, *values)
        found = self._templates.get(key)
        if found is None:
            stand_ins = {
                field: self._INT + i if isinstance(value, int) else f"{self._STR}{i}"
                for i, (field, value) in enumerate(values.items())
            }
            template = self.absolute(reverse(name, kwargs=stand_ins))
            template = template.replace("{", "{{").replace("}", "}}")
            for field, stand_in in stand_ins.items():
                template = template.replace(str(stand_in), f"{{{field}}}")
            texts = frozenset(f for f, v in values.items() if not isinstance(v, int))
            found = self._templates[key] = (template, texts)
        template, texts = found
        if texts:
            values = {
                field: quote(str(value), safe=self._SAFE) if field in texts else value
                for field, value in values.items()
            }
        return template.format(**values)

    def person(self, person) -> dict | None:
        """A person in one line (``PersonSummarySerializer``'s shape), once per person."""
        if person is None:
            return None
        data = self._people.get(person.pk)
        if data is None:
            data = self._people[person.pk] = {
                "username": person.username,
                "name": person.name,
                "job_title": person.job_title,
                "initials": person.initials,
                "avatar_url": self.absolute(person.avatar.url) if person.avatar else None,
                "url": self.route("profiles-api:person-detail", username=person.username),
            }
        return data


_DATETIME = serializers.DateTimeField()


def _datetime(value):
    return None if value is None else _DATETIME.to_representation(value)


def _choice(value):
    return None if value is None else str(value)


def _community_data(community, links: Links) -> dict | None:
    if community is None:
        return None
    return {
        "slug": community.slug,
        "name": community.name,
        "page_url": links.route("communities:detail", slug=community.slug),
    }


def _image_data(image, links: Links) -> dict:
    ids = {"pk": image.post_id, "image_pk": image.pk}
    return {
        "url": links.route("feed:post-image", **ids),
        "thumbnail_url": links.route("feed:post-thumbnail", **ids),
        "width": image.width,
        "height": image.height,
        "description": image.description,
    }


def _attachment_data(attachment, links: Links) -> dict:
    return {
        "name": attachment.name,
        "size": attachment.size,
        "content_type": attachment.content_type,
        "url": links.route(
            "feed:post-attachment", pk=attachment.post_id, attachment_pk=attachment.pk
        ),
    }


def _poll_data(post) -> dict | None:
    poll = selectors.attached(post, "poll")
    if poll is None:
        return None
    votes = set(getattr(post, "viewer_votes", ()) or ())
    show = bool(votes) or poll.is_closed
    return {
        "question": poll.question,
        "allows_multiple": poll.allows_multiple,
        "closes_at": _datetime(poll.closes_at),
        "is_closed": poll.is_closed,
        "voter_count": poll.voter_count if show else None,
        "show_results": show,
        "can_vote": not votes and not poll.is_closed and post.viewer_can_comment,
        "viewer_votes": sorted(votes),
        "options": [
            {"id": o.pk, "text": o.text, "votes": o.vote_count if show else None}
            for o in poll.option_list
        ],
    }


def _praise_data(post, links: Links) -> dict | None:
    praise = selectors.attached(post, "praise")
    if praise is None:
        return None
    return {
        "value": _choice(praise.value),
        "value_label": praise.get_value_display(),
        "recipients": [links.person(person) for person in post.praise_recipients],
    }


def _item_data(post, links: Links) -> dict | None:
    """What the post stands for, from the ``feed_summary`` its app's loader put on the item
    (``feed.items``); URLs made absolute."""
    if not post.item_id or not permissions.is_item_post(post):
        return None
    data = {"kind": _choice(post.kind), "id": post.item_id}
    item = getattr(post, "item", None)
    if item is None:
        data["unavailable"] = True
        return data
    for key, value in getattr(item, "feed_summary", {}).items():
        data[key] = links.absolute(value) if key.endswith("url") and value else value
    return data


def post_base_data(post, links: Links) -> dict:
    """``BasePostSerializer``'s shape for a post decorated by ``posts_decorate``."""
    return {
        "id": post.pk,
        "url": links.route("feed-api:post-detail", pk=post.pk),
        "page_url": links.route("feed:post-detail", pk=post.pk),
        "kind": _choice(post.kind),
        "author": links.person(post.author),
        "community": _community_data(post.community, links),
        "body": post.body,
        "body_html": post.body_html,
        "tags": [tag.name for tag in post.tag_list],
        "created_at": _datetime(post.created_at),
        "edited_at": _datetime(post.edited_at),
        "is_announcement": bool(post.is_announcement),
        "announcement_until": _datetime(post.announcement_until),
        "is_pinned": bool(post.is_pinned),
        "seen_count": post.seen_count,
        "counts": {
            "comments": post.comment_count,
            "reactions": post.reaction_count,
            "shares": post.share_count,
        },
        "reaction_summary": [
            {"kind": kind, "emoji": emoji, "count": count}
            for kind, emoji, count in getattr(post, "reaction_summary", ())
        ],
        "viewer": {
            "reaction": post.viewer_reaction,
            "bookmarked": post.viewer_bookmarked,
            "can_edit": post.viewer_can_edit,
            "can_delete": post.viewer_can_delete,
            "can_comment": post.viewer_can_comment,
            "can_restore": post.viewer_can_restore,
            "can_see_history": post.viewer_can_see_history,
        },
        "images": [_image_data(image, links) for image in post.image_list],
        "attachments": [_attachment_data(item, links) for item in post.attachment_list],
        "poll": _poll_data(post),
        "praise": _praise_data(post, links),
        "item": _item_data(post, links),
    }


def _shared_post_data(post, links: Links) -> dict | None:
    if post.kind != PostKind.SHARE:
        return None
    original = post.shared_post
    if original is None or not getattr(post, "original_visible", False):
        return {"unavailable": True}
    return post_base_data(original, links)


def post_data(post, links: Links) -> dict:
    """``PostSerializer``'s shape: a post decorated by ``posts_decorate``, as in a feed."""
    data = post_base_data(post, links)
    data["shared_post"] = _shared_post_data(post, links)
    data["latest_comments"] = [comment_data(c, links) for c in post.latest_comments]
    data["more_comment_count"] = post.more_comment_count
    return data


def _comment_viewer(comment, links: Links) -> dict:
    if hasattr(comment, "viewer_can_delete"):  # Decorated by the selectors.
        return {
            "reaction": comment.viewer_reaction,
            "can_edit": comment.viewer_can_edit,
            "can_delete": comment.viewer_can_delete,
        }
    # One comment on its own (just written, changed, or asked for by id).
    user = links.request.user
    reaction = (
        Reaction.objects.filter(
            content_type=ContentType.objects.get_for_model(comment),
            object_id=comment.pk,
            user=user,
        )
        .values_list("kind", flat=True)
        .first()
        if comment.reaction_count
        else None
    )
    return {
        "reaction": reaction,
        "can_edit": permissions.can_edit_comment(user, comment),
        "can_delete": permissions.can_delete_comment(user, comment, comment.target),
    }


def reply_data(comment, links: Links) -> dict:
    """``ReplySerializer``'s shape."""
    return {
        "id": comment.pk,
        "url": links.route("feed-api:comment-detail", pk=comment.pk),
        "post": comment.object_id,
        "parent": comment.parent_id,
        "author": links.person(comment.author),
        "body": comment.body,
        "body_html": comment.body_html,
        "created_at": _datetime(comment.created_at),
        "edited_at": _datetime(comment.edited_at),
        "reply_count": comment.reply_count,
        "reaction_count": comment.reaction_count,
        "viewer": _comment_viewer(comment, links),
    }


def comment_data(comment, links: Links) -> dict:
    """``CommentSerializer``'s shape: a comment with its ``reply_list`` when it has one."""
    data = reply_data(comment, links)
    data["replies"] = [reply_data(r, links) for r in getattr(comment, "reply_list", None) or []]
    return data


# --- writing ------------------------------------------------------------------------------


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know (``images[]`` and ``poll.question`` are known)."""

    default_error_messages = {"unknown": _("This field does not exist or cannot be changed.")}

    def validate(self, attrs):
        sent = {str(key).split(".")[0].split("[")[0] for key in self.initial_data}
        unknown = sorted(sent - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {name: [self.error_messages["unknown"]] for name in unknown}
            )
        return attrs


class _BracketListMixin:
    """A list in multipart as ``name``, ``name[]`` (repeated) or ``name[0]``."""

    def get_value(self, dictionary):
        if html.is_html_input(dictionary):
            values = dictionary.getlist(self.field_name) + dictionary.getlist(
                f"{self.field_name}[]"
            )
            if values:
                return values
            found = html.parse_html_list(dictionary, prefix=self.field_name, default=empty)
            return found
        return dictionary.get(self.field_name, empty)


class ListField(_BracketListMixin, serializers.ListField):
    pass


class _JSONInMultipartMixin:
    """A nested object: JSON, or in multipart a JSON string (``poll='{...}'``) or dotted
    fields (``poll.question``, ``poll.options``)."""

    default_error_messages = {"json": _("Send an object (in multipart: a JSON object).")}

    def get_value(self, dictionary):
        if html.is_html_input(dictionary) and self.field_name in dictionary:
            value = dictionary.get(self.field_name)
            if value == "":  # An empty form field: no poll, no praise.
                return None if self.allow_null else empty
            return value
        return super().get_value(dictionary)

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                self.fail("json")
        if not isinstance(data, dict):
            self.fail("json")
        return super().to_internal_value(data)


class PollInputSerializer(_JSONInMultipartMixin, serializers.Serializer):
    question = serializers.CharField(allow_blank=True, required=False, default="")
    options = ListField(child=serializers.CharField(allow_blank=True), required=False)
    allows_multiple = serializers.BooleanField(required=False, default=False)
    closes_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text=_("Default: in a week.")
    )


class PraiseInputSerializer(_JSONInMultipartMixin, serializers.Serializer):
    value = serializers.ChoiceField(
        choices=PraiseValue.choices,
        error_messages={"invalid_choice": _("Choose the value you are thanking them for.")},
    )
    recipients = ListField(
        child=serializers.SlugRelatedField(
            slug_field="username",
            queryset=User.objects.active(),
            error_messages={"does_not_exist": _("There is no active person “{value}”.")},
        ),
        help_text=_("Usernames of the colleagues you thank."),
    )


class VisibleCommunityField(serializers.SlugRelatedField):
    """A community slug among those the signed-in person may see (a secret community they
    are not in answers like an unknown one)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages", {"does_not_exist": _("There is no community “{value}”.")}
        )
        super().__init__(slug_field="slug", queryset=Community.objects.none(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        user = request.user if request else None
        if user is None:
            return Community.objects.none()
        return Community.objects.visible_to(user)


class PostCreateSerializer(StrictSerializer):
    """A new post. JSON, or multipart for ``images`` and ``attachments``."""

    body = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        trim_whitespace=False,
        help_text=_("Up to 5,000 characters of light Markdown; @mentions and #hashtags."),
    )
    community = VisibleCommunityField(
        required=False, allow_null=True, help_text=_("A community slug; null for company-wide.")
    )
    tags = ListField(child=serializers.CharField(), required=False, help_text=_("Topics."))
    is_announcement = serializers.BooleanField(required=False, default=False)
    announcement_until = serializers.DateTimeField(
        required=False, allow_null=True, help_text=_("Pinned until; default: in a week.")
    )
    images = ListField(
        child=UploadField(), required=False, help_text=_("Up to 10 images (multipart only).")
    )
    attachments = ListField(
        child=UploadField(), required=False, help_text=_("Files (multipart only).")
    )
    poll = PollInputSerializer(required=False, allow_null=True)
    praise = PraiseInputSerializer(required=False, allow_null=True)


class PostEditSerializer(StrictSerializer):
    body = serializers.CharField(allow_blank=True, required=False, trim_whitespace=False)
    tags = ListField(
        child=serializers.CharField(), required=False, help_text=_("Replaces the topics.")
    )


class ShareCreateSerializer(StrictSerializer):
    body = serializers.CharField(
        allow_blank=True, required=False, default="", help_text=_("An optional comment.")
    )
    community = VisibleCommunityField(
        required=False,
        allow_null=True,
        help_text=_("Share into this community (slug); null: to your followers."),
    )


class CommentCreateSerializer(StrictSerializer):
    body = serializers.CharField(allow_blank=True, trim_whitespace=False)
    parent = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Reply to this comment (its id).")
    )


class CommentEditSerializer(StrictSerializer):
    body = serializers.CharField(allow_blank=True, trim_whitespace=False)


REACTION_ERRORS = {"invalid_choice": _("Choose one of the reactions offered.")}


class ReactionInputSerializer(StrictSerializer):
    kind = serializers.ChoiceField(choices=ReactionKind.choices, error_messages=REACTION_ERRORS)


class ReactionFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=ReactionKind.choices, required=False, error_messages=REACTION_ERRORS
    )


class VoteSerializer(StrictSerializer):
    options = ListField(child=serializers.IntegerField(), help_text=_("Option ids."))
