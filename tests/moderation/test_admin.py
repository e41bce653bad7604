import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.html import escape

from communities import services as communities
from moderation import services
from moderation.models import ActionType, ModerationAction, Report, ReportStatus
from tests.factories import UserFactory
from tests.moderation.conftest import active_membership
from tests.placement.models import Note


def url_for(model, view: str, *args) -> str:
    return reverse(admin_urlname(model._meta, view), args=args)


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_both_models_are_in_the_admin():
    assert ModerationAction in admin.site._registry and Report in admin.site._registry


def test_every_moderation_action_shows_in_the_admin_log(admin_client, people, public, make_note):
    note = make_note(public, text="Cheap watches")
    services.content_hide(actor=people["moderator"], obj=note, reason="Fake goods")
    services.content_restore(actor=people["admin"], obj=note, reason="Seller proved it")
    communities.community_member_remove(
        actor=people["moderator"], membership=active_membership(public, people["member"]),
        reason="Kept spamming",
    )  # fmt: skip

    response = admin_client.get(url_for(ModerationAction, "changelist"))

    content = response.content.decode()
    for text in ("Hid content", "Restored content", "Removed a member", "Fake goods",
                 "Seller proved it", "Kept spamming", "Cheap watches", escape(people["moderator"]),
                 escape(people["member"])):  # fmt: skip
        assert text in content, text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "fake goods"}, {ActionType.HIDE}),
        ({"action__exact": "restore"}, {ActionType.RESTORE}),
    ],
)
def test_the_log_is_searched_and_filtered(admin_client, people, public, make_note, query,
                                          expected):  # fmt: skip
    note = make_note(public, text="Cheap watches")
    services.content_hide(actor=people["moderator"], obj=note, reason="Fake goods")
    services.content_restore(actor=people["moderator"], obj=note, reason="Mistake")
    services.content_hide(actor=people["moderator"], obj=make_note(public, text="Other"))

    response = admin_client.get(url_for(ModerationAction, "changelist"), query)

    assert {entry.action for entry in response.context["cl"].result_list} == expected


def test_the_log_cannot_be_changed_in_the_admin(admin_client, people, public, make_note):
    services.content_hide(actor=people["moderator"], obj=make_note(public), reason="Spam")
    entry = ModerationAction.objects.get()

    assert admin_client.get(url_for(ModerationAction, "add")).status_code == 403
    admin_client.post(url_for(ModerationAction, "change", entry.pk), {"reason": "Nothing"})
    assert ModerationAction.objects.get().reason == "Spam"
    response = admin_client.post(url_for(ModerationAction, "delete", entry.pk), {"post": "yes"})
    assert response.status_code == 403 and ModerationAction.objects.exists()


@pytest.fixture
def reports(people, public, make_note):
    return [
        services.report_create(
            reporter=people["member"], target=make_note(public, text=f"Ad {i}"), reason=f"Spam {i}"
        )  # fmt: skip
        for i in range(2)
    ]


def test_reports_are_listed_with_their_target_and_filtered_by_status(admin_client, reports,
                                                                     people):  # fmt: skip
    services.report_resolve(actor=people["moderator"], report=reports[0], outcome="dismissed")

    response = admin_client.get(url_for(Report, "changelist"), {"status__exact": "open"})

    assert [report.pk for report in response.context["cl"].result_list] == [reports[1].pk]
    content = response.content.decode()
    assert "Ad 1" in content and "Spam 1" in content and "Runners" in content


@pytest.mark.parametrize(
    ("action", "status", "logged"),
    [("resolve_selected", ReportStatus.RESOLVED, ActionType.RESOLVE_REPORT),
     ("dismiss_selected", ReportStatus.DISMISSED, ActionType.DISMISS_REPORT)],
)  # fmt: skip
def test_admin_actions_close_reports_through_the_service(
    admin_client, reports, action, status, logged
):
    response = admin_client.post(
        url_for(Report, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [r.pk for r in reports]},
        follow=True,
    )

    assert {r.status for r in Report.objects.all()} == {status}
    assert ModerationAction.objects.filter(action=logged).count() == 2
    assert "2 reports" in " ".join(str(m) for m in response.context["messages"])
    assert not Note.objects.filter(hidden_at__isnull=False).exists()


def test_admin_actions_skip_closed_reports(admin_client, reports, people):
    services.report_resolve(actor=people["moderator"], report=reports[0], outcome="resolved")

    admin_client.post(
        url_for(Report, "changelist"),
        {"action": "dismiss_selected", ACTION_CHECKBOX_NAME: [r.pk for r in reports]},
    )

    assert Report.objects.get(pk=reports[0].pk).status == ReportStatus.RESOLVED
    assert Report.objects.get(pk=reports[1].pk).status == ReportStatus.DISMISSED


def test_staff_who_do_not_moderate_cannot_close_reports(client, reports):
    staff = UserFactory(username="helpdesk", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__endswith="_report"))
    client.force_login(staff)

    response = client.post(
        url_for(Report, "changelist"),
        {"action": "resolve_selected", ACTION_CHECKBOX_NAME: [r.pk for r in reports]},
        follow=True,
    )

    # The reports are not even in their list (they moderate nothing), so nothing closes.
    assert {r.status for r in Report.objects.all()} == {ReportStatus.OPEN}
    assert "Resolved" not in " ".join(str(m) for m in response.context["messages"])


@pytest.fixture
def staff_client(client, db):
    """Signed in as staff allowed to view reports and the log, but with no site-wide role."""

    def login(user):
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.user_permissions.add(
            *Permission.objects.filter(codename__in=["view_report", "view_moderationaction"])
        )
        client.force_login(user)
        return client

    return login


def test_staff_see_in_the_admin_only_what_they_moderate(
    staff_client, reports, people, secret, secret_people, make_note
):
    secret_note = make_note(secret, text="The merger with Acme")
    secret_report = services.report_create(
        reporter=secret_people["member"], target=secret_note, reason="Confidential"
    )
    services.content_hide(actor=secret_people["moderator"], obj=secret_note, reason="Leak")
    company_report = services.report_create(
        reporter=people["member"], target=make_note(None, text="Company-wide rumour"),
        reason="Gossip",
    )  # fmt: skip
    client = staff_client(people["moderator"])

    response = client.get(url_for(Report, "changelist"))
    assert {r.pk for r in response.context["cl"].result_list} == {r.pk for r in reports}
    content = response.content.decode()
    assert "The merger with Acme" not in content and "Board of Directors" not in content
    assert "Company-wide rumour" not in content
    for hidden in (secret_report, company_report):
        assert client.get(url_for(Report, "change", hidden.pk)).status_code in (302, 404)

    log = client.get(url_for(ModerationAction, "changelist")).content.decode()
    assert "The merger with Acme" not in log and "Board of Directors" not in log


def test_staff_who_moderate_nothing_see_no_reports_in_the_admin(staff_client, reports):
    client = staff_client(UserFactory(username="helpdesk"))

    response = client.get(url_for(Report, "changelist"))

    assert list(response.context["cl"].result_list) == []


def test_site_moderators_see_every_report_in_the_admin(staff_client, reports, people, secret,
                                                       secret_people, make_note):  # fmt: skip
    services.report_create(reporter=secret_people["member"],
                           target=make_note(secret, text="The merger with Acme"),
                           reason="Confidential")  # fmt: skip
    client = staff_client(people["site_moderator"])

    response = client.get(url_for(Report, "changelist"))

    assert len(response.context["cl"].result_list) == 3
    assert "The merger with Acme" in response.content.decode()
