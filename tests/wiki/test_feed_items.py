"""New wiki pages appear as cards in the feeds of those who may read them (feed.items), and
the card follows the page: retagged with it, withdrawn when it is deleted, back when it is
restored."""

import pytest
from django.template.loader import render_to_string

from feed import selectors as feed_selectors
from feed.models import Post, PostKind
from tests.helpers import fresh, join
from tests.wiki.conftest import make_page, revise
from wiki import feed_items, services

pytestmark = pytest.mark.django_db


def card_of(page) -> Post:
    return Post.objects.get(kind=PostKind.WIKI_PAGE, item_id=page.pk)


def shown(page_of_feed, viewer) -> dict[int, object]:
    """{page id: page} of the wiki cards of a feed page, decorated as the feed shows them."""
    posts = feed_selectors.posts_decorate(page_of_feed.items, viewer)
    return {post.item_id: post.item for post in posts if post.kind == "wiki_page"}


def test_a_new_company_page_is_a_card_on_the_company_feed(author, colleague, company_space):
    page = make_page(author, company_space, title="Expense claims", body="Use **form** A-1.",
                     tags=["finance"])  # fmt: skip

    card = card_of(page)
    assert (card.author, card.community, list(card.tags.names())) == (author, None, ["finance"])
    item = shown(feed_selectors.feed_company(colleague), colleague)[page.pk]
    assert item == page and item.excerpt == "Use form A-1."
    assert item.feed_summary == {
        "title": "Expense claims", "url": "/wiki/company/expense-claims/",
        "excerpt": "Use form A-1.", "space": company_space.name, "space_url": "/wiki/company/",
    }  # fmt: skip


def test_a_private_communitys_page_reaches_members_only(member, outsider, private_community,
                                                        private_space):  # fmt: skip
    page = make_page(member, private_space, title="Tax notes")
    card = card_of(page)

    assert card.community == private_community
    colleague = join(fresh(outsider), private_community)
    assert page.pk in shown(feed_selectors.feed_community(colleague, private_community), colleague)
    assert feed_items.load([page.pk], member) == {page.pk: page}


def test_outsiders_get_no_card_of_a_private_or_secret_page(
    member, outsider, private_space, secret_space, secret_community
):
    private = make_page(member, private_space, title="Tax notes")
    secret = make_page(secret_community.created_by, secret_space, title="Merger plan")
    outsider = fresh(outsider)

    assert feed_items.load([private.pk, secret.pk], outsider) == {}
    assert not Post.objects.visible_to(outsider).filter(kind=PostKind.WIKI_PAGE).exists()
    assert shown(feed_selectors.feed_home(outsider), outsider) == {}


def test_editing_the_topics_retags_the_card(page, author):
    revise(author, page, page.body, tags=["hr", "onboarding"])

    assert sorted(card_of(page).tags.names()) == ["hr", "onboarding"]


def test_a_plain_edit_leaves_the_card_as_it_is(page, author):
    before = card_of(page)

    revise(author, page, "New text")

    assert card_of(page).created_at == before.created_at
    assert Post.objects.filter(kind=PostKind.WIKI_PAGE).count() == 1


def test_deleting_a_page_withdraws_its_card_and_restoring_brings_it_back(page, author,
                                                                        colleague,
                                                                        communicator):  # fmt: skip
    services.page_delete(actor=author, page=page)
    assert card_of(page).is_deleted
    assert shown(feed_selectors.feed_company(colleague), colleague) == {}

    services.page_restore(actor=communicator, page=page)
    assert not card_of(page).is_deleted
    assert page.pk in shown(feed_selectors.feed_company(colleague), fresh(colleague))


def test_a_refused_page_leaves_no_card(author, company_space):
    with pytest.raises(Exception):  # noqa: B017 - the wiki's own ValidationError
        make_page(author, company_space, title="")

    assert not Post.objects.exists()


@pytest.mark.parametrize("count", [10, 100])
def test_loading_the_pages_of_a_feed_takes_the_same_queries_for_10_and_100(
    author, company_space, count, django_assert_max_num_queries
):
    pages = [make_page(author, company_space, title=f"Page {n}") for n in range(count)]

    with django_assert_max_num_queries(2):  # The viewer's site roles, and the pages.
        loaded = feed_items.load([p.pk for p in pages], author)
        urls = [(p.get_absolute_url(), p.space.name) for p in loaded.values()]

    assert len(urls) == count


def test_the_card_shows_the_space_title_and_excerpt_escaped(author, company_space):
    page = make_page(author, company_space, title="<b>Bold</b> page",
                     body="<script>alert(1)</script>\n\nFish & chips")  # fmt: skip
    item = feed_items.load([page.pk], author)[page.pk]

    html = render_to_string(feed_items.TEMPLATE, {"item": item})

    assert "&lt;b&gt;Bold&lt;/b&gt; page" in html and "<b>Bold</b>" not in html
    assert "<script>" not in html
    assert "Fish &amp; chips" in html
    assert f'href="{page.get_absolute_url()}"' in html
    assert company_space.name in html and "Wiki page" in html
