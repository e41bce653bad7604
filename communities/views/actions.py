"""The membership actions (POST only). Each calls one service; a refusal comes back as a
message (or a 422 partial for HTMX), a PermissionDenied as 403, a secret community as 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from communities import permissions, selectors, services
from communities.forms import JoinRequestForm, RoleForm, TransferForm
from communities.models import MembershipState
from communities.views.shared import refusal, viewer_state, with_member_controls
from core.shortcuts import safe_next


def _done(request, community, *, success: str = "", error: str = ""):
    """After a membership action: the refreshed card actions for HTMX, or back to the page."""
    if request.htmx and request.htmx.target == f"actions-{community.pk}":
        permissions.forget_memberships(request.user)
        community.viewer = viewer_state(request.user, community)
        return render(
            request,
            "communities/_card_actions.html",
            {"community": community, "action_error": error, "action_success": success},
            status=422 if error else 200,
        )
    if error:
        messages.error(request, error)
    elif success:
        messages.success(request, success)
    target = safe_next(request, community.get_absolute_url())
    if request.htmx:
        return HttpResponseClientRedirect(target)
    return redirect(target)


@require_POST
def join(request, slug: str):
    community = selectors.community_get_for(request.user, slug=slug)
    try:
        services.community_join(user=request.user, community=community)
    except ValidationError as error:
        return _done(request, community, error=refusal(error))
    return _done(request, community, success=_("Welcome to %(name)s!") % {"name": community.name})


@require_POST
def request_join(request, slug: str):
    community = selectors.community_get_for(request.user, slug=slug)
    form = JoinRequestForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        membership = services.community_request_join(
            user=request.user, community=community, message=message
        )
    except ValidationError as error:
        return _done(request, community, error=refusal(error))
    if membership.state == MembershipState.ACTIVE:
        text = _("Welcome to %(name)s!")
    else:
        text = _("Your request to join %(name)s is sent. An admin will decide.")
    return _done(request, community, success=text % {"name": community.name})


@require_POST
def leave(request, slug: str):
    community = selectors.community_get_for(request.user, slug=slug)
    state = getattr(permissions.membership_of(request.user, community), "state", None)
    try:
        services.community_leave(user=request.user, community=community)
    except ValidationError as error:
        return _done(request, community, error=refusal(error))
    texts = {
        MembershipState.REQUESTED: _("Your request to join %(name)s is withdrawn."),
        MembershipState.INVITED: _("You declined the invitation to %(name)s."),
    }
    text = texts.get(state, _("You left %(name)s.")) % {"name": community.name}
    if not permissions.can_view_community(request.user, community):
        return _gone(request, text)
    return _done(request, community, success=text)


def _gone(request, text: str):
    """Back to the directory: the community (a secret one) is no longer there for the viewer."""
    messages.success(request, text)
    target = reverse("communities:directory")
    return HttpResponseClientRedirect(target) if request.htmx else redirect(target)


@require_POST
def invite_accept(request, slug: str):
    community = selectors.community_get_for(request.user, slug=slug)
    state = getattr(permissions.membership_of(request.user, community), "state", None)
    if state not in (MembershipState.INVITED, MembershipState.ACTIVE):
        return _done(request, community, error=_("You have no open invitation to this community."))
    try:
        services.community_join(user=request.user, community=community)
    except ValidationError as error:
        return _done(request, community, error=refusal(error))
    return _done(request, community, success=_("Welcome to %(name)s!") % {"name": community.name})


@require_POST
def invite_decline(request, slug: str):
    community = selectors.community_get_for(request.user, slug=slug)
    try:
        services.community_invite_decline(user=request.user, community=community)
    except ValidationError as error:
        return _done(request, community, error=refusal(error))
    text = _("You declined the invitation to %(name)s.") % {"name": community.name}
    if not permissions.can_view_community(request.user, community):
        return _gone(request, text)
    return _done(request, community, success=text)


def _request_done(request, community, membership, *, status: int = 200, text: str, error=False):
    """A handled join request: its row, replaced by the outcome (HTMX), or back to the list."""
    if request.htmx:
        return render(
            request,
            "communities/_request_row.html",
            {"community": community, "membership": membership, "outcome": text, "error": error},
            status=status,
        )
    (messages.error if error else messages.success)(request, text)
    return redirect("communities:requests", slug=community.slug)


@require_POST
def request_approve(request, slug: str, username: str):
    community = selectors.community_get_for(request.user, slug=slug)
    permissions.check_manage(request.user, community)
    membership = selectors.membership_get_for(request.user, community, username=username)
    try:
        services.community_request_approve(actor=request.user, membership=membership)
    except ValidationError as error:
        return _request_done(request, community, membership, status=422,
                             text=refusal(error), error=True)  # fmt: skip
    text = _("%(name)s is now a member.") % {"name": membership.user.name}
    return _request_done(request, community, membership, text=text)


@require_POST
def request_reject(request, slug: str, username: str):
    community = selectors.community_get_for(request.user, slug=slug)
    permissions.check_manage(request.user, community)
    membership = selectors.membership_get_for(request.user, community, username=username)
    try:
        services.community_request_reject(actor=request.user, membership=membership)
    except ValidationError as error:
        return _request_done(request, community, membership, status=422,
                             text=refusal(error), error=True)  # fmt: skip
    text = _("The request from %(name)s is turned down.") % {"name": membership.user.name}
    return _request_done(request, community, membership, text=text)


def _member_done(request, community, membership, *, status=200, text="", error=False):
    """A changed member: their row again (HTMX), or back to the member list."""
    if request.htmx:
        if membership is None:  # Removed: the row goes, a note takes its place.
            return render(
                request, "communities/_member_removed.html", {"text": text}, status=status
            )
        with_member_controls(request.user, community, [membership])
        return render(
            request,
            "communities/_member_row.html",
            {
                "community": community,
                "membership": membership,
                "row_note": text,
                "row_error": error,
                "role_choices": RoleForm.base_fields["role"].choices,
            },
            status=status,
        )
    (messages.error if error else messages.success)(request, text)
    return redirect(safe_next(request, reverse("communities:members", args=[community.slug])))


@require_POST
def member_role(request, slug: str, username: str):
    community = selectors.community_get_for(request.user, slug=slug)
    permissions.check_manage(request.user, community)
    membership = selectors.membership_get_for(request.user, community, username=username)
    form = RoleForm(request.POST)
    if not form.is_valid():
        text = _("Choose admin, moderator or member; ownership is handed over separately.")
        return _member_done(request, community, membership, status=422, text=text, error=True)
    try:
        membership = services.community_member_set_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
    except ValidationError as error:
        membership.refresh_from_db()
        return _member_done(request, community, membership, status=422,
                            text=refusal(error), error=True)  # fmt: skip
    text = _("%(name)s is now: %(role)s.") % {
        "name": membership.user.name,
        "role": membership.get_role_display(),
    }
    return _member_done(request, community, membership, text=text)


@require_POST
def member_remove(request, slug: str, username: str):
    community = selectors.community_get_for(request.user, slug=slug)
    permissions.check_moderate(request.user, community)
    membership = selectors.membership_get_for(request.user, community, username=username)
    try:
        services.community_member_remove(
            actor=request.user, membership=membership, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        return _member_done(request, community, membership, status=422,
                            text=refusal(error), error=True)  # fmt: skip
    text = _("%(name)s is no longer a member.") % {"name": membership.user.name}
    return _member_done(request, community, None, text=text)


@require_POST
def transfer(request, slug: str):
    community = selectors.community_get_for(request.user, slug=slug)
    # Before the named person is looked up: a refusal must not tell who is a member.
    permissions.check_transfer(request.user, community)
    back = reverse("communities:settings", kwargs={"slug": community.slug})
    form = TransferForm(request.POST, community=community)
    new_owner = None
    if form.is_valid():
        username = form.cleaned_data["new_owner"]
        found = selectors.members_of(community).filter(user__username=username).first()
        new_owner = found.user if found else None
    if new_owner is None:
        messages.error(request, _("Pick a member of the community as the new owner."))
        return redirect(back)
    try:
        services.community_transfer_ownership(
            actor=request.user, community=community, new_owner=new_owner
        )
    except ValidationError as error:
        messages.error(request, refusal(error))
        return redirect(back)
    messages.success(
        request, _("%(name)s now owns the community. You are an admin.") % {"name": new_owner.name}
    )
    return redirect(community.get_absolute_url())


@require_POST
def archive(request, slug: str):
    community = selectors.community_get_for(request.user, slug=slug)
    archived = request.POST.get("archived", "1") != "0"
    services.community_set_archived(actor=request.user, community=community, archived=archived)
    if archived:
        text = _("%(name)s is archived: it is read-only now.")
    else:
        text = _("%(name)s is active again.")
    messages.success(request, text % {"name": community.name})
    return redirect(community.get_absolute_url())
