"""The conversation around a post in the HTML pages (feed.views.conversation): comments and
replies, reactions and who reacted, shares and bookmarks; HTMX fragments and the same
endpoints without JavaScript."""

import re

import pytest
from django.urls import reverse

from communities.models import Role
from communities.services import community_set_archived
from feed.models import Bookmark, Comment, Post, PostKind, Reaction
from feed.services.conversation import comment_create, reaction_set
from feed.services.posts import post_create, post_share
from tests.browser.conftest import asgi_live_server  # noqa: F401 - a fixture.
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.feed.conftest import join

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/feed/company/"}


def signed_in(client, person):
    client.force_login(person)
    return client


def url(name: str, pk: int) -> str:
    return reverse(f"feed:{name}", args=[pk])


def text_of(response) -> str:
    return response.content.decode()


@pytest.fixture
def post(author):
    return post_create(author=author, body="Quarter closed early this time.")


@pytest.fixture
def private_post(private_community, author):
    join(author, private_community)
    return post_create(author=author, body="Tax figures", community=private_community)


# --- comments ---------------------------------------------------------------------------


def test_a_comment_with_htmx_answers_the_comment_section_and_the_counts_out_of_band(
    client, post, colleague
):
    response = signed_in(client, colleague).post(
        url("comment-create", post.pk), {"body": "Well done, team!", "view": "latest"}, **HX
    )
    assert response.status_code == 200
    html = text_of(response)
    assert f'id="post-{post.pk}-comments"' in html
    assert "Well done, team!" in html
    assert f'id="post-{post.pk}-counts" class' in html and 'hx-swap-oob="true"' in html
    assert "1 comment" in html
    comment = Comment.objects.get()
    assert (comment.author, comment.target, comment.parent) == (colleague, post, None)


def test_a_comment_without_javascript_goes_back_to_next_at_the_new_comment(client, post, colleague):
    response = signed_in(client, colleague).post(
        url("comment-create", post.pk), {"body": "Nice", "next": "/feed/company/#post-9"}
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response.url == f"/feed/company/#comment-{comment.pk}"


def test_next_pointing_elsewhere_is_ignored(client, post, colleague):
    response = signed_in(client, colleague).post(
        url("comment-create", post.pk), {"body": "Nice", "next": "https://evil.example/"}
    )
    assert response.url == f"{post.get_absolute_url()}#comment-{Comment.objects.get().pk}"


def test_the_card_shows_the_latest_two_comments_oldest_first_and_view_more(client, post, colleague):
    for number in range(1, 5):
        comment_create(author=colleague, target=post, body=f"Comment number {number}")
    response = signed_in(client, colleague).get(url("post-card", post.pk), **HX)
    html = text_of(response)
    assert "Comment number 1" not in html and "Comment number 2" not in html
    assert html.index("Comment number 3") < html.index("Comment number 4")
    assert "View 2 more comments" in html
    assert f'hx-get="{url("post-comments", post.pk)}"' in html


def test_view_more_loads_every_comment_with_its_replies(client, post, colleague, author):
    first = comment_create(author=colleague, target=post, body="First!")
    comment_create(author=author, target=post, body="A reply", parent=first)
    for number in range(3):
        comment_create(author=colleague, target=post, body=f"More {number}")
    client = signed_in(client, colleague)

    fragment = client.get(url("post-comments", post.pk), **HX)
    assert fragment.status_code == 200
    html = text_of(fragment)
    assert "<html" not in html
    for text in ("First!", "A reply", "More 0", "More 1", "More 2"):
        assert text in html
    assert "View" not in re.sub(r"<[^>]+>", "", html).split("First!")[0]

    page = client.get(url("post-comments", post.pk))
    assert page.status_code == 200
    assert "<html" in text_of(page) and "A reply" in text_of(page)


def test_replying_to_a_reply_joins_its_thread_and_shows_the_full_list(
    client, post, colleague, author
):
    first = comment_create(author=colleague, target=post, body="Question?")
    reply = comment_create(author=author, target=post, body="Answer.", parent=first)
    response = signed_in(client, colleague).post(
        url("comment-create", post.pk),
        {"body": "Thanks!", "parent": reply.pk, "view": "latest"},
        **HX,
    )
    assert response.status_code == 200
    newest = Comment.objects.latest("id")
    assert newest.parent == first
    html = text_of(response)
    assert html.index("Question?") < html.index("Answer.") < html.index("Thanks!")


def test_a_reply_link_without_javascript_opens_the_reply_form_on_the_full_list(
    client, post, colleague
):
    first = comment_create(author=colleague, target=post, body="Question?")
    response = signed_in(client, colleague).get(
        url("post-comments", post.pk) + f"?reply={first.pk}"
    )
    html = text_of(response)
    form = re.search(rf'<form id="reply-form-{first.pk}"[^>]*>', html, re.S).group(0)
    assert " hidden" not in form


@pytest.mark.parametrize(
    ("body", "message"),
    [("   ", "Write a comment first."), ("x" * 5001, "Keep it under 5000 characters")],
)
def test_a_refused_comment_shows_its_message_and_keeps_the_text(
    client, post, colleague, body, message
):
    client = signed_in(client, colleague)
    response = client.post(url("comment-create", post.pk), {"body": body}, **HX)
    assert response.status_code == 422
    html = text_of(response)
    assert message in html and 'aria-invalid="true"' in html
    assert body.strip() in html
    page = client.post(url("comment-create", post.pk), {"body": body})
    assert page.status_code == 422 and message in text_of(page) and "<html" in text_of(page)
    assert not Comment.objects.exists()


def test_a_refused_reply_keeps_its_text_in_its_own_form(client, post, colleague):
    first = comment_create(author=colleague, target=post, body="Question?")
    response = signed_in(client, colleague).post(
        url("comment-create", post.pk), {"body": "y" * 5001, "parent": first.pk}, **HX
    )
    assert response.status_code == 422
    form = re.search(rf'<form id="reply-form-{first.pk}".*?</form>', text_of(response), re.S)
    assert "y" * 5001 in form.group(0) and "Keep it under" in form.group(0)
    assert " hidden" not in form.group(0).split(">", 1)[0]


def test_a_reply_to_a_comment_on_another_post_is_not_found(client, post, author, colleague):
    other = post_create(author=author, body="Another post")
    elsewhere = comment_create(author=colleague, target=other, body="Elsewhere")
    response = signed_in(client, colleague).post(
        url("comment-create", post.pk), {"body": "Hi", "parent": elsewhere.pk}
    )
    assert response.status_code == 404
    response = client.post(url("comment-create", post.pk), {"body": "Hi", "parent": "x1"})
    assert response.status_code == 404


def test_the_author_edits_a_comment_in_place(client, post, colleague):
    comment = comment_create(author=colleague, target=post, body="Typo hre")
    client = signed_in(client, colleague)
    form = client.get(url("comment-edit", comment.pk) + "?view=latest", **HX)
    assert form.status_code == 200 and "Typo hre</textarea>" in text_of(form)
    response = client.post(
        url("comment-edit", comment.pk), {"body": "Typo here", "view": "latest"}, **HX
    )
    assert response.status_code == 200
    assert "Typo here" in text_of(response) and "edited" in text_of(response)
    comment.refresh_from_db()
    assert comment.body == "Typo here" and comment.edited_at is not None


def test_an_edit_without_javascript_has_its_own_page_and_goes_back(client, post, colleague):
    comment = comment_create(author=colleague, target=post, body="Before")
    client = signed_in(client, colleague)
    page = client.get(url("comment-edit", comment.pk) + "?next=/feed/company/")
    assert page.status_code == 200 and "Before</textarea>" in text_of(page)
    assert "hx-post" not in text_of(page).split('id="main"')[1]
    response = client.post(url("comment-edit", comment.pk), {"body": "After", "next": "/saved/"})
    assert response.status_code == 302 and response.url == f"/saved/#comment-{comment.pk}"


def test_an_empty_edit_is_refused_in_the_comment_with_the_text_kept(client, post, colleague):
    comment = comment_create(author=colleague, target=post, body="Keep me")
    response = signed_in(client, colleague).post(
        url("comment-edit", comment.pk), {"body": " "}, **HX
    )
    assert response.status_code == 422
    assert response["HX-Retarget"] == f"#comment-{comment.pk}-body"
    assert "Write a comment first." in text_of(response)
    comment.refresh_from_db()
    assert comment.body == "Keep me"


def test_someone_else_cannot_edit_a_comment(client, post, colleague, author):
    comment = comment_create(author=colleague, target=post, body="Mine")
    client = signed_in(client, author)
    assert client.get(url("comment-edit", comment.pk), **HX).status_code == 403
    assert client.post(url("comment-edit", comment.pk), {"body": "Yours"}).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Mine"


def test_the_author_deletes_a_comment_and_the_counts_follow(client, post, colleague):
    comment = comment_create(author=colleague, target=post, body="Oops")
    response = signed_in(client, colleague).post(
        url("comment-delete", comment.pk), {"view": "latest"}, **HX
    )
    assert response.status_code == 200
    html = text_of(response)
    assert "Oops" not in html and f'id="post-{post.pk}-counts"' in html
    comment.refresh_from_db()
    assert comment.is_deleted
    post.refresh_from_db()
    assert post.comment_count == 0
    # Gone for good: deleting again finds nothing.
    assert client.post(url("comment-delete", comment.pk)).status_code == 404


def test_moderators_delete_comments_others_may_not(client, public_community, author, colleague):
    moderator = UserFactory(username="moderator")
    join(moderator, public_community, role=Role.MODERATOR)
    join(author, public_community)
    post = post_create(author=author, body="In the club", community=public_community)
    comment = comment_create(author=colleague, target=post, body="Off topic")

    assert signed_in(client, author).post(url("comment-delete", comment.pk)).status_code == 403
    response = signed_in(client, moderator).post(url("comment-delete", comment.pk), {"next": "/"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_deleted and comment.deleted_by == moderator


def test_delete_is_offered_to_the_author_and_moderators_only(
    client, post, colleague, author, site_moderator
):
    comment_create(author=colleague, target=post, body="Hello")
    delete = 'action="/comments/'
    assert delete in text_of(signed_in(client, colleague).get(url("post-comments", post.pk), **HX))
    html = text_of(signed_in(client, author).get(url("post-comments", post.pk), **HX))
    assert "/delete/" not in html and "/edit/" not in html
    html = text_of(signed_in(client, site_moderator).get(url("post-comments", post.pk), **HX))
    assert "/delete/" in html and "/edit/" not in html
    comment = Comment.objects.get()
    response = client.post(url("comment-delete", comment.pk), {"view": "all"}, **HX)
    assert response.status_code == 200 and "Hello" not in text_of(response)
    comment.refresh_from_db()
    assert comment.deleted_by == site_moderator


# --- reactions --------------------------------------------------------------------------


def test_a_click_likes_and_the_actions_and_counts_come_back(client, post, colleague):
    response = signed_in(client, colleague).post(url("post-react", post.pk), {"kind": "like"}, **HX)
    assert response.status_code == 200
    html = text_of(response)
    assert f'id="post-{post.pk}-actions"' in html
    assert 'aria-pressed="true" id="post-' in html
    assert f'action="{url("post-unreact", post.pk)}"' in html
    counts = html[html.index(f'id="post-{post.pk}-counts"') :]
    assert "👍" in counts and "1 reaction" in counts
    assert Reaction.objects.get().kind == "like"


def test_reacting_twice_is_one_reaction_and_another_kind_replaces_it(client, post, colleague):
    client = signed_in(client, colleague)
    client.post(url("post-react", post.pk), {"kind": "like"}, **HX)
    client.post(url("post-react", post.pk), {"kind": "like"}, **HX)
    assert Reaction.objects.count() == 1
    response = client.post(url("post-react", post.pk), {"kind": "celebrate"}, **HX)
    assert Reaction.objects.get().kind == "celebrate"
    assert "🎉" in text_of(response) and "Celebrate" in text_of(response)
    post.refresh_from_db()
    assert post.reaction_count == 1


def test_a_click_on_ones_own_reaction_takes_it_back(client, post, colleague):
    reaction_set(user=colleague, target=post, kind="insightful")
    client = signed_in(client, colleague)
    response = client.post(url("post-unreact", post.pk), **HX)
    assert response.status_code == 200
    assert not Reaction.objects.exists()
    assert f'action="{url("post-react", post.pk)}"' in text_of(response)
    response = client.post(url("post-unreact", post.pk), {"next": "/feed/company/"})
    assert response.status_code == 302 and response.url == f"/feed/company/#post-{post.pk}"


def test_an_unknown_reaction_kind_is_refused_with_a_message(client, post, colleague):
    client = signed_in(client, colleague)
    response = client.post(url("post-react", post.pk), {"kind": "angry"}, **HX)
    assert response.status_code == 422
    assert "Choose one of the reactions offered." in text_of(response)
    response = client.post(url("post-react", post.pk), {"kind": ""}, follow=True)
    assert "Choose one of the reactions offered." in text_of(response)
    assert not Reaction.objects.exists()


def test_the_reaction_menu_offers_the_five_reactions_and_marks_mine(client, post, colleague):
    reaction_set(user=colleague, target=post, kind="funny")
    html = text_of(signed_in(client, colleague).get(url("post-card", post.pk), **HX))
    actions = html[html.index(f'id="post-{post.pk}-actions"') :]
    for kind in ("like", "celebrate", "insightful", "support", "funny"):
        assert f'name="kind" value="{kind}"' in actions
    assert re.search(r'active"\s+aria-pressed="true">\s*<span[^>]*>😄', actions)


def test_who_reacted_lists_people_and_filters_by_kind(client, post, author, colleague):
    reaction_set(user=colleague, target=post, kind="like")
    reaction_set(user=author, target=post, kind="celebrate")
    client = signed_in(client, colleague)
    page = client.get(url("post-reactions", post.pk))
    assert page.status_code == 200
    html = text_of(page)
    assert "<html" in html and "Budi Santoso" in html and "Ratna Sari" in html
    assert "All 2" in html
    only = text_of(client.get(url("post-reactions", post.pk) + "?kind=celebrate", **HX))
    assert "<html" not in only and "Ratna Sari" in only and "Budi Santoso" not in only
    odd = text_of(client.get(url("post-reactions", post.pk) + "?kind=<b>", **HX))
    assert "Budi Santoso" in odd and "Ratna Sari" in odd


def test_reacting_to_a_comment_swaps_its_reaction_control(client, post, colleague, author):
    comment = comment_create(author=colleague, target=post, body="Good point")
    client = signed_in(client, author)
    response = client.post(url("comment-react", comment.pk), {"kind": "support"}, **HX)
    assert response.status_code == 200
    html = text_of(response)
    assert html.strip().startswith(f'<div id="comment-{comment.pk}-reactions"')
    assert "💚" in html and 'aria-pressed="true"' in html
    assert url("comment-reactions", comment.pk) in html
    who = text_of(client.get(url("comment-reactions", comment.pk), **HX))
    assert "Ratna Sari" in who and "💚 1" in who.replace("</span> ", " ")
    response = client.post(url("comment-unreact", comment.pk), **HX)
    assert not Reaction.objects.exists()
    bad = client.post(url("comment-react", comment.pk), {"kind": "nope"}, **HX)
    assert bad.status_code == 422 and "Choose one of the reactions offered." in text_of(bad)


# --- shares -----------------------------------------------------------------------------


def test_the_share_form_offers_company_wide_and_the_communities_i_post_in(
    client, post, colleague, public_community, private_community
):
    join(colleague, public_community)
    closed = build_community(name="Admins only", posting_policy="admins")
    join(colleague, closed)
    response = signed_in(client, colleague).get(url("post-share", post.pk), **HX)
    assert response.status_code == 200
    html = text_of(response)
    assert "My followers (company-wide)" in html
    assert f'value="{public_community.pk}"' in html
    assert f'value="{private_community.pk}"' not in html and f'value="{closed.pk}"' not in html
    assert "Quarter closed early" in html
    page = signed_in(client, colleague).get(url("post-share", post.pk) + "?next=/saved/")
    assert page.status_code == 200 and 'name="next" value="/saved/"' in text_of(page)


def test_sharing_company_wide_with_a_comment(client, post, colleague):
    response = signed_in(client, colleague).post(
        url("post-share", post.pk), {"body": "Worth reading", "community": ""}, **HX
    )
    assert response.status_code == 200
    share = Post.objects.get(kind=PostKind.SHARE)
    assert (share.author, share.shared_post, share.community, share.body) == (
        colleague, post, None, "Worth reading"
    )  # fmt: skip
    html = text_of(response)
    assert share.get_absolute_url() in html and "1 share" in html


def test_sharing_into_a_community_without_javascript_goes_to_the_share(
    client, post, colleague, public_community
):
    join(colleague, public_community)
    response = signed_in(client, colleague).post(
        url("post-share", post.pk), {"community": public_community.pk}
    )
    share = Post.objects.get(kind=PostKind.SHARE)
    assert share.community == public_community
    assert response.status_code == 302 and response.url == share.get_absolute_url()


def test_a_share_of_a_share_shares_the_original(client, post, author, colleague):
    first = post_share(author=author, original=post)
    signed_in(client, colleague).post(url("post-share", first.pk), {"body": ""})
    second = Post.objects.filter(kind=PostKind.SHARE).latest("id")
    assert second.shared_post == post
    page = text_of(client.get(url("post-share", first.pk)))
    assert f'action="{url("post-share", post.pk)}"' in page


def test_a_share_whose_original_was_deleted_cannot_be_shared_as_in_the_api(
    client, post, author, colleague
):
    from rest_framework.test import APIClient

    from feed.services.posts import post_delete

    share = post_share(author=colleague, original=post)
    post_delete(actor=author, post=post)
    client = signed_in(client, colleague)
    api = APIClient()
    api.force_login(colleague)

    page = client.get(url("post-share", share.pk))
    sent = client.post(url("post-share", share.pk), {"body": ""})
    api = api.post(f"/api/v1/posts/{share.pk}/share/", {}, format="json")

    assert (page.status_code, sent.status_code, api.status_code) == (404, 404, 404)
    assert Post.objects.filter(kind=PostKind.SHARE).count() == 1


def test_sharing_into_a_community_i_cannot_post_in_is_forbidden(
    client, post, colleague, public_community, secret_community
):
    client = signed_in(client, colleague)
    response = client.post(url("post-share", post.pk), {"community": public_community.pk})
    assert response.status_code == 403
    response = client.post(url("post-share", post.pk), {"community": secret_community.pk})
    assert response.status_code == 404
    response = client.post(url("post-share", post.pk), {"community": "abc"})
    assert response.status_code == 404
    assert not Post.objects.filter(kind=PostKind.SHARE).exists()


def test_a_too_long_share_comment_is_refused_and_kept(client, post, colleague):
    response = signed_in(client, colleague).post(
        url("post-share", post.pk), {"body": "z" * 5001}, **HX
    )
    assert response.status_code == 422
    assert "Keep it under 5000 characters" in text_of(response)
    assert "z" * 5001 in text_of(response)
    assert not Post.objects.filter(kind=PostKind.SHARE).exists()


def test_a_private_post_shared_company_wide_is_only_seen_by_its_community(
    client, private_post, private_community, colleague, outsider
):
    join(colleague, private_community)
    response = signed_in(client, colleague).post(
        url("post-share", private_post.pk), {"body": "FYI"}
    )
    assert response.status_code == 302
    share = Post.objects.get(kind=PostKind.SHARE)
    assert share.community is None
    assert client.get(share.get_absolute_url()).status_code == 200
    assert signed_in(client, outsider).get(share.get_absolute_url()).status_code == 404
    assert client.post(url("post-react", share.pk), {"kind": "like"}).status_code == 404
    assert not Post.objects.visible_to(outsider).filter(pk=share.pk).exists()


# --- bookmarks --------------------------------------------------------------------------


def test_save_and_unsave_swap_the_button(client, post, colleague):
    client = signed_in(client, colleague)
    response = client.post(url("post-save", post.pk), **HX)
    assert response.status_code == 200
    html = text_of(response)
    assert html.strip().startswith(f'<form id="post-{post.pk}-bookmark"')
    assert 'aria-pressed="true"' in html and url("post-unsave", post.pk) in html
    assert Bookmark.objects.filter(user=colleague, post=post).exists()
    client.post(url("post-save", post.pk), **HX)
    assert Bookmark.objects.count() == 1
    response = client.post(url("post-unsave", post.pk), {"next": "/saved/"})
    assert response.status_code == 302 and response.url == f"/saved/#post-{post.pk}"
    assert not Bookmark.objects.exists()


# --- permissions ------------------------------------------------------------------------


def conversation_requests(post, comment):
    """Every conversation endpoint for ``post`` and its ``comment``: (method, url, data)."""
    return [
        ("post", url("comment-create", post.pk), {"body": "Hi"}),
        ("post", url("comment-create", post.pk), {"body": "Hi", "parent": comment.pk}),
        ("get", url("post-comments", post.pk), {}),
        ("post", url("post-react", post.pk), {"kind": "like"}),
        ("post", url("post-unreact", post.pk), {}),
        ("get", url("post-reactions", post.pk), {}),
        ("get", url("post-share", post.pk), {}),
        ("post", url("post-share", post.pk), {"body": ""}),
        ("post", url("post-save", post.pk), {}),
        ("post", url("post-unsave", post.pk), {}),
        ("post", url("poll-vote", post.pk), {"option": "1"}),
        ("get", url("comment-edit", comment.pk), {}),
        ("post", url("comment-edit", comment.pk), {"body": "Changed"}),
        ("post", url("comment-delete", comment.pk), {}),
        ("post", url("comment-react", comment.pk), {"kind": "like"}),
        ("post", url("comment-unreact", comment.pk), {}),
        ("get", url("comment-reactions", comment.pk), {}),
    ]


def test_every_conversation_form_needs_the_csrf_token(post, colleague):
    from django.test import Client

    comment = comment_create(author=colleague, target=post, body="Mine")
    client = Client(enforce_csrf_checks=True)
    client.force_login(colleague)
    codes = {
        path: client.post(path, data, **HX).status_code
        for method, path, data in conversation_requests(post, comment)
        if method == "post"
    }
    assert set(codes.values()) == {403}, codes
    assert Comment.objects.count() == 1 and not Reaction.objects.exists()
    assert not Bookmark.objects.exists() and Post.objects.count() == 1


@pytest.mark.parametrize("htmx", [False, True])
def test_an_outsider_of_a_private_community_gets_404_everywhere(
    client, private_post, private_community, outsider, htmx
):
    member = join(UserFactory(username="member"), private_community)
    comment = comment_create(author=member, target=private_post, body="Members only")
    client = signed_in(client, outsider)
    codes = {
        (method, path): getattr(client, method)(path, data, **(HX if htmx else {})).status_code
        for method, path, data in conversation_requests(private_post, comment)
    }
    assert set(codes.values()) == {404}, codes
    assert Comment.objects.count() == 1 and not Reaction.objects.exists()
    assert not Bookmark.objects.exists() and Post.objects.count() == 1


def test_a_member_of_the_private_community_may_take_part(
    client, private_post, private_community, colleague
):
    join(colleague, private_community)
    client = signed_in(client, colleague)
    assert client.post(url("comment-create", private_post.pk), {"body": "In"}).status_code == 302
    assert client.post(url("post-react", private_post.pk), {"kind": "like"}).status_code == 302
    assert client.get(url("post-reactions", private_post.pk)).status_code == 200
    assert client.post(url("post-save", private_post.pk)).status_code == 302


def test_signed_out_visitors_are_sent_to_log_in(client, post, colleague):
    comment = comment_create(author=colleague, target=post, body="Hi")
    for method, path, data in conversation_requests(post, comment):
        response = getattr(client, method)(path, data)
        assert response.status_code == 302 and "/accounts/login/" in response.url, path


def test_the_conversation_of_an_archived_community_is_closed(
    client, public_community, author, colleague
):
    join(author, public_community)
    join(colleague, public_community)
    post = post_create(author=author, body="Old news", community=public_community)
    comment = comment_create(author=colleague, target=post, body="Indeed")
    community_set_archived(
        actor=public_community.created_by, community=public_community, archived=True
    )
    client = signed_in(client, colleague)
    assert client.post(url("comment-create", post.pk), {"body": "More"}).status_code == 403
    assert client.post(url("post-react", post.pk), {"kind": "like"}).status_code == 403
    assert client.post(url("comment-react", comment.pk), {"kind": "like"}).status_code == 403
    assert client.get(url("post-share", post.pk)).status_code == 403
    html = text_of(client.get(url("post-comments", post.pk), **HX))
    assert "Indeed" in html and 'name="body"' not in html
    # Reading who reacted and saving for later still work.
    assert client.get(url("post-reactions", post.pk)).status_code == 200
    assert client.post(url("post-save", post.pk)).status_code == 302


def test_a_secret_community_post_is_not_found_for_outsiders(
    client, secret_community, author, outsider
):
    join(author, secret_community)
    post = post_create(author=author, body="Hush", community=secret_community)
    client = signed_in(client, outsider)
    assert client.get(url("post-reactions", post.pk)).status_code == 404
    assert client.post(url("post-share", post.pk)).status_code == 404


# --- XSS --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert('x')</script>hello",
        '<img src="x" onerror="alert(1)">',
        "[click me](javascript:alert(1))",
        '<a href="javascript:alert(1)">link</a>',
        "[x](JaVaScRiPt:alert(1)) <svg onload=alert(1)>",
    ],
)
def test_comments_render_inert(client, post, colleague, body):
    client = signed_in(client, colleague)
    response = client.post(url("comment-create", post.pk), {"body": body, "view": "all"}, **HX)
    assert response.status_code == 200
    html = text_of(response).lower()
    assert "<script>alert" not in html
    assert "onerror=" not in html and "onload=" not in html
    assert 'href="javascript:' not in html
    assert "<svg" not in html and "<img" not in html


def test_names_are_escaped_in_who_reacted_and_comments(client, post):
    rogue = UserFactory(username="rogue", display_name="<b onmouseover=alert(1)>Rogue</b>")
    reaction_set(user=rogue, target=post, kind="like")
    comment_create(author=rogue, target=post, body="hi")
    client = signed_in(client, rogue)
    for path in (url("post-reactions", post.pk), url("post-comments", post.pk)):
        html = text_of(client.get(path, **HX))
        assert "<b onmouseover" not in html and "&lt;b onmouseover=alert(1)&gt;Rogue" in html


@pytest.mark.parametrize("number", ["²", "١٢", "abc", "-1", str(10**25)])
def test_odd_numbers_for_a_reply_a_reply_form_or_a_community_are_not_found_not_500(
    client, post, colleague, number
):
    """``"²".isdigit()`` is true but ``int("²")`` fails: every id from a form is checked."""
    client = signed_in(client, colleague)

    reply = client.post(url("comment-create", post.pk), {"body": "Hi", "parent": number})
    listing = client.get(url("post-comments", post.pk), {"reply": number})
    share = client.post(url("post-share", post.pk), {"community": number})

    assert (reply.status_code, listing.status_code, share.status_code) == (404, 200, 404)
    assert not Comment.objects.exists() and Post.objects.count() == 1


def test_the_who_reacted_dialog_carries_its_own_translatable_refusal_text(client, post, colleague):
    """Else a failed tab in the dialog shows conversation.js's English fallback."""
    reaction_set(user=colleague, target=post, kind="like")
    client = signed_in(client, colleague)

    html = text_of(client.get(url("post-reactions", post.pk), **HX))

    assert re.search(r'id="reactions-who"[^>]*data-refused-text="That did not work', html)


# --- query counts -----------------------------------------------------------------------


@pytest.mark.parametrize(("htmx", "bound"), [(True, 17), (False, 21)])
@pytest.mark.parametrize("count", [10, 100])
def test_the_full_comment_list_takes_the_same_queries_for_10_and_100_comments(
    client, post, colleague, author, django_assert_max_num_queries, count, htmx, bound
):
    people = [UserFactory(username=f"talker{n}") for n in range(5)]
    for number in range(count):
        comment = comment_create(author=people[number % 5], target=post, body=f"Comment {number}")
        if number % 3 == 0:
            comment_create(author=author, target=post, body="Reply", parent=comment)
            reaction_set(user=colleague, target=comment, kind="like")
    client = signed_in(client, colleague)
    with django_assert_max_num_queries(bound):
        response = client.get(url("post-comments", post.pk), **(HX if htmx else {}))
    assert text_of(response).count('class="comment mt-2"') == count + (count + 2) // 3


@pytest.mark.parametrize("count", [10, 100])
def test_who_reacted_takes_the_same_queries_for_10_and_100_reactions(
    client, post, colleague, django_assert_max_num_queries, count
):
    kinds = ["like", "celebrate", "insightful", "support", "funny"]
    for number in range(count):
        person = UserFactory(username=f"fan{number}")
        reaction_set(user=person, target=post, kind=kinds[number % 5])
    client = signed_in(client, colleague)
    with django_assert_max_num_queries(16):
        response = client.get(url("post-reactions", post.pk))
    assert response.status_code == 200
    assert text_of(response).count("/people/fan") == count


@pytest.mark.parametrize("count", [10, 100])
def test_who_reacted_to_a_comment_takes_the_same_queries_for_10_and_100(
    client, post, colleague, django_assert_max_num_queries, count
):
    comment = comment_create(author=colleague, target=post, body="Popular")
    for number in range(count):
        reaction_set(user=UserFactory(username=f"fan{number}"), target=comment, kind="like")
    client = signed_in(client, colleague)
    with django_assert_max_num_queries(18):
        response = client.get(url("comment-reactions", comment.pk), **HX)
    assert text_of(response).count("/people/fan") == count


# --- in a browser: the keyboard keeps its place across HTMX swaps ------------------------


@pytest.fixture
def chromium():
    """Chromium for one test (Playwright's sync API keeps an event loop in this thread)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_after_sending_deleting_or_voting_by_keyboard_the_focus_stays_in_the_post(
    asgi_live_server,  # noqa: F811 - the fixture imported above.
    chromium,
):
    """A pressed button that the answer replaces or removes must not drop the keyboard
    focus to the top of the page."""
    from playwright.sync_api import expect

    from tests.factories import PASSWORD

    ratna = UserFactory(username="ratna", display_name="Ratna Sari")
    UserFactory(username="budi", display_name="Budi Santoso")
    post = post_create(author=ratna, body="Quarter close is done.")
    poll = post_create(author=ratna, poll={"question": "Lunch?", "options": ["Soto", "Bakso"]})
    page = chromium.new_context(locale="en-US").new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: dialog.accept())  # "Delete this comment?"
    try:
        page.goto(f"{asgi_live_server}/accounts/login/")
        page.get_by_label("Username or e-mail").fill("budi")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name=re.compile("Log in", re.I)).click()
        page.goto(f"{asgi_live_server}/feed/company/")
        card = page.locator(f"#post-{post.pk}")

        card.get_by_label("Write a comment").fill("Great work")
        card.get_by_role("button", name="Send comment").focus()
        page.keyboard.press("Enter")
        expect(card.locator(".comment-text")).to_contain_text(["Great work"])
        expect(card.get_by_role("button", name="Send comment")).to_be_focused()

        card.get_by_role("button", name="Delete").focus()
        page.keyboard.press("Enter")
        expect(card.locator(".comment-text")).to_have_count(0)
        expect(card.locator(f"#post-{post.pk}-comments")).to_be_focused()

        poll_card = page.locator(f"#post-{poll.pk}")
        poll_card.get_by_label("Bakso").check()
        poll_card.get_by_role("button", name="Vote").focus()
        page.keyboard.press("Enter")
        expect(poll_card.locator(f"#post-{poll.pk}-poll")).to_contain_text("1 voter")
        expect(poll_card.locator(f"#post-{poll.pk}-poll")).to_be_focused()
    finally:
        page.context.close()
