"""Every wiki write a person can cause (``wiki.services.spaces``, ``.pages``, ``.watches``),
importable from here."""

from wiki.services.pages import (
    EditConflict,
    page_create,
    page_delete,
    page_move,
    page_protect,
    page_restore,
    page_revert,
    page_revise,
)
from wiki.services.spaces import (
    space_company_ensure,
    space_create_personal,
    space_edit,
    space_ensure_for_community,
)
from wiki.services.watches import unwatch_page, unwatch_space, watch_page, watch_space

__all__ = [
    "EditConflict",
    "page_create",
    "page_delete",
    "page_move",
    "page_protect",
    "page_restore",
    "page_revert",
    "page_revise",
    "space_company_ensure",
    "space_create_personal",
    "space_edit",
    "space_ensure_for_community",
    "unwatch_page",
    "unwatch_space",
    "watch_page",
    "watch_space",
]
