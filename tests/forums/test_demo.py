"""The demo company's forum (``forums.demo``): categories company-wide and in the communities,
threads in both languages, a believable expert landscape, consistent times, and the rules kept.

A company of 30 people and its forum are seeded once for the module, in a transaction rolled
back at the end (``tests.conftest.shared_data``); the tests read it. ``TODAY`` is a Friday in
December, as for the feed's history."""

import datetime
import random
import re
import zoneinfo
from collections import Counter
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from communities.models import Community, CommunityType, Membership, MembershipState
from feed.demo.world import World, calendar
from feed.models import Post
from forums import services
from forums.demo import data as corpus
from forums.demo import default_thread_count, demo_forum_seed
from forums.demo.plan import Planner
from forums.demo.text import Slots
from forums.demo.write import quietly
from forums.experts import experts_for
from forums.models import (
    Category,
    Reply,
    ReplyVote,
    TaggedThread,
    Thread,
    ThreadKind,
    ThreadSubscription,
)
from forums.services.threads import refresh_thread_stats
from profiles.demo.plan import company_plan
from profiles.demo.seed import demo_company_seed
from profiles.models import Department, User
from tests.conftest import shared_data

TODAY = datetime.date(2025, 12, 19)
ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
NOW = datetime.datetime(2025, 12, 19, 17, 30, tzinfo=ZONE)  # What the seed takes as "now".
USERS = 30
INDONESIAN = re.compile(
    r"\b(yang|untuk|dan|sudah|terima kasih|saya|kita|ada|bisa|bagaimana)\b", re.I
)
ENGLISH = re.compile(r"\b(the|and|for|our|thanks|please|this|with|you|how)\b", re.I)


def saved_ids(company) -> list[int]:
    by_name = dict(User.objects.values_list("username", "pk"))
    return [by_name[p.username] for p in company.people]


def snapshot() -> dict:
    """The whole forum keyed by names and times (database ids differ between runs)."""
    return {
        "threads": sorted(
            Thread.objects.values_list(
                "title", "author__username", "community__slug", "category__name", "kind",
                "created_at", "first_reply_at", "solved_at", "accepted_reply__author__username",
                "reply_count", "score", "view_count", "is_pinned",
            )
        ),
        "replies": sorted(
            Reply.objects.values_list(
                "thread__title", "thread__created_at", "author__username", "created_at", "body",
                "up_count", "down_count",
            )
        ),
        "votes": sorted(
            ReplyVote.objects.values_list(
                "reply__author__username", "reply__created_at", "user__username", "value",
                "created_at",
            )
        ),
        "tags": sorted(TaggedThread.objects.values_list("content_object__title", "tag__name")),
    }  # fmt: skip


@pytest.fixture(scope="module")
def forum(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        company = demo_company_seed(users=USERS, seed=42, today=TODAY).company
        ids = saved_ids(company)
        result = demo_forum_seed(company=company, ids=ids, seed=42, today=TODAY)
        yield SimpleNamespace(result=result, company=company, ids=ids, snapshot=snapshot())


@pytest.fixture
def seeded(forum, db):
    return forum


def person(username: str) -> User:
    return User.objects.get(username=username)


def local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment, ZONE)


def it_departments() -> set[str]:
    """Who "IT people" are: IT Support where the company has it (150 people and more),
    else Engineering."""
    return (
        {"IT Support"} if Department.objects.filter(name="IT Support").exists() else {"Engineering"}
    )


# --- categories and volume --------------------------------------------------------------------


def test_company_wide_categories_are_set_up_by_a_communicator(seeded):
    company_wide = Category.objects.filter(community=None)

    assert set(company_wide.values_list("slug", flat=True)) >= {
        "it-help-desk", "hr-policies", "finance-procedures", "products-troubleshooting",
        "general",
    }  # fmt: skip
    for category in company_wide:
        assert category.description
        assert category.created_by.groups.filter(name="Communicators").exists()
        assert category.created_at < NOW - datetime.timedelta(days=90)


def test_every_active_community_gets_a_few_categories_of_its_own(seeded):
    for community in Community.objects.all():
        categories = Category.objects.filter(community=community)
        if community.is_archived or community.posting_policy != "members":
            assert not categories.exists(), community.slug
            continue
        assert 1 <= categories.count() <= 3, community.slug
        for category in categories:
            membership = Membership.objects.get(community=community, user=category.created_by)
            assert membership.role in ("owner", "admin"), community.slug
            assert category.created_at >= community.created_at
    finance = Category.objects.filter(community__department__name="Finance")
    assert "Closing & reporting" in set(finance.values_list("name", flat=True))


def test_a_few_hundred_threads_at_the_default_size_fewer_in_a_small_company(seeded):
    threads = Thread.objects.count()

    assert default_thread_count(60) == 300
    assert 300 < default_thread_count(200) and default_thread_count(200) / 200 < 300 / 60
    assert default_thread_count(10_000) == 600
    assert threads == seeded.result.counts["forum_threads"]
    assert 0.9 * default_thread_count(USERS) <= threads <= default_thread_count(USERS) + 1
    assert Reply.objects.count() == seeded.result.counts["forum_replies"] > threads
    assert ReplyVote.objects.count() == seeded.result.counts["forum_votes"] > threads


# --- what the threads say ----------------------------------------------------------------------


def test_threads_and_replies_are_written_in_indonesian_and_in_english(seeded):
    texts = [f"{title} {body}" for title, body in Thread.objects.values_list("title", "body")]
    indonesian = [t for t in texts if INDONESIAN.search(t) and not ENGLISH.search(t)]
    english = [t for t in texts if ENGLISH.search(t) and not INDONESIAN.search(t)]

    assert len(indonesian) > 0.3 * len(texts)
    assert len(english) > 0.2 * len(texts)
    replies = [body.lower() for body in Reply.objects.values_list("body", flat=True)]
    assert any("terima kasih" in body for body in replies)
    assert any("thanks" in body or "thank you" in body for body in replies)
    titles = " ".join(t.lower() for t in Thread.objects.values_list("title", flat=True))
    for word in ("vpn", "sap", "cuti", "reimburse", "invoice"):
        assert word in titles, word


def test_threads_carry_topic_tags(seeded):
    tags = set(TaggedThread.objects.values_list("tag__name", flat=True))

    assert {"vpn", "sap", "cuti", "bpjs", "pajak", "reimburse"} <= tags
    assert not Thread.objects.annotate(n=Count("tag_items")).filter(n=0).exists()


def test_questions_get_accepted_answers_and_some_stay_unanswered_or_unsolved(seeded):
    questions = Thread.objects.filter(kind=ThreadKind.QUESTION)
    solved = questions.filter(accepted_reply__isnull=False)
    unanswered = questions.filter(first_reply_at__isnull=True)
    open_ = questions.filter(first_reply_at__isnull=False, accepted_reply__isnull=True)

    assert solved.count() > 0.4 * questions.count()
    assert unanswered.count() >= 3 and open_.count() >= 5
    assert Thread.objects.filter(kind=ThreadKind.DISCUSSION, reply_count__gt=0).exists()
    assert not Thread.objects.filter(kind=ThreadKind.DISCUSSION, accepted_reply__isnull=False)
    for thread in solved.select_related("accepted_reply"):
        assert thread.accepted_reply.thread_id == thread.pk
        assert thread.accepted_reply.author_id != thread.author_id


def test_the_it_help_desk_has_a_pinned_read_me_first_by_an_it_expert(seeded):
    pinned = Thread.objects.get(is_pinned=True)

    assert pinned.category.slug == "it-help-desk"
    assert pinned.author.department.name in it_departments()
    assert pinned.created_at < NOW - datetime.timedelta(days=80)


# --- the expert landscape ---------------------------------------------------------------------


def departments(names: str) -> set[str]:
    """``"it|Finance"`` -> the IT departments and Finance."""
    found = set()
    for name in names.split("|"):
        found |= it_departments() if name == "it" else {name}
    return found


@pytest.mark.parametrize(
    ("topic", "expected", "accepted"),
    [("vpn", "it", 2), ("printer", "it", 1), ("cuti", "Human Resources", 2),
     ("bpjs", "Human Resources", 1), ("pajak", "Finance", 2)],
)  # fmt: skip
def test_the_expert_finder_ranks_someone_of_the_right_department_first(
    seeded, topic, expected, accepted
):
    experts = experts_for(person("budi.santoso"), topic, now=NOW)

    top = experts[0]
    assert top.person.department.name in departments(expected), [e.person.username for e in experts]
    evidence = {e.kind: e for e in top.evidence}
    assert evidence["accepted"].count >= accepted
    assert f"#{topic}" in evidence["accepted"].text
    assert evidence["upvotes"].count >= 2


@pytest.mark.parametrize(
    ("slug", "expected"),
    [("it-help-desk", "it"), ("hr-policies", "Human Resources"),
     ("finance-procedures", "Finance")],
)  # fmt: skip
def test_each_company_wide_topic_is_answered_mostly_by_its_department(seeded, slug, expected):
    accepted = Thread.objects.filter(category__slug=slug, accepted_reply__isnull=False)
    answerers = list(accepted.values_list("accepted_reply__author__department__name", flat=True))
    top = Counter(accepted.values_list("accepted_reply__author__username", flat=True)).most_common(
        3
    )

    assert len(answerers) >= 5
    assert sum(name in departments(expected) for name in answerers) >= 0.75 * len(answerers)
    assert top[0][1] >= 3  # A go-to person, not an even spread.


def test_up_votes_go_mostly_to_answers(seeded):
    up = ReplyVote.objects.filter(value=1)
    on_accepted = up.filter(reply__thread__accepted_reply=F("reply"))

    assert on_accepted.count() > 0.3 * up.count()
    assert ReplyVote.objects.filter(value=-1).count() < 0.1 * up.count()


# --- time ---------------------------------------------------------------------------------------


def test_threads_are_started_on_working_days_in_office_hours(seeded):
    moments = [local(at) for at in Thread.objects.values_list("created_at", flat=True)]
    days = {day.date: day for day in calendar(TODAY)}

    at_work = [m for m in moments if not days[m.date()].quiet and 7 <= m.hour < 19]
    assert len(at_work) > 0.85 * len(moments)
    first = TODAY - datetime.timedelta(days=89)
    assert min(m.date() for m in moments) <= first + datetime.timedelta(days=4)
    assert max(m.date() for m in moments) >= TODAY - datetime.timedelta(days=2)


def test_thread_times_agree_with_their_replies_votes_and_accepted_answer(seeded):
    replies = {}
    for reply in Reply.objects.order_by("created_at", "id"):
        replies.setdefault(reply.thread_id, []).append(reply)
    for thread in Thread.objects.all():
        mine = replies.get(thread.pk, [])
        assert thread.created_at <= NOW
        assert all(thread.created_at < r.created_at <= NOW for r in mine), thread.title
        others = [r.created_at for r in mine if r.author_id != thread.author_id]
        assert thread.first_reply_at == (min(others) if others else None), thread.title
        assert thread.last_activity_at == max([thread.created_at, *(r.created_at for r in mine)])
        assert thread.updated_at == thread.last_activity_at
        if thread.accepted_reply_id:
            accepted = next(r for r in mine if r.pk == thread.accepted_reply_id)
            assert thread.first_reply_at <= accepted.created_at < thread.solved_at <= NOW
            assert thread.time_to_accepted_answer >= thread.time_to_first_reply
        else:
            assert thread.solved_at is None
    for vote in ReplyVote.objects.select_related("reply"):
        assert vote.reply.created_at < vote.created_at <= NOW
    for follow in ThreadSubscription.objects.select_related("thread"):
        assert follow.thread.created_at <= follow.created_at <= NOW


def test_the_services_recount_gives_the_same_stats(seeded):
    for thread in Thread.objects.filter(reply_count__gt=0)[:40]:
        before = (thread.reply_count, thread.score, thread.first_reply_at)
        refresh_thread_stats(thread)
        thread.refresh_from_db()
        assert (thread.reply_count, thread.score, thread.first_reply_at) == before


def test_times_to_first_reply_range_from_minutes_to_days(seeded):
    waits = sorted(
        t.time_to_first_reply for t in Thread.objects.filter(first_reply_at__isnull=False)
    )

    assert waits[0] < datetime.timedelta(minutes=15)
    assert waits[len(waits) // 2] < datetime.timedelta(hours=4)
    assert waits[-1] > datetime.timedelta(days=1)


def test_the_feed_cards_of_threads_are_dated_like_the_threads(seeded):
    if "item_id" not in {f.name for f in Post._meta.get_fields()}:
        pytest.skip("The feed has no item posts.")
    created = dict(Thread.objects.values_list("pk", "created_at"))
    cards = dict(Post.objects.filter(kind="thread").values_list("item_id", "created_at"))

    assert cards == created


# --- the rules ----------------------------------------------------------------------------------


def test_every_counter_matches_its_rows(seeded):
    votes = {
        pk: (up, down)
        for pk, up, down in Reply.objects.annotate(
            up=Count("votes", filter=Q(votes__value=1)),
            down=Count("votes", filter=Q(votes__value=-1)),
        ).values_list("pk", "up", "down")
    }
    for pk, up, down, score in Reply.objects.values_list("pk", "up_count", "down_count", "score"):
        assert (up, down, score) == (*votes[pk], votes[pk][0] - votes[pk][1])
    for thread in Thread.objects.annotate(n=Count("replies"), total=Sum("replies__score")):
        assert thread.reply_count == thread.n
        assert thread.score == (thread.total or 0)


def test_people_write_reply_and_vote_only_where_they_may(seeded):
    members = {
        (community, user)
        for community, user in Membership.objects.filter(state=MembershipState.ACTIVE).values_list(
            "community_id", "user_id"
        )
    }
    for thread in Thread.objects.exclude(community=None).select_related("community"):
        assert thread.community.posting_policy == "members" and not thread.community.is_archived
        people = {thread.author_id, *thread.replies.values_list("author_id", flat=True)}
        people |= set(
            ReplyVote.objects.filter(reply__thread=thread).values_list("user_id", flat=True)
        )
        assert all((thread.community_id, user) in members for user in people), thread.title
    assert not ReplyVote.objects.filter(user=F("reply__author")).exists()


def test_private_and_secret_communities_have_members_only_threads(seeded):
    private = Thread.objects.filter(community__type=CommunityType.PRIVATE)
    assert private.exists()
    assert Thread.objects.filter(community__type=CommunityType.SECRET).exists()
    members = set(
        Membership.objects.filter(
            community__slug="managers-forum", state=MembershipState.ACTIVE
        ).values_list("user_id", flat=True)
    )
    outsider = User.objects.exclude(pk__in=members).exclude(username="admin").first()

    assert Thread.objects.filter(community__slug="managers-forum").exists()
    assert not Thread.objects.visible_to(outsider).filter(community__slug="managers-forum").exists()


def test_writing_the_past_leaves_no_events_for_after_the_commit(
    seeded, django_capture_on_commit_callbacks
):
    budi = person("budi.santoso")
    category = Category.objects.get(slug="general")
    with django_capture_on_commit_callbacks() as loud:
        services.thread_create(author=budi, category=category, title="Loud")
    with django_capture_on_commit_callbacks() as quiet, quietly():
        services.thread_create(author=budi, category=category, title="Quiet")

    assert loud and not quiet


# --- repeatable ---------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_forum_in_the_categories_already_there(seeded):
    categories = Category.objects.count()
    Thread.objects.all().delete()

    result = demo_forum_seed(company=seeded.company, ids=seeded.ids, seed=42, today=TODAY)

    assert snapshot() == seeded.snapshot
    assert Category.objects.count() == categories and result.counts["forum_categories"] == 0


def test_another_seed_plans_another_forum(seeded):
    def titles(seed: int) -> list[str]:
        rng = random.Random(seed)
        world = World(seeded.company, seeded.ids, rng)
        planner = Planner(world, rng, now=NOW, days=calendar(TODAY), seed=seed)
        day = next(d for d in calendar(TODAY) if not d.quiet)
        return [planner.thread(place, day).title for place in planner.places[:20]]

    assert titles(42) == titles(42)
    assert titles(42) != titles(43)


def test_every_thread_template_fills_its_slots_in_both_languages(seeded):
    company = company_plan(seed=42, users=USERS, today=TODAY)
    rng = random.Random(5)
    world = World(company, seeded.ids, rng)
    planner = Planner(world, rng, now=NOW, days=calendar(TODAY), seed=42)

    for spec in [*corpus.THREADS, corpus.PINNED]:
        assert set(spec) >= {"topic", "place", "tags", "en", "id"}, spec.get("key")
        for lang in ("en", "id"):
            slots = Slots(rng=rng, world=world, lang=lang, person=1, at=NOW)
            words = spec[lang]
            texts = [words["title"], words["body"], *words.get("answers", ()),
                     *words.get("replies", ())]  # fmt: skip
            assert words.get("answers") or words.get("replies") or spec is corpus.PINNED
            for text in texts:
                filled = slots.fill(text, answerer_first="Sari", tip="cek dulu.")
                assert "{" not in filled and "#" not in filled, text
    assert planner.places
