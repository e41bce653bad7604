"""Django admin changelists: the number of queries does not grow with the rows.

Apart from tests/test_admin.py, whose tests share one set of rows built once for the module:
these build their own rows and count on nothing else being there."""

import pytest

from profiles import services
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory
from tests.test_admin import REGISTERED, url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def make_people(count: int, django_capture_on_commit_callbacks) -> None:
    """``count`` people, each with a department and an office of their own, a skill, an
    interest and a follow (so every changelist below has ``count`` rows or more)."""
    boss = UserFactory(username="boss")
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(count):
            department = DepartmentFactory(name=f"Team {i}")
            person = UserFactory(username=f"p{i}", department=department, manager=boss,
                                 office=OfficeFactory(name=f"Office {i}"))  # fmt: skip
            department.head = person
            department.save()
            services.profile_update(user=person, skills=[f"Skill {i}"],
                                    interests=[f"Hobby {i}"])  # fmt: skip
            services.user_follow(follower=person, followee=boss)


CHANGELIST_QUERY_BOUND = 10
BOUNDED = ["profiles.User", "profiles.Department", "profiles.Office", "profiles.Follow",
           "profiles.SkillTag", "profiles.InterestTag", "analytics.Event",
           "taggit.Tag"]  # fmt: skip


@pytest.mark.parametrize("count", [10, 100])
def test_changelist_queries_do_not_grow_with_the_rows(
    superuser_client, django_assert_max_num_queries, django_capture_on_commit_callbacks, count
):
    make_people(count, django_capture_on_commit_callbacks)

    for label in BOUNDED:
        model = next(m for m in REGISTERED if m._meta.label == label)
        with django_assert_max_num_queries(CHANGELIST_QUERY_BOUND):
            response = superuser_client.get(url_for(model, "changelist"))
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) >= 10, label
