"""A readable difference between two texts of a page: line by line, and word by word inside
the lines that changed (``difflib``).

``diff_revisions`` gives rows for a side-by-side view (``old_html`` left, ``new_html``
right) or a unified one (a "change" row is its old line removed, then its new line added).
Every piece of text is escaped here; the only markup is ``<del>`` and ``<ins>`` around the
words taken out and put in.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

EQUAL, INSERT, DELETE, CHANGE, SKIP = "equal", "insert", "delete", "change", "skip"
WORDS = re.compile(r"\w+|\s+|[^\w\s]")
TOKENS = re.compile(r"\w+|[^\w\s]")
# Lines sharing less than this (in words and signs) are shown as one removed and one added,
# not mixed word by word.
MIN_LIKENESS = 0.3
CONTEXT_LINES = 3


@dataclass(frozen=True)
class DiffRow:
    """One row: ``kind`` (equal, insert, delete, change, or skip for unchanged lines left
    out), the line numbers on each side (None where the side has no line) and the escaped
    HTML of each side. A skip row says how many lines it stands for in ``skipped``."""

    kind: str
    old_number: int | None = None
    new_number: int | None = None
    old_html: SafeString = mark_safe("")
    new_html: SafeString = mark_safe("")
    skipped: int = 0


def _lines(text: str) -> list[str]:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n") if text else []


def _words(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both lines escaped, with the words only in ``old`` in <del> and those only in ``new``
    in <ins>."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    left, right = [], []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if tag == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f"<del>{removed}</del>")
        if added:
            right.append(f"<ins>{added}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 - escaped above.


def _changed_block(old: list[str], new: list[str], i: int, j: int) -> list[DiffRow]:
    """Rows for lines ``old`` replaced by lines ``new`` (starting at lines i+1 and j+1): pairs
    that look alike are compared word by word, the rest are plain removals and additions."""
    rows = []
    for k in range(max(len(old), len(new))):
        before = old[k] if k < len(old) else None
        after = new[k] if k < len(new) else None
        if before is not None and after is not None:
            likeness = SequenceMatcher(
                None, TOKENS.findall(before), TOKENS.findall(after), autojunk=False
            ).ratio()
            if likeness >= MIN_LIKENESS:
                left, right = _words(before, after)
                rows.append(DiffRow(CHANGE, i + k + 1, j + k + 1, left, right))
                continue
        if before is not None:
            rows.append(DiffRow(DELETE, old_number=i + k + 1, old_html=_whole("del", before)))
        if after is not None:
            rows.append(DiffRow(INSERT, new_number=j + k + 1, new_html=_whole("ins", after)))
    # Removals before additions, so a unified view reads like a patch.
    return sorted(rows, key=lambda row: row.kind == INSERT) if len(old) != len(new) else rows


def _whole(tag: str, line: str) -> SafeString:
    return mark_safe(f"<{tag}>{escape(line)}</{tag}>" if line else "")  # noqa: S308


def diff_revisions(old_text: str, new_text: str, *, context: int | None = CONTEXT_LINES):
    """The rows showing how ``new_text`` differs from ``old_text``. Unchanged lines more
    than ``context`` lines away from a change become one skip row (None keeps them all)."""
    old, new = _lines(old_text), _lines(new_text)
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += _unchanged(old, i1, i2, j1, context, first=i1 == 0, last=i2 == len(old))
        elif tag == "replace":
            rows += _changed_block(old[i1:i2], new[j1:j2], i1, j1)
        elif tag == "delete":
            rows += [
                DiffRow(DELETE, old_number=n + 1, old_html=_whole("del", old[n]))
                for n in range(i1, i2)
            ]
        else:
            rows += [
                DiffRow(INSERT, new_number=n + 1, new_html=_whole("ins", new[n]))
                for n in range(j1, j2)
            ]
    return rows


def _unchanged(old, i1, i2, j1, context, *, first: bool, last: bool) -> list[DiffRow]:
    def row(n: int) -> DiffRow:
        text = escape(old[n])
        return DiffRow(EQUAL, n + 1, j1 + (n - i1) + 1, text, text)

    count = i2 - i1
    keep_before = 0 if first else context
    keep_after = 0 if last else context
    if context is None or count <= keep_before + keep_after + 1:
        return [row(n) for n in range(i1, i2)]
    head = [row(n) for n in range(i1, i1 + keep_before)]
    tail = [row(n) for n in range(i2 - keep_after, i2)]
    skipped = count - keep_before - keep_after
    return [*head, DiffRow(SKIP, skipped=skipped), *tail]


def diff_counts(rows) -> tuple[int, int]:
    """``(lines added, lines removed)`` in ``rows`` (a changed line counts in both)."""
    added = sum(1 for row in rows if row.kind in (INSERT, CHANGE))
    removed = sum(1 for row in rows if row.kind in (DELETE, CHANGE))
    return added, removed
