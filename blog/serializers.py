"""API shapes for the blogs: articles as ``blog.selectors`` prepares them, a blog's page of
them, earlier versions, the Atom feed token, and what a person may send to write an article.

As in ``feed.serializers``, the read shapes are built by plain functions (``article_data``,
``blog_data``) from what the selectors put on the objects, with ``feed.serializers.Links``
reversing each route once per response; the read serializers below document those shapes
for the schema. The rules for what may be written live in ``blog.services.articles``; the
write serializers only turn JSON or multipart into the services' arguments.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from blog import permissions
from blog.models import BODY_MAX_LENGTH, EXCERPT_MAX_LENGTH, TITLE_MAX_LENGTH, Blog, BlogKind
from blog.services.articles import DRAFT, PUBLISH_NOW, SCHEDULE
from feed import permissions as conversation_permissions
from feed.serializers import (
    ListField,
    PostCommunitySerializer,
    ReactionCountSerializer,
    StrictSerializer,
    ViewerReactionField,
    VisibleCommunityField,
    _community_data,
    _datetime,
    _described_choices,
)
from profiles.serializers import PersonSummarySerializer, UploadField

PUBLISH_CHOICES = [
    (DRAFT, _("Save as a draft")),
    (PUBLISH_NOW, _("Publish now")),
    (SCHEDULE, _("Schedule")),
]

# --- reading ----------------------------------------------------------------------------


@_described_choices(BlogKind.choices)
class BlogKindField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=BlogKind.choices, **kwargs)


class ArticlePlacementSerializer(serializers.Serializer):
    """Which blog an article is in: the company blog, its author's, or a community's."""

    kind = BlogKindField(read_only=True)
    community = PostCommunitySerializer(read_only=True, allow_null=True)


class ArticleCountsSerializer(serializers.Serializer):
    comments = serializers.IntegerField(read_only=True)
    reactions = serializers.IntegerField(read_only=True)
    views = serializers.IntegerField(read_only=True)


class ArticleViewerSerializer(serializers.Serializer):
    """The signed-in person and this article: their reaction and what they may do."""

    reaction = ViewerReactionField(read_only=True, allow_null=True)
    can_edit = serializers.BooleanField(
        read_only=True, help_text=_("Edit, publish and unpublish: the author.")
    )
    can_delete = serializers.BooleanField(read_only=True)
    can_restore = serializers.BooleanField(read_only=True)
    can_see_history = serializers.BooleanField(read_only=True)
    can_comment = serializers.BooleanField(read_only=True, help_text=_("Comment and react."))


class TocEntrySerializer(serializers.Serializer):
    level = serializers.IntegerField(read_only=True, help_text=_("2 to 4."))
    id = serializers.CharField(read_only=True, help_text=_("The heading's anchor in body_html."))
    text = serializers.CharField(read_only=True)


class ArticleSummarySerializer(serializers.Serializer):
    """An article as a list shows it (without its text)."""

    id = serializers.IntegerField(read_only=True)
    url = serializers.URLField(read_only=True)
    page_url = serializers.URLField(read_only=True)
    title = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True, help_text=_("Its address within its blog."))
    excerpt = serializers.CharField(read_only=True)
    cover_url = serializers.URLField(
        read_only=True, allow_null=True, help_text=_("For those who may read the article.")
    )
    reading_minutes = serializers.IntegerField(read_only=True)
    tags = serializers.ListField(child=serializers.CharField(), read_only=True)
    author = PersonSummarySerializer(read_only=True)
    placement = ArticlePlacementSerializer(read_only=True)
    status = serializers.CharField(
        read_only=True, help_text=_("`draft`, `scheduled` or `published`.")
    )
    publish_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text=_("When a scheduled article goes out.")
    )
    published_at = serializers.DateTimeField(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    edited_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text=_("Last changed after it was published.")
    )
    is_deleted = serializers.BooleanField(read_only=True)
    counts = ArticleCountsSerializer(read_only=True)
    viewer = ArticleViewerSerializer(read_only=True)


class ArticleSerializer(ArticleSummarySerializer):
    """One article with its text."""

    body = serializers.CharField(read_only=True, help_text=_("As written (light Markdown)."))
    body_html = serializers.CharField(read_only=True, help_text=_("Sanitised HTML."))
    toc = TocEntrySerializer(many=True, read_only=True, help_text=_("Its headings."))
    reaction_summary = ReactionCountSerializer(many=True, read_only=True)
    notice = serializers.CharField(
        read_only=True,
        help_text=_(
            "After publishing or scheduling: what the author should know (for example that "
            "a scheduled time had passed and the article was published now); else empty."
        ),
    )


class BlogSerializer(serializers.Serializer):
    """The blog a list of articles is from."""

    kind = BlogKindField(read_only=True)
    name = serializers.CharField(read_only=True)
    author = PersonSummarySerializer(
        read_only=True, allow_null=True, help_text=_("A personal blog's owner.")
    )
    community = PostCommunitySerializer(read_only=True, allow_null=True)
    page_url = serializers.URLField(read_only=True)
    atom_url = serializers.URLField(
        read_only=True,
        allow_null=True,
        help_text=_("Its Atom feed (add ?token= with your feed token); null for community blogs."),
    )
    can_write = serializers.BooleanField(read_only=True)


class ArticlePageSerializer(serializers.Serializer):
    """One page of articles, newest first."""

    blog = BlogSerializer(
        read_only=True, allow_null=True, help_text=_("Null for the list of every blog.")
    )
    results = ArticleSummarySerializer(many=True, read_only=True)
    next = serializers.URLField(
        read_only=True, allow_null=True, help_text=_("Older articles; null on the last page.")
    )


class ArticleListSerializer(serializers.Serializer):
    results = ArticleSummarySerializer(many=True, read_only=True)


class ArticleRevisionSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    written_at = serializers.DateTimeField(read_only=True)
    replaced_at = serializers.DateTimeField(read_only=True)
    replaced_by = PersonSummarySerializer(read_only=True, allow_null=True)


class ArticleHistorySerializer(serializers.Serializer):
    """The current title and text and every earlier one, newest first."""

    title = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    edited_at = serializers.DateTimeField(read_only=True, allow_null=True)
    is_deleted = serializers.BooleanField(read_only=True)
    revisions = ArticleRevisionSerializer(many=True, read_only=True)


class FeedTokenSerializer(serializers.Serializer):
    """The secret that lets a feed reader fetch the blogs' Atom feeds as you."""

    token = serializers.CharField(read_only=True)
    company_atom_url = serializers.URLField(read_only=True)
    personal_atom_url = serializers.URLField(read_only=True, help_text=_("Your own blog's feed."))
    updated_at = serializers.DateTimeField(read_only=True)


# --- the read representation ------------------------------------------------------------


def _page_url(article, links) -> str:
    if article.community_id:
        return links.route(
            "blog:community-article", community=article.community.slug, slug=article.slug
        )
    if article.is_company:
        return links.route("blog:company-article", slug=article.slug)
    return links.route("blog:personal-article", username=article.author.username, slug=article.slug)


def _viewer(article, user) -> dict:
    return {
        "reaction": getattr(article, "viewer_reaction", None),
        "can_edit": permissions.can_edit_article(user, article),
        "can_delete": permissions.can_delete_article(user, article),
        "can_restore": permissions.can_restore_article(user, article),
        "can_see_history": permissions.can_see_history(user, article),
        "can_comment": conversation_permissions.can_comment(user, article),
    }


def article_data(article, links, *, full: bool = False) -> dict:
    """``ArticleSummarySerializer``'s shape (``ArticleSerializer``'s with ``full``) for an
    article decorated by ``blog.selectors.articles_decorate``, its tags prefetched."""
    data = {
        "id": article.pk,
        "url": links.route("blog-api:article-detail", pk=article.pk),
        "page_url": _page_url(article, links),
        "title": article.title,
        "slug": article.slug,
        "excerpt": article.excerpt,
        "cover_url": links.route("blog:cover", pk=article.pk) if article.cover else None,
        "reading_minutes": article.reading_minutes,
        "tags": sorted(tag.name for tag in article.tags.all()),
        "author": links.person(article.author),
        "placement": {
            "kind": str(article.blog_kind),
            "community": _community_data(article.community, links),
        },
        "status": str(article.status),
        "publish_at": _datetime(article.publish_at),
        "published_at": _datetime(article.published_at),
        "created_at": _datetime(article.created_at),
        "updated_at": _datetime(article.updated_at),
        "edited_at": _datetime(article.edited_at),
        "is_deleted": article.is_deleted,
        "counts": {
            "comments": article.comment_count,
            "reactions": article.reaction_count,
            "views": article.view_count,
        },
        "viewer": _viewer(article, links.request.user),
    }
    if full:
        data.update(
            body=article.body,
            body_html=article.body_html,
            toc=list(article.toc or []),
            reaction_summary=[
                {"kind": kind, "emoji": emoji, "count": count}
                for kind, emoji, count in getattr(article, "reaction_summary", ())
            ],
            notice=str(article.notice or ""),
        )
    return data


def blog_data(blog: Blog, links) -> dict:
    """``BlogSerializer``'s shape."""
    user = links.request.user
    if blog.kind == BlogKind.COMMUNITY:
        community = blog.community
        name, page_url = community.name, links.route("blog:community", community=community.slug)
        atom_url = None
    elif blog.kind == BlogKind.COMPANY:
        name, page_url = str(_("Company blog")), links.route("blog:company")
        atom_url = links.route("blog:company-atom")
    else:
        username = blog.author.username
        name, page_url = blog.author.name, links.route("blog:personal", username=username)
        atom_url = links.route("blog:personal-atom", username=username)
    return {
        "kind": str(blog.kind),
        "name": name,
        "author": links.person(blog.author),
        "community": _community_data(blog.community, links),
        "page_url": page_url,
        "atom_url": atom_url,
        "can_write": permissions.can_write_in(user, blog),
    }


def _revision_data(revision, links) -> dict:
    return {
        "title": revision.title,
        "body": revision.body,
        "written_at": _datetime(revision.written_at),
        "replaced_at": _datetime(revision.replaced_at),
        "replaced_by": links.person(revision.replaced_by),
    }


def article_history_data(article, revisions, links) -> dict:
    """``ArticleHistorySerializer``'s shape."""
    return {
        "title": article.title,
        "body": article.body,
        "edited_at": _datetime(article.edited_at),
        "is_deleted": article.is_deleted,
        "revisions": [_revision_data(revision, links) for revision in revisions],
    }


def feed_token_data(token, links) -> dict:
    """``FeedTokenSerializer``'s shape."""
    query = f"?token={token.token}"
    return {
        "token": token.token,
        "company_atom_url": links.route("blog:company-atom") + query,
        "personal_atom_url": links.route("blog:personal-atom", username=token.user.username)
        + query,
        "updated_at": _datetime(token.updated_at),
    }


# --- writing ----------------------------------------------------------------------------


@_described_choices(PUBLISH_CHOICES)
class PublishField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=PUBLISH_CHOICES,
            error_messages={"invalid_choice": _("Choose draft, publish now or schedule.")},
            **kwargs,
        )


class ArticleCreateSerializer(StrictSerializer):
    """A new article. JSON, or multipart for ``cover``."""

    title = serializers.CharField(
        allow_blank=True,
        trim_whitespace=False,
        help_text=format_lazy(_("Up to {limit} characters."), limit=TITLE_MAX_LENGTH),
    )
    body = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        trim_whitespace=False,
        help_text=format_lazy(
            _(
                "Up to {limit} characters of Markdown (headings make the table of contents); "
                "@mentions and #hashtags."
            ),
            limit=BODY_MAX_LENGTH,
        ),
    )
    excerpt = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text=format_lazy(
            _("Up to {limit} characters; empty: the beginning of the text."),
            limit=EXCERPT_MAX_LENGTH,
        ),
    )
    tags = ListField(
        child=serializers.CharField(), required=False, default=list, help_text=_("Topics.")
    )
    cover = UploadField(required=False, allow_null=True, help_text=_("An image (multipart)."))
    blog = BlogKindField(
        required=False,
        help_text=_(
            "`personal` (your own blog, the default), `company` (Communicators) or "
            "`community` (with `community`)."
        ),
    )
    community = VisibleCommunityField(
        required=False, allow_null=True, help_text=_("The community's slug, for its blog.")
    )
    publish = PublishField(
        required=False,
        default=DRAFT,
        help_text=_(
            "`draft` (the default), `now`, or `schedule` (at `publish_at`; a time already "
            "past publishes now, and `notice` says so)."
        ),
    )
    publish_at = serializers.DateTimeField(required=False, allow_null=True)

    default_error_messages = {
        "community_needed": _("Choose the community whose blog this is for."),
        "community_unexpected": _("Only a community blog belongs to a community."),
    }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        community = attrs.pop("community", None)
        kind = attrs.pop("blog", None) or (
            BlogKind.COMMUNITY if community is not None else BlogKind.PERSONAL
        )
        if kind == BlogKind.COMMUNITY and community is None:
            raise serializers.ValidationError(
                {"community": [self.error_messages["community_needed"]]}
            )
        if kind != BlogKind.COMMUNITY and community is not None:
            raise serializers.ValidationError(
                {"community": [self.error_messages["community_unexpected"]]}
            )
        if kind == BlogKind.COMMUNITY:
            attrs["blog"] = Blog.of_community(community)
        elif kind == BlogKind.COMPANY:
            attrs["blog"] = Blog.company()
        else:
            attrs["blog"] = Blog.personal(self.context["request"].user)
        return attrs


class ArticleEditSerializer(StrictSerializer):
    """What to change; a field left out stays as it is (the address and the blog stay)."""

    title = serializers.CharField(allow_blank=True, required=False, trim_whitespace=False)
    body = serializers.CharField(allow_blank=True, required=False, trim_whitespace=False)
    excerpt = serializers.CharField(
        allow_blank=True, required=False, help_text=_("Empty: the beginning of the text.")
    )
    tags = ListField(
        child=serializers.CharField(), required=False, help_text=_("Replaces the topics.")
    )
    cover = UploadField(required=False, allow_null=True, help_text=_("A new cover (multipart)."))
    remove_cover = serializers.BooleanField(required=False, default=False)


class ArticlePublishSerializer(StrictSerializer):
    publish_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text=_("Schedule it for then; empty: publish now."),
    )
