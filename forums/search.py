"""Forum threads and replies in the search index.

A thread is found while it is live (not deleted, merged away or hidden); its replies are
found with it, placed where it is, and go when it goes.
"""

from forums.models import Category, Reply, Thread
from search import indexing
from search.models import Kind


def thread_document(thread: Thread) -> indexing.Document | None:
    if not thread.is_live:
        return None
    tags = indexing.tags_of(thread)
    return indexing.Document(
        url=thread.get_absolute_url(),
        created_at=thread.created_at,
        title=thread.title,
        body=indexing.plain_text(thread.body_html) or indexing.text_of(thread.body),
        keywords=" ".join(tag.name for tag in tags),
        subtitle=thread.category.name,
        community_id=thread.community_id,
        author_id=thread.author_id,
        engagement=thread.reply_count + thread.score + thread.view_count // 10,
        tag_ids=tuple(tag.pk for tag in tags),
    )


def threads():
    return (
        Thread.objects.filter(
            deleted_at__isnull=True, merged_into__isnull=True, hidden_at__isnull=True
        )
        .select_related("category")
        .prefetch_related(indexing.prefetch_tags(Thread))
    )


def reply_document(reply: Reply) -> indexing.Document | None:
    thread = reply.thread
    if reply.is_deleted or not thread.is_live:
        return None
    return indexing.Document(
        url=reply.get_absolute_url(),
        created_at=reply.created_at,
        body=indexing.plain_text(reply.body_html) or indexing.text_of(reply.body),
        subtitle=thread.title,
        community_id=thread.community_id,
        author_id=reply.author_id,
        engagement=reply.score,
    )


def replies():
    return Reply.objects.filter(
        deleted_at__isnull=True,
        thread__deleted_at__isnull=True,
        thread__merged_into__isnull=True,
        thread__hidden_at__isnull=True,
    ).select_related("thread")


indexing.register(
    Kind.THREAD,
    Thread,
    document=thread_document,
    queryset=threads,
    dependents=lambda thread: Reply.objects.filter(thread=thread),
    # A renamed category is the subtitle of its threads.
    watch={Category: lambda category: category.threads.all()},
)
indexing.register(Kind.REPLY, Reply, document=reply_document, queryset=replies)
