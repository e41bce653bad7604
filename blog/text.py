"""Article text: the feed's one sanitiser (``feed.text.render_text``), made to fit articles.

Two small steps around it, neither of which can add unsafe markup:

- before: the article's headings are moved to the levels the sanitiser keeps (it allows
  h3-h6 only, the title being the page's heading), and Markdown images become links to the
  image (the sanitiser does not allow ``<img>``; a link keeps what the author meant to show),
  except the article's own uploaded images (``/blog/a/<article>/images/<n>/``, exactly),
  which become a random stand-in word;
- after, on the sanitised HTML: each stand-in in running text becomes an ``<img>`` we
  write ourselves (that address and the escaped alt text, nothing of the author's markup),
  and the headings are renamed to h2-h4 and get an ``id`` made of ``[a-z0-9-]`` only, for
  the table of contents.
"""

import math
import re
import secrets
from dataclasses import dataclass, field
from html import unescape

from django.urls import reverse
from django.utils.html import escape
from django.utils.text import Truncator, slugify

from feed.text import FENCED_CODE, render_text
from profiles.models import User

HEADING_LINE = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)", re.M)
IMAGE = re.compile(r"!\[")
# An inline Markdown image: ![alt](address) or ![alt](<address> "title").
INLINE_IMAGE = re.compile(
    r"!\[([^\[\]\n]*)\]"  # ![alt]
    r'\([ \t]*<?([^\s()<>]+)>?(?:[ \t]+"[^"\n]*")?[ \t]*\)'  # (address "title")
)
_NUMBER_SLOT = 987654321
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


def _own_image_address(article_id: int | None) -> re.Pattern | None:
    """The exact addresses of ``article_id``'s uploaded images (None: no article yet)."""
    if not article_id:
        return None
    url = reverse("blog:image", kwargs={"pk": article_id, "number": _NUMBER_SLOT})
    before, after = url.split(str(_NUMBER_SLOT))
    return re.compile(re.escape(before) + r"[1-9][0-9]{0,8}" + re.escape(after))


class _Images:
    """The article's own images found in its text, each represented by a stand-in word
    (letters and digits only, so Markdown and the sanitiser leave it alone) until it is
    replaced by the ``<img>`` written here."""

    def __init__(self, article_id: int | None):
        self.address = _own_image_address(article_id)
        self.marker = f"kolegaimg{secrets.token_hex(8)}n"
        self.found: list[tuple[str, str]] = []
        self.stand_in = re.compile(re.escape(self.marker) + r"([0-9]+)x")

    def hold(self, match) -> str:
        alt, url = match.group(1), match.group(2)
        if self.address is None or not self.address.fullmatch(url):
            return match.group(0)
        self.found.append((url, " ".join(alt.replace("\\", "").split())))
        return f"{self.marker}{len(self.found) - 1}x"

    def tag(self, match) -> str:
        url, alt = self.found[int(match.group(1))]
        return f'<img src="{escape(url)}" alt="{escape(alt)}" class="img-fluid" loading="lazy">'

    def put_back(self, html: str) -> str:
        """Replace the stand-ins in running text (never inside a tag's attributes)."""
        if not self.found:
            return html
        parts = re.split(r"(<[^>]+>)", html)
        for index, part in enumerate(parts):
            if part and not part.startswith("<"):
                parts[index] = self.stand_in.sub(self.tag, part)
        return "".join(parts)


def _prepare(body: str, images: _Images) -> str:
    def change(piece: str) -> str:
        piece = INLINE_IMAGE.sub(images.hold, piece)
        return IMAGE.sub("[", HEADING_LINE.sub(_shift_heading, piece))

    return _outside_code(body, change)


def plain_text(html: str) -> str:
    """The running text of sanitised HTML, one space between words."""
    return " ".join(unescape(TAG.sub(" ", html)).split())


def render_article(body: str, *, article_id: int | None = None) -> RenderedArticle:
    """Safe HTML, table of contents, plain text, mentions and hashtags of an article body.
    ``article_id``: the article whose uploaded images the text may show (any other image,
    here or elsewhere, stays a link)."""
    images = _Images(article_id)
    rendered = render_text(_prepare(body or "", images))
    html = images.put_back(rendered.html)
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

    text = plain_text(html)
    html = SANITISED_HEADING.sub(anchor, html)
    return RenderedArticle(
        html=html,
        toc=toc,
        text=text,
        users=rendered.users,
        hashtags=rendered.hashtags,
    )
