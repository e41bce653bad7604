"""Post and comment text: safe Markdown, @mentions and #hashtags (feed.text.render_text)."""

import re
from html.parser import HTMLParser

import pytest

from communities import services as communities
from communities.models import CommunityType
from feed.text import render_text
from profiles.services import user_set_active
from tests.communities.conftest import build_community
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# What the rendered HTML may contain, at most: these tags, these attributes, these links.
SAFE_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "code", "pre",
             "blockquote", "h3", "h4", "h5", "h6", "hr"}  # fmt: skip
SAFE_LINK_ATTRIBUTES = {"href", "title", "rel", "class", "data-user"}
SAFE_SCHEMES = ("http:", "https:", "mailto:")


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict]]:
    """Every start tag of ``html`` with its attributes, as a browser would read them."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def assert_inert(html: str) -> None:
    """Only safe tags, no attributes but a link's, and links only to safe places (read as a
    browser reads a URL: tabs and line breaks dropped, any scheme but http(s) and mailto out)."""
    for tag, attributes in elements(html):
        assert tag in SAFE_TAGS, (tag, html)
        if tag != "a":
            assert not attributes, (tag, attributes, html)
            continue
        assert set(attributes) <= SAFE_LINK_ATTRIBUTES, (attributes, html)
        href = re.sub(r"[\t\n\r]", "", attributes.get("href") or "").strip().lower()
        scheme = re.match(r"[a-z][a-z0-9+.-]*:", href)
        assert scheme is None or scheme.group() in SAFE_SCHEMES, (href, html)
    lowered = html.lower()
    for needle in ("<script", "<img", "<iframe", "<svg", "<style"):
        assert needle not in lowered, (needle, html)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "before <script>alert(1)</script> after",
        "<img src=x onerror=alert(1)>",
        '<img src="x" onerror="alert(1)">',
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x]( javascript:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](jav&#x09;ascript:alert(1))",
        "[x](&#x6A;&#x61;&#x76;&#x61;script:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        "<a href=javascript:alert(1)>x</a>",
        "![x](javascript:alert(1))",
        "![x](https://evil.example.com/pixel.png)",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "[x][1]\n\n[1]: javascript:alert(1)",
        "<svg onload=alert(1)>",
        "<iframe src=https://evil.example.com></iframe>",
        "<style>body{display:none}</style>",
        '<p onclick="alert(1)">click</p>',
        '<a href="https://example.com" onmouseover="alert(1)">hover</a>',
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<<script>script>alert(1)<</script>/script>",
        '[x](https://example.com "title" onmouseover="alert(1)")',
        # A bare URL with quotes in it must not break out of the link the autolinker adds.
        'https://e.example.com/"onmouseover="alert(1)"x',
        'see https://e.example.com/"style="position:fixed"x',
        "https://e.example.com/'onmouseover='alert(1)'x",
        "#tag<script>alert(1)</script>",
        "@budi<img src=x onerror=alert(1)>",
    ],
)
def test_dangerous_markup_renders_inert(text):
    UserFactory(username="budi")

    html = render_text(text).html

    assert_inert(html)


def test_escaped_markup_stays_visible_text_not_tags():
    html = render_text("Use &lt;b&gt; for bold and <b>this</b> too").html

    assert "&lt;b&gt; for bold" in html
    assert "<b>this</b>" in html


def test_a_mention_whose_display_name_holds_markup_and_quotes_is_escaped():
    UserFactory(username="ani", display_name='Ani "<b>Boss</b>" O\'Neil <script>x</script>')

    rendered = render_text("Thanks @ani!")

    assert_inert(rendered.html)
    assert "<b>Boss" not in rendered.html
    assert "@Ani &quot;&lt;b&gt;Boss&lt;/b&gt;&quot; O&#x27;Neil &lt;script&gt;" in rendered.html


def test_a_community_mention_whose_name_holds_markup_is_escaped():
    build_community(name='Tim <i>"Pajak"</i>', slug="tim-pajak")

    html = render_text("Tanya @tim-pajak").html

    assert_inert(html)
    assert "@Tim &lt;i&gt;&quot;Pajak&quot;&lt;/i&gt;</a>" in html


# --- hashtags ------------------------------------------------------------------------------


def test_a_hashtag_becomes_a_link_to_its_tag_page_with_a_lowercase_slug():
    rendered = render_text("Closing the books in #SAP today")

    assert '<a class="hashtag" href="/tags/sap/">#SAP</a>' in rendered.html
    assert rendered.hashtags == ["sap"]


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("Lunas! #pembayaran #keuangan2026", ["pembayaran", "keuangan2026"]),
        ("#Pembayaran and #pembayaran again", ["pembayaran"]),
        ("Q3 #budget-review.", ["budget-review"]),
        ("#日本語 works", ["日本語"]),
        ("price #2026", ["2026"]),
    ],
)
def test_hashtags_accept_unicode_digits_and_inner_dashes(text, tags):
    assert render_text(text).hashtags == tags


def test_a_unicode_hashtag_links_to_its_unicode_slug():
    html = render_text("#pembayaran #Ünïcode").html

    assert 'href="/tags/pembayaran/"' in html
    assert 'href="/tags/%C3%BCn%C3%AFcode/"' in html or 'href="/tags/ünïcode/"' in html


@pytest.mark.parametrize(
    "text",
    [
        "C# and F# are languages",
        "issue#12 and page#top",
        "`#not-a-tag` in code",
        "```\n#not-a-tag\n```",
        "    #indented-code",
        "[link about #topic](https://example.com)",
        "https://example.com/page#section",
        "Tom's car",
        "#_underscore",
        "# A heading-like line",
    ],
)
def test_text_that_only_looks_like_a_hashtag_is_not_one(text):
    assert render_text(text).hashtags == []


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("#SAP go-live tonight", "sap"),
        ("first line\n#second line", "second"),
        ("  #indented-a-little", "indented-a-little"),
        ("- #listed item", "listed"),
        ("* #starred item", "starred"),
        ("1. #numbered item", "numbered"),
        ("> #quoted words", "quoted"),
        ("- item\n    - #nested item", "nested"),
    ],
)
def test_a_hash_at_the_start_of_a_line_is_a_hashtag_not_a_heading(text, tag):
    rendered = render_text(text)

    assert rendered.hashtags == [tag]
    assert f'href="/tags/{tag}/"' in rendered.html
    assert "<h1" not in rendered.html and "<h2" not in rendered.html


def test_a_hash_at_a_line_start_inside_a_code_block_is_kept_as_written():
    html = render_text("```\n#include <stdio.h>\n# comment\n```\n#after").html

    assert "<pre><code>#include &lt;stdio.h&gt;\n# comment\n</code></pre>" in html
    assert "\\#" not in html
    assert 'href="/tags/after/"' in html


def test_a_hash_that_cannot_start_a_tag_is_kept_at_the_start_of_a_line():
    html = render_text("#_draft stays as written").html

    assert "#_draft stays as written" in html


def test_a_hashtag_is_at_most_fifty_characters():
    rendered = render_text("#" + "a" * 50 + " and #" + "b" * 70)

    assert "a" * 50 in rendered.hashtags
    assert all(len(tag) <= 50 for tag in rendered.hashtags)


# --- mentions ------------------------------------------------------------------------------


def test_a_mention_links_the_person_and_is_reported():
    budi = UserFactory(username="budi", display_name="Budi Santoso")

    rendered = render_text("Thanks @budi for the numbers")

    assert rendered.users == [budi]
    assert (
        f'<a class="mention" href="/people/budi/" data-user="{budi.pk}">@Budi Santoso</a>'
        in rendered.html
    )


def test_mentions_ignore_letter_case_of_the_username():
    budi = UserFactory(username="budi")
    dewi = UserFactory(username="Dewi.Lestari")  # Accounts made in the admin keep capitals.

    rendered = render_text("@BUDI and @dewi.lestari and @Dewi.Lestari")

    assert {u.pk for u in rendered.users} == {budi.pk, dewi.pk}
    assert rendered.html.count('class="mention"') == 3


def test_a_community_mention_links_the_community():
    community = build_community(name="Finance Club", slug="finance-club")

    rendered = render_text("Ask @finance-club")

    assert rendered.communities == [community]
    assert '<a class="mention" href="/c/finance-club/">@Finance Club</a>' in rendered.html


def test_a_person_wins_over_a_community_with_the_same_name():
    person = UserFactory(username="finance")
    build_community(name="Finance", slug="finance")

    rendered = render_text("@finance")

    assert rendered.users == [person] and rendered.communities == []


def test_a_secret_community_is_never_linked_nor_named_by_a_mention():
    build_community(name="Merger Room", slug="merger-room", type=CommunityType.SECRET)

    rendered = render_text("Anyone in @merger-room?")

    assert rendered.communities == []
    assert "Merger Room" not in rendered.html
    assert "@merger-room" in rendered.html


def test_a_private_community_is_linked_by_name_like_its_directory_entry():
    build_community(name="Tax Team", slug="tax-team", type=CommunityType.PRIVATE)

    assert [c.slug for c in render_text("@tax-team").communities] == ["tax-team"]


@pytest.mark.parametrize(
    "text",
    [
        "mail budi@kolega.co.id",
        "`@budi` in code",
        "```\n@budi\n```",
        "[@budi](https://example.com)",
        "https://example.com/@budi",
        "@nobody-by-that-name",
    ],
)
def test_text_that_only_looks_like_a_mention_is_not_one(text):
    UserFactory(username="budi")

    rendered = render_text(text)

    assert rendered.users == [] and rendered.communities == []
    assert 'class="mention"' not in rendered.html


def test_an_inactive_person_is_not_mentioned():
    gone = UserFactory(username="gone")
    user_set_active(user=gone, active=False)

    assert render_text("@gone").users == []


def test_a_person_mentioned_twice_is_reported_once():
    UserFactory(username="budi")

    rendered = render_text("@budi @budi @Budi")

    assert len(rendered.users) == 1
    assert rendered.html.count('class="mention"') == 3


def test_mentions_of_many_people_take_a_constant_number_of_queries(
    django_assert_max_num_queries,
):
    names = [UserFactory(username=f"p{i}").username for i in range(30)]
    build_community(name="Club", slug="club")

    with django_assert_max_num_queries(2):
        rendered = render_text(" ".join(f"@{name}" for name in [*names, "club"]))

    assert len(rendered.users) == 30 and len(rendered.communities) == 1


# --- light Markdown ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**bold**", "<strong>bold</strong>"),
        ("*italics*", "<em>italics</em>"),
        ("- tea\n- coffee", "<ul>\n<li>tea</li>\n<li>coffee</li>\n</ul>"),
        ("1. first\n2. second", "<ol>\n<li>first</li>\n<li>second</li>\n</ol>"),
        ("run `make test`", "<code>make test</code>"),
        ("```\nif a < b:\n    pass\n```", "<pre><code>if a &lt; b:\n    pass\n</code></pre>"),
        ("line one\nline two", "line one<br>\nline two"),
        (
            "[the wiki](https://kolega.example.com/wiki/)",
            '<a href="https://kolega.example.com/wiki/" rel="noopener noreferrer nofollow">'
            "the wiki</a>",
        ),
    ],
)
def test_light_markdown_is_kept(text, expected):
    assert expected in render_text(text).html


def test_bare_urls_are_linked_without_trailing_punctuation():
    html = render_text("See https://kolega.example.com/people/?q=ratna&page=2.").html

    assert (
        '<a href="https://kolega.example.com/people/?q=ratna&amp;page=2" '
        'rel="noopener noreferrer nofollow">'
    ) in html
    assert html.count("<a ") == 1


def test_empty_text_renders_nothing():
    rendered = render_text("")

    assert (rendered.html, rendered.users, rendered.communities, rendered.hashtags) == (
        "", [], [], [],
    )  # fmt: skip


def test_a_mention_and_a_hashtag_inside_bold_text_still_work():
    UserFactory(username="budi")

    rendered = render_text("**@budi closed #Q3**")

    assert rendered.hashtags == ["q3"] and len(rendered.users) == 1
    assert rendered.html.startswith('<p><strong><a class="mention"')


def test_a_community_archived_or_not_is_still_mentionable():
    community = build_community(name="Old Club", slug="old-club")
    communities.community_set_archived(
        actor=community.created_by, community=community, archived=True
    )

    assert [c.slug for c in render_text("@old-club").communities] == ["old-club"]
