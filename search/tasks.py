"""Background work for the search index."""

from celery import shared_task

from files.models import FileVersion
from search import indexing


@shared_task(soft_time_limit=60, time_limit=90)
def index_file_text(version_id: int) -> bool:
    """Put the extracted text of file version ``version_id`` in its file's document, when it
    is the file's current version; False when there is nothing to do. Idempotent."""
    version = FileVersion.objects.select_related("file").filter(pk=version_id).first()
    if version is None or version.file.current_id != version.pk:
        return False
    indexing.index(version.file)
    return True
