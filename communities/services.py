"""Every write a person can cause to communities and memberships.

Callers pass communities they already fetched through ``selectors.community_get_for``, so a
secret community a person may not see never reaches here; the checks below still refuse
with 404 where existence must stay secret. Each change publishes a domain event.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from communities import permissions
from communities.models import (
    Community,
    CommunityType,
    Membership,
    MembershipState,
    Role,
)
from core import events
from core.images import resized_fit, validate_image
from moderation.models import ActionType
from moderation.services import audit_record
from profiles.models import Department, User
from search import indexing

COMMUNITY_FIELDS = ("name", "description", "type", "department", "posting_policy")
IMAGE_SIZES = {"avatar": (256, 256), "cover": (1200, 300)}


def _publish(name: str, *, actor, community: Community, obj=None, **payload) -> None:
    events.publish(
        name, actor=actor, obj=obj or community, community_id=community.pk, payload=payload
    )


def _free_slug(base: str) -> str:
    base = base[:110] or "community"
    candidate, number = base, 1
    while Community.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _store_image(community: Community, field: str, upload) -> None:
    try:
        validate_image(upload, max_bytes=settings.AVATAR_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    stored = resized_fit(upload, size=IMAGE_SIZES[field], name_prefix=f"community-{field}")
    old = getattr(community, field)
    old_name, storage = (old.name, old.storage) if old else ("", None)
    setattr(community, field, stored)
    if old_name:
        transaction.on_commit(lambda: storage.delete(old_name))


@transaction.atomic
@indexing.coalesced()
def community_create(
    *,
    creator: User,
    name: str,
    slug: str = "",
    description: str = "",
    type: str = CommunityType.PUBLIC,
    department: Department | None = None,
    posting_policy: str = "members",
    avatar=None,
    cover=None,
) -> Community:
    """Create a community; its creator becomes its owner."""
    slug = slugify(slug or name)
    if not slug:
        raise ValidationError({"name": _("Give the community a name with letters or digits.")})
    if Community.objects.filter(slug=slug).exists():
        raise ValidationError(
            {"slug": _("The address “%(slug)s” is taken. “%(free)s” is free.")
             % {"slug": slug, "free": _free_slug(slug)}}
        )  # fmt: skip
    community = Community(
        name=name.strip(),
        slug=slug,
        description=description.strip(),
        type=type,
        department=department,
        posting_policy=posting_policy,
        created_by=creator,
    )
    community.full_clean(exclude=["avatar", "cover"])
    for field, upload in (("avatar", avatar), ("cover", cover)):
        if upload is not None:
            _store_image(community, field, upload)
    try:
        with transaction.atomic():
            community.save()
    except IntegrityError:  # Taken between the check and the insert.
        raise ValidationError(
            {"slug": _("The address “%(slug)s” is taken. “%(free)s” is free.")
             % {"slug": slug, "free": _free_slug(slug)}}
        ) from None  # fmt: skip
    Membership.objects.create(community=community, user=creator, role=Role.OWNER)
    permissions.forget_memberships(creator)
    _publish("community.created", actor=creator, community=community, type=community.type)
    return community


@transaction.atomic
@indexing.coalesced()
def community_update(
    *, actor: User, community: Community, avatar=None, cover=None, remove_avatar=False,
    remove_cover=False, **fields,
) -> Community:  # fmt: skip
    """Change a community's settings (its admins only)."""
    permissions.check_manage(actor, community)
    unknown = set(fields) - set(COMMUNITY_FIELDS)
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(community, name, value)
    community.full_clean(exclude=["avatar", "cover"])
    for field, upload, remove in (
        ("avatar", avatar, remove_avatar),
        ("cover", cover, remove_cover),
    ):
        if upload is not None:
            _store_image(community, field, upload)
        elif remove and getattr(community, field):
            old = getattr(community, field)
            name, storage = old.name, old.storage
            setattr(community, field, "")
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
    community.save()
    _publish("community.updated", actor=actor, community=community, fields=sorted(fields))
    return community


@transaction.atomic
def community_set_archived(*, actor: User, community: Community, archived: bool) -> Community:
    """Archive a community (read-only, takes no new members) or bring it back."""
    permissions.check_manage(actor, community)
    if community.is_archived != archived:
        community.is_archived = archived
        community.save(update_fields=["is_archived", "updated_at"])
        name = "community.archived" if archived else "community.unarchived"
        _publish(name, actor=actor, community=community)
    return community


def _refuse_archived(community: Community) -> None:
    if community.is_archived:
        raise ValidationError(_("This community is archived: it takes no new members."))


def _refuse_secret(user: User, community: Community) -> None:
    """Nobody joins a secret community uninvited; to those who cannot see it, it is not there."""
    if permissions.can_view_community(user, community):  # Site moderators, superusers.
        raise ValidationError(_("This community is secret: only people invited can join."))
    raise Http404("No such community.")


def _lock(community: Community, user: User) -> Membership | None:
    """The membership row, locked for the rest of the transaction (or None)."""
    return Membership.objects.select_for_update().filter(community=community, user=user).first()


def _activate(membership: Membership) -> Membership:
    membership.state = MembershipState.ACTIVE
    membership.save(update_fields=["state", "updated_at"])
    permissions.forget_memberships(membership.user)
    return membership


@transaction.atomic
def community_join(*, user: User, community: Community) -> Membership:
    """Join a public community, or accept an invitation; joining twice changes nothing."""
    membership = _lock(community, user)
    if membership and membership.state == MembershipState.ACTIVE:
        return membership
    invited = membership is not None and membership.state == MembershipState.INVITED
    if community.type == CommunityType.SECRET and not invited:
        _refuse_secret(user, community)  # Before any other refusal: it may not exist for them.
    _refuse_archived(community)
    if invited:
        _activate(membership)
        permissions.forget_memberships(user)
        _publish("community.invite_accepted", actor=user, community=community)
        return membership
    if community.type == CommunityType.PRIVATE:
        raise ValidationError(_("This community is private: ask to join and an admin will decide."))
    if membership is not None:  # A request left over from when the community was private.
        _activate(membership)
        permissions.forget_memberships(user)
        _publish("community.joined", actor=user, community=community)
        return membership
    try:
        with transaction.atomic():
            membership = Membership.objects.create(community=community, user=user)
    except IntegrityError:  # A second click won the race.
        return Membership.objects.get(community=community, user=user)
    permissions.forget_memberships(user)
    _publish("community.joined", actor=user, community=community)
    return membership


@transaction.atomic
def community_request_join(*, user: User, community: Community, message: str = "") -> Membership:
    """Ask to join a private community (a public one is simply joined)."""
    membership = _lock(community, user)
    if membership and membership.state in (MembershipState.ACTIVE, MembershipState.REQUESTED):
        return membership
    if community.type == CommunityType.PUBLIC or (
        membership and membership.state == MembershipState.INVITED
    ):
        return community_join(user=user, community=community)
    if community.type == CommunityType.SECRET:
        _refuse_secret(user, community)
    _refuse_archived(community)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                community=community,
                user=user,
                state=MembershipState.REQUESTED,
                message=message.strip()[:500],
            )
    except IntegrityError:  # A second click won the race.
        return Membership.objects.get(community=community, user=user)
    permissions.forget_memberships(user)
    _publish("community.join_requested", actor=user, community=community, obj=membership)
    return membership


def _pending(membership: Membership, state: str) -> Membership:
    locked = Membership.objects.select_for_update().filter(pk=membership.pk).first()
    if locked is None or locked.state != state:
        raise ValidationError(_("This request or invitation is no longer open."))
    return locked


@transaction.atomic
def community_request_approve(*, actor: User, membership: Membership) -> Membership:
    """Let a person in who asked to join (the community's admins only)."""
    if actor.pk == membership.user_id:
        raise PermissionDenied(_("You cannot approve your own request."))
    permissions.check_manage(actor, membership.community)
    membership = _pending(membership, MembershipState.REQUESTED)
    _refuse_archived(membership.community)
    _activate(membership)
    _publish(
        "community.join_approved", actor=actor, community=membership.community, obj=membership,
        member_id=membership.user_id,
    )  # fmt: skip
    return membership


@transaction.atomic
def community_request_reject(*, actor: User, membership: Membership) -> None:
    """Turn down a request to join (the community's admins only)."""
    permissions.check_manage(actor, membership.community)
    membership = _pending(membership, MembershipState.REQUESTED)
    membership.delete()
    permissions.forget_memberships(membership.user)
    _publish(
        "community.join_rejected", actor=actor, community=membership.community,
        member_id=membership.user_id,
    )  # fmt: skip


def _already_in(invitee: User, membership: Membership) -> ValidationError:
    messages = {
        MembershipState.ACTIVE: _("%(name)s is already a member."),
        MembershipState.INVITED: _("%(name)s is already invited."),
        MembershipState.REQUESTED: _("%(name)s has already asked to join; an admin decides."),
    }
    return ValidationError(messages[membership.state] % {"name": invitee.name})


def _invite_one(actor: User, community: Community, invitee: User) -> Membership | None:
    if not invitee.is_active:
        raise ValidationError(_("%(name)s is no longer active.") % {"name": invitee.name})
    existing = _lock(community, invitee)
    if existing is not None:
        if existing.state == MembershipState.REQUESTED and permissions.can_manage(actor, community):
            return community_request_approve(actor=actor, membership=existing)
        raise _already_in(invitee, existing)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                community=community, user=invitee, state=MembershipState.INVITED,
                invited_by=actor,
            )  # fmt: skip
    except IntegrityError:  # A second click (or another member) got there first.
        raise _already_in(
            invitee, Membership.objects.get(community=community, user=invitee)
        ) from None
    permissions.forget_memberships(invitee)
    _publish(
        "community.invited", actor=actor, community=community, obj=membership,
        member_id=invitee.pk,
    )  # fmt: skip
    return membership


@transaction.atomic
def community_invite(*, actor: User, community: Community, invitee: User) -> Membership:
    """Invite a colleague (members may; into a secret community, only its admins)."""
    permissions.check_invite(actor, community)
    if invitee.pk == actor.pk:
        raise ValidationError(_("You cannot invite yourself."))
    return _invite_one(actor, community, invitee)


@transaction.atomic
def community_invite_department(
    *, actor: User, community: Community, department: Department
) -> list[Membership]:
    """Invite every active person of a department who is not in the community yet."""
    permissions.check_invite(actor, community)
    already = Membership.objects.filter(community=community).values("user_id")
    people = User.objects.active().filter(department=department).exclude(pk__in=already)
    return [_invite_one(actor, community, person) for person in people.exclude(pk=actor.pk)]


@transaction.atomic
def community_invite_decline(*, user: User, community: Community) -> None:
    """Say no to an invitation."""
    membership = _lock(community, user)
    if membership is None or membership.state != MembershipState.INVITED:
        raise ValidationError(_("You have no open invitation to this community."))
    membership.delete()
    permissions.forget_memberships(user)
    _publish("community.invite_declined", actor=user, community=community)


def _other_owners(community: Community, user: User) -> bool:
    return (
        Membership.objects.filter(
            community=community, role=Role.OWNER, state=MembershipState.ACTIVE
        )
        .exclude(user=user)
        .exists()
    )


@transaction.atomic
def community_leave(*, user: User, community: Community) -> None:
    """Leave a community, withdraw a request or decline an invitation.

    The last owner cannot leave before handing the community over."""
    membership = _lock(community, user)
    if membership is None:
        return
    if membership.role == Role.OWNER and membership.is_active:
        if not _other_owners(community, user):
            raise ValidationError(
                _("You are the only owner: hand the community over to someone before you leave.")
            )
    membership.delete()
    permissions.forget_memberships(user)
    if membership.state == MembershipState.INVITED:  # The API's way to decline (one event).
        _publish("community.invite_declined", actor=user, community=community)
    else:
        _publish("community.left", actor=user, community=community, state=membership.state)


@transaction.atomic
def community_member_remove(*, actor: User, membership: Membership, reason: str = "") -> None:
    """Remove someone from a community (its moderators and up; never someone above you)."""
    community = membership.community
    permissions.check_moderate(actor, community)
    if membership.user_id == actor.pk:
        raise ValidationError(_("To leave the community yourself, use Leave."))
    user = membership.user
    membership = Membership.objects.select_for_update().filter(pk=membership.pk).first()
    if membership is None or not membership.is_active:  # Never was, or left meanwhile.
        raise ValidationError(_("%(name)s is not a member.") % {"name": user.name})
    if not permissions.outranks(actor, community, membership):
        raise PermissionDenied(
            _("You cannot remove someone whose role is equal to or above yours.")
        )
    if membership.role == Role.OWNER:
        if not _other_owners(community, membership.user):
            raise ValidationError(
                _("This is the community's only owner: hand it over to someone first.")
            )
    membership.delete()
    permissions.forget_memberships(membership.user)
    audit_record(
        actor=actor, action=ActionType.REMOVE_MEMBER, community=community,
        target_user=membership.user, reason=reason,
    )  # fmt: skip
    _publish(
        "community.member_removed", actor=actor, community=community,
        member_id=membership.user_id, reason=reason[:500],
    )  # fmt: skip


@transaction.atomic
def community_member_set_role(*, actor: User, membership: Membership, role: str) -> Membership:
    """Make a member an admin, moderator or plain member (the community's admins only)."""
    community = membership.community
    permissions.check_manage(actor, community)
    if role not in Role.values or role == Role.OWNER:
        raise ValidationError(
            {"role": _("Choose admin, moderator or member; ownership is handed over separately.")}
        )
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.is_active:
        raise ValidationError(_("Only members have roles."))
    if membership.role == Role.OWNER:
        if not (actor.is_superuser or permissions.has_community_role(actor, community, Role.OWNER)):
            raise PermissionDenied(_("Only an owner can change another owner's role."))
        if not _other_owners(community, membership.user):
            raise ValidationError(_("The community needs an owner: hand it over first."))
    old_role, membership.role = membership.role, role
    membership.save(update_fields=["role", "updated_at"])
    permissions.forget_memberships(membership.user)
    _publish(
        "community.role_changed", actor=actor, community=community, obj=membership,
        member_id=membership.user_id, old_role=old_role, role=role,
    )  # fmt: skip
    return membership


@transaction.atomic
def community_transfer_ownership(*, actor: User, community: Community, new_owner: User) -> None:
    """Hand the community over: the new owner takes over, the old one stays as an admin."""
    permissions.check_transfer(actor, community)
    target = _lock(community, new_owner)
    if target is None or not target.is_active:
        raise ValidationError(
            {
                "new_owner": _("%(name)s is not a member of this community.")
                % {"name": new_owner.name}
            }
        )
    if target.role != Role.OWNER:
        target.role = Role.OWNER
        target.save(update_fields=["role", "updated_at"])
    mine = _lock(community, actor)
    if mine is not None and mine.role == Role.OWNER and mine.pk != target.pk:
        mine.role = Role.ADMIN
        mine.save(update_fields=["role", "updated_at"])
    permissions.forget_memberships(actor)
    permissions.forget_memberships(new_owner)
    _publish(
        "community.ownership_transferred", actor=actor, community=community,
        member_id=new_owner.pk,
    )  # fmt: skip
