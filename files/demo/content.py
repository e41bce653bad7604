"""The bytes of the demo's files, made here rather than shipped: PDFs (fpdf2), PNG pictures
(Pillow), Word documents (python-docx), CSV and Markdown.

Every maker is deterministic: the same arguments give the same bytes (a PDF's creation date
and a Word document's dates and zip entry times are fixed), so seeding twice stores identical
files and their SHA-256 says so.
"""

import csv
import datetime
import io
import zipfile

from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

# Dates written inside the documents (not when they were uploaded: the demo moves those).
DOCUMENT_DATE = datetime.datetime(2025, 1, 6, 9, 0, tzinfo=datetime.UTC)
_ZIP_TIME = (2025, 1, 6, 9, 0, 0)
_TYPOGRAPHY = str.maketrans(
    {"\u2014": "-", "\u2013": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
     "\u2026": "...", "\u2022": "-", "\u00a0": " "}
)  # fmt: skip

# Colours of the company's documents and pictures.
NAVY = (23, 50, 94)
TEAL = (18, 128, 122)
GREY = (96, 104, 112)
LIGHT = (236, 242, 248)
WHITE = (255, 255, 255)


def _latin1(text: str) -> str:
    """``text`` in the PDF core fonts' alphabet (typographic punctuation made plain)."""
    return text.translate(_TYPOGRAPHY).encode("latin-1", "replace").decode("latin-1")


# --- PDF ------------------------------------------------------------------------------------


def pdf_document(*, title: str, subtitle: str, sections: list[dict], author: str) -> bytes:
    """A small A4 document: a title block, then each section's heading and its paragraphs
    (``text``) or bullet points (``items``), with page numbers in the footer."""

    class _Document(FPDF):
        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.set_text_color(*GREY)
            self.cell(0, 10, _latin1(f"{title} - {self.page_no()}"), align="C")

    pdf = _Document(format="A4")
    pdf.set_creation_date(DOCUMENT_DATE)
    pdf.set_title(_latin1(title))
    pdf.set_author(_latin1(author))
    pdf.set_producer("Kolega demo")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_fill_color(*NAVY)
    pdf.rect(0, 0, 210, 38, style="F")
    pdf.set_text_color(*WHITE)
    pdf.set_font("Helvetica", style="B", size=20)
    pdf.set_xy(15, 10)
    pdf.cell(0, 10, _latin1(title))
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(15, 22)
    pdf.cell(0, 8, _latin1(subtitle))
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(48)
    for section in sections:
        pdf.set_font("Helvetica", style="B", size=13)
        pdf.set_text_color(*NAVY)
        pdf.multi_cell(0, 8, _latin1(section["heading"]), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Helvetica", size=10.5)
        for paragraph in section.get("text", ()):
            pdf.multi_cell(0, 5.5, _latin1(paragraph), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        for item in section.get("items", ()):
            pdf.set_x(20)
            pdf.multi_cell(0, 5.5, _latin1(f"- {item}"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


# --- pictures -------------------------------------------------------------------------------


def _font(size: int):
    return ImageFont.load_default(size=size)


def _box(draw, xy, text: str, *, fill, outline, colour, size: int = 14, lines: int = 1):
    draw.rounded_rectangle(xy, radius=8, fill=fill, outline=outline, width=2)
    left, top, right, bottom = xy
    draw.multiline_text(
        ((left + right) / 2, (top + bottom) / 2),
        text,
        font=_font(size),
        fill=colour,
        anchor="mm",
        align="center",
        spacing=4,
    )


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def org_chart_png(*, title: str, top: tuple[str, str], boxes: list[tuple[str, str]]) -> bytes:
    """An org chart: ``top`` (name, job) above a row (or two) of ``boxes`` (department,
    head's name), joined by lines."""
    per_row = 5
    rows = [boxes[i : i + per_row] for i in range(0, len(boxes), per_row)] or [[]]
    box_w, box_h, gap = 210, 70, 24
    width = max(per_row * (box_w + gap) + gap, 900)
    height = 150 + len(rows) * (box_h + 60) + 40
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    draw.text((gap, 18), title, font=_font(26), fill=NAVY)
    centre = width // 2
    top_box = (centre - 150, 70, centre + 150, 70 + box_h)
    _box(draw, top_box, f"{top[0]}\n{top[1]}", fill=NAVY, outline=NAVY, colour=WHITE, size=15)
    bus_y = top_box[3] + 25
    draw.line((centre, top_box[3], centre, bus_y), fill=GREY, width=2)
    placed, y = [], bus_y + 25
    for row in rows:  # The lines first, so that the boxes cover them.
        row_width = len(row) * box_w + (len(row) - 1) * gap
        x = (width - row_width) // 2
        if row:
            draw.line((x + box_w // 2, y - 25, x + row_width - box_w // 2, y - 25), fill=GREY,
                      width=2)  # fmt: skip
            draw.line((centre, bus_y, centre, y - 25), fill=GREY, width=2)
        for department, head in row:
            draw.line((x + box_w // 2, y - 25, x + box_w // 2, y), fill=GREY, width=2)
            placed.append(((x, y, x + box_w, y + box_h), f"{department}\n{head}"))
            x += box_w + gap
        y += box_h + 60
    for xy, text in placed:
        _box(draw, xy, text, fill=LIGHT, outline=TEAL, colour=NAVY, size=13)
    return _png(image)


def diagram_png(*, title: str, layers: list[list[str]], note: str = "") -> bytes:
    """A layered architecture diagram: each layer a row of boxes, arrows from each layer to
    the next, and a note at the bottom."""
    box_w, box_h, gap, layer_gap = 190, 56, 30, 60
    widest = max(len(layer) for layer in layers)
    width = max(widest * (box_w + gap) + gap, 760)
    height = 90 + len(layers) * (box_h + layer_gap) + 40
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    draw.text((gap, 20), title, font=_font(24), fill=NAVY)
    y, previous = 80, []
    for depth, layer in enumerate(layers):
        row_width = len(layer) * box_w + (len(layer) - 1) * gap
        x = (width - row_width) // 2
        centres = []
        for name in layer:
            fill, colour = (NAVY, WHITE) if depth == 0 else (LIGHT, NAVY)
            _box(draw, (x, y, x + box_w, y + box_h), name, fill=fill, outline=TEAL,
                 colour=colour)  # fmt: skip
            centres.append(x + box_w // 2)
            x += box_w + gap
        for top in previous:
            for bottom in centres:
                draw.line((top, y - layer_gap, bottom, y), fill=GREY, width=2)
                draw.polygon([(bottom, y), (bottom - 6, y - 10), (bottom + 6, y - 10)], fill=GREY)
        previous = centres
        y += box_h + layer_gap
    if note:
        draw.text((gap, height - 40), note, font=_font(14), fill=GREY)
    return _png(image)


# --- text and spreadsheets ------------------------------------------------------------------


def csv_bytes(rows: list[list]) -> bytes:
    """``rows`` (a header first) as UTF-8 CSV with a byte order mark, which spreadsheet
    programs need to read Indonesian and other non-ASCII text right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def markdown_bytes(text: str) -> bytes:
    return text.strip().encode("utf-8") + b"\n"


# --- Word -----------------------------------------------------------------------------------


def _fixed_zip(data: bytes) -> bytes:
    """The zip ``data`` with every entry's time fixed (python-docx stamps the current one)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = entry.external_attr
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()


def docx_document(*, title: str, subtitle: str, sections: list[dict], author: str) -> bytes:
    """A Word document: the title, then each section's heading and its paragraphs
    (``text``) or bullet points (``items``)."""
    document = Document()
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, author, author
    properties.created = properties.modified = DOCUMENT_DATE.replace(tzinfo=None)
    properties.revision = 1
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(title, level=0)
    document.add_paragraph().add_run(subtitle).italic = True
    for section in sections:
        document.add_heading(section["heading"], level=1)
        for paragraph in section.get("text", ()):
            document.add_paragraph(paragraph)
        for item in section.get("items", ()):
            document.add_paragraph(item, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())
