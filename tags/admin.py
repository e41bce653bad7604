"""Tags in the admin: renaming and merging without losing links, followed tags, and the old
addresses that redirect.

Renaming (changing the name or slug) goes through ``tags.services.tag_rename`` and merging
through ``tag_merge``: everything tagged keeps its tag, and the old slugs redirect. Follows
are added and removed through the services, so the events (and the home feed) stay right.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag

from feed.models import ITEM_KINDS, TaggedPost
from profiles.models import InterestTag, SkillTag
from tags import services
from tags.models import TagAlias, TagFollow, tag_use_fields
from tags.services import tag_follow, tag_unfollow


def _links(model, field: str = "tag", *, exclude=None, **where):
    """How many rows of ``model`` point at the tag, as a subquery (no join fan-out)."""
    rows = (
        model._base_manager.filter(**{field: OuterRef("pk")}, **where)
        .exclude(**(exclude or {}))
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


# A forum thread's, an article's or a wiki page's card in the feed carries the item's tags
# too: the item is counted once, not again as its card.
NOT_A_USE = {TaggedPost: {"content_object__kind__in": ITEM_KINDS}}


def _uses():
    total = Value(0)
    for link in tag_use_fields():
        rows = _links(link.model, link.name, exclude=NOT_A_USE.get(link.model))
        total = total + rows
    return total


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ("name", "slug")
        help_texts = {
            "slug": _(
                "The topic's address, /tags/<slug>/. When you change it, the old address "
                "keeps working (it redirects here)."
            ),
        }

    def clean(self):
        data = super().clean()
        name, slug = data.get("name"), data.get("slug")
        if name and slug:
            try:
                services.check_tag_free(self.instance if self.instance.pk else None, name=name,
                                        slug=slug)  # fmt: skip
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    self.add_error(field, errors)
        return data


class TagAliasInline(admin.TabularInline):
    model = TagAlias
    fields = ("slug", "created_at")
    readonly_fields = ("slug", "created_at")
    extra = 0
    verbose_name_plural = _("old addresses (they redirect to this topic)")

    def has_add_permission(self, request, obj=None):
        return False


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Keep this tag"),
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
    )
    other = forms.CharField(
        label=_("or merge them all into another tag (its name or slug)"),
        required=False,
        max_length=100,
    )

    def __init__(self, *args, selected, **kwargs):
        super().__init__(*args, **kwargs)
        self.selected = list(selected)
        self.fields["target"].queryset = Tag.objects.filter(pk__in=[t.pk for t in self.selected])

    def clean(self):
        data = super().clean()
        other = (data.get("other") or "").strip()
        if other:
            found = Tag.objects.filter(Q(slug=other) | Q(name__iexact=other)).first()
            if found is None:
                raise ValidationError({"other": _("No tag has that name or slug.")})
            data["target"] = found
        target = data.get("target")
        if target is None:
            raise ValidationError(_("Choose the tag to keep."))
        data["sources"] = [t for t in self.selected if t.pk != target.pk]
        if not data["sources"]:
            raise ValidationError(_("Choose at least one other tag to merge into it."))
        return data


class TopicAdmin(admin.ModelAdmin):
    form = TagForm
    list_display = ("name", "slug", "uses", "followers", "skill_count", "interest_count")
    search_fields = ("name", "slug")
    ordering = ("name",)
    show_full_result_count = False
    inlines = [TagAliasInline]
    actions = ["merge_tags"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                uses=_uses(),
                followers=_links(TagFollow, user__is_active=True),
                skill_count=_links(SkillTag),
                interest_count=_links(InterestTag),
            )
        )

    @admin.display(description=_("uses"), ordering="uses")
    def uses(self, tag: Tag) -> int:
        return tag.uses

    @admin.display(description=_("followers"), ordering="followers")
    def followers(self, tag: Tag) -> int:
        return tag.followers

    @admin.display(description=_("people with this skill"), ordering="skill_count")
    def skill_count(self, tag: Tag) -> int:
        return tag.skill_count

    @admin.display(description=_("people with this interest"), ordering="interest_count")
    def interest_count(self, tag: Tag) -> int:
        return tag.interest_count

    def save_model(self, request, obj, form, change):
        name, slug = form.cleaned_data["name"], form.cleaned_data["slug"]
        if change:
            saved = services.tag_rename(tag=obj, name=name, slug=slug, actor=request.user)
        else:
            saved = services.tag_create(name=name, slug=slug, actor=request.user)
        obj.pk, obj.name, obj.slug, obj._state = saved.pk, saved.name, saved.slug, saved._state

    def has_merge_permission(self, request) -> bool:
        # Merging changes the kept tag and deletes the others: both rights, not either.
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description=_("Merge selected tags into…"), permissions=["merge"])
    def merge_tags(self, request, queryset):
        selected = sorted(queryset, key=lambda t: (-t.uses, t.name.casefold()))
        if "apply" in request.POST:
            form = MergeForm(request.POST, selected=selected)
            if form.is_valid():
                target, sources = form.cleaned_data["target"], form.cleaned_data["sources"]
                services.tag_merge(sources=sources, target=target, actor=request.user)
                text = ngettext(
                    "Merged %(count)d tag into #%(name)s; its old address redirects there.",
                    "Merged %(count)d tags into #%(name)s; their old addresses redirect there.",
                    len(sources),
                ) % {"count": len(sources), "name": target.name}
                self.message_user(request, text, messages.SUCCESS)
                return None
        else:
            form = MergeForm(selected=selected, initial={"target": selected[0].pk})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge tags"),
            "opts": self.model._meta,
            "form": form,
            "tags": selected,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "tags/admin_merge.html", context)


# Instead of taggit's (and the people admin's) tag admin, whose merge only sees taggit's own
# generic tagged items.
if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)
admin.site.register(Tag, TopicAdmin)


@admin.register(TagAlias)
class TagAliasAdmin(admin.ModelAdmin):
    """The old addresses: made by renaming and merging, removed here if one must go."""

    list_display = ("slug", "tag", "created_at")
    list_select_related = ("tag",)
    search_fields = ("slug", "tag__name", "tag__slug")
    fields = ("slug", "tag", "created_at")
    readonly_fields = ("slug", "tag", "created_at")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TagFollow)
class TagFollowAdmin(admin.ModelAdmin):
    list_display = ("user", "tag_name", "created_at")
    list_select_related = ("user", "tag")
    list_filter = ("created_at",)
    search_fields = ("user__username", "user__display_name", "tag__name", "tag__slug")
    autocomplete_fields = ("user", "tag")
    show_full_result_count = False
    fields = ("user", "tag", "created_at")
    readonly_fields = ("created_at",)

    @admin.display(description=_("tag"), ordering="tag__name")
    def tag_name(self, follow: TagFollow) -> str:
        return f"#{follow.tag.name}"

    def get_readonly_fields(self, request, obj=None):
        # A follow is a person and a tag: to change either, remove it and add another.
        return ("user", "tag", "created_at") if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return
        stored = tag_follow(user=form.cleaned_data["user"], tag=form.cleaned_data["tag"])
        obj.pk, obj.created_at, obj._state = stored.pk, stored.created_at, stored._state

    def delete_model(self, request, obj):
        tag_unfollow(user=obj.user, tag=obj.tag)

    def delete_queryset(self, request, queryset):
        for follow in queryset.select_related("user", "tag"):
            tag_unfollow(user=follow.user, tag=follow.tag)
