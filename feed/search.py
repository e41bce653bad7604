"""Posts and comments in the search index.

Only status updates are documents of kind "post": the posts that stand for a thread, an
article or a wiki page (``ITEM_KINDS``) are found as that item. A share is placed where it
was shared and, like the share itself, only found by who may see its original. A comment is
found where its target is: it copies its target's document (placement, address), so it has
none while its target has none (hidden, deleted, a draft) and comes back with it.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, OuterRef, Subquery, Value, When

from feed.models import ITEM_KINDS, Comment, Post, PostKind, PraiseValue
from search import indexing
from search.models import Kind, SearchDocument

TARGET_FIELDS = ("community_id", "origin_community_id", "url", "title")


def post_document(post: Post) -> indexing.Document | None:
    if post.kind in ITEM_KINDS or post.is_deleted or post.is_hidden:
        return None
    tags = indexing.tags_of(post)
    parts = [indexing.plain_text(post.body_html) or indexing.text_of(post.body)]
    if post.kind == PostKind.POLL and hasattr(post, "poll"):
        parts += [post.poll.question, *(option.text for option in post.poll.options.all())]
    if post.kind == PostKind.PRAISE and hasattr(post, "praise"):
        parts += [
            indexing.in_every_language(PraiseValue(post.praise.value).label),
            *(person.name for person in post.praise.recipients.all()),
        ]
    origin = post.shared_post.community_id if post.shared_post_id and post.shared_post else None
    return indexing.Document(
        url=post.get_absolute_url(),
        created_at=post.created_at,
        body=" ".join(filter(None, parts)),
        keywords=" ".join(tag.name for tag in tags),
        community_id=post.community_id,
        origin_community_id=origin,
        author_id=post.author_id,
        engagement=post.reaction_count + post.comment_count + post.share_count,
        tag_ids=tuple(tag.pk for tag in tags),
    )


def posts():
    return (
        Post.objects.exclude(kind__in=ITEM_KINDS)
        .filter(deleted_at__isnull=True, hidden_at__isnull=True)
        .select_related("shared_post", "poll", "praise")
        .prefetch_related(indexing.prefetch_tags(Post), "poll__options", "praise__recipients")
    )


def comments_on(target):
    """The comments on ``target`` (a post, an article, a file): they follow its document."""
    return Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    )


def _target_kinds() -> dict[int, str]:
    """{content type id: document kind} of what people comment on."""
    found = {}
    for source in indexing.sources().values():
        relations = source.model._meta.private_fields
        if any(isinstance(f, GenericRelation) and f.related_model is Comment for f in relations):
            found[ContentType.objects.get_for_model(source.model).pk] = source.kind
    return found


def _target_document(comment: Comment) -> dict | None:
    if hasattr(comment, "target_url"):  # Loaded by ``comments()``.
        if comment.target_url is None:
            return None
        return {name: getattr(comment, f"target_{name}") for name in TARGET_FIELDS}
    kind = _target_kinds().get(comment.content_type_id)
    if kind is None:
        return None
    return (
        SearchDocument.objects.filter(kind=kind, object_id=comment.object_id)
        .values(*TARGET_FIELDS)
        .first()
    )


def comment_document(comment: Comment) -> indexing.Document | None:
    if comment.is_deleted:
        return None
    target = _target_document(comment)
    if target is None:
        return None
    return indexing.Document(
        url=f"{target['url']}#comment-{comment.pk}",
        created_at=comment.created_at,
        body=indexing.plain_text(comment.body_html) or indexing.text_of(comment.body),
        subtitle=target["title"],
        community_id=target["community_id"],
        origin_community_id=target["origin_community_id"],
        author_id=comment.author_id,
        engagement=comment.reaction_count + comment.reply_count,
    )


def comments():
    """Live comments, each with its target's document read in the same query."""
    kinds = _target_kinds()
    target_kind = Case(
        *(When(content_type_id=ct, then=Value(kind)) for ct, kind in kinds.items()),
        default=Value(""),
    )
    target = SearchDocument.objects.filter(
        kind=OuterRef("target_kind"), object_id=OuterRef("object_id")
    )
    return (
        Comment.objects.filter(deleted_at__isnull=True)
        .annotate(target_kind=target_kind)
        .annotate(**{f"target_{name}": Subquery(target.values(name)[:1]) for name in TARGET_FIELDS})
    )


indexing.register(
    Kind.POST,
    Post,
    document=post_document,
    queryset=posts,
    dependents=comments_on,
)
indexing.register(
    Kind.COMMENT,
    Comment,
    document=comment_document,
    queryset=comments,
    # After posts, articles and files: a comment copies its target's document.
    order=1,
)
