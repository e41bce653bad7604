"""The bell, the list page, opening and marking read, and the settings page."""

import re

import pytest
from django.urls import reverse

from feed.services.posts import post_create, post_delete
from notifications import selectors, services
from notifications.models import Channel, Notification, Verb
from profiles import services as profiles
from tests.factories import UserFactory
from tests.notifications.conftest import build_notifications

LIST_URL = "/notifications/"
BADGE = re.compile(
    r'<span id="notification-badge"[^>]*>.*?</span></span>|<span id="notification-badge"></span>',
    re.S,
)


def badge_of(response) -> str:
    return BADGE.search(response.content.decode()).group(0)


def test_the_list_needs_a_signed_in_user(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_list_shows_grouped_text_links_and_unread_marks(run, client, ratna, ani):
    run(post_create, author=ani, body="@ratna quarterly numbers look good")
    client.force_login(ratna)

    response = client.get(LIST_URL)

    html = response.content.decode()
    note = Notification.objects.get(recipient=ratna)
    assert response.status_code == 200
    assert "<strong>Ani Wijaya</strong> mentioned you in a post" in html
    assert "quarterly numbers look good" in html
    assert f'href="/notifications/{note.pk}/"' in html
    assert "notification-unread" in html
    assert "Mark all as read" in html
    assert "1 unread notification" in badge_of(response)


def test_names_in_notifications_are_escaped(run, client, ratna):
    villain = UserFactory(username="villain", display_name='<img src=x onerror="alert(1)">')
    run(profiles.user_follow, follower=villain, followee=ratna)
    client.force_login(ratna)

    html = client.get(LIST_URL).content.decode()

    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_an_empty_list_says_so_and_the_bell_has_no_count(client, ratna):
    client.force_login(ratna)

    response = client.get(LIST_URL)

    assert "Nothing yet" in response.content.decode()
    assert badge_of(response) == '<span id="notification-badge"></span>'
    assert "Mark all as read" not in response.content.decode()


@pytest.mark.parametrize("count", [10, 100])
def test_the_list_takes_the_same_number_of_queries_for_10_and_100(
    client, ratna, count, django_assert_max_num_queries
):
    build_notifications(ratna, count)
    client.force_login(ratna)

    with django_assert_max_num_queries(11):
        response = client.get(LIST_URL)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count, 20)


def test_the_list_pages_through_older_notifications(client, ratna):
    build_notifications(ratna, 25)
    client.force_login(ratna)

    second = client.get(LIST_URL, {"page": 2})

    assert len(second.context["page"].object_list) == 5
    assert client.get(LIST_URL, {"page": "nonsense"}).status_code == 200


def test_the_htmx_page_swap_renders_only_the_list(client, ratna):
    build_notifications(ratna, 3)
    client.force_login(ratna)

    response = client.get(LIST_URL, headers={"HX-Request": "true",
                                              "HX-Target": "notification-list"})  # fmt: skip

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="notification-list">')
    assert "<nav" not in html


def test_opening_a_notification_marks_it_read_and_leads_to_its_target(run, client, ratna, ani):
    post = run(post_create, author=ani, body="@ratna look")
    note = Notification.objects.get(recipient=ratna)
    client.force_login(ratna)

    response = client.get(reverse("notifications:open", args=[note.pk]))

    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()
    note.refresh_from_db()
    assert note.is_read


def test_opening_someone_elses_or_an_invisible_notification_is_404(run, client, ratna, ani):
    post = run(post_create, author=ani, body="@ratna look")
    note = Notification.objects.get(recipient=ratna)
    client.force_login(ani)
    assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 404

    post_delete(actor=ani, post=post)
    client.force_login(ratna)
    assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert not note.is_read


def test_a_notification_without_a_safe_link_opens_the_list(client, ratna, ani):
    (note,) = services.notify(recipients=[ratna], verb=Verb.FOLLOW, actor=ani, target=ani,
                              url="https://evil.example.com/")  # fmt: skip
    client.force_login(ratna)

    response = client.get(reverse("notifications:open", args=[note.pk]))

    assert response["Location"] == LIST_URL


def test_mark_read_without_htmx_goes_back_to_the_list(run, client, ratna, ani):
    run(profiles.user_follow, follower=ani, followee=ratna)
    note = Notification.objects.get(recipient=ratna)
    client.force_login(ratna)

    assert client.get(reverse("notifications:read", args=[note.pk])).status_code == 405
    response = client.post(reverse("notifications:read", args=[note.pk]))

    assert (response.status_code, response["Location"]) == (302, LIST_URL)
    assert selectors.unread_count(ratna) == 0


def test_mark_read_with_htmx_swaps_the_row_and_the_bell(run, client, ratna, ani, budi):
    run(profiles.user_follow, follower=ani, followee=ratna)
    run(profiles.user_follow, follower=budi, followee=ratna)
    note = Notification.objects.filter(recipient=ratna).first()
    client.force_login(ratna)

    response = client.post(reverse("notifications:read", args=[note.pk]),
                           headers={"HX-Request": "true"})  # fmt: skip

    html = response.content.decode()
    assert f'id="notification-{note.pk}"' in html
    assert "notification-unread" not in html
    assert 'id="notification-badge" hx-swap-oob="true"' in html
    assert "1 unread notification" in html


def test_nobody_marks_someone_elses_notification_read_through_the_page(run, client, ratna, ani):
    run(profiles.user_follow, follower=ani, followee=ratna)
    note = Notification.objects.get(recipient=ratna)
    client.force_login(ani)

    assert client.post(reverse("notifications:read", args=[note.pk])).status_code == 404
    assert selectors.unread_count(ratna) == 1


def test_mark_all_read(run, client, ratna, ani, budi):
    run(profiles.user_follow, follower=ani, followee=ratna)
    run(profiles.user_follow, follower=budi, followee=ratna)
    client.force_login(ratna)

    response = client.post(reverse("notifications:read-all"), follow=True)

    assert "2 notifications marked as read." in response.content.decode()
    assert selectors.unread_count(ratna) == 0
    assert badge_of(response) == '<span id="notification-badge"></span>'


def test_the_settings_page_shows_and_saves_a_choice_per_type(client, ratna):
    client.force_login(ratna)

    page = client.get(reverse("notifications:settings"))
    html = page.content.decode()
    assert html.count('type="radio"') == 3 * len(Verb.values)
    assert "<legend" in html

    data = {verb: Channel.IN_APP for verb in Verb.values} | {"mention": "email", "reaction": "off"}
    response = client.post(reverse("notifications:settings"), data, follow=True)

    assert "Your notification settings are saved." in response.content.decode()
    chosen = selectors.preferences_for(ratna)
    assert (chosen["mention"], chosen["reaction"], chosen["follow"]) == ("email", "off", "in_app")


def test_the_settings_page_refuses_a_bad_choice_and_keeps_the_rest(client, ratna):
    client.force_login(ratna)
    data = {verb: Channel.IN_APP for verb in Verb.values} | {"mention": "sms"}

    response = client.post(reverse("notifications:settings"), data)

    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert selectors.preferences_for(ratna)["mention"] == Channel.IN_APP


def test_the_bell_counts_only_what_the_viewer_may_see(run, client, ratna, ani):
    post = run(post_create, author=ani, body="@ratna one")
    run(post_create, author=ani, body="@ratna two")
    client.force_login(ratna)
    assert "2 unread notifications" in badge_of(client.get(LIST_URL))

    post_delete(actor=ani, post=post)

    assert "1 unread notification" in badge_of(client.get(LIST_URL))


def test_every_notification_form_needs_the_csrf_token(run, ratna, ani):
    from django.test import Client

    run(profiles.user_follow, follower=ani, followee=ratna)
    note = Notification.objects.get(recipient=ratna)
    client = Client(enforce_csrf_checks=True)
    client.force_login(ratna)
    data = {verb: Channel.OFF for verb in Verb.values}

    codes = [
        client.post(reverse("notifications:read", args=[note.pk])).status_code,
        client.post(reverse("notifications:read-all")).status_code,
        client.post(reverse("notifications:settings"), data).status_code,
    ]

    assert codes == [403, 403, 403]
    assert selectors.unread_count(ratna) == 1
    assert selectors.preferences_for(ratna)["follow"] == Channel.IN_APP
