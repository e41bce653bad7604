"""A line-based three-way merge (the ``diff3`` way): two people changed the same text; keep
both changes where they touch different lines, mark the places where they overlap.

``merge3(base, mine, theirs)`` walks the lines all three texts still share (found with
``difflib`` between the base and each side). Between two such stretches, a side that left
the base alone takes the other's change; if both changed it the same way, that is taken
once; if they changed it differently, both versions go in between conflict markers.
"""

from difflib import SequenceMatcher

from django.utils.translation import gettext as _

START, MIDDLE, END = "<<<<<<<", "=======", ">>>>>>>"


def _lines(text: str) -> list[str]:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n") if text else []


def _sync_regions(base, mine, theirs):
    """Stretches unchanged in both: ``(base_start, base_end, mine_start, mine_end,
    theirs_start, theirs_end)``, ending with an empty one at the ends of the texts."""
    ours = SequenceMatcher(None, base, mine, autojunk=False).get_matching_blocks()
    other = SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    regions, a, b = [], 0, 0
    while a < len(ours) and b < len(other):
        a_base, a_side, a_len = ours[a]
        b_base, b_side, b_len = other[b]
        start, end = max(a_base, b_base), min(a_base + a_len, b_base + b_len)
        if start < end:
            mine_start = a_side + start - a_base
            theirs_start = b_side + start - b_base
            regions.append(
                (start, end, mine_start, mine_start + end - start,
                 theirs_start, theirs_start + end - start)
            )  # fmt: skip
        if a_base + a_len < b_base + b_len:
            a += 1
        else:
            b += 1
    regions.append((len(base), len(base), len(mine), len(mine), len(theirs), len(theirs)))
    return regions


def merge3(
    base: str,
    mine: str,
    theirs: str,
    *,
    mine_label: str | None = None,
    theirs_label: str | None = None,
) -> tuple[str, bool]:
    """Merge the changes from ``base`` to ``mine`` and from ``base`` to ``theirs``. Returns
    ``(text, clean)``: ``clean`` is False when some changes overlapped; those places hold
    both versions between ``<<<<<<<``, ``=======`` and ``>>>>>>>`` lines."""
    old, a, b = _lines(base), _lines(mine), _lines(theirs)
    mine_label = mine_label or _("your text")
    theirs_label = theirs_label or _("the saved text")
    merged: list[str] = []
    clean = True
    z = i = j = 0
    for z_start, z_end, a_start, a_end, b_start, b_end in _sync_regions(old, a, b):
        base_part, mine_part, theirs_part = old[z:z_start], a[i:a_start], b[j:b_start]
        if mine_part == theirs_part:
            merged += mine_part
        elif mine_part == base_part:
            merged += theirs_part
        elif theirs_part == base_part:
            merged += mine_part
        else:
            clean = False
            merged += [f"{START} {mine_label}", *mine_part, MIDDLE, *theirs_part,
                       f"{END} {theirs_label}"]  # fmt: skip
        merged += old[z_start:z_end]
        z, i, j = z_end, a_end, b_end
    return "\n".join(merged), clean


def has_conflict_markers(text: str) -> bool:
    """Whether ``text`` still holds the markers of a merge that overlapped."""
    lines = _lines(text)
    return any(line.startswith(START) for line in lines) and any(
        line.startswith(END) for line in lines
    )
