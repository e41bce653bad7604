"""The demo company's 90 days of feed history (``feed.demo``): realistic, consistent,
repeatable, and within the rules.

The company is seeded once for the module (committed, wiped at the end): most tests only
read it. ``TODAY`` is a Friday in December, so the window holds three month-end closes and
HR's appraisal season."""

import datetime
import random
import re
import time
import zoneinfo
from collections import Counter
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from taggit.models import Tag

from communities.models import Community, Membership, MembershipState
from feed import permissions, selectors
from feed.demo import DAYS, default_post_count, demo_feed_seed
from feed.demo import data as corpus
from feed.demo.text import MENTION_SLOTS, Renderer, template_fields
from feed.demo.world import World
from feed.models import (
    ITEM_KINDS,
    AnnouncementView,
    Bookmark,
    Comment,
    Poll,
    PollOption,
    PollVote,
    Post,
    PostKind,
    PostRevision,
    Praise,
    Reaction,
    ReactionKind,
    TaggedPost,
)
from feed.text import render_text
from profiles.demo.plan import company_plan
from profiles.demo.seed import demo_company_seed
from profiles.models import Department, Follow, Office, User
from tags.models import TagFollow

TODAY = datetime.date(2025, 12, 19)
ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
NOW = datetime.datetime(2025, 12, 19, 17, 30, tzinfo=ZONE)  # What the seed takes as "now".
USERS = 60
APPRAISAL_TAGS = {"penilaiankinerja", "performancereview"}
INDONESIAN = re.compile(r"\b(yang|untuk|dan|sudah|terima kasih|kita|tim|ada|mohon|hari)\b", re.I)
ENGLISH = re.compile(r"\b(the|and|for|our|thanks|please|this|with|you)\b", re.I)


def wipe() -> None:
    """Everything the demo seed writes hangs off people, communities and these; the feed's
    many rows go first in plain DELETEs (Django's cascade would load each of them)."""
    feed_rows = [
        Reaction, AnnouncementView, PollVote, PollOption, Poll, Praise.recipients.through,
        Praise, TaggedPost, Post.mentioned_users.through, Comment.mentioned_users.through,
        Comment, PostRevision, Bookmark, TagFollow, Post,
    ]  # fmt: skip
    for model in feed_rows:
        model.objects.all()._raw_delete(model.objects.db)
    Community.objects.all().delete()
    User.objects.all().delete()
    Department.objects.all().delete()
    Office.objects.all().delete()
    Tag.objects.all().delete()


def snapshot() -> dict:
    """The whole history keyed by usernames and slugs (database ids differ between runs)."""
    post_key = {
        pk: ("post", author, at.isoformat(), body)
        for pk, author, at, body in Post.objects.values_list(
            "pk", "author__username", "created_at", "body"
        )
    }
    comment_key = {
        pk: ("comment", post_key[target], author, at.isoformat())
        for pk, target, author, at in Comment.objects.values_list(
            "pk", "object_id", "author__username", "created_at"
        )
    }
    post_type = ContentType.objects.get_for_model(Post).pk

    def rows(items):
        return sorted(items, key=repr)

    return {
        "posts": rows(
            (post_key[pk], *rest)
            for pk, *rest in Post.objects.values_list(
                "pk", "community__slug", "kind", "shared_post__body", "is_announcement",
                "announcement_until", "edited_at", "comment_count", "reaction_count",
                "share_count", "seen_count", "tags__name",
            )
        ),
        "comments": rows(
            (comment_key[pk], body, parent and comment_key[parent], replies, reactions)
            for pk, body, parent, replies, reactions in Comment.objects.values_list(
                "pk", "body", "parent_id", "reply_count", "reaction_count"
            )
        ),
        "reactions": rows(
            ((post_key if kind == post_type else comment_key)[target], user, what, at)
            for kind, target, user, what, at in Reaction.objects.values_list(
                "content_type_id", "object_id", "user__username", "kind", "created_at"
            )
        ),
        "votes": rows(
            PollVote.objects.values_list("option__text", "user__username", "created_at")
        ),
        "praise": rows(
            Praise.objects.values_list("value", "recipients__username", "post__created_at")
        ),
    }  # fmt: skip


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    """The default demo company (60 people) and its history, seeded once for the module."""
    with django_db_blocker.unblock():
        started = time.perf_counter()
        result = demo_company_seed(users=USERS, seed=42, today=TODAY)
        seconds = time.perf_counter() - started
        try:
            yield {"result": result, "seconds": seconds, "snapshot": snapshot()}
        finally:
            wipe()


@pytest.fixture
def seeded(history, db):
    return history


def person(username: str) -> User:
    return User.objects.get(username=username)


def local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment, ZONE)


def per_day(queryset) -> Counter:
    return Counter(local(at).date() for at in queryset.values_list("created_at", flat=True))


def test_the_default_company_gets_a_few_thousand_posts_with_their_conversation(seeded):
    counts = seeded["result"].counts

    assert 2000 <= Post.objects.count() <= 4000
    assert counts["posts"] == Post.objects.count()
    assert counts["comments"] == Comment.objects.count() > Post.objects.count()
    assert counts["reactions"] == Reaction.objects.count() > 2 * Post.objects.count()


def test_the_history_spans_ninety_days_and_ends_now(seeded):
    days = per_day(Post.objects.all())
    first = TODAY - datetime.timedelta(days=DAYS - 1)

    assert first <= min(days) <= first + datetime.timedelta(days=3)
    assert max(Post.objects.values_list("created_at", flat=True)) <= NOW
    assert max(days) >= TODAY - datetime.timedelta(days=1)
    assert len(days) >= 60  # Every working day has posts.
    for model in (Comment, Reaction, PollVote):
        assert model.objects.filter(created_at__gt=NOW).count() == 0
    assert not AnnouncementView.objects.filter(seen_at__gt=NOW).exists()


def test_posts_are_written_in_indonesian_and_in_english(seeded):
    bodies = [b for b in Post.objects.exclude(body="").values_list("body", flat=True)]
    indonesian = [b for b in bodies if INDONESIAN.search(b) and not ENGLISH.search(b)]
    english = [b for b in bodies if ENGLISH.search(b) and not INDONESIAN.search(b)]

    assert len(indonesian) > 0.3 * len(bodies)
    assert len(english) > 0.15 * len(bodies)
    comments = list(Comment.objects.values_list("body", flat=True))
    assert any(INDONESIAN.search(c) for c in comments) and any(ENGLISH.search(c) for c in comments)


def test_every_kind_of_feed_content_is_present(seeded):
    # Threads, articles and wiki pages get their feed cards from their own apps' demos.
    assert set(Post.objects.values_list("kind", flat=True)) == set(PostKind.values) - ITEM_KINDS
    assert set(Reaction.objects.values_list("kind", flat=True)) == set(ReactionKind.values)
    company_wide = Post.objects.filter(community__isnull=True)
    assert company_wide.exists() and Post.objects.filter(community__isnull=False).exists()
    assert company_wide.filter(is_announcement=True).exists()
    assert Post.objects.filter(is_announcement=True, community__isnull=False).exists()
    assert Comment.objects.filter(parent__isnull=False).exists()
    comment_type = ContentType.objects.get_for_model(Comment)
    assert Reaction.objects.filter(content_type=comment_type).exists()
    assert Post.mentioned_users.through.objects.exists()
    assert Comment.mentioned_users.through.objects.exists()
    assert TaggedPost.objects.exists()
    assert Poll.objects.filter(allows_multiple=True).exists()
    assert PollVote.objects.exists() and AnnouncementView.objects.exists()
    assert set(Praise.objects.values_list("value", flat=True)) >= {"teamwork", "innovation"}
    assert PostRevision.objects.exists() and Bookmark.objects.exists()
    assert TagFollow.objects.exists()
    assert Post.objects.filter(kind=PostKind.SHARE, community__isnull=False).exists()


def test_every_counter_matches_its_rows(seeded):
    post_type = ContentType.objects.get_for_model(Post)
    comment_type = ContentType.objects.get_for_model(Comment)
    comments = Counter(
        Comment.objects.filter(content_type=post_type).values_list("object_id", flat=True)
    )
    reactions = Counter(
        Reaction.objects.filter(content_type=post_type).values_list("object_id", flat=True)
    )
    shares = Counter(
        Post.objects.filter(shared_post__isnull=False).values_list("shared_post_id", flat=True)
    )
    seen = Counter(AnnouncementView.objects.values_list("post_id", flat=True))
    for pk, c, r, s, v in Post.objects.values_list(
        "pk", "comment_count", "reaction_count", "share_count", "seen_count"
    ):
        assert (c, r, s, v) == (comments[pk], reactions[pk], shares[pk], seen[pk]), pk

    replies = Counter(Comment.objects.exclude(parent=None).values_list("parent_id", flat=True))
    on_comments = Counter(
        Reaction.objects.filter(content_type=comment_type).values_list("object_id", flat=True)
    )
    for pk, reply_count, reaction_count in Comment.objects.values_list(
        "pk", "reply_count", "reaction_count"
    ):
        assert (reply_count, reaction_count) == (replies[pk], on_comments[pk]), pk

    for poll in Poll.objects.annotate(voters=Count("votes__user", distinct=True)):
        assert poll.voter_count == poll.voters
    for option in PollOption.objects.annotate(votes_=Count("votes")):
        assert option.vote_count == option.votes_


def test_replies_stay_one_level_deep_and_on_their_parents_post(seeded):
    for reply in Comment.objects.exclude(parent=None).select_related("parent"):
        assert reply.parent.parent_id is None
        assert (reply.content_type_id, reply.object_id) == (
            reply.parent.content_type_id,
            reply.parent.object_id,
        )
        assert reply.created_at >= reply.parent.created_at


def test_weekdays_are_busy_and_weekends_nearly_silent(seeded):
    days = per_day(Post.objects.all())
    window = [TODAY - datetime.timedelta(days=i) for i in range(DAYS)]
    weekdays = [days[d] for d in window if d.weekday() < 5]
    weekends = [days[d] for d in window if d.weekday() >= 5]
    by_weekday = Counter()
    for day, count in days.items():
        by_weekday[day.weekday()] += count

    assert sum(weekends) / len(weekends) < 0.15 * sum(weekdays) / len(weekdays)
    assert min(by_weekday[d] for d in range(4)) > by_weekday[4] > by_weekday[5]


def test_most_weekday_posts_are_written_in_office_hours_jakarta_time(seeded):
    hours = [
        local(at).hour
        for at in Post.objects.values_list("created_at", flat=True)
        if local(at).weekday() < 5
    ]

    in_office = sum(8 <= hour < 18 for hour in hours)
    assert in_office > 0.75 * len(hours)
    assert sum(hour < 6 for hour in hours) < 0.03 * len(hours)


def test_finance_posts_spike_around_the_month_end_close(seeded):
    finance = Post.objects.filter(author__department__name="Finance")
    days = per_day(finance)
    window = [TODAY - datetime.timedelta(days=i) for i in range(DAYS)]

    def closing(day):
        month_end = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return (month_end - day).days <= 3 or day.day <= 4

    workdays = [d for d in window if d.weekday() < 5]
    close = [days[d] for d in workdays if closing(d)]
    rest = [days[d] for d in workdays if not closing(d)]
    assert sum(close) / len(close) > 2 * sum(rest) / len(rest)
    assert TaggedPost.objects.filter(tag__name="tutupbuku").exists()


def test_hr_appraisal_posts_come_in_november_and_december_only(seeded):
    appraisal = Post.objects.filter(tags__name__in=APPRAISAL_TAGS).distinct()
    months = Counter(local(at).month for at in appraisal.values_list("created_at", flat=True))

    assert appraisal.count() >= 20
    assert set(months) <= {11, 12}
    authors = set(appraisal.values_list("author__department__name", flat=True))
    assert "Human Resources" in authors


def test_authors_post_only_where_they_may(seeded):
    people = {u.pk: u for u in User.objects.all()}
    seen = {}
    for post in Post.objects.select_related("community", "shared_post__community"):
        key = (post.author_id, post.community_id, post.is_announcement)
        if key not in seen:
            author = people[post.author_id]
            allowed = permissions.can_post_in(author, post.community)
            if post.is_announcement:
                allowed = allowed and permissions.can_announce(author, post.community)
            seen[key] = allowed
        assert seen[key], post
        if post.shared_post is not None:
            assert post.shared_post.is_visible_to(people[post.author_id]), post
    assert not Post.objects.filter(community__is_archived=True).exists()


def test_everyone_who_comments_reacts_votes_or_saves_may_see_the_post(seeded):
    readable = {}

    def may_see(user_id, community_id):
        if community_id is None:
            return True
        if user_id not in readable:
            user = User.objects.get(pk=user_id)
            readable[user_id] = set(
                Community.objects.with_content_visible_to(user).values_list("pk", flat=True)
            )
        return community_id in readable[user_id]

    placement = dict(Post.objects.values_list("pk", "community_id"))
    post_type = ContentType.objects.get_for_model(Post)
    comment_post = dict(Comment.objects.values_list("pk", "object_id"))
    for author, target in Comment.objects.values_list("author_id", "object_id"):
        assert may_see(author, placement[target])
    for kind, user, target in Reaction.objects.values_list(
        "content_type_id", "user_id", "object_id"
    ):
        post = target if kind == post_type.pk else comment_post[target]
        assert may_see(user, placement[post])
    for user, post in PollVote.objects.values_list("user_id", "poll__post_id"):
        assert may_see(user, placement[post])
    for model in (AnnouncementView, Bookmark):
        for user, post in model.objects.values_list("user_id", "post_id"):
            assert may_see(user, placement[post])
    authors = dict(Post.objects.values_list("pk", "author_id"))
    for user, target in Reaction.objects.filter(content_type=post_type).values_list(
        "user_id", "object_id"
    ):
        assert user != authors[target]  # Nobody likes their own post.


def test_announcements_come_from_communicators_and_community_admins_and_two_are_pinned(seeded):
    communicators = set(
        User.objects.filter(groups__name="Communicators").values_list("pk", flat=True)
    )
    company = Post.objects.filter(is_announcement=True, community__isnull=True)

    assert set(company.values_list("author_id", flat=True)) <= communicators
    pinned = Post.objects.pinned_announcements(now=NOW)
    assert pinned.filter(community__isnull=True, author__username="ratna.sari").exists()
    assert pinned.filter(community__isnull=False).exists()
    assert pinned.count() >= 2
    assert not Post.objects.filter(is_announcement=False, announcement_until__isnull=False).exists()


def test_praise_thanks_colleagues_who_are_mentioned_and_never_the_author(seeded):
    for praise in Praise.objects.select_related("post").prefetch_related("recipients"):
        recipients = set(praise.recipients.values_list("pk", flat=True))
        assert recipients and praise.post.author_id not in recipients
        mentioned = set(praise.post.mentioned_users.values_list("pk", flat=True))
        assert recipients <= mentioned


def test_body_html_is_what_the_services_would_have_rendered(seeded):
    posts = Post.objects.exclude(body="").order_by("pk").prefetch_related("mentioned_users")
    for post in list(posts)[::5]:
        rendered = render_text(post.body)
        assert post.body_html == rendered.html, post.body
        assert set(post.mentioned_users.all()) == set(rendered.users), post.body
        assert {n.lower() for n in post.tags.names()} == set(rendered.hashtags), post.body
    for comment in list(Comment.objects.order_by("pk"))[::10]:
        assert comment.body_html == render_text(comment.body).html, comment.body
    assert Post.objects.filter(kind=PostKind.SHARE, body="", body_html="").exists()


def test_seeded_rows_pass_model_validation(seeded):
    for post in Post.objects.order_by("pk")[::25]:
        post.full_clean()
    for comment in Comment.objects.order_by("pk")[::25]:
        comment.full_clean()
    for poll in Poll.objects.all():
        poll.full_clean(exclude=["post"])
        assert 2 <= poll.options.count() <= 6


def test_budi_santoso_has_a_lively_home_feed(seeded, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    budi = person("budi.santoso")
    followees = set(Follow.objects.filter(follower=budi).values_list("followee_id", flat=True))

    page = selectors.feed_home(budi, limit=20)

    items = page.items
    assert len(items) == 20 and page.next_cursor
    assert all(NOW - p.created_at < datetime.timedelta(days=4) for p in items[:10])
    assert sum(p.author_id in followees for p in items) >= 3
    assert any(p.kind == PostKind.POLL and p.poll.closes_at > NOW for p in items)
    assert any(p.comment_count for p in items)
    assert any(budi in p.mentioned_users.all() for p in items)
    praised = Praise.objects.filter(
        recipients=budi, post__created_at__gte=NOW - datetime.timedelta(days=5)
    )
    assert praised.exists()
    pinned = selectors.posts_by_ids(selectors.announcements_pinned(budi))
    assert any(p.community_id is None and p.author.username == "ratna.sari" for p in pinned)
    assert all(p.is_visible_to(budi) for p in [*items, *pinned])


def test_the_other_demo_logins_have_something_to_do(seeded):
    for username in ("ratna.sari", "hendra.gunawan", "siti.rahmawati", "agus.prasetyo"):
        assert Post.objects.filter(author__username=username).exists(), username
    assert Post.objects.filter(author__username="ratna.sari", is_announcement=True).count() >= 5


def test_private_and_secret_communities_have_members_only_conversations(seeded):
    budi = person("budi.santoso")
    leadership = Community.objects.get(slug="leadership-team")
    members = set(
        Membership.objects.filter(community=leadership, state=MembershipState.ACTIVE).values_list(
            "user_id", flat=True
        )
    )

    inside = Post.objects.filter(community=leadership)
    assert inside.exists()
    assert set(inside.values_list("author_id", flat=True)) <= members
    assert not Post.objects.visible_to(budi).filter(community=leadership).exists()
    assert Post.objects.filter(community__slug="managers-forum").exists()


def test_the_same_seed_gives_the_same_history(seeded):
    wipe()
    demo_company_seed(users=USERS, seed=42, today=TODAY)

    assert snapshot() == seeded["snapshot"]


def test_a_different_seed_gives_a_different_history(seeded):
    wipe()
    demo_company_seed(users=USERS, seed=43, today=TODAY)

    assert snapshot()["posts"] != seeded["snapshot"]["posts"]


def test_the_history_scales_with_the_company_and_a_small_one_seeds_quickly(seeded):
    wipe()
    out = StringIO()
    started = time.process_time()
    call_command("seed_demo", users=20, analytics=False, stdout=out)
    cpu = time.process_time() - started

    posts = Post.objects.status_updates().count()
    assert abs(posts - default_post_count(20)) < 0.15 * default_post_count(20)
    assert default_post_count(20) < default_post_count(USERS) < default_post_count(2000)
    assert default_post_count(2000) / 2000 < default_post_count(USERS) / USERS
    assert "posts" in out.getvalue() and "comments" in out.getvalue()
    assert cpu < 20


def test_seed_demo_if_empty_leaves_the_history_alone(seeded):
    posts = Post.objects.count()
    out = StringIO()

    call_command("seed_demo", if_empty=True, stdout=out)

    assert Post.objects.count() == posts
    assert "not seeding" in out.getvalue()


def test_a_second_history_can_be_added_for_scale_without_the_showcase(seeded):
    company = company_plan(seed=42, users=USERS, today=TODAY)
    by_name = dict(User.objects.values_list("username", "pk"))
    ids = [by_name[p.username] for p in company.people]
    before = Post.objects.count()

    result = demo_feed_seed(
        company=company, ids=ids, seed=7, today=TODAY, posts=300, conversation=0.5,
        showcase=False,
    )  # fmt: skip

    assert Post.objects.count() - before == result.counts["posts"]
    assert 250 <= result.counts["posts"] <= 400
    assert (
        result.counts["reactions"]
        == Reaction.objects.count() - seeded["result"].counts["reactions"]
    )


def every_template():
    """Every text in the corpus, with its language."""
    for spec in corpus.THEMES:
        for lang in ("id", "en"):
            for template in spec.get(lang, ()):
                if isinstance(template, dict):
                    yield lang, template["body"]
                elif isinstance(template, tuple):
                    yield lang, template[1]
                else:
                    yield lang, template
            yield from ((lang, text) for text in spec.get(f"comments_{lang}", ()))
    for table in (
        corpus.COMMENTS, corpus.REPLIES, corpus.SHARES, corpus.POLL_COMMENTS,
        corpus.PRAISE_COMMENTS, corpus.ANNOUNCEMENT_COMMENTS,
    ):  # fmt: skip
        for lang, texts in table.items():
            yield from ((lang, text) for text in texts)


def test_every_template_renders_as_render_text_would_whatever_fills_its_slots(seeded):
    company = company_plan(seed=42, users=USERS, today=TODAY)
    by_name = dict(User.objects.values_list("username", "pk"))
    world = World(company, [by_name[p.username] for p in company.people], random.Random(1))
    renderer = Renderer(world)
    tricky = {"team": "R&D", "customer": "PT Maju & Jaya", "dish": "soto 'Betawi'"}
    people = [p.index for p in company.people if "'" in p.display_name][:1] + [1, 2, 3]

    texts = list(dict.fromkeys(every_template()))
    assert len(texts) > 300
    for lang, text in texts:
        values = {}
        for number, name in enumerate(template_fields(text)):
            if name in MENTION_SLOTS:
                values[name] = people[: 1 + number % 3] if name == "mentions" else people[0]
            elif name in tricky:
                values[name] = tricky[name]
            else:
                pool = corpus.VALUES.get(name, ["Kamis 9 Desember"])
                values[name] = (pool[lang] if isinstance(pool, dict) else pool)[-1]
        body, html, mentioned, hashtags = renderer.fill(text, values, lang)
        rendered = render_text(body)
        assert html == rendered.html, text
        assert {world.ids[i] for i in mentioned} == {u.pk for u in rendered.users}, text
        assert hashtags == rendered.hashtags, text
