"""The text of a stored file, for search: PDF (pypdf), Word documents (python-docx) and plain
text, CSV and Markdown. Capped at ``MAX_TEXT`` characters; anything else has no text."""

import io
import logging
import zipfile

from files.models import TextState

logger = logging.getLogger(__name__)

MAX_TEXT = 1_000_000
MAX_PDF_PAGES = 2000
# A Word document is a zip: refuse one that would unpack to more than this (a zip bomb).
MAX_UNPACKED = 200 * 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT_TYPES = {"text/plain", "text/csv", "text/markdown"}


class _Collector:
    """Pieces of text up to ``MAX_TEXT`` characters."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0

    @property
    def full(self) -> bool:
        return self.length >= MAX_TEXT

    def add(self, text: str) -> None:
        text = (text or "").replace("\x00", "").strip()
        if text and not self.full:
            self.parts.append(text)
            self.length += len(text) + 1

    def text(self) -> str:
        return "\n".join(self.parts)[:MAX_TEXT]


def _pdf(stream, out: _Collector) -> None:
    from pypdf import PdfReader

    reader = PdfReader(stream)
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("The PDF is encrypted.")
    for number, page in enumerate(reader.pages):
        if out.full or number >= MAX_PDF_PAGES:
            break
        out.add(page.extract_text())


def _docx(stream, out: _Collector) -> None:
    import docx

    with zipfile.ZipFile(stream) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
            raise ValueError("The document unpacks to too much.")
    stream.seek(0)
    document = docx.Document(stream)
    for paragraph in document.paragraphs:
        if out.full:
            return
        out.add(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            if out.full:
                return
            out.add("\t".join(cell.text for cell in row.cells))


def _text(stream, out: _Collector) -> None:
    # UTF-8 takes at most 4 bytes a character: this reads no more than the cap needs.
    out.add(stream.read(MAX_TEXT * 4).decode("utf-8", errors="replace").lstrip("\ufeff"))


def extract_text(fieldfile, *, content_type: str, name: str = "") -> tuple[str, str]:
    """``(text_state, text)`` of a stored file: ``done`` with its text, ``none`` for types
    without text, ``failed`` (and no text) when the file cannot be read."""
    if content_type == "application/pdf":
        reader = _pdf
    elif content_type == DOCX:
        reader = _docx
    elif content_type in TEXT_TYPES:
        reader = _text
    else:
        return TextState.NONE, ""
    out = _Collector()
    try:
        with fieldfile.open("rb") as opened:
            # The readers seek around; storage files (S3) may not, so read into memory
            # (files are at most FILE_MAX_BYTES).
            reader(io.BytesIO(opened.read()), out)
    except Exception as error:  # Broken, encrypted or hostile files: no text, no crash.
        logger.info("No text from %s (%s): %s", name, content_type, error)
        return TextState.FAILED, ""
    return TextState.DONE, out.text()
