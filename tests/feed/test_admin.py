"""The feed and followed tags in the Django admin: lists, read-only pages, the delete and
restore actions (through the services, as the acting admin), who may use them, query counts."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from communities.models import Role
from feed.models import (
    AnnouncementView,
    Bookmark,
    Comment,
    Poll,
    PollVote,
    Post,
    Praise,
    Reaction,
)
from feed.services.conversation import bookmark_add, comment_create, reaction_set
from feed.services.polls import poll_vote
from feed.services.posts import announcement_mark_seen, post_create, post_delete, post_edit
from moderation.models import ActionType, ModerationAction
from tags.models import TagFollow
from tags.services import tag_follow
from tests.factories import UserFactory
from tests.feed.conftest import image_upload, join, named

pytestmark = pytest.mark.django_db

MODELS = [Post, Comment, Reaction, Bookmark, Poll, PollVote, Praise, AnnouncementView, TagFollow]


def url_for(model, view: str, *args) -> str:
    return reverse(admin_urlname(model._meta, view), args=args)


def act(client, model, action: str, objects) -> object:
    return client.post(
        url_for(model, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects]},
        follow=True,
    )


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def shown(response) -> set:
    return {row.pk for row in response.context["cl"].result_list}


def staff(username: str, *codenames: str):
    person = UserFactory(username=username, is_staff=True)
    person.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return person


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def build_feed(count: int, *, author, colleague, communicator) -> dict:
    """``count`` of each feed row, made through the services."""
    posts = []
    for i in range(count):
        post = post_create(author=author, body=f"Post {i} #topic{i % 5}", tags=[f"area {i % 3}"])
        comment_create(author=colleague, target=post, body=f"Comment {i}")
        reaction_set(user=colleague, target=post, kind="like")
        bookmark_add(user=colleague, post=post)
        poll = post_create(
            author=author, poll={"question": f"Question {i}?", "options": ["Ya", "Tidak"]}
        ).poll
        poll_vote(user=colleague, poll=poll, option_ids=[poll.options.first().pk])
        post_create(author=author, body="Thanks", praise={"value": "teamwork",
                                                          "recipients": [colleague]})  # fmt: skip
        announcement = post_create(author=communicator, body=f"News {i}", is_announcement=True)
        announcement_mark_seen(user=colleague, post=announcement)
        tag_follow(user=colleague, tag=Tag.objects.create(name=f"followed {i}"))
        posts.append(post)
    return {"posts": posts}


@pytest.fixture
def feed(author, colleague, communicator):
    built = build_feed(2, author=author, colleague=colleague, communicator=communicator)
    first = built["posts"][0]
    post_edit(actor=author, post=first, body="Post 0, corrected #topic0")
    image_post = post_create(author=author, body="Photos", images=[image_upload()])
    comment_create(
        author=author, target=first, body="Reply",
        parent=Comment.objects.filter(object_id=first.pk).first(),
    )  # fmt: skip
    return {**built, "image_post": image_post}


# --- every list and page -------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_feed_changelist_loads_searched_and_filtered(superuser_client, feed, model):
    url = url_for(model, "changelist")

    response = superuser_client.get(url)

    assert response.status_code == 200
    changelist = response.context["cl"]
    assert changelist.result_count >= 1
    assert superuser_client.get(url, {"q": "a"}).status_code == 200
    for spec in changelist.filter_specs:
        for choice in spec.choices(changelist):
            answer = superuser_client.get(url + choice["query_string"])
            assert answer.status_code == 200, (spec.title, choice["query_string"])
    first = changelist.result_list[0]
    assert superuser_client.get(changelist.url_for_result(first)).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_feed_rows_are_not_added_or_removed_by_hand(superuser_client, feed, model):
    add = superuser_client.get(url_for(model, "add"))
    row = model.objects.first()
    delete = superuser_client.get(url_for(model, "delete", row.pk))

    if model is TagFollow:  # Follows go through tag_follow / tag_unfollow.
        assert (add.status_code, delete.status_code) == (200, 200)
    else:
        assert (add.status_code, delete.status_code) == (403, 403)


def test_the_post_list_shows_kind_placement_author_counts_and_state(
    superuser_client, feed, author, public_community
):
    join(author, public_community)
    placed = post_create(author=author, body="In the club", community=public_community)
    gone = post_delete(actor=author, post=post_create(author=author, body="Gone soon"))

    response = superuser_client.get(url_for(Post, "changelist"))

    content = response.content.decode()
    rows = {post.pk: post for post in response.context["cl"].result_list}
    assert placed.pk in rows and gone.pk in rows  # Deleted posts are listed, to restore them.
    assert "Finance Club" in content and "Company-wide" in content and "Ratna Sari" in content
    assert "area 0, topic0" in content
    for kind in ("Post", "Poll", "Praise"):
        assert f'<td class="field-kind">{kind}</td>' in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind__exact": "poll"}, {"poll"}),
        ({"kind__exact": "praise"}, {"praise"}),
        ({"is_announcement__exact": "1"}, {"news"}),
        ({"status": "deleted"}, {"gone"}),
        ({"q": "corrected"}, {"first"}),
    ],
)
def test_the_post_list_filters_and_searches(superuser_client, feed, author, query, expected):
    gone = post_delete(actor=author, post=post_create(author=author, body="Gone soon"))
    names = {feed["posts"][0].pk: "first", gone.pk: "gone"}
    for post in Post.objects.all():
        if post.kind in ("poll", "praise"):
            names.setdefault(post.pk, post.kind)
        elif post.is_announcement:
            names.setdefault(post.pk, "news")

    response = superuser_client.get(url_for(Post, "changelist"), query)

    assert {names.get(pk, "other") for pk in shown(response)} == expected


def test_the_post_page_is_read_only_with_its_earlier_versions_and_images(superuser_client, feed):
    first, image_post = feed["posts"][0], feed["image_post"]

    page = superuser_client.get(url_for(Post, "change", first.pk))
    images = superuser_client.get(url_for(Post, "change", image_post.pk))

    assert page.status_code == 200
    assert not page.context["adminform"].form.fields  # Every field is shown read-only.
    content = page.content.decode()
    assert "Post 0 #topic0" in content  # The earlier text, in the versions inline.
    assert "Post 0, corrected #topic0" in content
    image = image_post.images.get()
    thumbnail = reverse("feed:post-thumbnail", args=[image_post.pk, image.pk])
    assert f'<img src="{thumbnail}"' in images.content.decode()
    assert superuser_client.get(thumbnail).status_code == 200


def test_a_post_cannot_be_changed_by_posting_its_form(superuser_client, feed):
    first = feed["posts"][0]

    superuser_client.post(url_for(Post, "change", first.pk), {"body": "Tampered"})

    first.refresh_from_db()
    assert first.body == "Post 0, corrected #topic0"


def test_read_only_rows_refuse_a_posted_change(superuser_client, feed):
    reaction = Reaction.objects.first()

    response = superuser_client.post(url_for(Reaction, "change", reaction.pk), {"kind": "funny"})

    assert response.status_code == 403
    reaction.refresh_from_db()
    assert reaction.kind == "like"


# --- the actions ---------------------------------------------------------------------------


def test_delete_and_restore_selected_go_through_the_services_with_an_audit_trail(
    superuser_client, superuser, feed, published, django_capture_on_commit_callbacks
):
    chosen = feed["posts"]

    with django_capture_on_commit_callbacks(execute=True):
        deleted = act(superuser_client, Post, "soft_delete", chosen)
    assert ("success", "2 posts deleted.") in messages_of(deleted)
    assert Post.objects.filter(pk__in=[p.pk for p in chosen], deleted_by=superuser).count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        restored = act(superuser_client, Post, "restore", chosen)
    assert ("success", "2 posts restored.") in messages_of(restored)
    assert not Post.objects.filter(deleted_at__isnull=False).exists()

    log = list(ModerationAction.objects.filter(actor=superuser).values_list("action", flat=True))
    assert sorted(log) == sorted([ActionType.DELETE] * 2 + [ActionType.RESTORE] * 2)
    assert len(named(published, "post.deleted")) == 2
    assert len(named(published, "post.restored")) == 2


def test_deleting_already_deleted_posts_changes_nothing(superuser_client, author, feed):
    gone = post_delete(actor=author, post=feed["posts"][0])

    response = act(superuser_client, Post, "soft_delete", [gone])

    assert ("success", "0 posts deleted.") in messages_of(response)
    gone.refresh_from_db()
    assert gone.deleted_by == author


def test_staff_who_moderate_nothing_are_refused_post_by_post(client, feed):
    helper = staff("helper", "view_post", "change_post")
    client.force_login(helper)

    response = act(client, Post, "soft_delete", feed["posts"])

    warnings = [text for level, text in messages_of(response) if level == "warning"]
    assert len(warnings) == 2
    assert all("Only the author or a moderator" in text for text in warnings)
    assert ("success", "0 posts deleted.") in messages_of(response)
    assert not Post.objects.filter(deleted_at__isnull=False).exists()


def test_a_community_moderator_on_staff_deletes_in_their_community_only(
    client, author, public_community, feed
):
    join(author, public_community)
    placed = post_create(author=author, body="In the club", community=public_community)
    helper = join(staff("helper", "view_post", "change_post"), public_community,
                  role=Role.MODERATOR)  # fmt: skip
    client.force_login(helper)

    response = act(client, Post, "soft_delete", [placed, feed["posts"][0]])

    assert ("success", "1 post deleted.") in messages_of(response)
    placed.refresh_from_db()
    assert placed.deleted_by == helper
    assert ModerationAction.objects.get().community == public_community


def test_staff_who_may_only_view_posts_are_not_offered_the_actions(client, feed):
    client.force_login(staff("viewer", "view_post"))

    response = client.get(url_for(Post, "changelist"))
    act(client, Post, "soft_delete", feed["posts"])

    assert response.status_code == 200
    action_form = response.context["action_form"]
    offered = {name for name, _ in action_form.fields["action"].choices} if action_form else set()
    assert not offered & {"soft_delete", "restore"}
    assert not Post.objects.filter(deleted_at__isnull=False).exists()


def test_delete_selected_comments_gives_the_counts_back(
    superuser_client, superuser, feed, django_capture_on_commit_callbacks
):
    first = feed["posts"][0]
    comments = list(Comment.objects.filter(object_id=first.pk, parent__isnull=True))
    first.refresh_from_db()
    before = first.comment_count

    with django_capture_on_commit_callbacks(execute=True):
        response = act(superuser_client, Comment, "soft_delete", comments)

    assert ("success", "1 comment deleted.") in messages_of(response)
    first.refresh_from_db()
    assert first.comment_count == before - 1
    assert ModerationAction.objects.get().action == ActionType.DELETE


def test_staff_see_only_the_posts_and_comments_they_may_read(
    client, author, private_community, feed
):
    join(author, private_community)
    inside = post_create(author=author, body="Internal", community=private_community)
    comment = comment_create(author=author, target=inside, body="Internal comment")
    reaction_set(user=author, target=inside, kind="like")
    client.force_login(staff("helper", "view_post", "view_comment", "view_reaction", "view_poll"))

    posts = client.get(url_for(Post, "changelist"))
    comments = client.get(url_for(Comment, "changelist"))
    reactions = client.get(url_for(Reaction, "changelist"))
    page = client.get(url_for(Post, "change", inside.pk))

    assert inside.pk not in shown(posts) and feed["posts"][0].pk in shown(posts)
    assert comment.pk not in shown(comments) and len(shown(comments)) >= 2
    assert all(r.object_id != inside.pk for r in reactions.context["cl"].result_list)
    assert page.status_code == 302  # The admin's "does not exist" redirect.


def test_site_moderators_on_staff_see_private_posts(client, author, private_community, feed):
    join(author, private_community)
    inside = post_create(author=author, body="Internal", community=private_community)
    helper = staff("helper", "view_post")
    from tests.feed.conftest import in_group

    in_group(helper, "Moderators")
    client.force_login(helper)

    assert inside.pk in shown(client.get(url_for(Post, "changelist")))


@pytest.mark.parametrize("model", [Post, Comment])
def test_non_staff_are_sent_to_the_admin_login_and_change_nothing(client, author, feed, model):
    client.force_login(author)

    listing = client.get(url_for(model, "changelist"))
    action = client.post(
        url_for(model, "changelist"),
        {"action": "soft_delete", ACTION_CHECKBOX_NAME: [p.pk for p in model.objects.all()]},
    )

    for answer in (listing, action):
        assert answer.status_code == 302
        assert answer["Location"].startswith(reverse("admin:login"))
    assert not model.objects.filter(deleted_at__isnull=False).exists()


# --- followed tags -------------------------------------------------------------------------


def test_a_tag_follow_added_in_the_admin_goes_through_the_service(
    superuser_client, colleague, published, django_capture_on_commit_callbacks
):
    tag = Tag.objects.create(name="pajak")

    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(
            url_for(TagFollow, "add"), {"user": colleague.pk, "tag": tag.pk}
        )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert TagFollow.objects.filter(user=colleague, tag=tag).exists()
    # The admin page view itself is the superuser's first of the day: a visit (reading).
    assert [e.name for e in published if e.name != "user.visited"] == ["tag.followed"]


def test_a_tag_followed_twice_is_refused_in_the_form(superuser_client, colleague):
    tag = Tag.objects.create(name="pajak")
    tag_follow(user=colleague, tag=tag)

    response = superuser_client.post(url_for(TagFollow, "add"), {"user": colleague.pk,
                                                                 "tag": tag.pk})  # fmt: skip

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert TagFollow.objects.count() == 1


def test_tag_follows_removed_in_the_admin_go_through_the_service(
    superuser_client, colleague, published, django_capture_on_commit_callbacks
):
    follows = [tag_follow(user=colleague, tag=Tag.objects.create(name=n)) for n in ("a", "b")]

    with django_capture_on_commit_callbacks(execute=True):
        one = superuser_client.post(url_for(TagFollow, "delete", follows[0].pk), {"post": "yes"})
        many = superuser_client.post(
            url_for(TagFollow, "changelist"),
            {"action": "delete_selected", ACTION_CHECKBOX_NAME: [follows[1].pk], "post": "yes"},
        )

    assert one.status_code == 302 and many.status_code == 302
    assert not TagFollow.objects.exists()
    assert [e.name for e in published if e.name != "user.visited"] == [
        "tag.unfollowed",
        "tag.unfollowed",
    ]


def test_the_tag_follow_list_searches_by_person_and_tag(superuser_client, colleague, author):
    tag_follow(user=colleague, tag=Tag.objects.create(name="pajak"))
    tag_follow(user=author, tag=Tag.objects.create(name="audit"))
    url = url_for(TagFollow, "changelist")

    by_tag = superuser_client.get(url, {"q": "pajak"})
    by_person = superuser_client.get(url, {"q": "ratna"})

    assert {f.user for f in by_tag.context["cl"].result_list} == {colleague}
    assert {f.tag.name for f in by_person.context["cl"].result_list} == {"audit"}


# --- query counts --------------------------------------------------------------------------

CHANGELIST_QUERY_BOUND = 10


@pytest.mark.parametrize("count", [10, 100])
def test_changelist_queries_do_not_grow_with_the_rows(
    superuser_client, author, colleague, communicator, django_assert_max_num_queries, count
):
    build_feed(count, author=author, colleague=colleague, communicator=communicator)
    Poll.objects.update(closes_at=timezone.now() + timedelta(days=1))

    for model in MODELS:
        with django_assert_max_num_queries(CHANGELIST_QUERY_BOUND):
            response = superuser_client.get(url_for(model, "changelist"))
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) >= 10, model._meta.label
