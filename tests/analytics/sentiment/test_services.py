from datetime import timedelta

import pytest
from django.utils import timezone

from analytics.models import ContentSentiment
from analytics.sentiment.services import content_sentiment_score, sentiment_backfill
from blog.services.articles import article_create, article_delete, article_edit
from feed.services.conversation import comment_create, comment_delete, comment_edit
from feed.services.posts import post_create, post_delete, post_edit
from forums import services as forums
from moderation.services import content_hide, content_restore
from tests.factories import UserFactory
from tests.helpers import join

pytestmark = pytest.mark.django_db


def row(kind, obj):
    return ContentSentiment.objects.filter(kind=kind, object_id=obj.pk).first()


def test_a_new_post_is_scored_with_where_and_when_it_was_written(run, user):
    post = run(post_create, author=user, body="Thanks team, the release was great! #launch")

    scored = row("post", post)
    assert (scored.label, scored.language) == ("positive", "en")
    assert 0 < scored.score <= 1
    assert scored.author_id == user.pk
    assert (scored.department_id, scored.office_id) == (user.department_id, user.office_id)
    assert (scored.community_id, scored.is_public) == (None, True)
    assert scored.tags == ["launch"]
    assert scored.written_at == post.created_at


def test_an_edit_rescores_but_keeps_the_department_of_the_time(run, user, department):
    post = run(post_create, author=user, body="Rilis kemarin lancar, mantap!")
    assert (row("post", post).label, row("post", post).language) == ("positive", "id")
    user.department = None
    user.save()

    run(post_edit, actor=user, post=post, body="Rilis kemarin gagal total, kecewa berat.")

    scored = row("post", post)
    assert scored.label == "negative"
    assert scored.department_id == department.pk
    assert ContentSentiment.objects.count() == 1


def test_a_deleted_post_loses_its_row(run, user):
    post = run(post_create, author=user, body="The VPN is not working again.")
    assert row("post", post).label == "negative"

    run(post_delete, actor=user, post=post)

    assert row("post", post) is None


def test_hidden_content_loses_its_row_and_gets_it_back_when_restored(run, user, site_moderator):
    post = run(post_create, author=user, body="Great job everyone!")

    run(content_hide, actor=site_moderator, obj=post, reason="test")
    assert row("post", post) is None

    run(content_restore, actor=site_moderator, obj=post)
    assert row("post", post).label == "positive"


def test_comments_are_scored_and_take_their_posts_place_and_tags(run, user, colleague):
    post = run(post_create, author=user, body="New expense tool is live #expenses")
    comment = run(comment_create, author=colleague, target=post, body="Gak bisa login, parah.")

    scored = row("comment", comment)
    assert (scored.label, scored.language, scored.tags) == ("negative", "id", ["expenses"])
    assert scored.author_id == colleague.pk

    run(comment_edit, actor=colleague, comment=comment, body="Udah bisa, makasih banyak!")
    assert row("comment", comment).label == "positive"

    run(comment_delete, actor=colleague, comment=comment)
    assert row("comment", comment) is None


def test_private_and_secret_community_content_is_not_public(
    run, user, private_community, secret_community, public_community
):
    for community in (private_community, secret_community, public_community):
        join(user, community)
    private = run(post_create, author=user, body="Great quarter!", community=private_community)
    secret = run(post_create, author=user, body="Great quarter!", community=secret_community)
    public = run(post_create, author=user, body="Great quarter!", community=public_community)
    comment = run(comment_create, author=user, target=private, body="Terrible news.")

    assert row("post", private).is_public is False
    assert row("post", secret).is_public is False
    assert row("comment", comment).is_public is False
    assert row("comment", comment).community_id == private_community.pk
    assert row("post", public).is_public is True
    assert row("post", public).community_id == public_community.pk


def test_threads_and_replies_are_scored(run, user, colleague, communicator):
    category = forums.category_create(actor=communicator, name="IT help")
    thread = run(
        forums.thread_create,
        author=user,
        category=category,
        title="Printer on floor 3 is broken",
        body="It jams every time, so annoying.",
        tags=["printer"],
    )
    reply = run(forums.reply_create, author=colleague, thread=thread, body="Sudah diperbaiki, "
                "sekarang lancar!")  # fmt: skip

    assert row("thread", thread).label == "negative"
    assert row("thread", thread).tags == ["printer"]
    # The thread's card in the feed is a post too, but not writing of its own.
    assert ContentSentiment.objects.count() == 2
    assert (row("reply", reply).label, row("reply", reply).language) == ("positive", "id")
    assert row("reply", reply).tags == ["printer"]

    run(forums.reply_edit, actor=colleague, reply=reply, body="Masih rusak, gak bisa dipakai.")
    assert row("reply", reply).label == "negative"

    run(forums.thread_delete, actor=user, thread=thread)
    assert row("thread", thread) is None


def test_only_published_articles_are_scored(run, user):
    draft = run(
        article_create, author=user, title="Our wins", body="A great year!", publish="draft"
    )
    assert row("article", draft) is None

    article = run(
        article_create,
        author=user,
        title="A hard quarter",
        body="Layoffs and delays hurt us.",
        publish="now",
    )
    assert row("article", article).label == "negative"
    assert row("article", article).written_at == article.published_at

    run(article_edit, actor=user, article=article, title="A good quarter",
        body="Great results, thank you all!")  # fmt: skip
    assert row("article", article).label == "positive"

    run(article_delete, actor=user, article=article)
    assert row("article", article) is None


def test_scoring_something_gone_is_harmless(db):
    assert content_sentiment_score(kind="post", object_id=999_999) is None
    assert not ContentSentiment.objects.exists()


def test_the_backfill_scores_existing_writing_in_batches(user, colleague, monkeypatch):
    from analytics.sentiment import services

    monkeypatch.setattr(services, "BATCH_SIZE", 2)
    posts = [post_create(author=user, body=f"Great work number {n}!") for n in range(3)]
    other = UserFactory(username="tono")
    comment_create(author=other, target=posts[0], body="Setuju, mantap!")
    ContentSentiment.objects.all().delete()  # Nothing was committed: no events ran anyway.
    calls = []

    done = sentiment_backfill(progress=lambda n, total: calls.append((n, total)))

    assert done == 4
    assert calls == [(2, 4), (3, 4), (4, 4)]
    assert ContentSentiment.objects.filter(label="positive").count() == 4


def test_the_backfill_keeps_to_its_range_and_removes_rows_of_what_is_gone(user):
    old = post_create(author=user, body="Great launch!")
    new = post_create(author=user, body="Terrible outage.")
    past = timezone.now() - timedelta(days=30)
    type(old).objects.filter(pk=old.pk).update(created_at=past)
    sentiment_backfill()
    post_delete(actor=user, post=new)

    sentiment_backfill(start=timezone.now() - timedelta(days=1))

    assert list(ContentSentiment.objects.values_list("object_id", flat=True)) == [old.pk]


def test_a_poll_is_scored_with_its_question_and_praise_like_any_post(run, user, colleague):
    poll = run(
        post_create,
        author=user,
        body="",
        poll={
            "question": "Is the new canteen terrible?",
            "options": ["Yes", "No"],
            "allows_multiple": False,
            "closes_at": timezone.now() + timedelta(days=3),
        },
    )
    praise = run(
        post_create,
        author=user,
        body="Terima kasih Budi, kerjanya luar biasa!",
        praise={"value": "teamwork", "recipients": [colleague]},
    )

    assert row("post", poll).label == "negative"
    assert (row("post", praise).label, row("post", praise).language) == ("positive", "id")


@pytest.mark.parametrize("count", [10, 100])
def test_the_backfill_takes_the_same_queries_for_10_and_100_items(
    user, colleague, count, django_assert_max_num_queries
):
    posts = [
        post_create(author=user, body=f"Post {n} is great #topic{n % 2}") for n in range(count)
    ]
    for post in posts[: count // 10]:
        comment_create(author=colleague, target=post, body="Setuju, mantap!")

    with django_assert_max_num_queries(30):
        sentiment_backfill()

    assert ContentSentiment.objects.count() == count + count // 10


@pytest.mark.redis
def test_a_real_worker_scores_through_redis(transactional_db, user):
    from celery.contrib.testing.worker import start_worker

    from analytics.sentiment.tasks import score_content_sentiment
    from esn.celery import app

    post = post_create(author=user, body="The outage was terrible.")

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        assert score_content_sentiment.delay("post", post.pk).get(timeout=30) == "negative"

    assert row("post", post).label == "negative"


def test_comments_and_replies_follow_their_post_or_thread(run, user, colleague, communicator,
                                                          site_moderator):  # fmt: skip
    post = run(post_create, author=user, body="New canteen menu")
    comment = run(comment_create, author=colleague, target=post, body="Love it!")
    category = forums.category_create(actor=communicator, name="IT help")
    thread = run(forums.thread_create, author=user, category=category, title="VPN", body="How?")
    reply = run(forums.reply_create, author=colleague, thread=thread, body="It works, great!")

    run(post_delete, actor=user, post=post)
    run(content_hide, actor=site_moderator, obj=thread, reason="test")
    assert (row("comment", comment), row("reply", reply)) == (None, None)

    run(content_restore, actor=site_moderator, obj=thread)
    assert row("reply", reply).label == "positive"


# --- key phrases (the Conversation dashboard's topics) -----------------------------------


def test_public_writing_keeps_its_key_phrases_and_an_edit_replaces_them(run, user, colleague):
    post = run(post_create, author=user, body="Payroll delay again, @tono see https://x.id")
    assert row("post", post).phrases == ["delay", "payroll", "payroll delay"]  # "again": stop.
    comment = run(comment_create, author=colleague, target=post, body="Salary late too")
    assert row("comment", comment).phrases == ["late", "salary", "salary late"]

    run(post_edit, actor=user, post=post, body="Laptop refresh please")

    assert row("post", post).phrases == ["laptop", "laptop refresh", "refresh"]


def test_a_thread_or_article_phrases_read_its_title_then_the_start_of_its_body(
    run, user, communicator
):
    category = forums.category_create(actor=communicator, name="IT help")
    body = "x " * 150 + "Kopi machine broken"  # Past the first 300 characters: not read.
    thread = run(forums.thread_create, author=user, category=category, title="Printer jam",
                 body=body)  # fmt: skip
    article = run(article_create, author=user, title="Kubernetes guide", body="How we moved.",
                  publish="now")  # fmt: skip

    assert row("thread", thread).phrases == ["jam", "printer", "printer jam"]
    assert row("article", article).phrases == [
        "guide", "kubernetes", "kubernetes guide", "moved"
    ]  # fmt: skip


def test_private_and_secret_writing_keeps_no_phrases(
    run, user, colleague, private_community, secret_community
):
    for community in (private_community, secret_community):
        join(user, community)
    private = run(post_create, author=user, body="Falcon merger timeline",
                  community=private_community)  # fmt: skip
    secret = run(post_create, author=user, body="Falcon merger timeline",
                 community=secret_community)  # fmt: skip
    comment = run(comment_create, author=user, target=private, body="Falcon merger soon")

    assert [row("post", private).phrases, row("post", secret).phrases] == [[], []]
    assert row("comment", comment).phrases == []
    assert row("post", private).tags == []


def test_the_backfill_fills_the_phrases_of_rows_scored_before_they_were_kept(user):
    post = post_create(author=user, body="Kopi machine broken")
    sentiment_backfill()
    ContentSentiment.objects.update(phrases=[])  # As rows were before migration 0006.

    sentiment_backfill()

    assert row("post", post).phrases == [
        "broken", "kopi", "kopi machine", "kopi machine broken", "machine", "machine broken"
    ]  # fmt: skip
