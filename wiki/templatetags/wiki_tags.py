"""Template helpers for wiki pages: marking links to pages not written yet, anchors and a
table of contents for the headings of a page.

Both work on the sanitiser's output (``Page.body_html``, ``wiki.text.render_page``) and only
add attributes whose values are escaped here, so they cannot add unsafe markup.
"""

import re
from html import unescape
from urllib.parse import unquote

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

register = template.Library()

LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
HREF = re.compile(r'\bhref="([^"]*)"')
TITLE = re.compile(r'\s*\btitle="[^"]*"')
CLASS = re.compile(r'\bclass="([^"]*)"')
HEADING = re.compile(r"<h([2-6])(\s[^>]*)?>(.*?)</h\1>", re.S)
HEADING_ID = re.compile(r'\bid="([^"]*)"')
TAG = re.compile(r"<[^>]+>")
# A page this long (in headings) gets a table of contents.
TOC_MIN_HEADINGS = 3


def _normal(url: str) -> str:
    return unquote(unescape(url)).split("#", 1)[0]


def mark_missing(html: str, missing_urls) -> str:
    """``html`` with its links to ``missing_urls`` (addresses of pages not written yet)
    styled as "create this page" links, with a title and words for screen readers."""
    missing = {_normal(url) for url in missing_urls or ()}
    if not missing:
        return html
    hint = escape(_("This page does not exist yet: create it"))
    hidden = escape(_("(page does not exist yet)"))

    def mark(match) -> str:
        attributes, inner = match.group(1), match.group(2)
        href = HREF.search(attributes)
        if href is None or _normal(href.group(1)) not in missing:
            return match.group(0)
        attributes = TITLE.sub("", attributes)
        if CLASS.search(attributes):
            attributes = CLASS.sub(lambda m: f'class="{m.group(1)} wiki-missing"', attributes, 1)
        else:
            attributes += ' class="wiki-missing"'
        return (
            f'<a{attributes} title="{hint}">{inner}'
            f'<span class="visually-hidden"> {hidden}</span></a>'
        )

    return LINK.sub(mark, html)


def plain(html: str) -> str:
    return " ".join(unescape(TAG.sub(" ", html)).split())


def anchor_headings(html: str) -> tuple[str, list[dict]]:
    """``html`` with an ``id`` on every h2-h6 (kept when there is one) and the table of
    contents: a list of ``{"level", "id", "text"}``."""
    toc, used = [], set()

    def anchor(match) -> str:
        level, attributes, inner = int(match.group(1)), match.group(2) or "", match.group(3)
        text = plain(inner)
        found = HEADING_ID.search(attributes)
        if found:
            anchor_id = unescape(found.group(1))
        else:
            base = "h-" + (slugify(text)[:60].strip("-") or "section")
            anchor_id, number = base, 1
            while anchor_id in used:
                number += 1
                anchor_id = f"{base}-{number}"
            attributes = f'{attributes} id="{escape(anchor_id)}"'
        used.add(anchor_id)
        toc.append({"level": level, "id": anchor_id, "text": text})
        return f"<h{level}{attributes}>{inner}</h{level}>"

    return HEADING.sub(anchor, html), toc


def decorate_body(html: str, missing_urls=()) -> tuple[str, list[dict]]:
    """The page's sanitised HTML made ready to show, and its table of contents (empty when
    the page is short)."""
    html, toc = anchor_headings(mark_missing(html or "", missing_urls))
    if len(toc) < TOC_MIN_HEADINGS:
        toc = []
    if toc:
        top = min(entry["level"] for entry in toc)
        for entry in toc:
            entry["depth"] = entry["level"] - top
    return mark_safe(html), toc  # noqa: S308 - sanitised HTML plus escaped attributes.


@register.filter
def wiki_missing(html, missing_urls):
    """``{{ html|wiki_missing:missing_urls }}``: links to pages not written yet marked."""
    return mark_safe(mark_missing(str(html or ""), missing_urls))  # noqa: S308 - see above.


@register.filter
def wiki_marked(html):
    """A diff line with words for screen readers around its <ins> and <del> (which most of
    them do not announce): "[added: ...]", "[removed: ...]"."""
    added = escape(_("added:"))
    removed = escape(_("removed:"))
    end = '<span class="visually-hidden">]</span>'
    html = str(html or "")
    html = html.replace("<ins>", f'<ins><span class="visually-hidden">[{added} </span>')
    html = html.replace("<del>", f'<del><span class="visually-hidden">[{removed} </span>')
    html = html.replace("</ins>", f"{end}</ins>").replace("</del>", f"{end}</del>")
    return mark_safe(html)  # noqa: S308 - the diff's escaped HTML and our own constant tags.
