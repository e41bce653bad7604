"""The one way user text becomes HTML: Markdown, then the nh3 sanitiser."""

import re
from html import unescape

import markdown as md
import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "code", "pre",
    "blockquote", "h3", "h4", "h5", "h6", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> SafeString:
    """Render light Markdown with line breaks kept and URLs linked; output is safe HTML."""
    html = md.markdown(text or "", extensions=["nl2br", "sane_lists", "fenced_code"])
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(nh3_linkify(clean))  # noqa: S308 - nh3 output is sanitised.


def nh3_linkify(html: str) -> str:
    """Turn bare URLs in text into links, leaving existing links and code alone.

    The text between tags is already escaped by nh3; quotes and angle brackets never become
    part of a URL, and the URL is escaped again for the attribute."""
    pattern = re.compile(r"(?<![\"'=>])\b(https?://[^\s<>\"']+[^\s<>\"'.,;:!?\)\]])")
    parts = re.split(r"(<a\b.*?</a>|<code>.*?</code>|<pre>.*?</pre>|<[^>]+>)", html, flags=re.S)
    for index, part in enumerate(parts):
        if part and not part.startswith("<"):
            parts[index] = pattern.sub(_link, part)
    return "".join(parts)


def _link(match) -> str:
    url = escape(unescape(match.group(1)))
    return f'<a href="{url}" rel="noopener noreferrer nofollow">{url}</a>'
