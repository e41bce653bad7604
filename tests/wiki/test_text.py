"""Page text (wiki.text): Markdown through the one sanitiser, and [[links]] to pages of the
same space, of another space, with other words, written or not yet; code keeps them as
written; nothing a writer types becomes markup of their own."""

import pytest

from tests.wiki.conftest import make_page
from wiki.models import PageLink
from wiki.text import page_slug, render_page

pytestmark = pytest.mark.django_db


def render(body, space):
    html, links = render_page(body, space=space)
    return str(html), [(s.slug, slug, title) for s, slug, title in links]


def test_a_link_names_a_page_of_the_same_space_by_its_title(company_space):
    html, links = render("Read [[Expense claims]] first.", company_space)

    assert (
        '<a class="wiki-link" href="/wiki/company/expense-claims/" title="Expense claims">'
        "Expense claims</a>" in html
    )
    assert links == [("company", "expense-claims", "Expense claims")]


def test_a_link_may_show_other_words(company_space):
    html, links = render("See [[Expense claims|how to claim]].", company_space)

    assert 'href="/wiki/company/expense-claims/"' in html
    assert ">how to claim</a>" in html
    assert links == [("company", "expense-claims", "Expense claims")]


def test_a_space_prefix_links_into_another_space(company_space, public_space):
    html, links = render(f"Ask [[{public_space.slug}:Budget 2027]].", company_space)

    assert f'href="/wiki/{public_space.slug}/budget-2027/"' in html
    assert f'title="{public_space.name}: Budget 2027"' in html
    assert links == [(public_space.slug, "budget-2027", "Budget 2027")]


def test_a_prefix_that_names_no_space_is_part_of_the_title(company_space):
    html, links = render("[[SOP: Expense claims]]", company_space)

    assert 'href="/wiki/company/sop-expense-claims/"' in html
    assert ">SOP: Expense claims</a>" in html
    assert links == [("company", "sop-expense-claims", "SOP: Expense claims")]


def test_a_secret_communitys_space_is_not_named_from_outside(company_space, secret_space):
    html, links = render(f"[[{secret_space.slug}:Plans]]", company_space)

    # Read as a title of this space: the link says nothing about the secret space.
    assert links == [("company", f"{secret_space.slug}plans", f"{secret_space.slug}:Plans")]
    assert f"/wiki/{secret_space.slug}/" not in html


def test_a_secret_space_links_to_itself_by_its_prefix(secret_space):
    _html, links = render(f"[[{secret_space.slug}:Plans]]", secret_space)

    assert links == [(secret_space.slug, "plans", "Plans")]


def test_each_address_is_one_link_however_often_it_is_named(company_space):
    _html, links = render("[[Budget]], [[budget]] and [[Budget|the budget]]", company_space)

    assert links == [("company", "budget", "Budget")]


def test_links_inside_code_stay_as_written(company_space):
    html, links = render("Write `[[Page title]]` to link.\n\n```\n[[Another]]\n```", company_space)

    assert "<code>[[Page title]]</code>" in html
    assert "[[Another]]" in html
    assert "wiki-link" not in html
    assert links == []


def test_a_link_inside_a_markdown_link_shows_its_words_only(company_space):
    html, links = render("[see [[Budget]]](https://example.com)", company_space)

    assert html.count("<a ") == 1
    assert 'href="https://example.com"' in html
    assert "see Budget</a>" in html
    assert links == []


def test_titles_without_letters_or_digits_are_no_links(company_space):
    html, links = render("[[!!!]] and [[  ]]", company_space)

    assert links == []
    assert "[[!!!]]" in html


def test_a_script_in_a_link_title_is_escaped_and_its_address_is_a_slug(company_space):
    html, links = render("[[<script>alert(1)</script>]] [[x|<img src=x onerror=alert(1)>]]",
                         company_space)  # fmt: skip

    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="/wiki/company/scriptalert1script/"' in html
    assert ("company", "scriptalert1script", "<script>alert(1)</script>") in links


def test_quotes_in_a_title_cannot_open_attributes(company_space):
    html, _links = render('[[Say "hi" onmouseover="alert(1)]]', company_space)

    assert 'onmouseover="' not in html
    assert "&quot;hi&quot;" in html


@pytest.mark.parametrize(
    "body",
    [
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        "<script>alert(1)</script>",
        "[click](  javascript:alert(1) )",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_markdown_and_html_cannot_smuggle_scripts(company_space, body):
    html, _links = render(body, company_space)

    assert "javascript:" not in html
    assert "<script" not in html and "onerror" not in html and "<img" not in html


def test_headings_are_kept_as_the_pages_sections(company_space):
    html, _links = render("# First steps\n\nText\n\n### Details", company_space)

    assert "<h2" in html and "First steps</h2>" in html
    assert "<h3" in html and "Details</h3>" in html


def test_reserved_addresses_get_a_suffix_both_for_pages_and_links(author, company_space):
    page = make_page(author, company_space, title="Changes")
    _html, links = render("[[changes]]", company_space)

    assert page.slug == page_slug("Changes") == "changes-page"
    assert links == [("company", "changes-page", "changes")]


def test_unicode_titles_keep_their_letters(company_space):
    assert page_slug("Panduan Kerja Jarak Jauh") == "panduan-kerja-jarak-jauh"
    assert page_slug("Ringkasan — 2027") == "ringkasan-2027"
    assert page_slug("Café") == "café"


def test_saving_a_page_stores_its_links(author, company_space, public_space):
    page = make_page(author, company_space, body=f"[[Budget]] [[{public_space.slug}:Plan]]")

    assert set(PageLink.objects.filter(source=page).values_list("space__slug", "slug")) == {
        ("company", "budget"),
        (public_space.slug, "plan"),
    }
