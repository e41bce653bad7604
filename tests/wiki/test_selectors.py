"""Reading the wiki (wiki.selectors): only what the viewer may see, 404 for the rest; the
outline, breadcrumbs and links both ways; recent changes and history in pages, in a fixed
number of queries however long they are."""

import pytest
from django.http import Http404

from tests.helpers import fresh, join
from tests.wiki.conftest import make_page, revise
from wiki import selectors, services

pytestmark = pytest.mark.django_db


# --- spaces and pages ---------------------------------------------------------------------------


def test_each_person_sees_the_spaces_they_may_read(
    author, member, outsider, company_space, public_space, private_space, secret_space,
    private_community, secret_community,
):  # fmt: skip
    personal = services.space_create_personal(owner=author)
    join(member, secret_community)

    assert selectors.spaces_for(fresh(outsider)) == [company_space, public_space, personal]
    assert selectors.spaces_for(fresh(member)) == [
        company_space, public_space, secret_space, private_space, personal,
    ]  # fmt: skip


def test_a_space_the_viewer_may_not_read_is_404(outsider, member, private_space, secret_space):
    for space in (private_space, secret_space):
        with pytest.raises(Http404):
            selectors.get_space_for(outsider, space.slug)
    with pytest.raises(Http404):
        selectors.get_space_for(member, "no-such-space")
    assert selectors.get_space_for(member, private_space.slug) == private_space


def test_a_page_the_viewer_may_not_read_is_404(member, outsider, private_space):
    page = make_page(member, private_space)

    with pytest.raises(Http404):
        selectors.get_page_for(outsider, private_space, page.slug)
    with pytest.raises(Http404):
        selectors.get_page_for(member, private_space, "nothing-here")
    assert selectors.get_page_for(member, private_space, page.slug) == page


def test_a_deleted_page_is_shown_only_to_those_who_may_restore_it(page, author, company_space,
                                                                 site_moderator):  # fmt: skip
    services.page_delete(actor=author, page=page)

    with pytest.raises(Http404):
        selectors.get_page_for(author, company_space, page.slug)
    with pytest.raises(Http404):
        selectors.get_page_for(author, company_space, page.slug, include_deleted=True)
    found = selectors.get_page_for(site_moderator, company_space, page.slug, include_deleted=True)
    assert found == page and found.is_deleted


# --- the tree -----------------------------------------------------------------------------------


def test_the_outline_is_the_tree_of_pages_in_one_query(author, company_space,
                                                       django_assert_num_queries):  # fmt: skip
    guides = make_page(author, company_space, title="Guides")
    claims = make_page(author, company_space, title="Claims", parent=guides)
    travel = make_page(author, company_space, title="Travel", parent=guides)
    forms = make_page(author, company_space, title="Forms", parent=claims)
    about = make_page(author, company_space, title="About")
    gone = make_page(author, company_space, title="Gone")
    services.page_delete(actor=author, page=gone)

    with django_assert_num_queries(1):
        roots = selectors.page_outline(company_space)

    assert roots == [guides, about]
    assert roots[0].subpages == [claims, travel] and roots[0].subpages[0].subpages == [forms]
    flat = selectors.flatten_outline(roots)
    assert [(p.title, p.depth) for p in flat] == [
        ("Guides", 0), ("Claims", 1), ("Forms", 2), ("Travel", 1), ("About", 0),
    ]  # fmt: skip


def test_breadcrumbs_lead_from_the_top_to_the_parent(author, company_space,
                                                    django_assert_max_num_queries):  # fmt: skip
    top = make_page(author, company_space, title="Top")
    middle = make_page(author, company_space, title="Middle", parent=top)
    page = make_page(author, company_space, title="Page", parent=middle)

    with django_assert_max_num_queries(1):
        crumbs = selectors.breadcrumbs(page)

    assert [(c.title, c.get_absolute_url()) for c in crumbs] == [
        ("Top", "/wiki/company/top/"), ("Middle", "/wiki/company/middle/"),
    ]  # fmt: skip
    assert selectors.breadcrumbs(top) == []


# --- links --------------------------------------------------------------------------------------


def test_backlinks_list_the_visible_pages_that_link_here(
    author, member, outsider, company_space, private_space
):
    target = make_page(author, company_space, title="Expense claims")
    linking = make_page(author, company_space, title="Guide", body="See [[Expense claims]].")
    make_page(author, company_space, title="Unrelated", body="[[Something else]]")
    private = make_page(member, private_space, title="Tax notes",
                        body="Our take on [[company:Expense claims]].")  # fmt: skip

    assert selectors.backlinks(fresh(outsider), target) == [linking]
    assert selectors.backlinks(fresh(member), target) == [linking, private]


def test_a_renamed_page_keeps_its_links_until_a_new_page_takes_its_former_title(
    author, company_space
):
    linking = make_page(author, company_space, title="Guide", body="See [[Budget]].")
    budget = make_page(author, company_space, title="Budget")
    assert selectors.backlinks(author, budget) == [linking]

    revise(author, budget, budget.body, title="Budget 2027")
    budget.refresh_from_db()

    assert selectors.backlinks(author, budget) == [linking]
    assert selectors.missing_targets(linking) == set()

    newer = make_page(author, company_space, title="Budget")

    assert selectors.backlinks(author, newer) == [linking]
    assert selectors.backlinks(author, fresh(budget)) == []


def test_links_to_pages_not_written_yet_are_missing(author, company_space, public_space):
    page = make_page(author, company_space, title="Guide",
                     body=f"[[Written]] [[Not yet]] [[{public_space.slug}:Elsewhere]]")  # fmt: skip
    make_page(author, company_space, title="Written")

    assert selectors.missing_targets(page) == {
        (company_space.pk, "not-yet"), (public_space.pk, "elsewhere"),
    }  # fmt: skip
    assert selectors.missing_urls(page) == {
        "/wiki/company/not-yet/", f"/wiki/{public_space.slug}/elsewhere/",
    }  # fmt: skip


def test_a_link_to_a_page_the_viewer_may_not_see_looks_missing_to_them(
    author, member, outsider, company_space, private_space
):
    make_page(member, private_space, title="Plans")
    page = make_page(member, company_space, title="Index", body=f"[[{private_space.slug}:Plans]]")

    assert selectors.missing_targets(page) == set()
    assert selectors.missing_targets(page, fresh(member)) == set()
    assert selectors.missing_targets(page, fresh(outsider)) == {(private_space.pk, "plans")}


# --- recent changes and history -----------------------------------------------------------------


def edits(author, page, count: int) -> None:
    for n in range(count):
        revise(author, page, f"Text {n}")


def test_recent_changes_show_only_revisions_of_visible_pages_newest_first(
    author, member, outsider, company_space, private_space
):
    company = make_page(author, company_space)
    private = make_page(member, private_space, title="Tax notes")
    revise(author, company, "Second")
    gone = make_page(author, company_space, title="Gone")
    services.page_delete(actor=author, page=gone)

    seen = selectors.recent_changes(fresh(outsider))
    assert [(r.page.title, r.number) for r in seen] == [("Onboarding", 2), ("Onboarding", 1)]
    member_sees = selectors.recent_changes(fresh(member))
    assert {r.page_id for r in member_sees} == {company.pk, private.pk}
    assert [r.page_id for r in selectors.recent_changes(member, space=private_space)] == [
        private.pk
    ]
    assert selectors.recent_changes(outsider, space=private_space).items == []


def test_recent_changes_page_with_a_cursor(author, company_space):
    page = make_page(author, company_space)
    edits(author, page, 4)

    first = selectors.recent_changes(author, limit=2)
    second = selectors.recent_changes(author, before=first.next_cursor, limit=2)
    last = selectors.recent_changes(author, before=second.next_cursor, limit=2)

    assert [r.number for r in first] == [5, 4]
    assert [r.number for r in second] == [3, 2]
    assert [r.number for r in last] == [1] and last.next_cursor is None


def _show_changes(viewer, changes) -> list[str]:
    """What a recent-changes row shows: page, space, author, address."""
    return [
        f"{r.page.title} {r.page.space.name} {r.author.name} {r.page.get_absolute_url()}"
        for r in changes
    ]


@pytest.mark.parametrize("count", [10, 100])
def test_recent_changes_take_the_same_queries_for_10_and_100_entries(
    author, colleague, member, company_space, public_space, private_space, public_community,
    count, django_assert_max_num_queries,
):  # fmt: skip
    join(author, public_community)
    pages = [make_page(author, company_space), make_page(author, public_space),
             make_page(member, private_space)]  # fmt: skip
    for n in range(count):
        revise(author if n % 2 else colleague, pages[n % 2], f"Text {n}")
    viewer = fresh(member)

    with django_assert_max_num_queries(2):
        changes = selectors.recent_changes(viewer, limit=100)
        shown = _show_changes(viewer, changes)

    assert len(shown) == min(count + 3, 100)


@pytest.mark.parametrize("count", [10, 100])
def test_page_history_takes_the_same_queries_for_10_and_100_revisions(
    author, colleague, page, count, django_assert_max_num_queries
):
    edits(colleague, page, count - 1)

    with django_assert_max_num_queries(1):
        history = selectors.page_history(page, limit=100)
        shown = [f"{r.number} {r.author.name} {r.get_absolute_url()}" for r in history]

    assert len(shown) == count
    assert shown[0].startswith(f"{count} Budi Santoso /wiki/company/onboarding/revisions/{count}/")


def test_page_history_pages_by_revision_number(author, page):
    edits(author, page, 5)

    first = selectors.page_history(page, limit=4)
    rest = selectors.page_history(page, before=first.next_cursor, limit=4)

    assert [r.number for r in first] == [6, 5, 4, 3] and first.next_cursor == "3"
    assert [r.number for r in rest] == [2, 1] and rest.next_cursor is None
    assert [r.number for r in selectors.page_history(page, before="nonsense", limit=2)] == [6, 5]


def test_an_old_revision_is_404_when_unknown_or_not_visible(member, outsider, private_space):
    page = make_page(member, private_space)

    assert selectors.get_revision_for(member, page, "1").number == 1
    for number in (2, 0, "x"):
        with pytest.raises(Http404):
            selectors.get_revision_for(member, page, number)
    with pytest.raises(Http404):
        selectors.get_revision_for(outsider, page, 1)


def test_whether_someone_watches(page, colleague, company_space):
    assert not selectors.is_watching_page(colleague, page)
    services.watch_page(user=colleague, page=page)
    services.watch_space(user=colleague, space=company_space)

    assert selectors.is_watching_page(colleague, page)
    assert selectors.is_watching_space(colleague, company_space)


def test_the_watch_state_of_a_page_and_its_space_in_one_query(
    page, colleague, company_space, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert selectors.watch_state(colleague, page) == (False, False)
    services.watch_space(user=colleague, space=company_space)
    assert selectors.watch_state(colleague, page) == (False, True)
    services.watch_page(user=colleague, page=page)
    assert selectors.watch_state(colleague, page) == (True, True)


def test_a_communitys_space_is_found_by_the_community_address(outsider, member, private_space,
                                                             private_community):  # fmt: skip
    assert selectors.get_space_for_community(member, private_community.slug) == private_space
    with pytest.raises(Http404):
        selectors.get_space_for_community(outsider, private_community.slug)
    with pytest.raises(Http404):
        selectors.get_space_for_community(member, "nowhere")


def test_a_page_by_its_id_follows_the_same_rule(member, outsider, private_space, site_moderator):
    page = make_page(member, private_space)

    assert selectors.get_page_by_id_for(member, str(page.pk)) == page
    for viewer, pk in ((outsider, page.pk), (member, "x"), (member, 0)):
        with pytest.raises(Http404):
            selectors.get_page_by_id_for(viewer, pk)
    services.page_delete(actor=member, page=page)
    with pytest.raises(Http404):
        selectors.get_page_by_id_for(member, page.pk, include_deleted=True)
    with pytest.raises(Http404):
        selectors.get_page_by_id_for(site_moderator, page.pk)
    assert selectors.get_page_by_id_for(site_moderator, page.pk, include_deleted=True) == page


def test_deleted_pages_are_listed_for_those_who_may_restore_them(
    author, colleague, page, company_space, communicator
):
    services.page_delete(actor=author, page=page)

    assert selectors.deleted_pages(colleague, company_space) == []
    assert selectors.deleted_pages(author, company_space) == []
    assert selectors.deleted_pages(communicator, company_space) == [page]
    assert selectors.get_deleted_page_for(communicator, company_space, page.pk) == page
    with pytest.raises(Http404):
        selectors.get_deleted_page_for(author, company_space, page.pk)
    other = make_page(author, company_space, title="Alive")
    with pytest.raises(Http404):
        selectors.get_deleted_page_for(communicator, company_space, other.pk)
