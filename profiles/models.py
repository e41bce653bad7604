"""People: the custom user with its profile, departments, offices and follows."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from core.models import TimeStampedModel


class Department(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_departments",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class Office(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=120, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self):
        return self.name


class SkillTag(TaggedItemBase):
    content_object = models.ForeignKey("User", on_delete=models.CASCADE, related_name="skill_items")

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_user_skill")
        ]


class InterestTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "User", on_delete=models.CASCADE, related_name="interest_items"
    )

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_user_interest")
        ]


class SpokenLanguage(models.TextChoices):
    INDONESIAN = "id", _("Indonesian")
    ENGLISH = "en", _("English")
    JAVANESE = "jv", _("Javanese")
    SUNDANESE = "su", _("Sundanese")
    MALAY = "ms", _("Malay")
    MANDARIN = "zh", _("Mandarin")
    JAPANESE = "ja", _("Japanese")
    KOREAN = "ko", _("Korean")
    ARABIC = "ar", _("Arabic")
    DUTCH = "nl", _("Dutch")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")
    HINDI = "hi", _("Hindi")
    TAMIL = "ta", _("Tamil")


TIME_ZONE_CHOICES = sorted((name, name) for name in zoneinfo.available_timezones())


class UserQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def visible_to(self, viewer):
        """Every employee sees every active colleague; nobody signed out sees anyone."""
        if not viewer.is_authenticated:
            return self.none()
        return self.active()

    def with_card_data(self):
        """What a person card shows: department and office in the same query."""
        return self.select_related("department", "office")

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        condition = Q()
        for word in text.split()[:5]:
            condition &= (
                Q(display_name__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(username__icontains=word)
                | Q(job_title__icontains=word)
            )
        return self.filter(condition)


class KolegaUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """An employee. The profile lives on the user: one row, one query per person card."""

    email = models.EmailField(_("email address"), blank=True, db_index=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="direct_reports",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    bio = models.TextField(_("about me"), max_length=2000, blank=True)
    avatar = models.ImageField(_("photo"), upload_to="avatars/", blank=True)
    skills = TaggableManager(
        verbose_name=_("skills"), through=SkillTag, related_name="skilled_users", blank=True
    )
    interests = TaggableManager(
        verbose_name=_("interests and hobbies"),
        through=InterestTag,
        related_name="interested_users",
        blank=True,
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    language = models.CharField(
        _("interface language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, blank=True
    )

    objects = KolegaUserManager()

    class Meta:
        ordering = ["display_name", "username"]
        indexes = [
            models.Index(fields=["display_name", "username"], name="user_directory_order"),
            models.Index(fields=["-date_joined"], name="user_newest"),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="unique_user_email_ci"
            )
        ]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("profiles:detail", kwargs={"username": self.username})

    @property
    def name(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def initials(self) -> str:
        words = [w for w in self.name.replace(".", " ").split() if w[:1].isalpha()]
        letters = "".join(w[0] for w in words[:2]) or self.username[:2]
        return letters.upper()

    @property
    def avatar_hue(self) -> int:
        """A stable colour for the initials avatar, derived from the username."""
        return sum(ord(c) * (i + 1) for i, c in enumerate(self.username)) % 360

    def get_languages_display(self) -> list[str]:
        labels = dict(SpokenLanguage.choices)
        return [str(labels.get(code, code)) for code in self.languages]


class Follow(TimeStampedModel):
    follower = models.ForeignKey(
        User, verbose_name=_("follower"), on_delete=models.CASCADE, related_name="following_links"
    )
    followee = models.ForeignKey(
        User, verbose_name=_("followed person"), on_delete=models.CASCADE,
        related_name="follower_links",
    )  # fmt: skip

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["follower", "followee"], name="unique_follow"),
            models.CheckConstraint(
                condition=~Q(follower=models.F("followee")), name="no_self_follow"
            ),
        ]
        indexes = [
            models.Index(fields=["followee", "-created_at"]),
            models.Index(fields=["follower", "-created_at"], name="follow_by_follower_newest"),
        ]

    def __str__(self):
        return f"{self.follower} → {self.followee}"
