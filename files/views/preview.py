"""What a file's page shows of its content: images inline and PDFs in the browser's viewer
(both through ``files:preview``, which serves only inline-safe types); plain text, Markdown
and CSV read here and rendered into the page safely (text and CSV escaped by the templates,
Markdown through the one sanitiser); anything else an icon and its facts.

Only the first ``PREVIEW_BYTES`` of a text file are read; a CSV shows its first
``CSV_ROWS`` rows and ``CSV_COLUMNS`` columns.
"""

import csv
import io
import logging
from dataclasses import dataclass, field

from django.http import Http404
from django.utils.safestring import SafeString, mark_safe

from blog.text import render_article
from core.files import is_inline_safe, open_stored

logger = logging.getLogger(__name__)

PREVIEW_BYTES = 256 * 1024
CSV_ROWS = 100
CSV_COLUMNS = 50
TEXT_TYPES = ("text/plain", "text/markdown", "text/csv")

# Bootstrap Icons by type: (content type prefix or exact type, icon).
_ICONS = (
    ("image/", "file-earmark-image"),
    ("video/", "file-earmark-play"),
    ("audio/", "file-earmark-music"),
    ("application/pdf", "file-earmark-pdf"),
    ("text/csv", "file-earmark-spreadsheet"),
    ("text/markdown", "file-earmark-richtext"),
    ("text/", "file-earmark-text"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml", "file-earmark-word"),
    ("application/msword", "file-earmark-word"),
    ("application/vnd.oasis.opendocument.text", "file-earmark-word"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml", "file-earmark-excel"),
    ("application/vnd.ms-excel", "file-earmark-excel"),
    ("application/vnd.oasis.opendocument.spreadsheet", "file-earmark-excel"),
    ("application/vnd.openxmlformats-officedocument.presentationml", "file-earmark-ppt"),
    ("application/vnd.ms-powerpoint", "file-earmark-ppt"),
    ("application/vnd.oasis.opendocument.presentation", "file-earmark-ppt"),
    ("application/zip", "file-earmark-zip"),
    ("application/gzip", "file-earmark-zip"),
    ("application/x-7z-compressed", "file-earmark-zip"),
    ("application/x-tar", "file-earmark-zip"),
    ("application/x-rar", "file-earmark-zip"),
)
# When the bytes say nothing (application/octet-stream), the name's extension picks an icon.
_EXTENSION_ICONS = {
    "html": "file-earmark-code",
    "htm": "file-earmark-code",
    "svg": "file-earmark-code",
    "js": "file-earmark-code",
    "json": "file-earmark-code",
    "xml": "file-earmark-code",
    "py": "file-earmark-code",
    "exe": "file-earmark-binary",
    "msi": "file-earmark-binary",
    "bin": "file-earmark-binary",
}


def icon_for(content_type: str, extension: str = "") -> str:
    """The Bootstrap Icons name for a file of ``content_type`` (``extension`` as a hint)."""
    content_type = (content_type or "").lower()
    for prefix, icon in _ICONS:
        if content_type.startswith(prefix):
            return icon
    return _EXTENSION_ICONS.get((extension or "").lower(), "file-earmark")


@dataclass
class Preview:
    """What the page shows: ``kind`` is image, pdf, text, markdown, csv or none."""

    kind: str
    icon: str = "file-earmark"
    text: str = ""
    html: SafeString | str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    truncated: bool = False
    shown_rows: int = 0


def _read_text(version) -> tuple[str | None, bool]:
    """The start of ``version``'s bytes as text, and whether there was more."""
    try:
        with open_stored(version.blob) as stored:
            head = stored.read(PREVIEW_BYTES + 1)
    except Http404:
        return None, False
    truncated = len(head) > PREVIEW_BYTES
    head = head[:PREVIEW_BYTES]
    if truncated and b"\n" in head:
        head = head[: head.rindex(b"\n")]
    return head.decode("utf-8", errors="replace"), truncated


def _csv_rows(text: str) -> tuple[list[list[str]], bool]:
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows, more = [], False
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect)):
            if number > CSV_ROWS:
                more = True
                break
            rows.append([cell for cell in row[:CSV_COLUMNS]])
    except csv.Error:
        logger.info("A CSV preview stopped at a malformed row.")
    return rows, more


def preview_of(file) -> Preview:
    """What ``file``'s page shows of its current version."""
    version = file.current
    content_type = file.content_type
    icon = icon_for(content_type, file.extension)
    if version is None:
        return Preview(kind="none", icon=icon)
    if is_inline_safe(content_type) and content_type.startswith("image/"):
        return Preview(kind="image", icon=icon)
    if content_type == "application/pdf":
        return Preview(kind="pdf", icon=icon)
    if content_type not in TEXT_TYPES:
        return Preview(kind="none", icon=icon)
    text, truncated = _read_text(version)
    if text is None:
        return Preview(kind="none", icon=icon)
    if content_type == "text/markdown":
        # The blog's renderer: headings fitted under the page's title, then the one sanitiser.
        html = mark_safe(render_article(text).html)  # noqa: S308 - sanitised by nh3.
        return Preview(kind="markdown", icon=icon, html=html, truncated=truncated)
    if content_type == "text/csv":
        rows, more = _csv_rows(text)
        if not rows:
            return Preview(kind="text", icon=icon, text=text, truncated=truncated)
        return Preview(
            kind="csv",
            icon=icon,
            header=rows[0],
            rows=rows[1:],
            shown_rows=len(rows) - 1,
            truncated=truncated or more,
        )
    return Preview(kind="text", icon=icon, text=text, truncated=truncated)
