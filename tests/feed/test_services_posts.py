"""Writing posts through feed.services.posts: create (text, topics, mentions, images, files,
polls, praise, announcements), edit, delete, restore, share, and "seen" for announcements."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import override_settings
from django.utils import timezone
from PIL import ExifTags, Image

from communities import services as communities
from communities.models import CommunityType, Role
from core.api import exception_handler
from core.ratelimit import RATE_LIMITED
from feed.models import (
    AnnouncementView,
    Poll,
    Post,
    PostAttachment,
    PostImage,
    PostKind,
    PostRevision,
    Praise,
)
from feed.services.posts import (
    announcement_mark_seen,
    clean_file_name,
    get_post_for,
    post_create,
    post_delete,
    post_edit,
    post_restore,
    post_share,
)
from moderation.models import ActionType, ModerationAction
from moderation.services import content_hide
from profiles.services import user_set_active
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.feed.conftest import fresh, image_upload, join, named

pytestmark = pytest.mark.django_db


def errors_of(info) -> dict:
    return info.value.message_dict


def visible_both_ways(user, post) -> bool:
    """The one rule, asked both ways; the two must agree."""
    one = post.is_visible_to(user)
    many = Post.objects.visible_to(user).filter(pk=post.pk).exists()
    assert one == many, (user, post, one, many)
    return one


# --- creating: text, topics, mentions --------------------------------------------------------


def test_a_company_wide_post_is_stored_rendered_and_announced_after_commit(
    author, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = post_create(author=author, body="  Hello **everyone**  ")

    post.refresh_from_db()
    assert (post.kind, post.community, post.body) == (PostKind.POST, None, "Hello **everyone**")
    assert post.body_html == "<p>Hello <strong>everyone</strong></p>"
    assert post.edited_at is None and post.deleted_at is None
    [event] = named(published, "post.created")
    assert (event.actor_id, event.object_type, event.object_id, event.community_id) == (
        author.pk, "feed.post", post.pk, None,
    )  # fmt: skip
    assert event.payload == {
        "kind": "post",
        "is_announcement": False,
        "mentioned_user_ids": [],
        "mentioned_community_ids": [],
        "tag_slugs": [],
        "shared_post_id": None,
        "praised_user_ids": [],
    }


def test_nothing_is_published_when_the_post_is_refused(
    author, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        post_create(author=author, body="")

    assert published == [] and not Post.objects.exists()


def test_a_post_in_a_community_the_author_belongs_to(
    author, public_community, published, django_capture_on_commit_callbacks
):
    join(author, public_community)

    with django_capture_on_commit_callbacks(execute=True):
        post = post_create(author=author, body="Rapat jam 10", community=public_community)

    assert post.community == public_community
    assert named(published, "post.created")[0].community_id == public_community.pk


def test_topics_and_hashtags_become_tags_linked_to_their_pages(
    author, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = post_create(
            author=author,
            body="Go-live of #SAP tonight #sap",
            tags=["Budget 2026", "#Audit", "audit"],
        )

    assert sorted(post.tags.names()) == ["audit", "budget 2026", "sap"]
    assert '<a class="hashtag" href="/tags/sap/">#SAP</a>' in post.body_html
    assert sorted(named(published, "post.created")[0].payload["tag_slugs"]) == [
        "audit", "budget-2026", "sap",
    ]  # fmt: skip


def test_more_than_ten_topics_are_refused(author):
    with pytest.raises(ValidationError) as info:
        post_create(author=author, body="Many", tags=[f"topic {i}" for i in range(11)])

    assert "tags" in errors_of(info)


def test_mentions_of_people_and_communities_are_stored_and_reported(
    author, colleague, public_community, published, django_capture_on_commit_callbacks
):
    code_only = UserFactory(username="eko")
    linked_only = UserFactory(username="sari")

    with django_capture_on_commit_callbacks(execute=True):
        post = post_create(
            author=author,
            body="@budi and @finance-club: see `@eko` and [@sari](https://example.com)",
        )

    assert list(post.mentioned_users.all()) == [colleague]
    assert list(post.mentioned_communities.all()) == [public_community]
    payload = named(published, "post.created")[0].payload
    assert payload["mentioned_user_ids"] == [colleague.pk]
    assert payload["mentioned_community_ids"] == [public_community.pk]
    assert code_only.pk not in payload["mentioned_user_ids"]
    assert linked_only.pk not in payload["mentioned_user_ids"]


def test_an_inactive_person_is_not_mentioned(author, colleague):
    user_set_active(user=colleague, active=False)

    post = post_create(author=author, body="@budi?")

    assert not post.mentioned_users.exists()


# --- creating: images and files ------------------------------------------------------------


def test_images_are_stored_resized_with_thumbnails_and_need_no_text(author):
    big = image_upload("wide.jpg", size=(3000, 1500), fmt="JPEG")
    small = image_upload("small.png", size=(64, 48))

    post = post_create(author=author, images=[big, small])

    first, second = post.images.all()
    assert (first.width, first.height) == (2048, 1024)
    assert (second.width, second.height) == (64, 48)
    for stored in (first, second):
        for file in (stored.image, stored.thumbnail):
            assert file.storage.exists(file.name), file.name
    with Image.open(first.thumbnail.path) as thumbnail:
        assert thumbnail.size == (640, 320)
    assert post.body == "" and post.kind == PostKind.POST


def test_eleven_images_are_refused_and_nothing_is_stored(author):
    with pytest.raises(ValidationError) as info:
        post_create(author=author, body="Album", images=[image_upload() for _ in range(11)])

    assert errors_of(info) == {"images": ["Add at most 10 images."]}
    assert not Post.objects.exists() and not PostImage.objects.exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("evil.png", b"<?php system($_GET['c']); ?>", "image/png"),
        SimpleUploadedFile("drawing.svg", b'<svg onload="alert(1)"/>', "image/svg+xml"),
        SimpleUploadedFile("empty.jpg", b"", "image/jpeg"),
    ],
    ids=["php", "svg", "empty"],
)
def test_a_file_that_is_not_an_image_is_refused_by_name(author, upload):
    with pytest.raises(ValidationError) as info:
        post_create(author=author, body="Look", images=[image_upload(), upload])

    [message] = errors_of(info)["images"]
    assert message.startswith(f"{upload.name}: Upload a valid image")
    assert not Post.objects.exists()


def test_a_decompression_bomb_is_refused(author):
    buffer = io.BytesIO()
    Image.new("1", (7000, 7000)).save(buffer, format="PNG")
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue(), "image/png")

    with pytest.raises(ValidationError) as info:
        post_create(author=author, images=[bomb])

    assert "images" in errors_of(info)


@override_settings(POST_IMAGE_MAX_BYTES=500)
def test_an_image_over_the_size_limit_is_refused(author):
    with pytest.raises(ValidationError) as info:
        post_create(author=author, images=[image_upload(size=(400, 400), fmt="BMP")])

    assert "images" in errors_of(info)


def _gps_exif():
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90 degrees to show upright
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update({1: "S", 2: (6.0, 12.0, 30.0), 3: "E", 4: (106.0, 49.0, 0.0)})
    return exif


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_exif_and_gps_positions_are_dropped_and_the_photo_is_turned_upright(author, fmt):
    upload = image_upload(f"holiday.{fmt.lower()}", size=(60, 40), fmt=fmt, exif=_gps_exif())
    with Image.open(upload) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # The test file has GPS data.
    upload.seek(0)

    post = post_create(author=author, images=[upload])

    stored = post.images.get()
    assert (stored.width, stored.height) == (40, 60)
    for file in (stored.image, stored.thumbnail):
        with Image.open(file.path) as image:
            exif = image.getexif()
            assert not exif.get_ifd(ExifTags.IFD.GPSInfo), file.name
            assert 0x010F not in exif and 0x8825 not in exif, dict(exif)
            assert b"Canon" not in open(file.path, "rb").read()


def test_attachments_are_stored_under_our_name_and_shown_under_theirs(author):
    report = SimpleUploadedFile("Laporan Q3 2026.pdf", b"%PDF-1.4 numbers", "application/pdf")

    post = post_create(author=author, body="Laporan", attachments=[report])

    attachment = post.attachments.get()
    assert attachment.name == "Laporan Q3 2026.pdf"
    assert (attachment.size, attachment.content_type) == (16, "application/pdf")
    assert attachment.file.name.startswith("posts/files/")
    assert attachment.file.name.endswith(f"/p{post.pk}-0.pdf")
    assert attachment.file.read() == b"%PDF-1.4 numbers"


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\system.ini", "system.ini"),
        ("/var/www/.htaccess", "htaccess"),
        ("...hidden.txt", "hidden.txt"),
        ("..", "file"),
        ("re\x00port\x1b\n.pdf", "report.pdf"),
        ("invoice\u202egnp.exe", "invoicegnp.exe"),  # No right-to-left override trick.
        ("\x07\x08", "file"),
        ("a" * 300 + ".xlsx", "a" * 195 + ".xlsx"),
    ],
)
def test_attachment_names_are_sanitised(author, given, shown):
    post = post_create(author=author, body="File", attachments=[ContentFile(b"data", name=given)])

    attachment = post.attachments.get()
    assert attachment.name == shown == clean_file_name(given)
    assert ".." not in attachment.file.name and "\x00" not in attachment.file.name
    assert attachment.file.name.startswith("posts/files/")


@override_settings(POST_ATTACHMENT_MAX_BYTES=10)
def test_an_attachment_over_the_size_limit_is_refused_by_name(author):
    fits = SimpleUploadedFile("small.txt", b"0123456789")
    too_big = SimpleUploadedFile("big.csv", b"0123456789A")

    with pytest.raises(ValidationError) as info:
        post_create(author=author, body="Files", attachments=[fits, too_big])

    [message] = errors_of(info)["attachments"]
    assert message.startswith("big.csv is 11\xa0bytes; the limit is 10\xa0bytes")
    assert not PostAttachment.objects.exists()


def test_more_than_ten_attachments_are_refused(author):
    files = [SimpleUploadedFile(f"f{i}.txt", b"x") for i in range(11)]

    with pytest.raises(ValidationError) as info:
        post_create(author=author, body="Files", attachments=files)

    assert "attachments" in errors_of(info)


# --- creating: polls and praise ------------------------------------------------------------


def test_a_poll_is_stored_with_its_answers_in_order(author):
    closes = timezone.now() + timedelta(days=2)

    post = post_create(
        author=author,
        poll={"question": " Lunch  where? ", "options": ["Padang", " Sunda ", "Jawa"],
              "allows_multiple": True, "closes_at": closes},
    )  # fmt: skip

    assert post.kind == PostKind.POLL
    poll = post.poll
    assert (poll.question, poll.allows_multiple, poll.closes_at) == ("Lunch where?", True, closes)
    assert [o.text for o in poll.options.all()] == ["Padang", "Sunda", "Jawa"]


def test_a_poll_closes_in_a_week_by_default(author):
    post = post_create(author=author, poll={"question": "Q?", "options": ["A", "B"]})

    expected = timezone.now() + timedelta(days=7)
    assert abs(post.poll.closes_at - expected) < timedelta(minutes=1)
    assert post.poll.allows_multiple is False


@pytest.mark.parametrize(
    "options",
    [
        ["Only one"],
        [],
        ["Yes", " yes ", "YES"],
        ["", "  ", "A"],
        [f"Option {i}" for i in range(7)],
    ],
    ids=["one", "none", "duplicates-collapse-to-one", "blanks", "seven"],
)
def test_a_poll_needs_two_to_six_different_answers(author, options):
    with pytest.raises(ValidationError) as info:
        post_create(author=author, poll={"question": "Q?", "options": options})

    assert "poll_options" in errors_of(info)
    assert not Poll.objects.exists()


def test_duplicate_poll_answers_collapse_into_one(author):
    post = post_create(
        author=author, poll={"question": "Q?", "options": ["Yes", "yes ", "No", "  No"]}
    )

    assert [o.text for o in post.poll.options.all()] == ["Yes", "No"]


def test_missing_poll_answers_are_left_out_not_written_as_none(author):
    post = post_create(author=author, poll={"question": "Q?", "options": ["A", None, "B", ""]})

    assert [o.text for o in post.poll.options.all()] == ["A", "B"]


def test_six_poll_answers_are_fine(author):
    post = post_create(
        author=author, poll={"question": "Q?", "options": [f"Option {i}" for i in range(6)]}
    )

    assert post.poll.options.count() == 6


@pytest.mark.parametrize(
    ("poll", "field"),
    [
        ({"question": "", "options": ["A", "B"]}, "poll_question"),
        ({"question": "x" * 301, "options": ["A", "B"]}, "poll_question"),
        ({"question": "Q?", "options": ["A", "b" * 201]}, "poll_options"),
        (
            {"question": "Q?", "options": ["A", "B"],
             "closes_at": timezone.now() - timedelta(minutes=1)},
            "poll_closes_at",
        ),
    ],
    ids=["no-question", "long-question", "long-answer", "closes-in-the-past"],
)  # fmt: skip
def test_bad_polls_are_refused_with_a_field_error(author, poll, field):
    with pytest.raises(ValidationError) as info:
        post_create(author=author, poll=poll)

    assert field in errors_of(info)


def test_praise_thanks_colleagues_but_never_oneself(
    author, colleague, published, django_capture_on_commit_callbacks
):
    sari = UserFactory(username="sari")

    with django_capture_on_commit_callbacks(execute=True):
        post = post_create(
            author=author,
            body="Terima kasih!",
            praise={"value": "teamwork", "recipients": [colleague, author, sari, colleague]},
        )

    assert post.kind == PostKind.PRAISE
    assert set(post.praise.recipients.all()) == {colleague, sari}
    assert post.praise.value == "teamwork"
    [given] = named(published, "praise.given")
    assert (given.object_id, given.payload["value"]) == (post.pk, "teamwork")
    assert sorted(given.payload["recipient_ids"]) == sorted([colleague.pk, sari.pk])
    created = named(published, "post.created")[0].payload
    assert created["kind"] == "praise"
    assert sorted(created["praised_user_ids"]) == sorted([colleague.pk, sari.pk])


@pytest.mark.parametrize(
    ("praise", "field"),
    [
        ({"value": "teamwork", "recipients": []}, "praise_recipients"),
        ({"value": "teamwork", "recipients": ["self"]}, "praise_recipients"),
        ({"value": "teamwork", "recipients": ["inactive"]}, "praise_recipients"),
        ({"value": "", "recipients": ["colleague"]}, "praise_value"),
        ({"value": "bribery", "recipients": ["colleague"]}, "praise_value"),
        ({"recipients": ["colleague"]}, "praise_value"),
    ],
    ids=["nobody", "only-self", "only-inactive", "no-value", "unknown-value", "value-missing"],
)
def test_bad_praise_is_refused_with_a_field_error(author, colleague, praise, field):
    gone = UserFactory(username="gone")
    user_set_active(user=gone, active=False)
    people = {"self": author, "colleague": colleague, "inactive": gone}
    praise = {**praise, "recipients": [people[name] for name in praise["recipients"]]}

    with pytest.raises(ValidationError) as info:
        post_create(author=author, body="Thanks", praise=praise)

    assert field in errors_of(info)
    assert not Praise.objects.exists()


def test_a_post_is_not_both_a_poll_and_praise(author, colleague):
    with pytest.raises(ValidationError) as info:
        post_create(
            author=author,
            poll={"question": "Q?", "options": ["A", "B"]},
            praise={"value": "teamwork", "recipients": [colleague]},
        )

    assert "__all__" in errors_of(info)


# --- creating: announcements ---------------------------------------------------------------


def test_communicators_announce_company_wide_pinned_for_a_week_by_default(
    communicator, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = post_create(author=communicator, body="Libur nasional", is_announcement=True)

    assert post.is_announcement and post.is_pinned
    assert abs(post.announcement_until - (timezone.now() + timedelta(days=7))) < timedelta(
        minutes=1
    )
    assert list(Post.objects.pinned_announcements()) == [post]
    assert named(published, "post.created")[0].payload["is_announcement"] is True


def test_an_announcement_keeps_the_expiry_it_was_given(communicator):
    until = timezone.now() + timedelta(days=30)

    post = post_create(author=communicator, body="x", is_announcement=True,
                       announcement_until=until)  # fmt: skip

    assert post.announcement_until == until


def test_an_announcement_expiring_in_the_past_is_refused(communicator):
    with pytest.raises(ValidationError) as info:
        post_create(
            author=communicator,
            body="Late",
            is_announcement=True,
            announcement_until=timezone.now() - timedelta(hours=1),
        )

    assert "announcement_until" in errors_of(info)


def test_an_expired_announcement_is_no_longer_pinned(communicator):
    post_create(author=communicator, body="x", is_announcement=True,
                announcement_until=timezone.now() + timedelta(hours=1))  # fmt: skip

    later = timezone.now() + timedelta(hours=2)
    assert list(Post.objects.pinned_announcements(now=later)) == []


def test_a_plain_employee_cannot_announce_company_wide(author):
    with pytest.raises(PermissionDenied, match="Only Communicators"):
        post_create(author=author, body="Hear ye", is_announcement=True)

    assert not Post.objects.exists()


def test_a_superuser_may_announce_company_wide(db):
    root = UserFactory(username="root", is_superuser=True)

    assert post_create(author=root, body="x", is_announcement=True).is_pinned


def test_community_admins_announce_in_their_community(public_community):
    admin = join(UserFactory(username="admin"), public_community, role=Role.ADMIN)

    post = post_create(author=admin, body="Rapat", community=public_community,
                       is_announcement=True)  # fmt: skip

    assert post.is_pinned and post.community == public_community


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_members_and_moderators_do_not_announce_in_their_community(public_community, role):
    person = join(UserFactory(username="person"), public_community, role=role)

    with pytest.raises(PermissionDenied, match="community's admins"):
        post_create(author=person, body="x", community=public_community, is_announcement=True)


def test_communicators_do_not_announce_in_a_community_they_do_not_run(
    communicator, public_community
):
    join(communicator, public_community)

    with pytest.raises(PermissionDenied):
        post_create(author=communicator, body="x", community=public_community,
                    is_announcement=True)  # fmt: skip


def test_the_admin_of_another_community_does_not_announce_here(public_community):
    elsewhere = build_community(name="Elsewhere")
    admin_there = elsewhere.created_by
    join(admin_there, public_community)

    with pytest.raises(PermissionDenied):
        post_create(author=admin_there, body="x", community=public_community,
                    is_announcement=True)  # fmt: skip


# --- creating: bad input and where one may post --------------------------------------------


@pytest.mark.parametrize("body", ["", "   \n\t ", None])
def test_an_empty_post_is_refused_with_a_clear_message(author, body):
    with pytest.raises(ValidationError) as info:
        post_create(author=author, body=body)

    assert errors_of(info) == {"body": ["Write something first."]}


def test_five_thousand_characters_are_fine_and_one_more_is_refused(author):
    assert len(post_create(author=author, body="a" * 5000).body) == 5000

    with pytest.raises(ValidationError) as info:
        post_create(author=author, body="a" * 5001)

    [message] = errors_of(info)["body"]
    assert "5000" in message and "5001" in message
    assert Post.objects.count() == 1


def test_surrounding_spaces_do_not_count_towards_the_limit(author):
    assert len(post_create(author=author, body="  " + "a" * 5000 + "\n").body) == 5000


def test_posting_into_a_community_one_is_not_a_member_of_is_refused(author, public_community):
    with pytest.raises(PermissionDenied, match="cannot post in this community"):
        post_create(author=author, body="Hi", community=public_community)


@pytest.mark.parametrize("kind", [CommunityType.PRIVATE, CommunityType.SECRET])
def test_outsiders_cannot_post_into_private_or_secret_communities(author, kind):
    community = build_community(name=f"Closed {kind}", type=kind)

    with pytest.raises(PermissionDenied):
        post_create(author=author, body="Hi", community=community)


def test_posting_into_an_archived_community_is_refused_even_for_its_owner(public_community):
    owner = public_community.created_by
    communities.community_set_archived(actor=owner, community=public_community, archived=True)

    with pytest.raises(PermissionDenied, match="archived"):
        post_create(author=fresh(owner), body="Hi", community=public_community)


def test_an_admins_only_community_takes_posts_from_its_admins_only(db):
    community = build_community(name="Announcements", posting_policy="admins")
    member = join(UserFactory(username="member"), community)
    admin = join(UserFactory(username="admin"), community, role=Role.ADMIN)

    with pytest.raises(PermissionDenied):
        post_create(author=member, body="Hi", community=community)
    assert post_create(author=admin, body="Hi", community=community).community == community


def test_an_invited_person_cannot_post_before_accepting(author, private_community):
    communities.community_invite(
        actor=private_community.created_by, community=private_community, invitee=author
    )

    with pytest.raises(PermissionDenied):
        post_create(author=fresh(author), body="Hi", community=private_community)


@override_settings(POSTING_RATE_LIMIT=3)
def test_the_fourth_post_in_a_minute_is_rate_limited(author, colleague):
    for i in range(3):
        post_create(author=author, body=f"Post {i}")

    with pytest.raises(ValidationError) as info:
        post_create(author=author, body="One too many")

    assert info.value.code == RATE_LIMITED
    assert exception_handler(info.value, {}).status_code == 429
    assert Post.objects.count() == 3
    assert post_create(author=colleague, body="Someone else still may").pk


def test_other_validation_errors_are_a_400_in_the_api(author):
    with pytest.raises(ValidationError) as info:
        post_create(author=author, body="")

    response = exception_handler(info.value, {})
    assert response.status_code == 400
    assert response.data == {"body": ["Write something first."]}


# --- editing --------------------------------------------------------------------------------


def test_editing_keeps_every_earlier_text(author, published, django_capture_on_commit_callbacks):
    post = post_create(author=author, body="First")

    with django_capture_on_commit_callbacks(execute=True):
        first_edit = post_edit(actor=author, post=post, body="Second **bold**").edited_at
        post = post_edit(actor=author, post=post, body="Third")

    post.refresh_from_db()
    assert (post.body, post.body_html) == ("Third", "<p>Third</p>")
    assert post.edited_at > first_edit
    first, second = reversed(PostRevision.objects.filter(post=post))
    assert (first.body, first.written_at, first.replaced_by) == ("First", post.created_at, author)
    assert (second.body, second.written_at) == ("Second **bold**", first_edit)
    assert [e.name for e in published] == ["post.edited", "post.edited"]


def test_saving_the_same_text_changes_nothing(
    author, published, django_capture_on_commit_callbacks
):
    post = post_create(author=author, body="Same")

    with django_capture_on_commit_callbacks(execute=True):
        post = post_edit(actor=author, post=post, body="  Same ")

    assert post.edited_at is None
    assert not PostRevision.objects.exists() and published == []


def test_an_edit_reports_only_the_newly_mentioned(
    author, colleague, published, django_capture_on_commit_callbacks
):
    sari = UserFactory(username="sari")
    post = post_create(author=author, body="Hi @budi")

    with django_capture_on_commit_callbacks(execute=True):
        post_edit(actor=author, post=post, body="Hi @budi and @sari")

    [event] = named(published, "post.edited")
    assert event.payload == {"new_mentioned_user_ids": [sari.pk]}
    assert set(post.mentioned_users.all()) == {colleague, sari}


def test_an_edit_drops_mentions_that_are_gone(author, colleague):
    post = post_create(author=author, body="Hi @budi")

    post = post_edit(actor=author, post=post, body="Hi all")

    assert not post.mentioned_users.exists()


def test_an_edit_keeps_topics_and_replaces_the_hashtags_that_changed(author):
    post = post_create(author=author, body="Moving to #SAP", tags=["budget"])

    post = post_edit(actor=author, post=post, body="Moving to #Oracle after all")

    assert sorted(post.tags.names()) == ["budget", "oracle"]


def test_an_edit_with_new_topics_keeps_the_hashtags(author):
    post = post_create(author=author, body="About #SAP", tags=["budget"])

    post = post_edit(actor=author, post=post, body="About #SAP", tags=["audit"])

    assert sorted(post.tags.names()) == ["audit", "sap"]


@pytest.mark.parametrize("body", ["", "a" * 5001])
def test_an_edit_with_a_bad_body_is_refused(author, body):
    post = post_create(author=author, body="Fine")

    with pytest.raises(ValidationError):
        post_edit(actor=author, post=post, body=body)

    post.refresh_from_db()
    assert post.body == "Fine" and not PostRevision.objects.exists()


def test_a_post_with_images_may_lose_its_text(author):
    post = post_create(author=author, body="Caption", images=[image_upload()])

    assert post_edit(actor=author, post=post, body="").body == ""


def test_only_the_author_edits_a_post(author, colleague, site_moderator):
    post = post_create(author=author, body="Mine")

    for other in (colleague, site_moderator):
        with pytest.raises(PermissionDenied, match="Only the author"):
            post_edit(actor=other, post=post, body="Theirs")

    post.refresh_from_db()
    assert post.body == "Mine"


def test_outsiders_editing_a_private_post_get_404(author, outsider, private_community):
    join(author, private_community)
    post = post_create(author=author, body="Inside", community=private_community)

    with pytest.raises(Http404):
        post_edit(actor=outsider, post=post, body="Outside")


def test_a_deleted_post_cannot_be_edited(author):
    post = post_delete(actor=author, post=post_create(author=author, body="Gone"))

    with pytest.raises(Http404):
        post_edit(actor=author, post=post, body="Back")


def test_a_post_in_an_archived_community_cannot_be_edited(public_community):
    owner = public_community.created_by
    post = post_create(author=owner, body="Before", community=public_community)
    communities.community_set_archived(actor=owner, community=public_community, archived=True)
    post.refresh_from_db()

    with pytest.raises(PermissionDenied):
        post_edit(actor=fresh(owner), post=post, body="After")


# --- deleting and restoring ------------------------------------------------------------------


def test_the_author_deletes_softly_and_no_audit_row_is_written(
    author, colleague, published, django_capture_on_commit_callbacks
):
    post = post_create(author=author, body="Oops")

    with django_capture_on_commit_callbacks(execute=True):
        deleted = post_delete(actor=author, post=post)

    assert deleted.is_deleted and deleted.deleted_by == author
    assert Post.objects.filter(pk=post.pk).exists()  # Soft: the row stays.
    assert not visible_both_ways(colleague, deleted) and not visible_both_ways(author, deleted)
    assert [(e.name, e.object_id) for e in published] == [("post.deleted", post.pk)]
    assert not ModerationAction.objects.exists()


def test_deleting_twice_is_refused_with_a_clear_message(author):
    post = post_delete(actor=author, post=post_create(author=author, body="Oops"))

    with pytest.raises((ValidationError, PermissionDenied), match="already been deleted"):
        post_delete(actor=author, post=post)


def test_deleting_a_stale_copy_of_a_deleted_post_is_refused(author):
    post = post_create(author=author, body="Oops")
    post_delete(actor=author, post=Post.objects.get(pk=post.pk))

    with pytest.raises(ValidationError, match="already been deleted"):
        post_delete(actor=author, post=post)


def test_community_moderators_delete_and_restore_with_an_audit_trail(
    author, public_community, published, django_capture_on_commit_callbacks
):
    join(author, public_community)
    moderator = join(UserFactory(username="mod"), public_community, role=Role.MODERATOR)
    post = post_create(author=author, body="Spam", community=public_community)

    with django_capture_on_commit_callbacks(execute=True):
        post = post_delete(actor=moderator, post=post)
        post = post_restore(actor=moderator, post=post)

    assert not post.is_deleted and post.deleted_by is None
    assert visible_both_ways(author, post)
    log = ModerationAction.objects.order_by("pk")
    assert [(a.action, a.actor, a.community, a.target) for a in log] == [
        (ActionType.DELETE, moderator, public_community, post),
        (ActionType.RESTORE, moderator, public_community, post),
    ]
    assert [e.name for e in published] == ["post.deleted", "post.restored"]


def test_site_moderators_delete_company_wide_posts(author, site_moderator):
    post = post_delete(actor=site_moderator, post=post_create(author=author, body="Spam"))

    assert post.is_deleted
    assert ModerationAction.objects.get().action == ActionType.DELETE


def test_others_may_not_delete_a_post(author, colleague, public_community):
    company = post_create(author=author, body="Company-wide")
    join(author, public_community)
    placed = post_create(author=author, body="In a club", community=public_community)
    member = join(UserFactory(username="member"), public_community)
    elsewhere = build_community(name="Elsewhere")

    for actor, post in [(colleague, company), (member, placed), (elsewhere.created_by, placed),
                        (public_community.created_by, company)]:  # fmt: skip
        with pytest.raises(PermissionDenied):
            post_delete(actor=fresh(actor), post=post)

    assert not Post.objects.filter(deleted_at__isnull=False).exists()


@pytest.mark.parametrize("kind", [CommunityType.PRIVATE, CommunityType.SECRET])
def test_outsiders_deleting_or_restoring_a_closed_communitys_post_get_404(author, outsider, kind):
    community = build_community(name=f"Closed {kind}", type=kind)
    join(author, community)
    post = post_create(author=author, body="Inside", community=community)

    with pytest.raises(Http404):
        post_delete(actor=outsider, post=post)
    with pytest.raises(Http404):
        post_restore(actor=outsider, post=post)
    deleted = post_delete(actor=author, post=post)
    with pytest.raises(Http404):
        post_delete(actor=outsider, post=deleted)
    with pytest.raises(Http404):
        post_restore(actor=outsider, post=deleted)


def test_the_author_cannot_restore_their_own_deleted_post(author):
    post = post_delete(actor=author, post=post_create(author=author, body="Oops"))

    with pytest.raises(Http404):
        post_restore(actor=author, post=post)


def test_restoring_a_post_that_is_not_deleted_is_refused(author, site_moderator):
    post = post_create(author=author, body="Alive")

    with pytest.raises(ValidationError, match="not deleted"):
        post_restore(actor=site_moderator, post=post)
    assert not ModerationAction.objects.exists()


# --- finding one post -----------------------------------------------------------------------


def test_get_post_for_answers_404_for_what_one_may_not_see(author, outsider, private_community):
    join(author, private_community)
    post = post_create(author=author, body="Inside", community=private_community)

    assert get_post_for(author, post.pk) == post
    with pytest.raises(Http404):
        get_post_for(outsider, post.pk)
    with pytest.raises(Http404):
        get_post_for(AnonymousUser(), post.pk)
    with pytest.raises(Http404):
        get_post_for(author, 999_999)


def test_a_deleted_post_is_found_only_by_moderators_with_include_deleted(
    author, colleague, site_moderator
):
    post = post_delete(actor=author, post=post_create(author=author, body="Oops"))

    for person in (author, site_moderator, colleague):
        with pytest.raises(Http404):
            get_post_for(person, post.pk)
    assert get_post_for(site_moderator, post.pk, include_deleted=True) == post
    for person in (author, colleague):  # Deleted is gone for its author too.
        with pytest.raises(Http404):
            get_post_for(person, post.pk, include_deleted=True)


# --- sharing --------------------------------------------------------------------------------


def test_a_share_points_at_the_original_and_is_announced(
    author, colleague, published, django_capture_on_commit_callbacks
):
    original = post_create(author=author, body="Worth reading")

    with django_capture_on_commit_callbacks(execute=True):
        share = post_share(author=colleague, original=original, body="Read this #wajib @ratna")

    assert (share.kind, share.shared_post, share.community) == (PostKind.SHARE, original, None)
    assert share.body == "Read this #wajib @ratna" and list(share.tags.names()) == ["wajib"]
    original.refresh_from_db()
    assert original.share_count == 1
    created = named(published, "post.created")[0]
    assert created.object_id == share.pk
    assert created.payload == {
        "kind": "share",
        "is_announcement": False,
        "mentioned_user_ids": [author.pk],
        "mentioned_community_ids": [],
        "tag_slugs": ["wajib"],
        "shared_post_id": original.pk,
        "praised_user_ids": [],
    }
    [shared] = named(published, "post.shared")
    assert (shared.object_id, shared.payload) == (
        share.pk, {"original_id": original.pk, "original_author_id": author.pk},
    )  # fmt: skip


def test_a_share_without_a_comment_is_fine_and_too_long_a_comment_is_not(author, colleague):
    original = post_create(author=author, body="Worth reading")

    assert post_share(author=colleague, original=original).body == ""
    with pytest.raises(ValidationError):
        post_share(author=colleague, original=original, body="a" * 5001)


def test_a_share_of_a_share_points_at_the_original(author, colleague, outsider):
    original = post_create(author=author, body="Worth reading")
    first = post_share(author=colleague, original=original)

    second = post_share(author=outsider, original=first)

    assert second.shared_post == original
    original.refresh_from_db()
    first.refresh_from_db()
    assert (original.share_count, first.share_count) == (2, 0)


def test_deleting_and_restoring_a_share_moves_the_share_count(author, colleague, site_moderator):
    original = post_create(author=author, body="Worth reading")
    share = post_share(author=colleague, original=original)

    post_delete(actor=colleague, post=share)
    original.refresh_from_db()
    assert original.share_count == 0
    post_restore(actor=site_moderator, post=Post.objects.get(pk=share.pk))
    original.refresh_from_db()
    assert original.share_count == 1


def test_a_company_wide_share_of_private_content_is_shown_only_to_those_who_may_see_it(
    author, colleague, outsider, private_community
):
    join(author, private_community)
    join(colleague, private_community)
    original = post_create(author=author, body="Internal", community=private_community)

    share = post_share(author=colleague, original=original)

    assert share.community is None
    assert visible_both_ways(colleague, share) and visible_both_ways(author, share)
    assert not visible_both_ways(outsider, share)
    assert not visible_both_ways(AnonymousUser(), share)


def test_a_share_into_a_community_of_secret_content_stays_hidden_from_its_other_members(
    author, secret_community, public_community
):
    join(author, secret_community)
    join(author, public_community)
    reader = join(UserFactory(username="reader"), public_community)
    original = post_create(author=author, body="Secret plan", community=secret_community)

    share = post_share(author=author, original=original, community=public_community)

    assert share.community == public_community
    assert not visible_both_ways(reader, share)
    assert visible_both_ways(fresh(author), share)


def test_outsiders_cannot_share_what_they_cannot_see(author, outsider, private_community):
    join(author, private_community)
    original = post_create(author=author, body="Internal", community=private_community)

    with pytest.raises(Http404):
        post_share(author=outsider, original=original)
    original.refresh_from_db()
    assert original.share_count == 0


def test_a_deleted_post_cannot_be_shared(author, colleague):
    original = post_delete(actor=author, post=post_create(author=author, body="Gone"))

    with pytest.raises(Http404):
        post_share(author=colleague, original=original)


def test_sharing_into_a_community_one_does_not_belong_to_is_refused(
    author, colleague, public_community
):
    original = post_create(author=author, body="Worth reading")

    with pytest.raises(PermissionDenied):
        post_share(author=colleague, original=original, community=public_community)


def test_a_post_in_an_archived_community_cannot_be_shared(colleague, public_community):
    owner = public_community.created_by
    original = post_create(author=owner, body="Old news", community=public_community)
    communities.community_set_archived(actor=owner, community=public_community, archived=True)
    original.refresh_from_db()

    with pytest.raises(PermissionDenied):
        post_share(author=colleague, original=original)


def test_a_share_stays_visible_when_its_original_is_deleted(author, colleague, outsider):
    original = post_create(author=author, body="Worth reading")
    share = post_share(author=colleague, original=original)

    post_delete(actor=author, post=original)
    share.refresh_from_db()

    assert visible_both_ways(outsider, share)  # Shown as "no longer available".
    assert not visible_both_ways(outsider, Post.objects.get(pk=original.pk))


def test_a_hidden_post_is_visible_to_nobody(author, colleague, site_moderator):
    post = post_create(author=author, body="Rude")
    content_hide(actor=site_moderator, obj=post, reason="Rude")
    post.refresh_from_db()

    for person in (author, colleague, site_moderator):
        assert not visible_both_ways(person, post)


# --- announcements seen ---------------------------------------------------------------------


def test_an_announcement_counts_each_person_once(
    communicator, author, colleague, published, django_capture_on_commit_callbacks
):
    post = post_create(author=communicator, body="Libur", is_announcement=True)

    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            announcement_mark_seen(user=author, post=post),
            announcement_mark_seen(user=author, post=post),
            announcement_mark_seen(user=colleague, post=post),
        ]

    assert answers == [True, False, True]
    post.refresh_from_db()
    assert post.seen_count == 2 == AnnouncementView.objects.filter(post=post).count()
    assert [(e.name, e.actor_id) for e in published] == [
        ("announcement.seen", author.pk), ("announcement.seen", colleague.pk),
    ]  # fmt: skip


def test_seeing_a_plain_post_or_an_invisible_announcement_counts_nothing(
    author, outsider, private_community
):
    admin = private_community.created_by
    announcement = post_create(author=admin, body="Inside", community=private_community,
                               is_announcement=True)  # fmt: skip
    plain = post_create(author=author, body="Hi")

    assert announcement_mark_seen(user=outsider, post=announcement) is False
    assert announcement_mark_seen(user=outsider, post=plain) is False
    assert not AnnouncementView.objects.exists()
