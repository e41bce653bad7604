"""Every write a person can cause to people, profiles and follows."""

import datetime

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from core import events
from core.images import resized_square, validate_image
from profiles.models import Department, Follow, Office, SpokenLanguage, User
from search import indexing

# Profile fields a person edits themselves; the rest belong to admins.
EDITABLE_FIELDS = (
    "display_name",
    "first_name",
    "last_name",
    "job_title",
    "department",
    "office",
    "manager",
    "phone",
    "bio",
    "languages",
    "start_date",
    "language",
    "timezone",
)


def check_manager_allowed(user: User, manager: User | None) -> None:
    """Raise unless ``manager`` may be ``user``'s manager (no self, no reporting loops)."""
    if manager is None:
        return
    if manager.pk == user.pk:
        raise ValidationError({"manager": _("You cannot be your own manager.")})
    seen, current = set(), manager
    while current is not None and current.pk not in seen:
        if current.manager_id == user.pk:
            raise ValidationError(
                {"manager": _("%(name)s reports to you, so cannot be your manager.")
                 % {"name": manager.name}}
            )  # fmt: skip
        seen.add(current.pk)
        current = current.manager


def _clean_tags(names, field: str) -> list[str]:
    cleaned = []
    for name in names or []:
        name = " ".join(str(name).split())
        if not name:
            continue
        if len(name) > 50:
            raise ValidationError({field: _("Keep each entry under 50 characters.")})
        if name.lower() not in {c.lower() for c in cleaned}:
            cleaned.append(name)
    if len(cleaned) > 30:
        raise ValidationError({field: _("List at most 30 entries.")})
    return cleaned


@transaction.atomic
@indexing.coalesced()
def profile_update(
    *,
    user: User,
    skills: list[str] | None = None,
    interests: list[str] | None = None,
    avatar=None,
    remove_avatar: bool = False,
    **fields,
) -> User:
    """Change a person's own profile; skills and interests replace the current sets."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}")
    if "manager" in fields:
        check_manager_allowed(user, fields["manager"])
    if "languages" in fields:
        valid = set(SpokenLanguage.values)
        languages = list(dict.fromkeys(fields["languages"] or []))
        if any(code not in valid for code in languages):
            raise ValidationError({"languages": _("Choose languages from the list.")})
        fields["languages"] = languages
    for name, value in fields.items():
        setattr(user, name, value)
    if avatar is not None:
        try:
            validate_image(avatar, max_bytes=settings.AVATAR_MAX_BYTES)
        except ValidationError as error:
            raise ValidationError({"avatar": error.messages}) from None
    user.full_clean(exclude=["password", "avatar"])
    old_avatar = user.avatar.name if user.avatar else ""
    if avatar is not None:
        user.avatar = resized_square(
            avatar, size=settings.AVATAR_SIZE, name_prefix=f"user-{user.pk}"
        )
    elif remove_avatar:
        user.avatar = ""
    user.save()
    if skills is not None:
        user.skills.set(_clean_tags(skills, "skills"), clear=True)
    if interests is not None:
        user.interests.set(_clean_tags(interests, "interests"), clear=True)
    if old_avatar and old_avatar != (user.avatar.name if user.avatar else ""):
        storage = user.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    events.publish("profile.updated", actor=user, obj=user)
    return user


@transaction.atomic
def api_token_issue(*, user: User) -> Token:
    """The person's API token, created on first use (DRF keeps one token per person)."""
    token, _created = Token.objects.get_or_create(user=user)
    return token


@transaction.atomic
def avatar_reset(*, user: User, actor: User | None = None) -> User:
    """Remove a person's photo (a moderator action); the initials avatar shows instead."""
    if user.avatar:
        name, storage = user.avatar.name, user.avatar.storage
        user.avatar = ""
        user.save(update_fields=["avatar"])
        transaction.on_commit(lambda: storage.delete(name))
        events.publish("profile.avatar_reset", actor=actor, obj=user)
    return user


@transaction.atomic
def user_set_active(*, user: User, active: bool, actor: User | None = None) -> User:
    """Deactivate (or reactivate) an account; deactivated people cannot log in or be seen.

    Nobody deactivates their own account, and only a superuser deactivates a superuser."""
    if not active and actor is not None:
        if actor.pk == user.pk:
            raise ValidationError(_("You cannot deactivate your own account."))
        if user.is_superuser and not actor.is_superuser:
            raise ValidationError(
                _("Only a superuser can deactivate %(name)s.") % {"name": user.name}
            )
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        events.publish("user.activated" if active else "user.deactivated", actor=actor, obj=user)
    return user


@transaction.atomic
def user_set_preferences(
    *, user: User, language: str | None = None, timezone: str | None = None
) -> User:
    """Remember a person's interface language and time zone."""
    changed = []
    if language is not None:
        if language not in dict(settings.LANGUAGES):
            raise ValidationError({"language": _("Choose a language from the list.")})
        user.language, changed = language, [*changed, "language"]
    if timezone is not None:
        user.timezone, changed = timezone, [*changed, "timezone"]
        user.full_clean(exclude=["password", "avatar"])
    if changed:
        user.save(update_fields=changed)
    return user


@transaction.atomic
def user_follow(*, follower: User, followee: User) -> Follow:
    """Follow someone. Following twice is harmless; following yourself is refused."""
    if follower.pk == followee.pk:
        raise ValidationError(_("You cannot follow yourself."), code="self_follow")
    if not followee.is_active:
        raise ValidationError(_("This person is no longer active."), code="inactive")
    try:
        with transaction.atomic():
            follow, created = Follow.objects.get_or_create(follower=follower, followee=followee)
    except IntegrityError:  # Two clicks racing: the other one created it.
        follow, created = Follow.objects.get(follower=follower, followee=followee), False
    if created:
        events.publish("user.followed", actor=follower, obj=followee)
    return follow


@transaction.atomic
def user_unfollow(*, follower: User, followee: User) -> None:
    """Stop following someone; unfollowing someone you do not follow changes nothing."""
    deleted, _ = Follow.objects.filter(follower=follower, followee=followee).delete()
    if deleted:
        events.publish("user.unfollowed", actor=follower, obj=followee)


def _unique_username(base: str) -> str:
    base = slugify(base).replace("-", ".")[:140] or "user"
    candidate, suffix = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        suffix += 1
        candidate = f"{base}{suffix}"
    return candidate


def check_signup_email(email: str) -> None:
    """Raise unless ``email`` may open an account: sign-up open, company domain, unused."""
    domain = email.rpartition("@")[2].lower()
    if not settings.ALLOWED_SIGNUP_DOMAINS:
        raise ValidationError(_("Sign-up is closed; ask an administrator for an account."))
    if domain not in settings.ALLOWED_SIGNUP_DOMAINS:
        raise ValidationError(
            {"email": _("Use your company e-mail address (%(domains)s).")
             % {"domains": ", ".join("@" + d for d in settings.ALLOWED_SIGNUP_DOMAINS)}}
        )  # fmt: skip
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})


@transaction.atomic
def user_sign_up(*, email: str, first_name: str, last_name: str, password: str) -> User:
    """Create an account for an employee whose e-mail domain allows self sign-up."""
    email = (email or "").strip()
    check_signup_email(email)
    user = User(
        username=_unique_username(email.partition("@")[0]),
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        display_name=f"{first_name} {last_name}".strip(),
        start_date=datetime.date.today(),
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from None
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    events.publish("user.signed_up", actor=user, obj=user)
    return user


@transaction.atomic
def department_get_or_create(*, name: str, head: User | None = None) -> Department:
    """The department called ``name``, created when missing (admin and demo data)."""
    department, _created = Department.objects.get_or_create(
        name=name, defaults={"slug": slugify(name), "head": head}
    )
    return department


@transaction.atomic
def office_get_or_create(*, name: str, city: str = "", country: str = "") -> Office:
    """The office called ``name``, created when missing (admin and demo data)."""
    office, _created = Office.objects.get_or_create(
        name=name, defaults={"slug": slugify(name), "city": city, "country": country}
    )
    return office
