"""Demo texts to HTML: each template is rendered once with ``feed.text.render_text`` (with a
token where each slot goes), then every use fills its slots into that HTML: the mention links
``render_text`` would write, and plain values escaped as the sanitiser escapes text."""

import re
import string
from dataclasses import dataclass

from django.utils.html import escape

from feed.demo import data as corpus
from feed.demo.world import World
from feed.text import render_text

_FORMATTER = string.Formatter()
_TOKEN = re.compile(r"kolegaslot(\d+)x")
MENTION_SLOTS = {"mention", "mention2", "mentions", "author_mention", "parent_mention",
                 "praised_mention"}  # fmt: skip


def _text_html(value: str) -> str:
    """How the sanitiser writes plain text (it escapes only &, < and >)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Template:
    fields: list[str]
    html: str  # Rendered with a token where each slot goes.
    hashtags: list[str]


class Renderer:
    """Render each template once, then fill its slots into the HTML."""

    def __init__(self, world: World):
        self.world = world
        self.templates: dict[str, Template] = {}
        self.links: dict[int, str] = {}

    def template(self, text: str) -> Template:
        found = self.templates.get(text)
        if found is None:
            fields = list(dict.fromkeys(template_fields(text)))
            tokens = {name: f"kolegaslot{i}x" for i, name in enumerate(fields)}
            rendered = render_text(text.format(**tokens)) if text else None
            found = self.templates[text] = Template(
                fields=fields,
                html=rendered.html if rendered else "",
                hashtags=rendered.hashtags if rendered else [],
            )
        return found

    def link(self, person: int) -> str:
        """The mention link ``feed.text.render_text`` writes for ``@username``."""
        html = self.links.get(person)
        if html is None:
            p = self.world.people[person]
            href = escape(f"/people/{p.username}/")
            html = self.links[person] = (
                f'<a class="mention" href="{href}" data-user="{self.world.ids[person]}">'
                f"@{escape(p.display_name)}</a>"
            )
        return html

    def fill(self, text: str, values: dict, lang: str) -> tuple[str, str, list[int], list[str]]:
        """``(body, body_html, mentioned people, hashtags)`` for ``text`` with ``values``."""
        template = self.template(text)
        plain, html, mentioned = {}, [], []
        for name in template.fields:
            value = values[name]
            if name in MENTION_SLOTS:
                people = value if isinstance(value, list) else [value]
                mentioned.extend(people)
                names = [f"@{self.world.people[i].username}" for i in people]
                links = [self.link(i) for i in people]
                plain[name], rendered = _join(names, lang), _join(links, lang)
            else:
                plain[name], rendered = value, _text_html(value)
            html.append(rendered)
        body = text.format(**plain)
        body_html = _TOKEN.sub(lambda m: html[int(m.group(1))], template.html)
        return body, body_html, list(dict.fromkeys(mentioned)), template.hashtags


def template_fields(text: str) -> list[str]:
    return [name for _, name, _, _ in _FORMATTER.parse(text) if name]


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {corpus.AND[lang]} {items[-1]}"
