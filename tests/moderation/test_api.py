import pytest
from django.urls import reverse

from moderation import services
from moderation.models import Report, ReportStatus
from tests.placement.models import Note

REPORTS = reverse("moderation-api:reports")


def resolve_url(report) -> str:
    return reverse("moderation-api:report-resolve", args=[report.pk])


@pytest.fixture
def report(people, public, make_note):
    return services.report_create(reporter=people["member"], target=make_note(public),
                                  reason="Spam")  # fmt: skip


def test_anonymous_callers_get_a_json_401(api_client, db):
    response = api_client.post(REPORTS, {"community": "x", "reason": "y"}, format="json")

    assert response.status_code == 401 and "detail" in response.json()


def test_a_member_reports_a_note(api_client, people, public, make_note):
    note = make_note(public, text="Buy my crypto")
    api_client.force_authenticate(people["member"])

    response = api_client.post(
        REPORTS, {"type": "placement.note", "id": note.pk, "reason": "A scam"}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "open" and body["reason"] == "A scam"
    assert body["target"]["type"] == "placement.note" and body["target"]["id"] == note.pk
    assert body["target"]["label"] == "Buy my crypto"
    assert body["community"] == {"slug": public.slug, "name": "Runners"}
    assert body["reporter"]["username"] == people["member"].username


def test_a_community_is_reported_by_its_slug(api_client, people, public):
    api_client.force_authenticate(people["outsider"])

    response = api_client.post(REPORTS, {"community": public.slug, "reason": "Fake"},
                               format="json")  # fmt: skip

    assert response.status_code == 201
    assert response.json()["target"]["type"] == "communities.community"


def test_a_second_report_is_a_400_with_the_reason(api_client, people, report):
    api_client.force_authenticate(people["member"])

    response = api_client.post(
        REPORTS, {"type": "placement.note", "id": report.target_id, "reason": "Again"},
        format="json",
    )  # fmt: skip

    assert response.status_code == 400
    assert "already reported" in response.json()["detail"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [({"community": "runners"}, "reason"), ({"reason": "Spam"}, "non_field_errors"),
     ({"type": "placement.note", "reason": "Spam"}, "non_field_errors"),
     ({"community": "runners", "type": "placement.note", "id": 1, "reason": "Spam"},
      "non_field_errors"),
     ({"community": "runners", "reason": "x" * 1001}, "reason")],
)  # fmt: skip
def test_bad_reports_are_400_with_the_field(api_client, people, payload, field):
    api_client.force_authenticate(people["member"])

    response = api_client.post(REPORTS, payload, format="json")

    assert response.status_code == 400 and field in response.json()


@pytest.mark.parametrize("target", ["note", "community", "user"])
def test_what_the_reporter_cannot_see_is_a_json_404(api_client, people, secret, make_note, target):
    api_client.force_authenticate(people["outsider"])
    payload = {
        "note": {"type": "placement.note", "id": make_note(secret).pk},
        "community": {"community": secret.slug},
        "user": {"type": "profiles.user", "id": people["member"].pk},
    }[target]

    response = api_client.post(REPORTS, {**payload, "reason": "Hmm"}, format="json")

    assert response.status_code == 404 and response.json() == {"detail": "Not found."}
    assert secret.name not in response.content.decode()
    assert not Report.objects.exists()


def test_moderators_read_their_queue(api_client, people, report):
    api_client.force_authenticate(people["moderator"])

    response = api_client.get(REPORTS)

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [report.pk]


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_people_who_moderate_nothing_get_a_json_403_for_the_queue(api_client, people, report, role):
    api_client.force_authenticate(people[role])

    response = api_client.get(REPORTS)

    assert response.status_code == 403
    assert response.json() == {"detail": "The moderation queue is for moderators."}


def test_a_moderator_resolves_a_report_and_hides_the_note(api_client, people, report):
    api_client.force_authenticate(people["moderator"])

    response = api_client.post(
        resolve_url(report), {"outcome": "resolved", "note": "Gone", "hide_content": True},
        format="json",
    )  # fmt: skip

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "resolved" and body["resolution_note"] == "Gone"
    assert body["resolved_by"]["username"] == people["moderator"].username
    assert Note.objects.get(pk=report.target_id).is_hidden


def test_a_member_resolving_gets_a_json_403_that_explains(api_client, people, report):
    api_client.force_authenticate(people["member"])

    response = api_client.post(resolve_url(report), {"outcome": "dismissed"}, format="json")

    assert response.status_code == 403
    assert "moderators of this community" in response.json()["detail"]
    assert Report.objects.get(pk=report.pk).status == ReportStatus.OPEN


@pytest.mark.parametrize(
    ("payload", "expected"),
    [({"outcome": "deleted"}, "outcome"), ({}, "outcome"),
     ({"outcome": "dismissed", "hide_content": True}, "detail")],
)  # fmt: skip
def test_bad_resolutions_are_400(api_client, people, report, payload, expected):
    api_client.force_authenticate(people["moderator"])

    response = api_client.post(resolve_url(report), payload, format="json")

    assert response.status_code == 400 and expected in response.json()


def test_an_unknown_report_is_a_json_404(api_client, people):
    api_client.force_authenticate(people["superuser"])

    response = api_client.post("/api/v1/moderation/reports/999999/resolve/", {}, format="json")

    assert response.status_code == 404 and response.json() == {"detail": "Not found."}
