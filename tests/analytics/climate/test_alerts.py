"""Climate alerts: a jump in a department's or a public topic's negativity or volume alerts
every Leader once (in the app and by e-mail), never under the privacy threshold or the
alert thresholds, and never from private writing. The place is described in conftest."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from analytics import tasks
from analytics.alerts import alert_url, climate_jumps, week_of
from analytics.models import AlertKind, AlertScope, ClimateAlert
from communities.models import CommunityType
from notifications import selectors as notification_selectors
from notifications import services as notification_services
from notifications.models import Channel, Notification, Verb
from tests.analytics.climate.conftest import (
    JAKARTA,
    NOW,
    WEEK,
    raise_alerts,
    sales_jump,
    sales_people,
    this_week,
)
from tests.communities.conftest import build_community

pytestmark = pytest.mark.django_db


def keys(alerts):
    return [(a.scope, a.label, a.week, a.kind) for a in alerts]


def test_the_week_starts_on_monday_in_the_company_time_zone():
    assert week_of(NOW) == WEEK
    # Sunday 22 March, 23:30 in Jakarta is still the week before (16:30 UTC).
    assert week_of(datetime(2026, 3, 22, 16, 30, tzinfo=ZoneInfo("UTC"))) == date(2026, 3, 16)


def test_a_jump_in_a_departments_negativity_and_volume_raises_alerts(
    place, django_capture_on_commit_callbacks
):
    sales_jump(place)

    alerts = raise_alerts(django_capture_on_commit_callbacks)

    assert keys(alerts) == [
        (AlertScope.DEPARTMENT, "Sales", WEEK, AlertKind.NEGATIVITY),
        (AlertScope.DEPARTMENT, "Sales", WEEK, AlertKind.VOLUME),
    ]
    negativity, volume = alerts
    # 6 of 10 negative against 4 of 20; 10 pieces against 20 / 4 = 5 a week.
    assert (negativity.value, negativity.baseline, negativity.volume) == (0.6, 0.2, 10)
    assert (negativity.people, negativity.baseline_people, negativity.subject) == (
        5, 5, str(place["sales"].pk),
    )  # fmt: skip
    assert (volume.value, volume.baseline, volume.people) == (10, 5.0, 5)
    assert negativity.title == (
        "60% of the writing in department Sales was negative in the week of March 23, 2026 "
        "(the 4 weeks before: 20%)"
    )
    assert volume.title == (
        "10 pieces of writing in department Sales in the week of March 23, 2026 "
        "(the 4 weeks before: 5.0 a week)"
    )


def test_the_hourly_job_alerts_once_for_one_jump(place, django_capture_on_commit_callbacks):
    sales_jump(place)
    assert len(raise_alerts(django_capture_on_commit_callbacks)) == 2
    sent = len(mail.outbox)

    # An hour later, with more negative writing: the same jump, nothing new.
    this_week(sales_people(place), ["negative"] * 4, when=NOW + timedelta(minutes=30))
    for hours in (1, 2):
        assert raise_alerts(django_capture_on_commit_callbacks, NOW + timedelta(hours=hours)) == []

    assert ClimateAlert.objects.count() == 2
    assert Notification.objects.filter(verb=Verb.CLIMATE_ALERT).count() == 2 * 2
    assert len(mail.outbox) == sent == 2


def test_the_same_jump_next_week_is_a_new_alert(place, django_capture_on_commit_callbacks):
    sales_jump(place)
    raise_alerts(django_capture_on_commit_callbacks)
    next_week = NOW + timedelta(weeks=1)
    labels = ["negative"] * 8 + ["positive"] * 2
    this_week(sales_people(place), labels, when=next_week)

    alerts = raise_alerts(django_capture_on_commit_callbacks, next_week)

    # 80 % against 9 of 25 (36 %); 10 pieces against 25 / 4 = 6.25 a week: no volume jump.
    assert keys(alerts) == [
        (AlertScope.DEPARTMENT, "Sales", WEEK + timedelta(weeks=1), AlertKind.NEGATIVITY),
    ]
    assert (alerts[0].value, alerts[0].baseline) == (0.8, 0.36)


def test_a_jump_of_last_week_is_still_found_on_monday_morning(
    place, django_capture_on_commit_callbacks
):
    sales_jump(place)
    monday = datetime(2026, 3, 30, 0, 5, tzinfo=JAKARTA)

    alerts = raise_alerts(django_capture_on_commit_callbacks, monday)

    assert [(a.week, a.kind) for a in alerts] == [
        (WEEK, AlertKind.NEGATIVITY),
        (WEEK, AlertKind.VOLUME),
    ]


@pytest.mark.parametrize(("people", "alerted"), [(4, False), (5, True)])
def test_a_department_alerts_only_from_enough_people(
    place, django_capture_on_commit_callbacks, people, alerted
):
    sales_jump(place, people=people)

    assert bool(raise_alerts(django_capture_on_commit_callbacks)) is alerted
    assert bool(mail.outbox) is alerted
    assert Notification.objects.exists() is alerted


@pytest.mark.parametrize(
    ("negative", "pieces", "kinds"),
    [
        (3, 10, []),  # 30 %: 10 points over 20 %.
        (4, 10, [AlertKind.NEGATIVITY]),  # 40 %: exactly 20 points.
        (4, 9, []),  # Under the 10 pieces any alert needs.
    ],
)
def test_thresholds_decide_what_jumps(
    place, django_capture_on_commit_callbacks, settings, negative, pieces, kinds
):
    settings.CLIMATE_ALERT_VOLUME_FACTOR = 3.0  # 15 pieces: no volume alert here.
    sales_jump(place, negative=negative, pieces=pieces)

    assert [a.kind for a in raise_alerts(django_capture_on_commit_callbacks)] == kinds


def test_the_volume_factor_and_the_baseline_length_are_settings(place, settings):
    sales_jump(place, negative=1)  # 10 % negative: no negativity jump.
    settings.CLIMATE_ALERT_VOLUME_FACTOR = 2.5
    assert climate_jumps(now=NOW) == []
    settings.CLIMATE_ALERT_VOLUME_FACTOR = 2.0
    assert [(j.label, j.kind) for j in climate_jumps(now=NOW)] == [("Sales", AlertKind.VOLUME)]
    settings.CLIMATE_ALERT_BASELINE_WEEKS = 2  # 10 pieces in 2 weeks: still 5 a week.
    assert [(j.baseline, j.baseline_weeks) for j in climate_jumps(now=NOW)] == [(5.0, 2)]


def test_every_leader_gets_an_in_app_notification_and_nobody_else(
    place, django_capture_on_commit_callbacks
):
    sales_jump(place)
    negativity, _volume = raise_alerts(django_capture_on_commit_callbacks)
    people = place["people"]

    told = Notification.objects.filter(verb=Verb.CLIMATE_ALERT)
    assert sorted(told.values_list("recipient__username", flat=True)) == [
        "leader", "leader", "pemimpin", "pemimpin",
    ]  # fmt: skip
    shown = list(notification_selectors.notification_list_for(people["leader"]))
    assert len(shown) == 2
    row = next(n for n in shown if n.target_id == negativity.pk)
    assert row.url == alert_url(negativity)
    assert row.message_text == (
        "Climate alert: 60% of the writing in department Sales was negative in the week of "
        "March 23, 2026 (the 4 weeks before: 20%)"
    )
    for name in ("analyst", "employee", "s1"):
        assert not notification_selectors.notification_list_for(people[name]).exists()


def test_an_alert_notification_disappears_for_someone_no_longer_a_leader(
    place, django_capture_on_commit_callbacks
):
    sales_jump(place)
    raise_alerts(django_capture_on_commit_callbacks)
    leader = place["people"]["leader"]
    leader.groups.clear()
    leader.__dict__.pop("_site_roles", None)
    assert notification_selectors.unread_count(leader) == 0


def test_a_leader_who_switched_climate_alerts_off_is_neither_notified_nor_emailed(
    place, django_capture_on_commit_callbacks
):
    notification_services.preference_set(
        user=place["people"]["pemimpin"], verb=Verb.CLIMATE_ALERT, channel=Channel.OFF
    )
    sales_jump(place)
    raise_alerts(django_capture_on_commit_callbacks)

    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"leader"}
    assert [message.to for message in mail.outbox] == [["leader@kolega.test"]]


def test_each_leader_gets_one_email_with_links_to_the_aggregate_view(
    place, django_capture_on_commit_callbacks
):
    sales_jump(place)
    raise_alerts(django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "leader@kolega.test", "pemimpin@kolega.test",
    ]  # fmt: skip
    message = next(m for m in mail.outbox if m.to == ["leader@kolega.test"])
    assert message.subject == "Kolega: 2 climate alerts"
    link = (
        f"http://testserver/analytics/climate/?department={place['sales'].pk}"
        "&from=2026-02-23&to=2026-03-29"
    )
    assert message.body.count(link) == 2
    assert "60% of the writing in department Sales was negative" in message.body
    assert "nobody's own sentiment is ever shown" in message.body
    for name in ("s1", "s2", "o1"):
        assert place["people"][name].display_name not in message.body


def test_the_link_opens_the_dashboard_for_a_leader(
    place, client, django_capture_on_commit_callbacks
):
    sales_jump(place)
    negativity, _volume = raise_alerts(django_capture_on_commit_callbacks)
    client.force_login(place["people"]["leader"])
    response = client.get(alert_url(negativity))
    assert response.status_code == 200
    assert response.context["filters"].department == place["sales"]


def test_a_public_topic_surging_alerts_and_its_negativity_needs_enough_negative_writers(
    place, django_capture_on_commit_callbacks
):
    writers = [place["people"][f"p{n}"] for n in range(1, 6)]  # No department.
    # 10 pieces by 5 people, 6 negative but by p1 p2 p3 only: volume, not negativity.
    this_week(writers[:3] * 2 + writers[3:] * 2, ["negative"] * 6 + ["positive"] * 4,
              tags=["canteen"])  # fmt: skip

    alerts = raise_alerts(django_capture_on_commit_callbacks)

    assert keys(alerts) == [(AlertScope.TOPIC, "Canteen", WEEK, AlertKind.VOLUME)]
    assert alerts[0].subject == "canteen"
    assert alerts[0].title == (
        "10 pieces of writing on the topic “Canteen” in the week of March 23, 2026 "
        "(the 4 weeks before: fewer than 5 people)"
    )
    assert alert_url(alerts[0]) == "/analytics/climate/?from=2026-02-23&to=2026-03-29"


def test_private_writing_never_alerts(place, django_capture_on_commit_callbacks):
    board = build_community(name="Board Room", type=CommunityType.PRIVATE)
    secret = build_community(name="Merger Room", type=CommunityType.SECRET)
    labels = ["negative"] * 10
    this_week(sales_people(place), labels, community=board, tags=["canteen"])
    this_week(sales_people(place), labels, community=secret, tags=["canteen"])

    assert raise_alerts(django_capture_on_commit_callbacks) == []
    assert not mail.outbox and not Notification.objects.exists()


def test_the_celery_task_raises_the_weeks_alerts_once(place, django_capture_on_commit_callbacks):
    now = timezone.now()
    writers = [place["people"][f"p{n}"] for n in range(1, 6)]
    this_week(writers, ["negative"] * 10, when=now, tags=["canteen"])

    # Canteen's volume; not its negativity (nobody wrote about it in the weeks before).
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.climate_alerts() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.climate_alerts() == 0
    assert len(mail.outbox) == 2
