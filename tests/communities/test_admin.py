"""Communities and memberships in the Django admin: lists, forms, actions, who may use them."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.models import Permission
from django.urls import reverse

from analytics.models import Event
from communities import services
from communities.models import Community, CommunityType, Membership, MembershipState, Role
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def url_for(model, view: str, *args) -> str:
    return reverse(admin_urlname(model._meta, view), args=args)


def act(client, action: str, communities) -> object:
    return client.post(
        url_for(Community, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in communities]},
        follow=True,
    )


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def shown(response) -> set[str]:
    return {str(row) for row in response.context["cl"].result_list}


def staff(username: str, *codenames: str):
    person = UserFactory(username=username, is_staff=True)
    person.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return person


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def running(make_community):
    """A public community with a department and three members, and a private archived one."""
    owner = UserFactory(username="dewi", display_name="Dewi Lestari")
    community = make_community(
        creator=owner, name="Running Club", department=DepartmentFactory(name="Finance"),
        description="Lari pagi bareng.",
    )  # fmt: skip
    for name in ("budi", "sari"):
        services.community_join(user=UserFactory(username=name), community=community)
    make_community(name="Board Games", type=CommunityType.PRIVATE, archived=True,
                   posting_policy="admins")  # fmt: skip
    return community


# --- communities -------------------------------------------------------------------------


def test_the_community_list_shows_picture_type_department_and_active_member_count(
    superuser_client, running
):
    UserFactory(username="asking")
    private = Community.objects.get(name="Board Games")
    Membership.objects.create(community=private, user=UserFactory(username="pending"),
                              state=MembershipState.REQUESTED)  # fmt: skip

    response = superuser_client.get(url_for(Community, "changelist"))

    content = response.content.decode()
    counts = {c.name: c.member_count for c in response.context["cl"].result_list}
    assert counts == {"Running Club": 3, "Board Games": 1}
    assert ">RC</span>" in content and "Finance" in content and "Public" in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "lari"}, {"Running Club"}),
        ({"q": "board-games"}, {"Board Games"}),
        ({"type__exact": "private"}, {"Board Games"}),
        ({"is_archived__exact": "0"}, {"Running Club"}),
        ({"posting_policy__exact": "admins"}, {"Board Games"}),
    ],
)
def test_the_community_list_searches_and_filters(superuser_client, running, query, expected):
    response = superuser_client.get(url_for(Community, "changelist"), query)

    assert response.status_code == 200
    assert shown(response) == expected


def test_the_community_list_filters_by_department(superuser_client, running):
    response = superuser_client.get(
        url_for(Community, "changelist"), {"department__id__exact": running.department_id}
    )

    assert shown(response) == {"Running Club"}


def test_the_change_page_loads_and_the_add_page_fills_the_address_from_the_name(
    superuser_client, running
):
    change = superuser_client.get(url_for(Community, "change", running.pk))
    add = superuser_client.get(url_for(Community, "add"))

    assert change.status_code == 200 and add.status_code == 200
    assert "slug" not in change.context["adminform"].form.fields  # Addresses do not move.
    assert [p["field"].name for p in add.context["adminform"].prepopulated_fields] == ["slug"]


def test_a_community_added_in_the_admin_has_its_creator_as_owner(
    superuser_client, superuser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(
            url_for(Community, "add"),
            {"name": "Book Club", "slug": "book-club", "description": "One book a month.",
             "type": "public", "posting_policy": "members"},
        )  # fmt: skip

    assert response.status_code == 302, response.context["adminform"].form.errors
    community = Community.objects.get(slug="book-club")
    assert community.memberships.get().user == superuser
    assert community.memberships.get().role == Role.OWNER
    assert Event.objects.filter(verb="community.created", actor=superuser).exists()


def test_a_taken_address_is_refused_in_the_add_form(superuser_client, running):
    response = superuser_client.post(
        url_for(Community, "add"),
        {"name": "Running", "slug": running.slug, "type": "public", "posting_policy": "members"},
    )

    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


def test_a_change_in_the_admin_goes_through_the_services(
    superuser_client, superuser, running, django_capture_on_commit_callbacks
):
    url = url_for(Community, "change", running.pk)
    data = {"name": "Running Club Jakarta", "description": "Sabtu pagi di GBK.",
            "type": "public", "department": running.department_id,
            "posting_policy": "members", "is_archived": "on"}  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    running.refresh_from_db()
    assert (running.name, running.is_archived, running.slug) == (
        "Running Club Jakarta", True, "running-club",
    )  # fmt: skip
    verbs = set(Event.objects.filter(actor=superuser).values_list("verb", flat=True))
    assert {"community.updated", "community.archived"} <= verbs


def test_staff_who_are_not_its_admins_cannot_change_a_community(client, running):
    client.force_login(staff("helper", "view_community", "change_community"))

    response = client.post(
        url_for(Community, "change", running.pk),
        {"name": "Renamed", "type": "public", "posting_policy": "members"},
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert "Only the community's admins can do this." in errors
    running.refresh_from_db()
    assert running.name == "Running Club"


def test_archive_and_unarchive_selected_go_through_the_service(
    superuser_client, superuser, running, django_capture_on_commit_callbacks
):
    board_games = Community.objects.get(name="Board Games")

    with django_capture_on_commit_callbacks(execute=True):
        archived = act(superuser_client, "archive", [running, board_games])
    assert ("success", "1 community archived.") in messages_of(archived)
    assert Community.objects.filter(is_archived=True).count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        back = act(superuser_client, "unarchive", [running, board_games])
    assert ("success", "2 communities brought back.") in messages_of(back)
    assert not Community.objects.filter(is_archived=True).exists()
    verbs = list(Event.objects.filter(actor=superuser).values_list("verb", flat=True))
    assert verbs.count("community.archived") == 1 and verbs.count("community.unarchived") == 2


def test_staff_archive_only_the_communities_they_run_and_are_told_about_the_rest(
    client, running, make_community
):
    helper = staff("helper", "view_community", "change_community")
    theirs = make_community(creator=helper, name="Helpers")
    client.force_login(helper)

    response = act(client, "archive", [running, theirs])

    assert ("warning", "Running Club: Only the community's admins can do this.") in messages_of(
        response
    )
    assert ("success", "1 community archived.") in messages_of(response)
    assert set(Community.objects.filter(is_archived=True).values_list("name", flat=True)) == {
        "Board Games", "Helpers",
    }  # fmt: skip


def test_staff_who_may_only_view_communities_are_not_offered_the_actions(client, running):
    client.force_login(staff("viewer", "view_community"))

    response = client.get(url_for(Community, "changelist"))
    act(client, "archive", [running])

    assert response.status_code == 200
    action_form = response.context["action_form"]
    offered = {name for name, _ in action_form.fields["action"].choices} if action_form else set()
    assert not offered & {"archive", "unarchive"}
    running.refresh_from_db()
    assert not running.is_archived


# --- memberships -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "budi"}, {"budi"}),
        ({"q": "running"}, {"dewi", "budi", "sari"}),
        ({"role__exact": "owner"}, {"dewi", "creator"}),
        ({"state__exact": "requested"}, {"pending"}),
        ({"community__type__exact": "private"}, {"creator", "pending"}),
    ],
)
def test_the_membership_list_searches_and_filters(superuser_client, running, query, expected):
    board_games = Community.objects.get(name="Board Games")
    board_games.created_by.username = "creator"
    board_games.created_by.save()
    Membership.objects.create(community=board_games, user=UserFactory(username="pending"),
                              state=MembershipState.REQUESTED)  # fmt: skip

    response = superuser_client.get(url_for(Membership, "changelist"), query)

    assert response.status_code == 200
    assert {m.user.username for m in response.context["cl"].result_list} == expected


def test_the_membership_change_page_picks_people_and_communities_by_search(
    superuser_client, running
):
    membership = running.memberships.get(user__username="budi")

    response = superuser_client.get(url_for(Membership, "change", membership.pk))
    search = superuser_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "communities", "model_name": "membership", "field_name": "community",
         "term": "runn"},
    )  # fmt: skip

    assert response.status_code == 200
    fields = response.context["adminform"].form.fields
    for name in ("community", "user", "invited_by"):
        assert isinstance(fields[name].widget.widget, AutocompleteSelect), name
    assert [r["text"] for r in search.json()["results"]] == ["Running Club"]


def test_a_member_is_made_a_moderator_in_the_admin(superuser_client, running):
    membership = running.memberships.get(user__username="budi")

    response = superuser_client.post(
        url_for(Membership, "change", membership.pk),
        {"community": running.pk, "user": membership.user_id, "role": "moderator",
         "state": "active", "message": ""},
    )  # fmt: skip

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.MODERATOR


@pytest.mark.parametrize(
    "change", [{"role": "member"}, {"state": "invited", "role": "member"}], ids=["role", "state"]
)
def test_the_last_owner_keeps_the_community_in_the_admin(superuser_client, running, change):
    owner = running.memberships.get(role=Role.OWNER)
    data = {"community": running.pk, "user": owner.user_id, "role": "owner", "state": "active",
            "message": "", **change}  # fmt: skip

    response = superuser_client.post(url_for(Membership, "change", owner.pk), data)

    assert response.status_code == 200
    assert "The community needs an owner" in str(response.context["adminform"].form.errors)
    owner.refresh_from_db()
    assert (owner.role, owner.state) == (Role.OWNER, MembershipState.ACTIVE)


def test_pending_memberships_hold_no_role(superuser_client, running):
    membership = running.memberships.get(user__username="budi")

    response = superuser_client.post(
        url_for(Membership, "change", membership.pk),
        {"community": running.pk, "user": membership.user_id, "role": "admin",
         "state": "invited", "message": ""},
    )  # fmt: skip

    assert response.status_code == 200
    assert "role" in response.context["adminform"].form.errors


def test_the_last_owner_cannot_be_deleted_but_their_community_can(superuser_client, running):
    owner = running.memberships.get(role=Role.OWNER)
    member = running.memberships.get(user__username="budi")

    assert superuser_client.get(url_for(Membership, "delete", owner.pk)).status_code == 403
    removed = superuser_client.post(url_for(Membership, "delete", member.pk), {"post": "yes"})
    assert removed.status_code == 302
    response = superuser_client.post(url_for(Community, "delete", running.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Community.objects.filter(pk=running.pk).exists()
    assert not Membership.objects.filter(community_id=running.pk).exists()


# --- who may reach it, and how much it costs ---------------------------------------------


@pytest.mark.parametrize("model", [Community, Membership], ids=["community", "membership"])
def test_non_staff_are_sent_to_the_admin_login(client, user, running, model):
    client.force_login(user)

    listing = client.get(url_for(model, "changelist"))
    action = client.post(
        url_for(Community, "changelist"),
        {"action": "archive", ACTION_CHECKBOX_NAME: [running.pk]},
    )

    for answer in (listing, action):
        assert answer.status_code == 302
        assert answer["Location"].startswith(reverse("admin:login"))
    running.refresh_from_db()
    assert not running.is_archived


CHANGELIST_QUERY_BOUND = 10


@pytest.mark.parametrize("count", [10, 100])
def test_changelist_queries_do_not_grow_with_the_rows(
    superuser_client, make_community, django_assert_max_num_queries, count
):
    department = DepartmentFactory(name="Finance")
    for i in range(count):
        make_community(name=f"Club {i}", department=department if i % 2 else None,
                       type=CommunityType.PRIVATE if i % 3 else CommunityType.PUBLIC)  # fmt: skip

    for model in (Community, Membership):
        with django_assert_max_num_queries(CHANGELIST_QUERY_BOUND):
            response = superuser_client.get(url_for(model, "changelist"))
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) == min(count, 100)
