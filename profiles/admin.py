"""The moderators' tool for people: accounts, departments, offices, follows and tags."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.forms import TagWidget

from profiles import services
from profiles.models import (
    Department,
    Follow,
    InterestTag,
    Office,
    SkillTag,
    SpokenLanguage,
    User,
)


class PersonCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "email", "display_name")


class PersonChangeForm(UserChangeForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SpokenLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(UserChangeForm.Meta):
        model = User
        widgets = {
            "skills": TagWidget(attrs={"class": "vTextField"}),
            "interests": TagWidget(attrs={"class": "vTextField"}),
        }

    def clean(self):
        cleaned = super().clean()
        if "manager" in cleaned and self.instance.pk:
            try:  # The same rule as profile_update: nobody reports to themselves, even indirectly.
                services.check_manager_allowed(self.instance, cleaned["manager"])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


@admin.register(User)
class PersonAdmin(UserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    list_display = (
        "photo",
        "username",
        "display_name",
        "job_title",
        "department",
        "office",
        "manager",
        "is_active",
        "last_login",
    )
    list_display_links = ("photo", "username")
    list_select_related = ("department", "office", "manager")
    list_filter = ("is_active", "is_staff", "is_superuser", "groups", "department", "office")
    search_fields = ("username", "display_name", "first_name", "last_name", "email", "job_title")
    ordering = ("username",)
    autocomplete_fields = ("manager", "department", "office")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Personal info"),
            # The photo is the person's own upload (validated and resized by profile_update);
            # moderators only remove it, with the "Reset photo" action.
            {"fields": ("display_name", "first_name", "last_name", "email", "phone", "photo")},
        ),
        (_("Work"), {"fields": ("job_title", "department", "office", "manager", "start_date")}),
        (_("Profile"), {"fields": ("bio", "skills", "interests", "languages")}),
        (_("Preferences"), {"fields": ("language", "timezone")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "email",
                    "display_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ("photo",)
    actions = ("deactivate_people", "reactivate_people", "reset_photos")

    @admin.display(description=_("photo"))
    def photo(self, person: User):
        if person.avatar:
            return format_html(
                '<img src="{}" alt="" width="32" height="32" '
                'style="border-radius: 50%; object-fit: cover; vertical-align: middle">',
                person.avatar.url,
            )
        return format_html(
            '<span aria-hidden="true" style="display: inline-flex; width: 32px; height: 32px; '
            "border-radius: 50%; align-items: center; justify-content: center; color: #fff; "
            'font-size: 12px; font-weight: 600; background: hsl({}, 45%, 42%)">{}</span>',
            person.avatar_hue,
            person.initials,
        )

    def _apply_each(self, request, people, apply, done) -> None:
        """Run a service on each person; refusals become warnings, the rest is counted."""
        changed = 0
        for person in people:
            try:
                apply(person)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
            else:
                changed += 1
        self.message_user(request, done(changed) % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Deactivate selected people"), permissions=["change"])
    def deactivate_people(self, request, queryset):
        self._apply_each(
            request,
            queryset.filter(is_active=True),
            lambda person: services.user_set_active(user=person, active=False, actor=request.user),
            lambda n: ngettext("%(count)d person deactivated.", "%(count)d people deactivated.", n),
        )

    @admin.action(description=_("Reactivate selected people"), permissions=["change"])
    def reactivate_people(self, request, queryset):
        self._apply_each(
            request,
            queryset.filter(is_active=False),
            lambda person: services.user_set_active(user=person, active=True, actor=request.user),
            lambda n: ngettext("%(count)d person reactivated.", "%(count)d people reactivated.", n),
        )

    @admin.action(description=_("Reset photo of selected people"), permissions=["change"])
    def reset_photos(self, request, queryset):
        self._apply_each(
            request,
            queryset.exclude(avatar=""),
            lambda person: services.avatar_reset(user=person, actor=request.user),
            lambda n: ngettext("%(count)d photo removed.", "%(count)d photos removed.", n),
        )


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "head", "member_count")
    list_select_related = ("head",)
    search_fields = ("name", "description")
    autocomplete_fields = ("head",)
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, department: Department) -> int:
        return department.member_count


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "city", "country", "member_count")
    list_filter = ("country",)
    search_fields = ("name", "city", "country")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, office: Office) -> int:
        return office.member_count


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("follower", "followee", "created_at")
    list_select_related = ("follower", "followee")
    search_fields = (
        "follower__username",
        "follower__display_name",
        "followee__username",
        "followee__display_name",
    )
    autocomplete_fields = ("follower", "followee")
    date_hierarchy = "created_at"


class PersonTagAdmin(admin.ModelAdmin):
    """Who lists which skill (or interest); edited on the person, browsed and searched here."""

    list_display = ("content_object", "tag")
    list_select_related = ("content_object", "tag")
    search_fields = ("tag__name", "content_object__username", "content_object__display_name")
    autocomplete_fields = ("content_object", "tag")


admin.site.register(SkillTag, PersonTagAdmin)
admin.site.register(InterestTag, PersonTagAdmin)
