from django.core.exceptions import PermissionDenied


def can_edit_profile(user, person) -> bool:
    """People edit their own profile; staff edit anyone's (in Django admin)."""
    return user.is_authenticated and (user.pk == person.pk or user.is_staff)


def check_edit_profile(user, person) -> None:
    if not can_edit_profile(user, person):
        raise PermissionDenied
