"""The community pages. Every view fetches its community through
``selectors.community_get_for`` (404 for what the viewer may not see) and writes through one
service; refusals come back as messages (or 422 partials for HTMX), 403 or 404."""

from communities.views.actions import (
    archive,
    invite_accept,
    invite_decline,
    join,
    leave,
    member_remove,
    member_role,
    request_approve,
    request_join,
    request_reject,
    transfer,
)
from communities.views.pages import (
    create,
    detail,
    directory,
    invite,
    members,
    requests,
    settings,
    suggest,
)

__all__ = [
    "archive", "create", "detail", "directory", "invite", "invite_accept", "invite_decline",
    "join", "leave", "member_remove", "member_role", "members", "request_approve",
    "request_join", "request_reject", "requests", "settings", "suggest", "transfer",
]  # fmt: skip
