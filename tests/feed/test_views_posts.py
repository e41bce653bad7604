"""One post in the pages (feed.views.posts): the composer, the post's page, edit and its
history, delete and restore, and its images and files served only to who may see the post."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.models import Role
from feed.models import Post, PostKind, PostRevision
from feed.services.conversation import comment_create
from feed.services.posts import post_create, post_delete, post_edit
from tests.communities.matrix import check_placed_content_matrix
from tests.factories import UserFactory
from tests.feed.conftest import fresh, image_upload, join

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/"}


def signed_in(client, person):
    client.force_login(person)
    return client


def compose(client, data, *, htmx=True, files=None):
    payload = {"feed": "home", "mode": "post", **data, **(files or {})}
    return client.post(reverse("feed:compose"), payload, **(HX if htmx else {}))


def text(response) -> str:
    return response.content.decode()


def file_upload(name="notes.html", content=b"<script>alert(1)</script>"):
    return SimpleUploadedFile(name, content, content_type="text/html")


# --- compose ------------------------------------------------------------------------------


def test_publishing_with_htmx_gives_a_fresh_composer_and_the_post_on_top(client, author):
    response = compose(signed_in(client, author), {"body": "Hello **team**", "tags": "finance, Q3"})

    post = Post.objects.get()
    html = text(response)
    assert response.status_code == 200
    assert 'id="composer"' in html and "Your post is published." in html
    assert 'hx-swap-oob="afterbegin:#feed-items"' in html and f'id="post-{post.pk}"' in html
    assert "<strong>team</strong>" in html
    assert sorted(post.tags.names()) == ["finance", "q3"]
    assert post.community is None and post.kind == PostKind.POST


def test_publishing_without_javascript_goes_back_where_it_came_from(client, author):
    response = compose(
        signed_in(client, author), {"body": "Hello", "next": "/feed/company/"}, htmx=False
    )

    assert response.status_code == 302
    assert response["Location"] == "/feed/company/"
    assert Post.objects.filter(body="Hello").exists()


def test_a_post_into_a_community_from_home_is_linked_not_put_on_the_company_feed(
    client, author, public_community
):
    join(author, public_community)
    client = signed_in(client, author)

    home = compose(client, {"body": "Team news", "community": public_community.slug})
    company = compose(
        client, {"body": "Team news 2", "community": public_community.slug, "feed": "company"}
    )

    assert "hx-swap-oob" in text(home)
    assert "hx-swap-oob" not in text(company)
    assert "See it in Finance Club" in text(company)
    assert Post.objects.filter(community=public_community).count() == 2


def test_the_composer_offers_only_communities_one_may_post_in(
    client, author, public_community, private_community
):
    join(author, public_community)

    html = text(signed_in(client, author).get(reverse("home")))
    refused = compose(client, {"body": "Sneaky", "community": private_community.slug})

    assert f'value="{public_community.slug}"' in html
    assert f'value="{private_community.slug}"' not in html
    assert refused.status_code == 422
    assert "Select a valid choice" in text(refused)
    assert not Post.objects.exists()


TOO_LONG = "x" * 5001


@pytest.mark.parametrize(
    ("data", "images", "message", "kept"),
    [
        ({"body": "   ", "tags": "kept-topic"}, 0, "Write something first.", "kept-topic"),
        ({"body": TOO_LONG}, 0, "Keep it under 5000 characters (it has 5001).", TOO_LONG),
        ({"body": "Eleven photos"}, 11, "Add at most 10 images.", "Eleven photos"),
        (
            {"body": "Vote!", "mode": "poll", "poll_question": "Lunch where?",
             "poll_options": ["Warung"]},
            0,
            "Give between 2 and 6 different answers.",
            "Lunch where?",
        ),
        (
            {"body": "Thanks", "mode": "praise", "praise_value": "teamwork",
             "praise_recipients": "nobody-here"},
            0,
            "No active colleague is called nobody-here.",
            "nobody-here",
        ),
    ],
)  # fmt: skip
@pytest.mark.parametrize("htmx", [True, False])
def test_bad_input_in_the_composer_shows_the_message_and_keeps_the_text(
    client, author, data, images, message, kept, htmx
):
    files = {"images": [image_upload(f"p{n}.png") for n in range(images)]} if images else None

    response = compose(signed_in(client, author), data, htmx=htmx, files=files)

    html = text(response)
    assert response.status_code == (422 if htmx else 200)
    assert message in html
    assert kept in html
    assert ("<html" in html) is not htmx
    assert not Post.objects.exists()


def test_a_poll_and_praise_come_through_the_composer(client, author, colleague):
    client = signed_in(client, author)

    compose(
        client,
        {
            "body": "Team lunch",
            "mode": "poll",
            "poll_question": "Where?",
            "poll_options": ["Warung", "Canteen", ""],
            "poll_allows_multiple": "on",
        },
    )
    compose(
        client,
        {
            "body": "Thank you!",
            "mode": "praise",
            "praise_value": "extra_mile",
            "praise_recipients": "@budi, budi",
        },
    )

    poll = Post.objects.get(kind=PostKind.POLL).poll
    praise = Post.objects.get(kind=PostKind.PRAISE).praise
    assert [o.text for o in poll.options.all()] == ["Warung", "Canteen"]
    assert poll.allows_multiple is True
    assert praise.value == "extra_mile" and list(praise.recipients.all()) == [colleague]


def test_only_communicators_get_the_announcement_option(client, author, communicator):
    plain = text(signed_in(client, author).get(reverse("home")))
    compose(client, {"body": "Not an announcement", "is_announcement": "on"})
    allowed = text(signed_in(client, communicator).get(reverse("home")))
    compose(client, {"body": "Office closed Friday", "is_announcement": "on"})

    assert "Pin as an announcement" not in plain
    assert "Pin as an announcement" in allowed
    assert Post.objects.get(body="Not an announcement").is_announcement is False
    assert Post.objects.get(body="Office closed Friday").is_announcement is True


def test_a_community_admin_may_announce_in_their_community_only(client, author, public_community):
    join(author, public_community, role=Role.ADMIN)
    client = signed_in(client, author)

    inside = compose(
        client, {"body": "Team day", "community": public_community.slug, "is_announcement": "on"}
    )
    outside = compose(client, {"body": "Everyone!", "is_announcement": "on"})

    assert inside.status_code == 200
    assert Post.objects.get(body="Team day").is_announcement is True
    assert outside.status_code == 422
    assert "Only Communicators post company-wide announcements." in text(outside)


def test_images_and_files_come_through_the_composer(client, author):
    response = compose(
        signed_in(client, author),
        {"body": "Photos"},
        files={"images": [image_upload("a.png"), image_upload("b.jpg", fmt="JPEG")],
               "attachments": [file_upload()]},
    )  # fmt: skip

    post = Post.objects.get()
    html = text(response)
    assert post.images.count() == 2 and post.attachments.count() == 1
    image = post.images.first()
    assert reverse("feed:post-thumbnail", args=[post.pk, image.pk]) in html
    attachment = post.attachments.get()
    assert reverse("feed:post-attachment", args=[post.pk, attachment.pk]) in html
    assert "/media/posts/" not in html


# --- the post's page -------------------------------------------------------------------------


def make_post(*, author, community):
    return post_create(author=author, community=community, body="Matrix post")


def test_the_post_page_follows_the_visibility_rule(db):
    check_placed_content_matrix(make=make_post, url=lambda post: post.get_absolute_url())


def test_the_post_page_shows_every_comment(client, author, colleague):
    post = post_create(author=author, body="Thoughts?")
    for n in range(5):
        comment_create(author=colleague, target=post, body=f"Comment number {n}")

    html = text(signed_in(client, colleague).get(post.get_absolute_url()))

    for n in range(5):
        assert f"Comment number {n}" in html
    assert "View 3 more" not in html


def test_an_unknown_post_is_404(client, author):
    assert signed_in(client, author).get(reverse("feed:post-detail", args=[999])).status_code == 404


# --- edit and history --------------------------------------------------------------------------


def test_the_author_edits_in_place_and_the_previous_text_is_kept(client, author):
    post = post_create(author=author, body="First version")
    client = signed_in(client, author)

    form = client.get(reverse("feed:post-edit", args=[post.pk]), **HX)
    response = client.post(
        reverse("feed:post-edit", args=[post.pk]), {"body": "Second version", "tags": ""}, **HX
    )

    assert "First version" in text(form) and "<html" not in text(form)
    assert response.status_code == 200
    assert "Second version" in text(response) and "edited" in text(response)
    post.refresh_from_db()
    assert post.body == "Second version" and post.edited_at is not None
    assert PostRevision.objects.get(post=post).body == "First version"


def test_an_edit_without_javascript_has_its_own_page(client, author):
    post = post_create(author=author, body="First version")
    client = signed_in(client, author)

    page = client.get(reverse("feed:post-edit", args=[post.pk]))
    done = client.post(reverse("feed:post-edit", args=[post.pk]), {"body": "Changed"})

    assert "<html" in text(page)
    assert done.status_code == 302 and done["Location"] == post.get_absolute_url()


def test_a_refused_edit_keeps_the_text_and_says_why(client, author):
    post = post_create(author=author, body="Short")

    response = signed_in(client, author).post(
        reverse("feed:post-edit", args=[post.pk]), {"body": TOO_LONG}, **HX
    )

    assert response.status_code == 422
    assert "Keep it under 5000 characters" in text(response)
    assert TOO_LONG in text(response)
    post.refresh_from_db()
    assert post.body == "Short"


def test_editing_someone_elses_post_is_forbidden(client, author, colleague):
    post = post_create(author=author, body="Mine")
    client = signed_in(client, colleague)

    assert client.get(reverse("feed:post-edit", args=[post.pk])).status_code == 403
    refused = client.post(reverse("feed:post-edit", args=[post.pk]), {"body": "Hacked"})
    assert refused.status_code == 403
    post.refresh_from_db()
    assert post.body == "Mine"


def test_editing_a_post_one_may_not_see_is_404(client, author, outsider, private_community):
    join(author, private_community)
    post = post_create(author=author, community=private_community, body="Internal")
    client = signed_in(client, outsider)

    assert client.get(reverse("feed:post-edit", args=[post.pk])).status_code == 404
    assert client.get(reverse("feed:post-history", args=[post.pk])).status_code == 404


def test_the_history_is_for_the_author_and_moderators(
    client, author, colleague, site_moderator, public_community
):
    join(author, public_community)
    moderator = join(UserFactory(username="commod"), public_community, role=Role.MODERATOR)
    post = post_create(author=author, community=public_community, body="Version one")
    post_edit(actor=author, post=post, body="Version two")
    url = reverse("feed:post-history", args=[post.pk])

    for person in (author, site_moderator, moderator):
        response = signed_in(client, fresh(person)).get(url)
        assert response.status_code == 200
        assert "Version one" in text(response) and "Version two" in text(response)
    assert signed_in(client, colleague).get(url).status_code == 403


def test_the_card_links_the_history_for_the_author_only(client, author, colleague):
    post = post_create(author=author, body="Version one")
    post_edit(actor=author, post=post, body="Version two")
    url = reverse("feed:post-history", args=[post.pk])

    assert url in text(signed_in(client, author).get(post.get_absolute_url()))
    assert url not in text(signed_in(client, colleague).get(post.get_absolute_url()))


# --- delete and restore ---------------------------------------------------------------------------


def test_the_author_deletes_a_post_and_a_second_delete_finds_nothing(client, author):
    post = post_create(author=author, body="Oops")
    client = signed_in(client, author)
    url = reverse("feed:post-delete", args=[post.pk])

    first = client.post(url, **HX)
    second = client.post(url, **HX)

    assert first.status_code == 200 and "The post is deleted." in text(first)
    assert "restore" not in text(first).lower()
    assert second.status_code == 404
    post.refresh_from_db()
    assert post.is_deleted and post.deleted_by == author
    assert client.get(post.get_absolute_url()).status_code == 404


def test_deleting_without_javascript_goes_back_but_not_to_the_deleted_post(client, author):
    post = post_create(author=author, body="Oops")

    response = signed_in(client, author).post(
        reverse("feed:post-delete", args=[post.pk]), {"next": post.get_absolute_url()}
    )

    assert response.status_code == 302 and response["Location"] == reverse("feed:home")


def test_others_may_not_delete_a_post(client, author, colleague):
    post = post_create(author=author, body="Mine")

    response = signed_in(client, colleague).post(reverse("feed:post-delete", args=[post.pk]))

    assert response.status_code == 403
    post.refresh_from_db()
    assert not post.is_deleted


def test_a_moderator_deletes_twice_is_told_and_restores(client, author, public_community):
    join(author, public_community)
    moderator = join(UserFactory(username="commod"), public_community, role=Role.MODERATOR)
    post = post_create(author=author, community=public_community, body="Off topic")
    client = signed_in(client, moderator)
    delete_url = reverse("feed:post-delete", args=[post.pk])

    first = client.post(delete_url, **HX)
    again = client.post(delete_url, **HX)
    page = client.get(post.get_absolute_url())
    restored = client.post(reverse("feed:post-restore", args=[post.pk]), **HX)

    assert "Undo: restore it" in text(first)
    assert again.status_code == 409 and "already been deleted" in text(again)
    assert page.status_code == 200 and "Only moderators see it." in text(page)
    assert restored.status_code == 200 and f'id="post-{post.pk}"' in text(restored)
    post.refresh_from_db()
    assert not post.is_deleted


def test_only_moderators_restore(client, author, colleague):
    post = post_create(author=author, body="Gone")
    post_delete(actor=author, post=post)

    for person in (author, colleague):
        response = signed_in(client, person).post(reverse("feed:post-restore", args=[post.pk]))
        assert response.status_code == 404
    post.refresh_from_db()
    assert post.is_deleted


def test_restoring_a_post_that_is_not_deleted_says_so(client, author, site_moderator):
    post = post_create(author=author, body="Fine")

    response = signed_in(client, site_moderator).post(
        reverse("feed:post-restore", args=[post.pk]), **HX
    )

    assert response.status_code == 409 and "not deleted" in text(response)


# --- images and files -----------------------------------------------------------------------------


def make_post_with_media(*, author, community):
    return post_create(
        author=author,
        community=community,
        body="With media",
        images=[image_upload()],
        attachments=[file_upload()],
    )


def test_post_images_follow_the_visibility_rule(db):
    check_placed_content_matrix(
        make=make_post_with_media,
        url=lambda post: reverse("feed:post-image", args=[post.pk, post.images.get().pk]),
    )


def test_post_files_follow_the_visibility_rule(db):
    check_placed_content_matrix(
        make=make_post_with_media,
        url=lambda post: reverse("feed:post-attachment", args=[post.pk, post.attachments.get().pk]),
    )


def test_images_are_served_inline_and_files_always_as_downloads(client, author):
    post = make_post_with_media(author=author, community=None)
    image, attachment = post.images.get(), post.attachments.get()
    client = signed_in(client, author)

    full = client.get(reverse("feed:post-image", args=[post.pk, image.pk]))
    thumb = client.get(reverse("feed:post-thumbnail", args=[post.pk, image.pk]))
    download = client.get(reverse("feed:post-attachment", args=[post.pk, attachment.pk]))

    for response in (full, thumb):
        assert response.status_code == 200
        assert response["Content-Type"] in ("image/png", "image/jpeg")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert not response["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment")
    assert 'filename="notes.html"' in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]
    assert b"".join(download.streaming_content) == b"<script>alert(1)</script>"


def test_media_of_a_deleted_post_or_another_post_is_404(client, author):
    post = make_post_with_media(author=author, community=None)
    other = post_create(author=author, body="Other")
    image = post.images.get()
    client = signed_in(client, author)

    assert client.get(reverse("feed:post-image", args=[other.pk, image.pk])).status_code == 404
    post_delete(actor=author, post=post)
    assert client.get(reverse("feed:post-image", args=[post.pk, image.pk])).status_code == 404


def test_post_media_has_no_public_address(client, author):
    post = make_post_with_media(author=author, community=None)

    response = signed_in(client, author).get("/media/" + post.attachments.get().file.name)

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Laporan Q3 – final.pdf", "filename*=utf-8''Laporan%20Q3%20%E2%80%93%20final.pdf"),
        ('evil".html', 'filename="evil\\".html"'),
        ("two\r\nSet-Cookie: x=1.txt", 'filename="twoSet-Cookie: x=1.txt"'),
    ],
)
def test_a_file_name_reaches_the_download_header_safely(client, author, name, expected):
    post = post_create(author=author, body="File", attachments=[file_upload(name)])
    attachment = post.attachments.get()

    response = signed_in(client, author).get(
        reverse("feed:post-attachment", args=[post.pk, attachment.pk])
    )

    disposition = response["Content-Disposition"]
    assert response.status_code == 200
    assert disposition.startswith("attachment; ") and expected in disposition
    assert "\n" not in disposition and "\r" not in disposition
    assert "Set-Cookie" not in response


def test_media_whose_stored_file_is_gone_is_404_not_500(client, author):
    post = make_post_with_media(author=author, community=None)
    image, attachment = post.images.get(), post.attachments.get()
    for stored in (image.image, image.thumbnail, attachment.file):
        stored.storage.delete(stored.name)
    client = signed_in(client, author)

    urls = [
        reverse("feed:post-image", args=[post.pk, image.pk]),
        reverse("feed:post-thumbnail", args=[post.pk, image.pk]),
        reverse("feed:post-attachment", args=[post.pk, attachment.pk]),
    ]

    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
