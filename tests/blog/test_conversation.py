"""Comments and reactions on articles: the feed's components, reused. The services and
rules (feed.services.conversation), and the feed's conversation views and templates at
/articles/<pk>/... (feed.views.conversation): HTMX fragments, replies, edits, reactions on
comments, who reacted, and the same endpoints without JavaScript. Visible articles take them
(and count them); drafts and articles in private communities do not exist for those who may
not read them; notifications follow the article's rule."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse

from blog.models import Article, Blog
from blog.services.articles import article_delete
from communities.models import Role
from communities.services import community_set_archived
from feed.models import Comment, Reaction
from feed.services.conversation import (
    comment_create,
    comment_delete,
    reaction_clear,
    reaction_set,
)
from notifications import visibility
from notifications.models import Notification
from tests.blog.conftest import join, write
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_commenting_and_reacting_on_a_visible_article_updates_its_counts(
    author, colleague, published, django_capture_on_commit_callbacks
):
    article = write(author)

    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(author=colleague, target=article, body="Useful, thanks @ratna")
        reply = comment_create(author=author, target=article, body="Glad", parent=comment)
        reaction_set(user=colleague, target=article, kind="insightful")
        reaction_set(user=author, target=comment, kind="like")

    article.refresh_from_db()
    assert (article.comment_count, article.reaction_count) == (2, 1)
    assert comment.target == article and reply.parent == comment
    assert Comment.objects.on(article).count() == 2
    assert Reaction.objects.filter(object_id=article.pk, kind="insightful").count() == 1
    (event,) = [e for e in published if e.name == "comment.created"][:1]
    assert event.payload["target_type"] == "blog.article"
    # The author hears about the comment and the reaction, the commenter about the reply.
    verbs = sorted(Notification.objects.filter(recipient=author).values_list("verb", flat=True))
    assert "comment" in verbs and "reaction" in verbs
    assert Notification.objects.filter(recipient=colleague, verb="reply").exists()

    comment_delete(actor=colleague, comment=reply.parent)
    assert reaction_clear(user=colleague, target=article)
    article.refresh_from_db()
    assert (article.comment_count, article.reaction_count) == (1, 0)


def test_a_draft_takes_no_comments_or_reactions(author, colleague):
    draft = write(author, publish="draft")

    with pytest.raises(Http404):
        comment_create(author=colleague, target=draft, body="Early bird")
    with pytest.raises(Http404):
        reaction_set(user=colleague, target=draft, kind="like")
    with pytest.raises(Http404):  # Not even its author: a draft has no conversation yet.
        comment_create(author=author, target=draft, body="Note to self")


def test_a_private_community_article_does_not_exist_for_outsiders(
    community_article, outsider, member
):
    with pytest.raises(Http404):
        comment_create(author=outsider, target=community_article, body="Let me in")
    with pytest.raises(Http404):
        reaction_set(user=outsider, target=community_article, kind="like")

    comment_create(author=member, target=community_article, body="Members only")
    community_article.refresh_from_db()
    assert community_article.comment_count == 1


def test_deleted_articles_and_archived_communities_close_the_conversation(
    author, colleague, public_community
):
    article = article_delete(actor=author, article=write(author))
    with pytest.raises(Http404):
        comment_create(author=colleague, target=article, body="Too late")

    owner = public_community.created_by
    club = write(owner, blog=Blog.of_community(public_community))
    community_set_archived(actor=owner, community=public_community, archived=True)
    club.refresh_from_db()
    with pytest.raises(PermissionDenied):
        comment_create(author=colleague, target=club, body="Archived")


def test_notifications_about_articles_and_their_comments_follow_the_article(
    community_article, member, outsider
):
    comment = comment_create(author=member, target=community_article, body="Hello")

    assert visibility.may_see(member, community_article)
    assert not visibility.may_see(outsider, community_article)
    assert visibility.may_see(member, comment)
    assert not visibility.may_see(outsider, comment)
    Article.objects.filter(pk=community_article.pk).update(status="draft")
    assert not visibility.may_see(member, comment)


# --- the pages: the feed's conversation views at /articles/<pk>/... -------------------------

HX = {"HTTP_HX_REQUEST": "true"}


def item_url(name: str, article) -> str:
    return reverse(f"feed:item-{name}", args=["articles", article.pk])


def comment_url(name: str, comment) -> str:
    return reverse(f"feed:comment-{name}", args=[comment.pk])


def signed_in(client, person):
    client.force_login(person)
    return client


def text_of(response) -> str:
    return response.content.decode()


def hx(article) -> dict:
    """HTMX headers from the article's page."""
    return {**HX, "HTTP_HX_CURRENT_URL": f"http://testserver{article.get_absolute_url()}"}


@pytest.fixture
def article(author):
    return write(author)


def test_the_article_page_shows_the_feeds_reactions_and_comments(client, article, colleague):
    comment_create(author=colleague, target=article, body="Very useful")
    reaction_set(user=colleague, target=article, kind="insightful")

    html = text_of(signed_in(client, colleague).get(article.get_absolute_url()))

    bar = html[html.index(f'id="article-{article.pk}-reactions"') :]
    assert f'action="{item_url("unreact", article)}"' in bar  # My reaction, to take back.
    assert re.search(r'aria-pressed="true" id="article-\d+-react"', bar)
    assert "Insightful" in bar.split("</form>")[0]
    assert f'href="{item_url("reactions", article)}"' in bar and "1 reaction" in bar
    assert "1 comment" in bar
    assert f'id="article-{article.pk}-comments"' in html and "Very useful" in html
    assert f'action="{item_url("comment-create", article)}"' in html
    assert 'id="comment-body-article-' in html and "js/conversation.js" in html
    for kind in ("like", "celebrate", "insightful", "support", "funny"):
        assert f'name="kind" value="{kind}"' in bar
    # The blog's own copies are gone.
    assert "/blog/a/" not in html.split("blog-conversation")[1]


def test_a_comment_with_htmx_answers_the_section_and_the_reaction_bar_out_of_band(
    client, article, colleague
):
    response = signed_in(client, colleague).post(
        item_url("comment-create", article), {"body": "Well put!", "view": "all"}, **hx(article)
    )

    assert response.status_code == 200
    html = text_of(response)
    assert html.strip().startswith(f'<section id="article-{article.pk}-comments"')
    assert "Well put!" in html and "Your comment is posted." in html
    bar = re.search(rf'<div id="article-{article.pk}-reactions"[^>]*>', html).group(0)
    assert 'hx-swap-oob="true"' in bar and "1 comment" in html
    comment = Comment.objects.get()
    assert (comment.author, comment.target, comment.parent) == (colleague, article, None)
    article.refresh_from_db()
    assert article.comment_count == 1


def test_a_comment_without_javascript_goes_back_to_the_article_at_the_comment(
    client, article, colleague
):
    response = signed_in(client, colleague).post(
        item_url("comment-create", article), {"body": "Nice", "next": article.get_absolute_url()}
    )

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response.url == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert "Nice" in text_of(client.get(response.url))


def test_replies_are_one_level_deep_and_show_under_their_comment(
    client, article, author, colleague
):
    first = comment_create(author=colleague, target=article, body="Question?")
    answer = comment_create(author=author, target=article, body="Answer.", parent=first)

    response = signed_in(client, colleague).post(
        item_url("comment-create", article),
        {"body": "Thanks!", "parent": answer.pk, "view": "all"},
        **hx(article),
    )

    assert response.status_code == 200
    assert Comment.objects.latest("id").parent == first
    html = text_of(response)
    assert html.index("Question?") < html.index("Answer.") < html.index("Thanks!")
    assert "Your reply is posted." in html
    newest = Comment.objects.latest("id")
    assert (
        html.index(f'id="comment-{first.pk}"')
        < html.index('class="comment-replies')
        < html.index(f'id="comment-{answer.pk}"')
        < html.index(f'id="comment-{newest.pk}"')
        < html.index(f'id="reply-form-{first.pk}"')
    )
    page = text_of(client.get(article.get_absolute_url()))
    assert f'id="reply-form-{first.pk}"' in page and f'id="reply-form-{answer.pk}"' not in page


def test_a_reply_link_without_javascript_opens_the_reply_form_on_the_comments_page(
    client, article, colleague
):
    first = comment_create(author=colleague, target=article, body="Question?")

    response = signed_in(client, colleague).get(item_url("comments", article), {"reply": first.pk})

    assert response.status_code == 200
    html = text_of(response)
    assert "<html" in html and "Comments on “Closing the books”" in html
    assert "Back to the article" in html and f'href="{article.get_absolute_url()}"' in html
    form = re.search(rf'<form id="reply-form-{first.pk}"[^>]*>', html, re.S).group(0)
    assert " hidden" not in form


def test_a_reply_to_a_comment_elsewhere_is_not_found(client, article, author, colleague):
    other = write(author, title="Another piece")
    elsewhere = comment_create(author=colleague, target=other, body="Elsewhere")

    client = signed_in(client, colleague)
    response = client.post(
        item_url("comment-create", article), {"body": "Hi", "parent": elsewhere.pk}
    )

    assert response.status_code == 404
    assert Comment.objects.count() == 1


def test_the_author_edits_a_comment_in_place_and_without_javascript(client, article, colleague):
    comment = comment_create(author=colleague, target=article, body="Typo hre")
    client = signed_in(client, colleague)

    form = client.get(comment_url("edit", comment) + "?view=all", **hx(article))
    assert form.status_code == 200 and "Typo hre</textarea>" in text_of(form)
    assert f'hx-target="#article-{article.pk}-comments"' in text_of(form)
    response = client.post(comment_url("edit", comment), {"body": "Typo here", "view": "all"},
                           **hx(article))  # fmt: skip
    assert response.status_code == 200
    assert "Typo here" in text_of(response) and "edited" in text_of(response)

    page = client.get(comment_url("edit", comment), {"next": article.get_absolute_url()})
    assert page.status_code == 200 and "<html" in text_of(page)
    response = client.post(
        comment_url("edit", comment), {"body": "Final", "next": article.get_absolute_url()}
    )
    assert response.url == f"{article.get_absolute_url()}#comment-{comment.pk}"
    comment.refresh_from_db()
    assert comment.body == "Final" and comment.edited_at is not None


def test_deleting_a_comment_updates_the_section_and_the_count(client, article, colleague):
    comment = comment_create(author=colleague, target=article, body="Oops")

    response = signed_in(client, colleague).post(
        comment_url("delete", comment), {"view": "all"}, **hx(article)
    )

    assert response.status_code == 200
    html = text_of(response)
    assert "Oops" not in html and "The comment is deleted." in html
    bar = html[html.index(f'id="article-{article.pk}-reactions"') :]
    assert 'hx-swap-oob="true"' in bar.split(">")[0] and "1 comment" not in bar
    article.refresh_from_db()
    assert article.comment_count == 0
    response = client.post(comment_url("delete", comment), {"next": article.get_absolute_url()})
    assert response.status_code == 404


def test_reacting_to_an_article_swaps_the_reaction_bar(client, article, colleague):
    client = signed_in(client, colleague)

    response = client.post(item_url("react", article), {"kind": "like"}, **hx(article))
    assert response.status_code == 200
    html = text_of(response)
    assert html.strip().startswith(f'<div id="article-{article.pk}-reactions"')
    assert 'aria-pressed="true"' in html and "👍" in html and "1 reaction" in html
    client.post(item_url("react", article), {"kind": "like"}, **hx(article))
    response = client.post(item_url("react", article), {"kind": "celebrate"}, **hx(article))
    assert Reaction.objects.get().kind == "celebrate" and "🎉" in text_of(response)
    article.refresh_from_db()
    assert article.reaction_count == 1

    response = client.post(item_url("unreact", article), **hx(article))
    assert f'action="{item_url("react", article)}"' in text_of(response)
    assert not Reaction.objects.exists()


def test_reacting_without_javascript_goes_back_to_the_conversation(client, article, colleague):
    response = signed_in(client, colleague).post(
        item_url("react", article), {"kind": "support", "next": article.get_absolute_url()}
    )

    assert response.status_code == 302
    assert response.url == f"{article.get_absolute_url()}#article-{article.pk}"
    assert Reaction.objects.get().kind == "support"
    page = text_of(client.get(response.url))
    assert f'id="article-{article.pk}"' in page and "💚" in page


def test_reactions_on_an_articles_comments_and_who_reacted(client, article, author, colleague):
    comment = comment_create(author=colleague, target=article, body="Good point")
    client = signed_in(client, author)

    response = client.post(comment_url("react", comment), {"kind": "support"}, **hx(article))
    assert response.status_code == 200
    html = text_of(response)
    assert html.strip().startswith(f'<div id="comment-{comment.pk}-reactions"')
    assert "💚" in html and 'aria-pressed="true"' in html
    who = text_of(client.get(comment_url("reactions", comment), **HX))
    assert "Ratna Sari" in who and "<html" not in who
    page = text_of(client.get(comment_url("reactions", comment)))
    assert "Back to the article" in page
    assert f'href="{article.get_absolute_url()}#comment-{comment.pk}"' in page
    client.post(comment_url("unreact", comment), **hx(article))
    assert not Reaction.objects.exists()


def test_who_reacted_to_an_article_lists_people_and_filters_by_kind(
    client, article, author, colleague
):
    reaction_set(user=colleague, target=article, kind="like")
    reaction_set(user=author, target=article, kind="celebrate")
    client = signed_in(client, colleague)

    page = text_of(client.get(item_url("reactions", article)))
    assert "<html" in page and "Budi Santoso" in page and "Ratna Sari" in page
    assert "All 2" in page and "Back to the article" in page
    only = text_of(client.get(item_url("reactions", article), {"kind": "celebrate"}, **HX))
    assert "<html" not in only and "Ratna Sari" in only and "Budi Santoso" not in only


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [("   ", "Write a comment first."), ("x" * 5001, "Keep it under 5000 characters")],
)
def test_a_refused_comment_shows_its_message_and_keeps_the_text(
    client, article, colleague, body, message
):
    client = signed_in(client, colleague)

    response = client.post(item_url("comment-create", article), {"body": body, "view": "all"},
                           **hx(article))  # fmt: skip
    assert response.status_code == 422
    html = text_of(response)
    assert message in html and 'aria-invalid="true"' in html and body.strip() in html
    page = client.post(item_url("comment-create", article), {"body": body})
    assert page.status_code == 422 and message in text_of(page) and "<html" in text_of(page)
    assert not Comment.objects.exists()
    article.refresh_from_db()
    assert article.comment_count == 0


def test_an_unknown_reaction_kind_is_refused_with_a_message(client, article, colleague):
    comment = comment_create(author=colleague, target=article, body="Hello")
    client = signed_in(client, colleague)

    response = client.post(item_url("react", article), {"kind": "angry"}, **hx(article))
    assert response.status_code == 422
    assert "Choose one of the reactions offered." in text_of(response)
    assert 'role="alert"' in text_of(response)
    response = client.post(item_url("react", article), {"kind": ""})
    assert response.status_code == 302
    assert "Choose one of the reactions offered." in [
        str(m) for m in get_messages(response.wsgi_request)
    ]
    bad = client.post(comment_url("react", comment), {"kind": "nope"}, **hx(article))
    assert bad.status_code == 422 and "Choose one of the reactions offered." in text_of(bad)
    assert not Reaction.objects.exists()


def test_an_unregistered_kind_is_not_found(client, article, colleague):
    client = signed_in(client, colleague)

    assert client.get(f"/nothing/{article.pk}/comments/").status_code == 404
    assert client.post(f"/blogs/{article.pk}/react/", {"kind": "like"}).status_code == 404


# --- permissions ------------------------------------------------------------------------


def conversation_requests(article, comment):
    """Every conversation endpoint for ``article`` and ``comment``: (name, method, url, data),
    the comment's deletion last."""
    return [
        ("comment", "post", item_url("comment-create", article), {"body": "Hi"}),
        (
            "reply",
            "post",
            item_url("comment-create", article),
            {"body": "Hi", "parent": comment.pk},
        ),
        ("comments", "get", item_url("comments", article), {}),
        ("react", "post", item_url("react", article), {"kind": "like"}),
        ("unreact", "post", item_url("unreact", article), {}),
        ("who", "get", item_url("reactions", article), {}),
        ("edit form", "get", comment_url("edit", comment), {}),
        ("edit", "post", comment_url("edit", comment), {"body": "Changed"}),
        ("comment react", "post", comment_url("react", comment), {"kind": "like"}),
        ("comment unreact", "post", comment_url("unreact", comment), {}),
        ("comment who", "get", comment_url("reactions", comment), {}),
        ("delete", "post", comment_url("delete", comment), {}),
    ]


def _codes(client, article, comment, *, htmx=False) -> dict[str, int]:
    return {
        name: getattr(client, method)(path, data, **(hx(article) if htmx else {})).status_code
        for name, method, path, data in conversation_requests(article, comment)
    }


TAKING_PART = {
    "comment": 302, "reply": 302, "comments": 200, "react": 302, "unreact": 302, "who": 200,
    "edit form": 403, "edit": 403, "comment react": 302, "comment unreact": 302,
    "comment who": 200,
}  # fmt: skip


@pytest.fixture
def private_article(private_community, author):
    join(author, private_community)
    return write(author, title="Tax calendar", blog=Blog.of_community(private_community))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anon", "login"),
        (
            "outsider",
            {name: 404 for name, *_ in conversation_requests(Article(pk=1), Comment(pk=1))},
        ),
        ("member", {**TAKING_PART, "delete": 403}),
        ("moderator", {**TAKING_PART, "delete": 302}),
    ],
)
def test_the_permission_matrix_of_a_private_community_article(
    client, private_article, private_community, author, outsider, role, expected
):
    comment = comment_create(author=author, target=private_article, body="Members only")
    people = {
        "outsider": outsider,
        "member": join(UserFactory(username="member"), private_community),
        "moderator": join(UserFactory(username="mod"), private_community, role=Role.MODERATOR),
    }
    if role != "anon":
        client.force_login(people[role])

    codes = _codes(client, private_article, comment)

    if expected == "login":
        assert set(codes.values()) == {302}
        response = client.get(item_url("comments", private_article))
        assert "/accounts/login/" in response.url
    else:
        assert codes == expected
    if role in ("anon", "outsider"):
        assert Comment.objects.count() == 1 and not Reaction.objects.exists()


def test_an_outsider_gets_404_with_htmx_too_and_a_secret_community_article_does_not_exist(
    client, private_article, secret_community, author, outsider
):
    comment = comment_create(author=author, target=private_article, body="Members only")
    client = signed_in(client, outsider)
    assert set(_codes(client, private_article, comment, htmx=True).values()) == {404}

    join(author, secret_community)
    hidden = write(author, title="Merger", blog=Blog.of_community(secret_community))
    hush = comment_create(author=author, target=hidden, body="Hush")
    assert set(_codes(client, hidden, hush).values()) == {404}
    assert Comment.objects.count() == 2 and not Reaction.objects.exists()


def test_a_drafts_conversation_is_only_its_authors_and_closed_until_published(
    client, author, colleague
):
    draft = write(author, publish="draft")
    requests = [r for r in conversation_requests(draft, Comment(pk=0)) if "comment" not in r[2]
                or "/articles/" in r[2]]  # fmt: skip

    other = signed_in(Client(), colleague)
    codes = {name: getattr(other, method)(path, data).status_code
             for name, method, path, data in requests}  # fmt: skip
    assert set(codes.values()) == {404}, codes

    mine = signed_in(client, author)
    codes = {name: getattr(mine, method)(path, data).status_code
             for name, method, path, data in requests}  # fmt: skip
    assert codes == {
        "comment": 403, "reply": 403, "comments": 200, "react": 403, "unreact": 403, "who": 200
    }  # fmt: skip
    assert 'name="body"' not in text_of(mine.get(item_url("comments", draft), **HX))
    assert not Comment.objects.exists() and not Reaction.objects.exists()


def test_an_archived_communitys_article_keeps_its_conversation_readable_but_closed(
    client, public_community, colleague
):
    owner = public_community.created_by
    club = write(owner, blog=Blog.of_community(public_community))
    comment = comment_create(author=colleague, target=club, body="Indeed")
    community_set_archived(actor=owner, community=public_community, archived=True)
    client = signed_in(client, colleague)

    assert client.post(item_url("comment-create", club), {"body": "More"}).status_code == 403
    assert client.post(item_url("react", club), {"kind": "like"}).status_code == 403
    assert client.post(comment_url("react", comment), {"kind": "like"}).status_code == 403
    html = text_of(client.get(item_url("comments", club), **HX))
    assert "Indeed" in html and 'name="body"' not in html
    page = text_of(client.get(club.get_absolute_url()))
    assert "Indeed" in page and f'action="{item_url("react", club)}"' not in page


def test_every_conversation_form_needs_the_csrf_token(article, colleague):
    comment = comment_create(author=colleague, target=article, body="Mine")
    client = Client(enforce_csrf_checks=True)
    client.force_login(colleague)

    codes = {
        name: client.post(path, data, **hx(article)).status_code
        for name, method, path, data in conversation_requests(article, comment)
        if method == "post"
    }

    assert set(codes.values()) == {403}, codes
    assert Comment.objects.get().body == "Mine" and not Reaction.objects.exists()


# --- query counts -----------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 100])
def test_the_article_page_takes_the_same_queries_for_10_and_100_comments(
    client, article, author, colleague, django_assert_max_num_queries, count
):
    people = [UserFactory(username=f"talker{n}") for n in range(5)]
    for number in range(count):
        comment = comment_create(author=people[number % 5], target=article, body=f"Note {number}")
        if number % 3 == 0:
            comment_create(author=author, target=article, body="Reply", parent=comment)
            reaction_set(user=colleague, target=comment, kind="like")
        reaction_set(user=people[number % 5], target=article, kind="like")
    client = signed_in(client, colleague)

    with django_assert_max_num_queries(16):
        response = client.get(article.get_absolute_url())

    html = text_of(response)
    assert html.count('class="comment mt-2"') == count + (count + 2) // 3
    assert f"{count + (count + 2) // 3} comments" in html


@pytest.mark.parametrize(("htmx", "bound"), [(True, 7), (False, 10)])
@pytest.mark.parametrize("count", [10, 100])
def test_the_comment_list_takes_the_same_queries_for_10_and_100_comments(
    client, article, colleague, django_assert_max_num_queries, count, htmx, bound
):
    for number in range(count):
        comment_create(author=colleague, target=article, body=f"Note {number}")
    client = signed_in(client, colleague)

    with django_assert_max_num_queries(bound):
        response = client.get(item_url("comments", article), **(HX if htmx else {}))

    assert text_of(response).count('class="comment mt-2"') == count
