import pytest
from django.contrib.auth.models import AnonymousUser

from communities import permissions, services
from communities.models import Membership, PostingPolicy
from tests.communities.conftest import ROLES, TYPES, build_matrix_community
from tests.factories import UserFactory

EVERYONE = set(ROLES)
MEMBERS = {"member", "moderator", "admin", "owner"}
SITE = {"site_moderator", "superuser"}
NOBODY: set = set()

# Who gets True, per predicate and community type ("archived" is an archived public one).
EXPECTED = {
    "can_view_community": {
        "public": EVERYONE,
        "private": EVERYONE,
        "secret": MEMBERS | SITE | {"invited"},
        "archived": EVERYONE,
    },
    "can_read_content": {
        "public": EVERYONE,
        "private": MEMBERS | SITE,
        "secret": MEMBERS | SITE,
        "archived": EVERYONE,
    },
    # The Join button: open communities, for anyone not in yet (invitations are answered
    # separately). "requested" in a public community is a request left from its private days.
    "can_join": {
        "public": {"outsider", "invited", "requested"} | SITE,
        "private": NOBODY,
        "secret": NOBODY,
        "archived": NOBODY,
    },
    "can_request": {
        "public": NOBODY,
        "private": {"outsider"} | SITE,
        "secret": NOBODY,
        "archived": NOBODY,
    },
    "can_manage": dict.fromkeys(TYPES, {"admin", "owner", "superuser"}),
    "can_moderate": dict.fromkeys(TYPES, {"moderator", "admin", "owner"} | SITE),
    "can_invite": {
        "public": MEMBERS | {"superuser"},
        "private": MEMBERS | {"superuser"},
        "secret": {"admin", "owner", "superuser"},
        "archived": NOBODY,
    },
    "can_post": {"public": MEMBERS, "private": MEMBERS, "secret": MEMBERS, "archived": NOBODY},
}
PREDICATES = list(EXPECTED)


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("predicate", PREDICATES)
def test_each_role_gets_the_expected_answer(db, roles, predicate, kind):
    community = build_matrix_community(kind)
    people = roles(community)
    check = getattr(permissions, predicate)

    answers = {role: check(person, community) for role, person in people.items()}

    assert answers == {role: role in EXPECTED[predicate][kind] for role in ROLES}


@pytest.mark.parametrize("kind", TYPES)
def test_anonymous_visitors_get_no_for_everything(db, kind):
    community = build_matrix_community(kind)
    anonymous = AnonymousUser()

    assert {p: getattr(permissions, p)(anonymous, community) for p in PREDICATES} == dict.fromkeys(
        PREDICATES, False
    )


def test_only_admins_post_in_an_announcement_community(db, roles):
    community = build_matrix_community("public")
    people = roles(community)
    services.community_update(
        actor=people["owner"], community=community, posting_policy=PostingPolicy.ADMINS
    )

    posters = {role for role, person in people.items() if permissions.can_post(person, community)}

    assert posters == {"admin", "owner"}


@pytest.mark.parametrize("check", ["check_manage", "check_moderate", "check_invite"])
def test_the_check_helpers_raise_with_an_explanation(db, check):
    from django.core.exceptions import PermissionDenied

    community = build_matrix_community("secret")

    with pytest.raises(PermissionDenied, match="Only the community's"):
        getattr(permissions, check)(UserFactory(), community)


# The per-request cache


def test_a_second_predicate_call_costs_no_query(db, roles, django_assert_num_queries):
    community = build_matrix_community("private")
    member = roles(community)["member"]
    permissions.can_read_content(member, community)

    with django_assert_num_queries(0):
        assert permissions.can_read_content(member, community)
        assert permissions.can_post(member, community)
        assert permissions.can_invite(member, community)
        assert not permissions.can_manage(member, community)
        assert not permissions.can_request(member, community)


def test_remembering_a_list_costs_one_query_then_none(db, django_assert_num_queries):
    person = UserFactory()
    communities = [build_matrix_community(kind) for kind in ("public", "private", "secret") * 3]
    for community in communities[:2]:  # A membership and a request.
        services.community_request_join(user=person, community=community)
    person.refresh_from_db()
    permissions.sees_everything(person)  # Site roles are cached on their own.

    with django_assert_num_queries(1):
        permissions.remember_memberships(person, communities)
    with django_assert_num_queries(0):
        permissions.remember_memberships(person, communities)
        seen = [permissions.can_view_community(person, c) for c in communities]
        [permissions.can_read_content(person, c) for c in communities]

    assert seen == [True, True, False] * 3


def test_remembering_all_memberships_answers_for_every_community_without_asking(
    db, django_assert_num_queries
):
    person = UserFactory()
    communities = [build_matrix_community(kind) for kind in ("public", "private", "secret") * 2]
    services.community_request_join(user=person, community=communities[0])  # Joins.
    services.community_request_join(user=person, community=communities[1])  # Asks.
    person.refresh_from_db()
    permissions.sees_everything(person)

    with django_assert_num_queries(1):
        rows = permissions.remember_all_memberships(person)
    with django_assert_num_queries(0):
        permissions.remember_memberships(person, communities)
        states = [permissions.membership_of(person, c) for c in communities]
        readable = [permissions.can_read_content(person, c) for c in communities]

    assert {m.community_id for m in rows} == {communities[0].pk, communities[1].pk}
    assert states[0].is_active and not states[1].is_active and states[2:] == [None] * 4
    assert readable == [True, False, False, True, False, False]
    # A change made through a service is seen again (the cache is dropped).
    services.community_request_join(user=person, community=communities[3])
    assert permissions.is_member(person, communities[3])


def test_remembering_for_an_anonymous_visitor_costs_nothing(db, django_assert_num_queries):
    community = build_matrix_community("public")

    with django_assert_num_queries(0):
        permissions.remember_memberships(AnonymousUser(), [community])


def test_joining_forgets_the_cached_membership(db, django_assert_num_queries):
    community = build_matrix_community("public")
    person = UserFactory()
    assert permissions.can_join(person, community)

    services.community_join(user=person, community=community)

    assert not permissions.can_join(person, community)
    assert permissions.can_post(person, community)


@pytest.mark.parametrize("kind", ["private", "secret"])
def test_accepting_an_invitation_forgets_the_cached_membership(db, kind):
    community = build_matrix_community(kind)
    person = UserFactory()
    services.community_invite(actor=community.created_by, community=community, invitee=person)
    assert not permissions.can_read_content(person, community)

    services.community_join(user=person, community=community)

    assert permissions.can_read_content(person, community)


def test_a_request_forgets_the_cached_membership(db):
    community = build_matrix_community("private")
    person = UserFactory()
    assert permissions.can_request(person, community)

    services.community_request_join(user=person, community=community)

    assert not permissions.can_request(person, community)


def test_leaving_and_declining_forget_the_cached_membership(db):
    community = build_matrix_community("secret")
    person = UserFactory()
    services.community_invite(actor=community.created_by, community=community, invitee=person)
    services.community_join(user=person, community=community)
    assert permissions.can_view_community(person, community)

    services.community_leave(user=person, community=community)
    assert not permissions.can_view_community(person, community)

    services.community_invite(actor=community.created_by, community=community, invitee=person)
    person.__dict__.pop("_community_memberships", None)
    assert permissions.can_view_community(person, community)
    services.community_invite_decline(user=person, community=community)
    assert not permissions.can_view_community(person, community)


def test_handing_over_forgets_the_old_owners_cached_role(db):
    community = build_matrix_community("public")
    owner, member = community.created_by, UserFactory()
    services.community_join(user=member, community=community)
    assert permissions.has_community_role(owner, community, "owner")

    services.community_transfer_ownership(actor=owner, community=community, new_owner=member)

    assert not permissions.has_community_role(owner, community, "owner")
    assert permissions.can_manage(owner, community)


def test_creating_a_community_forgets_the_creators_cache(db):
    person = UserFactory()
    permissions.remember_memberships(person, [])
    community = build_matrix_community("secret", creator=person)

    assert permissions.can_manage(person, community)
    assert Membership.objects.filter(community=community).count() == 1
