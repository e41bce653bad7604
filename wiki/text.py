"""Page text: the blog's long-form rendering (``blog.text.render_article``: Markdown through
the one sanitiser, headings h2-h4 with anchors, @mentions, #topics) plus ``[[wiki links]]``.

``[[Title]]`` links to the page of that title in the same space, ``[[space:Title]]`` to one
in another space (``space`` is its address), ``[[Title|words]]`` shows other words. A link
is an address (space, slug), whether or not a page lives there: ``PageLink`` rows keep them,
and reading a page marks the links whose page does not exist (yet) as "create this page".

The links are cut out of the text before Markdown sees it (as tokens of letters and digits,
which neither Markdown nor the sanitiser change) and put back into the sanitised HTML: as
links in running text, as the words written inside code, as plain words inside another link.
Everything put back is escaped here.
"""

import re
import secrets
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from blog.text import render_article
from communities.models import CommunityType

WIKI_LINK = re.compile(r"\[\[([^\[\]\n]{1,400})\]\]")
_PARTS = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>|<a\b.*?</a>|<[^>]+>)", re.S)
# Page addresses the space's own pages use (``wiki/urls.py``): a page titled "Changes" gets
# "changes-page", both when it is written and when a link names it.
RESERVED_PAGE_SLUGS = frozenset(
    {"changes", "settings", "watch", "unwatch", "new", "me", "preview", "restore"}
)
SLUG_MAX_LENGTH = 200


def page_slug(title: str) -> str:
    """The address of the page called ``title`` in its space ('' when it has no letters or
    digits). Titles that differ only in case or punctuation share an address."""
    slug = slugify(title or "", allow_unicode=True)[:SLUG_MAX_LENGTH].strip("-")
    if slug in RESERVED_PAGE_SLUGS:
        slug = f"{slug}-page"
    return slug


@dataclass(frozen=True)
class WikiLink:
    """One ``[[link]]`` as written."""

    target: str  # "Title" or "space:Title", spaces collapsed.
    label: str  # The words after "|" ('' when none).
    source: str  # The whole ``[[...]]``.

    def split(self) -> tuple[str, str]:
        """``(space prefix in lower case, title)``; the prefix is '' when there is none."""
        prefix, colon, title = self.target.partition(":")
        if colon and prefix.strip() and title.strip():
            return prefix.strip().lower(), title.strip()
        return "", self.target


def parse_link(source: str) -> WikiLink:
    """``[[Title]]``, ``[[space:Title]]``, ``[[Title|label]]`` taken apart."""
    target, _bar, label = source[2:-2].partition("|")
    return WikiLink(target=" ".join(target.split()), label=" ".join(label.split()), source=source)


def _spaces_named(slugs, space):
    """``{slug: space}`` for the link prefixes naming a space. A secret community's space is
    named only from inside it (a link must not tell whether one exists)."""
    from wiki.models import Space

    wanted = {s for s in slugs if s and s != space.slug}
    found = {space.slug: space}
    if wanted:
        others = Space.objects.filter(slug__in=wanted).exclude(community__type=CommunityType.SECRET)
        found.update({s.slug: s for s in others})
    return found


def _token_name(body: str) -> str:
    while True:
        name = f"WIKILINK{secrets.token_hex(4).upper()}X"
        if name not in body:
            return name


def page_url(space_slug: str, slug: str) -> str:
    return reverse("wiki:page", args=[space_slug, slug])


def _resolve(link: WikiLink, spaces: dict, space):
    """``(space, slug, title)`` a link points at, or None when it names no page. A prefix
    that names no space is part of the title ("SOP: expenses")."""
    prefix, title = link.split()
    target_space = spaces.get(prefix) if prefix else space
    if target_space is None:
        target_space, title = space, link.target
    slug = page_slug(title)
    if not slug or len(title) > SLUG_MAX_LENGTH:
        return None
    return target_space, slug, title


def render_page(body: str, *, space) -> tuple[SafeString, list[tuple]]:
    """Safe HTML of a page of ``space`` and its links, ``[(space, slug, title), ...]``
    (one per address, in order; for ``PageLink`` rows). One query for the spaces that
    ``[[space:...]]`` prefixes name (none without prefixes), plus the mentions' (see
    ``feed.text``)."""
    body = body or ""
    matches = list(WIKI_LINK.finditer(body))
    links = [parse_link(match.group(0)) for match in matches]
    spaces = _spaces_named([link.split()[0] for link in links], space)
    token = _token_name(body)
    pieces, done, targets = [], 0, []
    for match, link in zip(matches, links, strict=True):
        resolved = _resolve(link, spaces, space)
        if resolved is None:
            continue
        pieces += [body[done : match.start()], f"{token}{len(targets)}Z"]
        targets.append((*resolved, link))
        done = match.end()
    pieces.append(body[done:])
    html = str(render_article("".join(pieces)).html) if targets else str(render_article(body).html)
    linked: dict[tuple, tuple] = {}
    placeholder = re.compile(rf"{token}(\d+)Z")

    def as_link(found) -> str:
        target_space, slug, title, link = targets[int(found.group(1))]
        linked.setdefault((target_space.pk, slug), (target_space, slug, title))
        href = escape(page_url(target_space.slug, slug))
        hint = title if target_space.pk == space.pk else f"{target_space.name}: {title}"
        words = link.label or title
        return f'<a class="wiki-link" href="{href}" title="{escape(hint)}">{escape(words)}</a>'

    def as_words(found) -> str:
        _space, _slug, title, link = targets[int(found.group(1))]
        return escape(link.label or title)

    def as_written(found) -> str:
        return escape(targets[int(found.group(1))][3].source)

    parts = _PARTS.split(html)
    for i, part in enumerate(parts):
        if not part or token not in part:
            continue
        if part.startswith(("<pre", "<code")):
            parts[i] = placeholder.sub(as_written, part)
        elif part.startswith("<"):
            parts[i] = placeholder.sub(as_words, part)
        else:
            parts[i] = placeholder.sub(as_link, part)
    # Nothing but escaped text and our own links went in: the HTML stays safe.
    return mark_safe("".join(parts)), list(linked.values())  # noqa: S308
