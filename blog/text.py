"""Article text: the feed's one sanitiser (``feed.text.render_text``), made to fit articles.

Two small steps around it, neither of which can add unsafe markup:

- before: the article's headings are moved to the levels the sanitiser keeps (it allows
  h3-h6 only, the title being the page's heading), and Markdown images become links to the
  image (the sanitiser does not allow ``<img>``; a link keeps what the author meant to show);
- after, on the sanitised HTML: the headings are renamed to h2-h4 and get an ``id`` made of
  ``[a-z0-9-]`` only, for the table of contents.
"""

import math
import re
from dataclasses import dataclass, field
from html import unescape

from django.utils.text import Truncator, slugify

from feed.text import FENCED_CODE, render_text
from profiles.models import User

HEADING_LINE = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)", re.M)
IMAGE = re.compile(r"!\[")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
# nh3 writes headings without attributes; a raw <h5>/<h6> in the text stays as it is.
SANITISED_HEADING = re.compile(r"<h([345])>(.*?)</h\1>", re.S)
TAG = re.compile(r"<[^>]+>")
WORDS_PER_MINUTE = 200


@dataclass
class RenderedArticle:
    html: str
    toc: list[dict] = field(default_factory=list)
    text: str = ""
    users: list[User] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(len(self.text.split()) / WORDS_PER_MINUTE))

    def excerpt(self, limit: int) -> str:
        return Truncator(self.text).chars(limit)


def _outside_code(text: str, change) -> str:
    """Apply ``change`` to the Markdown outside fenced code blocks and inline code."""

    def outside_inline(piece: str) -> str:
        parts, done = [], 0
        for code in INLINE_CODE.finditer(piece):
            parts += [change(piece[done : code.start()]), code.group()]
            done = code.end()
        return "".join([*parts, change(piece[done:])])

    pieces, done = [], 0
    for fence in FENCED_CODE.finditer(text):
        pieces += [outside_inline(text[done : fence.start()]), fence.group()]
        done = fence.end()
    return "".join([*pieces, outside_inline(text[done:])])


def _shift_heading(match) -> str:
    # "#" and "##" are the article's sections (h2), "###" h3, deeper ones h4; written one
    # level down here (h3-h5, which the sanitiser keeps) and renamed after it.
    level = min(max(len(match.group(2)), 2), 4)
    return match.group(1) + "#" * (level + 1)


def _prepare(body: str) -> str:
    def change(piece: str) -> str:
        return IMAGE.sub("[", HEADING_LINE.sub(_shift_heading, piece))

    return _outside_code(body, change)


def plain_text(html: str) -> str:
    """The running text of sanitised HTML, one space between words."""
    return " ".join(unescape(TAG.sub(" ", html)).split())


def render_article(body: str) -> RenderedArticle:
    """Safe HTML, table of contents, plain text, mentions and hashtags of an article body."""
    rendered = render_text(_prepare(body or ""))
    toc, used = [], set()

    def anchor(match) -> str:
        level = int(match.group(1)) - 1
        inner = match.group(2)
        text = plain_text(inner)
        base = "h-" + (slugify(text)[:60].strip("-") or "section")
        anchor_id, number = base, 1
        while anchor_id in used:
            number += 1
            anchor_id = f"{base}-{number}"
        used.add(anchor_id)
        toc.append({"level": level, "id": anchor_id, "text": text})
        return f'<h{level} id="{anchor_id}">{inner}</h{level}>'

    html = SANITISED_HEADING.sub(anchor, rendered.html)
    return RenderedArticle(
        html=html,
        toc=toc,
        text=plain_text(rendered.html),
        users=rendered.users,
        hashtags=rendered.hashtags,
    )
