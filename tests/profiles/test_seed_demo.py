import datetime
import hashlib
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from taggit.models import Tag

from profiles import roles
from profiles.demo import data
from profiles.demo.plan import MAX_SPAN, MIN_USERS, company_plan
from profiles.demo.seed import DEMO_PASSWORD
from profiles.models import Department, Follow, Office, SpokenLanguage, User
from tests.conftest import shared_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def seed(**options) -> str:
    """``seed_demo``'s output; without the analytics history (tests/analytics/demo reads it)
    unless asked: it is a third of the seed's time."""
    options.setdefault("analytics", False)
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def people():
    return User.objects.exclude(username="admin")


def snapshot() -> dict:
    """Everything the seed decides, keyed by usernames (database ids may differ)."""
    return {
        "people": sorted(
            (
                u.username, u.display_name, u.email, u.job_title, u.department.name,
                u.office.name, u.manager.username if u.manager else None, u.phone, u.bio,
                tuple(u.languages), u.start_date, u.timezone,
                tuple(sorted(t.name for t in u.skills.all())),
                tuple(sorted(t.name for t in u.interests.all())),
                tuple(sorted(g.name for g in u.groups.all())),
            )
            for u in people().select_related("department", "office", "manager")
            .prefetch_related("skills", "interests", "groups")
        ),
        "heads": sorted(Department.objects.values_list("name", "head__username")),
        "follows": sorted(Follow.objects.values_list("follower__username", "followee__username")),
    }  # fmt: skip


def wipe() -> None:
    User.objects.all().delete()
    Department.objects.all().delete()
    Office.objects.all().delete()
    Tag.objects.all().delete()


@pytest.fixture(scope="class")
def company(request, django_db_setup, django_db_blocker):
    """A company of ``request.param`` people (None: the default size) seeded by ``seed_demo``
    once for the tests of a class that ask for it, rolled back after them: its size and the
    command's output."""
    users = request.param
    with shared_data(django_db_blocker):
        output = seed() if users is None else seed(users=users)
        yield SimpleNamespace(users=users, output=output)


def sizes(*users):
    """Run a test of ``TestTheSeededCompany`` on the company of each of these sizes."""
    return pytest.mark.parametrize("company", users, indirect=True)


def test_the_plan_does_not_depend_on_python_hash_randomisation():
    script = (
        "import datetime, hashlib\n"
        "from profiles.demo.plan import company_plan\n"
        "c = company_plan(seed=3, users=200, today=datetime.date(2025, 1, 31))\n"
        "print(hashlib.sha256(repr((c.people, c.heads, c.follows)).encode()).hexdigest())\n"
    )
    root = Path(__file__).resolve().parents[2]
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        ).stdout  # fmt: skip
        for hash_seed in ("1", "2")
    }
    here = company_plan(seed=3, users=200, today=datetime.date(2025, 1, 31))
    local = hashlib.sha256(repr((here.people, here.heads, here.follows)).encode()).hexdigest()

    assert digests == {local + "\n"}


def assert_sound_org_chart(managers: dict, ceo) -> None:
    """One root, ``ceo``; everyone reaches it without a cycle; nobody below the CEO manages
    more than MAX_SPAN people directly."""
    assert [pk for pk, manager in managers.items() if manager is None] == [ceo]
    for pk in managers:
        seen = set()
        while managers[pk] is not None:
            assert pk not in seen
            seen.add(pk)
            pk = managers[pk]
        assert pk == ceo
    spans = {}
    for manager in managers.values():
        spans[manager] = spans.get(manager, 0) + 1
    assert all(span <= MAX_SPAN for manager, span in spans.items() if manager != ceo)


@pytest.mark.parametrize("users", [30, 400, 2000])
def test_the_planned_org_chart_is_sound_at_any_size(users):
    # The plan decides the org chart (seeding it is checked on a seeded company below); a big
    # company is checked here without writing it.
    company = company_plan(seed=42, users=users, today=datetime.date(2026, 1, 31))
    managers = {person.index: person.manager for person in company.people}

    assert_sound_org_chart(managers, company.heads[data.EXECUTIVE_OFFICE])
    assert company.people[company.heads[data.EXECUTIVE_OFFICE]].username == "hendra.gunawan"
    expected = [data.EXECUTIVE_OFFICE, *data.DEPARTMENTS] if users >= data.SMALL_COMPANY else None
    if expected:
        assert sorted(company.departments) == sorted(expected)
    for department, head in company.heads.items():
        assert company.people[head].department == department
        members = [person for person in company.people if person.department == department]
        assert len(members) >= 2


class TestTheSeededCompany:
    """Tests that read a company seeded by ``seed_demo`` (``None``: its default size): each
    size is seeded once for them."""

    @sizes(None)
    def test_the_default_company_has_sixty_people(self, company):
        assert people().count() == 60
        assert Department.objects.count() == 7  # Six departments and the Executive Office.
        assert Office.objects.count() == len(data.OFFICES)

    @sizes(30)
    def test_seed_demo_creates_the_requested_number_of_people_plus_admin(self, company):
        output = company.output

        assert people().count() == 30
        admin = User.objects.get(username="admin")
        assert admin.is_superuser and admin.is_staff
        assert "Created PT Kolega Nusantara" in output
        assert "kolega-demo" in output

    @sizes(30)
    def test_the_org_chart_has_one_root_no_cycles_and_a_sane_span_of_control(self, company):
        managers = dict(people().values_list("pk", "manager_id"))

        ceo = User.objects.get(username="hendra.gunawan")
        assert_sound_org_chart(managers, ceo.pk)

    @sizes(30)
    def test_every_department_has_a_head_of_its_own_who_reports_to_the_ceo(self, company):
        ceo = User.objects.get(username="hendra.gunawan")

        expected = 7 if company.users < data.SMALL_COMPANY else len(data.DEPARTMENTS) + 1
        assert Department.objects.count() == expected
        for department in Department.objects.select_related("head"):
            assert department.head is not None, department
            assert department.head.department_id == department.pk
            assert department.head == ceo or department.head.manager_id == ceo.pk
            assert department.members.count() >= 2
        assert set(ceo.groups.values_list("name", flat=True)) == {roles.LEADERS}

    @sizes(20)
    def test_the_same_seed_gives_the_same_company(self, company):
        first = snapshot()
        wipe()
        seed(users=20, seed=42)

        assert snapshot() == first

    @sizes(20)
    def test_a_different_seed_gives_a_different_company(self, company):
        first = snapshot()
        wipe()
        seed(users=20, seed=8)

        assert snapshot()["people"] != first["people"]

    @sizes(None)  # The default company: 60 people.
    def test_everyone_follows_their_manager_and_nobody_follows_themselves(self, company):
        follows = set(Follow.objects.values_list("follower_id", "followee_id"))

        for pk, manager in people().filter(manager__isnull=False).values_list("pk", "manager_id"):
            assert (pk, manager) in follows
        assert all(a != b for a, b in follows)
        assert Follow.objects.count() == len(follows) > 60 * 3

    @sizes(None)  # The default company: 60 people.
    def test_seeded_people_pass_model_validation_and_look_like_employees(self, company):
        language_codes = set(SpokenLanguage.values)

        usernames = list(people().values_list("username", flat=True))
        assert len(set(usernames)) == 60
        for person in people().select_related("office"):
            person.full_clean(exclude=["password"])
            assert re.fullmatch(r"[a-z]+(\.[a-z]+)+\d*", person.username), person.username
            assert person.email == f"{person.username}@kolega.co.id"
            assert person.display_name and person.job_title and person.department_id
            assert person.start_date <= datetime.date.today()
            assert person.date_joined.date() <= person.start_date + datetime.timedelta(days=1)
            assert person.skills.exists() and person.interests.exists()
            assert set(person.languages) <= language_codes and person.languages
            expected_prefix = "+65 " if person.office.country == "Singapore" else "+62 8"
            assert person.phone.startswith(expected_prefix)
        assert all(office.city and office.country for office in Office.objects.all())

    @sizes(20)
    def test_the_documented_demo_logins_exist_with_their_roles(self, company):
        output = company.output

        expected = {
            "hendra.gunawan": roles.LEADERS,
            "ratna.sari": roles.COMMUNICATORS,
            "agus.prasetyo": roles.MODERATORS,
            "siti.rahmawati": roles.ANALYSTS,
        }
        for username, role in expected.items():
            assert role in User.objects.get(username=username).groups.values_list("name", flat=True)
            assert username in output
        employee = User.objects.get(username="budi.santoso")
        assert not employee.groups.exists() and not employee.is_staff
        assert "budi.santoso" in output

    @sizes(20)
    @pytest.mark.parametrize("username", ["budi.santoso", "admin", "hendra.gunawan"])
    def test_the_demo_password_logs_in(self, client, username, company):
        response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})

        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)

    @sizes(20)
    def test_a_wrong_password_does_not_log_in(self, client, company):
        client.post(reverse("login"), {"username": "budi.santoso", "password": "kolega-demo-x"})

        assert "_auth_user_id" not in client.session


def test_if_empty_does_nothing_when_the_database_has_users():
    UserFactory(username="someone")

    output = seed(if_empty=True)

    assert list(User.objects.values_list("username", flat=True)) == ["someone"]
    assert "not seeding" in output
    assert not Department.objects.exists()


def test_if_empty_seeds_an_empty_database():
    seed(if_empty=True, users=MIN_USERS)

    assert people().count() == MIN_USERS


def test_a_database_with_users_is_refused_without_if_empty():
    UserFactory(username="someone")

    with pytest.raises(CommandError, match="already has 1 users"):
        seed()

    assert User.objects.count() == 1


def test_too_few_users_is_refused():
    with pytest.raises(CommandError, match="at least"):
        seed(users=5)

    assert not User.objects.exists()


def test_existing_tags_departments_and_offices_are_reused():
    Tag.objects.create(name="Python", slug="python")
    Tag.objects.create(name="Futsal club", slug="futsal")  # Slug a demo tag would want.
    Department.objects.create(name="Finance", slug="finance", description="Money.")

    seed(users=20)

    python = Tag.objects.get(name="Python")
    assert python in User.objects.get(username="budi.santoso").skills.all()
    assert Tag.objects.get(name="Futsal").slug == "futsal_1"
    assert Department.objects.get(name="Finance").description == "Money."
    assert Department.objects.get(name="Finance").head is not None
