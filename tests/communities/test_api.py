"""The communities API under /api/v1/communities/: the directory, one community, memberships,
requests, invitations and ownership."""

import io

import pytest
from django.conf import settings
from PIL import Image
from rest_framework.test import APIClient

from analytics.models import Event
from communities import services
from communities.models import Community, CommunityType, Membership, MembershipState, Role
from tests.communities.conftest import ROLES, TYPES, build_community, build_matrix_community
from tests.factories import DepartmentFactory, UserFactory

LIST_URL = "/api/v1/communities/"
PAGE_SIZE = settings.REST_FRAMEWORK["PAGE_SIZE"]
LIMITED_FIELDS = {"slug", "name", "description", "type", "department", "is_archived", "membership"}


def url(slug: str, suffix: str = "") -> str:
    return f"{LIST_URL}{slug}/{suffix}"


def client_for(person) -> APIClient:
    client = APIClient()
    if person is not None:
        client.force_login(person)
    return client


def png(size=(64, 48), name="picture.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def add_member(community, person=None, role: str = Role.MEMBER, **person_fields):
    """A person let into ``community`` (of any type) by its owner, with ``role``."""
    person = person or UserFactory(**person_fields)
    owner = community.created_by
    if community.type == CommunityType.PUBLIC:
        membership = services.community_join(user=person, community=community)
    else:
        services.community_invite(actor=owner, community=community, invitee=person)
        membership = services.community_join(user=person, community=community)
    if role != Role.MEMBER:
        services.community_member_set_role(actor=owner, membership=membership, role=role)
    return person


def membership(community, person):
    return Membership.objects.filter(community=community, user=person).first()


@pytest.fixture
def owner(db):
    return UserFactory(username="olivia", display_name="Olivia Owner")


@pytest.fixture
def me(user):
    """An API client signed in (by session) as ``user`` (ratna, in Finance)."""
    return client_for(user)


@pytest.fixture
def public(owner):
    return build_community(creator=owner, name="Runners Jakarta", slug="runners",
                           description="Morning runs around Monas.")  # fmt: skip


@pytest.fixture
def private(owner):
    return build_community(creator=owner, name="HR Circle", slug="hr-circle",
                           type=CommunityType.PRIVATE, description="People matters.")  # fmt: skip


@pytest.fixture
def secret(owner):
    return build_community(
        creator=owner, name="Falcon Leadership", slug="falcon", type=CommunityType.SECRET
    )


# --- the permission matrix ------------------------------------------------------------

# Columns follow ROLES: outsider, invited, requested, member, moderator, admin, owner,
# site_moderator, superuser. "full" and "limited" are 200 answers of the detail endpoint.
F, L = "full", "limited"
DETAIL = {
    "public": (F, F, F, F, F, F, F, F, F),
    "private": (L, L, L, F, F, F, F, F, F),
    "secret": (404, L, 404, F, F, F, F, F, F),
    "archived": (F, F, F, F, F, F, F, F, F),
}
MEMBERS = {
    "public": (200,) * 9,
    "private": (403, 403, 403, 200, 200, 200, 200, 200, 200),
    "secret": (404, 403, 404, 200, 200, 200, 200, 200, 200),
    "archived": (200,) * 9,
}
# Settings, requests and invitations: admins, owners and superusers (not site moderators).
MANAGE = {
    "public": (403, 403, 403, 403, 403, 200, 200, 403, 200),
    "private": (403, 403, 403, 403, 403, 200, 200, 403, 200),
    "secret": (404, 403, 404, 403, 403, 200, 200, 403, 200),
    "archived": (403, 403, 403, 403, 403, 200, 200, 403, 200),
}
# Site moderators and superusers see a secret community, so they are told why they cannot join.
JOIN = {
    "public": (201, 201, 201, 200, 200, 200, 200, 201, 201),
    "private": (400, 201, 400, 200, 200, 200, 200, 400, 400),
    "secret": (404, 201, 404, 200, 200, 200, 200, 400, 400),
    "archived": (400, 400, 400, 200, 200, 200, 200, 400, 400),
}
# Removing a plain member: moderators and up, and site moderators.
REMOVE = {
    "public": (403, 403, 403, 403, 204, 204, 204, 204, 204),
    "private": (403, 403, 403, 403, 204, 204, 204, 204, 204),
    "secret": (404, 403, 404, 403, 204, 204, 204, 204, 204),
    "archived": (403, 403, 403, 403, 204, 204, 204, 204, 204),
}
MATRIX = [(kind, role) for kind in TYPES for role in ROLES]


def expected(table: dict, kind: str, role: str):
    return table[kind][ROLES.index(role)]


@pytest.fixture
def matrix(db, roles):
    """``matrix(kind)``: a community of that kind and one person per role in it."""

    def build(kind: str):
        community = build_matrix_community(kind, name=f"Zebra {kind} circle")
        return community, roles(community)

    return build


def assert_secret_kept(response, community) -> None:
    body = response.content.decode()
    assert response.json() == {"detail": "Not found."}
    assert community.name not in body and community.slug not in body


def outcome(response, community):
    if response.status_code == 404:
        assert_secret_kept(response, community)
    elif response.status_code == 403:
        assert response.json()["detail"]
    return response.status_code


@pytest.mark.parametrize(("kind", "role"), MATRIX)
def test_the_detail_endpoint_follows_the_visibility_rule(matrix, kind, role):
    community, people = matrix(kind)

    response = client_for(people[role]).get(url(community.slug))

    if response.status_code == 200:
        data = response.json()
        got = L if set(data) == LIMITED_FIELDS else F
        assert data["name"] == community.name
        assert got == F or "member_count" not in data
    else:
        got = outcome(response, community)
    assert got == expected(DETAIL, kind, role)


@pytest.mark.parametrize(("kind", "role"), MATRIX)
def test_the_directory_lists_a_community_exactly_when_its_page_is_visible(matrix, kind, role):
    community, people = matrix(kind)

    response = client_for(people[role]).get(LIST_URL, {"include_archived": "true"})

    listed = [row["slug"] for row in response.json()["results"]]
    assert response.status_code == 200
    assert (community.slug in listed) == (expected(DETAIL, kind, role) != 404)
    if community.slug not in listed:
        assert community.name not in response.content.decode()


@pytest.mark.parametrize(("kind", "role"), MATRIX)
def test_the_members_list_is_for_those_who_may_see_inside(matrix, kind, role):
    community, people = matrix(kind)

    response = client_for(people[role]).get(url(community.slug, "members/"))

    assert outcome(response, community) == expected(MEMBERS, kind, role)
    if response.status_code == 403:
        assert response.json() == {"detail": "Only members see who belongs to this community."}


@pytest.mark.parametrize(("kind", "role"), MATRIX)
@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [("patch", "", {"description": "Changed"}), ("get", "requests/", None),
     ("get", "invites/", None)],
)  # fmt: skip
def test_settings_requests_and_invitations_are_for_admins(matrix, kind, role, method, suffix, body):
    community, people = matrix(kind)

    response = getattr(client_for(people[role]), method)(
        url(community.slug, suffix), body, format="json"
    )

    community.refresh_from_db()
    assert outcome(response, community) == expected(MANAGE, kind, role)
    changed = method == "patch" and response.status_code == 200
    assert (community.description == "Changed") == changed
    if response.status_code == 403:
        assert response.json() == {"detail": "Only the community's admins can do this."}


@pytest.mark.parametrize(("kind", "role"), MATRIX)
def test_joining_follows_the_community_type(matrix, kind, role):
    community, people = matrix(kind)
    person = people[role]

    response = client_for(person).post(url(community.slug, "join/"))

    code = outcome(response, community)
    assert code == expected(JOIN, kind, role)
    if code in (200, 201):
        assert response.json()["state"] == MembershipState.ACTIVE
        assert membership(community, person).is_active
    elif code == 400:
        assert response.json()["detail"]
        assert membership(community, person) is None or not membership(community, person).is_active


@pytest.mark.parametrize(("kind", "role"), MATRIX)
def test_removing_a_member_is_for_moderators_and_up(matrix, kind, role):
    community, people = matrix(kind)
    owner = community.created_by
    if community.is_archived:  # An archived community takes no one new: reopen it briefly.
        services.community_set_archived(actor=owner, community=community, archived=False)
    target = add_member(community, username="target-person")
    if kind == "archived":
        services.community_set_archived(actor=owner, community=community, archived=True)

    response = client_for(people[role]).delete(url(community.slug, f"members/{target.username}/"))

    assert outcome(response, community) == expected(REMOVE, kind, role)
    assert (membership(community, target) is None) == (response.status_code == 204)


# --- who may call at all --------------------------------------------------------------


ENDPOINTS = [
    ("get", LIST_URL),
    ("post", LIST_URL),
    ("get", url("runners")),
    ("patch", url("runners")),
    ("post", url("runners", "join/")),
    ("post", url("runners", "request/")),
    ("post", url("runners", "leave/")),
    ("get", url("runners", "members/")),
    ("patch", url("runners", "members/olivia/")),
    ("delete", url("runners", "members/olivia/")),
    ("get", url("runners", "requests/")),
    ("post", url("runners", "requests/olivia/approve/")),
    ("post", url("runners", "requests/olivia/reject/")),
    ("get", url("runners", "invites/")),
    ("post", url("runners", "invites/")),
    ("post", url("runners", "transfer/")),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_anonymous_callers_are_refused_in_json_on_every_endpoint(public, method, path):
    response = getattr(APIClient(), method)(path, {}, format="json")

    assert response.status_code in (401, 403)
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert Membership.objects.count() == 1


@pytest.mark.parametrize(("method", "path"), ENDPOINTS[2:])
def test_an_unknown_community_answers_404_in_json_on_every_endpoint(me, method, path):
    response = getattr(me, method)(path.replace("runners", "no-such-place"), {}, format="json")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(("method", "path"), [p for p in ENDPOINTS if "olivia" in p[1]])
def test_an_unknown_person_answers_404_in_json(public, owner, method, path):
    response = getattr(client_for(owner), method)(path.replace("olivia", "nobody"), {"role":
                                                  "admin"}, format="json")  # fmt: skip

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    ("method", "path"),
    [("put", LIST_URL), ("delete", LIST_URL), ("put", url("runners")), ("delete", url("runners")),
     ("get", url("runners", "join/")), ("get", url("runners", "leave/")),
     ("post", url("runners", "members/")), ("get", url("runners", "members/olivia/")),
     ("get", url("runners", "requests/olivia/approve/")), ("get", url("runners", "transfer/"))],
)  # fmt: skip
def test_a_wrong_method_answers_405_in_json(public, owner, method, path):
    response = getattr(client_for(owner), method)(path)

    assert response.status_code == 405
    assert response.json()["detail"].startswith("Method ")
    assert Community.objects.filter(slug="runners").exists()


@pytest.mark.parametrize(
    "path", [LIST_URL, url("runners"), url("runners", "request/"), url("runners", "invites/"),
             url("runners", "transfer/"), url("runners", "members/olivia/")],
)  # fmt: skip
def test_a_malformed_json_body_answers_400_in_json(public, owner, path):
    method = "patch" if path.endswith(("runners/", "olivia/")) else "post"

    response = getattr(client_for(owner), method)(
        path, data='{"name": "Oops"', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


# --- the directory --------------------------------------------------------------------


def test_the_directory_lists_what_i_may_see_with_counts_and_my_membership(
    me, user, owner, public, private, secret
):
    add_member(public, user)
    add_member(public, username="budi")
    services.community_request_join(user=user, community=private, message="Please")
    board = build_community(creator=owner, name="Board Room", type=CommunityType.SECRET)
    add_member(board, user, role=Role.ADMIN)
    build_community(creator=owner, name="Old Choir", archived=True)

    response = me.get(LIST_URL)

    data = response.json()
    rows = {row["slug"]: row for row in data["results"]}
    assert response.status_code == 200
    assert data["count"] == 3
    assert list(rows) == ["board-room", "hr-circle", "runners"]
    assert rows["runners"]["member_count"] == 3
    assert rows["runners"]["membership"] == {"state": "active", "role": "member"}
    assert rows["board-room"]["membership"] == {"state": "active", "role": "admin"}
    assert rows["board-room"]["member_count"] == 2
    assert rows["hr-circle"]["membership"] == {"state": "requested", "role": None}
    assert rows["hr-circle"]["member_count"] is None
    assert rows["runners"]["description"] == "Morning runs around Monas."
    assert rows["runners"]["initials"] == "RJ"
    assert rows["runners"]["avatar_url"] is None
    assert rows["runners"]["url"].endswith(url("runners"))
    assert rows["runners"]["page_url"].endswith("/c/runners/")
    assert "Falcon" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected_slugs"),
    [
        ({}, ["hr-circle", "runners", "tax-club"]),
        ({"scope": "all"}, ["hr-circle", "runners", "tax-club"]),
        ({"scope": "mine"}, ["runners"]),
        ({"q": "monas"}, ["runners"]),
        ({"q": "club tax"}, ["tax-club"]),
        ({"q": "falcon"}, []),
        ({"type": "private"}, ["hr-circle"]),
        ({"type": "secret"}, []),
        ({"department": "finance"}, ["tax-club"]),
        ({"include_archived": "true"}, ["hr-circle", "old-choir", "runners", "tax-club"]),
        ({"type": "", "department": "", "q": ""}, ["hr-circle", "runners", "tax-club"]),
    ],
)
def test_the_directory_filters_like_the_html_directory(
    me, user, owner, public, private, secret, department, query, expected_slugs
):
    add_member(public, user)
    build_community(creator=owner, name="Tax Club", department=department)
    build_community(creator=owner, name="Old Choir", archived=True)

    response = me.get(LIST_URL, query)

    assert response.status_code == 200
    assert [row["slug"] for row in response.json()["results"]] == expected_slugs


@pytest.mark.parametrize(
    ("query", "field"),
    [({"type": "open"}, "type"), ({"scope": "everything"}, "scope"),
     ({"department": "atlantis"}, "department"), ({"q": "x" * 101}, "q"),
     ({"include_archived": "perhaps"}, "include_archived")],
)  # fmt: skip
def test_an_unknown_directory_filter_answers_a_field_error(me, public, query, field):
    response = me.get(LIST_URL, query)

    assert response.status_code == 400
    assert list(response.json()) == [field]


def make_communities(n: int, viewer) -> None:
    creator = UserFactory(username="maker")
    departments = [DepartmentFactory(name=f"Unit {i}") for i in range(3)]
    for i in range(n):
        kind = [CommunityType.PUBLIC, CommunityType.PRIVATE, CommunityType.SECRET][i % 3]
        community = build_community(
            creator=creator, name=f"Group {i:03}", type=kind, department=departments[i % 3]
        )
        if i % 2:
            add_member(community, viewer)
        elif kind == CommunityType.PRIVATE:
            services.community_request_join(user=viewer, community=community)


@pytest.mark.parametrize("n", [10, 100])
def test_the_directory_query_count_does_not_grow_with_the_number_of_communities(
    me, user, n, django_assert_max_num_queries
):
    make_communities(n, user)

    with django_assert_max_num_queries(6):
        response = me.get(LIST_URL)

    rows = response.json()["results"]
    assert response.status_code == 200
    assert len(rows) == min(PAGE_SIZE, response.json()["count"])
    assert any(row["membership"] for row in rows)
    assert any(row["member_count"] is None for row in rows)


# --- creating -------------------------------------------------------------------------


def test_creating_a_community_makes_me_its_owner(
    me, user, department, django_capture_on_commit_callbacks
):
    body = {
        "name": "Kuliner Lovers",
        "description": "Where to eat near the office.",
        "type": "private",
        "department": "finance",
        "posting_policy": "admins",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = me.post(LIST_URL, body, format="json")

    data = response.json()
    community = Community.objects.get(slug="kuliner-lovers")
    assert response.status_code == 201
    assert (community.name, community.type, community.department) == (
        "Kuliner Lovers",
        "private",
        department,
    )
    assert community.posting_policy == "admins"
    assert data["slug"] == "kuliner-lovers"
    assert data["department"] == {"slug": "finance", "name": "Finance"}
    assert data["member_count"] == 1
    assert data["membership"] == {"state": "active", "role": "owner"}
    assert data["can"]["manage"] and data["can"]["transfer"] and not data["can"]["join"]
    assert membership(community, user).role == Role.OWNER
    assert Event.objects.filter(verb="community.created", actor=user).count() == 1


def test_creating_a_community_with_pictures_as_multipart(me, user):
    response = me.post(
        LIST_URL,
        {"name": "Photography", "slug": "foto", "avatar": png((600, 400)),
         "cover": png((1600, 900), "cover.png")},
        format="multipart",
    )  # fmt: skip

    community = Community.objects.get(slug="foto")
    assert response.status_code == 201
    assert response.json()["avatar_url"].startswith("http://testserver/media/")
    assert response.json()["cover_url"].startswith("http://testserver/media/")
    with Image.open(community.avatar) as avatar, Image.open(community.cover) as cover:
        assert avatar.size == (256, 256)
        assert cover.size == (1200, 300)


def test_a_taken_slug_is_refused_with_a_free_one_suggested(me, public):
    response = me.post(LIST_URL, {"name": "Runners", "slug": "runners"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"slug": ["The address “runners” is taken. “runners-2” is free."]}
    assert Community.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"type": "open"}, "type"),
        ({"posting_policy": "everyone"}, "posting_policy"),
        ({"department": "atlantis"}, "department"),
        ({"name": ""}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"name": "!!!"}, "name"),
        ({"description": "x" * 4001}, "description"),
        ({"is_archived": True}, "is_archived"),
        ({"created_by": "ratna"}, "created_by"),
    ],
)
def test_creating_with_bad_values_answers_field_errors_and_creates_nothing(me, body, field):
    response = me.post(LIST_URL, {"name": "Valid Name", **body}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert all(isinstance(message, str) for message in response.json()[field])
    assert not Community.objects.exists()


def test_creating_without_a_name_is_refused(me):
    response = me.post(LIST_URL, {"description": "Nameless"}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["name"]


@pytest.mark.parametrize("field", ["avatar", "cover"])
def test_creating_with_a_file_that_is_not_an_image_is_refused(me, field):
    fake = io.BytesIO(b"not an image at all")
    fake.name = "notes.png"

    response = me.post(LIST_URL, {"name": "Pictures", field: fake}, format="multipart")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Community.objects.exists()


# --- one community --------------------------------------------------------------------


def test_a_member_sees_the_whole_community(me, user, public):
    add_member(public, user, role=Role.MODERATOR)

    data = me.get(url("runners")).json()

    assert data["name"] == "Runners Jakarta"
    assert data["type"] == "public"
    assert data["member_count"] == 2
    assert data["membership"] == {"state": "active", "role": "moderator"}
    assert data["cover_url"] is None
    assert data["can"] == {
        "join": False,
        "request": False,
        "leave": True,
        "invite": True,
        "manage": False,
        "moderate": True,
        "post": True,
        "transfer": False,
    }


def test_a_private_community_shows_an_outsider_only_its_outside(me, user, private):
    services.community_request_join(user=user, community=private)

    response = me.get(url("hr-circle"))

    assert response.status_code == 200
    assert response.json() == {
        "slug": "hr-circle",
        "name": "HR Circle",
        "description": "People matters.",
        "type": "private",
        "department": None,
        "is_archived": False,
        "membership": {"state": "requested", "role": None},
    }


def test_a_secret_community_shows_an_invited_person_its_outside(me, user, owner, secret):
    services.community_invite(actor=owner, community=secret, invitee=user)

    response = me.get(url("falcon"))

    assert response.status_code == 200
    assert set(response.json()) == LIMITED_FIELDS
    assert response.json()["membership"] == {"state": "invited", "role": None}


def test_admins_change_the_settings(owner, public, department, django_capture_on_commit_callbacks):
    body = {
        "name": "Runners of Jakarta",
        "description": "Also evening runs.",
        "type": "private",
        "department": "finance",
        "posting_policy": "admins",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).patch(url("runners"), body, format="json")

    public.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["name"] == "Runners of Jakarta"
    assert (public.name, public.description, public.type) == (
        "Runners of Jakarta",
        "Also evening runs.",
        "private",
    )
    assert (public.department, public.posting_policy, public.slug) == (department, "admins",
                                                                       "runners")  # fmt: skip
    assert Event.objects.filter(verb="community.updated").count() == 1


def test_admins_archive_and_restore_a_community(owner, public, django_capture_on_commit_callbacks):
    admin = add_member(public, role=Role.ADMIN)
    client = client_for(admin)

    with django_capture_on_commit_callbacks(execute=True):
        archived = client.patch(url("runners"), {"is_archived": True}, format="json")
        public.refresh_from_db()
        was_archived = public.is_archived
        restored = client.patch(url("runners"), {"is_archived": False}, format="json")

    public.refresh_from_db()
    assert archived.status_code == restored.status_code == 200
    assert archived.json()["is_archived"] is True
    assert was_archived is True
    assert public.is_archived is False
    verbs = Event.objects.filter(verb__in=["community.archived", "community.unarchived"])
    assert [e.verb for e in verbs.order_by("id")] == ["community.archived", "community.unarchived"]


def test_admins_replace_and_remove_the_avatar_as_multipart(owner, public):
    client = client_for(owner)

    uploaded = client.patch(url("runners"), {"avatar": png((300, 300))}, format="multipart")
    removed = client.patch(url("runners"), {"remove_avatar": True}, format="json")

    public.refresh_from_db()
    assert uploaded.status_code == removed.status_code == 200
    assert uploaded.json()["avatar_url"].startswith("http://testserver/media/")
    assert removed.json()["avatar_url"] is None
    assert not public.avatar


@pytest.mark.parametrize(
    ("body", "field"),
    [({"slug": "elsewhere"}, "slug"), ({"type": "hidden"}, "type"), ({"name": ""}, "name"),
     ({"is_archived": "perhaps"}, "is_archived"), ({"department": "atlantis"}, "department")],
)  # fmt: skip
def test_patching_bad_or_unknown_settings_answers_field_errors(owner, public, body, field):
    response = client_for(owner).patch(url("runners"), body, format="json")

    public.refresh_from_db()
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert (public.slug, public.name, public.type) == ("runners", "Runners Jakarta", "public")


def test_a_member_patching_settings_is_told_why_not(public):
    member = add_member(public)

    response = client_for(member).patch(url("runners"), {"type": "hidden"}, format="json")

    assert response.status_code == 403
    assert response.json() == {"detail": "Only the community's admins can do this."}


# --- joining, asking, leaving ---------------------------------------------------------


def test_joining_twice_answers_201_then_200_and_keeps_one_row(
    me, user, public, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = me.post(url("runners", "join/"))
        second = me.post(url("runners", "join/"))

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == {"community": "runners", "state": "active", "role": "member"}
    assert second.json() == first.json()
    assert Membership.objects.filter(community=public, user=user).count() == 1
    assert Event.objects.filter(verb="community.joined", actor=user).count() == 1


def test_joining_a_private_community_says_to_ask(me, user, private):
    response = me.post(url("hr-circle", "join/"))

    assert response.status_code == 400
    assert response.json() == {
        "detail": "This community is private: ask to join and an admin will decide."
    }
    assert membership(private, user) is None


def test_joining_an_archived_community_is_refused(me, user, owner, public):
    services.community_set_archived(actor=owner, community=public, archived=True)

    response = me.post(url("runners", "join/"))

    assert response.status_code == 400
    assert response.json() == {"detail": "This community is archived: it takes no new members."}
    assert membership(public, user) is None


def test_joining_accepts_an_invitation_to_a_secret_community(me, user, owner, secret):
    services.community_invite(actor=owner, community=secret, invitee=user)

    response = me.post(url("falcon", "join/"))

    assert response.status_code == 201
    assert response.json() == {"community": "falcon", "state": "active", "role": "member"}
    assert me.get(url("falcon")).json()["member_count"] == 2


def test_asking_to_join_keeps_the_message_and_asking_twice_changes_nothing(me, user, private):
    first = me.post(url("hr-circle", "request/"), {"message": "I run payroll."}, format="json")
    second = me.post(url("hr-circle", "request/"), {"message": "Again"}, format="json")

    row = membership(private, user)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == {"community": "hr-circle", "state": "requested", "role": None}
    assert (row.state, row.message) == (MembershipState.REQUESTED, "I run payroll.")
    assert Membership.objects.filter(community=private, user=user).count() == 1


def test_asking_to_join_without_a_body_works(me, user, private):
    response = me.post(url("hr-circle", "request/"))

    assert response.status_code == 201
    assert membership(private, user).message == ""


def test_asking_to_join_a_public_community_joins_it(me, user, public):
    response = me.post(url("runners", "request/"))

    assert response.status_code == 201
    assert response.json()["state"] == "active"


@pytest.mark.parametrize(
    ("body", "field"), [({"message": "x" * 501}, "message"), ({"role": "admin"}, "role")]
)
def test_asking_with_bad_fields_answers_field_errors(me, user, private, body, field):
    response = me.post(url("hr-circle", "request/"), body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert membership(private, user) is None


def test_asking_to_join_an_archived_private_community_is_refused(me, user, owner, private):
    services.community_set_archived(actor=owner, community=private, archived=True)

    response = me.post(url("hr-circle", "request/"))

    assert response.status_code == 400
    assert membership(private, user) is None


@pytest.mark.parametrize("state", ["active", "requested", "invited"])
def test_leaving_ends_a_membership_a_request_or_an_invitation(me, user, owner, private, state):
    if state == "active":
        add_member(private, user)
    elif state == "requested":
        services.community_request_join(user=user, community=private)
    else:
        services.community_invite(actor=owner, community=private, invitee=user)

    first = me.post(url("hr-circle", "leave/"))
    second = me.post(url("hr-circle", "leave/"))

    assert (first.status_code, second.status_code) == (204, 204)
    assert membership(private, user) is None


def test_the_last_owner_cannot_leave(owner, public):
    response = client_for(owner).post(url("runners", "leave/"))

    assert response.status_code == 400
    assert response.json() == {
        "detail": "You are the only owner: hand the community over to someone before you leave."
    }
    assert membership(public, owner).role == Role.OWNER


def test_a_former_owner_leaves_once_the_community_is_handed_over(owner, public):
    heir = add_member(public)
    services.community_transfer_ownership(actor=owner, community=public, new_owner=heir)

    response = client_for(owner).post(url("runners", "leave/"))

    assert response.status_code == 204
    assert membership(public, owner) is None


# --- members --------------------------------------------------------------------------


def test_the_members_list_shows_roles_owners_and_admins_first(me, user, owner, public):
    add_member(public, user)
    add_member(public, role=Role.ADMIN, username="adi", display_name="Adi Admin")
    add_member(public, role=Role.MODERATOR, username="mira", display_name="Mira Moderator")
    services.community_invite(actor=owner, community=public, invitee=UserFactory(username="inv"))

    data = me.get(url("runners", "members/")).json()

    rows = [(row["person"]["username"], row["role"]) for row in data["results"]]
    assert data["count"] == 4
    assert rows == [("olivia", "owner"), ("adi", "admin"), ("mira", "moderator"),
                    ("ratna", "member")]  # fmt: skip
    assert data["results"][0]["person"]["name"] == "Olivia Owner"
    assert data["results"][0]["person"]["url"].endswith("/api/v1/people/olivia/")
    assert data["results"][0]["since"]


def test_a_private_members_list_is_refused_to_outsiders_with_a_reason(me, private):
    response = me.get(url("hr-circle", "members/"))

    assert response.status_code == 403
    assert response.json() == {"detail": "Only members see who belongs to this community."}
    assert "olivia" not in response.content.decode()


@pytest.mark.parametrize("n", [10, 100])
def test_the_members_list_query_count_does_not_grow_with_the_number_of_members(
    me, user, public, n, django_assert_max_num_queries
):
    add_member(public, user)
    departments = [DepartmentFactory(name=f"Unit {i}") for i in range(3)]
    for i in range(n):
        add_member(public, department=departments[i % 3])

    with django_assert_max_num_queries(6):
        response = me.get(url("runners", "members/"))

    assert response.status_code == 200
    assert response.json()["count"] == n + 2
    assert len(response.json()["results"]) == min(PAGE_SIZE, n + 2)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MODERATOR, Role.MEMBER])
def test_admins_change_a_members_role(owner, public, role, django_capture_on_commit_callbacks):
    person = add_member(public, username="budi")
    admin = add_member(public, role=Role.ADMIN)
    if role == Role.MEMBER:
        services.community_member_set_role(
            actor=owner, membership=membership(public, person), role=Role.MODERATOR
        )

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).patch(
            url("runners", "members/budi/"), {"role": role}, format="json"
        )

    assert response.status_code == 200
    assert response.json()["role"] == role
    assert response.json()["person"]["username"] == "budi"
    assert membership(public, person).role == role
    assert Event.objects.filter(verb="community.role_changed", actor=admin).count() == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"role": "owner"}, "Choose admin, moderator or member; ownership is handed over "
                            "separately."),
        ({"role": "boss"}, "\"boss\" is not a valid choice."),
        ({}, "This field is required."),
    ],
)  # fmt: skip
def test_a_role_change_to_owner_or_nonsense_is_refused(owner, public, body, message):
    person = add_member(public, username="budi")

    response = client_for(owner).patch(url("runners", "members/budi/"), body, format="json")

    assert response.status_code == 400
    assert response.json() == {"role": [message]}
    assert membership(public, person).role == Role.MEMBER


def test_the_last_owner_cannot_be_demoted(owner, public):
    response = client_for(owner).patch(
        url("runners", "members/olivia/"), {"role": "admin"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "The community needs an owner: hand it over first."}
    assert membership(public, owner).role == Role.OWNER


def test_a_moderator_cannot_change_roles(public):
    moderator = add_member(public, role=Role.MODERATOR)
    add_member(public, username="budi")

    response = client_for(moderator).patch(
        url("runners", "members/budi/"), {"role": "admin"}, format="json"
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "Only the community's admins can do this."}


def test_moderators_remove_members_below_them(public, django_capture_on_commit_callbacks):
    moderator = add_member(public, role=Role.MODERATOR)
    person = add_member(public, username="budi")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(moderator).delete(url("runners", "members/budi/"))

    assert response.status_code == 204
    assert membership(public, person) is None
    assert Event.objects.filter(verb="community.member_removed", actor=moderator).count() == 1


def test_a_moderator_cannot_remove_an_admin(public):
    moderator = add_member(public, role=Role.MODERATOR)
    admin = add_member(public, role=Role.ADMIN, username="adi")

    response = client_for(moderator).delete(url("runners", "members/adi/"))

    assert response.status_code == 403
    assert response.json() == {
        "detail": "You cannot remove someone whose role is equal to or above yours."
    }
    assert membership(public, admin).is_active


def test_removing_yourself_points_to_leave(public):
    admin = add_member(public, role=Role.ADMIN)

    response = client_for(admin).delete(url("runners", f"members/{admin.username}/"))

    assert response.status_code == 400
    assert response.json() == {"detail": "To leave the community yourself, use Leave."}


def test_removing_someone_who_only_asked_to_join_is_refused(owner, private):
    asking = UserFactory(username="budi", display_name="Budi Santoso")
    services.community_request_join(user=asking, community=private)

    response = client_for(owner).delete(url("hr-circle", "members/budi/"))

    assert response.status_code == 400
    assert response.json() == {"detail": "Budi Santoso is not a member."}
    assert membership(private, asking).state == MembershipState.REQUESTED


# --- requests -------------------------------------------------------------------------


@pytest.fixture
def asking(private):
    person = UserFactory(username="budi", display_name="Budi Santoso")
    services.community_request_join(user=person, community=private, message="Let me in")
    return person


def test_admins_see_requests_and_approve_one(
    owner, private, asking, django_capture_on_commit_callbacks
):
    client = client_for(owner)

    listed = client.get(url("hr-circle", "requests/")).json()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("hr-circle", "requests/budi/approve/"))

    assert [(r["person"]["username"], r["message"]) for r in listed["results"]] == [
        ("budi", "Let me in")
    ]
    assert response.status_code == 200
    assert response.json()["role"] == "member"
    assert membership(private, asking).is_active
    assert client.get(url("hr-circle", "requests/")).json()["count"] == 0
    assert Event.objects.filter(verb="community.join_approved", actor=owner).count() == 1


def test_admins_turn_a_request_down(owner, private, asking):
    response = client_for(owner).post(url("hr-circle", "requests/budi/reject/"))

    assert response.status_code == 204
    assert membership(private, asking) is None


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_decided_request_cannot_be_decided_again(owner, private, asking, decision):
    client = client_for(owner)
    client.post(url("hr-circle", "requests/budi/approve/"))

    response = client.post(url("hr-circle", f"requests/budi/{decision}/"))

    assert response.status_code == 400
    assert response.json() == {"detail": "This request or invitation is no longer open."}
    assert membership(private, asking).is_active


def test_nobody_approves_their_own_request(private, asking):
    response = client_for(asking).post(url("hr-circle", "requests/budi/approve/"))

    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot approve your own request."}
    assert membership(private, asking).state == MembershipState.REQUESTED


def test_not_even_a_superuser_approves_their_own_request(private):
    boss = UserFactory(username="boss", is_superuser=True)
    services.community_request_join(user=boss, community=private)

    response = client_for(boss).post(url("hr-circle", "requests/boss/approve/"))

    assert response.status_code == 403
    assert response.json() == {"detail": "You cannot approve your own request."}
    assert membership(private, boss).state == MembershipState.REQUESTED


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_members_below_admin_cannot_decide_requests(private, asking, role, decision):
    member = add_member(private, role=role)

    response = client_for(member).post(url("hr-circle", f"requests/budi/{decision}/"))

    assert response.status_code == 403
    assert response.json() == {"detail": "Only the community's admins can do this."}
    assert membership(private, asking).state == MembershipState.REQUESTED


def test_an_outsider_learns_nothing_about_who_is_in_a_private_community(me, private):
    add_member(private, username="budi")

    member = me.post(url("hr-circle", "requests/budi/approve/"))
    nobody = me.post(url("hr-circle", "requests/nobody/approve/"))
    remove = me.delete(url("hr-circle", "members/budi/"))

    assert member.status_code == nobody.status_code == remove.status_code == 403
    assert member.json() == nobody.json()


# --- invitations ----------------------------------------------------------------------


def test_a_member_invites_a_colleague_and_admins_see_it(
    me, user, owner, public, other_user, django_capture_on_commit_callbacks
):
    add_member(public, user)

    with django_capture_on_commit_callbacks(execute=True):
        response = me.post(url("runners", "invites/"), {"username": "budi"}, format="json")
    listed = client_for(owner).get(url("runners", "invites/")).json()

    results = response.json()["results"]
    assert response.status_code == 201
    assert [(r["person"]["username"], r["state"], r["role"]) for r in results] == [
        ("budi", "invited", "member")
    ]
    assert membership(public, other_user).state == MembershipState.INVITED
    assert [(r["person"]["username"], r["invited_by"]["username"]) for r in listed["results"]] == [
        ("budi", "ratna")
    ]
    assert Event.objects.filter(verb="community.invited", actor=user).count() == 1


def test_inviting_a_department_invites_everyone_not_yet_in(owner, secret, department):
    colleagues = [UserFactory(username=f"fin{i}", department=department) for i in range(3)]
    add_member(secret, colleagues[0])
    UserFactory(username="gone", department=department, is_active=False)

    response = client_for(owner).post(
        url("falcon", "invites/"), {"department": "finance"}, format="json"
    )
    again = client_for(owner).post(
        url("falcon", "invites/"), {"department": "finance"}, format="json"
    )

    invited = sorted(row["person"]["username"] for row in response.json()["results"])
    assert response.status_code == 201
    assert invited == ["fin1", "fin2"]
    assert (again.status_code, again.json()) == (200, {"results": []})
    assert Membership.objects.filter(community=secret, state=MembershipState.INVITED).count() == 2


def test_an_admin_inviting_someone_who_asked_lets_them_in(owner, private, asking):
    response = client_for(owner).post(
        url("hr-circle", "invites/"), {"username": "budi"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["results"][0]["state"] == "active"
    assert membership(private, asking).is_active


def test_a_member_cannot_invite_into_a_secret_community(secret, other_user):
    member = add_member(secret)

    response = client_for(member).post(url("falcon", "invites/"), {"username": "budi"},
                                       format="json")  # fmt: skip

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only the community's admins can invite people to a secret community."
    }
    assert membership(secret, other_user) is None


def test_nobody_invites_into_an_archived_community(owner, public, other_user):
    services.community_set_archived(actor=owner, community=public, archived=True)

    response = client_for(owner).post(url("runners", "invites/"), {"username": "budi"},
                                      format="json")  # fmt: skip

    assert response.status_code == 403
    assert response.json() == {"detail": "This community is archived: it takes no new members."}


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "non_field_errors"), ({"username": "budi", "department": "finance"},
     "non_field_errors"), ({"username": "ghost"}, "username"), ({"department": "atlantis"},
     "department"), ({"username": "budi", "role": "admin"}, "role")],
)  # fmt: skip
def test_an_invitation_needs_exactly_one_known_person_or_department(
    owner, public, other_user, department, body, field
):
    response = client_for(owner).post(url("runners", "invites/"), body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert Membership.objects.filter(community=public).count() == 1


@pytest.mark.parametrize(
    ("setup", "message"),
    [("invite", "Budi Santoso is already invited."), ("join", "Budi Santoso is already a member."),
     ("self", "You cannot invite yourself.")],
)  # fmt: skip
def test_inviting_someone_already_there_explains_itself(owner, public, other_user, setup, message):
    if setup == "invite":
        services.community_invite(actor=owner, community=public, invitee=other_user)
    elif setup == "join":
        add_member(public, other_user)
    username = "olivia" if setup == "self" else "budi"

    response = client_for(owner).post(url("runners", "invites/"), {"username": username},
                                      format="json")  # fmt: skip

    assert response.status_code == 400
    assert response.json() == {"detail": message}


# --- handing over ---------------------------------------------------------------------


def test_the_owner_hands_the_community_over_and_stays_an_admin(
    owner, public, django_capture_on_commit_callbacks
):
    heir = add_member(public, username="budi")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(
            url("runners", "transfer/"), {"username": "budi"}, format="json"
        )

    assert response.status_code == 200
    assert response.json()["membership"] == {"state": "active", "role": "admin"}
    assert response.json()["can"]["transfer"] is False
    assert membership(public, heir).role == Role.OWNER
    assert membership(public, owner).role == Role.ADMIN
    assert Event.objects.filter(verb="community.ownership_transferred").count() == 1


def test_only_an_owner_hands_the_community_over(owner, public):
    admin = add_member(public, role=Role.ADMIN)

    response = client_for(admin).post(
        url("runners", "transfer/"), {"username": admin.username}, format="json"
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "Only an owner can hand the community over."}
    assert membership(public, owner).role == Role.OWNER


@pytest.mark.parametrize(
    ("username", "message"),
    [("budi", "Budi Santoso is not a member of this community."),
     ("ghost", "There is no active person “ghost”.")],
)  # fmt: skip
def test_handing_over_to_a_non_member_is_refused_on_username(
    owner, public, other_user, username, message
):
    response = client_for(owner).post(
        url("runners", "transfer/"), {"username": username}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"username": [message]}
    assert membership(public, owner).role == Role.OWNER
