"""The Adoption dashboard's world: the hand-computed adoption fixture of
``tests/analytics/data`` (``town`` rolled up for its fortnight), and people to look at it."""

import pytest

from profiles.roles import ANALYSTS, LEADERS
from tests.analytics.data.conftest import rolled, town  # noqa: F401 (fixtures)
from tests.factories import UserFactory
from tests.helpers import in_group

# The town's fortnight: Monday 2 to Sunday 15 March 2026.
FORTNIGHT = {"from": "2026-03-02", "to": "2026-03-15"}
PAGE = "/analytics/adoption/"
API = "/api/v1/analytics/adoption/"
TABLES = (
    "summary",
    "attract-weeks",
    "attract-departments",
    "attract-department-weeks",
    "engage-departments",
    "engage-offices",
    "retention",
)


@pytest.fixture
def as_user(client, db):
    """``as_user("leader")``: the test client signed in as a new person of that role."""
    roles = {"leader": LEADERS, "analyst": ANALYSTS}

    def sign_in(name):
        if name == "anon":
            client.logout()
            return client
        person = UserFactory(username=f"viewer-{name}", is_superuser=name == "superuser")
        if name in roles:
            in_group(person, roles[name])
        client.force_login(person)
        return client

    return sign_in


@pytest.fixture
def every_figure_shown(settings):
    """Suppression off (a group of one is shown), to read the town's exact numbers."""
    settings.ANALYTICS_MIN_GROUP_SIZE = 1
