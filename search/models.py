"""The search index: one row per searchable thing, kept current on every write.

A ``SearchDocument`` is derived data. Each app registers in its ``search.py`` how its objects
become documents (``search.indexing``); saving or deleting one of them rewrites its document
in the same transaction, so deleted and hidden content leaves the index at once.

A document carries the placement of what it stands for (``community``, and for a share the
original's ``origin_community``), so the one visibility rule is applied to the index itself,
before anything is counted. Content that nobody may see (hidden, deleted, drafts) has no
document at all.

On PostgreSQL ``vector`` is a weighted ``tsvector`` computed by a trigger from the title,
keywords and body, in the ``simple``, ``english`` and ``indonesian`` configurations (migration
0002, with the GIN and trigram indexes); on SQLite it stays empty and search falls back to
matching words in the text.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from communities.models import Community, sees_everything

TITLE_MAX_LENGTH = 300
# What is kept of a long text (a file's extracted text): enough to find a document by its
# words, far below PostgreSQL's 1 MB tsvector limit.
BODY_MAX_LENGTH = 100_000


class Kind(models.TextChoices):
    PERSON = "person", _("People")
    COMMUNITY = "community", _("Communities")
    POST = "post", _("Posts")
    COMMENT = "comment", _("Comments")
    THREAD = "thread", _("Forum threads")
    REPLY = "reply", _("Forum replies")
    ARTICLE = "article", _("Articles")
    WIKI_PAGE = "wiki_page", _("Wiki pages")
    FILE = "file", _("Files")


class SearchDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Documents ``user`` may see: the placement rule of ``communities``, applied to the
        document's community and, for a share, to its original's."""
        if not user.is_authenticated:
            return self.none()
        if sees_everything(user):
            return self.all()
        readable = Community.objects.with_content_visible_to(user).values("pk")
        return self.filter(
            Q(community__isnull=True) | Q(community__in=readable),
            Q(origin_community__isnull=True) | Q(origin_community__in=readable),
        )


class SearchDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    # Where the thing is placed: empty for company-wide. A secret community's own document
    # is placed in itself, so only its members find it.
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # A share is only visible with its original (``feed.models.PostQuerySet.visible_to``).
    origin_community = models.ForeignKey(
        Community,
        verbose_name=_("original's community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH, blank=True)
    # Tag names, skills, a person's department: weighs more than the body, less than the title.
    keywords = models.TextField(_("keywords"), blank=True)
    body = models.TextField(_("text"), blank=True)
    # A line under the title: the thread of a reply, a person's job title and department.
    subtitle = models.CharField(_("subtitle"), max_length=TITLE_MAX_LENGTH, blank=True)
    url = models.CharField(_("address"), max_length=500)
    # Reactions, comments, replies, votes, members: the more, the higher it ranks.
    engagement = models.PositiveIntegerField(_("engagement"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)
    tags = models.ManyToManyField(
        Tag, verbose_name=_("tags"), through="SearchDocumentTag", blank=True, related_name="+"
    )
    # PostgreSQL only: kept by a trigger (migration 0002).
    vector = SearchVectorField(null=True, editable=False)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document")
        ]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="search_doc_newest"),
            models.Index(fields=["author", "-created_at"], name="search_doc_author"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title or self.body[:60]}"

    def get_absolute_url(self):
        return self.url


class SearchDocumentTag(models.Model):
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="tag_items")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="search_documents")

    class Meta:
        verbose_name = _("search document tag")
        verbose_name_plural = _("search document tags")
        constraints = [
            models.UniqueConstraint(fields=["document", "tag"], name="unique_search_document_tag")
        ]
        indexes = [models.Index(fields=["tag", "document"], name="search_doc_tag")]

    def __str__(self):
        return f"{self.document_id} #{self.tag_id}"
