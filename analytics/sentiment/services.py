"""Scoring writing into ``ContentSentiment``: one item after it is written, or many in batches.

Each row keeps what the climate dashboards group by: the author (to count distinct people
for the suppression rule, never to show), the author's department and office when the item
was first scored, the community and whether it is public (company-wide or a public
community), the item's tags (a comment or reply takes its post's or thread's) and the key
phrases of public writing (``analytics.phrases``; none for private and secret communities).
Items that nobody may read any more (deleted, hidden, merged, unpublished) lose their row.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from html import unescape

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from analytics.cache import data_version_bump
from analytics.models import ContentKind, ContentSentiment
from analytics.phrases import item_phrases
from analytics.sentiment.language import detect_language
from analytics.sentiment.scorer import score_text
from blog.models import Article, ArticleStatus
from communities.models import CommunityType
from feed.models import ITEM_KINDS, Comment, Post, PostKind
from forums.models import Reply, Thread

BATCH_SIZE = 500
MAX_TEXT = 5000  # Characters scored per item: the start says what it is about.

_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def plain_text(html: str) -> str:
    """The words of rendered (sanitised) HTML, without code: code is not sentiment."""
    return " ".join(unescape(_TAG.sub(" ", _CODE.sub(" ", html or ""))).split())


@dataclass(frozen=True)
class Source:
    """How to read one kind of writing."""

    queryset: Callable[[], QuerySet]
    live: Q  # What may still be read by someone.
    date_field: str


def _post_queryset():
    return (
        Post.objects.exclude(kind__in=ITEM_KINDS)
        .select_related("author", "community", "poll")
        .prefetch_related("tags")
    )


SOURCES = {
    ContentKind.POST: Source(
        _post_queryset, Q(deleted_at__isnull=True, hidden_at__isnull=True), "created_at"
    ),
    ContentKind.COMMENT: Source(
        lambda: Comment.objects.select_related("author", "content_type"),
        Q(deleted_at__isnull=True),
        "created_at",
    ),
    ContentKind.THREAD: Source(
        lambda: Thread.objects.select_related("author", "community").prefetch_related("tags"),
        Q(deleted_at__isnull=True, merged_into__isnull=True, hidden_at__isnull=True),
        "created_at",
    ),
    ContentKind.REPLY: Source(
        lambda: Reply.objects.select_related("author", "thread__community").prefetch_related(
            "thread__tags"
        ),
        Q(
            deleted_at__isnull=True,
            thread__deleted_at__isnull=True,
            thread__merged_into__isnull=True,
            thread__hidden_at__isnull=True,
        ),
        "created_at",
    ),
    # An article counts from when it was published: a draft is nobody's climate yet.
    ContentKind.ARTICLE: Source(
        lambda: Article.objects.select_related("author", "community").prefetch_related("tags"),
        Q(deleted_at__isnull=True, hidden_at__isnull=True, status=ArticleStatus.PUBLISHED),
        "published_at",
    ),
}


# Items whose comments or replies take their place and tags from them.
CHILDREN = frozenset({ContentKind.POST, ContentKind.THREAD, ContentKind.ARTICLE})


def content_sentiment_score(*, kind: str, object_id: int) -> ContentSentiment | None:
    """Score one item and store its row (created or replaced); when the item is gone or no
    longer readable, delete its row and return None. The comments or replies of a post,
    thread or article follow it (deleted, hidden, moved, retagged). Idempotent."""
    source = SOURCES[kind]
    obj = source.queryset().filter(source.live, pk=object_id).first()
    rows = _rows(kind, [obj]) if obj is not None else []
    with transaction.atomic():
        if rows:
            _upsert(rows)
        else:
            ContentSentiment.objects.filter(kind=kind, object_id=object_id).delete()
        if kind in CHILDREN:
            _refresh_children(kind, object_id)
    if not rows:
        return None
    return ContentSentiment.objects.get(kind=kind, object_id=object_id)


def _children_of(kind: str, object_id: int) -> tuple[str, Q]:
    if kind == ContentKind.THREAD:
        return ContentKind.REPLY, Q(thread_id=object_id)
    model = Post if kind == ContentKind.POST else Article
    content_type = ContentType.objects.get_for_model(model)
    return ContentKind.COMMENT, Q(content_type=content_type, object_id=object_id)


def _refresh_children(kind: str, object_id: int) -> None:
    child_kind, of_parent = _children_of(kind, object_id)
    source = SOURCES[child_kind]
    model = source.queryset().model
    every = set(model.objects.filter(of_parent).values_list("pk", flat=True))
    if not every:
        return
    rows = _rows(child_kind, list(source.queryset().filter(of_parent, source.live)))
    _upsert(rows)
    gone = every - {row.object_id for row in rows}
    ContentSentiment.objects.filter(kind=child_kind, object_id__in=gone).delete()


def sentiment_backfill(
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Score every readable item written in [start, end) (all time when not given), in
    batches of ``BATCH_SIZE``; rows of items no longer readable in the range are removed.
    ``progress(done, total)`` is called after each batch. Returns the number scored."""
    plan = []
    for kind, source in SOURCES.items():
        written = Q()
        if start is not None:
            written &= Q(**{f"{source.date_field}__gte": start})
        if end is not None:
            written &= Q(**{f"{source.date_field}__lt": end})
        plan.append((kind, source, written))
    total = sum(s.queryset().filter(s.live, w).count() for _, s, w in plan)
    done = 0
    for kind, source, written in plan:
        stale = ContentSentiment.objects.filter(kind=kind)
        if start is not None:
            stale = stale.filter(written_at__gte=start)
        if end is not None:
            stale = stale.filter(written_at__lt=end)
        live_ids = source.queryset().model.objects.filter(source.live, written).values("pk")
        stale.exclude(object_id__in=live_ids).delete()
        last = 0
        while True:
            batch = list(
                source.queryset()
                .filter(source.live, written, pk__gt=last)
                .order_by("pk")[:BATCH_SIZE]
            )
            if not batch:
                break
            last = batch[-1].pk
            rows = _rows(kind, batch)
            with transaction.atomic():
                _upsert(rows)
                scored = {row.object_id for row in rows}
                # Comments on unreadable targets are in the batch but not scored.
                ContentSentiment.objects.filter(
                    kind=kind, object_id__in=[o.pk for o in batch if o.pk not in scored]
                ).delete()
            done += len(batch)
            if progress is not None:
                progress(done, total)
    # The climate and conversation figures shared between leaders were read from old scores.
    data_version_bump()
    return done


# --- building rows -------------------------------------------------------------------------


def _rows(kind: str, objs: list) -> list[ContentSentiment]:
    targets = _comment_targets(objs) if kind == ContentKind.COMMENT else {}
    rows = []
    for obj in objs:
        item = _describe(kind, obj, targets)
        if item is None:
            continue
        text, community, tags, written_at = item
        if not text:
            continue
        language = detect_language(text)
        score = score_text(text, language)
        author = obj.author
        is_public = community is None or community.type == CommunityType.PUBLIC
        rows.append(
            ContentSentiment(
                kind=kind,
                object_id=obj.pk,
                author_id=author.pk,
                department_id=author.department_id,
                office_id=author.office_id,
                community_id=community.pk if community else None,
                is_public=is_public,
                language=language,
                score=round(score.value, 4),
                label=score.label,
                tags=tags,
                # Private and secret writing never feeds topics: no phrases are kept.
                phrases=item_phrases(*_phrase_fields(kind, obj)) if is_public else [],
                written_at=written_at,
            )
        )
    return rows


def _phrase_fields(kind: str, obj) -> tuple:
    """The text fields key phrases are read from, as written (title first)."""
    if kind in (ContentKind.THREAD, ContentKind.ARTICLE):
        return obj.title, obj.body
    return (obj.body,)


def _tag_slugs(obj) -> list[str]:
    return sorted({tag.slug for tag in obj.tags.all()})


def _describe(kind, obj, targets):
    """(text, community, tag slugs, written at) of a readable item, or None."""
    if kind == ContentKind.POST:
        text = _clip(obj.body, html=obj.body_html)
        if obj.kind == PostKind.POLL and getattr(obj, "poll", None) is not None:
            text = f"{obj.poll.question}\n{text}".strip()
        return text, obj.community, _tag_slugs(obj), obj.created_at
    if kind == ContentKind.THREAD:
        text = f"{obj.title}.\n{plain_text(obj.body_html) or obj.body}"
        return text[:MAX_TEXT], obj.community, _tag_slugs(obj), obj.created_at
    if kind == ContentKind.REPLY:
        thread = obj.thread
        return (
            _clip(obj.body, html=obj.body_html),
            thread.community,
            _tag_slugs(thread),
            (obj.created_at),
        )
    if kind == ContentKind.ARTICLE:
        if obj.published_at is None or obj.published_at > timezone.now():
            return None
        text = f"{obj.title}.\n{plain_text(obj.body_html) or obj.body}"
        return text[:MAX_TEXT], obj.community, _tag_slugs(obj), obj.published_at
    target = targets.get((obj.content_type_id, obj.object_id))
    if target is None:
        return None
    tags = _tag_slugs(target) if hasattr(target, "tags") else []
    return (
        _clip(obj.body, html=obj.body_html),
        getattr(target, "community", None),
        tags,
        (obj.created_at),
    )


def _clip(text: str, *, html: str) -> str:
    return (plain_text(html) if html else " ".join((text or "").split()))[:MAX_TEXT]


def _comment_targets(comments: Iterable[Comment]) -> dict[tuple[int, int], object]:
    """The readable targets of ``comments`` by (content type id, id), one query per type."""
    wanted = defaultdict(set)
    for comment in comments:
        wanted[comment.content_type_id].add(comment.object_id)
    found = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        targets = model._default_manager.filter(pk__in=ids)
        fields = {f.name for f in model._meta.get_fields()}
        if "community" in fields:
            targets = targets.select_related("community")
        if "tags" in fields:
            targets = targets.prefetch_related("tags")
        for target in targets:
            if _readable(target):
                found[(type_id, target.pk)] = target
    return found


def _readable(target) -> bool:
    if getattr(target, "deleted_at", None) is not None:
        return False
    if getattr(target, "hidden_at", None) is not None:
        return False
    if isinstance(target, Article):
        return target.status == ArticleStatus.PUBLISHED
    return True


def _upsert(rows: list[ContentSentiment]) -> None:
    """Insert or replace rows by (kind, object id). Department, office and author stay as
    first recorded: a later move or edit does not rewrite where the writing came from."""
    ContentSentiment.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=[
            "community",
            "is_public",
            "language",
            "score",
            "label",
            "tags",
            "phrases",
            "written_at",
            "scored_at",
        ],
    )
