from html.parser import HTMLParser

import pytest
from django.utils.safestring import SafeString

from core.markdown import render_markdown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**bold**", "<strong>bold</strong>"),
        ("*italics*", "<em>italics</em>"),
        ("- tea\n- coffee", "<ul>\n<li>tea</li>\n<li>coffee</li>\n</ul>"),
        ("1. first\n2. second", "<ol>\n<li>first</li>\n<li>second</li>\n</ol>"),
        ("run `make test`", "<code>make test</code>"),
        ("```\nif a < b:\n    pass\n```", "<pre><code>if a &lt; b:\n    pass\n</code></pre>"),
        ("> quoted", "<blockquote>"),
    ],
)
def test_render_markdown_keeps_formatting(text, expected):
    assert expected in render_markdown(text)


def test_render_markdown_keeps_links_and_marks_them_nofollow():
    html = render_markdown("[the wiki](https://kolega.example.com/wiki/)")

    assert (
        '<a href="https://kolega.example.com/wiki/" rel="noopener noreferrer nofollow">the wiki</a>'
    ) in html


def test_render_markdown_links_bare_urls_without_trailing_punctuation():
    html = render_markdown("See https://kolega.example.com/people/?q=ratna.")

    assert (
        '<a href="https://kolega.example.com/people/?q=ratna" rel="noopener noreferrer nofollow">'
        "https://kolega.example.com/people/?q=ratna</a>."
    ) in html


def test_render_markdown_does_not_link_urls_inside_code_or_links_twice():
    html = render_markdown("`https://a.example.com` and [b](https://b.example.com)")

    assert "<code>https://a.example.com</code>" in html
    assert html.count("<a ") == 1


def test_render_markdown_keeps_line_breaks():
    html = render_markdown("line one\nline two")

    assert "line one<br>" in html
    assert "line two" in html


def test_render_markdown_strips_script_tags_and_their_content():
    html = render_markdown("hello <script>alert('x')</script>")

    assert "<script" not in html
    assert "alert" not in html
    assert "hello" in html


@pytest.mark.parametrize(
    "text",
    [
        '<img src="x" onerror="alert(1)">',
        '<p onclick="alert(1)">click</p>',
        '<a href="https://example.com" onmouseover="alert(1)">hover</a>',
    ],
)
def test_render_markdown_strips_event_handler_attributes(text):
    html = render_markdown(text)

    assert "onerror" not in html
    assert "onclick" not in html
    assert "onmouseover" not in html
    assert "alert" not in html


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        '<a href="JaVaScRiPt:alert(1)">click</a>',
    ],
)
def test_render_markdown_drops_javascript_links(text):
    html = render_markdown(text)

    assert "javascript" not in html.lower()
    assert "click" in html


def test_render_markdown_escapes_raw_html_it_does_not_allow():
    html = render_markdown('<iframe src="https://evil.example.com"></iframe><b>ok</b>')

    assert "<iframe" not in html
    assert "<b>ok</b>" in html


def test_render_markdown_returns_safe_html_for_empty_input():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
    assert isinstance(render_markdown("x"), SafeString)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize(
    "text",
    [
        'https://e.example.com/"onmouseover="alert(1)"x',
        "https://e.example.com/'onmouseover='alert(1)'x",
        'see https://e.example.com/a"style="position:fixed" now',
    ],
)
def test_autolinked_urls_cannot_smuggle_attributes(text):
    parser = _Tags()
    parser.feed(str(render_markdown(text)))

    links = [attrs for tag, attrs in parser.tags if tag == "a"]
    assert len(links) == 1
    assert set(links[0]) == {"href", "rel"}
    assert links[0]["href"].startswith("https://e.example.com/")
    assert '"' not in links[0]["href"] and "'" not in links[0]["href"]
