"""Every file-share write a person can cause (``files.services.libraries``, ``.folders``,
``.files``, ``.trash``), importable from here."""

from files.services.files import (
    file_delete,
    file_edit,
    file_move,
    file_record_download,
    file_restore,
    file_share_to_feed,
    file_upload,
    file_upload_version,
    file_version_delete,
    file_version_restore,
    name_taken_error,
    version_extract_text,
)
from files.services.folders import (
    folder_create,
    folder_delete,
    folder_move,
    folder_rename,
    folder_restore,
)
from files.services.libraries import (
    library_company_ensure,
    library_create_personal,
    library_ensure_for_community,
)
from files.services.trash import trash_empty, trash_purge_expired

__all__ = [
    "file_delete",
    "file_edit",
    "file_move",
    "file_record_download",
    "file_restore",
    "file_share_to_feed",
    "file_upload",
    "file_upload_version",
    "file_version_delete",
    "file_version_restore",
    "folder_create",
    "folder_delete",
    "folder_move",
    "folder_rename",
    "folder_restore",
    "library_company_ensure",
    "library_create_personal",
    "library_ensure_for_community",
    "name_taken_error",
    "trash_empty",
    "trash_purge_expired",
    "version_extract_text",
]
