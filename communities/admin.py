"""Communities and memberships in the admin, the staff's tool for both.

Community writes go through the services: a community added here gets its creator as owner,
and changes and the archive actions need the right to manage it (superusers have it). The
pictures are the community's own uploads, validated and resized by the services, so they are
shown here but not uploaded. Memberships are corrected in place; the form keeps at least one
owner in every community.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communities import permissions, services
from communities.models import Community, Membership, MembershipState, Role


def _refusal(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class CommunityAdminForm(forms.ModelForm):
    class Meta:
        model = Community
        fields = ("name", "slug", "description", "type", "department", "posting_policy",
                  "is_archived")  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        # The same rule as community_update: only the community's admins change it.
        if self.instance.pk and not permissions.can_manage(self.request.user, self.instance):
            raise ValidationError(_("Only the community's admins can do this."))
        return cleaned


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    form = CommunityAdminForm
    list_display = ("picture", "name", "type", "department", "is_archived", "member_count",
                    "created_at")  # fmt: skip
    list_display_links = ("picture", "name")
    list_select_related = ("department",)
    list_filter = ("type", "is_archived", "department", "posting_policy")
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("department",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "type", "department",
                           "posting_policy", "is_archived")}),
        (_("Pictures"), {"fields": ("picture", "cover_image")}),
        (_("Record"), {"fields": ("created_by", "created_at", "updated_at")}),
    )  # fmt: skip
    actions = ("archive", "unarchive")

    def get_queryset(self, request):
        active = Count("memberships", filter=Q(memberships__state=MembershipState.ACTIVE))
        # Meta.ordering does not apply to grouped queries; the autocomplete needs an order.
        return super().get_queryset(request).annotate(member_count=active).order_by("name")

    def get_readonly_fields(self, request, obj=None):
        readonly = ["picture", "cover_image", "created_by", "created_at", "updated_at"]
        return ["slug", *readonly] if obj is not None else readonly

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if obj is None else {}

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.request = request
        return form

    @admin.display(description=_("picture"))
    def picture(self, community: Community):
        if community.avatar:
            return format_html(
                '<img src="{}" alt="" width="32" height="32" '
                'style="border-radius: 6px; object-fit: cover; vertical-align: middle">',
                community.avatar.url,
            )
        return format_html(
            '<span aria-hidden="true" style="display: inline-flex; width: 32px; height: 32px; '
            "border-radius: 6px; align-items: center; justify-content: center; color: #fff; "
            'font-size: 12px; font-weight: 600; background: hsl({}, 45%, 42%)">{}</span>',
            community.avatar_hue,
            community.initials,
        )

    @admin.display(description=_("cover image"))
    def cover_image(self, community: Community):
        if not community.cover:
            return "—"
        return format_html(
            '<img src="{}" alt="" style="max-width: 480px; height: auto; border-radius: 6px">',
            community.cover.url,
        )

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, community: Community) -> int:
        return community.member_count

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            stored = services.community_create(
                creator=request.user,
                **{name: data[name] for name in ("slug", *services.COMMUNITY_FIELDS)},
            )
            if data["is_archived"]:
                services.community_set_archived(actor=request.user, community=stored,
                                                archived=True)  # fmt: skip
        else:
            stored = Community.objects.get(pk=obj.pk)  # The stored row, not the edited copy.
            fields = {n: data[n] for n in form.changed_data if n in services.COMMUNITY_FIELDS}
            if fields:
                services.community_update(actor=request.user, community=stored, **fields)
            if "is_archived" in form.changed_data:
                services.community_set_archived(actor=request.user, community=stored,
                                                archived=data["is_archived"])  # fmt: skip
        # The admin goes on with ``obj`` (its log entry, its redirect): give it the saved row.
        for field in Community._meta.concrete_fields:
            setattr(obj, field.attname, getattr(stored, field.attname))
        obj._state = stored._state

    def _set_archived(self, request, queryset, archived: bool, done) -> None:
        """Archive or bring back each community; refusals become warnings."""
        communities = list(queryset.filter(is_archived=not archived))
        permissions.remember_memberships(request.user, communities)
        changed = 0
        for community in communities:
            try:
                services.community_set_archived(actor=request.user, community=community,
                                                archived=archived)  # fmt: skip
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{community}: {_refusal(error)}", messages.WARNING)
            else:
                changed += 1
        self.message_user(request, done(changed) % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Archive selected communities"), permissions=["change"])
    def archive(self, request, queryset):
        self._set_archived(
            request, queryset, True,
            lambda n: ngettext("%(count)d community archived.",
                               "%(count)d communities archived.", n),
        )  # fmt: skip

    @admin.action(description=_("Unarchive selected communities"), permissions=["change"])
    def unarchive(self, request, queryset):
        self._set_archived(
            request, queryset, False,
            lambda n: ngettext("%(count)d community brought back.",
                               "%(count)d communities brought back.", n),
        )  # fmt: skip


def _is_last_owner(membership: Membership) -> bool:
    if membership.role != Role.OWNER or not membership.is_active:
        return False
    others = Membership.objects.filter(
        community_id=membership.community_id, role=Role.OWNER, state=MembershipState.ACTIVE
    ).exclude(pk=membership.pk)
    return not others.exists()


class MembershipAdminForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ("community", "user", "role", "state", "invited_by", "message")

    def clean(self):
        cleaned = super().clean()
        role, state = cleaned.get("role"), cleaned.get("state")
        if role and state and role != Role.MEMBER and state != MembershipState.ACTIVE:
            self.add_error("role", _("Only members have roles."))
        stored = self.instance  # Still the stored values: the form copies its data in later.
        if stored.pk and _is_last_owner(stored):
            stays = (
                role == Role.OWNER
                and state == MembershipState.ACTIVE
                and cleaned.get("community") == stored.community
                and cleaned.get("user") == stored.user
            )
            if not stays:
                raise ValidationError(_("The community needs an owner: hand it over first."))
        return cleaned


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipAdminForm
    list_display = ("community", "user", "role", "state", "created_at")
    list_select_related = ("community", "user")
    list_filter = ("role", "state", "community__type")
    search_fields = (
        "community__name",
        "community__slug",
        "user__username",
        "user__display_name",
        "user__email",
    )
    autocomplete_fields = ("community", "user", "invited_by")
    readonly_fields = ("created_at", "updated_at")

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        # Deleting a membership here must not leave its community without an owner; deleting
        # the community or the person (their admin pages) takes the memberships with them.
        match = request.resolver_match
        here = match is not None and match.url_name.startswith(
            f"{self.opts.app_label}_{self.opts.model_name}_"
        )
        if allowed and here and obj is not None and _is_last_owner(obj):
            return False
        return allowed
