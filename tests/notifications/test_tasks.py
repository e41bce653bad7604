"""The daily e-mail digest: unread notifications of the types chosen for e-mail, only what
the recipient may still see, HTML and text, in their language, sent once."""

from celery.schedules import crontab
from django.conf import settings
from django.core import mail

from communities import services as communities
from feed.services.conversation import reaction_set
from feed.services.posts import post_create, post_delete
from notifications import services
from notifications.models import Channel, Notification, Verb
from notifications.tasks import send_daily_digests
from profiles import services as profiles
from tests.factories import UserFactory


def wants_email(person, *verbs):
    for verb in verbs:
        services.preference_set(user=person, verb=verb, channel=Channel.EMAIL)


def test_the_digest_is_scheduled_daily_at_seven_in_jakarta():
    entry = settings.CELERY_BEAT_SCHEDULE["send-notification-digests"]

    assert entry["task"] == "notifications.tasks.send_daily_digests"
    assert entry["schedule"] == crontab(hour=7, minute=0)
    assert settings.CELERY_TIMEZONE == "Asia/Jakarta"


def test_the_digest_sends_html_and_text_with_links_and_marks_them_emailed(run, ratna, ani):
    wants_email(ratna, Verb.MENTION)
    post = run(post_create, author=ani, body="@ratna the **budget** is ready")

    assert send_daily_digests() == 1

    (message,) = mail.outbox
    assert message.to == [ratna.email]
    assert message.subject == "Kolega: 1 unread notification"
    assert "Ani Wijaya mentioned you in a post" in message.body
    assert "the **budget** is ready" in message.body
    note = Notification.objects.get(recipient=ratna)
    assert f"/notifications/{note.pk}/" in message.body
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert "<strong>Ani Wijaya</strong> mentioned you in a post" in html
    assert f'href="http://testserver/notifications/{note.pk}/"' in html
    assert note.emailed_at is not None
    assert note.read_at is None  # E-mailed is not read.
    assert post.pk == note.target_id


def test_running_the_digest_twice_sends_once(run, ratna, ani):
    wants_email(ratna, Verb.MENTION)
    run(post_create, author=ani, body="@ratna hi")

    assert send_daily_digests() == 1
    assert send_daily_digests() == 0
    assert len(mail.outbox) == 1


def test_types_left_in_app_only_or_read_are_not_emailed(run, ratna, ani, budi):
    wants_email(ratna, Verb.MENTION)
    run(profiles.user_follow, follower=ani, followee=ratna)  # In Kolega only (the default).
    run(post_create, author=ani, body="@ratna read already")
    services.notification_mark_all_read(user=ratna)
    run(post_create, author=budi, body="@ratna new")

    send_daily_digests()

    (message,) = mail.outbox
    assert "Budi Santoso mentioned you" in message.body
    assert "following" not in message.body
    assert "read already" not in message.body


def test_nobody_gets_an_empty_digest(run, ratna, ani):
    run(post_create, author=ani, body="@ratna hi")  # ratna keeps the in-app default.
    wants_email(ani, *Verb.values)

    assert send_daily_digests() == 0
    assert mail.outbox == []


def test_a_type_switched_off_is_never_emailed(run, ratna, ani):
    services.preference_set(user=ratna, verb=Verb.MENTION, channel=Channel.OFF)
    run(post_create, author=ani, body="@ratna hi")

    assert send_daily_digests() == 0


def test_the_digest_never_contains_what_the_recipient_may_no_longer_see(
    run, ratna, ani, private_community
):
    wants_email(ani, Verb.MENTION, Verb.FOLLOW)
    run(post_create, author=ratna, body="@ani secret plans", community=private_community)
    deleted = run(post_create, author=ratna, body="@ani deleted words")
    run(profiles.user_follow, follower=ratna, followee=ani)
    post_delete(actor=ratna, post=deleted)
    communities.community_leave(user=ani, community=private_community)

    send_daily_digests()

    (message,) = mail.outbox
    everything = message.body + message.alternatives[0][0]
    assert "Ratna Sari started following you" in message.body
    assert "secret plans" not in everything
    assert "deleted words" not in everything
    assert "1 unread notification" in message.subject


def test_a_digest_with_only_invisible_notifications_is_not_sent(run, ratna, ani):
    wants_email(ratna, Verb.MENTION)
    post = run(post_create, author=ani, body="@ratna gone soon")
    post_delete(actor=ani, post=post)

    assert send_daily_digests() == 0
    assert mail.outbox == []


def test_people_without_an_address_or_inactive_get_no_digest(run, ani):
    nobody = UserFactory(username="noaddress", email="")
    gone = UserFactory(username="gone")
    for person in (nobody, gone):
        wants_email(person, Verb.MENTION)
    run(post_create, author=ani, body="@noaddress and @gone")
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    assert send_daily_digests() == 0


def test_a_growing_reaction_group_is_reported_again(run, ratna, ani, budi):
    wants_email(ratna, Verb.REACTION)
    post = run(post_create, author=ratna, body="We shipped")
    run(reaction_set, user=ani, target=post, kind="like")
    assert send_daily_digests() == 1
    run(reaction_set, user=budi, target=post, kind="like")

    assert send_daily_digests() == 1
    assert "Budi Santoso and 1 other reacted to your post" in mail.outbox[1].body


def test_the_digest_is_in_the_recipients_language(run, ratna, ani):
    profiles.user_set_preferences(user=ratna, language="id")
    wants_email(ratna, Verb.MENTION)
    run(post_create, author=ani, body="@ratna halo")

    send_daily_digests()

    assert '<html lang="id">' in mail.outbox[0].alternatives[0][0]


def test_one_failing_digest_does_not_stop_the_others(run, ratna, ani, monkeypatch):
    wants_email(ratna, Verb.MENTION)
    wants_email(ani, Verb.MENTION)
    run(post_create, author=ani, body="@ratna hi")
    run(post_create, author=ratna, body="@ani hi")
    real = services.digest_send

    def flaky(*, user):
        if user == ratna:
            raise ConnectionError("SMTP down")
        return real(user=user)

    monkeypatch.setattr(services, "digest_send", flaky)

    assert send_daily_digests() == 1
    assert mail.outbox[0].to == [ani.email]
    assert Notification.objects.get(recipient=ratna).emailed_at is None


def test_the_digest_escapes_names_in_html_and_keeps_them_plain_in_text(run, ratna):
    rogue = UserFactory(username="rogue", display_name="<script>alert(1)</script> & Co")
    wants_email(ratna, Verb.MENTION)
    run(post_create, author=rogue, body="@ratna <img src=x onerror=alert(2)> look")

    send_daily_digests()

    (message,) = mail.outbox
    ((html, _mimetype),) = message.alternatives
    assert "<script>" not in html and "onerror=alert(2)>" not in html
    assert "<strong>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</strong>" in html
    assert "<script>alert(1)</script> & Co mentioned you in a post" in message.body
    assert "<img src=x onerror=alert(2)> look" in message.body  # Plain text, not HTML.


def test_the_digest_subject_is_plain_text(run, ratna, ani, settings):
    settings.SITE_NAME = "Kolega & Co"
    wants_email(ratna, Verb.MENTION)
    run(post_create, author=ani, body="@ratna hi")

    send_daily_digests()

    (message,) = mail.outbox
    assert message.subject == "Kolega & Co: 1 unread notification"
