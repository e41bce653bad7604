"""Logging in and out, throttling, password change and reset, sign-up and the language switch."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from analytics.models import Event
from profiles import services
from profiles.models import User
from tests.factories import UserFactory

LOGIN_URL = "/accounts/login/"
NEW_PASSWORD = "a-brand-new-pass-77"
AXES_HANDLERS = [
    pytest.param("axes.handlers.database.AxesDatabaseHandler", id="database"),
    pytest.param("axes.handlers.cache.AxesCacheHandler", id="cache"),
]


@pytest.fixture(autouse=True)
def _reset_language_and_time_zone():
    # Requests activate the user's language and zone on this thread; do not leak them.
    yield
    translation.deactivate()
    timezone.deactivate()


def _log_in(client, username, password, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password, **extra})


def _signed_in_id(client):
    return client.session.get("_auth_user_id")


# --- log in and log out ------------------------------------------------------------------


def test_login_with_username_signs_in_and_goes_home(client, user, password):
    response = _log_in(client, "ratna", password)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert _signed_in_id(client) == str(user.pk)


def test_login_with_email_in_any_case_signs_in(client, user, password):
    response = _log_in(client, user.email.upper(), password)

    assert response.status_code == 302
    assert _signed_in_id(client) == str(user.pk)


def test_login_accepts_an_email_longer_than_a_username_may_be(client, db, password):
    email = f"{'a' * 64}@{'finance-and-accounting.' * 4}kolega.co.id"
    assert 150 < len(email) <= 254
    person = UserFactory(username="long", email=email)

    page = client.get(LOGIN_URL).content.decode()
    response = _log_in(client, email, password)

    assert 'maxlength="254"' in page
    assert _signed_in_id(client) == str(person.pk)
    assert response.status_code == 302


def test_login_with_wrong_password_shows_a_clear_error_and_keeps_the_username(client, user):
    response = _log_in(client, "ratna", "not-the-password")

    assert response.status_code == 200
    assert _signed_in_id(client) is None
    errors = response.context["form"].non_field_errors()
    assert errors == [
        "That username or e-mail and password do not match an active account. "
        "Check them and try again; the password is case-sensitive."
    ]
    content = response.content.decode()
    assert 'role="alert"' in content
    assert "do not match an active account" in content
    assert 'value="ratna"' in content
    assert "not-the-password" not in content


def test_login_of_a_deactivated_person_is_refused(client, user, password):
    services.user_set_active(user=user, active=False)

    response = _log_in(client, "ratna", password)

    assert response.status_code == 200
    assert _signed_in_id(client) is None


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/people/", "/people/"),
        ("https://evil.example/phish", "/"),
        ("//evil.example/", "/"),
    ],
)
def test_login_follows_next_only_within_the_site(client, user, password, next_url, expected):
    response = _log_in(client, "ratna", password, next=next_url)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_login_page_sends_a_signed_in_person_on(user_client):
    response = user_client.get(LOGIN_URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_logout_is_post_only_and_ends_the_session(user_client, user):
    assert user_client.get("/accounts/logout/").status_code == 405
    assert _signed_in_id(user_client) == str(user.pk)

    response = user_client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert _signed_in_id(user_client) is None
    assert user_client.get("/people/").status_code == 302


def test_login_page_has_labelled_fields_reset_link_and_language_switcher(client, db):
    response = client.get(LOGIN_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert '<label class="form-label" for="id_username">Username or e-mail</label>' in content
    assert 'autocomplete="username"' in content
    assert 'autocomplete="current-password"' in content
    assert f'href="{reverse("password_reset")}"' in content
    assert 'id="language-form"' in content
    assert 'name="csrfmiddlewaretoken"' in content
    # Self sign-up is closed by default, so nothing points at it.
    assert reverse("signup") not in content


def test_login_page_links_to_sign_up_only_when_sign_up_is_open(client, db, settings):
    settings.ALLOWED_SIGNUP_DOMAINS = ["kolega.co.id"]

    response = client.get(LOGIN_URL)

    assert response.context["signup_open"] is True
    assert f'href="{reverse("signup")}"' in response.content.decode()


def test_login_records_a_logged_in_event(
    client, user, password, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _log_in(client, "ratna", password)

    event = Event.objects.get(verb="user.logged_in")
    assert event.actor == user
    assert event.department_id == user.department_id
    assert (event.object_type, event.object_id) == ("profiles.user", user.pk)


def test_failed_login_records_no_logged_in_event(client, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _log_in(client, "ratna", "wrong")

    assert not Event.objects.filter(verb="user.logged_in").exists()


# --- CSRF -----------------------------------------------------------------------------------


def test_login_post_without_a_csrf_token_is_refused(user, password):
    client = Client(enforce_csrf_checks=True)

    response = _log_in(client, "ratna", password)

    assert response.status_code == 403
    assert _signed_in_id(client) is None


def test_login_post_with_the_token_from_the_form_signs_in(user, password):
    client = Client(enforce_csrf_checks=True)
    page = client.get(LOGIN_URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    response = _log_in(client, "ratna", password, csrfmiddlewaretoken=token)

    assert response.status_code == 302
    assert _signed_in_id(client) == str(user.pk)


# --- throttling (django-axes, real database and cache handlers) -----------------------------


def _fail(client, username, times):
    return [_log_in(client, username, "wrong-password").status_code for _ in range(times)]


@pytest.mark.parametrize("handler", AXES_HANDLERS)
def test_sixth_login_attempt_is_locked_out_even_with_the_right_password(
    client, user, password, settings, handler
):
    settings.AXES_HANDLER = handler
    assert settings.AXES_FAILURE_LIMIT == 5

    # The fifth failure reaches the limit and already answers with the lock-out page.
    assert _fail(client, "ratna", 5) == [200, 200, 200, 200, 429]
    response = _log_in(client, "ratna", password)

    assert response.status_code == 429
    assert _signed_in_id(client) is None
    content = response.content.decode()
    assert "Too many failed attempts" in content
    assert "Try again in 15 minutes." in content
    assert "registration/locked_out.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("handler", AXES_HANDLERS)
def test_lockout_does_not_block_another_person_from_the_same_address(
    client, user, other_user, password, settings, handler
):
    settings.AXES_HANDLER = handler
    _fail(client, "ratna", 5)

    response = _log_in(client, "budi", password)

    assert response.status_code == 302
    assert _signed_in_id(client) == str(other_user.pk)


@pytest.mark.parametrize("handler", AXES_HANDLERS)
def test_lockout_does_not_block_the_same_person_from_another_address(
    client, user, password, settings, handler
):
    settings.AXES_HANDLER = handler
    _fail(client, "ratna", 5)
    elsewhere = Client(REMOTE_ADDR="10.20.30.40")

    response = _log_in(elsewhere, "ratna", password)

    assert response.status_code == 302


@pytest.mark.parametrize("handler", AXES_HANDLERS)
def test_failures_by_username_and_email_in_any_case_share_one_lock(
    client, user, password, settings, handler
):
    settings.AXES_HANDLER = handler
    spellings = ["ratna", "RATNA@kolega.test", "Ratna@Kolega.Test", "ratna@KOLEGA.TEST"]
    for spelling in spellings:
        _fail(client, spelling, 1)
    assert _fail(client, "ratna@kolega.test", 1) == [429]

    assert _log_in(client, "ratna", password).status_code == 429
    assert _signed_in_id(client) is None


@pytest.mark.parametrize("handler", AXES_HANDLERS)
def test_a_successful_login_resets_the_failure_count(client, user, password, settings, handler):
    settings.AXES_HANDLER = handler
    _fail(client, "ratna", 4)
    assert _log_in(client, "ratna", password).status_code == 302
    client.post("/accounts/logout/")

    assert _fail(client, "ratna", 4) == [200, 200, 200, 200]


@pytest.mark.redis
def test_lockout_is_shared_through_the_redis_cache(user, password, settings):
    settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    _fail(Client(), "ratna", 5)

    # Another client (think: another web process) sees the same lock.
    assert _log_in(Client(), "ratna", password).status_code == 429


def test_lockout_page_names_the_configured_cool_off_time(client, user, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)

    statuses = _fail(client, "ratna", 5)
    response = _log_in(client, "ratna", "wrong")

    assert statuses[-1] == 429
    assert response.status_code == 429
    assert "Try again in 30 minutes." in response.content.decode()
    assert response.context["failure_limit"] == 5


# --- password change ------------------------------------------------------------------------


def _change(client, old, new1, new2=None):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new1, "new_password2": new2 or new1},
    )


def test_password_change_page_explains_the_rules_and_asks_for_the_old_password(user_client):
    response = user_client.get(reverse("password_change"))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'for="id_old_password"' in content
    assert 'autocomplete="current-password"' in content
    assert 'autocomplete="new-password"' in content
    assert "at least 8 characters" in content


def test_password_change_needs_the_right_old_password(user_client, user, password):
    response = _change(user_client, "not-my-password", NEW_PASSWORD)

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(password)


def test_password_change_with_differing_new_passwords_shows_an_error(user_client, user, password):
    response = _change(user_client, password, NEW_PASSWORD, NEW_PASSWORD + "x")

    assert "new_password2" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(password)


def test_password_change_refuses_a_weak_new_password(user_client, user, password):
    response = _change(user_client, password, "12345678")

    assert "new_password2" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(password)


def test_password_change_saves_the_new_password_and_keeps_the_session(user_client, user, password):
    response = _change(user_client, password, NEW_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert user_client.get(reverse("password_change_done")).status_code == 200


# --- password reset -------------------------------------------------------------------------


def test_password_reset_mails_a_link_that_sets_a_new_password(client, user):
    response = client.post(reverse("password_reset"), {"email": "Ratna@Kolega.test"})

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "Kolega" in message.subject
    assert "\n" not in message.subject
    assert not message.alternatives  # plain text only
    link = re.search(r"https?://testserver(/accounts/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done["Location"] == reverse("password_reset_complete")

    assert _log_in(client, "ratna", NEW_PASSWORD).status_code == 302
    assert _signed_in_id(client) == str(user.pk)


def test_password_reset_mail_is_plain_text_without_html_escaping(client, db):
    UserFactory(username="obrien", display_name="Siobhan O'Brien", email="obrien@kolega.test")

    client.post(reverse("password_reset"), {"email": "obrien@kolega.test"})

    body = mail.outbox[0].body
    assert "Hello Siobhan O'Brien," in body
    assert "Your username is obrien" in body
    assert "&#x27;" not in body and "<" not in body


def test_password_reset_for_an_unknown_email_shows_the_same_page_without_mail(client, user):
    response = client.post(reverse("password_reset"), {"email": "nobody@kolega.test"}, follow=True)

    assert response.redirect_chain == [(reverse("password_reset_done"), 302)]
    assert "If an account uses that address" in response.content.decode()
    assert mail.outbox == []


def test_password_reset_link_cannot_be_used_twice(client, user):
    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"https?://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    again = Client().get(link, follow=True)

    assert again.status_code == 200
    assert again.context["validlink"] is False
    assert "This link does not work" in again.content.decode()
    assert f'href="{reverse("password_reset")}"' in again.content.decode()


def test_password_reset_with_a_made_up_token_shows_the_invalid_link_page(client, db):
    response = client.get("/accounts/reset/MQ/made-up-token/")

    assert response.status_code == 200
    assert response.context["validlink"] is False


# --- self sign-up ---------------------------------------------------------------------------


def _sign_up(client, **overrides):
    data = {
        "first_name": "Dewi",
        "last_name": "Lestari",
        "email": "dewi.lestari@kolega.co.id",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }
    return client.post(reverse("signup"), data)


@pytest.fixture
def signup_open(settings):
    settings.ALLOWED_SIGNUP_DOMAINS = ["kolega.co.id", "kolega.test"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_sign_up_is_not_found_when_no_domain_is_allowed(client, db, settings, method):
    settings.ALLOWED_SIGNUP_DOMAINS = []

    response = getattr(client, method)(reverse("signup"))

    assert response.status_code == 404
    assert not User.objects.exists()


def test_sign_up_page_lists_the_allowed_domains(client, db, signup_open):
    response = client.get(reverse("signup"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "@kolega.co.id" in content and "@kolega.test" in content
    assert 'autocomplete="email"' in content
    assert 'autocomplete="new-password"' in content


def test_sign_up_with_an_allowed_domain_creates_an_active_user_and_logs_in(client, db, signup_open):
    response = _sign_up(client, email="Dewi.Lestari@KOLEGA.co.id")

    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:edit")
    user = User.objects.get()
    assert user.is_active
    assert user.name == "Dewi Lestari"
    assert user.check_password(NEW_PASSWORD)
    assert _signed_in_id(client) == str(user.pk)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "dewi@gmail.com"}, "email"),
        ({"email": "RATNA@Kolega.TEST"}, "email"),
        ({"password2": "something-else-entirely"}, "password2"),
        ({"password1": "12345678", "password2": "12345678"}, "password1"),
        ({"email": "not-an-address"}, "email"),
        ({"first_name": ""}, "first_name"),
    ],
    ids=["disallowed-domain", "duplicate-email", "mismatch", "weak-password", "bad-email",
         "no-name"],
)  # fmt: skip
def test_sign_up_with_bad_input_shows_a_form_error_and_creates_no_user(
    client, user, signup_open, overrides, field
):
    before = User.objects.count()

    response = _sign_up(client, **overrides)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_errors"' in response.content.decode()
    assert User.objects.count() == before
    assert _signed_in_id(client) is None


def test_sign_up_shows_the_domain_and_password_errors_together(client, db, signup_open):
    response = _sign_up(client, email="dewi@gmail.com", password2="something-else-entirely")

    errors = response.context["form"].errors
    assert set(errors) == {"email", "password2"}
    assert "@kolega.co.id" in errors["email"][0]
    assert not User.objects.exists()


# --- language and time zone -----------------------------------------------------------------


def test_language_switch_sets_the_cookie_and_remembers_it_on_the_account(user_client, user):
    response = user_client.post(reverse("set-language"), {"language": "id", "next": "/people/"})

    assert response.status_code == 302
    assert response["Location"] == "/people/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    user.refresh_from_db()
    assert user.language == "id"


def test_remembered_language_applies_on_a_new_device_without_the_cookie(user):
    services.user_set_preferences(user=user, language="id")
    fresh = Client()
    fresh.force_login(user)

    response = fresh.get(reverse("password_change"))

    assert settings.LANGUAGE_COOKIE_NAME not in fresh.cookies
    assert response.wsgi_request.LANGUAGE_CODE == "id"
    assert '<html lang="id">' in response.content.decode()


def test_account_language_wins_over_an_old_cookie(user):
    services.user_set_preferences(user=user, language="id")
    client = Client(headers={"accept-language": "en"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)

    response = client.get(reverse("password_change"))

    assert '<html lang="id">' in response.content.decode()


def test_anonymous_visitor_can_switch_the_language_on_the_login_page(client, db):
    response = client.post(reverse("set-language"), {"language": "id", "next": LOGIN_URL})

    assert response["Location"] == LOGIN_URL
    page = client.get(LOGIN_URL)
    assert page.wsgi_request.LANGUAGE_CODE == "id"
    assert '<html lang="id">' in page.content.decode()


@pytest.mark.parametrize("language", ["xx", "", "en-gb-evil"])
def test_unknown_language_is_ignored(user_client, user, language):
    response = user_client.post(reverse("set-language"), {"language": language, "next": "/"})

    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    user.refresh_from_db()
    assert user.language == ""


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/path", "javascript:alert(1)"]
)
def test_language_switch_does_not_follow_next_to_another_host(user_client, next_url):
    response = user_client.post(reverse("set-language"), {"language": "id", "next": next_url})

    assert response["Location"] == "/"


def test_language_switch_accepts_only_post(user_client):
    assert user_client.get(reverse("set-language"), {"language": "id"}).status_code == 405


def test_time_zone_preference_rejects_an_unknown_zone(user):
    with pytest.raises(ValidationError):
        services.user_set_preferences(user=user, timezone="Mars/Olympus_Mons")
