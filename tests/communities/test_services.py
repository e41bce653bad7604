import io
from contextlib import contextmanager

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from PIL import Image

from analytics.models import Event
from communities import services
from communities.models import Community, CommunityType, Membership, MembershipState, Role
from tests.communities.conftest import site_moderator
from tests.factories import DepartmentFactory, UserFactory


def _database():
    memberships = Membership.objects.values_list(
        "community_id", "user_id", "state", "role", "message", "invited_by_id"
    )
    communities = Community.objects.values_list(
        "pk", "name", "slug", "description", "type", "department_id", "posting_policy",
        "is_archived", "avatar", "cover",
    )  # fmt: skip
    return sorted(memberships), sorted(communities)


@contextmanager
def refused(exception, match=None):
    """The call inside raises ``exception`` and leaves no half-written row behind."""
    before = _database()
    with pytest.raises(exception, match=match) as info:
        yield info
    assert _database() == before


def _membership(community, person):
    return Membership.objects.filter(community=community, user=person).first()


def _join(person, community):
    return services.community_join(user=person, community=community)


def _member(community, role=Role.MEMBER, *, username=None):
    """A new person, let into ``community`` (of any type) and given ``role``."""
    person = UserFactory(username=username) if username else UserFactory()
    owner = community.created_by
    services.community_invite(actor=owner, community=community, invitee=person)
    membership = _join(person, community)
    if role != Role.MEMBER:
        services.community_member_set_role(actor=owner, membership=membership, role=role)
    return person


def _image(size=(300, 300), image_format="PNG", name="avatar.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _verbs(community):
    return list(
        Event.objects.filter(community_id=community.pk)
        .order_by("id")
        .values_list("verb", flat=True)
    )


# Create, update, archive


def test_community_create_makes_the_creator_its_owner(db, user):
    community = services.community_create(creator=user, name="Runners", description=" Run. ")

    membership = _membership(community, user)
    assert (membership.role, membership.state) == (Role.OWNER, MembershipState.ACTIVE)
    assert community.created_by == user
    assert community.description == "Run."
    assert Membership.objects.filter(community=community).count() == 1


def test_community_create_takes_the_slug_from_the_name(db, user):
    community = services.community_create(creator=user, name="Kuliner & Food Lovers")

    assert community.slug == "kuliner-food-lovers"


def test_community_create_records_a_created_event(db, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        community = services.community_create(creator=user, name="Runners", type="private")

    event = Event.objects.get(verb="community.created")
    assert (event.community_id, event.actor_id, event.payload) == (
        community.pk,
        user.pk,
        {"type": "private"},
    )


def test_a_duplicate_slug_is_refused_on_slug_suggesting_a_free_one(db, user, make_community):
    make_community(name="Runners")
    make_community(name="Runners club", slug="runners-2")

    with refused(ValidationError) as info:
        services.community_create(creator=user, name="Runners")

    assert list(info.value.message_dict) == ["slug"]
    assert "runners-3" in info.value.message_dict["slug"][0]


def test_a_name_without_letters_or_digits_is_refused(db, user):
    with refused(ValidationError) as info:
        services.community_create(creator=user, name="!!!")

    assert "name" in info.value.message_dict


def test_an_unknown_type_is_refused(db, user):
    with refused(ValidationError) as info:
        services.community_create(creator=user, name="Runners", type="hidden")

    assert "type" in info.value.message_dict


@pytest.mark.parametrize("field", ["avatar", "cover"])
def test_a_file_that_is_not_an_image_is_refused_on_its_field(db, user, field):
    upload = SimpleUploadedFile("notes.png", b"not an image at all", content_type="image/png")

    with refused(ValidationError) as info:
        services.community_create(creator=user, name="Runners", **{field: upload})

    assert list(info.value.message_dict) == [field]
    assert "valid image" in info.value.message_dict[field][0]


def test_a_six_megabyte_avatar_is_refused_and_no_row_is_written(db, user):
    upload = SimpleUploadedFile("big.png", b"\0" * (6 * 1024 * 1024), content_type="image/png")

    with refused(ValidationError) as info:
        services.community_create(creator=user, name="Runners", avatar=upload)

    assert list(info.value.message_dict) == ["avatar"]
    assert "limit" in info.value.message_dict["avatar"][0]
    assert not Community.objects.exists()


def test_an_avatar_and_a_cover_are_stored_resized(db, user):
    community = services.community_create(
        creator=user, name="Runners", avatar=_image(), cover=_image((1600, 900))
    )

    community.refresh_from_db()
    with Image.open(community.avatar.path) as avatar, Image.open(community.cover.path) as cover:
        assert (avatar.size, cover.size) == ((256, 256), (1200, 300))


def test_an_admin_updates_the_settings(db, make_community, django_capture_on_commit_callbacks):
    community = make_community(name="Runners")
    admin = _member(community, Role.ADMIN)

    with django_capture_on_commit_callbacks(execute=True):
        services.community_update(
            actor=admin, community=community, description="We run.", type="private"
        )

    community.refresh_from_db()
    assert (community.description, community.type) == ("We run.", "private")
    assert Event.objects.get(verb="community.updated").payload == {
        "fields": ["description", "type"]
    }


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_an_update_by_someone_below_admin_is_refused(db, make_community, role):
    community = make_community(name="Runners")
    person = _member(community, role)

    with refused(PermissionDenied, match="admins"):
        services.community_update(actor=person, community=community, description="Hijacked")


def test_an_update_of_a_field_that_is_not_a_setting_is_refused(db, make_community):
    community = make_community()

    with refused(TypeError):
        services.community_update(actor=community.created_by, community=community, slug="new")


def test_an_admin_replaces_and_removes_the_avatar(db, make_community):
    community = make_community(avatar=_image())
    owner = community.created_by

    services.community_update(actor=owner, community=community, avatar=_image((400, 400)))
    assert community.avatar.name.startswith("communities/community-avatar-")
    services.community_update(actor=owner, community=community, remove_avatar=True)

    community.refresh_from_db()
    assert not community.avatar


def test_an_admin_archives_and_unarchives(db, make_community, django_capture_on_commit_callbacks):
    community = make_community()
    admin = _member(community, Role.ADMIN)

    with django_capture_on_commit_callbacks(execute=True):
        services.community_set_archived(actor=admin, community=community, archived=True)
        services.community_set_archived(actor=admin, community=community, archived=True)
        services.community_set_archived(actor=admin, community=community, archived=False)

    community.refresh_from_db()
    assert not community.is_archived
    assert _verbs(community)[-2:] == ["community.archived", "community.unarchived"]


def test_a_moderator_cannot_archive(db, make_community):
    community = make_community()
    moderator = _member(community, Role.MODERATOR)

    with refused(PermissionDenied):
        services.community_set_archived(actor=moderator, community=community, archived=True)


# Join


def test_joining_a_public_community_records_an_event(
    db, user, make_community, django_capture_on_commit_callbacks
):
    community = make_community()

    with django_capture_on_commit_callbacks(execute=True):
        membership = _join(user, community)

    assert (membership.state, membership.role) == (MembershipState.ACTIVE, Role.MEMBER)
    event = Event.objects.get(verb="community.joined")
    assert (event.community_id, event.actor_id) == (community.pk, user.pk)


def test_joining_twice_keeps_one_row_and_one_event(
    db, user, make_community, django_capture_on_commit_callbacks
):
    community = make_community()

    with django_capture_on_commit_callbacks(execute=True):
        first = _join(user, community)
        second = _join(user, community)

    assert first.pk == second.pk
    assert Membership.objects.filter(community=community, user=user).count() == 1
    assert Event.objects.filter(verb="community.joined").count() == 1


def test_joining_a_private_community_is_refused_with_a_message(db, user, make_community):
    community = make_community(type=CommunityType.PRIVATE)

    with refused(ValidationError, match="private: ask to join"):
        _join(user, community)


def test_joining_a_secret_community_without_an_invitation_is_not_found(db, user, make_community):
    community = make_community(type=CommunityType.SECRET)

    with refused(Http404):
        _join(user, community)


@pytest.mark.parametrize("who", ["site_moderator", "superuser"])
def test_those_who_see_a_secret_community_still_need_an_invitation(db, make_community, who):
    community = make_community(type=CommunityType.SECRET)
    person = (
        site_moderator("sitemod") if who == "site_moderator" else UserFactory(is_superuser=True)
    )

    with refused(ValidationError, match="only people invited"):
        _join(person, community)
    with refused(ValidationError, match="only people invited"):
        services.community_request_join(user=person, community=community)


def test_joining_an_archived_community_is_refused(db, user, make_community):
    community = make_community(archived=True)

    with refused(ValidationError, match="archived"):
        _join(user, community)


def test_joining_an_archived_secret_community_stays_not_found(db, user, make_community):
    community = make_community(type=CommunityType.SECRET, archived=True)

    with refused(Http404):
        _join(user, community)


def test_a_member_joining_an_archived_community_keeps_the_membership(db, make_community):
    community = make_community()
    person = _member(community)
    services.community_set_archived(actor=community.created_by, community=community, archived=True)

    assert _join(person, community).state == MembershipState.ACTIVE


def test_a_request_left_over_in_a_community_made_public_becomes_a_membership(
    db, user, make_community
):
    community = make_community(type=CommunityType.PRIVATE)
    services.community_request_join(user=user, community=community)
    services.community_update(actor=community.created_by, community=community, type="public")

    membership = _join(user, community)

    assert membership.state == MembershipState.ACTIVE
    assert _membership(community, user).state == MembershipState.ACTIVE


# Requests


def test_requesting_to_join_a_private_community_keeps_the_message(
    db, user, make_community, django_capture_on_commit_callbacks
):
    community = make_community(type=CommunityType.PRIVATE)

    with django_capture_on_commit_callbacks(execute=True):
        membership = services.community_request_join(
            user=user, community=community, message="  I lead the Bandung office.  "
        )

    assert membership.state == MembershipState.REQUESTED
    assert _membership(community, user).message == "I lead the Bandung office."
    assert _verbs(community)[-1] == "community.join_requested"


def test_requesting_twice_keeps_one_request_and_the_first_message(db, user, make_community):
    community = make_community(type=CommunityType.PRIVATE)

    services.community_request_join(user=user, community=community, message="First")
    services.community_request_join(user=user, community=community, message="Second")

    assert Membership.objects.filter(community=community, user=user).count() == 1
    assert _membership(community, user).message == "First"


def test_requesting_a_public_community_joins_it(db, user, make_community):
    community = make_community()

    membership = services.community_request_join(user=user, community=community, message="Hi")

    assert membership.state == MembershipState.ACTIVE


def test_requesting_a_community_you_are_invited_to_accepts_the_invitation(db, user, make_community):
    community = make_community(type=CommunityType.PRIVATE)
    services.community_invite(actor=community.created_by, community=community, invitee=user)

    membership = services.community_request_join(user=user, community=community)

    assert membership.state == MembershipState.ACTIVE


def test_requesting_a_secret_community_is_not_found(db, user, make_community):
    community = make_community(type=CommunityType.SECRET)

    with refused(Http404):
        services.community_request_join(user=user, community=community)


def test_requesting_an_archived_private_community_is_refused(db, user, make_community):
    community = make_community(type=CommunityType.PRIVATE, archived=True)

    with refused(ValidationError, match="archived"):
        services.community_request_join(user=user, community=community)


def test_a_member_requesting_again_stays_a_member(db, make_community):
    community = make_community(type=CommunityType.PRIVATE)
    person = _member(community, Role.MODERATOR)

    membership = services.community_request_join(user=person, community=community)

    assert (membership.state, membership.role) == (MembershipState.ACTIVE, Role.MODERATOR)


# Approve and reject


@pytest.fixture
def private_request(db, user, make_community):
    """A private community and the pending request of ``user`` to join it."""
    community = make_community(type=CommunityType.PRIVATE)
    membership = services.community_request_join(user=user, community=community)
    return community, membership


@pytest.mark.parametrize("role", [Role.ADMIN, Role.OWNER])
def test_an_admin_approves_a_request(
    db, user, private_request, role, django_capture_on_commit_callbacks
):
    community, membership = private_request
    approver = community.created_by if role == Role.OWNER else _member(community, Role.ADMIN)

    with django_capture_on_commit_callbacks(execute=True):
        services.community_request_approve(actor=approver, membership=membership)

    assert _membership(community, user).state == MembershipState.ACTIVE
    event = Event.objects.get(verb="community.join_approved")
    assert (event.actor_id, event.payload["member_id"]) == (approver.pk, user.pk)


def test_a_superuser_approves_a_request(db, user, private_request):
    community, membership = private_request

    services.community_request_approve(actor=UserFactory(is_superuser=True), membership=membership)

    assert _membership(community, user).state == MembershipState.ACTIVE


def test_approving_your_own_request_is_refused_even_for_a_superuser(db, make_community):
    community = make_community(type=CommunityType.PRIVATE)
    boss = UserFactory(is_superuser=True)
    membership = services.community_request_join(user=boss, community=community)

    with refused(PermissionDenied, match="your own request"):
        services.community_request_approve(actor=boss, membership=membership)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_approving_by_someone_below_admin_is_refused(db, private_request, role):
    community, membership = private_request
    person = _member(community, role)

    with refused(PermissionDenied, match="admins"):
        services.community_request_approve(actor=person, membership=membership)


def test_approving_by_a_site_moderator_is_refused(db, private_request):
    community, membership = private_request

    with refused(PermissionDenied):
        services.community_request_approve(actor=site_moderator("sitemod"), membership=membership)


def test_approving_a_request_already_approved_is_refused(db, private_request):
    community, membership = private_request
    services.community_request_approve(actor=community.created_by, membership=membership)

    with refused(ValidationError, match="no longer open"):
        services.community_request_approve(actor=community.created_by, membership=membership)


def test_approving_a_withdrawn_request_is_refused(db, user, private_request):
    community, membership = private_request
    services.community_leave(user=user, community=community)

    with refused(ValidationError, match="no longer open"):
        services.community_request_approve(actor=community.created_by, membership=membership)


def test_approving_an_invitation_is_refused(db, user, make_community):
    community = make_community(type=CommunityType.PRIVATE)
    invitation = services.community_invite(
        actor=community.created_by, community=community, invitee=user
    )

    with refused(ValidationError, match="no longer open"):
        services.community_request_approve(actor=community.created_by, membership=invitation)


def test_an_admin_rejects_a_request(db, user, private_request, django_capture_on_commit_callbacks):
    community, membership = private_request

    with django_capture_on_commit_callbacks(execute=True):
        services.community_request_reject(actor=community.created_by, membership=membership)

    assert _membership(community, user) is None
    assert Event.objects.get(verb="community.join_rejected").payload == {"member_id": user.pk}


def test_rejecting_by_a_member_is_refused(db, private_request):
    community, membership = private_request
    member = _member(community)

    with refused(PermissionDenied):
        services.community_request_reject(actor=member, membership=membership)


def test_rejecting_a_request_already_rejected_is_refused(db, private_request):
    community, membership = private_request
    services.community_request_reject(actor=community.created_by, membership=membership)

    with refused(ValidationError, match="no longer open"):
        services.community_request_reject(actor=community.created_by, membership=membership)


# Invitations


@pytest.mark.parametrize("kind", [CommunityType.PUBLIC, CommunityType.PRIVATE])
def test_a_member_invites_a_colleague(
    db, user, make_community, kind, django_capture_on_commit_callbacks
):
    community = make_community(type=kind)
    inviter = _member(community)

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.community_invite(actor=inviter, community=community, invitee=user)

    assert (invitation.state, invitation.invited_by) == (MembershipState.INVITED, inviter)
    event = Event.objects.get(verb="community.invited")
    assert (event.actor_id, event.payload, event.community_id) == (
        inviter.pk,
        {"member_id": user.pk},
        community.pk,
    )


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_inviting_into_a_secret_community_below_admin_is_refused(db, user, make_community, role):
    community = make_community(type=CommunityType.SECRET)
    person = _member(community, role)

    with refused(PermissionDenied, match="secret"):
        services.community_invite(actor=person, community=community, invitee=user)


def test_an_admin_invites_into_a_secret_community(db, user, make_community):
    community = make_community(type=CommunityType.SECRET)

    invitation = services.community_invite(
        actor=_member(community, Role.ADMIN), community=community, invitee=user
    )

    assert invitation.state == MembershipState.INVITED


def test_an_outsider_cannot_invite_into_a_public_community(db, user, make_community):
    community = make_community()
    outsider = UserFactory()

    with refused(PermissionDenied, match="members"):
        services.community_invite(actor=outsider, community=community, invitee=user)


def test_inviting_into_an_archived_community_is_refused(db, user, make_community):
    community = make_community(archived=True)

    with refused(PermissionDenied, match="archived"):
        services.community_invite(actor=community.created_by, community=community, invitee=user)


def test_inviting_yourself_is_refused(db, make_community):
    community = make_community()
    member = _member(community)

    with refused(ValidationError, match="yourself"):
        services.community_invite(actor=member, community=community, invitee=member)


def test_inviting_someone_who_left_the_company_is_refused(db, make_community):
    community = make_community()
    gone = UserFactory(is_active=False)

    with refused(ValidationError, match="no longer active"):
        services.community_invite(actor=community.created_by, community=community, invitee=gone)


def test_inviting_a_member_again_is_refused(db, make_community):
    community = make_community()
    member = _member(community)

    with refused(ValidationError, match="already a member"):
        services.community_invite(actor=community.created_by, community=community, invitee=member)


def test_inviting_someone_already_invited_is_refused(db, user, make_community):
    community = make_community()
    services.community_invite(actor=community.created_by, community=community, invitee=user)
    member = _member(community)

    with refused(ValidationError, match="already invited"):
        services.community_invite(actor=member, community=community, invitee=user)


def test_a_member_inviting_someone_who_asked_to_join_is_refused(db, user, private_request):
    community, _ = private_request
    member = _member(community)

    with refused(ValidationError, match="already asked to join"):
        services.community_invite(actor=member, community=community, invitee=user)


def test_an_admin_inviting_someone_who_asked_to_join_approves_them(
    db, user, private_request, django_capture_on_commit_callbacks
):
    community, _ = private_request

    with django_capture_on_commit_callbacks(execute=True):
        services.community_invite(actor=community.created_by, community=community, invitee=user)

    assert _membership(community, user).state == MembershipState.ACTIVE
    assert "community.join_approved" in _verbs(community)


def test_inviting_a_department_invites_only_those_not_yet_in(db, make_community):
    community = make_community(type=CommunityType.PRIVATE)
    sales = DepartmentFactory(name="Sales")
    inviter = _member(community, username="inviter")
    inviter.department = sales
    inviter.save()
    member, invited, asking, new_one, new_two = (UserFactory(department=sales) for _ in range(5))
    UserFactory(department=sales, is_active=False)
    UserFactory()  # Another department.
    services.community_invite(actor=community.created_by, community=community, invitee=member)
    _join(member, community)
    services.community_invite(actor=community.created_by, community=community, invitee=invited)
    services.community_request_join(user=asking, community=community)

    invitations = services.community_invite_department(
        actor=inviter, community=community, department=sales
    )

    assert {m.user for m in invitations} == {new_one, new_two}
    assert all(m.invited_by == inviter for m in invitations)
    assert _membership(community, asking).state == MembershipState.REQUESTED
    assert _membership(community, inviter).state == MembershipState.ACTIVE


def test_a_superuser_inviting_their_own_department_leaves_themselves_out(db, make_community):
    community = make_community(type=CommunityType.SECRET)
    sales = DepartmentFactory(name="Sales")
    boss, colleague = (
        UserFactory(department=sales, is_superuser=True),
        UserFactory(department=sales),
    )

    invitations = services.community_invite_department(
        actor=boss, community=community, department=sales
    )

    assert [m.user for m in invitations] == [colleague]
    assert _membership(community, boss) is None


def test_inviting_a_department_into_a_secret_community_as_a_member_is_refused(db, make_community):
    community = make_community(type=CommunityType.SECRET)
    sales = DepartmentFactory(name="Sales")
    UserFactory(department=sales)
    member = _member(community)

    with refused(PermissionDenied, match="secret"):
        services.community_invite_department(actor=member, community=community, department=sales)


@pytest.mark.parametrize(
    "kind", [CommunityType.PUBLIC, CommunityType.PRIVATE, CommunityType.SECRET]
)
def test_accepting_an_invitation_joins(
    db, user, make_community, kind, django_capture_on_commit_callbacks
):
    community = make_community(type=kind)
    services.community_invite(actor=community.created_by, community=community, invitee=user)

    with django_capture_on_commit_callbacks(execute=True):
        membership = _join(user, community)

    assert (membership.state, membership.invited_by) == (
        MembershipState.ACTIVE,
        community.created_by,
    )
    assert _verbs(community)[-1] == "community.invite_accepted"


def test_accepting_an_invitation_to_an_archived_community_is_refused(db, user, make_community):
    community = make_community(type=CommunityType.SECRET)
    services.community_invite(actor=community.created_by, community=community, invitee=user)
    services.community_set_archived(actor=community.created_by, community=community, archived=True)

    with refused(ValidationError, match="archived"):
        _join(user, community)


def test_declining_an_invitation_removes_it(
    db, user, make_community, django_capture_on_commit_callbacks
):
    community = make_community(type=CommunityType.SECRET)
    services.community_invite(actor=community.created_by, community=community, invitee=user)

    with django_capture_on_commit_callbacks(execute=True):
        services.community_invite_decline(user=user, community=community)

    assert _membership(community, user) is None
    assert not Community.objects.visible_to(user).filter(pk=community.pk).exists()
    assert _verbs(community)[-1] == "community.invite_declined"


@pytest.mark.parametrize("state", [None, MembershipState.ACTIVE, MembershipState.REQUESTED])
def test_declining_without_an_invitation_is_refused(db, user, make_community, state):
    community = make_community(type=CommunityType.PRIVATE)
    if state == MembershipState.ACTIVE:
        services.community_invite(actor=community.created_by, community=community, invitee=user)
        _join(user, community)
    elif state == MembershipState.REQUESTED:
        services.community_request_join(user=user, community=community)

    with refused(ValidationError, match="no open invitation"):
        services.community_invite_decline(user=user, community=community)


# Leave


def test_a_member_leaves(db, user, make_community, django_capture_on_commit_callbacks):
    community = make_community()
    _join(user, community)

    with django_capture_on_commit_callbacks(execute=True):
        services.community_leave(user=user, community=community)

    assert _membership(community, user) is None
    assert Event.objects.get(verb="community.left").payload == {"state": "active"}


@pytest.mark.parametrize("state", [MembershipState.INVITED, MembershipState.REQUESTED])
def test_leaving_withdraws_a_request_or_declines_an_invitation(db, user, make_community, state):
    community = make_community(type=CommunityType.PRIVATE)
    if state == MembershipState.INVITED:
        services.community_invite(actor=community.created_by, community=community, invitee=user)
    else:
        services.community_request_join(user=user, community=community)

    services.community_leave(user=user, community=community)

    assert _membership(community, user) is None


def test_leaving_a_community_you_are_not_in_changes_nothing(db, user, make_community):
    community = make_community()
    before = _database()

    services.community_leave(user=user, community=community)

    assert _database() == before


def test_the_last_owner_cannot_leave(db, make_community):
    community = make_community()
    _member(community, Role.ADMIN)

    with refused(ValidationError, match="only owner"):
        services.community_leave(user=community.created_by, community=community)


def test_an_owner_leaves_once_there_is_a_second_owner(db, make_community):
    community = make_community()
    owner = community.created_by
    second = _member(community)
    services.community_transfer_ownership(
        actor=UserFactory(is_superuser=True), community=community, new_owner=second
    )
    assert _membership(community, owner).role == Role.OWNER

    services.community_leave(user=owner, community=community)

    assert _membership(community, owner) is None
    assert _membership(community, second).role == Role.OWNER


# Remove


def test_a_moderator_removes_a_member(db, make_community, django_capture_on_commit_callbacks):
    community = make_community()
    moderator, member = _member(community, Role.MODERATOR), _member(community)

    with django_capture_on_commit_callbacks(execute=True):
        services.community_member_remove(
            actor=moderator, membership=_membership(community, member), reason="Spam"
        )

    assert _membership(community, member) is None
    event = Event.objects.get(verb="community.member_removed")
    assert (event.actor_id, event.payload) == (
        moderator.pk,
        {"member_id": member.pk, "reason": "Spam"},
    )


@pytest.mark.parametrize("target", [Role.MODERATOR, Role.ADMIN, Role.OWNER])
def test_a_moderator_cannot_remove_someone_at_or_above_them(db, make_community, target):
    community = make_community()
    moderator = _member(community, Role.MODERATOR)
    person = community.created_by if target == Role.OWNER else _member(community, target)

    with refused(PermissionDenied, match="equal to or above"):
        services.community_member_remove(actor=moderator, membership=_membership(community, person))


def test_an_admin_removes_a_moderator_but_not_the_owner(db, make_community):
    community = make_community()
    admin, moderator = _member(community, Role.ADMIN), _member(community, Role.MODERATOR)

    services.community_member_remove(actor=admin, membership=_membership(community, moderator))
    with refused(PermissionDenied):
        services.community_member_remove(
            actor=admin, membership=_membership(community, community.created_by)
        )

    assert _membership(community, moderator) is None


def test_a_moderator_cannot_remove_a_pending_request(db, user, private_request):
    # Requests are turned down by admins (community_request_reject), as in the API.
    community, membership = private_request
    moderator = _member(community, Role.MODERATOR)

    with refused(ValidationError, match="not a member"):
        services.community_member_remove(actor=moderator, membership=membership)


@pytest.mark.parametrize("target", [Role.MEMBER, Role.MODERATOR, Role.ADMIN])
def test_a_site_moderator_removes_anyone_but_an_owner(db, make_community, target):
    community = make_community(type=CommunityType.SECRET)
    person = _member(community, target)
    moderator = site_moderator("sitemod")

    services.community_member_remove(actor=moderator, membership=_membership(community, person))
    with refused(PermissionDenied):
        services.community_member_remove(
            actor=moderator, membership=_membership(community, community.created_by)
        )

    assert _membership(community, person) is None


def test_a_plain_member_cannot_remove_anyone(db, make_community):
    community = make_community()
    member, other = _member(community), _member(community)

    with refused(PermissionDenied, match="moderators"):
        services.community_member_remove(actor=member, membership=_membership(community, other))


def test_removing_yourself_is_refused(db, make_community):
    community = make_community()
    admin = _member(community, Role.ADMIN)

    with refused(ValidationError, match="Leave"):
        services.community_member_remove(actor=admin, membership=_membership(community, admin))


def test_removing_the_last_owner_is_refused_even_for_a_superuser(db, make_community):
    community = make_community()
    owner = community.created_by
    _member(community, Role.ADMIN)
    boss = UserFactory(is_superuser=True)

    with refused(ValidationError, match="owner"):
        services.community_member_remove(actor=boss, membership=_membership(community, owner))


def test_a_superuser_removes_an_owner_who_is_not_the_last(db, make_community):
    community = make_community()
    owner, boss = community.created_by, UserFactory(is_superuser=True)
    second = _member(community)
    services.community_transfer_ownership(actor=boss, community=community, new_owner=second)

    services.community_member_remove(actor=boss, membership=_membership(community, owner))

    assert _membership(community, owner) is None


# Roles


def test_an_admin_makes_a_member_a_moderator(
    db, make_community, django_capture_on_commit_callbacks
):
    community = make_community()
    admin, member = _member(community, Role.ADMIN), _member(community)

    with django_capture_on_commit_callbacks(execute=True):
        services.community_member_set_role(
            actor=admin, membership=_membership(community, member), role=Role.MODERATOR
        )

    assert _membership(community, member).role == Role.MODERATOR
    assert Event.objects.get(verb="community.role_changed").payload == {
        "member_id": member.pk,
        "old_role": "member",
        "role": "moderator",
    }


@pytest.mark.parametrize("role", ["owner", "boss", ""])
def test_setting_the_owner_role_or_an_unknown_one_is_refused(db, make_community, role):
    community = make_community()
    member = _member(community)

    with refused(ValidationError) as info:
        services.community_member_set_role(
            actor=community.created_by, membership=_membership(community, member), role=role
        )

    assert list(info.value.message_dict) == ["role"]


@pytest.mark.parametrize("actor", ["owner", "superuser"])
def test_demoting_the_last_owner_is_refused(db, make_community, actor):
    community = make_community()
    owner = community.created_by
    person = owner if actor == "owner" else UserFactory(is_superuser=True)

    with refused(ValidationError, match="needs an owner"):
        services.community_member_set_role(
            actor=person, membership=_membership(community, owner), role=Role.ADMIN
        )


def test_an_owner_demotes_a_second_owner(db, make_community):
    community = make_community()
    second = _member(community)
    services.community_transfer_ownership(
        actor=UserFactory(is_superuser=True), community=community, new_owner=second
    )

    services.community_member_set_role(
        actor=community.created_by, membership=_membership(community, second), role=Role.ADMIN
    )

    assert _membership(community, second).role == Role.ADMIN


def test_an_admin_cannot_change_an_owners_role(db, make_community):
    community = make_community()
    admin = _member(community, Role.ADMIN)
    services.community_transfer_ownership(
        actor=UserFactory(is_superuser=True), community=community, new_owner=admin
    )
    other_admin = _member(community, Role.ADMIN)

    with refused(PermissionDenied, match="Only an owner"):
        services.community_member_set_role(
            actor=other_admin, membership=_membership(community, admin), role=Role.MEMBER
        )


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_setting_a_role_below_admin_is_refused(db, make_community, role):
    community = make_community()
    person, member = _member(community, role), _member(community)

    with refused(PermissionDenied, match="admins"):
        services.community_member_set_role(
            actor=person, membership=_membership(community, member), role=Role.ADMIN
        )


def test_a_site_moderator_cannot_set_roles(db, make_community):
    community = make_community()
    member = _member(community)

    with refused(PermissionDenied):
        services.community_member_set_role(
            actor=site_moderator("sitemod"),
            membership=_membership(community, member),
            role=Role.ADMIN,
        )


def test_giving_a_role_to_someone_only_invited_is_refused(db, user, make_community):
    community = make_community()
    invitation = services.community_invite(
        actor=community.created_by, community=community, invitee=user
    )

    with refused(ValidationError, match="Only members"):
        services.community_member_set_role(
            actor=community.created_by, membership=invitation, role=Role.ADMIN
        )


# Ownership


def test_the_owner_hands_the_community_over(db, make_community, django_capture_on_commit_callbacks):
    community = make_community()
    owner, member = community.created_by, _member(community)

    with django_capture_on_commit_callbacks(execute=True):
        services.community_transfer_ownership(actor=owner, community=community, new_owner=member)

    assert _membership(community, member).role == Role.OWNER
    assert _membership(community, owner).role == Role.ADMIN
    event = Event.objects.get(verb="community.ownership_transferred")
    assert (event.actor_id, event.payload) == (owner.pk, {"member_id": member.pk})
    services.community_leave(user=owner, community=community)


@pytest.mark.parametrize("state", [None, MembershipState.INVITED, MembershipState.REQUESTED])
def test_handing_over_to_someone_not_a_member_is_refused(db, user, make_community, state):
    community = make_community(type=CommunityType.PRIVATE)
    owner = community.created_by
    if state == MembershipState.INVITED:
        services.community_invite(actor=owner, community=community, invitee=user)
    elif state == MembershipState.REQUESTED:
        services.community_request_join(user=user, community=community)

    with refused(ValidationError) as info:
        services.community_transfer_ownership(actor=owner, community=community, new_owner=user)

    assert "not a member" in info.value.message_dict["new_owner"][0]


def test_handing_over_by_an_admin_is_refused(db, make_community):
    community = make_community()
    admin, member = _member(community, Role.ADMIN), _member(community)

    with refused(PermissionDenied, match="Only an owner"):
        services.community_transfer_ownership(actor=admin, community=community, new_owner=member)


# --- review: refusals found in a code review ----------------------------------------------


def test_approving_a_request_to_an_archived_community_is_refused(db, user, make_community):
    community = make_community(type=CommunityType.PRIVATE)
    services.community_request_join(user=user, community=community)
    owner = community.created_by
    services.community_set_archived(actor=owner, community=community, archived=True)

    with refused(ValidationError, match="archived"):
        services.community_request_approve(actor=owner, membership=_membership(community, user))


@pytest.mark.parametrize("state", ["invited", "requested"])
def test_removing_someone_who_is_not_a_member_is_refused(db, user, make_community, state):
    community = make_community(type=CommunityType.PRIVATE)
    if state == "invited":
        services.community_invite(actor=community.created_by, community=community, invitee=user)
    else:
        services.community_request_join(user=user, community=community)

    with refused(ValidationError, match="not a member"):
        services.community_member_remove(
            actor=community.created_by, membership=_membership(community, user)
        )


def test_a_second_request_that_loses_the_race_returns_the_first(
    db, user, make_community, monkeypatch
):
    community = make_community(type=CommunityType.PRIVATE)
    first = services.community_request_join(user=user, community=community, message="Hi")
    # The double click: the second transaction looked before the first one's row was there.
    monkeypatch.setattr(services, "_lock", lambda community, user: None)

    second = services.community_request_join(user=user, community=community, message="Hi")

    assert second.pk == first.pk and second.state == MembershipState.REQUESTED
    assert Membership.objects.filter(community=community, user=user).count() == 1


def test_a_second_invitation_that_loses_the_race_is_refused_as_already_invited(
    db, user, make_community, monkeypatch
):
    community = make_community(type=CommunityType.PRIVATE)
    owner = community.created_by
    services.community_invite(actor=owner, community=community, invitee=user)
    # The double click: the second transaction looked before the first one's row was there.
    monkeypatch.setattr(services, "_lock", lambda community, user: None)

    with refused(ValidationError, match="already invited"):
        services.community_invite(actor=owner, community=community, invitee=user)


def test_leaving_with_an_open_invitation_records_the_same_event_as_declining_it(
    db, user, make_community, django_capture_on_commit_callbacks
):
    community = make_community(type=CommunityType.PRIVATE)
    services.community_invite(actor=community.created_by, community=community, invitee=user)

    with django_capture_on_commit_callbacks(execute=True):
        services.community_leave(user=user, community=community)

    assert _verbs(community)[-1] == "community.invite_declined"
