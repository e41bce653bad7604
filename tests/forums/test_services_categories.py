"""Setting up the forum: categories company-wide (Communicators) and per community (admins)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from communities.models import Role
from forums import services
from forums.models import Category
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.forums.conftest import make_category, start
from tests.helpers import join

pytestmark = pytest.mark.django_db


def test_a_communicator_creates_company_wide_categories_in_order(communicator):
    first = make_category(actor=communicator, name="HR policy", description="Leave, payroll")
    second = make_category(actor=communicator, name="Product support")

    assert (first.community, first.slug, first.position) == (None, "hr-policy", 0)
    assert second.position == 1 and first.created_by == communicator
    assert first.description == "Leave, payroll"


def test_a_superuser_also_sets_up_the_company_wide_forum(db):
    boss = UserFactory(username="root", is_superuser=True)

    assert make_category(actor=boss, name="General").community is None


def test_an_employee_cannot_create_company_wide_categories(author):
    with pytest.raises(PermissionDenied, match="Communicators"):
        make_category(actor=author, name="Mine")


def test_community_admins_create_their_community_categories(public_community, author):
    owner = public_community.created_by
    admin = join(UserFactory(username="adm"), public_community, role=Role.ADMIN)
    join(author, public_community)

    made = make_category(actor=admin, community=public_community, name="Month end")

    assert made.community == public_community
    with pytest.raises(PermissionDenied, match="admins"):
        make_category(actor=author, community=public_community, name="Other")
    assert make_category(actor=owner, community=public_community, name="Other").position == 1


def test_outsiders_of_a_secret_community_do_not_learn_it_exists(secret_community, outsider):
    with pytest.raises(Http404):
        make_category(actor=outsider, community=secret_community, name="Leak")


def test_an_archived_community_takes_no_new_categories(db):
    community = build_community(archived=True)

    with pytest.raises(PermissionDenied, match="archived"):
        make_category(actor=community.created_by, community=community)


def test_the_same_address_twice_in_one_place_is_refused(communicator, public_community):
    make_category(actor=communicator, name="General")
    owner = public_community.created_by

    with pytest.raises(ValidationError) as info:
        make_category(actor=communicator, name="general")
    assert "slug" in info.value.message_dict
    # Another place may use it.
    assert make_category(actor=owner, community=public_community, name="General").slug == "general"


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_a_category_needs_a_short_name(communicator, name):
    with pytest.raises(ValidationError) as info:
        make_category(actor=communicator, name=name)
    assert "name" in info.value.message_dict


def test_editing_a_category_changes_only_what_is_given(communicator):
    category = make_category(actor=communicator, name="General", description="All else")

    edited = services.category_edit(actor=communicator, category=category, name="Everything else")

    assert (edited.name, edited.slug, edited.description) == (
        "Everything else", "general", "All else",
    )  # fmt: skip
    again = services.category_edit(actor=communicator, category=category, slug="misc")
    assert again.slug == "misc"


def test_an_employee_cannot_edit_a_category(communicator, author):
    category = make_category(actor=communicator)

    with pytest.raises(PermissionDenied):
        services.category_edit(actor=author, category=category, name="Mine")


def test_reordering_puts_categories_in_the_given_order(communicator):
    a, b, c = (make_category(actor=communicator, name=n) for n in ("A", "B", "C"))

    ordered = services.category_reorder(actor=communicator, order=[c.pk, a.pk])

    assert [x.name for x in ordered] == ["C", "A", "B"]
    assert list(Category.objects.filter(community=None).values_list("name", flat=True)) == [
        "C", "A", "B",
    ]  # fmt: skip


def test_reordering_refuses_categories_of_another_place(communicator, public_community):
    mine = make_category(actor=communicator)
    theirs = make_category(actor=public_community.created_by, community=public_community)

    with pytest.raises(ValidationError) as info:
        services.category_reorder(actor=communicator, order=[mine.pk, theirs.pk])
    assert "order" in info.value.message_dict


def test_only_an_empty_category_can_be_deleted(communicator, author):
    empty = make_category(actor=communicator, name="Empty")
    busy = make_category(actor=communicator, name="Busy")
    start(author, busy)

    services.category_delete(actor=communicator, category=empty)

    assert not Category.objects.filter(pk=empty.pk).exists()
    with pytest.raises(ValidationError, match="still has threads"):
        services.category_delete(actor=communicator, category=busy)
