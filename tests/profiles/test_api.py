"""The people API under /api/v1/: tokens, /me/, the directory, profiles and follows."""

import io
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from analytics.models import Event
from profiles import services
from profiles.models import Follow, User
from profiles.serializers import ProfileUpdateSerializer
from tests.factories import PASSWORD, DepartmentFactory, OfficeFactory, UserFactory

TOKEN_URL = "/api/v1/auth/token/"
ME_URL = "/api/v1/me/"
PEOPLE_URL = "/api/v1/people/"


def person_url(username: str, suffix: str = "") -> str:
    return f"{PEOPLE_URL}{username}/{suffix}"


def png_bytes(size=(64, 48), colour=(200, 40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes):
    file = io.BytesIO(content)
    file.name = name
    return file


@pytest.fixture
def me(api_client, user):
    """An API client signed in (by session) as ``user``."""
    api_client.force_login(user)
    return api_client


# --- tokens ---------------------------------------------------------------------------


@pytest.mark.parametrize("login", ["ratna", "ratna@kolega.test", "RATNA@Kolega.Test"])
def test_token_is_issued_for_a_username_or_email_and_password(api_client, user, login):
    response = api_client.post(TOKEN_URL, {"username": login, "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=user).key}


def test_token_authenticates_requests_to_me(api_client, user):
    token = api_client.post(
        TOKEN_URL, {"username": "ratna", "password": PASSWORD}, format="json"
    ).json()["token"]
    again = api_client.post(
        TOKEN_URL, {"username": "ratna", "password": PASSWORD}, format="json"
    ).json()["token"]

    response = api_client.get(ME_URL, HTTP_AUTHORIZATION=f"Token {token}")

    assert again == token
    assert response.status_code == 200
    assert response.json()["username"] == "ratna"


def test_a_wrong_token_is_refused_in_json(api_client, user):
    response = api_client.get(ME_URL, HTTP_AUTHORIZATION="Token not-a-real-token")

    assert response.status_code in (401, 403)
    assert response.json() == {"detail": "Invalid token."}


def test_getting_a_token_counts_as_signing_in(api_client, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            TOKEN_URL, {"username": "ratna", "password": PASSWORD}, format="json"
        )

    user.refresh_from_db()
    assert response.status_code == 200
    assert user.last_login is not None
    assert Event.objects.filter(verb="user.logged_in", actor=user).count() == 1


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"username", "password"}),
        ({"username": "ratna"}, {"password"}),
        ({"password": PASSWORD}, {"username"}),
        ({"username": "", "password": ""}, {"username", "password"}),
        ({"username": ["ratna"], "password": {"x": 1}}, {"username", "password"}),
    ],
)
def test_a_token_request_with_missing_fields_answers_field_errors(api_client, user, body, fields):
    response = api_client.post(TOKEN_URL, body, format="json")

    assert response.status_code == 400
    assert set(response.json()) == fields
    assert not Token.objects.exists()


@pytest.mark.parametrize(
    ("login", "password"), [("ratna", "wrong-password"), ("nobody", PASSWORD), ("budi", PASSWORD)]
)
def test_wrong_credentials_or_a_deactivated_account_get_no_token(
    api_client, user, other_user, login, password
):
    services.user_set_active(user=other_user, active=False)

    response = api_client.post(TOKEN_URL, {"username": login, "password": password}, format="json")

    assert response.status_code == 400
    assert response.json() == {"detail": "The username or password is not correct."}
    assert not Token.objects.exists()


def test_a_malformed_json_token_request_answers_400_in_json(api_client, user):
    response = api_client.post(
        TOKEN_URL, data='{"username": "ratna", "password":', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def failed_token_request(client, login="ratna"):
    return client.post(TOKEN_URL, {"username": login, "password": "wrong"}, format="json")


def test_repeated_failed_token_requests_lock_the_account_out_in_json(api_client, user):
    limit = settings.AXES_FAILURE_LIMIT
    codes = [failed_token_request(api_client).status_code for _ in range(limit - 1)]

    locked = failed_token_request(api_client)
    with_right_password = api_client.post(
        TOKEN_URL, {"username": "ratna", "password": PASSWORD}, format="json"
    )

    assert codes == [400] * (limit - 1)
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/json"
    assert locked.json()["detail"].startswith("Too many failed sign-in attempts.")
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert with_right_password.status_code == 429
    assert not Token.objects.exists()
    assert AccessAttempt.objects.get(username="ratna").failures_since_start >= limit


def test_token_lockout_is_per_account_and_shared_with_the_login_page(
    api_client, client, user, other_user
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        failed_token_request(api_client, login="ratna@kolega.test")

    html_login = client.post("/accounts/login/", {"username": "ratna", "password": PASSWORD})
    other = api_client.post(TOKEN_URL, {"username": "budi", "password": PASSWORD}, format="json")

    assert html_login.status_code == 429
    assert other.status_code == 200


def test_a_successful_token_request_resets_the_failure_count(api_client, user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        failed_token_request(api_client)
    api_client.post(TOKEN_URL, {"username": "ratna", "password": PASSWORD}, format="json")

    codes = [failed_token_request(api_client).status_code for _ in range(2)]

    assert codes == [400, 400]


def test_the_token_endpoint_is_rate_limited(api_client, user):
    allowed = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"].split("/")[0])
    body = {"username": "ratna", "password": PASSWORD}
    codes = {api_client.post(TOKEN_URL, body, format="json").status_code for _ in range(allowed)}

    throttled = api_client.post(TOKEN_URL, body, format="json")

    assert codes == {200}
    assert throttled.status_code == 429
    assert "throttled" in throttled.json()["detail"]
    assert int(throttled["Retry-After"]) > 0


# --- who may do what ------------------------------------------------------------------


ENDPOINTS = [
    ("get", ME_URL),
    ("patch", ME_URL),
    ("get", PEOPLE_URL),
    ("get", person_url("budi")),
    ("post", person_url("budi", "follow/")),
    ("delete", person_url("budi", "follow/")),
    ("get", person_url("budi", "followers/")),
    ("get", person_url("budi", "following/")),
]


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
def test_anonymous_callers_are_refused_in_json_on_every_endpoint(
    api_client, other_user, method, url
):
    response = getattr(api_client, method)(url, {}, format="json")

    assert response.status_code in (401, 403)
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert not Follow.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_nobody_can_change_someone_elses_profile(me, other_user, method):
    response = getattr(me, method)(person_url("budi"), {"job_title": "Hacked"}, format="json")

    other_user.refresh_from_db()
    assert response.status_code == 405
    assert "detail" in response.json()
    assert other_user.job_title == "Analyst"
    assert User.objects.filter(username="budi").exists()


GET_SUFFIXES = ["", "followers/", "following/"]


def test_deactivated_people_are_invisible(me, user, other_user):
    services.user_follow(follower=other_user, followee=user)
    services.user_follow(follower=user, followee=other_user)
    services.user_set_active(user=other_user, active=False)

    listed = [p["username"] for p in me.get(PEOPLE_URL).json()["results"]]
    followers = me.get(person_url("ratna", "followers/")).json()
    following = me.get(person_url("ratna", "following/")).json()
    my_profile = me.get(ME_URL).json()

    codes = [me.get(person_url("budi", suffix)).status_code for suffix in GET_SUFFIXES]
    assert listed == ["ratna"]
    assert followers["count"] == following["count"] == 0
    assert my_profile["follower_count"] == my_profile["following_count"] == 0
    assert codes == [404] * len(GET_SUFFIXES)
    assert me.post(person_url("budi", "follow/")).status_code == 404


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("get", ""), ("post", "follow/"), ("delete", "follow/"), ("get", "followers/"),
     ("get", "following/")],
)  # fmt: skip
def test_an_unknown_person_answers_404_in_json(me, method, suffix):
    response = getattr(me, method)(person_url("nobody", suffix))

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    ("method", "url"),
    [("put", ME_URL), ("delete", ME_URL), ("post", PEOPLE_URL), ("get", person_url("budi",
     "follow/")), ("patch", person_url("budi", "followers/")), ("get", TOKEN_URL)],
)  # fmt: skip
def test_a_wrong_method_answers_405_in_json(me, other_user, method, url):
    response = getattr(me, method)(url)

    assert response.status_code == 405
    assert response.json()["detail"].startswith("Method ")


@pytest.mark.parametrize("url", ["/api/v1/", "/api/v1/nothing/here/", "/api/v1/people/a/b/c/"])
def test_an_unknown_api_path_answers_404_in_json(me, url):
    response = me.get(url)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_api_path_without_its_slash_is_redirected(me):
    response = me.get("/api/v1/me")

    assert response.status_code == 301
    assert response["Location"] == ME_URL


# --- /me/ -----------------------------------------------------------------------------


def test_me_returns_the_full_profile(me, user, other_user, department, office):
    services.profile_update(
        user=user,
        manager=other_user,
        languages=["id", "en"],
        skills=["Python", "SAP FI"],
        interests=["Badminton"],
        bio="Hello",
    )
    services.user_follow(follower=other_user, followee=user)

    data = me.get(ME_URL).json()

    assert data["username"] == "ratna"
    assert data["name"] == "Ratna Sari"
    assert data["initials"] == "RS"
    assert data["avatar_url"] is None
    assert data["department"] == {"slug": "finance", "name": "Finance"}
    assert data["office"]["slug"] == "jakarta-hq"
    assert data["manager"]["username"] == "budi"
    assert data["manager"]["url"].endswith(person_url("budi"))
    assert [s["name"] for s in data["skills"]] == ["Python", "SAP FI"]
    assert [s["slug"] for s in data["interests"]] == ["badminton"]
    assert [lang["code"] for lang in data["languages"]] == ["id", "en"]
    assert data["bio"] == "Hello"
    assert (data["follower_count"], data["following_count"]) == (1, 0)
    assert data["is_me"] is True
    assert data["profile_url"].endswith("/people/ratna/")
    assert {"language", "timezone"} <= set(data)


def test_patching_me_updates_the_profile_through_the_service(
    me, user, other_user, django_capture_on_commit_callbacks
):
    bandung = OfficeFactory(name="Bandung")
    hr = DepartmentFactory(name="Human Resources")
    body = {
        "job_title": "HR Lead",
        "department": hr.slug,
        "office": bandung.slug,
        "manager": "budi",
        "skills": ["Recruiting", "Payroll", "recruiting"],
        "interests": ["Hiking"],
        "languages": ["id", "jv"],
        "start_date": "2020-02-03",
        "timezone": "Asia/Makassar",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = me.patch(ME_URL, body, format="json")

    user.refresh_from_db()
    data = response.json()
    assert response.status_code == 200
    assert (user.job_title, user.department, user.office, user.manager) == (
        "HR Lead",
        hr,
        bandung,
        other_user,
    )
    assert sorted(user.skills.names()) == ["Payroll", "Recruiting"]
    assert list(user.interests.names()) == ["Hiking"]
    assert user.languages == ["id", "jv"]
    assert str(user.start_date) == "2020-02-03"
    assert user.display_name == "Ratna Sari"
    assert data["department"]["slug"] == hr.slug
    assert data["manager"]["username"] == "budi"
    assert data["timezone"] == "Asia/Makassar"
    assert Event.objects.filter(verb="profile.updated", actor=user).count() == 1


def test_patching_me_with_null_clears_department_office_and_manager(me, user, other_user):
    services.profile_update(user=user, manager=other_user)

    response = me.patch(
        ME_URL, {"department": None, "office": None, "manager": None}, format="json"
    )

    user.refresh_from_db()
    assert response.status_code == 200
    assert (user.department, user.office, user.manager) == (None, None, None)
    assert response.json()["manager"] is None


def test_patching_me_with_an_empty_list_clears_skills(me, user):
    services.profile_update(user=user, skills=["Python"])

    response = me.patch(ME_URL, {"skills": []}, format="json")

    assert response.status_code == 200
    assert list(user.skills.names()) == []


def test_patching_me_uploads_an_avatar_as_multipart(me, user):
    response = me.patch(
        ME_URL,
        {"avatar": upload("me.png", png_bytes((900, 600))), "job_title": "Controller"},
        format="multipart",
    )

    user.refresh_from_db()
    assert response.status_code == 200
    assert user.job_title == "Controller"
    assert re.search(r"/media/avatars/user-\d+-\w+\.jpg$", response.json()["avatar_url"])
    with Image.open(user.avatar) as stored:
        assert stored.size == (settings.AVATAR_SIZE, settings.AVATAR_SIZE)


def test_patching_me_can_remove_the_avatar(me, user):
    services.profile_update(user=user, avatar=SimpleUploadedFile("me.png", png_bytes()))

    response = me.patch(ME_URL, {"remove_avatar": True}, format="json")

    user.refresh_from_db()
    assert response.status_code == 200
    assert not user.avatar
    assert response.json()["avatar_url"] is None


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.png", b"this is not an image at all"),
        ("huge.png", png_bytes() + b"\0" * (6 * 1024 * 1024)),
    ],
    ids=["not-an-image", "six-megabytes"],
)
def test_patching_me_with_a_bad_avatar_is_refused_and_changes_nothing(me, user, name, content):
    response = me.patch(
        ME_URL, {"avatar": upload(name, content), "job_title": "Changed"}, format="multipart"
    )

    user.refresh_from_db()
    assert response.status_code == 400
    assert list(response.json()) == ["avatar"]
    assert user.job_title == "Analyst"
    assert not user.avatar


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"department": "no-such-department"}, "department"),
        ({"office": "atlantis"}, "office"),
        ({"manager": "ghost"}, "manager"),
        ({"manager": "ratna"}, "manager"),
        ({"languages": ["xx"]}, "languages"),
        ({"languages": "id"}, "languages"),
        ({"skills": "python, sql"}, "skills"),
        ({"skills": ["x" * 51]}, "skills"),
        ({"interests": [f"hobby {n}" for n in range(31)]}, "interests"),
        ({"start_date": "yesterday"}, "start_date"),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
        ({"language": "fr"}, "language"),
        ({"job_title": "x" * 151}, "job_title"),
        ({"bio": "x" * 2001}, "bio"),
        ({"remove_avatar": "perhaps"}, "remove_avatar"),
    ],
)
def test_patching_me_with_invalid_values_answers_field_errors(me, user, other_user, body, field):
    body = {**body, "display_name": "Changed"} if field != "display_name" else body

    response = me.patch(ME_URL, body, format="json")

    user.refresh_from_db()
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert all(isinstance(message, str) for message in response.json()[field])
    assert user.display_name == "Ratna Sari"


def test_patching_me_refuses_a_manager_who_reports_to_me(me, user, other_user):
    services.profile_update(user=other_user, manager=user)

    response = me.patch(ME_URL, {"manager": "budi"}, format="json")

    user.refresh_from_db()
    assert response.status_code == 400
    assert response.json() == {
        "manager": ["Budi Santoso reports to you, so cannot be your manager."]
    }
    assert user.manager is None


@pytest.mark.parametrize(
    "body",
    [{"is_staff": True}, {"username": "boss"}, {"email": "x@evil.test"}, {"password": "x"},
     {"follower_count": 99, "job_title": "Changed"}],
)  # fmt: skip
def test_patching_me_with_unknown_or_read_only_fields_is_refused(me, user, body):
    response = me.patch(ME_URL, body, format="json")

    user.refresh_from_db()
    assert response.status_code == 400
    assert set(response.json()) == set(body) - {"job_title"}
    assert (user.username, user.is_staff, user.job_title) == ("ratna", False, "Analyst")
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [('{"job_title": "Oops"', "application/json"), ("[1, 2]", "application/json"),
     ("job_title=Oops", "text/plain")],
)  # fmt: skip
def test_patching_me_with_a_malformed_body_answers_400_or_415_in_json(me, user, data, content_type):
    response = me.patch(ME_URL, data=data, content_type=content_type)

    user.refresh_from_db()
    assert response.status_code in (400, 415)
    assert "detail" in response.json() or "non_field_errors" in response.json()
    assert user.job_title == "Analyst"


def test_profile_update_serializer_only_sends_what_the_service_accepts():
    assert set(ProfileUpdateSerializer().fields) == {
        *services.EDITABLE_FIELDS,
        "skills",
        "interests",
        "avatar",
        "remove_avatar",
    }


# --- the directory --------------------------------------------------------------------


def test_the_directory_lists_active_colleagues_with_their_follow_state(me, user, other_user):
    services.user_follow(follower=user, followee=other_user)
    UserFactory(username="gone", display_name="Gone Person", is_active=False)

    data = me.get(PEOPLE_URL).json()

    rows = {row["username"]: row for row in data["results"]}
    assert data["count"] == 2
    assert list(rows) == ["budi", "ratna"]
    assert rows["budi"]["is_followed"] is True
    assert rows["ratna"]["is_followed"] is False
    assert rows["ratna"]["department"] == {"slug": "finance", "name": "Finance"}
    assert rows["budi"]["department"] is None
    assert rows["budi"]["initials"] == "BS"
    assert rows["budi"]["url"].endswith(person_url("budi"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "santoso"}, ["budi"]),
        ({"q": "sari ratna"}, ["ratna"]),
        ({"department": "finance"}, ["ratna"]),
        ({"office": "jakarta-hq"}, ["ratna"]),
        ({"skill": "python"}, ["budi"]),
        ({"interest": "badminton"}, ["budi", "ratna"]),
        ({"skill": "python", "interest": "badminton"}, ["budi"]),
        ({"q": ""}, ["budi", "ratna"]),
    ],
)
def test_the_directory_filters_like_the_html_directory(me, user, other_user, query, expected):
    services.profile_update(user=other_user, skills=["Python"], interests=["Badminton"])
    services.profile_update(user=user, skills=["Excel"], interests=["Badminton"])

    response = me.get(PEOPLE_URL, query)

    assert response.status_code == 200
    assert [row["username"] for row in response.json()["results"]] == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"department": "no-such-department"}, "department"),
        ({"office": "atlantis"}, "office"),
        ({"skill": "cobol"}, "skill"),
        ({"interest": "knitting"}, "interest"),
        ({"skill": "not a slug!"}, "skill"),
        ({"q": "x" * 101}, "q"),
    ],
)
def test_an_unknown_directory_filter_answers_a_field_error(me, user, query, field):
    response = me.get(PEOPLE_URL, query)

    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_a_page_past_the_end_answers_404_in_json(me, user):
    response = me.get(PEOPLE_URL, {"page": 99})

    assert response.status_code == 404
    assert "detail" in response.json()


def make_colleagues(n: int) -> list[User]:
    departments = [DepartmentFactory(name=f"Team {i}") for i in range(3)]
    offices = [OfficeFactory(name=f"Site {i}") for i in range(3)]
    return [
        UserFactory(department=departments[i % 3], office=offices[i % 3], manager=None)
        for i in range(n)
    ]


@pytest.mark.parametrize("n", [10, 100])
def test_the_directory_query_count_does_not_grow_with_the_number_of_people(
    me, user, n, django_assert_max_num_queries
):
    for person in make_colleagues(n)[::2]:
        services.user_follow(follower=user, followee=person)

    with django_assert_max_num_queries(5):
        response = me.get(PEOPLE_URL)

    assert response.status_code == 200
    assert len(response.json()["results"]) == min(n + 1, settings.REST_FRAMEWORK["PAGE_SIZE"])
    assert any(row["is_followed"] for row in response.json()["results"])


@pytest.mark.parametrize("n", [10, 100])
@pytest.mark.parametrize("suffix", ["followers/", "following/"])
def test_follow_lists_query_count_does_not_grow_with_the_number_of_people(
    me, user, n, suffix, django_assert_max_num_queries
):
    for person in make_colleagues(n):
        services.user_follow(follower=person, followee=user)
        services.user_follow(follower=user, followee=person)

    with django_assert_max_num_queries(6):
        response = me.get(person_url("ratna", suffix))

    assert response.status_code == 200
    assert response.json()["count"] == n
    assert all(row["is_followed"] for row in response.json()["results"])


# --- profiles and follows -------------------------------------------------------------


def test_a_persons_profile_shows_their_details_and_my_follow_state(me, user, other_user):
    services.profile_update(user=other_user, skills=["Python"], bio="**Hi**")
    services.user_follow(follower=user, followee=other_user)

    data = me.get(person_url("budi")).json()

    assert data["username"] == "budi"
    assert data["is_followed"] is True
    assert data["is_me"] is False
    assert data["follower_count"] == 1
    assert data["skills"] == [{"slug": "python", "name": "Python"}]
    assert data["bio"] == "**Hi**"
    assert "language" not in data and "timezone" not in data


def test_following_is_idempotent_and_answers_201_then_200(me, user, other_user):
    first = me.post(person_url("budi", "follow/"))
    second = me.post(person_url("budi", "follow/"))

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == {"username": "budi", "is_followed": True, "follower_count": 1}
    assert second.json() == first.json()
    assert Follow.objects.filter(follower=user, followee=other_user).count() == 1


def test_unfollowing_is_idempotent(me, user, other_user):
    services.user_follow(follower=user, followee=other_user)

    first = me.delete(person_url("budi", "follow/"))
    second = me.delete(person_url("budi", "follow/"))

    assert (first.status_code, second.status_code) == (204, 204)
    assert not Follow.objects.exists()


def test_following_yourself_is_refused(me, user):
    response = me.post(person_url("ratna", "follow/"))

    assert response.status_code == 400
    assert response.json() == {"detail": "You cannot follow yourself."}
    assert not Follow.objects.exists()


def test_following_through_the_api_records_an_analytics_event(
    me, user, other_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        me.post(person_url("budi", "follow/"))
        me.post(person_url("budi", "follow/"))

    events = Event.objects.filter(verb="user.followed")
    assert [(e.actor_id, e.object_type, e.object_id) for e in events] == [
        (user.pk, "profiles.user", other_user.pk)
    ]
    assert events.get().department_id == user.department_id


def test_follow_lists_show_followers_and_following_most_recent_first(me, user, other_user):
    third = UserFactory(username="citra")
    services.user_follow(follower=other_user, followee=user)
    services.user_follow(follower=third, followee=user)
    services.user_follow(follower=user, followee=third)

    followers = me.get(person_url("ratna", "followers/")).json()
    following = me.get(person_url("ratna", "following/")).json()
    budi_following = me.get(person_url("budi", "following/")).json()

    assert [r["username"] for r in followers["results"]] == ["citra", "budi"]
    assert [r["is_followed"] for r in followers["results"]] == [True, False]
    assert [r["username"] for r in following["results"]] == ["citra"]
    assert [r["username"] for r in budi_following["results"]] == ["ratna"]


def test_a_token_client_can_follow_without_a_session_or_csrf_token(user, other_user):
    client = APIClient(enforce_csrf_checks=True)
    body = {"username": "budi", "password": PASSWORD}
    token = client.post(TOKEN_URL, body, format="json").json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    response = client.post(person_url("ratna", "follow/"))

    assert response.status_code == 201
    assert Follow.objects.filter(follower=other_user, followee=user).exists()


def test_a_session_client_needs_the_csrf_token_to_write(user):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.patch(ME_URL, {"job_title": "Forged"}, format="json")

    user.refresh_from_db()
    assert response.status_code == 403
    assert response.json()["detail"].startswith("CSRF Failed")
    assert user.job_title == "Analyst"
