"""The demo company's communities: every type, plausible members, repeatable from a seed."""

import datetime
import hashlib
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count
from taggit.models import Tag

from communities import permissions, selectors, services
from communities.demo import INTERESTS, communities_plan
from communities.models import Community, CommunityType, Membership, MembershipState, Role
from profiles.demo import data
from profiles.demo.plan import company_plan
from profiles.demo.seed import demo_company_seed
from profiles.models import Department, Office, User
from tests.conftest import shared_data

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 4)


def seed(*, users: int = 60, seed: int = 42):
    return demo_company_seed(users=users, seed=seed, today=TODAY)


def person(username: str) -> User:
    return User.objects.get(username=username)


def community(slug: str) -> Community:
    return Community.objects.get(slug=slug)


def usernames(community: Community, state: str = MembershipState.ACTIVE) -> set[str]:
    return set(community.memberships.filter(state=state).values_list("user__username", flat=True))


def snapshot() -> dict:
    """Everything the seed decides about communities, keyed by slugs and usernames."""
    return {
        "communities": sorted(
            Community.objects.values_list(
                "slug", "name", "description", "type", "department__name", "posting_policy",
                "is_archived", "created_by__username", "created_at",
            )
        ),
        "memberships": sorted(
            Membership.objects.values_list(
                "community__slug", "user__username", "role", "state", "invited_by__username",
                "message", "created_at",
            )
        ),
    }  # fmt: skip


def wipe() -> None:
    Community.objects.all().delete()
    User.objects.all().delete()
    Department.objects.all().delete()
    Office.objects.all().delete()
    Tag.objects.all().delete()


def leadership_usernames() -> set[str]:
    return {
        "hendra.gunawan",
        *Department.objects.values_list("head__username", flat=True),
    }


@pytest.fixture(scope="class")
def company(request, django_db_setup, django_db_blocker):
    """The demo company of ``request.param`` people (seed 42), seeded once for the tests of a
    class that ask for that size, rolled back after them; each test runs in a savepoint."""
    with shared_data(django_db_blocker):
        yield seed(users=request.param)


def sizes(*users):
    """Run a test of ``TestTheSeededCompany`` on the company of each of these sizes."""
    return pytest.mark.parametrize("company", users, indirect=True)


def test_seed_demo_prints_the_community_counts():
    out = StringIO()
    call_command("seed_demo", users=15, analytics=False, stdout=out)

    memberships = Membership.objects.filter(state=MembershipState.ACTIVE).count()
    assert f"{Community.objects.count()} communities with {memberships} memberships" in (
        out.getvalue()
    )


def test_the_community_plan_does_not_depend_on_python_hash_randomisation():
    script = (
        "import datetime, hashlib\n"
        "from profiles.demo.plan import company_plan\n"
        "from communities.demo import communities_plan\n"
        "day = datetime.date(2025, 1, 31)\n"
        "c = company_plan(seed=3, users=200, today=day)\n"
        "print(hashlib.sha256(repr(communities_plan(c, seed=3, today=day)).encode()).hexdigest())\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "esn.test_settings"}
    digests = {
        subprocess.run(
            [sys.executable, "-c", "import django; django.setup()\n" + script],
            cwd=root, capture_output=True, text=True, check=True,
            env={**env, "PYTHONHASHSEED": hash_seed},
        ).stdout
        for hash_seed in ("1", "2")
    }  # fmt: skip
    day = datetime.date(2025, 1, 31)
    here = communities_plan(company_plan(seed=3, users=200, today=day), seed=3, today=day)

    assert digests == {hashlib.sha256(repr(here).encode()).hexdigest() + "\n"}


class TestTheSeededCompany:
    """Tests that read a seeded demo company (seed 42): each size is seeded once for them."""

    @sizes(60)
    def test_the_demo_company_has_about_25_communities_of_every_type(self, company):
        result = company

        assert 22 <= Community.objects.count() <= 30
        assert result.counts["communities"] == Community.objects.count()
        assert set(Community.objects.values_list("type", flat=True)) == set(CommunityType.values)
        assert result.counts["memberships"] == Membership.objects.filter(state="active").count()

    @sizes(30)
    def test_the_same_seed_gives_the_same_communities_and_memberships(self, company):
        first = snapshot()
        wipe()
        seed(users=30, seed=42)

        assert snapshot() == first

    @sizes(30)
    def test_a_different_seed_gives_different_memberships(self, company):
        first = snapshot()
        wipe()
        seed(users=30, seed=8)

        assert snapshot()["memberships"] != first["memberships"]

    @sizes(15, 60, 400)
    def test_every_community_is_valid_and_has_an_active_owner_who_created_it(self, company):
        for each in Community.objects.all():
            each.full_clean()
            owners = each.memberships.filter(role=Role.OWNER)
            assert owners.exists(), each
            assert all(owner.is_active for owner in owners), each
            assert owners.filter(user=each.created_by).exists(), each
            assert each.memberships.filter(state=MembershipState.ACTIVE).count() >= 2, each

    @sizes(15, 400)
    def test_nobody_is_in_a_community_twice_and_only_members_hold_roles(self, company):
        pairs = Membership.objects.values("community", "user").annotate(n=Count("pk"))
        assert not pairs.filter(n__gt=1).exists()
        pending = Membership.objects.exclude(state=MembershipState.ACTIVE)
        assert set(pending.values_list("role", flat=True)) == {Role.MEMBER}
        assert not pending.filter(user__is_active=False).exists()

    @sizes(60)
    def test_memberships_begin_after_the_community_and_the_persons_first_day(self, company):
        late = Membership.objects.select_related("community", "user")
        for membership in late.filter(state=MembershipState.ACTIVE):
            assert membership.created_at >= membership.community.created_at, membership
            assert membership.created_at.date() >= membership.user.start_date, membership

    @sizes(30, 400)
    def test_each_department_has_an_official_community_led_by_its_head(self, company):
        for department in Department.objects.select_related("head"):
            official = Community.objects.get(department=department)
            assert official.type == CommunityType.PUBLIC and not official.is_archived
            assert official.memberships.get(role=Role.OWNER).user == department.head
            people = set(department.members.values_list("username", flat=True))
            assert usernames(official) == people
        assert (
            Community.objects.filter(department__isnull=False).count() == Department.objects.count()
        )

    @sizes(60)
    def test_the_leadership_team_is_secret_and_only_for_the_ceo_and_the_heads(self, company):
        leadership = community("leadership-team")

        assert leadership.type == CommunityType.SECRET
        assert set(leadership.memberships.values_list("user__username", flat=True)) == (
            leadership_usernames()
        )
        assert leadership.memberships.get(role=Role.OWNER).user.username == "hendra.gunawan"
        assert leadership not in Community.objects.visible_to(person("budi.santoso"))
        assert leadership in Community.objects.visible_to(person("hendra.gunawan"))

    @sizes(60)
    def test_announcements_are_posted_by_the_communicators_and_read_by_everyone(self, company):
        announcements = community("announcements")
        ratna, budi = person("ratna.sari"), person("budi.santoso")

        assert announcements.type == CommunityType.PUBLIC
        assert announcements.posting_policy == "admins"
        communicators = User.objects.filter(groups__name="Communicators")
        admins = announcements.memberships.filter(role=Role.ADMIN)
        assert communicators.exists()
        assert set(communicators.values_list("pk", flat=True)) <= set(
            admins.values_list("user_id", flat=True)
        )
        assert usernames(announcements) == set(
            User.objects.exclude(username="admin").values_list("username", flat=True)
        )
        assert permissions.can_post(ratna, announcements)
        assert not permissions.can_post(budi, announcements)

    @sizes(60)
    def test_hr_business_partners_is_private_for_hr_with_requests_from_other_managers(
        self, company
    ):
        partners = community("hr-business-partners")

        assert partners.type == CommunityType.PRIVATE
        departments = set(
            partners.memberships.filter(state=MembershipState.ACTIVE).values_list(
                "user__department__name", flat=True
            )
        )
        assert departments == {"Human Resources"}
        requests = partners.memberships.filter(state=MembershipState.REQUESTED)
        assert requests.exists()
        assert all(r.message and r.user.department.name != "Human Resources" for r in requests)

    @sizes(60)
    def test_the_managers_forum_is_private_for_people_with_direct_reports(self, company):
        forum = community("managers-forum")

        assert forum.type == CommunityType.PRIVATE
        active = forum.memberships.filter(state=MembershipState.ACTIVE).select_related("user")
        assert all(m.user.direct_reports.exists() for m in active)
        invited = forum.memberships.filter(state=MembershipState.INVITED)
        assert invited.exists() and all(m.user.direct_reports.exists() for m in invited)
        assert forum.memberships.filter(state=MembershipState.REQUESTED).exists()

    @sizes(60)
    def test_requests_go_to_private_communities_and_invitations_to_open_ones(self, company):
        requests = Membership.objects.filter(state=MembershipState.REQUESTED)
        invitations = Membership.objects.filter(state=MembershipState.INVITED).select_related(
            "community", "invited_by"
        )
        assert requests.exists() and invitations.count() >= 3
        assert set(requests.values_list("community__type", flat=True)) == {CommunityType.PRIVATE}
        for invitation in invitations:
            assert not invitation.community.is_archived
            assert invitation.community.type != CommunityType.SECRET
            assert permissions.can_invite(invitation.invited_by, invitation.community)

    @sizes(60)
    def test_the_demo_employee_has_an_invitation_waiting_and_plays_badminton(self, company):
        budi = person("budi.santoso")

        assert selectors.my_invitations(budi).exists()
        assert Community.objects.member_of(budi).filter(slug="badminton").exists()

    @sizes(60)
    def test_one_community_is_archived_and_takes_no_new_members(self, company):
        archived = Community.objects.get(is_archived=True)

        assert archived.slug == "kolega-launch-2023"
        outsider = User.objects.exclude(community_memberships__community=archived).first()
        assert not permissions.can_join(outsider, archived)

    @sizes(400)
    def test_interest_communities_gather_people_who_list_the_interest(self, company):
        photography = community("photography")

        members = User.objects.filter(
            community_memberships__community=photography,
            community_memberships__state=MembershipState.ACTIVE,
        )
        fans = members.filter(interests__name="Photography").count()
        assert members.count() >= 5
        assert fans / members.count() > 0.5

    @sizes(60)
    def test_the_services_work_on_the_seeded_memberships(
        self, django_capture_on_commit_callbacks, company
    ):
        budi = person("budi.santoso")
        invitation = selectors.my_invitations(budi).get()
        partners = community("hr-business-partners")
        request = partners.memberships.filter(state=MembershipState.REQUESTED).first()
        owner = partners.memberships.get(role=Role.OWNER).user

        with django_capture_on_commit_callbacks(execute=True):
            services.community_join(user=budi, community=invitation.community)
            services.community_request_approve(actor=owner, membership=request)

        assert Community.objects.member_of(budi).filter(pk=invitation.community_id).exists()
        request.refresh_from_db()
        assert request.state == MembershipState.ACTIVE


def test_the_interest_communities_use_interests_the_demo_people_have():
    assert {name for spec in INTERESTS for name in spec["interests"]} <= set(data.INTERESTS)


def test_a_taken_community_address_gets_a_free_one():
    Community.objects.create(name="Badminton club", slug="badminton")

    seed(users=30)

    assert community("badminton").name == "Badminton club"
    assert community("badminton-2").name == "Badminton"
