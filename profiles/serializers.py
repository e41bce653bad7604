"""API shapes for people: what is read and what a person may send to change their profile."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.images import validate_image
from profiles.models import (
    TIME_ZONE_CHOICES,
    Department,
    InterestTag,
    Office,
    SkillTag,
    SpokenLanguage,
    User,
)


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["slug", "name"]


class OfficeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Office
        fields = ["slug", "name", "city", "country"]


class TagSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class LanguageSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class PersonSummarySerializer(serializers.ModelSerializer):
    """A person in one line. ``avatar_url`` is null without a photo: show ``initials``."""

    name = serializers.CharField(read_only=True)
    initials = serializers.CharField(read_only=True)
    avatar_url = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["username", "name", "job_title", "initials", "avatar_url", "url"]
        read_only_fields = fields

    def get_avatar_url(self, person) -> str | None:
        if not person.avatar:
            return None
        request = self.context.get("request")
        url = person.avatar.url
        return request.build_absolute_uri(url) if request else url

    def get_url(self, person) -> str:
        url = reverse("profiles-api:person-detail", kwargs={"username": person.username})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class PersonCardSerializer(PersonSummarySerializer):
    """A person in a list, with whether you follow them."""

    # The view passes ``followed_ids`` for the whole page (selectors.followed_ids).
    department = DepartmentSerializer(read_only=True, allow_null=True)
    office = OfficeSerializer(read_only=True, allow_null=True)
    is_followed = serializers.SerializerMethodField()

    class Meta(PersonSummarySerializer.Meta):
        fields = [*PersonSummarySerializer.Meta.fields, "department", "office", "is_followed"]
        read_only_fields = fields

    def get_is_followed(self, person) -> bool:
        return person.pk in self.context.get("followed_ids", ())


class PersonDetailSerializer(PersonSummarySerializer):
    """A full profile, as every colleague sees it."""

    # Reads the counts annotated by selectors.person_get_for; ``is_followed`` is in the context.
    department = DepartmentSerializer(read_only=True, allow_null=True)
    office = OfficeSerializer(read_only=True, allow_null=True)
    manager = serializers.SerializerMethodField()
    skills = serializers.SerializerMethodField()
    interests = serializers.SerializerMethodField()
    languages = serializers.SerializerMethodField()
    follower_count = serializers.IntegerField(read_only=True)
    following_count = serializers.IntegerField(read_only=True)
    is_me = serializers.SerializerMethodField()
    is_followed = serializers.SerializerMethodField()
    profile_url = serializers.SerializerMethodField()

    class Meta(PersonSummarySerializer.Meta):
        fields = [
            *PersonSummarySerializer.Meta.fields,
            "display_name",
            "first_name",
            "last_name",
            "email",
            "department",
            "office",
            "manager",
            "phone",
            "bio",
            "skills",
            "interests",
            "languages",
            "start_date",
            "follower_count",
            "following_count",
            "is_me",
            "is_followed",
            "profile_url",
        ]
        read_only_fields = fields

    @staticmethod
    def _tags(through, person) -> list[dict]:
        rows = through.objects.filter(content_object=person).order_by("tag__name")
        return [
            {"slug": slug, "name": name}
            for slug, name in rows.values_list("tag__slug", "tag__name")
        ]

    @extend_schema_field(PersonSummarySerializer(allow_null=True))
    def get_manager(self, person):
        # person_get_for selects the manager; a deactivated manager is not shown.
        manager = person.manager
        if manager is None or not manager.is_active:
            return None
        return PersonSummarySerializer(manager, context=self.context).data

    @extend_schema_field(TagSerializer(many=True))
    def get_skills(self, person):
        return self._tags(SkillTag, person)

    @extend_schema_field(TagSerializer(many=True))
    def get_interests(self, person):
        return self._tags(InterestTag, person)

    @extend_schema_field(LanguageSerializer(many=True))
    def get_languages(self, person):
        labels = dict(SpokenLanguage.choices)
        return [{"code": code, "name": str(labels.get(code, code))} for code in person.languages]

    def get_is_me(self, person) -> bool:
        request = self.context.get("request")
        return request is not None and request.user.pk == person.pk

    def get_is_followed(self, person) -> bool:
        return bool(self.context.get("is_followed", False))

    def get_profile_url(self, person) -> str:
        request = self.context.get("request")
        url = person.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class MeSerializer(PersonDetailSerializer):
    """One's own profile: everything colleagues see, plus one's interface preferences."""

    class Meta(PersonDetailSerializer.Meta):
        fields = [*PersonDetailSerializer.Meta.fields, "language", "timezone"]
        read_only_fields = fields


@extend_schema_field({"type": "string", "format": "binary"})
class UploadField(serializers.FileField):
    pass


class ProfileUpdateSerializer(serializers.Serializer):
    """The fields to change; every field is optional and any other field is refused."""

    # The rules (manager loops, language codes, avatar size and content, tag lengths) live in
    # profiles.services.profile_update, shared with the HTML form.

    display_name = serializers.CharField(max_length=150, allow_blank=True, required=False)
    first_name = serializers.CharField(max_length=150, allow_blank=True, required=False)
    last_name = serializers.CharField(max_length=150, allow_blank=True, required=False)
    job_title = serializers.CharField(max_length=150, allow_blank=True, required=False)
    department = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Department.objects.all(),
        allow_null=True,
        required=False,
        error_messages={"does_not_exist": _("There is no department “{value}”.")},
    )
    office = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Office.objects.all(),
        allow_null=True,
        required=False,
        error_messages={"does_not_exist": _("There is no office “{value}”.")},
    )
    manager = serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.active(),
        allow_null=True,
        required=False,
        help_text=_("The manager's username, or null."),
        error_messages={"does_not_exist": _("There is no active person “{value}”.")},
    )
    phone = serializers.CharField(max_length=40, allow_blank=True, required=False)
    bio = serializers.CharField(
        max_length=2000, allow_blank=True, required=False, trim_whitespace=False
    )
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=SpokenLanguage.choices), required=False
    )
    start_date = serializers.DateField(allow_null=True, required=False)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, allow_blank=True, required=False)
    timezone = serializers.ChoiceField(choices=TIME_ZONE_CHOICES, allow_blank=True, required=False)
    skills = serializers.ListField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text=_("Replaces the current skills."),
    )
    interests = serializers.ListField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text=_("Replaces the current interests and hobbies."),
    )
    # A plain file: the service validates the image, one rule for the form and the API.
    avatar = UploadField(
        required=False, help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB (multipart only).")
    )
    remove_avatar = serializers.BooleanField(required=False)

    default_error_messages = {"unknown": _("This field does not exist or cannot be changed.")}

    def validate_avatar(self, value):
        # The service checks again; this only puts its message under "avatar".
        try:
            validate_image(value, max_bytes=settings.AVATAR_MAX_BYTES)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return value

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {name: [self.error_messages["unknown"]] for name in unknown}
            )
        return attrs


class DirectoryFilterSerializer(serializers.Serializer):
    """The directory's query parameters, as the HTML directory reads them."""

    q = serializers.CharField(
        max_length=100, allow_blank=True, required=False, help_text=_("Name or job title.")
    )
    department = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Department.objects.all(),
        required=False,
        help_text=_("A department slug."),
        error_messages={"does_not_exist": _("There is no department “{value}”.")},
    )
    office = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Office.objects.all(),
        required=False,
        help_text=_("An office slug."),
        error_messages={"does_not_exist": _("There is no office “{value}”.")},
    )
    skill = serializers.SlugField(required=False, help_text=_("A skill slug."))
    interest = serializers.SlugField(required=False, help_text=_("An interest slug."))

    def validate_skill(self, value):
        if not SkillTag.objects.filter(tag__slug=value).exists():
            raise serializers.ValidationError(
                _("Nobody lists the skill “%(slug)s”.") % {"slug": value}
            )
        return value

    def validate_interest(self, value):
        if not InterestTag.objects.filter(tag__slug=value).exists():
            raise serializers.ValidationError(
                _("Nobody lists the interest “%(slug)s”.") % {"slug": value}
            )
        return value


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(
        max_length=254, help_text=_("Username or work e-mail address.")
    )
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class FollowStateSerializer(serializers.Serializer):
    username = serializers.CharField(read_only=True)
    is_followed = serializers.BooleanField(read_only=True)
    follower_count = serializers.IntegerField(read_only=True)
