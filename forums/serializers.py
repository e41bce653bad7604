"""API shapes for the forum: categories, threads and replies as the selectors prepare them,
and what a person may send to write them.

As in ``feed.serializers``, the read shapes are built by plain functions (``category_data``,
``thread_data``, ``reply_data``) from what the selectors put on the objects, with
``feed.serializers.Links`` reversing each route once per response; the read serializers
below document those shapes for the schema. The viewer's rights come from ``ThreadRights``,
computed once per thread and place. The rules for what may be written live in the services;
the write serializers only turn the request into the services' arguments.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from communities.permissions import can_read_content
from feed.serializers import (
    ListField,
    PostCommunitySerializer,
    StrictSerializer,
    _community_data,
    _datetime,
    _described_choices,
)
from forums import permissions
from forums.models import ReplyVote, ThreadKind
from moderation.permissions import can_moderate_in
from profiles.serializers import PersonSummarySerializer, UploadField

# --- reading ----------------------------------------------------------------------------


@_described_choices(ThreadKind.choices)
class ThreadKindField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=ThreadKind.choices, **kwargs)


class CategorySerializer(serializers.Serializer):
    """A forum category, company-wide (``community`` null) or a community's."""

    id = serializers.IntegerField(read_only=True)
    url = serializers.URLField(read_only=True, help_text=_("Its threads (API)."))
    page_url = serializers.URLField(read_only=True)
    name = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    position = serializers.IntegerField(read_only=True)
    community = PostCommunitySerializer(read_only=True, allow_null=True)
    thread_count = serializers.IntegerField(
        read_only=True, help_text=_("Threads you may see in it.")
    )
    last_activity_at = serializers.DateTimeField(read_only=True, allow_null=True)


class ThreadViewerSerializer(serializers.Serializer):
    """The signed-in person and this thread."""

    followed = serializers.BooleanField(read_only=True)
    can_edit = serializers.BooleanField(read_only=True)
    can_delete = serializers.BooleanField(read_only=True)
    can_accept = serializers.BooleanField(read_only=True)
    can_reply = serializers.BooleanField(read_only=True)
    can_moderate = serializers.BooleanField(read_only=True)
    can_restore = serializers.BooleanField(read_only=True)
    can_see_history = serializers.BooleanField(
        read_only=True, help_text=_("The author and the moderators see earlier versions.")
    )


class ThreadCategorySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = serializers.URLField(read_only=True)


class ThreadSerializer(serializers.Serializer):
    """A discussion or a question."""

    id = serializers.IntegerField(read_only=True)
    url = serializers.URLField(read_only=True)
    page_url = serializers.URLField(read_only=True)
    kind = ThreadKindField(read_only=True)
    title = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    body_html = serializers.CharField(read_only=True, help_text=_("Sanitised HTML."))
    tags = serializers.ListField(child=serializers.CharField(), read_only=True)
    author = PersonSummarySerializer(read_only=True)
    category = ThreadCategorySerializer(read_only=True)
    community = PostCommunitySerializer(read_only=True, allow_null=True)
    is_pinned = serializers.BooleanField(read_only=True)
    is_locked = serializers.BooleanField(read_only=True)
    is_deleted = serializers.BooleanField(read_only=True)
    solved = serializers.BooleanField(read_only=True)
    accepted_reply = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("The accepted answer's id.")
    )
    reply_count = serializers.IntegerField(read_only=True)
    score = serializers.IntegerField(read_only=True, help_text=_("The sum of its replies' votes."))
    view_count = serializers.IntegerField(read_only=True)
    time_to_first_reply_seconds = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Null until someone else replies.")
    )
    time_to_accepted_answer_seconds = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Null while unsolved.")
    )
    created_at = serializers.DateTimeField(read_only=True)
    edited_at = serializers.DateTimeField(read_only=True, allow_null=True)
    last_activity_at = serializers.DateTimeField(read_only=True, allow_null=True)
    viewer = ThreadViewerSerializer(read_only=True)


class ThreadPageSerializer(serializers.Serializer):
    """One page of a category's threads, pinned ones first."""

    count = serializers.IntegerField(read_only=True)
    page = serializers.IntegerField(read_only=True)
    num_pages = serializers.IntegerField(read_only=True)
    next = serializers.URLField(read_only=True, allow_null=True)
    previous = serializers.URLField(read_only=True, allow_null=True)
    results = ThreadSerializer(many=True, read_only=True)


class ReplyViewerSerializer(serializers.Serializer):
    vote = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("1, -1, or null: no vote.")
    )
    can_vote = serializers.BooleanField(read_only=True)
    can_edit = serializers.BooleanField(read_only=True)
    can_delete = serializers.BooleanField(read_only=True)
    can_see_history = serializers.BooleanField(read_only=True)


class ReplyAttachmentSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True, help_text=_("In bytes."))
    content_type = serializers.CharField(read_only=True)
    url = serializers.URLField(read_only=True)


class ForumReplySerializer(serializers.Serializer):
    """A reply in a thread."""

    id = serializers.IntegerField(read_only=True)
    url = serializers.URLField(read_only=True)
    thread = serializers.IntegerField(read_only=True)
    author = PersonSummarySerializer(read_only=True)
    body = serializers.CharField(read_only=True)
    body_html = serializers.CharField(read_only=True, help_text=_("Sanitised HTML."))
    quoted = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("The id of the reply it quotes.")
    )
    up_count = serializers.IntegerField(read_only=True)
    down_count = serializers.IntegerField(read_only=True)
    score = serializers.IntegerField(read_only=True)
    is_accepted = serializers.BooleanField(read_only=True)
    attachments = ReplyAttachmentSerializer(many=True, read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    edited_at = serializers.DateTimeField(read_only=True, allow_null=True)
    viewer = ReplyViewerSerializer(read_only=True)


class ReplyPageSerializer(serializers.Serializer):
    """One page of a thread's replies: a question's best first, a discussion's oldest first."""

    count = serializers.IntegerField(read_only=True)
    page = serializers.IntegerField(read_only=True)
    num_pages = serializers.IntegerField(read_only=True)
    next = serializers.URLField(read_only=True, allow_null=True)
    previous = serializers.URLField(read_only=True, allow_null=True)
    results = ForumReplySerializer(many=True, read_only=True)


class ThreadFollowStateSerializer(serializers.Serializer):
    thread = serializers.IntegerField(read_only=True)
    followed = serializers.BooleanField(read_only=True)


class ThreadListSerializer(serializers.Serializer):
    """The latest threads anywhere in the forum (no pinning outside a category)."""

    results = ThreadSerializer(many=True, read_only=True)


class SimilarThreadSerializer(serializers.Serializer):
    """A thread that may already answer what is being asked."""

    id = serializers.IntegerField(read_only=True)
    url = serializers.URLField(read_only=True)
    page_url = serializers.URLField(read_only=True)
    kind = ThreadKindField(read_only=True)
    title = serializers.CharField(read_only=True)
    solved = serializers.BooleanField(read_only=True)
    reply_count = serializers.IntegerField(read_only=True)
    category = ThreadCategorySerializer(read_only=True)
    community = PostCommunitySerializer(read_only=True, allow_null=True)
    last_activity_at = serializers.DateTimeField(read_only=True, allow_null=True)


class SimilarThreadListSerializer(serializers.Serializer):
    results = SimilarThreadSerializer(many=True, read_only=True)


class ThreadRevisionSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    written_at = serializers.DateTimeField(read_only=True)
    replaced_at = serializers.DateTimeField(read_only=True)
    replaced_by = PersonSummarySerializer(read_only=True, allow_null=True)


class ThreadHistorySerializer(serializers.Serializer):
    """A thread's current title and text and every earlier one, newest first."""

    title = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    edited_at = serializers.DateTimeField(read_only=True, allow_null=True)
    is_deleted = serializers.BooleanField(read_only=True)
    revisions = ThreadRevisionSerializer(many=True, read_only=True)


class ReplyRevisionSerializer(serializers.Serializer):
    body = serializers.CharField(read_only=True)
    written_at = serializers.DateTimeField(read_only=True)
    replaced_at = serializers.DateTimeField(read_only=True)
    replaced_by = PersonSummarySerializer(read_only=True, allow_null=True)


class ReplyHistorySerializer(serializers.Serializer):
    """A reply's current text and every earlier one, newest first."""

    body = serializers.CharField(read_only=True)
    edited_at = serializers.DateTimeField(read_only=True, allow_null=True)
    revisions = ReplyRevisionSerializer(many=True, read_only=True)


# --- the read representation ------------------------------------------------------------


class ThreadRights:
    """What the viewer may do, with the moderator question asked once per place."""

    def __init__(self, user):
        self.user = user
        self._moderates: dict = {}
        self._reads: dict = {}

    def moderates(self, community) -> bool:
        key = community.pk if community is not None else None
        if key not in self._moderates:
            self._moderates[key] = self.user.is_authenticated and can_moderate_in(
                self.user, community
            )
        return self._moderates[key]

    def reads(self, community) -> bool:
        if community is None:
            return True
        if community.pk not in self._reads:
            self._reads[community.pk] = can_read_content(self.user, community)
        return self._reads[community.pk]

    def open_for_writes(self, thread) -> bool:
        archived = thread.community is not None and thread.community.is_archived
        return not thread.is_deleted and not thread.is_locked and not archived

    def thread(self, thread) -> dict:
        user, community = self.user, thread.community
        archived = community is not None and community.is_archived
        moderator = self.moderates(community)
        mine = thread.author_id == user.pk
        return {
            "followed": bool(getattr(thread, "is_followed", False)),
            "can_edit": permissions.can_edit_thread(user, thread) and not thread.is_deleted,
            "can_delete": not thread.is_deleted and (mine or moderator),
            "can_accept": thread.is_question
            and not archived
            and not thread.is_deleted
            and (mine or moderator),
            "can_reply": self.open_for_writes(thread) and self.reads(community),
            "can_moderate": moderator,
            "can_restore": thread.is_deleted and moderator,
            "can_see_history": user.is_authenticated and (mine or moderator),
        }

    def reply(self, reply, thread) -> dict:
        mine = self.user.is_authenticated and reply.author_id == self.user.pk
        writable = self.open_for_writes(thread)
        moderator = self.moderates(thread.community)
        return {
            "vote": getattr(reply, "viewer_vote", None),
            "can_vote": writable and not mine,
            "can_edit": writable and mine,
            "can_delete": mine or moderator,
            "can_see_history": mine or moderator,
        }


def _seconds(delta):
    return None if delta is None else int(delta.total_seconds())


def category_data(category, links) -> dict:
    """``CategorySerializer``'s shape (counts as ``selectors.categories_for`` annotates them)."""
    return {
        "id": category.pk,
        "url": links.route("forums-api:category-threads", pk=category.pk),
        "page_url": links.absolute(category.get_absolute_url()),
        "name": category.name,
        "slug": category.slug,
        "description": category.description,
        "position": category.position,
        "community": _community_data(category.community, links),
        "thread_count": getattr(category, "thread_count", 0),
        "last_activity_at": _datetime(getattr(category, "last_activity_at", None)),
    }


def thread_data(thread, links, rights: ThreadRights) -> dict:
    """``ThreadSerializer``'s shape for a thread from ``threads_in`` or ``thread_detail``."""
    category = thread.category
    return {
        "id": thread.pk,
        "url": links.route("forums-api:thread-detail", pk=thread.pk),
        "page_url": links.route("forums:thread-detail", pk=thread.pk),
        "kind": str(thread.kind),
        "title": thread.title,
        "body": thread.body,
        "body_html": thread.body_html,
        "tags": sorted(tag.name for tag in thread.tags.all()),
        "author": links.person(thread.author),
        "category": {
            "id": category.pk,
            "name": category.name,
            "url": links.route("forums-api:category-threads", pk=category.pk),
        },
        "community": _community_data(thread.community, links),
        "is_pinned": thread.is_pinned,
        "is_locked": thread.is_locked,
        "is_deleted": thread.is_deleted,
        "solved": thread.is_solved,
        "accepted_reply": thread.accepted_reply_id,
        "reply_count": thread.reply_count,
        "score": thread.score,
        "view_count": thread.view_count,
        "time_to_first_reply_seconds": _seconds(thread.time_to_first_reply),
        "time_to_accepted_answer_seconds": _seconds(thread.time_to_accepted_answer),
        "created_at": _datetime(thread.created_at),
        "edited_at": _datetime(thread.edited_at),
        "last_activity_at": _datetime(thread.last_activity_at),
        "viewer": rights.thread(thread),
    }


def similar_thread_data(thread, links) -> dict:
    """``SimilarThreadSerializer``'s shape for a thread from ``selectors.similar_threads``."""
    category = thread.category
    return {
        "id": thread.pk,
        "url": links.route("forums-api:thread-detail", pk=thread.pk),
        "page_url": links.route("forums:thread-detail", pk=thread.pk),
        "kind": str(thread.kind),
        "title": thread.title,
        "solved": thread.is_solved,
        "reply_count": thread.reply_count,
        "category": {
            "id": category.pk,
            "name": category.name,
            "url": links.route("forums-api:category-threads", pk=category.pk),
        },
        "community": _community_data(thread.community, links),
        "last_activity_at": _datetime(thread.last_activity_at),
    }


def _revision_data(revision, links, *, with_title: bool) -> dict:
    data = {"title": revision.title} if with_title else {}
    data.update(
        body=revision.body,
        written_at=_datetime(revision.written_at),
        replaced_at=_datetime(revision.replaced_at),
        replaced_by=links.person(revision.replaced_by),
    )
    return data


def thread_history_data(thread, revisions, links) -> dict:
    """``ThreadHistorySerializer``'s shape."""
    return {
        "title": thread.title,
        "body": thread.body,
        "edited_at": _datetime(thread.edited_at),
        "is_deleted": thread.is_deleted,
        "revisions": [_revision_data(r, links, with_title=True) for r in revisions],
    }


def reply_history_data(reply, revisions, links) -> dict:
    """``ReplyHistorySerializer``'s shape."""
    return {
        "body": reply.body,
        "edited_at": _datetime(reply.edited_at),
        "revisions": [_revision_data(r, links, with_title=False) for r in revisions],
    }


def reply_data(reply, thread, links, rights: ThreadRights) -> dict:
    """``ForumReplySerializer``'s shape. A reply from ``replies_for`` carries ``viewer_vote``
    and ``is_accepted``; a single reply (just written or changed) is looked up here."""
    if not hasattr(reply, "viewer_vote"):
        reply.viewer_vote = (
            ReplyVote.objects.filter(reply=reply, user=rights.user)
            .values_list("value", flat=True)
            .first()
        )
    return {
        "id": reply.pk,
        "url": links.route("forums-api:reply-detail", pk=reply.pk),
        "thread": thread.pk,
        "author": links.person(reply.author),
        "body": reply.body,
        "body_html": reply.body_html,
        "quoted": reply.quoted_id,
        "up_count": reply.up_count,
        "down_count": reply.down_count,
        "score": reply.score,
        "is_accepted": thread.accepted_reply_id == reply.pk,
        "attachments": [
            {
                "name": item.name,
                "size": item.size,
                "content_type": item.content_type,
                "url": links.route("forums:reply-file", pk=reply.pk, attachment_pk=item.pk),
            }
            for item in reply.attachments.all()
        ],
        "created_at": _datetime(reply.created_at),
        "edited_at": _datetime(reply.edited_at),
        "viewer": rights.reply(reply, thread),
    }


# --- writing ----------------------------------------------------------------------------


class CategoryCreateSerializer(StrictSerializer):
    name = serializers.CharField(allow_blank=True)
    community = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text=_("A community slug; null for the company-wide forum."),
    )
    slug = serializers.CharField(required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")


class CategoryEditSerializer(StrictSerializer):
    name = serializers.CharField(required=False, allow_blank=True)
    slug = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Empty: made from the name.")
    )
    description = serializers.CharField(required=False, allow_blank=True)


class CategoryReorderSerializer(StrictSerializer):
    community = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text=_("A community slug; null for the company-wide forum."),
    )
    order = ListField(
        child=serializers.IntegerField(),
        allow_empty=False,
        help_text=_("Category ids, first to last; those left out follow in their order."),
    )


class ThreadCreateSerializer(StrictSerializer):
    category = serializers.IntegerField(help_text=_("The category's id."))
    kind = serializers.CharField(
        required=False, default=ThreadKind.DISCUSSION, help_text=_("discussion or question.")
    )
    title = serializers.CharField(allow_blank=True, trim_whitespace=False)
    body = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        trim_whitespace=False,
        help_text=_("Light Markdown; @mentions and #hashtags."),
    )
    tags = ListField(child=serializers.CharField(), required=False, default=list)
    ask = ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text=_(
            "Usernames of up to 5 people to ask for an answer (those who may not see the "
            "thread are left out)."
        ),
    )


class ThreadEditSerializer(StrictSerializer):
    title = serializers.CharField(allow_blank=True, required=False, trim_whitespace=False)
    body = serializers.CharField(allow_blank=True, required=False, trim_whitespace=False)
    tags = ListField(
        child=serializers.CharField(), required=False, help_text=_("Replaces the topics.")
    )


class ReplyCreateSerializer(StrictSerializer):
    body = serializers.CharField(allow_blank=True, trim_whitespace=False)
    quoted = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Quote this reply (its id).")
    )
    attachments = ListField(
        child=UploadField(), required=False, default=list, help_text=_("Files (multipart only).")
    )


class ReplyEditSerializer(StrictSerializer):
    body = serializers.CharField(allow_blank=True, trim_whitespace=False)


class VoteInputSerializer(StrictSerializer):
    value = serializers.IntegerField(help_text=_("1 (up) or -1 (down)."))


class AcceptInputSerializer(StrictSerializer):
    reply = serializers.IntegerField(help_text=_("The id of the reply to accept."))


class MoveInputSerializer(StrictSerializer):
    category = serializers.IntegerField(help_text=_("The id of the category to move it to."))


class MergeInputSerializer(StrictSerializer):
    into = serializers.IntegerField(help_text=_("The id of the thread to merge this one into."))


# --- experts ----------------------------------------------------------------------------


class ExpertsQuerySerializer(serializers.Serializer):
    topic = serializers.CharField(
        max_length=200, help_text=_("A tag (with or without #) or a few words.")
    )

    def validate_topic(self, value: str) -> str:
        from forums.experts import clean_topic

        topic = clean_topic(value)
        if not topic:
            raise serializers.ValidationError(_("Type a topic to find experts on."))
        return topic


class ExpertEvidenceSerializer(serializers.Serializer):
    kind = serializers.CharField(
        read_only=True,
        help_text=_(
            "accepted (accepted answers), upvotes (up-votes on replies), skill (a declared "
            "skill), article (published articles) or post (posts)."
        ),
    )
    count = serializers.IntegerField(read_only=True)
    topic = serializers.CharField(read_only=True, help_text=_("The topic, or the skill's name."))
    text = serializers.CharField(read_only=True, help_text=_("The evidence as a sentence."))


class ExpertSerializer(serializers.Serializer):
    person = PersonSummarySerializer(read_only=True)
    profile_url = serializers.URLField(read_only=True)
    score = serializers.IntegerField(read_only=True)
    evidence = ExpertEvidenceSerializer(many=True, read_only=True)


class ExpertListSerializer(serializers.Serializer):
    topic = serializers.CharField(read_only=True)
    results = ExpertSerializer(many=True, read_only=True)


def expert_data(expert, links) -> dict:
    """``ExpertSerializer``'s shape for a ``forums.experts.Expert``."""
    person = expert.person
    return {
        "person": links.person(person),
        "profile_url": links.route("profiles:detail", username=person.username),
        "score": expert.score,
        "evidence": [
            {"kind": item.kind, "count": item.count, "topic": item.topic, "text": item.text}
            for item in expert.evidence
        ],
    }
