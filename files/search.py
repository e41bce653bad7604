"""Files in the search index: name, description and the extracted text of the current
version (once extraction succeeded), for every file not in the trash or hidden."""

from files.models import File, TextState
from search import indexing
from search.models import Kind


def file_document(file: File) -> indexing.Document | None:
    if file.is_deleted or file.is_hidden:
        return None
    tags = indexing.tags_of(file)
    current = file.current if file.current_id else None
    text = current.text if current is not None and current.text_state == TextState.DONE else ""
    return indexing.Document(
        url=file.get_absolute_url(),
        created_at=file.created_at,
        title=file.name,
        body=" ".join(filter(None, [indexing.text_of(file.description), indexing.text_of(text)])),
        keywords=" ".join(tag.name for tag in tags),
        subtitle=file.library.name,
        community_id=file.community_id,
        author_id=file.author_id,
        engagement=file.reaction_count + file.comment_count + file.download_count // 10,
        tag_ids=tuple(tag.pk for tag in tags),
    )


def files():
    return (
        File.objects.filter(deleted_at__isnull=True, hidden_at__isnull=True)
        .select_related("current", "library")
        .prefetch_related(indexing.prefetch_tags(File))
    )


def _comments(file):
    from feed.search import comments_on

    return comments_on(file)


indexing.register(Kind.FILE, File, document=file_document, queryset=files, dependents=_comments)
