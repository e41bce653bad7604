"""Blogs: articles written in a person's blog, the company blog or a community blog.

An ``Article`` is placed content (``communities.models.PlacedContent``) under the one
visibility rule, plus its own life cycle: a draft is its author's alone, a scheduled article
waits for ``blog.tasks.publish_due_articles``, and only a published article (not deleted,
not hidden) is visible to anyone else. Which blog an article is in follows from its placement:
in a community, that community's blog; company-wide, the company blog (``is_company``,
written by Communicators) or else its author's personal blog.

Comments and reactions are the feed's (``feed.models.Comment`` / ``Reaction``, generic), so
an article carries the counters they keep.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from communities.models import Community, PlacedContent, PlacedContentQuerySet
from core.models import TimeStampedModel

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 50_000
EXCERPT_MAX_LENGTH = 300
SLUG_MAX_LENGTH = 80
IMAGE_ALT_MAX_LENGTH = 300


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


class BlogKind(models.TextChoices):
    PERSONAL = "personal", _("Personal blog")
    COMPANY = "company", _("Company blog")
    COMMUNITY = "community", _("Community blog")


@dataclass(frozen=True)
class Blog:
    """Where an article is written: a person's blog, the company blog or a community's."""

    kind: str
    author: object = None  # The owner of a personal blog.
    community: Community | None = None

    @classmethod
    def company(cls) -> "Blog":
        return cls(kind=BlogKind.COMPANY)

    @classmethod
    def personal(cls, author) -> "Blog":
        return cls(kind=BlogKind.PERSONAL, author=author)

    @classmethod
    def of_community(cls, community: Community) -> "Blog":
        return cls(kind=BlogKind.COMMUNITY, community=community)

    @property
    def placement(self) -> dict:
        """The Article fields that put an article in this blog."""
        if self.kind == BlogKind.COMMUNITY:
            return {"community": self.community, "is_company": False}
        return {"community": None, "is_company": self.kind == BlogKind.COMPANY}

    def lookup(self) -> Q:
        """The condition selecting this blog's articles."""
        if self.kind == BlogKind.COMMUNITY:
            return Q(community=self.community)
        if self.kind == BlogKind.COMPANY:
            return Q(community__isnull=True, is_company=True)
        return Q(community__isnull=True, is_company=False, author=self.author)


class ArticleQuerySet(PlacedContentQuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def published(self, now=None):
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=now or timezone.now())

    def visible_to(self, user):
        """Articles ``user`` may read: the placement rule, published and not deleted."""
        return super().visible_to(user).alive().published()

    def visible_to_everyone(self):
        """What every employee may read (company-wide placement): the Atom feeds' content."""
        return self.filter(community__isnull=True, hidden_at__isnull=True).alive().published()

    def drafts_of(self, user):
        """``user``'s own unpublished articles (drafts and scheduled), not deleted."""
        if not user.is_authenticated:
            return self.none()
        return self.alive().filter(
            author=user, status__in=[ArticleStatus.DRAFT, ArticleStatus.SCHEDULED]
        )

    def in_blog(self, blog: Blog):
        return self.filter(blog.lookup())

    def due(self, now=None):
        """Scheduled articles whose time has come."""
        return self.alive().filter(
            status=ArticleStatus.SCHEDULED, publish_at__lte=now or timezone.now()
        )


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tag_items"
    )

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]


class Article(PlacedContent):
    is_company = models.BooleanField(
        _("company blog"), default=False, help_text=_("Written by Communicators for everyone.")
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(_("address"), max_length=SLUG_MAX_LENGTH, allow_unicode=False)
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH, blank=True)
    # Derived from ``body`` by the services (blog.text.render_article).
    body_html = models.TextField(_("text (HTML)"), blank=True, editable=False)
    toc = models.JSONField(_("table of contents"), default=list, blank=True, editable=False)
    excerpt = models.CharField(_("excerpt"), max_length=EXCERPT_MAX_LENGTH, blank=True)
    # True when the author wrote the excerpt; otherwise it follows the text.
    excerpt_is_explicit = models.BooleanField(_("excerpt written by the author"), default=False)
    cover = models.ImageField(_("cover image"), upload_to="blog/covers/%Y/%m/", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    reading_minutes = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=1)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    reaction_count = models.PositiveIntegerField(_("reactions"), default=0)
    view_count = models.PositiveIntegerField(_("views"), default=0)
    tags = TaggableManager(_("tags"), through=TaggedArticle, blank=True)
    comments = GenericRelation("feed.Comment", related_query_name="article")
    reactions = GenericRelation("feed.Reaction", related_query_name="article")

    objects = ArticleQuerySet.as_manager()

    # Not stored: what a service that just published or scheduled it has to tell the author.
    notice = ""

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.CheckConstraint(
                condition=Q(community__isnull=True) | Q(is_company=False),
                name="article_company_blog_is_company_wide",
            ),
            # A slug is unique within its blog (deleted articles keep theirs, for restoring).
            models.UniqueConstraint(
                fields=["community", "slug"],
                condition=Q(community__isnull=False),
                name="unique_article_slug_in_community",
            ),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(is_company=True), name="unique_article_slug_company"
            ),
            models.UniqueConstraint(
                fields=["author", "slug"],
                condition=Q(community__isnull=True, is_company=False),
                name="unique_article_slug_personal",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_published"),
            models.Index(fields=["author", "-published_at"], name="article_author"),
            models.Index(fields=["community", "-published_at"], name="article_community"),
            models.Index(
                fields=["publish_at"],
                condition=Q(status="scheduled"),
                name="article_scheduled",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        if self.community_id:
            return reverse(
                "blog:community-article",
                kwargs={"community": self.community.slug, "slug": self.slug},
            )
        if self.is_company:
            return reverse("blog:company-article", kwargs={"slug": self.slug})
        return reverse(
            "blog:personal-article", kwargs={"username": self.author.username, "slug": self.slug}
        )

    @property
    def blog(self) -> Blog:
        if self.community_id:
            return Blog.of_community(self.community)
        if self.is_company:
            return Blog.company()
        return Blog.personal(self.author)

    @property
    def blog_kind(self) -> str:
        return self.blog.kind

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_published(self) -> bool:
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def is_visible_to(self, user) -> bool:
        """The visibility rule for this article (the same as ``Article.objects.visible_to``)."""
        return not self.is_deleted and self.is_published and super().is_visible_to(user)

    def is_readable_by(self, user) -> bool:
        """Visible, or the author's own draft or scheduled article (where they may still read)."""
        if self.is_visible_to(user):
            return True
        return (
            user.is_authenticated
            and self.author_id == user.pk
            and not self.is_deleted
            and PlacedContent.is_visible_to(self, user)
        )


class ArticleRevision(models.Model):
    """An earlier title and text of an article edited after it was published."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="revisions"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH, blank=True)
    written_at = models.DateTimeField(_("written"))
    replaced_at = models.DateTimeField(_("replaced"), default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-replaced_at", "-id"]
        verbose_name = _("article revision")
        verbose_name_plural = _("article revisions")

    def __str__(self):
        return f"{self.title} @ {self.written_at:%Y-%m-%d %H:%M}"


class ArticleImage(TimeStampedModel):
    """A picture its author uploaded for an article's text, shown where the text says
    ``![alt](/blog/a/<article>/images/<number>/)``; served only to who may read the article."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="images"
    )
    # The article's own count (1, 2, 3...): the address the text refers to.
    number = models.PositiveIntegerField(_("number"))
    # Re-encoded on upload under a name of ours (``a<article>-i-<random>.jpg``).
    image = models.ImageField(_("image"), upload_to="blog/images/%Y/%m/")
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    alt = models.CharField(_("description"), max_length=IMAGE_ALT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["article", "number"]
        verbose_name = _("article image")
        verbose_name_plural = _("article images")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_article_image")
        ]

    def __str__(self):
        return self.alt or f"{self.article_id}/{self.number}"

    def get_absolute_url(self) -> str:
        return image_url(self.article_id, self.number)

    @property
    def markdown(self) -> str:
        """What the author pastes into the text to show this image."""
        alt = " ".join(self.alt.replace("[", "").replace("]", "").split())
        return f"![{alt}]({self.get_absolute_url()})"


def image_url(article_id: int, number: int) -> str:
    return reverse("blog:image", kwargs={"pk": article_id, "number": number})


class FeedToken(TimeStampedModel):
    """A person's secret for reading the blogs' Atom feeds in a feed reader (no session)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="blog_feed_token",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("feed token")
        verbose_name_plural = _("feed tokens")

    def __str__(self):
        return f"{self.user} ({self.token[:6]}…)"
