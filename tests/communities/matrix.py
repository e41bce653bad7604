"""The permission matrix for placed content: every role x every placement, one rule.

Every content type (posts, threads, articles, wiki pages, files...) inherits
``communities.models.PlacedContent`` and must follow the visibility rule of issue 3. This
helper builds the whole matrix through the services and checks a content type against it:

- roles (``ROLES``): anonymous, outsider employee, invited, requested, member, community
  moderator, admin, owner, site moderator (the ``Moderators`` group), superuser;
- placements (``PLACEMENTS``): company-wide (no community), public, private, secret, and
  archived (an archived *public* community, as in ``tests/communities/conftest.py``).

The rule (``expected_visible``): anonymous people see nothing; company-wide content and
content in public communities (archived or not) is for every employee; content in private
and secret communities is for their active members (member, moderator, admin, owner) and
for site moderators and superusers, never for the invited or those who asked to join.

Plug a content type in with a factory and one way of looking::

    from tests.communities.matrix import check_placed_content_matrix

    def make_post(*, author, community):
        return services.post_create(author=author, community=community, body="Hello")

    def test_posts_follow_the_visibility_rule(db):
        check_placed_content_matrix(
            make=make_post, can_see=lambda user, post: post.is_visible_to(user)
        )

    def test_the_post_page_follows_the_visibility_rule(db):
        check_placed_content_matrix(make=make_post, url=lambda post: post.get_absolute_url())

``make(author=..., community=...)`` creates one item; ``community`` is None for company-wide.
The author is the owner of the community (for company-wide, of a public one), and archived
content is made before its community is archived, so services that refuse posting into an
archived community still work. With ``can_see(user, obj) -> bool`` each cell is that answer
(``user`` is ``AnonymousUser`` for anonymous). With ``url(obj) -> str`` each cell is the
status of a GET as that person: ``ok_status`` (200) when the rule says visible, 404 when
not (secret and private content do not exist for outsiders, never 403), 302 (to the login
page) for anonymous. ``expected`` replaces the rule, for example ``lambda role, placement:
False`` for hidden content. A mismatch fails with the full table of differing cells.
"""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.test import Client

from communities import services
from tests.communities.conftest import ROLES as COMMUNITY_ROLES
from tests.communities.conftest import build_matrix_community, build_roles

ROLES = ("anonymous", *COMMUNITY_ROLES)
PLACEMENTS = ("company", "public", "private", "secret", "archived")

MEMBERS = frozenset({"member", "moderator", "admin", "owner"})
SITE = frozenset({"site_moderator", "superuser"})


def expected_visible(role: str, placement: str) -> bool:
    """The visibility rule of issue 3 for one cell of the matrix."""
    if role == "anonymous":
        return False
    if placement in ("company", "public", "archived"):
        return True
    return role in MEMBERS or role in SITE


def build_placements(make: Callable) -> dict[str, tuple[object, dict]]:
    """One item per placement, with the people of each role around it: {placement: (obj,
    {role: user})}. Everything goes through the services; ``make`` creates the items."""
    built = {}
    for placement in PLACEMENTS:
        kind = "public" if placement in ("company", "archived") else placement
        community = build_matrix_community(kind)
        people = build_roles(community)
        owner = people["owner"]
        obj = make(author=owner, community=None if placement == "company" else community)
        if placement == "archived":
            services.community_set_archived(actor=owner, community=community, archived=True)
            obj.refresh_from_db()
        built[placement] = (obj, {"anonymous": AnonymousUser(), **people})
    return built


def _status(user, url: str) -> int:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client.get(url).status_code


def check_placed_content_matrix(
    *,
    make: Callable,
    can_see: Callable | None = None,
    url: Callable | None = None,
    ok_status: int = 200,
    expected: Callable[[str, str], bool] = expected_visible,
) -> dict:
    """Check every (role, placement) cell for content made by ``make``; return what was found.

    Give exactly one of ``can_see(user, obj) -> bool`` or ``url(obj) -> str``."""
    if (can_see is None) == (url is None):
        raise TypeError("Give either can_see or url.")
    found, wanted = {}, {}
    for placement, (obj, people) in build_placements(make).items():
        for role in ROLES:
            user, visible = people[role], expected(role, placement)
            if can_see is not None:
                found[role, placement] = bool(can_see(user, obj))
                wanted[role, placement] = visible
            else:
                found[role, placement] = _status(user, url(obj))
                if role == "anonymous":
                    wanted[role, placement] = 302
                else:
                    wanted[role, placement] = ok_status if visible else 404
    differing = {cell: (found[cell], wanted[cell]) for cell in found if found[cell] != wanted[cell]}
    assert not differing, f"(role, placement): (found, expected) -> {differing}"
    return found
