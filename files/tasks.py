"""Background work for the file share: the text of new versions for search, and the daily
purge of what stayed in a trash too long (``settings.CELERY_BEAT_SCHEDULE``)."""

from celery import shared_task

from files.services import trash_purge_expired, version_extract_text
from search.tasks import index_file_text


@shared_task(soft_time_limit=120, time_limit=150)
def extract_text(version_id: int) -> str | None:
    """Extract and store the text of file version ``version_id`` (its ``text_state`` says
    how it went); idempotent."""
    state = version_extract_text(version_id=version_id)
    index_file_text(version_id)  # The text is searchable once it is extracted (same worker).
    return state


@shared_task(soft_time_limit=1700, time_limit=1800)
def purge_expired_trash() -> int:
    """Delete for good (rows and stored bytes) what has been in a trash longer than
    ``FILE_TRASH_DAYS`` days; returns how many files went."""
    return trash_purge_expired()
