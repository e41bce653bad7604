"""API shapes for the feed: posts as ``feed.selectors.posts_decorate`` prepares them, the
conversation around them, and what a person may send to write them.

The read serializers only read what the selectors put on the objects (``viewer_reaction``,
``image_list``, ``latest_comments``...), so a page of posts costs the same few queries
whatever its length. The rules for what may be written live in the services; the write
serializers only turn JSON or multipart into the services' arguments.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.utils import html

from communities.models import Community
from feed import permissions
from feed.models import REACTION_EMOJI, PostKind, PraiseValue, Reaction, ReactionKind
from profiles.models import User
from profiles.serializers import PersonSummarySerializer, UploadField


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request else url


def _api_url(request, name: str, **kwargs) -> str:
    return _absolute(request, reverse(f"feed-api:{name}", kwargs=kwargs))


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
        return _absolute(self.context.get("request"), community.get_absolute_url())


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
        return _absolute(self.context.get("request"), image_url(image))

    def get_thumbnail_url(self, image) -> str:
        return _absolute(self.context.get("request"), image_url(image, thumbnail=True))


class PostAttachmentSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True, help_text=_("In bytes."))
    content_type = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, attachment) -> str:
        return _absolute(self.context.get("request"), attachment_url(attachment))


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
        return _api_url(self.context.get("request"), "comment-detail", pk=comment.pk)

    @extend_schema_field(CommentViewerSerializer)
    def get_viewer(self, comment):
        if hasattr(comment, "viewer_can_delete"):  # Decorated by the selectors.
            return {
                "reaction": comment.viewer_reaction,
                "can_edit": comment.viewer_can_edit,
                "can_delete": comment.viewer_can_delete,
            }
        # One comment on its own (just written, changed, or asked for by id).
        user = self.context["request"].user
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


class CommentSerializer(ReplySerializer):
    """A top-level comment or a reply; ``replies`` is only filled in the full comment list."""

    replies = serializers.SerializerMethodField()

    @extend_schema_field(ReplySerializer(many=True))
    def get_replies(self, comment):
        replies = getattr(comment, "reply_list", None) or []
        return ReplySerializer(replies, many=True, context=self.context).data


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

    @property
    def _request(self):
        return self.context.get("request")

    def get_url(self, post) -> str:
        return _api_url(self._request, "post-detail", pk=post.pk)

    def get_page_url(self, post) -> str:
        return _absolute(self._request, post.get_absolute_url())

    def get_tags(self, post) -> list[str]:
        return [tag.name for tag in post.tag_list]

    @extend_schema_field(CountsSerializer)
    def get_counts(self, post):
        return CountsSerializer(post).data

    @extend_schema_field(ReactionCountSerializer(many=True))
    def get_reaction_summary(self, post):
        return [
            {"kind": kind, "emoji": emoji, "count": count}
            for kind, emoji, count in getattr(post, "reaction_summary", ())
        ]

    @extend_schema_field(PostViewerSerializer)
    def get_viewer(self, post):
        return {
            "reaction": post.viewer_reaction,
            "bookmarked": post.viewer_bookmarked,
            "can_edit": post.viewer_can_edit,
            "can_delete": post.viewer_can_delete,
            "can_comment": post.viewer_can_comment,
            "can_restore": post.viewer_can_restore,
            "can_see_history": post.viewer_can_see_history,
        }

    @extend_schema_field(PostImageSerializer(many=True))
    def get_images(self, post):
        return PostImageSerializer(post.image_list, many=True, context=self.context).data

    @extend_schema_field(PostAttachmentSerializer(many=True))
    def get_attachments(self, post):
        return PostAttachmentSerializer(post.attachment_list, many=True, context=self.context).data

    @extend_schema_field(PollSerializer(allow_null=True))
    def get_poll(self, post):
        if post.kind != PostKind.POLL:
            return None
        poll = post.poll
        votes = set(getattr(post, "viewer_votes", ()) or ())
        show = bool(votes) or poll.is_closed
        return {
            "question": poll.question,
            "allows_multiple": poll.allows_multiple,
            "closes_at": serializers.DateTimeField().to_representation(poll.closes_at),
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

    @extend_schema_field(PraiseSerializer(allow_null=True))
    def get_praise(self, post):
        if post.kind != PostKind.PRAISE:
            return None
        praise = post.praise
        return {
            "value": praise.value,
            "value_label": praise.get_value_display(),
            "recipients": PersonSummarySerializer(
                post.praise_recipients, many=True, context=self.context
            ).data,
        }


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
        if post.kind != PostKind.SHARE:
            return None
        original = post.shared_post
        if original is None or not getattr(post, "original_visible", False):
            return {"unavailable": True}
        return BasePostSerializer(original, context=self.context).data

    @extend_schema_field(CommentSerializer(many=True))
    def get_latest_comments(self, post):
        return CommentSerializer(post.latest_comments, many=True, context=self.context).data


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


def image_url(image, *, thumbnail: bool = False) -> str:
    """Where an image of a post is served (the page checks that the post is visible)."""
    name = "feed:post-thumbnail" if thumbnail else "feed:post-image"
    return reverse(name, kwargs={"pk": image.post_id, "image_pk": image.pk})


def attachment_url(attachment) -> str:
    return reverse(
        "feed:post-attachment", kwargs={"pk": attachment.post_id, "attachment_pk": attachment.pk}
    )
