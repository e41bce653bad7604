import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from communities import permissions, selectors, services
from communities.models import Community, CommunityType, Role
from profiles.services import user_follow
from tests.communities.conftest import ROLES, TYPES, build_matrix_community, site_moderator
from tests.communities.test_permissions import EXPECTED
from tests.factories import DepartmentFactory, UserFactory

MEMBERS = {"member", "moderator", "admin", "owner"}

QUERYSETS = {
    "visible_to": EXPECTED["can_view_community"],
    "with_content_visible_to": EXPECTED["can_read_content"],
    "member_of": dict.fromkeys(TYPES, MEMBERS),
}


def _join(person, community):
    """Let ``person`` into ``community`` whatever its type (its owner invites them)."""
    if community.type != CommunityType.PUBLIC:
        services.community_invite(actor=community.created_by, community=community, invitee=person)
    return services.community_join(user=person, community=community)


@pytest.fixture
def matrix(db, roles):
    """One community of each matrix type, with one person per role in each."""
    built = {}
    for kind in TYPES:
        community = build_matrix_community(kind, name=f"The {kind} circle")
        built[kind] = (community, roles(community))
    return built


@pytest.mark.parametrize("method", list(QUERYSETS))
def test_each_role_finds_the_expected_communities(matrix, method):
    found = {
        (kind, role): getattr(Community.objects, method)(person).filter(pk=community.pk).exists()
        for kind, (community, people) in matrix.items()
        for role, person in people.items()
    }

    assert found == {
        (kind, role): role in QUERYSETS[method][kind] for kind in TYPES for role in ROLES
    }


@pytest.mark.parametrize("method", ["visible_to", "with_content_visible_to"])
def test_anonymous_visitors_find_no_community(matrix, method):
    assert not getattr(Community.objects, method)(AnonymousUser()).exists()


def test_the_querysets_list_each_community_once(matrix):
    superuser = matrix["public"][1]["superuser"]
    member = matrix["secret"][1]["member"]

    assert Community.objects.visible_to(superuser).count() == len(TYPES)
    assert Community.objects.with_content_visible_to(member).count() == 3  # public x2 + secret


def test_the_querysets_agree_with_the_predicates(matrix):
    pairs = [
        ("visible_to", permissions.can_view_community),
        ("with_content_visible_to", permissions.can_read_content),
        ("member_of", permissions.is_member),
    ]
    for community, people in matrix.values():
        for person in people.values():
            for method, predicate in pairs:
                listed = getattr(Community.objects, method)(person).filter(pk=community.pk)
                assert listed.exists() == predicate(person, community), (method, person)


# One community


def test_community_get_for_hides_a_secret_community_from_those_outside(matrix):
    found = {}
    for kind, (community, people) in matrix.items():
        for role, person in people.items():
            try:
                found[kind, role] = selectors.community_get_for(person, slug=community.slug)
            except Http404:
                found[kind, role] = None

    assert found == {
        (kind, role): community if role in EXPECTED["can_view_community"][kind] else None
        for kind, (community, _) in matrix.items()
        for role in ROLES
    }


def test_community_get_for_answers_404_to_anonymous_and_unknown_slugs(matrix):
    community, people = matrix["public"]

    with pytest.raises(Http404):
        selectors.community_get_for(AnonymousUser(), slug=community.slug)
    with pytest.raises(Http404):
        selectors.community_get_for(people["superuser"], slug="no-such-community")


# Directory


def _slugs(communities):
    return [c.slug for c in communities]


@pytest.fixture
def directory(db, user, make_community):
    """A spread of communities, and ``user`` in a few of them."""
    finance, sales = DepartmentFactory(name="Finance"), DepartmentFactory(name="Sales")
    made = {
        "running": make_community(name="Running", description="Morning runs in Senayan"),
        "photo": make_community(name="Photography", description="Cameras and walks"),
        "finance": make_community(name="Finance team", type="private", department=finance),
        "sales": make_community(name="Sales floor", type="private", department=sales),
        "board": make_community(name="Board room", type="secret"),
        "war": make_community(name="War room", type="secret"),
        "old": make_community(name="Old running club", archived=True),
    }
    _join(user, made["running"])
    _join(user, made["board"])
    services.community_request_join(user=user, community=made["sales"])
    services.community_invite(actor=made["war"].created_by, community=made["war"], invitee=user)
    return made


def test_the_directory_lists_what_i_can_see_without_archived_ones(user, directory):
    assert _slugs(selectors.community_directory(user)) == [
        "board-room",
        "finance-team",
        "photography",
        "running",
        "sales-floor",
        "war-room",
    ]


def test_the_directory_shows_archived_communities_when_asked(user, directory):
    listed = selectors.community_directory(user, include_archived=True)

    assert "old-running-club" in _slugs(listed)


def test_the_directory_never_shows_an_outsider_a_secret_community(db, directory):
    outsider = UserFactory()

    for listed in (
        selectors.community_directory(outsider),
        selectors.community_directory(outsider, type="secret"),
        selectors.community_directory(outsider, q="room", include_archived=True),
    ):
        assert not {"board-room", "war-room"} & set(_slugs(listed))


def test_my_communities_are_those_i_am_an_active_member_of(user, directory):
    assert _slugs(selectors.community_directory(user, scope="mine")) == ["board-room", "running"]


@pytest.mark.parametrize("scope", ["all", "mine"])
def test_the_directory_counts_active_members(user, directory, scope):
    running = directory["running"]
    for _ in range(3):
        _join(UserFactory(), running)
    services.community_invite(actor=running.created_by, community=running, invitee=UserFactory())

    counts = {c.slug: c.member_count for c in selectors.community_directory(user, scope=scope)}

    assert counts["running"] == 5  # Owner, user and three more; the invitation does not count.
    assert counts["board-room"] == 2


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("running", ["running"]),
        ("RUNNING", ["running"]),
        ("senayan", ["running"]),
        ("room", ["board-room", "war-room"]),
        ("war room", ["war-room"]),
        ("room  cameras", []),
        (
            "   ",
            ["board-room", "finance-team", "photography", "running", "sales-floor", "war-room"],
        ),
    ],
)
def test_the_directory_searches_names_and_descriptions(user, directory, q, expected):
    assert _slugs(selectors.community_directory(user, q=q)) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("public", ["photography", "running"]),
        ("private", ["finance-team", "sales-floor"]),
        ("secret", ["board-room", "war-room"]),
    ],
)
def test_the_directory_filters_by_type(user, directory, kind, expected):
    assert _slugs(selectors.community_directory(user, type=kind)) == expected


def test_the_directory_filters_by_department(user, directory):
    finance = directory["finance"].department

    assert _slugs(selectors.community_directory(user, department=finance)) == ["finance-team"]


def test_the_directory_is_empty_for_anonymous_visitors(directory):
    for scope in ("all", "mine"):
        assert not selectors.community_directory(AnonymousUser(), scope=scope).exists()


# Suggestions


def test_suggestions_come_from_my_department_and_from_people_i_follow(
    db, user, make_community, django_assert_max_num_queries
):
    friend, other = UserFactory(), UserFactory()
    user_follow(follower=user, followee=friend)
    mine = make_community(name="Finance team", type="private", department=user.department)
    two_friends = make_community(name="Yoga")
    one_friend = make_community(name="Chess", type="private")
    make_community(name="Unrelated")
    _join(friend, two_friends)
    _join(friend, one_friend)
    second_friend = UserFactory()
    user_follow(follower=user, followee=second_friend)
    _join(second_friend, two_friends)
    _join(other, make_community(name="Others only"))

    with django_assert_max_num_queries(2):  # Site roles, then the suggestions.
        suggested = selectors.communities_suggested(user)

    assert [c.name for c in suggested] == ["Yoga", "Chess", "Finance team"]
    assert [c.followed_members for c in suggested] == [2, 1, 0]
    assert mine.pk in {c.pk for c in suggested}


def test_suggestions_without_a_department_come_from_follows(db, make_community):
    person, friend = UserFactory(department=None), UserFactory()
    user_follow(follower=person, followee=friend)
    yoga = make_community(name="Yoga")
    make_community(name="Unrelated")
    _join(friend, yoga)

    assert selectors.communities_suggested(person) == [yoga]


def test_suggestions_leave_out_secret_joined_requested_and_archived_ones(db, user, make_community):
    friend = UserFactory()
    user_follow(follower=user, followee=friend)
    department = user.department
    joined = make_community(name="Joined", department=department)
    requested = make_community(name="Requested", type="private", department=department)
    secret = make_community(name="Secret", type="secret", department=department)
    secret_invited = make_community(name="Secret invited", type="secret", department=department)
    archived = make_community(name="Archived", department=department)
    for community in (joined, secret, secret_invited):
        _join(friend, community)
    _join(user, joined)
    services.community_request_join(user=user, community=requested)
    services.community_invite(
        actor=secret_invited.created_by, community=secret_invited, invitee=user
    )
    services.community_set_archived(actor=archived.created_by, community=archived, archived=True)
    open_one = make_community(name="Open", department=department)

    assert selectors.communities_suggested(user) == [open_one]


def test_suggestions_are_limited(db, user, make_community):
    for number in range(8):
        make_community(name=f"Finance {number}", department=user.department)

    assert len(selectors.communities_suggested(user, limit=6)) == 6


# Member of


def test_a_persons_communities_show_only_those_whose_members_the_viewer_may_see(db, make_community):
    person, colleague, fellow = UserFactory(), UserFactory(), UserFactory()
    running = make_community(name="Running")
    board = make_community(name="Board room", type="secret")
    hr = make_community(name="HR", type="private")
    for community in (running, board, hr):
        _join(person, community)
    _join(fellow, board)
    invited = UserFactory()
    services.community_invite(actor=board.created_by, community=board, invitee=invited)

    def names(viewer):
        return [c.name for c in selectors.communities_of_person(person, viewer)]

    # A private community's members, and a secret one's, are for its members only: someone
    # merely invited to the secret one does not learn who is in it from people's profiles.
    assert names(colleague) == ["Running"]
    assert names(fellow) == ["Board room", "Running"]
    assert names(invited) == ["Running"]
    assert names(person) == ["Board room", "HR", "Running"]
    assert names(site_moderator("sitemod")) == ["Board room", "HR", "Running"]
    assert names(AnonymousUser()) == []


def test_a_persons_communities_leave_out_invitations_and_requests(db, make_community):
    person, viewer = UserFactory(), UserFactory()
    hr = make_community(name="HR", type="private")
    sales = make_community(name="Sales", type="private")
    services.community_request_join(user=person, community=hr)
    services.community_invite(actor=sales.created_by, community=sales, invitee=person)

    assert selectors.communities_of_person(person, viewer) == []


# Members, requests, invitations


def test_members_are_listed_by_role_then_name(db, make_community):
    community = make_community()
    owner = community.created_by
    people = {}
    for username, role in [("zed", Role.ADMIN), ("ana", Role.MEMBER), ("bob", Role.MODERATOR)]:
        people[username] = UserFactory(username=username, display_name=username.title())
        membership = _join(people[username], community)
        if role != Role.MEMBER:
            services.community_member_set_role(actor=owner, membership=membership, role=role)
    services.community_invite(actor=owner, community=community, invitee=UserFactory())

    assert [m.user.username for m in selectors.members_of(community)] == [
        owner.username,
        "zed",
        "bob",
        "ana",
    ]


def test_pending_requests_and_invitations_are_listed_apart(db, make_community):
    community = make_community(type="private")
    asking, invited = UserFactory(), UserFactory()
    services.community_request_join(user=asking, community=community, message="Please")
    services.community_invite(actor=community.created_by, community=community, invitee=invited)

    assert [m.user for m in selectors.pending_requests(community)] == [asking]
    assert [m.user for m in selectors.invitations_of(community)] == [invited]
    assert [m.community for m in selectors.my_invitations(invited)] == [community]
    assert list(selectors.my_invitations(asking)) == []


def test_membership_get_for_finds_a_row_in_this_community_only(db, user, make_community):
    community, other = make_community(), make_community()
    _join(user, other)

    with pytest.raises(Http404):
        selectors.membership_get_for(user, community, username=user.username)
    assert selectors.membership_get_for(user, other, username=user.username).user == user


# Query counts: the same bound for 10 and 100


@pytest.mark.parametrize("size", [10, 100])
def test_the_directory_costs_the_same_queries_for_10_and_100_communities(
    db, user, make_community, size, django_assert_max_num_queries
):
    kinds = ["public", "private", "secret"]
    for number in range(size):
        community = make_community(
            name=f"Community {number:03}", type=kinds[number % 3], department=user.department
        )
        if number % 2:
            _join(user, community)
        elif community.type == "private":
            services.community_request_join(user=user, community=community)
    user.refresh_from_db()

    with django_assert_max_num_queries(3):
        communities = list(selectors.community_directory(user))
        permissions.remember_memberships(user, communities)
        for community in communities:
            permissions.can_join(user, community)
            permissions.can_request(user, community)
            permissions.can_read_content(user, community)
            permissions.can_manage(user, community)
            str(community.department)
            community.member_count  # noqa: B018

    # Secret ones (every third) are listed only where the user joined (odd numbers).
    assert len(communities) == sum(1 for n in range(size) if n % 3 != 2 or n % 2)


@pytest.mark.parametrize("size", [10, 100])
def test_the_member_list_costs_the_same_queries_for_10_and_100_members(
    db, make_community, size, django_assert_max_num_queries
):
    community = make_community()
    for _ in range(size):
        _join(UserFactory(department=DepartmentFactory(name="Sales")), community)

    with django_assert_max_num_queries(1):
        members = [
            (m.user.name, m.user.department.name if m.user.department else "", m.role)
            for m in selectors.members_of(community)
        ]

    assert len(members) == size + 1
