"""The demo company's wiki (``wiki.demo``): pages in both languages that link to each other,
several revisions each by different people with increasing times, community spaces, and the
private ones kept from outsiders; repeatable and idempotent.

A small company is seeded once for the module (rolled back at the end); most tests only read
it."""

import datetime
import zoneinfo
from collections import Counter

import pytest
from django.conf import settings
from django.db.models import Count
from rest_framework.test import APIClient

from communities.models import Community, Membership, MembershipState
from feed.models import Post, PostKind
from profiles.demo.seed import demo_company_seed
from profiles.models import User
from tests.conftest import shared_data
from tests.helpers import fresh
from wiki import permissions
from wiki.demo import data, demo_wiki_seed, page_history
from wiki.models import EditPolicy, Page, PageLink, PageRevision, RevisionKind, Space, Watch
from wiki.text import page_slug

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 12, 19)
ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
NOW = datetime.datetime(2025, 12, 19, 17, 30, tzinfo=ZONE)
USERS = 30
SPECS = {spec["key"]: spec for spec in data.PAGES}
PAGE_FIELDS = (
    "space__slug", "slug", "title", "body", "parent__slug", "is_protected", "author__username",
    "edited_by__username", "created_at", "edited_at",
)  # fmt: skip
REVISION_FIELDS = (
    "page__space__slug", "page__slug", "number", "kind", "title", "body", "summary",
    "author__username", "reverted_to", "created_at",
)  # fmt: skip


def seed_wiki(company, *, seed: int = 42):
    return demo_wiki_seed(company=company, seed=seed, today=TODAY, now=NOW)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo company of ``USERS`` people and its wiki, seeded once for the module."""
    with shared_data(django_db_blocker):
        result = demo_company_seed(users=USERS, seed=42, today=TODAY)
        wiki = seed_wiki(result.company)
        yield result.company, wiki


@pytest.fixture
def company(seeded):
    return seeded[0]


def space_of(key: str) -> Space:
    if key == data.COMPANY:
        return Space.objects.get(kind="company")
    return Space.objects.get(community__slug=key)


def demo_page(key: str) -> Page:
    spec = SPECS[key]
    return Page.objects.get(space=space_of(spec["space"]), slug=page_slug(spec["title"]))


def snapshot() -> dict:
    """The whole wiki keyed by addresses and usernames (database ids differ between runs)."""
    return {
        "spaces": sorted(
            Space.objects.values_list(
                "slug", "name", "kind", "description", "edit_policy", "home_page__slug"
            )
        ),
        "pages": sorted(Page.objects.values_list(*PAGE_FIELDS)),
        "revisions": sorted(PageRevision.objects.values_list(*REVISION_FIELDS)),
        "watches": sorted(
            Watch.objects.values_list("user__username", "space__slug", "page__slug", "created_at"),
            key=repr,
        ),
    }


def wipe():
    """No wiki at all (in the test's savepoint)."""
    Post.objects.filter(kind=PostKind.WIKI_PAGE).delete()
    Page.objects.all().delete()
    Space.objects.all().delete()


# --- the plan ---------------------------------------------------------------------------


def test_every_planned_page_has_more_than_one_revision_each_changing_it():
    for spec in data.PAGES:
        history = page_history(spec)

        assert len(history) > 1, spec["key"]
        assert history[0].kind == "create"
        assert all(r.summary for r in history if r.kind != "move"), spec["key"]


def test_a_plan_whose_save_changes_nothing_is_refused():
    spec = {**SPECS["bpjs"], "revisions": [{"who": "ceo", "summary": "a"},
                                           {"who": "ceo", "summary": "b"}]}  # fmt: skip

    with pytest.raises(ValueError, match="same text"):
        page_history(spec)


# --- the seeded wiki ------------------------------------------------------------------------


def test_the_wiki_has_pages_in_english_and_bahasa_indonesia(company):
    written = {spec["title"]: spec["lang"] for spec in data.PAGES}
    titles = set(Page.objects.values_list("title", flat=True))

    languages = Counter(written[title] for title in titles)
    assert languages["en"] >= 10 and languages["id"] >= 6
    assert {"Welcome to PT Kolega Nusantara", "Selamat datang di PT Kolega Nusantara",
            "SOP: Month-end closing", "Panduan cuti", "KolegaPay"} <= titles  # fmt: skip


def test_the_company_space_holds_the_onboarding_tree_sops_and_product_notes(company):
    welcome = demo_page("welcome")
    space = welcome.space

    children = set(welcome.children.values_list("title", flat=True))
    assert {"Your first week", "IT setup", "Benefits (BPJS)", "Leave policy",
            "Office guide"} <= children  # fmt: skip
    assert demo_page("sop-expense").parent == demo_page("sops")
    assert demo_page("kolegapay").parent == demo_page("products")
    assert space.home_page == welcome
    assert space.description == data.COMPANY_SPACE["description"]


def test_links_lead_to_written_pages_or_to_the_few_not_written_yet(company):
    alive = set(Page.objects.alive().values_list("space__slug", "slug"))
    expected_missing = {(space_of(key).slug, page_slug(title)) for key, title in data.MISSING}

    targets = set(PageLink.objects.values_list("space__slug", "slug"))

    assert targets - alive == expected_missing
    assert expected_missing <= targets
    assert len(targets & alive) >= 20
    assert PageLink.objects.filter(space__kind="community", source__space__kind="company").exists()
    assert PageLink.objects.filter(space__kind="company", source__space__kind="community").exists()


def test_links_to_pages_not_written_yet_show_as_create_this_page(company):
    page = demo_page("it-setup")
    space_slug = page.space.slug

    assert f'href="/wiki/{space_slug}/vpn-access/"' in page.body_html
    assert f"/wiki/{space_slug}/vpn-access/" in _missing_urls(page)
    assert f"/wiki/{space_slug}/benefits-bpjs/" not in _missing_urls(demo_page("welcome"))


def _missing_urls(page):
    from wiki.selectors import missing_urls

    return missing_urls(page)


def test_every_page_has_several_revisions_by_different_people_in_time_order(company):
    pages = list(Page.objects.select_related("edited_by", "author"))
    revisions = {}
    for revision in PageRevision.objects.order_by("page_id", "number"):
        revisions.setdefault(revision.page_id, []).append(revision)

    assert len(pages) == len(data.PAGES)
    several_authors = 0
    for page in pages:
        history = revisions[page.pk]
        times = [r.created_at for r in history]
        assert len(history) == page.revision_number > 1, page.title
        assert [r.number for r in history] == list(range(1, len(history) + 1))
        assert times == sorted(times) and len(set(times)) == len(times), page.title
        assert page.created_at == times[0] and page.edited_at == times[-1], page.title
        assert page.edited_by_id == history[-1].author_id
        assert page.author_id == history[0].author_id
        assert times[-1] < NOW
        assert all(r.summary for r in history if r.kind != RevisionKind.MOVE), page.title
        several_authors += len({r.author_id for r in history}) > 1
    assert several_authors >= len(pages) * 0.8


def test_nobody_edits_before_they_joined_the_company_or_the_community(company):
    for revision in PageRevision.objects.select_related("author", "page__community"):
        assert revision.author.date_joined < revision.created_at
        community = revision.page.community
        if community is not None:
            joined = Membership.objects.get(community=community, user=revision.author)
            assert joined.state == MembershipState.ACTIVE
            assert joined.created_at < revision.created_at


def assert_office_hours(now):
    for at in PageRevision.objects.values_list("created_at", flat=True):
        local = at.astimezone(ZONE)
        assert local.weekday() < 5 and 9 <= local.hour < 18 and at < now, local


def test_saves_happen_in_office_hours_on_working_days(company):
    assert_office_hours(NOW)


def test_saves_stay_in_office_hours_and_in_the_past_when_seeded_at_night(company):
    monday_night = datetime.datetime(2025, 12, 22, 3, 0, tzinfo=ZONE)
    wipe()

    demo_wiki_seed(company=company, seed=42, now=monday_night)

    assert_office_hours(monday_night)
    assert Page.objects.count() == len(data.PAGES)


def test_a_mistake_was_reverted_and_a_page_moved(company):
    leave = demo_page("leave")
    office = demo_page("office-guide")

    kinds = list(leave.revisions.order_by("number").values_list("kind", "reverted_to"))
    moved = office.revisions.order_by("number").last()

    assert kinds[3] == (RevisionKind.REVERT, 2)
    assert "up to 10 days" in leave.revisions.get(number=3).body
    assert "up to 5 days" in leave.body
    assert moved.kind == RevisionKind.MOVE and office.parent == demo_page("welcome")


def test_protected_pages_and_watches(company):
    employee = User.objects.get(username=company.by_well_known("employee").username)

    assert set(Page.objects.filter(is_protected=True).values_list("title", flat=True)) == {
        "Leave policy",
        "SOP: Month-end closing",
    }
    assert Watch.objects.filter(user=employee, page=demo_page("welcome")).exists()
    assert Watch.objects.filter(user=employee, space=space_of("engineering"), page=None).exists()
    for page in Page.objects.all():  # Writers watch what they wrote.
        writers = set(page.revisions.values_list("author_id", flat=True))
        assert writers <= set(page.watches.values_list("user_id", flat=True)), page.title
    for watch in Watch.objects.select_related("page"):
        assert watch.created_at < NOW
        if watch.page is not None:
            assert watch.created_at >= watch.page.created_at


def test_every_community_has_a_space_and_some_have_pages(company):
    communities = Community.objects.count()

    assert Space.objects.filter(kind="community").count() == communities
    with_pages = set(
        Space.objects.filter(kind="community")
        .annotate(n=Count("pages"))
        .filter(n__gt=0)
        .values_list("community__slug", flat=True)
    )
    assert {"engineering", "finance", "hr-business-partners", "leadership-team"} <= with_pages
    finance = space_of("finance")
    assert finance.edit_policy == EditPolicy.ADMINS
    assert finance.description == data.COMMUNITY_SPACES["finance"]["description"]


def test_new_pages_are_in_the_feed_at_the_time_they_were_written(company):
    cards = dict(Post.objects.filter(kind=PostKind.WIKI_PAGE).values_list("item_id", "created_at"))

    for pk, created_at in Page.objects.values_list("pk", "created_at"):
        assert cards[pk] == created_at


@pytest.mark.parametrize("key", ["hr-business-partners", "leadership-team"])
def test_private_and_secret_community_pages_are_not_visible_to_outsiders(company, key):
    community = Community.objects.get(slug=key)
    members = Membership.objects.filter(community=community, state=MembershipState.ACTIVE)
    outsider = fresh(User.objects.exclude(pk__in=members.values("user_id")).exclude(
        is_superuser=True).order_by("pk").first())  # fmt: skip
    insider = fresh(User.objects.get(pk=members.order_by("pk").first().user_id))
    pages = list(Page.objects.filter(space__community=community))
    client = APIClient()
    client.force_login(outsider)

    assert pages
    for page in pages:
        assert not permissions.can_read_page(outsider, page)
        assert permissions.can_read_page(insider, page)
        assert client.get(f"/api/v1/wiki/pages/{page.pk}/").status_code == 404
    assert not Page.objects.visible_to(outsider).filter(space__community=community).exists()
    changes = client.get("/api/v1/wiki/changes/", {"limit": 100}).json()["results"]
    assert not {c["page"]["id"] for c in changes} & {p.pk for p in pages}


# --- repeatable and idempotent --------------------------------------------------------------


def test_seeding_again_adds_nothing(company):
    before = snapshot()

    again = seed_wiki(company)

    assert again.counts["wiki_pages"] == 0 and again.counts["wiki_spaces"] == 0
    assert snapshot() == before


def test_the_same_seed_gives_the_same_wiki_and_another_seed_other_times(company):
    before = snapshot()

    wipe()
    seed_wiki(company)
    same = snapshot()
    wipe()
    seed_wiki(company, seed=43)
    other = snapshot()

    assert same == before
    assert other["pages"] != before["pages"]
    assert [row[:7] for row in other["revisions"]] == [row[:7] for row in before["revisions"]]


def test_a_community_nobody_runs_any_more_gets_no_pages(company):
    Membership.objects.filter(community__slug="engineering").delete()
    wipe()

    result = seed_wiki(company)

    assert not Page.objects.filter(space__community__slug="engineering").exists()
    assert result.counts["wiki_pages"] == len(data.PAGES) - 3
    assert space_of("engineering").description == ""
