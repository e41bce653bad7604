"""Post and comment text: safe Markdown plus ``@mentions`` and ``#hashtags``.

``@name`` names a person by username or, failing that, a community by its address;
``#topic`` becomes a taggit tag linked to ``/tags/<slug>/``. Both are found in the text of
the sanitised HTML only, never inside links or code, and every link we add is escaped.
"""

import re
from dataclasses import dataclass, field

import nh3
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import slugify

from communities.models import Community, CommunityType
from core.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES, render_markdown
from profiles.models import User

MENTION = re.compile(r"(?<![\w@./-])@([A-Za-z0-9](?:[A-Za-z0-9._-]{0,148}[A-Za-z0-9])?)")
HASHTAG = re.compile(r"(?<![\w&#/])#([^\W_](?:[\w-]{0,48}[^\W_])?)")
# A '#' that starts a line (or a list item, or a quote) is a hashtag, not a Markdown heading.
LINE_START_HASH = re.compile(
    r"^((?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|[ \t]{0,3}>[ \t]?)*[ \t]{0,3})#(?=[^\s#])", re.M
)
FENCED_CODE = re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", re.M | re.S)
_SPLIT = re.compile(r"(<a\b.*?</a>|<code>.*?</code>|<pre>.*?</pre>|<[^>]+>)", re.S)
MAX_TAG_LENGTH = 50


@dataclass
class RenderedText:
    html: str
    users: list[User] = field(default_factory=list)
    communities: list[Community] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)


def _text_parts(html: str) -> list[str]:
    """``html`` split into tags, whole links, code, and the running text between them."""
    return _SPLIT.split(html)


def _hashes_not_headings(text: str) -> str:
    """Escape line-start hashes so Markdown keeps them as text, except in fenced code."""
    pieces, done = [], 0
    for fence in FENCED_CODE.finditer(text):
        pieces += [LINE_START_HASH.sub(r"\1\\#", text[done : fence.start()]), fence.group()]
        done = fence.end()
    return "".join([*pieces, LINE_START_HASH.sub(r"\1\\#", text[done:])])


def render_text(text: str) -> RenderedText:
    """Render ``text`` to safe HTML and find the people, communities and tags it names
    (only in running text: not inside links or code)."""
    html = str(render_markdown(_hashes_not_headings(text or "")))
    # Sanitise once more: core.markdown's autolinker can let a quote in a bare URL open new
    # attributes (https://x/"onmouseover="...); this pass drops anything smuggled in that way.
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    parts = _text_parts(html)
    texts = [i for i, part in enumerate(parts) if part and not part.startswith("<")]
    names, tags = {}, {}
    for i in texts:
        for match in MENTION.finditer(parts[i]):
            names.setdefault(match.group(1).lower(), None)
        for match in HASHTAG.finditer(parts[i]):
            if slugify(match.group(1), allow_unicode=True):
                tags.setdefault(match.group(1).lower(), None)
    users = (
        {
            u.username.lower(): u
            for u in User.objects.active()
            .annotate(lowered=Lower("username"))
            .filter(lowered__in=list(names))
        }
        if names
        else {}
    )
    rest = [n for n in names if n not in users]
    # Secret communities do not exist for most readers: a mention never names one.
    communities = (
        {
            c.slug.lower(): c
            for c in Community.objects.exclude(type=CommunityType.SECRET)
            .annotate(lowered=Lower("slug"))
            .filter(lowered__in=rest)
        }
        if rest
        else {}
    )

    def link_mention(match):
        name = match.group(1).lower()
        if name in users:
            person = users[name]
            return (
                f'<a class="mention" href="{escape(person.get_absolute_url())}" '
                f'data-user="{person.pk}">@{escape(person.name)}</a>'
            )
        if name in communities:
            community = communities[name]
            return (
                f'<a class="mention" href="{escape(community.get_absolute_url())}">'
                f"@{escape(community.name)}</a>"
            )
        return match.group(0)

    def link_hashtag(match):
        slug = slugify(match.group(1), allow_unicode=True)
        if not slug:
            return match.group(0)
        href = escape(reverse("tags:detail", kwargs={"slug": slug}))
        return f'<a class="hashtag" href="{href}">#{escape(match.group(1))}</a>'

    for i in texts:
        parts[i] = HASHTAG.sub(link_hashtag, MENTION.sub(link_mention, parts[i]))
    return RenderedText(
        html="".join(parts),
        users=list(users.values()),
        communities=list(communities.values()),
        hashtags=list(tags),
    )
