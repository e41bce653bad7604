"""Background work for topics: after a tag is renamed or merged, the search documents that
carry it are written again (its name is among the words they are found by)."""

from celery import shared_task

from search import indexing
from search.models import SearchDocument


@shared_task(soft_time_limit=1700, time_limit=1800)
def tag_documents_reindex(tag_id: int) -> int:
    """Re-index every object whose search document carries tag ``tag_id``; returns how many
    documents that was. Idempotent."""
    done = 0
    for kind, source in indexing.sources().items():
        ids = list(
            SearchDocument.objects.filter(kind=kind, tag_items__tag_id=tag_id).values_list(
                "object_id", flat=True
            )
        )
        if ids:
            indexing.index_many(source.model._base_manager.filter(pk__in=ids))
            done += len(ids)
    return done
