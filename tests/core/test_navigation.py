import re

import pytest
from django.contrib.auth.models import Group

from profiles.roles import ANALYSTS, LEADERS, MODERATORS

NAV = re.compile(r'<nav[^>]*aria-label="Main navigation".*?</nav>', re.S)


def _nav_links(client) -> set[str]:
    html = client.get("/people/").content.decode()
    return set(re.findall(r'class="nav-link[^"]*" href="([^"]+)"', NAV.search(html).group(0)))


def test_navigation_links_only_to_features_that_exist(user_client):
    links = _nav_links(user_client)

    assert links == {
        "/", "/people/", "/communities/", "/forum/", "/blog/", "/wiki/", "/files/",
        "/notifications/",
    }  # fmt: skip


def test_signed_out_pages_have_no_main_navigation(client):
    html = client.get("/accounts/login/").content.decode()

    assert NAV.search(html) is None


@pytest.mark.urls("tests.core.nav_urls")
@pytest.mark.parametrize(
    ("role", "sees_analytics"),
    [(None, False), (MODERATORS, False), (LEADERS, True), (ANALYSTS, True)],
)
def test_analytics_link_shows_for_leaders_and_analysts_only(user, client, role, sees_analytics):
    if role:
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)

    assert ("/analytics/" in _nav_links(client)) is sees_analytics


@pytest.mark.urls("tests.core.nav_urls")
def test_superusers_see_every_link(client, staff_user):
    client.force_login(staff_user)

    assert "/analytics/" in _nav_links(client)
