"""The permission matrix of the wiki's pages (tests/communities/matrix.py): every role x every
placement (the company space, public, private, secret and archived communities' spaces), for
every address that shows a page, its past or its space: anonymous people go to the login
page, those who may not read get 404 (never 403: a private or secret space does not exist
for them), readers get 200. Editing follows the space's writers (403 for readers who may
not write). Lists (recent changes, what links here, the index) leave out what one may not
read."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from tests.communities.matrix import (
    MEMBERS,
    PLACEMENTS,
    ROLES,
    build_placements,
    check_placed_content_matrix,
    expected_visible,
)
from wiki import services
from wiki.models import Page

pytestmark = pytest.mark.django_db


def _space(community):
    if community is None:
        return services.space_company_ensure()
    return services.space_ensure_for_community(community=community)


def _hub(author):
    """A company page that every matrix page links to (for "what links here")."""
    hub = Page.objects.filter(title="Matrix hub").first()
    return hub or services.page_create(
        author=author, space=services.space_company_ensure(), title="Matrix hub", body="Hub"
    )


def make_page(*, author, community):
    """A page with two revisions in the space of ``community`` (company-wide for None),
    linking to the company's hub page."""
    _hub(author)
    place = community.slug if community else "company"
    page = services.page_create(
        author=author,
        space=_space(community),
        title=f"Matrix page {place}",
        body="First text. [[company:Matrix hub]]",
    )
    return services.page_revise(
        actor=author,
        page=page,
        title=page.title,
        body="Second text. [[company:Matrix hub]]",
        base_revision=1,
    )


def _at(name, *extra, query=""):
    def address(page):
        return reverse(f"wiki:{name}", args=[page.space.slug, page.slug, *extra]) + query

    return address


PAGE_URLS = {
    "page": _at("page"),
    "history": _at("history"),
    "revision": _at("revision", 1),
    "diff": _at("diff", query="?from=1&to=2"),
    "export": _at("export-markdown"),
    "print": _at("print"),
    "space": lambda page: reverse("wiki:space", args=[page.space.slug]),
    "space-changes": lambda page: reverse("wiki:space-changes", args=[page.space.slug]),
}


@pytest.mark.parametrize("surface", list(PAGE_URLS))
def test_every_page_address_follows_the_visibility_rule(surface):
    check_placed_content_matrix(make=make_page, url=PAGE_URLS[surface])


def _shows(address: str, text: str):
    def can_see(user, page) -> bool:
        if isinstance(user, AnonymousUser):
            return False
        client = Client()
        client.force_login(user)
        response = client.get(address if isinstance(address, str) else address(page))
        assert response.status_code == 200
        return (text or page.title) in response.content.decode()

    return can_see


LISTS = {
    "recent changes": _shows(reverse("wiki:changes"), ""),
    "the index": _shows(reverse("wiki:index"), ""),
    "what links here": _shows(reverse("wiki:page", args=["company", "matrix-hub"]), ""),
}


@pytest.mark.parametrize("surface", list(LISTS))
def test_the_lists_show_only_pages_one_may_read(surface):
    can_see = LISTS[surface]
    if surface == "the index":
        # The index lists spaces: the page's space (by its address) is the thing to find.
        def can_see(user, page):
            if isinstance(user, AnonymousUser):
                return False
            client = Client()
            client.force_login(user)
            html = client.get(reverse("wiki:index")).content.decode()
            return f'href="{page.space.get_absolute_url()}"' in html

    check_placed_content_matrix(make=make_page, can_see=can_see)


def _may_write(role: str, placement: str) -> bool:
    if role == "anonymous" or placement == "archived":
        return False
    if placement == "company":
        return True
    return role in MEMBERS or role == "superuser"


def _statuses(address) -> tuple[dict, dict]:
    found, wanted = {}, {}
    for placement, (page, people) in build_placements(make_page).items():
        for role in ROLES:
            client = Client()
            if role != "anonymous":
                client.force_login(people[role])
            found[role, placement] = client.get(address(page)).status_code
            if role == "anonymous":
                wanted[role, placement] = 302
            elif not expected_visible(role, placement):
                wanted[role, placement] = 404
            else:
                wanted[role, placement] = 200 if _may_write(role, placement) else 403
    return found, wanted


@pytest.mark.parametrize("surface", ["page-edit", "revert", "page-move", "new page"])
def test_writing_follows_the_spaces_writers_and_hides_what_one_may_not_read(surface):
    address = {
        "page-edit": _at("page-edit"),
        "revert": _at("revert", 1),
        "page-move": _at("page-move"),
        "new page": lambda page: reverse("wiki:page-create", args=[page.space.slug]),
    }[surface]

    found, wanted = _statuses(address)

    differing = {cell: (found[cell], wanted[cell]) for cell in found if found[cell] != wanted[cell]}
    assert not differing, f"(role, placement): (found, expected) -> {differing}"
    assert set(PLACEMENTS) == {placement for _role, placement in found}
