"""The people pages: home, directory, profiles, follows, suggestions, org chart, profile edit."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from profiles import services
from profiles.models import Follow, User
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def png_upload(size=(40, 30), name="me.png", color=(200, 80, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def six_megabyte_png() -> SimpleUploadedFile:
    # Random pixels do not compress, so the PNG stays above 6 MB.
    width, height = 1500, 1420
    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=0)
    data = buffer.getvalue()
    assert len(data) > 6 * 1024 * 1024
    return SimpleUploadedFile("big.png", data, content_type="image/png")


def profile_form_data(user: User, **changes) -> dict:
    """What the edit form posts for ``user`` as it stands, with ``changes`` applied."""
    data = {
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "job_title": user.job_title,
        "department": user.department_id or "",
        "office": user.office_id or "",
        "manager": user.manager.username if user.manager else "",
        "phone": user.phone,
        "bio": user.bio,
        "start_date": user.start_date.isoformat() if user.start_date else "",
        "language": user.language,
        "timezone": user.timezone,
        "skills": ", ".join(user.skills.names()),
        "interests": ", ".join(user.interests.names()),
        "languages": list(user.languages),
    }
    data.update(changes)
    return data


def names_on_page(response) -> set[str]:
    return {person.username for person in response.context["page"].object_list}


# --- every page, and who may open it ---------------------------------------------------

PAGES = [
    ("home", {}),
    ("profiles:directory", {}),
    ("profiles:suggestions", {}),
    ("profiles:org-chart", {}),
    ("profiles:org-chart-person", {"username": "budi"}),
    ("profiles:detail", {"username": "budi"}),
    ("profiles:detail", {"username": "ratna"}),
    ("profiles:followers", {"username": "budi"}),
    ("profiles:following", {"username": "budi"}),
    ("profiles:edit", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_every_people_page_renders_for_a_signed_in_user(user_client, other_user, name, kwargs):
    services.profile_update(user=other_user, manager=None, skills=["Python"], bio="Hello")
    services.user_follow(follower=other_user, followee=UserFactory())

    response = user_client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 200
    assert b"<html" in response.content


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_anonymous_visitor_is_sent_to_the_login_page(client, other_user, name, kwargs):
    url = reverse(name, kwargs=kwargs)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "next=" in response.url


@pytest.mark.parametrize(
    "name",
    ["profiles:detail", "profiles:followers", "profiles:following", "profiles:org-chart-person"],
)
@pytest.mark.parametrize("who", ["unknown", "deactivated"])
def test_unknown_and_deactivated_people_are_not_found(user_client, other_user, name, who):
    if who == "deactivated":
        services.user_set_active(user=other_user, active=False)
    username = "nobody-here" if who == "unknown" else other_user.username

    response = user_client.get(reverse(name, kwargs={"username": username}))

    assert response.status_code == 404


def test_following_a_deactivated_person_is_not_found(user_client, user, other_user):
    services.user_set_active(user=other_user, active=False)

    response = user_client.post(reverse("profiles:follow", kwargs={"username": "budi"}))

    assert response.status_code == 404
    assert not Follow.objects.filter(follower=user).exists()


# --- directory ----------------------------------------------------------------------------


@pytest.fixture
def colleagues(db, user):
    """Four colleagues spread over two departments, two offices, skills and interests."""
    finance, engineering = DepartmentFactory(name="Finance"), DepartmentFactory(name="Engineering")
    jakarta, bandung = OfficeFactory(name="Jakarta HQ"), OfficeFactory(name="Bandung")
    people = {
        "agus": dict(department=engineering, office=bandung, skills=["Python", "SQL"],
                     interests=["Badminton"], job_title="Backend Engineer"),
        "dewi": dict(department=engineering, office=jakarta, skills=["React"],
                     interests=["Photography"], job_title="Frontend Engineer"),
        "eko": dict(department=finance, office=bandung, skills=["SAP FI"],
                    interests=["Badminton"], job_title="Accountant"),
        "maya": dict(department=finance, office=jakarta, skills=["Excel", "SQL"],
                     interests=["Cooking"], job_title="Controller"),
    }  # fmt: skip
    made = {}
    for username, profile in people.items():
        person = UserFactory(username=username, display_name=username.title() + " Person")
        made[username] = services.profile_update(user=person, **profile)
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"department": "engineering"}, {"agus", "dewi"}),
        ({"office": "bandung"}, {"agus", "eko"}),
        ({"skill": "sql"}, {"agus", "maya"}),
        ({"interest": "badminton"}, {"agus", "eko"}),
        ({"q": "engineer"}, {"agus", "dewi"}),
        ({"q": "maya"}, {"maya"}),
        ({"department": "finance", "office": "jakarta-hq"}, {"maya", "ratna"}),
        ({"department": "engineering", "skill": "sql", "interest": "badminton"}, {"agus"}),
    ],
)
def test_directory_filters_narrow_the_people_shown(user_client, colleagues, query, expected):
    response = user_client.get(reverse("profiles:directory"), query)

    assert response.status_code == 200
    assert names_on_page(response) == expected


def test_directory_without_filters_lists_every_active_person_alphabetically(
    user_client, colleagues
):
    services.user_set_active(user=colleagues["eko"], active=False)

    response = user_client.get(reverse("profiles:directory"))

    people = list(response.context["page"].object_list)
    assert [p.username for p in people] == ["agus", "dewi", "maya", "ratna"]
    assert "4 people" in response.content.decode()


def test_directory_ignores_an_unknown_department_but_keeps_the_other_filters(
    user_client, colleagues
):
    response = user_client.get(
        reverse("profiles:directory"), {"department": "gone", "office": "bandung"}
    )

    assert response.status_code == 200
    assert names_on_page(response) == {"agus", "eko"}


def test_directory_shows_an_empty_state_when_nobody_matches(user_client, colleagues):
    response = user_client.get(reverse("profiles:directory"), {"q": "zzz-nobody"})

    assert names_on_page(response) == set()
    assert "Nobody matches these filters" in response.content.decode()


def test_directory_pages_and_keeps_the_filters_in_the_page_links(user_client, user):
    department = user.department
    for index in range(30):
        UserFactory(username=f"fin{index:02d}", display_name=f"Fin {index:02d}",
                    department=department)  # fmt: skip
    UserFactory(username="outsider", display_name="Aaron Outsider")

    first = user_client.get(reverse("profiles:directory"), {"department": department.slug})
    second = user_client.get(
        reverse("profiles:directory"), {"department": department.slug, "page": 2}
    )

    assert len(first.context["page"].object_list) == 24
    assert len(second.context["page"].object_list) == 7  # 30 + Ratna herself.
    assert names_on_page(first).isdisjoint(names_on_page(second))
    assert "outsider" not in names_on_page(first) | names_on_page(second)
    assert f"?department={department.slug}&amp;page=2" in first.content.decode()
    assert "31 people" in first.content.decode()


def test_directory_htmx_request_gets_only_the_results(user_client, colleagues):
    response = user_client.get(reverse("profiles:directory"), {"office": "bandung"}, **HTMX)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'id="results"' in content
    assert "Agus Person" in content and "Dewi Person" not in content
    assert 'hx-swap-oob="innerHTML:#live-region"' in content


def test_directory_filter_form_works_with_and_without_javascript(user_client, colleagues):
    content = user_client.get(reverse("profiles:directory"), {"skill": "sql"}).content.decode()

    assert 'method="get" action="/people/"' in content
    assert 'hx-get="/people/"' in content and 'hx-push-url="true"' in content
    assert "delay:300ms" in content
    assert '<option value="sql" selected>' in content
    for field in ("q", "department", "office", "skill", "interest"):
        assert f'name="{field}"' in content


def test_person_card_shows_no_follow_button_for_yourself(user_client, user, other_user):
    content = user_client.get(reverse("profiles:directory")).content.decode()

    assert reverse("profiles:follow", kwargs={"username": "budi"}) in content
    assert reverse("profiles:follow", kwargs={"username": "ratna"}) not in content


# --- follow and unfollow ------------------------------------------------------------------


def test_follow_with_a_normal_post_goes_back_to_the_page_with_a_message(
    user_client, user, other_user
):
    response = user_client.post(
        reverse("profiles:follow", kwargs={"username": "budi"}),
        {"next": "/people/?q=bu"},
        follow=True,
    )

    assert response.redirect_chain == [("/people/?q=bu", 302)]
    assert Follow.objects.filter(follower=user, followee=other_user).exists()
    assert "You now follow Budi Santoso." in response.content.decode()


def test_following_twice_keeps_one_row(user_client, user, other_user):
    url = reverse("profiles:follow", kwargs={"username": "budi"})

    user_client.post(url)
    user_client.post(url)

    assert Follow.objects.filter(follower=user, followee=other_user).count() == 1


def test_unfollow_with_a_normal_post_removes_the_row(user_client, user, other_user):
    services.user_follow(follower=user, followee=other_user)

    response = user_client.post(reverse("profiles:unfollow", kwargs={"username": "budi"}))

    assert response.status_code == 302
    assert response.url == other_user.get_absolute_url()
    assert not Follow.objects.filter(follower=user, followee=other_user).exists()


def test_follow_ignores_a_next_address_on_another_site(user_client, other_user):
    response = user_client.post(
        reverse("profiles:follow", kwargs={"username": "budi"}), {"next": "https://evil.example/"}
    )

    assert response.status_code == 302
    assert response.url == other_user.get_absolute_url()


def test_follow_with_htmx_swaps_in_the_following_button(user_client, user, other_user):
    response = user_client.post(
        reverse("profiles:follow", kwargs={"username": "budi"}),
        HTTP_HX_TRIGGER="follow-new-7",
        **HTMX,
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert Follow.objects.filter(follower=user, followee=other_user).exists()
    assert reverse("profiles:unfollow", kwargs={"username": "budi"}) in content
    assert "Following" in content
    # The same ids as before, so the keyboard focus stays on the button.
    assert 'id="follow-new-7"' in content and 'id="follow-new-7-button"' in content
    assert 'hx-target="this"' in content and 'hx-swap="outerHTML"' in content


def test_unfollow_with_htmx_swaps_in_the_follow_button(user_client, user, other_user):
    services.user_follow(follower=user, followee=other_user)

    response = user_client.post(reverse("profiles:unfollow", kwargs={"username": "budi"}), **HTMX)

    content = response.content.decode()
    assert response.status_code == 200
    assert not Follow.objects.filter(follower=user, followee=other_user).exists()
    assert reverse("profiles:follow", kwargs={"username": "budi"}) in content


def test_following_yourself_is_refused_with_a_message_and_no_row(user_client, user):
    response = user_client.post(
        reverse("profiles:follow", kwargs={"username": "ratna"}), follow=True
    )

    assert "You cannot follow yourself." in response.content.decode()
    assert not Follow.objects.filter(follower=user).exists()


def test_following_yourself_with_htmx_answers_422_with_the_message(user_client, user):
    response = user_client.post(reverse("profiles:follow", kwargs={"username": "ratna"}), **HTMX)

    assert response.status_code == 422
    assert "You cannot follow yourself." in response.content.decode()
    assert not Follow.objects.filter(follower=user).exists()


@pytest.mark.parametrize("name", ["profiles:follow", "profiles:unfollow"])
def test_follow_and_unfollow_refuse_get(user_client, user, other_user, name):
    response = user_client.get(reverse(name, kwargs={"username": "budi"}))

    assert response.status_code == 405
    assert not Follow.objects.filter(follower=user).exists()


def test_anonymous_visitor_cannot_follow(client, user, other_user):
    response = client.post(reverse("profiles:follow", kwargs={"username": "budi"}))

    assert response.status_code == 302
    assert not Follow.objects.exists()


# --- profile page -------------------------------------------------------------------------


def test_profile_page_shows_the_person(user_client, user, other_user):
    boss = UserFactory(username="sari", display_name="Sari Wijaya", job_title="CEO")
    vp = UserFactory(username="vp", display_name="Vera Presiden")
    services.profile_update(user=vp, manager=boss)
    services.profile_update(
        user=other_user,
        manager=vp,
        job_title="VP Engineering",
        phone="+62 812 555 0101",
        bio="I build **platforms**.",
        languages=["id", "en"],
        skills=["Python", "System Design"],
        interests=["Badminton"],
        start_date="2019-03-04",
    )
    report = services.profile_update(user=UserFactory(username="agus"), manager=other_user)
    services.user_follow(follower=user, followee=other_user)
    services.user_follow(follower=other_user, followee=report)

    response = user_client.get(other_user.get_absolute_url())

    content = response.content.decode()
    assert response.context["person"].follower_count == 1
    assert response.context["person"].following_count == 1
    assert 'href="mailto:budi@kolega.test"' in content
    assert 'href="tel:+628125550101"' in content
    assert "<strong>platforms</strong>" in content
    assert "Indonesian, English" in content
    assert "March 4, 2019" in content
    assert 'href="/people/?skill=system-design"' in content
    assert 'href="/people/?interest=badminton"' in content
    assert reverse("profiles:followers", kwargs={"username": "budi"}) in content
    assert reverse("profiles:following", kwargs={"username": "budi"}) in content
    assert reverse("profiles:org-chart-person", kwargs={"username": "budi"}) in content
    assert report.name in content
    # The management chain reads from the top down.
    assert content.index("Sari Wijaya") < content.index("Vera Presiden")
    # The viewer follows them: the button offers to stop.
    assert reverse("profiles:unfollow", kwargs={"username": "budi"}) in content
    assert "followed" in content and report.name in content


def test_my_own_profile_offers_edit_and_no_follow_button(user_client, user):
    content = user_client.get(user.get_absolute_url()).content.decode()

    assert reverse("profiles:edit") in content
    assert reverse("profiles:follow", kwargs={"username": "ratna"}) not in content
    assert "joined Kolega" in content


def test_profile_counts_leave_out_deactivated_followers(user_client, user, other_user):
    gone = UserFactory()
    services.user_follow(follower=gone, followee=other_user)
    services.user_follow(follower=user, followee=other_user)
    services.user_set_active(user=gone, active=False)

    response = user_client.get(other_user.get_absolute_url())

    assert response.context["person"].follower_count == 1


def test_follower_and_following_lists_show_the_right_people(user_client, user, other_user):
    fan = UserFactory(username="fan", display_name="Fan Person")
    idol = UserFactory(username="idol", display_name="Idol Person")
    services.user_follow(follower=fan, followee=other_user)
    services.user_follow(follower=user, followee=other_user)
    services.user_follow(follower=other_user, followee=idol)

    followers = user_client.get(reverse("profiles:followers", kwargs={"username": "budi"}))
    following = user_client.get(reverse("profiles:following", kwargs={"username": "budi"}))

    assert names_on_page(followers) == {"fan", "ratna"}
    assert names_on_page(following) == {"idol"}


def test_follower_list_pages(user_client, other_user):
    for _index in range(35):
        services.user_follow(follower=UserFactory(), followee=other_user)
    url = reverse("profiles:followers", kwargs={"username": "budi"})

    first, second = user_client.get(url), user_client.get(url, {"page": 2})

    assert len(first.context["page"].object_list) == 30
    assert len(second.context["page"].object_list) == 5
    assert "?page=2" in first.content.decode()


def test_empty_follow_list_says_so(user_client, other_user):
    response = user_client.get(reverse("profiles:following", kwargs={"username": "budi"}))

    assert "This person does not follow anyone yet." in response.content.decode()


# --- output escaping ----------------------------------------------------------------------


@pytest.mark.parametrize("where", ["profile", "directory", "followers"])
def test_a_hostile_display_name_is_escaped(user_client, user, where):
    hostile = UserFactory(username="hostile", display_name="<script>alert(1)</script>")
    services.user_follow(follower=hostile, followee=user)
    url = {
        "profile": hostile.get_absolute_url(),
        "directory": reverse("profiles:directory"),
        "followers": reverse("profiles:followers", kwargs={"username": "ratna"}),
    }[where]

    content = user_client.get(url).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_bio_markdown_is_sanitised(user_client, other_user):
    services.profile_update(
        user=other_user,
        bio=(
            "**Hello** <script>alert('bio')</script>\n\n"
            '[click me](javascript:alert%281%29) <a href="javascript:alert(2)">raw</a>\n\n'
            '<img src=x onerror="alert(3)">'
        ),
    )

    content = user_client.get(other_user.get_absolute_url()).content.decode()

    assert "<strong>Hello</strong>" in content
    assert "<script>alert(" not in content
    assert 'href="javascript:' not in content
    assert "onerror" not in content


# --- suggestions and home -----------------------------------------------------------------


def test_suggestions_offer_same_department_and_shared_skills_with_reasons(
    user_client, user, department
):
    services.profile_update(user=user, skills=["SAP FI", "Excel"], interests=["Badminton"])
    same_department = UserFactory(username="siti", display_name="Siti Colleague",
                                  department=department)  # fmt: skip
    shared_skill = services.profile_update(
        user=UserFactory(username="joko", display_name="Joko Skills"), skills=["Excel"]
    )
    already_followed = UserFactory(username="followed", department=department)
    services.user_follow(follower=user, followee=already_followed)
    UserFactory(username="stranger")

    response = user_client.get(reverse("profiles:suggestions"))

    content = response.content.decode()
    suggested = {s.person.username: s.reasons for s in response.context["suggestions"]}
    assert set(suggested) == {same_department.username, shared_skill.username}
    assert suggested["siti"] == ["Same department"]
    assert suggested["joko"] == ["1 shared skill"]
    assert "Same department" in content and "1 shared skill" in content
    assert reverse("profiles:follow", kwargs={"username": "joko"}) in content


def test_suggestions_page_has_an_empty_state(user_client, user):
    content = user_client.get(reverse("profiles:suggestions")).content.decode()

    assert "No suggestions right now" in content


def test_home_shows_suggestions_newcomers_activity_and_the_completeness_hint(
    user_client, user, department
):
    colleague = UserFactory(username="siti", display_name="Siti Colleague", department=department)
    newcomer = UserFactory(username="baru", display_name="Baru Datang")
    services.user_follow(follower=user, followee=newcomer)

    response = user_client.get(reverse("home"))

    content = response.content.decode()
    assert [s.person for s in response.context["suggestions"]] == [colleague]
    assert user not in response.context["newcomers"]
    assert newcomer in response.context["newcomers"]
    assert response.context["missing"] == ["photo", "bio", "skills"]
    assert "Complete your profile" in content
    assert "You</span> followed" in content and "Baru Datang" in content
    assert reverse("profiles:directory") in content and reverse("profiles:org-chart") in content


def test_home_hides_the_completeness_hint_when_the_profile_is_complete(user_client, user):
    services.profile_update(user=user, bio="Hi", skills=["Excel"], avatar=png_upload())

    response = user_client.get(reverse("home"))

    assert response.context["missing"] == []
    assert "Complete your profile" not in response.content.decode()


# --- org chart ----------------------------------------------------------------------------


@pytest.fixture
def org(db, user, other_user):
    """Sari at the top; Budi and Ratna report to her; Agus and Dewi report to Budi."""
    sari = UserFactory(username="sari", display_name="Sari Top")
    services.profile_update(user=other_user, manager=sari)
    services.profile_update(user=user, manager=sari)
    agus = services.profile_update(user=UserFactory(username="agus", display_name="Agus Low"),
                                   manager=other_user)  # fmt: skip
    dewi = services.profile_update(user=UserFactory(username="dewi", display_name="Dewi Low"),
                                   manager=other_user)  # fmt: skip
    return {"sari": sari, "budi": other_user, "ratna": user, "agus": agus, "dewi": dewi}


def test_org_chart_starts_from_the_top(user_client, org):
    response = user_client.get(reverse("profiles:org-chart"))

    content = response.content.decode()
    assert [p.username for p in response.context["reports"]] == ["sari"]
    assert response.context["reports"][0].report_count == 2
    assert "Top of the organisation" in content
    assert "Budi Santoso" not in content
    expand = reverse("profiles:org-chart-person", kwargs={"username": "sari"})
    assert f'hx-get="{expand}"' in content and 'hx-trigger="toggle once"' in content


def test_org_chart_from_a_person_shows_the_chain_and_their_reports(user_client, org):
    response = user_client.get(reverse("profiles:org-chart-person", kwargs={"username": "budi"}))

    content = response.content.decode().split("<main", 1)[1]
    assert response.context["chain"] == [org["sari"]]
    assert [p.username for p in response.context["reports"]] == ["agus", "dewi"]
    assert content.index("Sari Top") < content.index("Budi Santoso") < content.index("Agus Low")
    assert "Ratna Sari</a>" not in content


def test_org_chart_expand_with_htmx_returns_only_the_reports(user_client, org):
    response = user_client.get(
        reverse("profiles:org-chart-person", kwargs={"username": "budi"}), **HTMX
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "Agus Low" in content and "Dewi Low" in content
    assert "Sari Top" not in content


def test_manager_chain_stops_at_a_cycle(user_client, org):
    # An admin could create a loop directly in the database; the page must still render.
    User.objects.filter(pk=org["sari"].pk).update(manager=org["agus"])

    response = user_client.get(reverse("profiles:detail", kwargs={"username": "budi"}))

    assert response.status_code == 200


# --- profile edit -------------------------------------------------------------------------


def test_profile_edit_saves_fields_skills_interests_languages_and_photo(
    user_client, user, other_user
):
    engineering = DepartmentFactory(name="Engineering")
    bandung = OfficeFactory(name="Bandung")
    data = profile_form_data(
        user,
        display_name="Ratna S.",
        job_title="Finance Director",
        department=engineering.pk,
        office=bandung.pk,
        manager=other_user.username,
        phone="+62 21 555 0101",
        bio="Numbers **and** people.",
        start_date="2020-01-15",
        language="id",
        timezone="Asia/Makassar",
        skills="SAP FI, Budgeting, budgeting",
        interests="Badminton, Photography",
        languages=["id", "jv"],
        avatar=png_upload(size=(40, 30)),
    )

    response = user_client.post(reverse("profiles:edit"), data)

    assert response.status_code == 302
    assert response.url == user.get_absolute_url()
    user.refresh_from_db()
    assert user.display_name == "Ratna S."
    assert user.job_title == "Finance Director"
    assert (user.department, user.office, user.manager) == (engineering, bandung, other_user)
    assert user.phone == "+62 21 555 0101"
    assert str(user.start_date) == "2020-01-15"
    assert (user.language, user.timezone) == ("id", "Asia/Makassar")
    assert sorted(user.skills.names()) == ["Budgeting", "SAP FI"]
    assert sorted(user.interests.names()) == ["Badminton", "Photography"]
    assert user.languages == ["id", "jv"]
    with user.avatar.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (512, 512)


def test_profile_edit_shows_the_current_values(user_client, user):
    services.profile_update(user=user, skills=["SAP FI"], interests=["Cooking"], bio="Hi there")

    response = user_client.get(reverse("profiles:edit"))

    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert 'value="SAP FI"' in content and 'value="Cooking"' in content
    assert "Hi there" in content
    for section in ("About you", "Work", "Contact", "Skills and interests", "Preferences"):
        assert section in content
    assert 'for="id_avatar"' in content and 'for="id_bio"' in content


def test_profile_edit_with_htmx_redirects_the_browser_on_success(user_client, user):
    response = user_client.post(
        reverse("profiles:edit"), profile_form_data(user, job_title="Boss"), **HTMX
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == user.get_absolute_url()


def test_profile_edit_removes_the_photo(user_client, user):
    services.profile_update(user=user, avatar=png_upload())

    user_client.post(reverse("profiles:edit"), profile_form_data(user, remove_avatar="on"))

    user.refresh_from_db()
    assert not user.avatar


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("notes.png", b"this is not an image", content_type="image/png"),
            "Upload a valid image",
        ),
        (None, "the limit is 5.0"),  # A 6 MB image, built in the test.
    ],
    ids=["not-an-image", "six-megabytes"],
)
def test_profile_edit_refuses_a_bad_photo_and_keeps_what_was_typed(
    user_client, user, upload, message
):
    upload = upload or six_megabyte_png()
    before = user.display_name

    response = user_client.post(
        reverse("profiles:edit"),
        profile_form_data(user, display_name="Typed But Not Saved", avatar=upload),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert message in content.replace("\xa0", " ")
    assert response.context["form"].errors["avatar"]
    assert 'value="Typed But Not Saved"' in content
    assert 'aria-invalid="true"' in content and "is-invalid" in content
    user.refresh_from_db()
    assert user.display_name == before
    assert not user.avatar


def test_profile_edit_error_with_htmx_answers_422_with_the_form_only(user_client, user):
    response = user_client.post(
        reverse("profiles:edit"),
        profile_form_data(
            user,
            bio="Typed bio stays",
            avatar=SimpleUploadedFile("x.gif", b"GIF89a-broken", content_type="image/gif"),
        ),
        **HTMX,
    )

    content = response.content.decode()
    assert response.status_code == 422
    assert "<html" not in content
    assert 'id="profile-form"' in content
    assert "Typed bio stays" in content
    assert "Your profile was not saved" in content


def test_profile_edit_refuses_a_manager_cycle(user_client, user, other_user):
    services.profile_update(user=other_user, manager=user)
    before = user.job_title

    response = user_client.post(
        reverse("profiles:edit"),
        profile_form_data(user, manager=other_user.username, job_title="X"),
    )

    assert response.status_code == 200
    assert "reports to you" in response.context["form"].errors["manager"][0]
    user.refresh_from_db()
    assert user.manager is None
    assert user.job_title == before


def test_profile_edit_refuses_unknown_languages(user_client, user):
    response = user_client.post(
        reverse("profiles:edit"), profile_form_data(user, languages=["id", "xx"])
    )

    assert response.status_code == 200
    assert response.context["form"].errors["languages"]
    user.refresh_from_db()
    assert user.languages == []


# --- query counts: the same bound for 10 and for 100 people ------------------------------


def _crowd(n: int, *, around: User) -> None:
    """``n`` people who follow ``around``, report to it, and share its department and skills;
    ``around`` itself sits two levels below the top."""
    top = UserFactory(username="crowd-top")
    services.profile_update(user=around, manager=services.profile_update(
        user=UserFactory(username="crowd-middle"), manager=top))  # fmt: skip
    for index in range(n):
        person = UserFactory(username=f"crowd{index:03d}", department=around.department)
        services.profile_update(user=person, manager=around, skills=[f"Skill {index % 7}"])
        services.user_follow(follower=person, followee=around)
        services.user_follow(follower=around, followee=person)


@pytest.mark.parametrize("n", [10, 100])
def test_directory_query_count_does_not_grow_with_people(
    user_client, user, n, django_assert_max_num_queries
):
    _crowd(n, around=user)
    services.user_follow(follower=user, followee=UserFactory())

    with django_assert_max_num_queries(12):
        response = user_client.get(reverse("profiles:directory"), {"skill": "skill-1"})
    assert response.status_code == 200


@pytest.mark.parametrize("n", [10, 100])
def test_profile_page_query_count_does_not_grow_with_people(
    user_client, user, other_user, n, django_assert_max_num_queries
):
    services.profile_update(user=other_user, skills=[f"Skill {i}" for i in range(20)],
                            interests=[f"Hobby {i}" for i in range(20)])  # fmt: skip
    _crowd(n, around=other_user)

    # 11 for the person, +2 for "member of": the viewer's site roles and the communities,
    # +7 for "Expertise" (forums.experts: 5 for the topics, 2 for the answer stats).
    with django_assert_max_num_queries(22):
        response = user_client.get(other_user.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["reports"]) == n


@pytest.mark.parametrize("n", [10, 100])
def test_followers_list_query_count_does_not_grow_with_people(
    user_client, other_user, n, django_assert_max_num_queries
):
    _crowd(n, around=other_user)

    with django_assert_max_num_queries(9):
        response = user_client.get(reverse("profiles:followers", kwargs={"username": "budi"}))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [10, 100])
def test_org_chart_top_query_count_does_not_grow_with_people(
    user_client, n, django_assert_max_num_queries
):
    for index in range(n):  # n people at the top, each with one report.
        services.profile_update(user=UserFactory(username=f"low{index:03d}"),
                                manager=UserFactory(username=f"top{index:03d}"))  # fmt: skip

    with django_assert_max_num_queries(6):
        response = user_client.get(reverse("profiles:org-chart"))
    assert response.status_code == 200
    assert len(response.context["reports"]) == n + 1  # And Ratna, who has no manager.


@pytest.mark.parametrize("n", [10, 100])
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "expand"])
def test_org_chart_person_query_count_does_not_grow_with_people(
    user_client, other_user, n, htmx, django_assert_max_num_queries
):
    _crowd(n, around=other_user)
    for index in range(n):
        services.profile_update(user=UserFactory(username=f"low{index:03d}"),
                                manager=User.objects.get(username=f"crowd{index:03d}"))  # fmt: skip
    url = reverse("profiles:org-chart-person", kwargs={"username": "budi"})

    with django_assert_max_num_queries(9):
        response = user_client.get(url, **(HTMX if htmx else {}))
    assert response.status_code == 200
    assert response.content.decode().count("1 direct report\n") == n


@pytest.mark.parametrize("n", [10, 100])
def test_home_query_count_does_not_grow_with_people(
    user_client, user, n, django_assert_max_num_queries
):
    _crowd(n, around=user)

    with django_assert_max_num_queries(42):
        response = user_client.get(reverse("home"))
    assert response.status_code == 200


def test_manager_field_is_a_text_box_with_suggestions_not_a_list_of_everyone(
    user_client, other_user
):
    UserFactory.create_batch(30)

    content = user_client.get(reverse("profiles:edit")).content.decode()

    assert 'list="manager-options"' in content
    assert content.count("<option") < 30 + 600  # Languages and time zones, not people.
    assert other_user.username not in content


def test_person_suggestions_match_names_and_leave_out_deactivated_people(user_client, db):
    UserFactory(username="agus.wijaya", display_name="Agus Wijaya", job_title="Auditor")
    UserFactory(username="agus.gone", display_name="Agus Pergi", is_active=False)
    UserFactory(username="budi", display_name="Budi Santoso")

    response = user_client.get(reverse("profiles:suggest"), {"manager": "agus"})

    content = response.content.decode()
    assert response.status_code == 200
    assert '<option value="agus.wijaya">Agus Wijaya · Auditor</option>' in content
    assert "agus.gone" not in content and "budi" not in content


def test_person_suggestions_for_an_empty_query_are_empty(user_client):
    response = user_client.get(reverse("profiles:suggest"), {"q": "  "})

    assert response.content.decode().strip() == ""


def test_profile_edit_refuses_an_unknown_manager_username_and_keeps_the_form(user_client, user):
    response = user_client.post(
        reverse("profiles:edit"), profile_form_data(user, manager="nobody.here", bio="Kept")
    )

    assert response.status_code == 200
    assert "Pick an active colleague" in response.context["form"].errors["manager"][0]
    assert "Kept" in response.content.decode()
    user.refresh_from_db()
    assert user.manager is None and user.bio == ""


def test_profile_edit_shows_the_current_manager_by_username(user_client, user, other_user):
    services.profile_update(user=user, manager=other_user)

    content = user_client.get(reverse("profiles:edit")).content.decode()

    assert f'value="{other_user.username}"' in content
    assert f'<option value="{other_user.username}">{other_user.name}</option>' in content


@pytest.mark.parametrize(("language", "expected"), [("en", "1,001 people"), ("id", "1.001 orang")])
def test_directory_count_is_written_the_way_the_viewers_language_writes_numbers(
    client, user, language, expected
):
    # Volume, not behaviour, so plain rows are enough here.
    User.objects.bulk_create(User(username=f"bulk{i:04d}") for i in range(1000))
    services.user_set_preferences(user=user, language=language)
    client.force_login(user)

    response = client.get(reverse("profiles:directory"))

    assert expected in response.content.decode()
