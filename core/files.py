"""Files people upload: safe names, their real type, and how they are served.

Every private file (file-share versions, post images and files, article covers) leaves
through ``private_file_response`` after its view checked who may see it: the type shown to
the browser is one we know is harmless, anything else is a download, and no response may be
sniffed, run scripts or be framed by another site.
"""

import codecs
import os
import unicodedata

import filetype
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

FILE_NAME_MAX_LENGTH = 200
EXTENSION_MAX_LENGTH = 20
SNIFF_BYTES = 8192
OCTET_STREAM = "application/octet-stream"

# Shown in the browser (a preview): formats browsers render without running anything.
INLINE_SAFE_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"}
)
# Text is recognised by its name only when its bytes are text too (UTF-8, no NUL).
TEXT_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".log": "text/plain",
    ".csv": "text/csv",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
}
# Declared as themselves on a download; every other type goes out as application/octet-stream
# (HTML, SVG, XML, scripts and executables among them), so a browser never treats it as a page.
_DOWNLOAD_TYPES = INLINE_SAFE_TYPES | {
    "text/csv",
    "text/markdown",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "application/zip",
    "application/gzip",
    "application/x-7z-compressed",
    "application/epub+zip",
    "application/rtf",
    "image/tiff",
    "image/bmp",
    "image/heic",
    "image/avif",
    "audio/mpeg",
    "audio/mp4",
    "audio/ogg",
    "audio/x-wav",
    "video/mp4",
    "video/webm",
    "video/quicktime",
}
# Characters no file name needs that read like markup or shell patterns: dropped. (Quotes
# and colons stay: names are escaped wherever they are shown or sent.)
_UNWANTED = set("<>|?*")


def clean_file_name(name: str) -> str:
    """A file name safe to store and to show: the last part of a path only, no control or
    format characters (no right-to-left tricks), no ``<>|?*``, no leading dots, at most
    200 characters with the extension kept; never empty ("file")."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = unicodedata.normalize("NFC", name)
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C" and c not in _UNWANTED)
    name = name.strip().lstrip(".").rstrip(" .") or "file"
    stem, extension = os.path.splitext(name)
    extension = extension[:EXTENSION_MAX_LENGTH]
    return stem[: FILE_NAME_MAX_LENGTH - len(extension)] + extension


def _head(fileobj) -> bytes:
    """The first bytes of ``fileobj``, leaving it where it was."""
    position = fileobj.tell() if hasattr(fileobj, "tell") else None
    try:
        fileobj.seek(0)
        return fileobj.read(SNIFF_BYTES) or b""
    finally:
        if position is not None:
            fileobj.seek(position)


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        # A full sample may end in the middle of a character; a shorter one is the whole file.
        decoder.decode(head, final=len(head) < SNIFF_BYTES)
    except UnicodeDecodeError:
        return False
    return True


def sniff_content_type(fileobj, *, name: str) -> str:
    """The type of ``fileobj`` from its bytes, never from its name: a known binary format
    (images, PDF, office documents, archives, media, executables) by its signature; plain
    text, CSV and Markdown when the name says so and the bytes are UTF-8 text; anything
    else application/octet-stream."""
    head = _head(fileobj)
    if not head:
        return OCTET_STREAM
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    extension = os.path.splitext(name or "")[1].lower()
    if extension in TEXT_TYPES and _is_text(head):
        return TEXT_TYPES[extension]
    return OCTET_STREAM


def is_inline_safe(content_type: str) -> bool:
    return content_type in INLINE_SAFE_TYPES


def open_stored(fieldfile):
    """The stored file, opened for reading; Http404 when storage lost it (a 404, not a
    server error)."""
    try:
        return fieldfile.open("rb")
    except (FileNotFoundError, ValueError, OSError) as missing:
        raise Http404(_("This file is no longer available.")) from missing


def private_file_response(
    fieldfile,
    *,
    name: str,
    content_type: str,
    inline: bool = False,
    frameable: bool = False,
    max_age: int = 3600,
) -> FileResponse:
    """Stream a stored file the viewer may see (the caller checked).

    ``inline`` shows it in the browser only for ``INLINE_SAFE_TYPES``; everything else is a
    download (``Content-Disposition: attachment``, with the name in RFC 5987 form), declared
    as application/octet-stream unless its type is a harmless document format. Every answer
    says ``nosniff``, is sandboxed by its CSP (no scripts, no forms, no plugins) and is
    cached by the viewer's browser only. ``frameable``: the site's own pages may show it in
    a frame (a PDF or image preview on a file's page); other sites never may.
    """
    content_type = (content_type or "").split(";")[0].strip().lower()
    show = inline and content_type in INLINE_SAFE_TYPES
    if not show and content_type not in _DOWNLOAD_TYPES:
        content_type = OCTET_STREAM
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"
    response = FileResponse(
        open_stored(fieldfile),
        content_type=content_type,
        as_attachment=not show,
        filename=clean_file_name(name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"private, max-age={max_age}"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    ancestors = "'self'" if frameable else "'none'"
    # A full sandbox: no scripts, forms, plugins or same-origin access for the file itself.
    # (Chromium's PDF viewer still shows a PDF under it, framed or not.)
    csp = f"sandbox; default-src 'none'; frame-ancestors {ancestors}"
    response["Content-Security-Policy"] = csp
    if frameable:
        # Read by XFrameOptionsMiddleware, which leaves an answer that set its own alone.
        response["X-Frame-Options"] = "SAMEORIGIN"
    return response
