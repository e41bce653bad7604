"""Setting up a forum in the web UI (forums.views.categories): Communicators the company-wide
categories, a community's admins its own: create, rename and describe, reorder, delete; who
may open it (302 / 404 / 403 / 200); bad input; CSRF; the links that lead there; the
community page's Forum and Blog tabs."""

import pytest
from django.test import Client
from django.urls import reverse

from communities import services as communities
from communities.models import Role
from forums.models import Category
from tests.forums.conftest import ask, join, make_category

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
MANAGE = "/forum/categories/"


def as_user(client, person):
    client.force_login(person)
    return client


def names(community=None) -> list[str]:
    return list(Category.objects.filter(community=community).values_list("name", flat=True))


def manage_url(community=None) -> str:
    return f"{MANAGE}?community={community.slug}" if community else MANAGE


def action(name, category) -> str:
    return reverse(f"forums:category-{name}", args=[category.pk])


# --- happy paths ------------------------------------------------------------------------------


def test_a_communicator_creates_describes_reorders_and_deletes_company_categories(
    client, communicator
):
    client = as_user(client, communicator)
    assert reverse("forums:categories-manage") == MANAGE

    for name in ("Finance", "HR", "IT"):
        created = client.post(
            reverse("forums:category-create"),
            {"new-name": name, "new-description": f"All about {name}"},
        )
        assert created.status_code == 302 and created.url == MANAGE
    finance, hr, it = Category.objects.filter(community=None)
    assert names() == ["Finance", "HR", "IT"] and hr.description == "All about HR"

    edited = client.post(
        action("edit", hr),
        {f"category-{hr.pk}-name": "People", f"category-{hr.pk}-description": "Leave, payroll"},
    )
    moved = client.post(action("move", it), {"direction": "up"}, follow=True)
    deleted = client.post(action("delete", finance), follow=True)

    assert edited.status_code == 302
    hr.refresh_from_db()
    assert (hr.name, hr.description, hr.slug) == ("People", "Leave, payroll", "hr")
    assert "IT moved up." in moved.content.decode()
    assert "The category Finance is deleted." in deleted.content.decode()
    assert names() == ["IT", "People"]
    page = client.get(MANAGE).content.decode()
    assert page.index(f'id="manage-category-{it.pk}"') < page.index(f'id="manage-category-{hr.pk}"')
    assert 'aria-label="Move IT up"' in page and "Move People down" in page


def test_a_community_admin_sets_up_the_forum_with_htmx(client, secret_community):
    admin = secret_community.created_by
    client = as_user(client, admin)

    created = client.post(
        f"{reverse('forums:category-create')}?community={secret_community.slug}",
        {"new-name": "Due diligence", "new-description": "Documents to read"},
        **HX,
    )
    assert names(secret_community) == ["Due diligence"]
    rumours = make_category(actor=admin, community=secret_community, name="Rumours")
    moved = client.post(action("move", rumours), {"direction": "up"}, **HX)

    html = created.content.decode()
    assert created.status_code == 200 and 'id="category-manage"' in html
    assert "<html" not in html and "The category Due diligence is created." in html
    assert moved.status_code == 200
    assert names(secret_community) == ["Rumours", "Due diligence"]
    # The first one's "up" is disabled now, so the keyboard stays on its "down".
    assert f'id="move-down-{rumours.pk}" autofocus' in moved.content.decode()
    assert Category.objects.get(name="Due diligence").community == secret_community


def test_an_admin_role_is_enough_for_a_communitys_forum(client, colleague, private_community):
    join(colleague, private_community, role=Role.ADMIN)
    client = as_user(client, colleague)

    response = client.post(
        f"{reverse('forums:category-create')}?community={private_community.slug}",
        {"new-name": "Tax returns"},
    )

    assert response.status_code == 302 and response.url == manage_url(private_community)
    assert names(private_community) == ["Tax returns"]
    assert names() == []


# --- bad input --------------------------------------------------------------------------------


def test_an_empty_name_answers_422_with_the_form_and_what_was_typed(client, communicator):
    client = as_user(client, communicator)

    response = client.post(
        reverse("forums:category-create"),
        {"new-name": "   ", "new-description": "Questions about travel"},
        **HX,
    )
    plain = client.post(
        reverse("forums:category-create"), {"new-name": "", "new-description": "Kept"}
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert "Give the category a name." in html and "Questions about travel" in html
    assert 'name="new-name"' in html and "autofocus" in html
    assert plain.status_code == 200 and "Give the category a name." in plain.content.decode()
    assert "Kept</textarea>" in plain.content.decode()
    assert not Category.objects.exists()


def test_renaming_to_nothing_keeps_the_old_name_and_shows_the_typed_description(
    client, communicator, company_category
):
    prefix = f"category-{company_category.pk}"
    response = as_user(client, communicator).post(
        action("edit", company_category),
        {f"{prefix}-name": "", f"{prefix}-description": "New words"},
        **HX,
    )

    assert response.status_code == 422
    assert "Give the category a name." in response.content.decode()
    assert "New words" in response.content.decode()
    company_category.refresh_from_db()
    assert company_category.name == "Finance procedures" and company_category.description == ""


def test_a_name_whose_address_is_taken_is_refused_next_to_the_name(
    client, communicator, company_category
):
    response = as_user(client, communicator).post(
        reverse("forums:category-create"), {"new-name": "Finance Procedures"}, **HX
    )

    assert response.status_code == 422
    assert "Name: Another category here already uses this address." in response.content.decode()
    assert Category.objects.count() == 1


def test_a_category_with_threads_is_not_deleted_and_the_page_says_why(
    client, author, communicator, company_category
):
    ask(author, company_category)
    client = as_user(client, communicator)

    htmx = client.post(action("delete", company_category), **HX)
    plain = client.post(action("delete", company_category), follow=True)

    assert htmx.status_code == 422
    assert "This category still has threads" in htmx.content.decode()
    assert plain.redirect_chain == [(MANAGE, 302)]
    assert "This category still has threads" in plain.content.decode()
    assert Category.objects.filter(pk=company_category.pk).exists()


@pytest.mark.parametrize("direction", ["up", "sideways"])
def test_the_first_category_does_not_move_up_or_sideways(
    client, communicator, company_category, direction
):
    second = make_category(actor=communicator, name="Second")

    response = as_user(client, communicator).post(
        action("move", company_category), {"direction": direction}, **HX
    )

    assert response.status_code == 422
    assert "This category cannot move that way." in response.content.decode()
    assert names() == ["Finance procedures", second.name]


def test_posts_without_a_csrf_token_are_refused(communicator, company_category):
    client = Client(enforce_csrf_checks=True)
    client.force_login(communicator)

    created = client.post(reverse("forums:category-create"), {"new-name": "Sneaky"})
    deleted = client.post(action("delete", company_category))

    assert created.status_code == 403 and deleted.status_code == 403
    assert names() == ["Finance procedures"]
    page = client.get(MANAGE).content.decode()
    assert page.count('name="csrfmiddlewaretoken"') >= 5  # new, and up/down/delete/save


# --- who may ----------------------------------------------------------------------------------


def _codes(client, people: dict, requests) -> dict:
    codes = {}
    for label, person in people.items():
        client.logout()
        if person is not None:
            client.force_login(person)
        codes[label] = {
            response.status_code for response in (request(client) for request in requests)
        }
    return codes


def test_a_secret_communitys_forum_setup_is_for_its_admins_only(
    client, colleague, outsider, site_moderator, secret_community, secret_category
):
    join(colleague, secret_community)
    get = [lambda c: c.get(manage_url(secret_community))]
    posts = [
        lambda c: c.post(f"{reverse('forums:category-create')}?community=merger-room", {}),
        lambda c: c.post(action("edit", secret_category), {}),
        lambda c: c.post(action("move", secret_category), {"direction": "down"}),
    ]
    people = {
        "anon": None,
        "outsider": outsider,
        "member": colleague,
        "admin": secret_community.created_by,
    }

    assert _codes(client, people, get) == {
        "anon": {302},
        "outsider": {404},
        "member": {403},
        "admin": {200},
    }
    assert _codes(client, people, posts) == {
        "anon": {302},
        "outsider": {404},
        "member": {403},
        "admin": {200, 302},
    }
    client.force_login(outsider)
    assert client.post(action("delete", secret_category)).status_code == 404
    client.force_login(colleague)
    assert client.post(action("delete", secret_category)).status_code == 403
    assert Category.objects.filter(pk=secret_category.pk).exists()


def test_the_company_wide_forum_setup_is_for_communicators(
    client, author, communicator, company_category, public_community
):
    join(author, public_community)
    requests = [
        lambda c: c.get(MANAGE),
        lambda c: c.post(reverse("forums:category-create"), {"new-name": "X"}),
        lambda c: c.post(action("move", company_category), {"direction": "down"}),
        lambda c: c.post(action("delete", company_category)),
    ]

    codes = _codes(client, {"anon": None, "member": author, "communicator": communicator}, requests)

    assert codes == {"anon": {302}, "member": {403}, "communicator": {200, 302}}
    # A community's admin does not set up the company-wide forum.
    client.force_login(public_community.created_by)
    assert client.get(MANAGE).status_code == 403


def test_a_private_communitys_outsider_may_not_and_an_archived_forum_is_read_only(
    client, outsider, private_community, public_community, public_category
):
    owner = public_community.created_by
    communities.community_set_archived(actor=owner, community=public_community, archived=True)

    outside = as_user(client, outsider).get(manage_url(private_community))
    archived = as_user(client, owner).get(manage_url(public_community))
    refused = client.post(action("delete", public_category))

    assert outside.status_code == 403
    assert archived.status_code == 403 and refused.status_code == 403
    assert "archived" in archived.content.decode()
    assert Category.objects.filter(pk=public_category.pk).exists()


# --- the ways in ------------------------------------------------------------------------------


def test_the_forum_index_links_to_the_setup_for_those_who_may(
    client, author, communicator, company_category, public_community, public_category
):
    join(author, public_community, role=Role.ADMIN)
    community_link = f"{MANAGE}?community=finance-club"

    for_admin = as_user(client, author).get(reverse("forums:index")).content.decode()
    for_communicator = as_user(client, communicator).get(reverse("forums:index")).content.decode()

    assert community_link in for_admin and f'href="{MANAGE}"' not in for_admin
    assert f'href="{MANAGE}"' in for_communicator and community_link not in for_communicator
    assert "Manage categories" in for_communicator


def test_a_community_page_has_forum_and_blog_tabs_for_its_readers(
    client, author, outsider, private_community
):
    join(author, private_community)
    detail = reverse("communities:detail", args=[private_community.slug])
    forum_tab = f'href="/forum/#community-{private_community.pk}-categories"'
    blog_tab = f'href="{reverse("blog:community", args=[private_community.slug])}"'

    member = as_user(client, author).get(detail).content.decode()
    stranger = as_user(client, outsider).get(detail).content.decode()
    owner = as_user(client, private_community.created_by).get(detail).content.decode()

    assert forum_tab in member and blog_tab in member
    assert "Forum categories" not in member
    assert forum_tab not in stranger and blog_tab not in stranger
    assert f"{MANAGE}?community=tax-team" in owner and "Forum categories" in owner


# --- cost -------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 60])
def test_the_setup_page_costs_the_same_for_10_and_60_categories(
    client, communicator, django_assert_max_num_queries, count
):
    for number in range(count):
        make_category(actor=communicator, name=f"Category {number}")
    client = as_user(client, communicator)
    client.get(MANAGE)

    with django_assert_max_num_queries(8):
        response = client.get(MANAGE)

    assert response.content.decode().count('class="card border-0 shadow-sm" id="manage-') == count
