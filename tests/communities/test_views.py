"""The community pages: directory, create, home, members, requests, invite, settings, actions."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from communities import services
from communities.models import Community, Membership, MembershipState, Role
from tests.factories import DepartmentFactory, UserFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def png_upload(size=(40, 30), name="logo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def six_megabyte_png() -> SimpleUploadedFile:
    # Random pixels do not compress, so the PNG stays above 6 MB.
    width, height = 1500, 1420
    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=0)
    assert len(buffer.getvalue()) > 6 * 1024 * 1024
    return SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")


def community(owner, name="Runners", type="public", **fields) -> Community:
    return services.community_create(creator=owner, name=name, type=type, **fields)


def membership(community, user) -> Membership | None:
    return Membership.objects.filter(community=community, user=user).first()


def url(name: str, community: Community, **kwargs) -> str:
    return reverse(f"communities:{name}", kwargs={"slug": community.slug, **kwargs})


@pytest.fixture
def owner(db):
    return UserFactory(username="owner", display_name="Olga Owner")


@pytest.fixture
def member(db):
    return UserFactory(username="member", display_name="Mira Member")


@pytest.fixture
def login(client):
    def login_as(user):
        client.force_login(user)
        return client

    return login_as


@pytest.fixture
def public(owner, member):
    found = community(owner, "Runners Club", description="We run **every** Friday.")
    services.community_join(user=member, community=found)
    return found


@pytest.fixture
def private(owner, member):
    found = community(owner, "HR Insiders", type="private", description="People matters.")
    services.community_invite(actor=owner, community=found, invitee=member)
    services.community_join(user=member, community=found)
    return found


@pytest.fixture
def secret(owner, member):
    found = community(owner, "Leadership Circle", type="secret", description="Strategy talk.")
    services.community_invite(actor=owner, community=found, invitee=member)
    services.community_join(user=member, community=found)
    return found


# --- who sees which page ------------------------------------------------------------------


@pytest.mark.parametrize(
    "page, codes",
    [
        ("detail", {"owner": 200, "member": 200, "outsider": 200}),
        ("members", {"owner": 200, "member": 200, "outsider": 200}),
        ("requests", {"owner": 200, "member": 403, "outsider": 403}),
        ("settings", {"owner": 200, "member": 403, "outsider": 403}),
        ("invite", {"owner": 200, "member": 200, "outsider": 403}),
    ],
)
def test_public_community_pages_open_for_the_right_people(
    login, public, owner, member, user, page, codes
):
    people = {"owner": owner, "member": member, "outsider": user}
    found = {role: login(person).get(url(page, public)).status_code
             for role, person in people.items()}  # fmt: skip
    assert found == codes


@pytest.mark.parametrize(
    "page, codes",
    [
        ("detail", {"owner": 200, "member": 200, "outsider": 200}),
        ("members", {"owner": 200, "member": 200, "outsider": 403}),
        ("requests", {"owner": 200, "member": 403, "outsider": 403}),
        ("settings", {"owner": 200, "member": 403, "outsider": 403}),
        ("invite", {"owner": 200, "member": 200, "outsider": 403}),
    ],
)
def test_private_community_pages_open_for_the_right_people(
    login, private, owner, member, user, page, codes
):
    people = {"owner": owner, "member": member, "outsider": user}
    found = {role: login(person).get(url(page, private)).status_code
             for role, person in people.items()}  # fmt: skip
    assert found == codes


def test_directory_and_create_pages_render(user_client, public):
    assert user_client.get(reverse("communities:directory")).status_code == 200
    assert user_client.get(reverse("communities:create")).status_code == 200


def test_pages_send_anonymous_visitors_to_the_login_page(client, public):
    for address in (reverse("communities:directory"), url("detail", public),
                    url("members", public)):  # fmt: skip
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_community_appears_in_the_navigation(user_client):
    page = user_client.get(reverse("home")).content.decode()
    assert f'href="{reverse("communities:directory")}"' in page


def test_private_community_shows_outsiders_only_name_description_and_request(
    user_client, private, member
):
    response = user_client.get(url("detail", private))

    page = response.content.decode()
    assert "HR Insiders" in page
    assert "People matters." in page
    assert "Request to join" in page
    assert member.name not in page
    assert "Olga Owner" not in page
    assert "member_count" not in response.context
    assert "2 members" not in page
    assert url("members", private) not in page  # No Members tab.


def test_private_member_list_answers_outsiders_403_with_an_explanation(
    user_client, private, member
):
    response = user_client.get(url("members", private))

    assert response.status_code == 403
    page = response.content.decode()
    assert "Only members see who is in this community" in page
    assert member.name not in page


def test_private_community_members_see_the_members(login, private, member):
    page = login(member).get(url("members", private)).content.decode()
    assert "Olga Owner" in page and "Mira Member" in page


# --- secret communities do not exist for outsiders ----------------------------------------

SECRET_GETS = ["detail", "members", "requests", "settings", "invite", "suggest"]
SECRET_POSTS = ["join", "request", "leave", "invite-accept", "invite-decline", "transfer",
                "archive"]  # fmt: skip
SECRET_MEMBER_POSTS = ["request-approve", "request-reject", "member-role", "member-remove"]


@pytest.mark.parametrize("name", SECRET_GETS + SECRET_POSTS + SECRET_MEMBER_POSTS)
def test_secret_community_answers_404_to_outsiders_on_every_page(user_client, secret, member, name):
    kwargs = {"username": member.username} if name in SECRET_MEMBER_POSTS else {}
    address = url(name, secret, **kwargs)
    if name in SECRET_GETS:
        response = user_client.get(address, {"q": "mira"})
    else:
        response = user_client.post(address, {"role": "admin", "new_owner": "member"})

    assert response.status_code == 404
    assert "Leadership Circle" not in response.content.decode()
    assert membership(secret, member).role == Role.MEMBER


def test_every_community_url_name_is_covered_by_the_secret_test():
    from communities.urls import urlpatterns

    names = {pattern.name for pattern in urlpatterns if "<slug:slug>" in str(pattern.pattern)}
    assert names == set(SECRET_GETS + SECRET_POSTS + SECRET_MEMBER_POSTS)


@pytest.mark.parametrize("scope", ["all", "mine", "suggested"])
def test_secret_community_name_appears_nowhere_in_the_directory_for_outsiders(
    user_client, user, secret, owner, scope
):
    # The outsider shares the department and follows the owner: suggestions would pick it.
    secret.department = user.department
    services.community_update(actor=owner, community=secret, department=user.department)

    for query in ({"scope": scope}, {"scope": scope, "q": "Leadership"},
                  {"scope": scope, "archived": "on", "type": "secret"}):  # fmt: skip
        response = user_client.get(reverse("communities:directory"), query)
        assert response.status_code == 200
        assert "Leadership Circle" not in response.content.decode()


def test_secret_community_name_appears_in_the_directory_for_its_members(login, secret, member):
    page = login(member).get(reverse("communities:directory")).content.decode()
    assert "Leadership Circle" in page


def test_invited_person_sees_the_secret_community_with_accept_and_decline(
    login, secret, owner, user
):
    services.community_invite(actor=owner, community=secret, invitee=user)

    page = login(user).get(url("detail", secret)).content.decode()

    assert "Leadership Circle" in page
    assert url("invite-accept", secret) in page and url("invite-decline", secret) in page
    assert "Olga Owner invited you" in page
    assert "Mira Member" not in page


# --- directory ----------------------------------------------------------------------------


def test_directory_tabs_show_mine_all_and_suggested(login, user, owner, public, private):
    finance = community(owner, "Finance Team", department=user.department)
    services.community_join(user=user, community=public)
    client = login(user)

    def names(scope):
        response = client.get(reverse("communities:directory"), {"scope": scope})
        return {c.name for c in response.context["page"].object_list}

    assert names("mine") == {"Runners Club"}
    assert names("all") == {"Runners Club", "HR Insiders", "Finance Team"}
    assert names("suggested") == {finance.name}


def test_directory_search_and_filters(login, user, owner, public, private):
    community(owner, "Finance Team", department=user.department, description="Budgets")
    client = login(user)

    def names(**query):
        response = client.get(reverse("communities:directory"), query)
        return {c.name for c in response.context["page"].object_list}

    assert names(q="budgets") == {"Finance Team"}
    assert names(type="private") == {"HR Insiders"}
    assert names(department=user.department.slug) == {"Finance Team"}
    assert names(q="club", type="private") == set()


def test_directory_with_htmx_answers_only_the_results(user_client, public):
    response = user_client.get(reverse("communities:directory"), {"q": "run"}, **HTMX)
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="results"')
    assert "Runners Club" in page


def test_directory_cards_show_the_viewers_state(login, user, owner, public, private):
    invited = community(owner, "Photography")
    services.community_invite(actor=owner, community=invited, invitee=user)
    requested = community(owner, "Kuliner", type="private")
    services.community_request_join(user=user, community=requested)

    page = login(user).get(reverse("communities:directory")).content.decode()

    assert url("join", public) in page
    assert url("request", private) in page
    assert url("invite-accept", invited) in page  # In the invitations on top, and the card.
    assert "You have 1 invitation" in page
    assert "Requested" in page


def test_directory_hides_member_counts_of_private_communities_from_outsiders(
    login, user, private, public
):
    response = login(user).get(reverse("communities:directory"))
    page = response.content.decode()
    assert page.count(" members</p>") + page.count(" member</p>") == 1  # Runners Club only.


def test_directory_leaves_out_archived_communities_unless_asked(login, user, owner, public):
    services.community_set_archived(actor=owner, community=public, archived=True)
    client = login(user)

    assert "Runners Club" not in client.get(reverse("communities:directory")).content.decode()
    page = client.get(reverse("communities:directory"), {"archived": "on"}).content.decode()
    assert "Runners Club" in page and "Archived" in page


# --- create -------------------------------------------------------------------------------


def test_create_makes_the_creator_owner_and_opens_the_community(user_client, user, department):
    response = user_client.post(
        reverse("communities:create"),
        {"name": "Jakarta Runners", "slug": "", "description": "Fridays.", "type": "private",
         "department": department.pk, "posting_policy": "admins", "avatar": png_upload(),
         "cover": png_upload((1600, 500), "cover.png")},
    )  # fmt: skip

    created = Community.objects.get(slug="jakarta-runners")
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    assert (created.type, created.department, created.posting_policy) == (
        "private", department, "admins")  # fmt: skip
    assert created.avatar and created.cover
    assert membership(created, user).role == Role.OWNER
    page = user_client.get(created.get_absolute_url()).content.decode()
    assert created.avatar.url in page and created.cover.url in page


def test_create_with_a_taken_address_suggests_a_free_one_and_keeps_the_text(
    user_client, owner, public
):
    response = user_client.post(
        reverse("communities:create"),
        {"name": "Runners", "slug": "runners-club", "description": "My own words",
         "type": "public", "posting_policy": "members"},
    )  # fmt: skip

    assert response.status_code == 200
    page = response.content.decode()
    assert "“runners-club” is taken. “runners-club-2” is free." in page
    assert "My own words" in page and 'value="runners-club"' in page
    assert Community.objects.count() == 1


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("notes.png", b"not an image", content_type="image/png"),
         "Upload a valid image"),
        ("six_mb", "the limit is 5"),
    ],
    ids=["not-an-image", "six-megabytes"],
)  # fmt: skip
def test_create_refuses_a_bad_picture_with_a_clear_field_error(user_client, upload, message):
    upload = six_megabyte_png() if upload == "six_mb" else upload
    response = user_client.post(
        reverse("communities:create"),
        {"name": "Photo Walks", "description": "Typed with care", "type": "public",
         "posting_policy": "members", "avatar": upload},
    )  # fmt: skip

    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors["avatar"]
    assert "Typed with care" in response.content.decode()
    assert not Community.objects.exists()


def test_create_error_with_htmx_answers_422_with_the_form_only(user_client, public):
    response = user_client.post(
        reverse("communities:create"),
        {"name": "Runners Club", "type": "public", "posting_policy": "members"},
        **HTMX,
    )
    assert response.status_code == 422
    assert response.content.decode().lstrip().startswith('<form id="community-form"')


def test_create_with_htmx_redirects_the_browser(user_client):
    response = user_client.post(
        reverse("communities:create"),
        {"name": "Badminton", "type": "public", "posting_policy": "members"},
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/c/badminton/"


# --- community home -----------------------------------------------------------------------


def test_community_home_shows_about_members_and_actions(login, public, owner, member, user):
    page = login(user).get(url("detail", public)).content.decode()
    assert "Runners Club" in page
    assert "<strong>every</strong>" in page  # The description's markdown.
    assert "2 members" in page
    assert url("join", public) in page
    assert url("members", public) in page
    assert url("settings", public) not in page

    page = login(owner).get(url("detail", public)).content.decode()
    assert url("settings", public) in page and url("invite", public) in page
    assert url("leave", public) in page


def test_community_home_links_to_the_report_form_only_when_moderation_exists(user_client, public):
    from core.navigation import url_exists

    page = user_client.get(url("detail", public)).content.decode()
    link = f"?community={public.slug}"
    assert (link in page) == url_exists("moderation:report")


def test_archived_community_shows_a_banner_and_no_join_buttons(login, public, owner, user):
    services.community_set_archived(actor=owner, community=public, archived=True)

    page = login(user).get(url("detail", public)).content.decode()

    assert "This community is archived: read-only." in page
    assert url("join", public) not in page and url("invite", public) not in page


def test_admins_see_the_pending_requests_count(login, private, owner, user):
    services.community_request_join(user=user, community=private, message="Hi")
    page = login(owner).get(url("detail", private)).content.decode()
    assert "1 request to join" in page


# --- membership actions -------------------------------------------------------------------


def test_join_makes_a_member(user_client, user, public):
    response = user_client.post(url("join", public))

    assert response.status_code == 302
    assert membership(public, user).state == MembershipState.ACTIVE
    page = user_client.get(response["Location"]).content.decode()
    assert "Welcome to Runners Club!" in page


def test_join_from_a_directory_card_with_htmx_swaps_the_card_actions(user_client, user, public):
    response = user_client.post(
        url("join", public),
        {"next": "/communities/"},
        HTTP_HX_TARGET=f"actions-{public.pk}",
        **HTMX,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="actions-{public.pk}"' in page and "Member" in page
    assert membership(public, user).is_active


def test_join_an_archived_community_is_refused_with_a_message(user_client, user, owner, public):
    services.community_set_archived(actor=owner, community=public, archived=True)

    response = user_client.post(url("join", public), follow=True)

    assert "This community is archived: it takes no new members." in response.content.decode()
    assert membership(public, user) is None


def test_join_a_private_community_is_refused_with_a_message(user_client, user, private):
    response = user_client.post(url("join", private), follow=True)
    assert "ask to join" in response.content.decode()
    assert membership(private, user) is None


def test_request_with_a_message_waits_for_an_admin(user_client, user, private):
    response = user_client.post(url("request", private), {"message": "I work in HR ops."})

    assert response.status_code == 302
    found = membership(private, user)
    assert (found.state, found.message) == (MembershipState.REQUESTED, "I work in HR ops.")
    page = user_client.get(url("detail", private)).content.decode()
    assert "Request sent, waiting for an admin" in page
    assert "Request to join</button>" not in page


def test_leave_ends_the_membership(login, member, public):
    response = login(member).post(url("leave", public))
    assert response.status_code == 302
    assert membership(public, member) is None


def test_the_last_owner_cannot_leave(login, owner, public):
    response = login(owner).post(url("leave", public), follow=True)
    assert "You are the only owner" in response.content.decode()
    assert membership(public, owner).role == Role.OWNER


def test_leaving_a_secret_community_goes_back_to_the_directory(login, member, secret):
    response = login(member).post(url("leave", secret))
    assert response["Location"] == reverse("communities:directory")


def test_accept_invitation_makes_a_member(login, user, owner, private):
    services.community_invite(actor=owner, community=private, invitee=user)
    response = login(user).post(url("invite-accept", private))
    assert response.status_code == 302
    assert membership(private, user).state == MembershipState.ACTIVE


def test_decline_invitation_removes_it(login, user, owner, private):
    services.community_invite(actor=owner, community=private, invitee=user)
    response = login(user).post(url("invite-decline", private))
    assert response.status_code == 302
    assert membership(private, user) is None


def test_accept_without_an_invitation_is_refused(user_client, user, private):
    response = user_client.post(url("invite-accept", private), follow=True)
    assert "no open invitation" in response.content.decode()
    assert membership(private, user) is None


def test_actions_answer_get_with_405(user_client, public):
    assert user_client.get(url("join", public)).status_code == 405


# --- requests -----------------------------------------------------------------------------


def test_requests_page_lists_messages_for_admins(login, owner, user, private):
    services.community_request_join(user=user, community=private, message="Please let me in")
    page = login(owner).get(url("requests", private)).content.decode()
    assert "Ratna Sari" in page and "Please let me in" in page
    assert url("request-approve", private, username=user.username) in page


def test_approve_lets_the_person_in(login, owner, user, private):
    services.community_request_join(user=user, community=private)
    response = login(owner).post(url("request-approve", private, username=user.username))
    assert response.status_code == 302
    assert membership(private, user).state == MembershipState.ACTIVE


def test_approve_with_htmx_swaps_the_row(login, owner, user, private):
    services.community_request_join(user=user, community=private)
    response = login(owner).post(url("request-approve", private, username=user.username), **HTMX)
    assert response.status_code == 200
    assert "Ratna Sari is now a member." in response.content.decode()


def test_reject_turns_the_request_down(login, owner, user, private):
    services.community_request_join(user=user, community=private)
    response = login(owner).post(url("request-reject", private, username=user.username))
    assert response.status_code == 302
    assert membership(private, user) is None


def test_approving_a_request_twice_explains_itself(login, owner, user, private):
    services.community_request_join(user=user, community=private)
    client = login(owner)
    client.post(url("request-approve", private, username=user.username))
    response = client.post(url("request-approve", private, username=user.username), **HTMX)
    assert response.status_code == 422
    assert "no longer open" in response.content.decode()


def test_members_cannot_approve_requests(login, member, user, private):
    services.community_request_join(user=user, community=private)
    response = login(member).post(url("request-approve", private, username=user.username))
    assert response.status_code == 403
    assert membership(private, user).state == MembershipState.REQUESTED


# --- members: roles and removal -----------------------------------------------------------


def test_admin_changes_a_members_role(login, owner, member, public):
    response = login(owner).post(url("member-role", public, username="member"), {"role": "admin"})
    assert response.status_code == 302
    assert membership(public, member).role == Role.ADMIN


def test_role_change_with_htmx_answers_the_row(login, owner, member, public):
    response = login(owner).post(
        url("member-role", public, username="member"), {"role": "moderator"}, **HTMX
    )
    assert response.status_code == 200
    assert "Mira Member is now: Moderator." in response.content.decode()


def test_role_change_to_owner_is_refused_with_422(login, owner, member, public):
    response = login(owner).post(
        url("member-role", public, username="member"), {"role": "owner"}, **HTMX
    )
    assert response.status_code == 422
    assert membership(public, member).role == Role.MEMBER


def test_members_cannot_change_roles(login, member, owner, public):
    response = login(member).post(url("member-role", public, username="owner"), {"role": "member"})
    assert response.status_code == 403


def test_admin_removes_a_member(login, owner, member, public):
    response = login(owner).post(url("member-remove", public, username="member"))
    assert response.status_code == 302
    assert membership(public, member) is None


def test_moderator_sees_remove_only_below_them_and_cannot_remove_an_admin(
    login, owner, member, public
):
    moderator = UserFactory(username="mod", display_name="Mo Derator")
    admin = UserFactory(username="adm", display_name="Ada Admin")
    for person, role in ((moderator, Role.MODERATOR), (admin, Role.ADMIN)):
        services.community_join(user=person, community=public)
        services.community_member_set_role(
            actor=owner, membership=membership(public, person), role=role
        )
    client = login(moderator)

    page = client.get(url("members", public)).content.decode()
    assert url("member-remove", public, username="member") in page
    assert url("member-remove", public, username="adm") not in page
    assert url("member-role", public, username="member") not in page

    assert client.post(url("member-remove", public, username="adm")).status_code == 403
    assert client.post(url("member-remove", public, username="member")).status_code == 302
    assert membership(public, admin) is not None and membership(public, member) is None


def test_members_page_lists_owners_and_admins_first(login, owner, member, public):
    late = UserFactory(username="aaron", display_name="Aaron Early")
    services.community_join(user=late, community=public)
    services.community_member_set_role(actor=owner, membership=membership(public, member),
                                       role=Role.ADMIN)  # fmt: skip

    response = login(member).get(url("members", public))

    order = [m.user.username for m in response.context["page"].object_list]
    assert order == ["owner", "member", "aaron"]


# --- invite -------------------------------------------------------------------------------


def test_invite_a_person(login, member, user, public):
    response = login(member).post(url("invite", public), {"what": "person", "username": "ratna"})
    assert response.status_code == 302
    assert membership(public, user).state == MembershipState.INVITED


def test_invite_someone_already_a_member_shows_the_services_error(login, owner, member, public):
    response = login(owner).post(url("invite", public), {"what": "person", "username": "member"})
    assert response.status_code == 200
    assert "Mira Member is already a member." in response.content.decode()


def test_invite_someone_already_invited_shows_the_services_error(login, owner, user, public):
    services.community_invite(actor=owner, community=public, invitee=user)
    response = login(owner).post(url("invite", public), {"what": "person", "username": "ratna"})
    assert "Ratna Sari is already invited." in response.content.decode()


def test_invite_an_unknown_username_keeps_the_text(login, owner, public):
    response = login(owner).post(url("invite", public), {"what": "person", "username": "nobody"})
    page = response.content.decode()
    assert "Pick an active colleague" in page and 'value="nobody"' in page


def test_invite_a_whole_department(login, owner, public):
    sales = DepartmentFactory(name="Sales")
    people = UserFactory.create_batch(3, department=sales)

    response = login(owner).post(url("invite", public), {"what": "department",
                                                         "department": sales.slug})  # fmt: skip

    assert response.status_code == 302
    assert all(membership(public, p).state == MembershipState.INVITED for p in people)
    page = login(owner).get(response["Location"]).content.decode()
    assert "3 people from Sales are invited." in page


def test_members_of_a_secret_community_who_are_not_admins_cannot_invite(login, member, secret):
    response = login(member).get(url("invite", secret))
    assert response.status_code == 403
    assert "Only the community&#x27;s admins can invite" in response.content.decode()


def test_invite_suggestions_leave_out_people_already_in(login, owner, member, public):
    UserFactory(username="mirabel", display_name="Mirabel Outside")
    response = login(owner).get(url("suggest", public), {"who": "outsiders", "username": "mira"})
    page = response.content.decode()
    assert "mirabel" in page and 'value="member"' not in page


# --- settings: edit, archive, transfer ----------------------------------------------------


def test_settings_saves_the_changes(login, owner, public):
    response = login(owner).post(
        url("settings", public),
        {"name": "Runners United", "description": "New words", "type": "private",
         "posting_policy": "admins", "avatar": png_upload()},
    )  # fmt: skip
    assert response.status_code == 302
    public.refresh_from_db()
    assert (public.name, public.type, public.posting_policy) == (
        "Runners United", "private", "admins")  # fmt: skip
    assert public.avatar and public.slug == "runners-club"


def test_settings_refuses_a_bad_cover_and_keeps_the_text(login, owner, public):
    response = login(owner).post(
        url("settings", public),
        {"name": "Runners United", "description": "Kept words", "type": "public",
         "posting_policy": "members",
         "cover": SimpleUploadedFile("x.gif", b"GIF89a nope", content_type="image/gif")},
    )  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "Upload a valid image" in page and "Kept words" in page
    public.refresh_from_db()
    assert public.name == "Runners Club"


def test_archive_and_unarchive(login, owner, public):
    client = login(owner)
    client.post(url("archive", public), {"archived": "1"})
    public.refresh_from_db()
    assert public.is_archived
    client.post(url("archive", public), {"archived": "0"})
    public.refresh_from_db()
    assert not public.is_archived


def test_members_cannot_archive(login, member, public):
    assert login(member).post(url("archive", public)).status_code == 403


def test_transfer_hands_the_community_over(login, owner, member, public):
    response = login(owner).post(url("transfer", public), {"new_owner": "member"})
    assert response.status_code == 302
    assert membership(public, member).role == Role.OWNER
    assert membership(public, owner).role == Role.ADMIN


def test_transfer_to_a_non_member_is_refused_with_a_message(login, owner, user, public):
    response = login(owner).post(url("transfer", public), {"new_owner": "ratna"}, follow=True)
    assert "Pick a member of the community" in response.content.decode()
    assert membership(public, owner).role == Role.OWNER


def test_only_owners_see_and_use_the_transfer_form(login, owner, member, public):
    services.community_member_set_role(actor=owner, membership=membership(public, member),
                                       role=Role.ADMIN)  # fmt: skip
    client = login(member)
    assert url("transfer", public) not in client.get(url("settings", public)).content.decode()
    assert client.post(url("transfer", public), {"new_owner": "member"}).status_code == 403


# --- query counts -------------------------------------------------------------------------


@pytest.mark.parametrize("n", [10, 100])
def test_directory_query_count_does_not_grow_with_communities(
    login, user, owner, n, django_assert_max_num_queries
):
    kinds = ["public", "private", "secret"]
    for index in range(n):
        found = community(owner, f"Community {index:03d}", type=kinds[index % 3],
                          department=user.department if index % 5 == 0 else None)  # fmt: skip
        if index % 4 == 0:
            services.community_invite(actor=owner, community=found, invitee=user)
    client = login(user)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("communities:directory"))
    assert response.status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(reverse("communities:directory"), {"scope": "suggested"})
    assert response.status_code == 200


@pytest.mark.parametrize("n", [10, 100])
def test_members_page_query_count_does_not_grow_with_members(
    login, owner, public, n, django_assert_max_num_queries
):
    for index in range(n):
        person = UserFactory(username=f"runner{index:03d}", department=DepartmentFactory())
        services.community_join(user=person, community=public)
        if index % 10 == 0:
            services.community_member_set_role(
                actor=owner, membership=membership(public, person), role=Role.MODERATOR
            )
    client = login(owner)

    with django_assert_max_num_queries(10):
        response = client.get(url("members", public))
    assert response.status_code == 200


# --- the profile's "member of" ------------------------------------------------------------


def test_profile_lists_only_communities_whose_members_the_viewer_may_see(
    login, member, user, public, private, secret
):
    page = login(user).get(member.get_absolute_url()).content.decode()
    assert "Member of" in page
    assert "Runners Club" in page
    assert "HR Insiders" not in page and "Leadership Circle" not in page

    page = login(member).get(member.get_absolute_url()).content.decode()
    assert "HR Insiders" in page and "Leadership Circle" in page


def test_suggestions_are_for_those_who_may_invite_or_hand_over(login, member, user, public):
    address = url("suggest", public)
    assert login(user).get(address, {"who": "outsiders", "q": "ol"}).status_code == 403
    assert login(member).get(address, {"who": "members", "q": "ol"}).status_code == 403


def test_members_pages_load_in_place_with_htmx(login, owner, public):
    for index in range(35):
        services.community_join(user=UserFactory(username=f"walker{index:02d}"), community=public)

    response = login(owner).get(url("members", public), {"page": 2}, **HTMX)

    page = response.content.decode()
    assert page.lstrip().startswith('<section id="member-list"')
    assert "37 members" in page


# --- review: no oracle for who is in a community ------------------------------------------


@pytest.mark.parametrize("new_owner", ["member", "nobody-by-that-name"])
def test_transfer_by_an_outsider_answers_403_whoever_is_named(login, private, user, new_owner):
    response = login(user).post(url("transfer", private), {"new_owner": new_owner})

    assert response.status_code == 403
    assert membership(private, user) is None


@pytest.mark.parametrize("new_owner", ["member", "nobody-by-that-name"])
def test_transfer_by_someone_invited_to_a_secret_community_answers_403_whoever_is_named(
    login, secret, owner, user, new_owner
):
    services.community_invite(actor=owner, community=secret, invitee=user)

    response = login(user).post(url("transfer", secret), {"new_owner": new_owner})

    assert response.status_code == 403


def test_removing_someone_who_only_asked_to_join_is_refused_like_in_the_api(login, owner, user):
    found = community(owner, "Finance", type="private")
    services.community_request_join(user=user, community=found)

    response = login(owner).post(url("member-remove", found, username=user.username), follow=True)

    assert "not a member" in response.content.decode()
    assert membership(found, user).state == MembershipState.REQUESTED
