"""The community pages: directory, create, home, members, requests, invite, settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect

from communities import permissions, selectors, services
from communities.forms import (
    CommunityForm,
    CommunitySettingsForm,
    DirectoryFilterForm,
    InviteDepartmentForm,
    InvitePersonForm,
    RoleForm,
    TransferForm,
)
from communities.models import MembershipState, Role
from communities.views.shared import (
    page_context,
    with_member_controls,
    with_viewer_state,
)
from core.shortcuts import add_service_errors
from profiles import selectors as people

DIRECTORY_PAGE_SIZE = 24
MEMBERS_PAGE_SIZE = 30
REQUESTS_PAGE_SIZE = 30
SUGGESTED_LIMIT = 48
SUGGEST_LIMIT = 10
SCOPES = ("all", "mine", "suggested")


def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = {}
    if form.is_bound:
        form.is_valid()
        # A stale filter (a department since renamed, say) is left out; the others apply.
        filters = form.cleaned_data
    scope = request.GET.get("scope")
    scope = scope if scope in SCOPES else "all"
    q, type_, department = filters.get("q", ""), filters.get("type", ""), filters.get("department")
    if scope == "suggested":
        communities = selectors.communities_suggested(request.user, limit=SUGGESTED_LIMIT)
        words = [word.lower() for word in q.split()[:5]]
        communities = [
            c
            for c in communities
            if all(w in c.name.lower() or w in c.description.lower() for w in words)
            and (not type_ or c.type == type_)
            and (department is None or c.department_id == department.pk)
        ]
    else:
        communities = selectors.community_directory(
            request.user,
            scope=scope,
            q=q,
            type=type_,
            department=department,
            # Your own archived communities stay in "My communities".
            include_archived=scope == "mine" or filters.get("archived", False),
        )
    page = Paginator(communities, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    with_viewer_state(request.user, page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    tab_query = query.copy()
    tab_query.pop("scope", None)
    context = {
        "form": form,
        "page": page,
        "scope": scope,
        "query": query.urlencode(),
        "tab_query": tab_query.urlencode(),
        "filtered": bool(q or type_ or department),
        "scope_tabs": [
            ("mine", _("My communities")),
            ("all", _("All I can see")),
            ("suggested", _("Suggested")),
        ],
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "communities/directory.html#results", context)
    context["invitations"] = list(selectors.my_invitations(request.user))
    return render(request, "communities/directory.html", context)


def create(request):
    if request.method == "POST":
        form = CommunityForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                community = services.community_create(creator=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your community %(name)s is ready. Invite colleagues to join it.")
                    % {"name": community.name},
                )
                if request.htmx:
                    return HttpResponseClientRedirect(community.get_absolute_url())
                return redirect(community.get_absolute_url())
        status = 422 if request.htmx else 200
    else:
        form = CommunityForm()
        status = 200
    template = "communities/create.html#form" if request.htmx else "communities/create.html"
    return render(request, template, {"form": form}, status=status)


def detail(request, slug: str):
    community = selectors.community_get_for(request.user, slug=slug)
    context = page_context(request, community, tab="about")
    if context["viewer"]["can_read"]:
        members = selectors.members_of(community)
        context["leaders"] = list(members.filter(role__in=[Role.OWNER, Role.ADMIN])[:6])
        context["members_preview"] = list(members[:12])
    return render(request, "communities/detail.html", context)


def members(request, slug: str):
    community = selectors.community_get_for(request.user, slug=slug)
    if not permissions.can_read_content(request.user, community):
        context = page_context(request, community, tab="members")
        return render(request, "communities/members_only.html", context, status=403)
    page = Paginator(selectors.members_of(community), MEMBERS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = page_context(request, community, tab="members", members=page)
    with_member_controls(request.user, community, page.object_list)
    context.update({"page": page, "role_choices": RoleForm.base_fields["role"].choices})
    template = "communities/members.html"
    if request.htmx and not request.htmx.boosted:
        template += "#member-list"
    return render(request, template, context)


def requests(request, slug: str):
    community = selectors.community_get_for(request.user, slug=slug)
    permissions.check_manage(request.user, community)
    context = page_context(request, community, tab="requests")
    page = Paginator(selectors.pending_requests(community), REQUESTS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context["page"] = page
    return render(request, "communities/requests.html", context)


def invite(request, slug: str):
    community = selectors.community_get_for(request.user, slug=slug)
    permissions.check_invite(request.user, community)
    person_form = InvitePersonForm(community=community)
    department_form = InviteDepartmentForm()
    status = 200
    if request.method == "POST":
        if request.POST.get("what") == "department":
            department_form = InviteDepartmentForm(request.POST)
            status = _invite_department(request, community, department_form)
        else:
            person_form = InvitePersonForm(request.POST, community=community)
            status = _invite_person(request, community, person_form)
        if status == 302:
            target = reverse("communities:invite", kwargs={"slug": community.slug})
            return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
    context = page_context(request, community, tab="invite")
    context.update({"person_form": person_form, "department_form": department_form})
    if context["viewer"]["can_manage"]:
        context["invitations"] = list(selectors.invitations_of(community)[:50])
    return render(request, "communities/invite.html", context, status=status)


def _invite_person(request, community, form) -> int:
    if not form.is_valid():
        return 422 if request.htmx else 200
    try:
        invitee = people.person_get_for(request.user, username=form.cleaned_data["username"])
    except Http404:
        form.add_error("username", _("Pick an active colleague from the suggestions."))
        return 422 if request.htmx else 200
    try:
        membership = services.community_invite(
            actor=request.user, community=community, invitee=invitee
        )
    except ValidationError as error:
        form.add_error("username", error.messages)
        return 422 if request.htmx else 200
    if membership.state == MembershipState.ACTIVE:  # They had asked; the invite let them in.
        text = _("%(name)s had asked to join and is now a member.")
    else:
        text = _("%(name)s is invited.")
    messages.success(request, text % {"name": invitee.name})
    return 302


def _invite_department(request, community, form) -> int:
    if not form.is_valid():
        return 422 if request.htmx else 200
    department = form.cleaned_data["department"]
    try:
        invited = services.community_invite_department(
            actor=request.user, community=community, department=department
        )
    except ValidationError as error:
        form.add_error("department", error.messages)
        return 422 if request.htmx else 200
    if invited:
        text = ngettext(
            "%(count)d person from %(department)s is invited.",
            "%(count)d people from %(department)s are invited.",
            len(invited),
        ) % {"count": len(invited), "department": department.name}
        messages.success(request, text)
    else:
        messages.info(
            request,
            _("Everyone in %(department)s is already a member or invited.")
            % {"department": department.name},
        )
    return 302


def suggest(request, slug: str):
    """Colleagues to invite (``who=outsiders``) or members to hand over to (``who=members``)."""
    community = selectors.community_get_for(request.user, slug=slug)
    text = "".join(
        (request.GET.get(name) or "") for name in ("q", "username", "new_owner")
    ).strip()[:100]
    found = []
    if text:
        found = people.people_directory(request.user, q=text)
        if request.GET.get("who") == "members":
            permissions.check_manage(request.user, community)
            found = found.filter(
                community_memberships__community=community,
                community_memberships__state=MembershipState.ACTIVE,
            )
        else:
            permissions.check_invite(request.user, community)
            found = found.exclude(community_memberships__community=community)
        found = list(found[:SUGGEST_LIMIT])
    return render(request, "profiles/_suggest_options.html", {"people": found})


def settings(request, slug: str):
    community = selectors.community_get_for(request.user, slug=slug)
    permissions.check_manage(request.user, community)
    status = 200
    if request.method == "POST":
        form = CommunitySettingsForm(request.POST, request.FILES, community=community)
        if form.is_valid():
            try:
                services.community_update(actor=request.user, community=community,
                                          **form.cleaned_data)  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
                community.refresh_from_db()  # The service set the refused values on it.
            else:
                messages.success(request, _("The community's settings are saved."))
                if request.htmx:
                    return HttpResponseClientRedirect(community.get_absolute_url())
                return redirect(community.get_absolute_url())
        status = 422 if request.htmx else 200
    else:
        form = CommunitySettingsForm(community=community)
    context = page_context(request, community, tab="settings")
    context.update(
        {
            "form": form,
            "transfer_form": TransferForm(community=community),
            "is_owner": permissions.can_transfer(request.user, community),
        }
    )
    template = "communities/settings.html#form" if request.htmx else "communities/settings.html"
    return render(request, template, context, status=status)
