"""The demo company's blogs (``blog.demo``), seeded by ``seed_demo`` after the feed and the forum:
the company blog, personal and community blogs in both languages, Markdown with a table of
contents, comments and reactions, drafts and scheduled articles, all dated in the past.

``seed_demo`` seeds a company of 20 people once for the module, today, in a transaction
rolled back at the end (``tests.conftest.shared_data``); the tests read it."""

import datetime
import re
from collections import Counter
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from blog.demo import data as corpus
from blog.demo import default_article_count
from blog.models import Article, ArticleStatus
from communities.models import Membership, MembershipState
from feed.models import Comment, Post, Reaction
from forums.demo.plan import topic_experts
from forums.models import Thread
from profiles.demo.plan import company_plan
from profiles.models import User
from tests.conftest import shared_data

USERS = 20
INDONESIAN = re.compile(r"\b(yang|untuk|dan|sudah|kami|kita|tidak|dengan|ini)\b", re.I)
ENGLISH = re.compile(r"\b(the|and|for|our|with|you|this|what)\b", re.I)


@pytest.fixture(scope="module")
def blogs(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        out = StringIO()
        started = timezone.now()
        call_command("seed_demo", users=USERS, seed=42, analytics=False, stdout=out)
        yield SimpleNamespace(output=out.getvalue(), started=started, finished=timezone.now())


@pytest.fixture
def seeded(blogs, db):
    return blogs


def published():
    return Article.objects.filter(status=ArticleStatus.PUBLISHED)


def test_seed_demo_writes_the_forum_and_the_blogs_after_the_feed(seeded):
    output = seeded.output

    assert output.index("posts") < output.index("forum") < output.index("articles")
    assert f"{Thread.objects.count()} threads" in output
    assert f"{Article.objects.count()} articles" in output
    assert Thread.objects.exists() and Post.objects.filter(kind="post").exists()


def test_a_few_dozen_articles_at_the_default_size_fewer_in_a_small_company(seeded):
    assert default_article_count(60) == 36
    assert default_article_count(USERS) < default_article_count(60) <= len(corpus.ARTICLES) + 4
    assert default_article_count(USERS) - 4 <= Article.objects.count()
    assert Article.objects.count() <= default_article_count(USERS)


def test_the_company_personal_and_community_blogs_all_have_articles(seeded):
    company = published().filter(is_company=True)
    personal = published().filter(is_company=False, community__isnull=True)
    community = published().filter(community__isnull=False)

    assert company.count() >= 3
    for article in company.select_related("author"):
        assert article.author.groups.filter(name="Communicators").exists()
    assert len(set(personal.values_list("author", flat=True))) >= 3
    assert community.exists()
    for article in community.select_related("community"):
        assert Membership.objects.filter(
            community=article.community, user=article.author, state=MembershipState.ACTIVE
        ).exists()
    per_author = Counter(personal.values_list("author", flat=True))
    assert max(per_author.values()) <= 2


def test_articles_are_written_in_indonesian_and_in_english(seeded):
    bodies = list(Article.objects.values_list("body", flat=True))
    indonesian = [b for b in bodies if len(INDONESIAN.findall(b)) > len(ENGLISH.findall(b))]

    assert 0.3 * len(bodies) < len(indonesian) < 0.8 * len(bodies)


def test_articles_are_markdown_with_headings_lists_excerpts_and_some_code(seeded):
    articles = list(published())

    for article in articles:
        assert len(article.toc) >= 2, article.title
        assert f'id="{article.toc[0]["id"]}"' in article.body_html
        assert article.excerpt and article.reading_minutes >= 1
        assert article.tags.exists()
    with_lists = [a for a in articles if "<ul>" in a.body_html or "<ol>" in a.body_html]
    assert len(with_lists) > 0.7 * len(articles)
    assert any("<pre><code>" in a.body_html for a in articles)
    assert any(a.excerpt_is_explicit for a in articles)


def test_drafts_and_scheduled_articles_wait_for_their_authors(seeded):
    drafts = Article.objects.filter(status=ArticleStatus.DRAFT)
    scheduled = Article.objects.filter(status=ArticleStatus.SCHEDULED)
    reader = User.objects.get(username="budi.santoso")

    assert 2 <= drafts.count() <= 3 and 1 <= scheduled.count() <= 2
    for article in [*drafts, *scheduled]:
        assert article.published_at is None and article.created_at < seeded.started
        assert article in Article.objects.drafts_of(article.author)
        assert not Article.objects.visible_to(reader).filter(pk=article.pk).exists()
        assert not Post.objects.filter(kind="article", item_id=article.pk).exists()
    for article in scheduled:
        assert article.publish_at > seeded.finished
        assert article.publish_at - seeded.finished < datetime.timedelta(days=16)


def test_articles_were_published_over_the_last_ninety_days(seeded):
    days = {timezone.localtime(a.published_at).date() for a in published()}
    today = timezone.localdate(seeded.started)

    assert min(days) >= today - datetime.timedelta(days=90)
    assert max(a.published_at for a in published()) <= seeded.started
    assert len(days) >= 0.6 * published().count()
    newsletters = published().filter(title__startswith="Kabar Kolega")
    assert newsletters.count() >= 2
    assert all(timezone.localtime(a.published_at).day <= 7 for a in newsletters)
    for article in published():
        assert article.created_at <= article.published_at == article.updated_at


def test_comments_and_reactions_come_after_the_article_and_match_its_counters(seeded):
    article_type = ContentType.objects.get_for_model(Article)
    comment_type = ContentType.objects.get_for_model(Comment)
    articles = published().annotate(
        said=Count("comments", distinct=True), reacted=Count("reactions", distinct=True)
    )

    assert sum(a.said for a in articles) >= articles.count()
    assert sum(a.reacted for a in articles) >= 2 * articles.count()
    for article in articles:
        assert (article.comment_count, article.reaction_count) == (article.said, article.reacted)
        comments = Comment.objects.filter(content_type=article_type, object_id=article.pk)
        for comment in comments.select_related("parent"):
            assert article.published_at < comment.created_at <= seeded.started
            assert comment.parent is None or comment.parent.created_at < comment.created_at
        reactions = Reaction.objects.filter(
            Q(content_type=article_type, object_id=article.pk)
            | Q(content_type=comment_type, object_id__in=comments.values("pk"))
        )
        for reaction in reactions:
            assert article.published_at < reaction.created_at <= seeded.started
            assert reaction.user_id != article.author_id or reaction.content_type == comment_type
    assert Comment.objects.filter(
        content_type=article_type, parent__isnull=False
    ).exists()  # The authors answer.


def test_the_feed_cards_of_articles_are_dated_like_the_articles(seeded):
    if "item_id" not in {f.name for f in Post._meta.get_fields()}:
        pytest.skip("The feed has no item posts.")
    cards = dict(Post.objects.filter(kind="article").values_list("item_id", "created_at"))

    assert cards == dict(published().values_list("pk", "published_at"))


def test_the_forums_experts_write_the_articles_on_their_topics(seeded):
    company = company_plan(seed=42, users=USERS, today=timezone.localdate(seeded.started))
    found = 0
    for spec in corpus.ARTICLES:
        kind, _sep, topic = spec["authors"].partition(":")
        if kind != "expert" or spec.get("status"):
            continue
        experts, weights = topic_experts(company.people, topic, seed=42)
        for article in published().filter(title=spec["title"]).select_related("author"):
            found += 1
            usernames = {company.people[i].username for i in [*experts, *weights]}
            assert article.author.username in usernames, article.title
    assert found >= 2
