import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from analytics.models import Event
from communities import services as communities
from communities.models import Membership
from moderation import services
from moderation.models import ActionType, ModerationAction, Report, ReportStatus
from tests.moderation.conftest import active_membership, fresh
from tests.placement.models import Note


def test_a_community_moderator_hides_and_restores_a_note_in_their_community(
    people, public, make_note, django_capture_on_commit_callbacks
):
    moderator, note = people["moderator"], make_note(public)

    with django_capture_on_commit_callbacks(execute=True):
        services.content_hide(actor=moderator, obj=note, reason="Selling is not allowed here")
    note.refresh_from_db()
    assert note.is_hidden and note.hidden_by == moderator

    with django_capture_on_commit_callbacks(execute=True):
        services.content_restore(actor=moderator, obj=note, reason="The seller explained")
    note.refresh_from_db()
    assert not note.is_hidden and note.hidden_by is None

    hide, restore = ModerationAction.objects.order_by("created_at", "id")
    assert (hide.action, hide.actor, hide.community, hide.target, hide.target_user) == (
        ActionType.HIDE, moderator, public, note, note.author,
    )  # fmt: skip
    assert hide.reason == "Selling is not allowed here" and hide.created_at is not None
    assert hide.target_repr == "Selling my old bike, cheap"
    assert (restore.action, restore.reason) == (ActionType.RESTORE, "The seller explained")
    assert list(
        Event.objects.filter(verb__startswith="moderation.").values_list("verb", flat=True)
    ) == ["moderation.content_restored", "moderation.content_hidden"]


@pytest.mark.parametrize("role", ["admin", "owner"])
def test_community_admins_and_owners_moderate_too(people, public, make_note, role):
    note = make_note(public)

    services.content_hide(actor=people[role], obj=note)

    assert Note.objects.get(pk=note.pk).is_hidden


@pytest.mark.parametrize("role", ["outsider", "invited", "requested", "member"])
def test_people_who_are_not_its_moderators_cannot_hide_a_visible_note(
    people, public, make_note, role
):
    note = make_note(public)

    with pytest.raises(PermissionDenied):
        services.content_hide(actor=people[role], obj=note)
    assert not Note.objects.get(pk=note.pk).is_hidden
    assert not ModerationAction.objects.exists()


def test_a_moderator_of_another_community_cannot_hide_a_note_here(
    public, make_note, elsewhere_moderator
):
    with pytest.raises(PermissionDenied):
        services.content_hide(actor=elsewhere_moderator, obj=make_note(public))


@pytest.mark.parametrize("who", ["outsider", "invited", "requested", "elsewhere_moderator"])
def test_a_note_in_a_secret_community_does_not_exist_for_those_outside(
    secret, secret_people, make_note, elsewhere_moderator, who
):
    actor = elsewhere_moderator if who == "elsewhere_moderator" else secret_people[who]
    note = make_note(secret)

    for change in (services.content_hide, services.content_restore):
        with pytest.raises(Http404):
            change(actor=actor, obj=note)


def test_a_member_of_the_secret_community_is_refused_with_403(secret, secret_people, make_note):
    with pytest.raises(PermissionDenied):
        services.content_hide(actor=secret_people["member"], obj=make_note(secret))


def test_a_hidden_note_is_404_for_members_who_cannot_restore_it(people, public, make_note):
    note = make_note(public)
    services.content_hide(actor=people["moderator"], obj=note)

    with pytest.raises(Http404):
        services.content_restore(actor=fresh(people["member"]), obj=note)


@pytest.mark.parametrize("role", ["site_moderator", "superuser"])
@pytest.mark.parametrize("where", ["company", "public", "secret"])
def test_site_moderators_and_superusers_hide_and_restore_everywhere(
    people, public, secret, make_note, role, where
):
    note = make_note({"company": None, "public": public, "secret": secret}[where])

    services.content_hide(actor=people[role], obj=note, reason="Off topic")
    assert Note.objects.get(pk=note.pk).is_hidden
    services.content_restore(actor=people[role], obj=note)
    assert not Note.objects.get(pk=note.pk).is_hidden

    assert ModerationAction.objects.filter(actor=people[role]).count() == 2


@pytest.mark.parametrize("role", ["moderator", "admin", "owner"])
def test_community_moderators_cannot_moderate_company_wide_notes(people, make_note, role):
    with pytest.raises(PermissionDenied, match="site moderators"):
        services.content_hide(actor=people[role], obj=make_note(None))


def test_hidden_notes_disappear_for_everyone_including_moderators_and_the_author(
    people, public, make_note
):
    note = make_note(public, author=people["member"])
    company_note = make_note(None, author=people["member"])
    services.content_hide(actor=people["moderator"], obj=note)
    services.content_hide(actor=people["site_moderator"], obj=company_note)

    for person in [*people.values(), AnonymousUser()]:
        assert not Note.objects.visible_to(person).filter(pk__in=[note.pk, company_note.pk])
        assert not note.is_visible_to(person) and not company_note.is_visible_to(person)


def test_hiding_twice_changes_nothing_and_logs_once(people, public, make_note):
    note = make_note(public)
    services.content_hide(actor=people["moderator"], obj=note)
    first = Note.objects.get(pk=note.pk).hidden_at

    services.content_hide(actor=people["admin"], obj=note)

    note.refresh_from_db()
    assert note.hidden_at == first and note.hidden_by == people["moderator"]
    assert ModerationAction.objects.count() == 1


def test_hiding_does_not_count_as_an_edit(people, public, make_note):
    note = make_note(public)
    edited = note.updated_at

    services.content_hide(actor=people["moderator"], obj=note)

    assert Note.objects.get(pk=note.pk).updated_at == edited


def test_a_too_long_reason_is_refused(people, public, make_note):
    with pytest.raises(ValidationError) as error:
        services.content_hide(actor=people["moderator"], obj=make_note(public), reason="x" * 1001)

    assert "reason" in error.value.message_dict


def test_only_placed_content_can_be_hidden(people, public):
    with pytest.raises(TypeError):
        services.content_hide(actor=people["superuser"], obj=public)


# --- reports -------------------------------------------------------------------------------


def test_a_member_reports_a_note_and_it_goes_to_its_community(
    people, public, make_note, django_capture_on_commit_callbacks
):
    note = make_note(public)

    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_create(
            reporter=people["member"], target=note, reason="  Spam, again.  "
        )

    assert (report.status, report.community, report.target, report.reason) == (
        ReportStatus.OPEN, public, note, "Spam, again.",
    )  # fmt: skip
    assert Event.objects.filter(verb="moderation.report_created", object_id=report.pk).exists()


def test_reporting_the_same_thing_twice_is_refused_with_an_explanation(people, public, make_note):
    note = make_note(public)
    services.report_create(reporter=people["member"], target=note, reason="Spam")

    with pytest.raises(ValidationError, match="already reported"):
        services.report_create(reporter=people["member"], target=note, reason="Still spam")
    assert Report.objects.count() == 1
    services.report_create(reporter=people["outsider"], target=note, reason="Spam")  # Others may.


def test_a_closed_report_lets_the_reporter_report_again(people, public, make_note):
    note = make_note(public)
    first = services.report_create(reporter=people["member"], target=note, reason="Spam")
    services.report_resolve(actor=people["moderator"], report=first, outcome="dismissed")

    services.report_create(reporter=people["member"], target=note, reason="It is back")

    assert Report.objects.filter(status=ReportStatus.OPEN).count() == 1


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001])
def test_a_report_needs_a_reason_of_sensible_length(people, public, make_note, reason):
    with pytest.raises(ValidationError) as error:
        services.report_create(reporter=people["member"], target=make_note(public), reason=reason)

    assert "reason" in error.value.message_dict


@pytest.mark.parametrize("who", ["outsider", "invited", "requested"])
def test_reporting_secret_content_from_outside_is_404(secret, secret_people, make_note, who):
    with pytest.raises(Http404):
        services.report_create(
            reporter=secret_people[who], target=make_note(secret), reason="Looks wrong"
        )
    assert not Report.objects.exists()


def test_reporting_hidden_content_is_404(people, public, make_note):
    note = make_note(public)
    services.content_hide(actor=people["moderator"], obj=note)

    with pytest.raises(Http404):
        services.report_create(reporter=fresh(people["member"]), target=note, reason="Spam")


def test_communities_are_reported_to_themselves_and_secret_ones_only_by_those_who_see_them(
    people, public, secret, secret_people
):
    report = services.report_create(reporter=people["outsider"], target=public, reason="Scam")
    assert report.community == public

    with pytest.raises(Http404):
        services.report_create(reporter=people["outsider"], target=secret, reason="Scam")
    invited = services.report_create(
        reporter=secret_people["invited"], target=secret, reason="They invite strangers"
    )
    assert invited.community == secret


def test_company_wide_content_reports_belong_to_no_community(people, make_note):
    report = services.report_create(reporter=people["member"], target=make_note(None),
                                    reason="Offensive")  # fmt: skip

    assert report.community is None


# --- closing reports ----------------------------------------------------------------------


@pytest.fixture
def report(people, public, make_note):
    return services.report_create(
        reporter=people["member"], target=make_note(public), reason="Selling is not allowed"
    )


def test_a_moderator_resolves_a_report_and_hides_the_content(
    people, report, django_capture_on_commit_callbacks
):
    moderator = people["moderator"]

    with django_capture_on_commit_callbacks(execute=True):
        services.report_resolve(actor=moderator, report=report, outcome="resolved",
                                note="Removed the ad", hide_content=True)  # fmt: skip

    report.refresh_from_db()
    assert (report.status, report.resolved_by, report.resolution_note) == (
        ReportStatus.RESOLVED, moderator, "Removed the ad",
    )  # fmt: skip
    assert report.resolved_at is not None
    assert Note.objects.get(pk=report.target_id).hidden_by == moderator
    actions = list(ModerationAction.objects.order_by("id").values_list("action", "report"))
    assert actions == [(ActionType.HIDE, None), (ActionType.RESOLVE_REPORT, report.pk)]
    assert Event.objects.filter(verb="moderation.report_resolved").exists()


def test_a_moderator_dismisses_a_report_and_the_content_stays(people, report):
    services.report_resolve(actor=people["admin"], report=report, outcome="dismissed",
                            note="It is allowed on Fridays")  # fmt: skip

    report.refresh_from_db()
    assert report.status == ReportStatus.DISMISSED
    assert not Note.objects.get(pk=report.target_id).is_hidden
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.reason, entry.report) == (
        ActionType.DISMISS_REPORT, "It is allowed on Fridays", report,
    )  # fmt: skip


@pytest.mark.parametrize("role", ["outsider", "member", "invited", "requested"])
def test_only_the_right_moderators_close_a_report(people, report, role):
    with pytest.raises(PermissionDenied):
        services.report_resolve(actor=people[role], report=report, outcome="resolved")


def test_a_moderator_of_another_community_cannot_close_a_report_here(report, elsewhere_moderator):
    with pytest.raises(PermissionDenied):
        services.report_resolve(actor=elsewhere_moderator, report=report, outcome="dismissed")


def test_only_site_moderators_close_reports_on_company_wide_content(people, make_note):
    report = services.report_create(reporter=people["member"], target=make_note(None),
                                    reason="Offensive")  # fmt: skip

    with pytest.raises(PermissionDenied):
        services.report_resolve(actor=people["owner"], report=report, outcome="resolved")
    services.report_resolve(actor=people["site_moderator"], report=report, outcome="resolved",
                            hide_content=True)  # fmt: skip
    assert Note.objects.get(pk=report.target_id).is_hidden


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"outcome": "deleted"}, "resolve or to dismiss"),
        ({"outcome": "dismissed", "hide_content": True}, "resolve it to hide it"),
        ({"outcome": "resolved", "note": "x" * 1001}, "under 1000 characters"),
    ],
)
def test_bad_ways_to_close_a_report_are_explained(people, report, arguments, message):
    with pytest.raises(ValidationError, match=message):
        services.report_resolve(actor=people["moderator"], report=report, **arguments)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.OPEN


def test_a_closed_report_cannot_be_closed_again(people, report):
    services.report_resolve(actor=people["moderator"], report=report, outcome="resolved")

    with pytest.raises(ValidationError, match="already closed"):
        services.report_resolve(actor=people["admin"], report=report, outcome="dismissed")
    assert ModerationAction.objects.count() == 1


def test_a_community_report_cannot_hide_the_community(people, public):
    report = services.report_create(reporter=people["member"], target=public, reason="Scam")

    with pytest.raises(ValidationError, match="cannot be hidden"):
        services.report_resolve(actor=people["owner"], report=report, outcome="resolved",
                                hide_content=True)  # fmt: skip


def test_a_report_on_deleted_content_can_still_be_closed(people, report):
    Note.objects.filter(pk=report.target_id).delete()
    report = Report.objects.get(pk=report.pk)

    services.report_resolve(actor=people["moderator"], report=report, outcome="resolved",
                            hide_content=True)  # fmt: skip

    assert Report.objects.get(pk=report.pk).status == ReportStatus.RESOLVED
    assert report.target_label == "(deleted)"


# --- the audit log ------------------------------------------------------------------------


def test_removing_a_member_writes_an_audit_row(people, public):
    membership = active_membership(public, people["member"])

    communities.community_member_remove(
        actor=people["moderator"], membership=membership, reason="Spamming everyone"
    )

    entry = ModerationAction.objects.get()
    assert (entry.action, entry.actor, entry.community, entry.target_user, entry.reason) == (
        ActionType.REMOVE_MEMBER, people["moderator"], public, people["member"],
        "Spamming everyone",
    )  # fmt: skip
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_refused_removal_writes_nothing(people, public):
    with pytest.raises(PermissionDenied):
        communities.community_member_remove(
            actor=people["moderator"], membership=active_membership(public, people["admin"])
        )

    assert not ModerationAction.objects.exists()


def test_the_audit_log_is_append_only(people, public, make_note):
    services.content_hide(actor=people["moderator"], obj=make_note(public), reason="Spam")
    entry = ModerationAction.objects.get()

    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        ModerationAction.objects.update(reason="Nothing happened")


def test_the_audit_log_outlives_what_it_is_about(people, public, make_note):
    note = make_note(public, text="A note that will be deleted")
    services.content_hide(actor=people["moderator"], obj=note, reason="Spam")

    note.delete()

    entry = ModerationAction.objects.get(action=ActionType.HIDE)
    assert entry.target is None and entry.target_repr == "A note that will be deleted"


def test_the_audit_log_cannot_be_deleted(people, public, make_note):
    services.content_hide(actor=people["moderator"], obj=make_note(public), reason="Spam")
    entry = ModerationAction.objects.get()

    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        ModerationAction.objects.all().delete()
    with pytest.raises(TypeError), transaction.atomic():
        ModerationAction.objects.bulk_update([entry], ["reason"])
    assert ModerationAction.objects.count() == 1


def test_the_audit_log_survives_deleting_the_people_and_places_it_names(people, public, make_note):
    note = make_note(public)
    services.content_hide(actor=people["moderator"], obj=note, reason="Spam")

    note.author.delete()
    people["moderator"].delete()

    entry = ModerationAction.objects.get()
    assert entry.actor_id is None and entry.target_user_id is None and entry.reason == "Spam"
