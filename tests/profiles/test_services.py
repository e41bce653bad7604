import pytest
from django.core.exceptions import ValidationError

from profiles import services
from profiles.models import User
from tests.factories import UserFactory


def test_deactivating_your_own_account_is_refused(db):
    admin = UserFactory(is_staff=True, is_superuser=True)

    with pytest.raises(ValidationError, match="your own account"):
        services.user_set_active(user=admin, active=False, actor=admin)

    admin.refresh_from_db()
    assert admin.is_active


def test_only_a_superuser_deactivates_a_superuser(db):
    staff = UserFactory(is_staff=True)
    superuser = UserFactory(is_staff=True, is_superuser=True)

    with pytest.raises(ValidationError, match="Only a superuser"):
        services.user_set_active(user=superuser, active=False, actor=staff)
    services.user_set_active(user=superuser, active=False, actor=UserFactory(is_superuser=True))

    superuser.refresh_from_db()
    assert not superuser.is_active


def test_a_deactivated_person_can_be_reactivated_and_is_seen_again(db, user):
    person = UserFactory()
    services.user_set_active(user=person, active=False, actor=UserFactory(is_superuser=True))
    assert not User.objects.visible_to(user).filter(pk=person.pk).exists()

    services.user_set_active(user=person, active=True, actor=UserFactory(is_superuser=True))

    assert User.objects.visible_to(user).filter(pk=person.pk).exists()
