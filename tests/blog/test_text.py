"""Article text: headings h2-h4 with ids and a table of contents, code blocks, and nothing
unsafe getting through (the feed's sanitiser, plus a post-processing step that only adds
ids made of [a-z0-9-])."""

import re

import pytest

from blog.text import render_article


def test_headings_become_h2_to_h4_with_ids_and_a_table_of_contents():
    rendered = render_article(
        "# Intro\n\ntext\n\n## Setup steps\n\n### Install SAP GUI\n\n#### Deep\n\n##### Deeper"
    )

    assert '<h2 id="h-intro">Intro</h2>' in rendered.html
    assert '<h2 id="h-setup-steps">Setup steps</h2>' in rendered.html
    assert '<h3 id="h-install-sap-gui">Install SAP GUI</h3>' in rendered.html
    assert '<h4 id="h-deep">Deep</h4>' in rendered.html
    assert '<h4 id="h-deeper">Deeper</h4>' in rendered.html
    assert [(e["level"], e["id"], e["text"]) for e in rendered.toc] == [
        (2, "h-intro", "Intro"),
        (2, "h-setup-steps", "Setup steps"),
        (3, "h-install-sap-gui", "Install SAP GUI"),
        (4, "h-deep", "Deep"),
        (4, "h-deeper", "Deeper"),
    ]


def test_repeated_headings_get_distinct_ids():
    rendered = render_article("## Notes\n\n## Notes\n\n## !!!")

    assert [e["id"] for e in rendered.toc] == ["h-notes", "h-notes-2", "h-section"]


def test_code_blocks_stay_code_and_their_hashes_stay_comments():
    rendered = render_article("Run:\n\n```python\n# not a heading\nprint('<b>')\n```\n")

    assert "<pre><code># not a heading\nprint('&lt;b&gt;')\n</code></pre>" in rendered.html
    assert rendered.toc == []


def test_a_hashtag_at_the_start_of_a_line_stays_a_hashtag():
    rendered = render_article("#sap is the topic")

    assert 'class="hashtag"' in rendered.html
    assert rendered.hashtags == ["sap"]
    assert rendered.toc == []


def test_images_become_links_to_the_image():
    rendered = render_article("![The new screen](https://intranet.example/screen.png)")

    assert "<img" not in rendered.html
    assert 'href="https://intranet.example/screen.png"' in rendered.html
    assert "The new screen" in rendered.html


@pytest.mark.parametrize(
    "body",
    [
        "## Title <script>alert(1)</script>",
        '## <img src=x onerror="alert(1)">',
        "## [click](javascript:alert(1))",
        "[click](javascript:alert(1))",
        "![x](javascript:alert(1))",
        '<img src="x" onerror="alert(1)">',
        '<h3 onclick="alert(1)" id="x">raw</h3>',
        '<h2 id="evil" style="x">raw</h2>',
        "```\n<script>alert(1)</script>\n```",
        "`<script>alert(1)</script>`",
        '## a" onmouseover="alert(1)',
    ],
)
def test_nothing_in_an_article_runs(body):
    html = render_article(body).html

    assert "<script" not in html
    assert "javascript:" not in html
    assert not re.search(r"<[^>]*\son\w+=", html)
    assert "<img" not in html
    assert "style=" not in html
    for anchor_id in re.findall(r'\sid="([^"]*)"', html):
        assert re.fullmatch(r"h-[a-z0-9-]+", anchor_id)


def test_reading_time_and_excerpt_come_from_the_text():
    words = " ".join(["kata"] * 450)
    rendered = render_article(f"## Head\n\n**{words}**")

    assert rendered.reading_minutes == 3
    assert render_article("short").reading_minutes == 1
    assert rendered.text.startswith("Head kata kata")
    assert len(rendered.excerpt(300)) <= 300
