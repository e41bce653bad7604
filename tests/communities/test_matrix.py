"""The permission matrix: every role x community type x surface, one exact outcome per cell.

The tables are written from the rules of issue 3, not from what the code does:

- anonymous: every page redirects to the login page; the API answers 401 or 403;
- public: everyone sees the page, its members and content, and joins (unless archived);
- private: everyone sees its name and description; its members and content are for members
  (403 "members only" for the others, who can see the community itself);
- secret: 404 on every page and endpoint for those not in it and not invited, and its name
  appears nowhere in what they get (directory and API list included);
- archived (a public community): readable as before; joining is refused with a message;
- admins and owners (and superusers) open the settings; community moderators and up, and
  site moderators, remove members below them and hide content.

Each role's person is placed through the services (``tests/communities/conftest.py``). The
communities and people are built once for the module; every cell that writes runs in a
savepoint that is rolled back, so cells never see each other's changes.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client
from django.urls import reverse

from communities import services
from communities.models import Membership
from tests.communities.conftest import ROLES as COMMUNITY_ROLES
from tests.communities.conftest import TYPES, build_community, build_roles
from tests.factories import UserFactory
from tests.placement.models import Note

ROLES = ("anonymous", *COMMUNITY_ROLES)
NAMES = {kind: f"Zebra {kind} circle" for kind in TYPES}
LOGIN = "login"  # A 302 to the login page.
DENIED = "denied"  # The API's answer to anonymous callers: 401 or 403.


def _row(text: str) -> dict:
    values = text.split()
    assert len(values) == len(ROLES), text
    return {role: int(value) if value.isdigit() else value for role, value in
            zip(ROLES, values, strict=True)}  # fmt: skip


def _table(**rows: str) -> dict:
    return {kind: _row(text) for kind, text in rows.items()}


# fmt: off
EXPECTED = {
    #                     anon   outs inv  req  mem  mod  adm  own  smod sup
    "directory": _table(
        public=          "login  200  200  200  200  200  200  200  200  200",
        private=         "login  200  200  200  200  200  200  200  200  200",
        secret=          "login  200  200  200  200  200  200  200  200  200",
        archived=        "login  200  200  200  200  200  200  200  200  200",
    ),
    "detail": _table(
        public=          "login  200  200  200  200  200  200  200  200  200",
        private=         "login  200  200  200  200  200  200  200  200  200",
        secret=          "login  404  200  404  200  200  200  200  200  200",
        archived=        "login  200  200  200  200  200  200  200  200  200",
    ),
    "api-list": _table(
        public=          "denied 200  200  200  200  200  200  200  200  200",
        private=         "denied 200  200  200  200  200  200  200  200  200",
        secret=          "denied 200  200  200  200  200  200  200  200  200",
        archived=        "denied 200  200  200  200  200  200  200  200  200",
    ),
    "api-detail": _table(
        public=          "denied 200  200  200  200  200  200  200  200  200",
        private=         "denied 200  200  200  200  200  200  200  200  200",
        secret=          "denied 404  200  404  200  200  200  200  200  200",
        archived=        "denied 200  200  200  200  200  200  200  200  200",
    ),
    "members": _table(
        public=          "login  200  200  200  200  200  200  200  200  200",
        private=         "login  403  403  403  200  200  200  200  200  200",
        secret=          "login  404  403  404  200  200  200  200  200  200",
        archived=        "login  200  200  200  200  200  200  200  200  200",
    ),
    "api-members": _table(
        public=          "denied 200  200  200  200  200  200  200  200  200",
        private=         "denied 403  403  403  200  200  200  200  200  200",
        secret=          "denied 404  403  404  200  200  200  200  200  200",
        archived=        "denied 200  200  200  200  200  200  200  200  200",
    ),
    # Join (a request, for the private community): success and explained refusals alike
    # go back to the page with a message; the table of states below tells them apart.
    "join": _table(
        public=          "login  302  302  302  302  302  302  302  302  302",
        private=         "login  302  302  302  302  302  302  302  302  302",
        secret=          "login  404  302  404  302  302  302  302  302  302",
        archived=        "login  302  302  302  302  302  302  302  302  302",
    ),
    "api-join": _table(
        public=          "denied 201  201  201  200  200  200  200  201  201",
        private=         "denied 201  201  200  200  200  200  200  201  201",
        secret=          "denied 404  201  404  200  200  200  200  400  400",
        archived=        "denied 400  400  400  200  200  200  200  400  400",
    ),
    "settings": _table(
        public=          "login  403  403  403  403  403  200  200  403  200",
        private=         "login  403  403  403  403  403  200  200  403  200",
        secret=          "login  404  403  404  403  403  200  200  403  200",
        archived=        "login  403  403  403  403  403  200  200  403  200",
    ),
    # Moderation: remove a plain member, hide a note placed in the community.
    "remove-member": _table(
        public=          "login  403  403  403  403  302  302  302  302  302",
        private=         "login  403  403  403  403  302  302  302  302  302",
        secret=          "login  404  403  404  403  302  302  302  302  302",
        archived=        "login  403  403  403  403  302  302  302  302  302",
    ),
    "api-remove-member": _table(
        public=          "denied 403  403  403  403  204  204  204  204  204",
        private=         "denied 403  403  403  403  204  204  204  204  204",
        secret=          "denied 404  403  404  403  204  204  204  204  204",
        archived=        "denied 403  403  403  403  204  204  204  204  204",
    ),
    "hide-content": _table(
        public=          "login  403  403  403  403  302  302  302  302  302",
        private=         "login  404  404  404  403  302  302  302  302  302",
        secret=          "login  404  404  404  403  302  302  302  302  302",
        archived=        "login  403  403  403  403  302  302  302  302  302",
    ),
}

# The person's membership state after the join (or request) action, both in the page and
# the API ("-": no membership).
#                 anon outsider  invited   requested member  mod     admin   owner   smod      sup
STATE_AFTER_JOIN = _table(
    public=      "-    active    active    active    active  active  active  active  active    active",     # noqa: E501
    private=     "-    requested active    requested active  active  active  active  requested requested",  # noqa: E501
    secret=      "-    -         active    requested active  active  active  active  -         -",          # noqa: E501
    archived=    "-    -         invited   requested active  active  active  active  -         -",          # noqa: E501
)

# Listed in the directory and the API list (archived communities are hidden by default).
#                 anon outs inv req mem mod adm own smod sup
LISTED = _table(
    public=      "-    yes  yes yes yes yes yes yes yes  yes",
    private=     "-    yes  yes yes yes yes yes yes yes  yes",
    secret=      "-    no   yes no  yes yes yes yes yes  yes",
    archived=    "-    no   no  no  no  no  no  no  no   no",
)
# fmt: on

# Cells where the secret community must leave no trace in the response.
SECRET_BLIND = ("anonymous", "outsider", "requested")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One community per type with a person per role, a plain member to remove and a note;
    built once, rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = {}
        for kind in TYPES:
            community = build_community(
                name=NAMES[kind], type="public" if kind == "archived" else kind
            )
            owner = community.created_by
            target = UserFactory(username=f"target-{kind}")
            services.community_invite(actor=owner, community=community, invitee=target)
            services.community_join(user=target, community=community)
            # A test-only model (tests/placement); real content types will have services.
            note = Note.objects.create(author=owner, community=community, text="A plain note")
            people = build_roles(community)
            if kind == "archived":
                services.community_set_archived(actor=owner, community=community, archived=True)
            # Signing in once per person keeps a few hundred requests fast.
            sessions = {role: _session(person) for role, person in people.items()}
            people["anonymous"] = AnonymousUser()
            built[kind] = {"community": community, "people": people, "target": target,
                           "note": note, "sessions": sessions}  # fmt: skip
        yield built
        transaction.set_rollback(True)


def _session(person) -> str:
    client = Client()
    client.force_login(person)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _action(kind: str) -> str:
    return "request" if kind == "private" else "join"


SURFACES = {
    # name: (method, url(data, kind), is_api)
    "directory": ("get", lambda d, k: reverse("communities:directory"), False),
    "detail": ("get", lambda d, k: d["community"].get_absolute_url(), False),
    "api-list": ("get", lambda d, k: reverse("communities-api:list"), True),
    "api-detail": (
        "get", lambda d, k: reverse("communities-api:detail", args=[d["community"].slug]), True,
    ),
    "members": (
        "get", lambda d, k: reverse("communities:members", args=[d["community"].slug]), False,
    ),
    "api-members": (
        "get", lambda d, k: reverse("communities-api:members", args=[d["community"].slug]), True,
    ),
    "join": (
        "post", lambda d, k: reverse(f"communities:{_action(k)}", args=[d["community"].slug]),
        False,
    ),
    "api-join": (
        "post", lambda d, k: reverse(f"communities-api:{_action(k)}", args=[d["community"].slug]),
        True,
    ),
    "settings": (
        "get", lambda d, k: reverse("communities:settings", args=[d["community"].slug]), False,
    ),
    "remove-member": (
        "post",
        lambda d, k: reverse(
            "communities:member-remove", args=[d["community"].slug, d["target"].username]
        ),
        False,
    ),
    "api-remove-member": (
        "delete",
        lambda d, k: reverse(
            "communities-api:member", args=[d["community"].slug, d["target"].username]
        ),
        True,
    ),
    "hide-content": (
        "post",
        lambda d, k: reverse("moderation:content-hide", args=["placement.note", d["note"].pk]),
        False,
    ),
}  # fmt: skip


def _outcome(response, *, role: str, is_api: bool):
    if role == "anonymous" and is_api and response.status_code in (401, 403):
        return DENIED
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return LOGIN
    return response.status_code


def _state(community, person) -> str:
    if not person.is_authenticated:
        return "-"
    membership = Membership.objects.filter(community=community, user=person).first()
    return membership.state if membership else "-"


def _visit(surface: str, kind: str, role: str, data: dict):
    """One cell: the outcome, the response body, and what changed (all rolled back)."""
    method, url, is_api = SURFACES[surface]
    person, community = data["people"][role], data["community"]
    client = Client()
    if person.is_authenticated:
        client.cookies[settings.SESSION_COOKIE_NAME] = data["sessions"][role]
    with transaction.atomic():
        extra = {"content_type": "application/json"} if is_api and method != "get" else {}
        payload = {"reason": "Spam"} if surface == "hide-content" else {}
        response = getattr(client, method)(url(data, kind), payload or None, **extra)
        after = {
            "state": _state(community, person),
            "target_in": Membership.objects.filter(community=community, user=data["target"])
            .exists(),
            "hidden": Note.objects.get(pk=data["note"].pk).is_hidden,
        }  # fmt: skip
        transaction.set_rollback(True)
    return _outcome(response, role=role, is_api=is_api), response.content.decode(), after


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("surface", list(EXPECTED))
def test_each_cell_answers_as_the_rules_say(db, world, surface, kind):
    data = world[kind]
    cells = {role: _visit(surface, kind, role, data) for role in ROLES}

    assert {role: cell[0] for role, cell in cells.items()} == EXPECTED[surface][kind]
    if kind == "secret":
        for role in SECRET_BLIND:
            assert NAMES[kind] not in cells[role][1], (surface, role)
    if surface in ("directory", "api-list"):
        listed = {role: "yes" if NAMES[kind] in cell[1] else "no" for role, cell in cells.items()}
        listed["anonymous"] = "-"
        expected = dict(LISTED[kind])
        if surface == "directory" and kind == "archived":
            expected["invited"] = "yes"  # Among "your invitations", to answer it.
        assert listed == expected
        for role in SECRET_BLIND if kind == "secret" else ():
            assert data["community"].slug not in cells[role][1], (surface, role)
    if surface in ("join", "api-join"):
        assert {role: cell[2]["state"] for role, cell in cells.items()} == STATE_AFTER_JOIN[kind]
    if surface in ("remove-member", "api-remove-member"):
        removed = {role for role, cell in cells.items() if not cell[2]["target_in"]}
        assert removed == {role for role, cell in cells.items() if cell[0] in (302, 204)}
    if surface == "hide-content":
        hidden = {role for role, cell in cells.items() if cell[2]["hidden"]}
        assert hidden == {role for role, cell in cells.items() if cell[0] == 302}
