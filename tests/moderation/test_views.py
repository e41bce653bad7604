import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode

from moderation import services
from moderation.models import ActionType, ModerationAction, Report, ReportStatus
from tests.factories import UserFactory
from tests.placement.models import Note

HTMX = {"HTTP_HX_REQUEST": "true"}
QUEUE = reverse("moderation:queue")


def as_user(client, person):
    client.force_login(person)
    return client


def report_url(**query) -> str:
    return f"{reverse('moderation:report')}?{urlencode(query)}"


def note_report_url(note) -> str:
    return report_url(type="placement.note", id=note.pk)


def hide_url(note, action="hide") -> str:
    return reverse(f"moderation:content-{action}", args=["placement.note", note.pk])


@pytest.fixture
def report(people, public, make_note):
    return services.report_create(
        reporter=people["member"], target=make_note(public, text="Cheap watches!"),
        reason="Selling fake watches",
    )  # fmt: skip


# --- the queue ------------------------------------------------------------------------------


def test_the_queue_is_for_signed_in_people(client, db):
    response = client.get(QUEUE)

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("role", "status"),
    [("outsider", 403), ("member", 403), ("invited", 403), ("moderator", 200), ("admin", 200),
     ("owner", 200), ("site_moderator", 200), ("superuser", 200)],
)  # fmt: skip
def test_the_queue_answers_moderators_only(client, people, report, role, status):
    response = as_user(client, people[role]).get(QUEUE)

    assert response.status_code == status
    if status == 200:
        content = response.content.decode()
        assert "Cheap watches!" in content and "Selling fake watches" in content
        assert escape(people["member"].name) in content and "Runners" in content


def test_the_queue_of_another_communitys_moderator_leaves_these_reports_out(
    client, report, elsewhere_moderator
):
    response = as_user(client, elsewhere_moderator).get(QUEUE)

    assert response.status_code == 200
    assert "Cheap watches!" not in response.content.decode()
    assert "Nothing to review" in response.content.decode()


@pytest.mark.parametrize("n", [10, 100])
def test_queue_query_count_does_not_grow_with_reports(
    client, people, public, make_note, n, django_assert_max_num_queries
):
    reporters = UserFactory.create_batch(3)
    for reporter in reporters:
        services.report_create(reporter=reporter, target=public, reason="Not a real club")
    for index in range(n):
        note = make_note(public, author=reporters[index % 3], text=f"Note {index}")
        services.report_create(reporter=reporters[(index + 1) % 3], target=note,
                               reason=f"Reason {index}")  # fmt: skip
    client = as_user(client, people["moderator"])

    # Session, user, "moderates anything", site roles, count, reports, and one per target type.
    with django_assert_max_num_queries(10):
        response = client.get(QUEUE)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(n + 3, 25)


def test_the_me_menu_links_to_the_queue_for_moderators_only(client, people):
    menu = re.compile(r'<ul class="dropdown-menu.*?</ul>', re.S)

    as_user(client, people["moderator"])
    assert QUEUE in menu.search(client.get("/people/").content.decode()).group(0)
    as_user(client, people["member"])
    assert QUEUE not in menu.search(client.get("/people/").content.decode()).group(0)


# --- closing reports in the queue ---------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "status", "hidden"),
    [("resolve", ReportStatus.RESOLVED, False), ("dismiss", ReportStatus.DISMISSED, False),
     ("hide", ReportStatus.RESOLVED, True)],
)  # fmt: skip
def test_a_moderator_closes_a_report_without_javascript(
    client, people, report, action, status, hidden
):
    url = reverse("moderation:report-resolve", args=[report.pk])

    response = as_user(client, people["moderator"]).post(
        url, {"action": action, "note": "Checked it"}, follow=True
    )

    assert response.redirect_chain[-1][0] == QUEUE
    report.refresh_from_db()
    assert (report.status, report.resolution_note) == (status, "Checked it")
    assert Note.objects.get(pk=report.target_id).is_hidden is hidden
    assert "Selling fake watches" not in response.content.decode()  # Gone from the queue.


def test_a_moderator_closes_a_report_in_place_with_htmx(client, people, report):
    url = reverse("moderation:report-resolve", args=[report.pk])

    response = as_user(client, people["moderator"]).post(
        url, {"action": "hide", "note": "Fake goods"}, **HTMX
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith(
        f'<li class="card border-0 shadow-sm" id="report-{report.pk}"'
    )
    assert "<html" not in content and "Resolved by" in content and "Fake goods" in content
    assert 'name="action"' not in content  # No buttons on a closed report.


def test_closing_a_closed_report_explains_itself_in_the_row(client, people, report):
    services.report_resolve(actor=people["admin"], report=report, outcome="dismissed")
    url = reverse("moderation:report-resolve", args=[report.pk])

    response = as_user(client, people["moderator"]).post(
        url, {"action": "resolve", "note": "Me too"}, **HTMX
    )

    assert response.status_code == 422
    assert "already closed" in response.content.decode()


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_people_who_do_not_moderate_cannot_close_reports(client, people, report, role):
    url = reverse("moderation:report-resolve", args=[report.pk])

    response = as_user(client, people[role]).post(url, {"action": "resolve"})

    assert response.status_code == 403
    assert Report.objects.get(pk=report.pk).status == ReportStatus.OPEN


def test_closing_needs_a_post(client, people, report):
    url = reverse("moderation:report-resolve", args=[report.pk])

    assert as_user(client, people["moderator"]).get(url).status_code == 405


# --- reporting ------------------------------------------------------------------------------


def test_a_member_reports_a_note_through_the_form(client, people, public, make_note):
    note = make_note(public, text="Buy my crypto")
    client = as_user(client, people["member"])

    form = client.get(note_report_url(note))
    assert form.status_code == 200 and "Buy my crypto" in form.content.decode()
    response = client.post(note_report_url(note), {"reason": "A scam"})

    assert response.status_code == 200
    assert "Thank you for your report" in response.content.decode()
    report = Report.objects.get()
    assert (report.target, report.reporter, report.reason) == (note, people["member"], "A scam")


def test_reporting_a_community_thanks_the_reporter_in_place_with_htmx(client, people, public):
    response = as_user(client, people["outsider"]).post(
        report_url(community=public.slug), {"reason": "Pretends to be HR"}, **HTMX
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Thank you for your report" in content and "<html" not in content
    assert Report.objects.get().target == public


def test_reporting_twice_shows_why_and_keeps_the_text(client, people, public, make_note):
    note = make_note(public)
    client = as_user(client, people["member"])
    client.post(note_report_url(note), {"reason": "Spam"})

    response = client.post(note_report_url(note), {"reason": "Spam again"}, **HTMX)

    assert response.status_code == 422
    content = response.content.decode()
    assert "already reported" in content and "Spam again" in content


def test_an_empty_reason_is_explained(client, people, public):
    response = as_user(client, people["member"]).post(report_url(community=public.slug),
                                                      {"reason": "  "})  # fmt: skip

    assert response.status_code == 200
    assert "Tell the moderators what is wrong." in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_secret_things_cannot_be_reported_from_outside(client, people, secret, make_note, method):
    client = as_user(client, people["outsider"])
    note = make_note(secret)

    for url in (note_report_url(note), report_url(community=secret.slug)):
        response = getattr(client, method)(url, {"reason": "Hmm"} if method == "post" else {})
        assert response.status_code == 404
        assert secret.name not in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "query",
    [{}, {"type": "profiles.user", "id": 1}, {"type": "auth.group", "id": 1},
     {"type": "placement.note", "id": "abc"}, {"type": "placement.note", "id": 999999},
     {"type": "nonsense", "id": 1}, {"community": "no-such-community"}],
)  # fmt: skip
def test_the_report_form_is_404_for_anything_else(client, people, query):
    response = as_user(client, people["member"]).get(report_url(**query))

    assert response.status_code == 404


# --- hide and restore -----------------------------------------------------------------------


def test_a_moderator_hides_and_restores_a_note_without_javascript(
    client, people, public, make_note
):
    note = make_note(public)
    client = as_user(client, people["moderator"])

    response = client.post(hide_url(note), {"reason": "Spam", "next": "/people/"})
    assert response.status_code == 302 and response["Location"] == "/people/"
    assert Note.objects.get(pk=note.pk).is_hidden

    response = client.post(hide_url(note, "restore"), {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == public.get_absolute_url()
    assert not Note.objects.get(pk=note.pk).is_hidden
    assert list(ModerationAction.objects.order_by("id").values_list("action", "reason")) == [
        (ActionType.HIDE, "Spam"), (ActionType.RESTORE, ""),
    ]  # fmt: skip


def test_hiding_with_htmx_swaps_in_the_restore_button(client, people, public, make_note):
    note = make_note(public)

    response = as_user(client, people["moderator"]).post(hide_url(note), {"reason": "x"}, **HTMX)

    content = response.content.decode()
    assert response.status_code == 200
    assert hide_url(note, "restore") in content and "Hidden by a moderator" in content


@pytest.mark.parametrize(
    ("where", "role", "status"),
    [("public", "member", 403), ("public", "outsider", 403), ("secret", "outsider", 404),
     ("secret", "invited", 404), ("secret", "member", 403), ("company", "moderator", 403),
     ("company", "site_moderator", 302), ("secret", "superuser", 302)],
)  # fmt: skip
def test_hiding_answers_by_who_may_moderate_and_who_may_see(
    client, people, public, secret, secret_people, make_note, where, role, status
):
    community = {"public": public, "secret": secret, "company": None}[where]
    person = (secret_people if where == "secret" else people)[role]

    response = as_user(client, person).post(hide_url(make_note(community)))

    assert response.status_code == status
    if where == "secret" and status == 404:
        assert secret.name not in response.content.decode()


@pytest.mark.parametrize("label", ["profiles.user", "communities.community", "auth.group"])
def test_only_placed_content_can_be_hidden_by_url(client, people, public, label):
    target = {"profiles.user": people["member"].pk, "communities.community": public.pk}.get(
        label, 1
    )

    response = as_user(client, people["superuser"]).post(
        reverse("moderation:content-hide", args=[label, target])
    )

    assert response.status_code == 404


# --- the template tags for content pages -----------------------------------------------------


def render_actions(rf, person, note) -> str:
    request = rf.get("/")
    request.user = person
    template = Template("{% load moderation_tags %}{% content_moderation note %}")
    return template.render(Context({"request": request, "note": note}))


def test_content_pages_show_hide_to_moderators_and_report_to_others(rf, people, public,
                                                                     make_note):  # fmt: skip
    note = make_note(public)
    report_link = escape(note_report_url(note))

    for_moderator = render_actions(rf, people["moderator"], note)
    for_member = render_actions(rf, people["member"], note)
    for_author = render_actions(rf, people["owner"], note)

    assert hide_url(note) in for_moderator and report_link in for_moderator
    assert hide_url(note) not in for_member and report_link in for_member
    assert report_link not in for_author  # Nobody reports their own note.


def test_hidden_content_shows_restore_to_its_moderators(rf, people, public, make_note):
    note = make_note(public)
    services.content_hide(actor=people["moderator"], obj=note)

    html = render_actions(rf, people["admin"], note)

    assert hide_url(note, "restore") in html and "/moderation/report/" not in html


# --- focus after HTMX swaps -------------------------------------------------------------------


def test_after_hiding_in_place_focus_moves_to_the_restore_button(client, people, public,
                                                                  make_note):  # fmt: skip
    note = make_note(public)

    content = as_user(client, people["moderator"]).post(hide_url(note), **HTMX).content.decode()

    restore = re.search(r"<button[^>]*>\s*<i class=\"bi bi-eye\"", content)
    assert restore and "autofocus" in restore.group(0)


def test_content_actions_on_a_page_do_not_steal_focus(rf, people, public, make_note):
    request = rf.get("/")
    request.user = people["moderator"]
    html = Template("{% load moderation_tags %}{% content_moderation note %}").render(
        Context({"request": request, "note": make_note(public)})
    )

    assert "autofocus" not in html


def test_after_closing_a_report_in_place_focus_moves_to_the_outcome(client, people, report):
    url = reverse("moderation:report-resolve", args=[report.pk])

    content = (
        as_user(client, people["moderator"])
        .post(url, {"action": "dismiss"}, **HTMX)
        .content.decode()
    )

    outcome = re.search(r'<p [^>]*role="status"[^>]*>', content)
    assert outcome and "autofocus" in outcome.group(0) and 'tabindex="-1"' in outcome.group(0)
    assert "autofocus" not in as_user(client, people["moderator"]).get(QUEUE).content.decode()


def test_the_thanks_in_place_takes_focus_and_offers_the_way_back(client, people, public):
    response = as_user(client, people["outsider"]).post(
        report_url(community=public.slug, next="/communities/"), {"reason": "Fake"}, **HTMX
    )

    content = response.content.decode()
    assert re.search(r'<div [^>]*id="report-thanks"[^>]*autofocus', content)
    assert 'href="/communities/"' in content


@pytest.mark.parametrize("data", [{"action": "bogus"}, {}])
@pytest.mark.parametrize("role", ["member", "outsider"])
def test_a_bad_close_from_a_non_moderator_is_403_and_shows_nothing_of_the_report(
    client, people, report, role, data
):
    url = reverse("moderation:report-resolve", args=[report.pk])

    response = as_user(client, people[role]).post(url, data, **HTMX)

    assert response.status_code == 403
    content = response.content.decode()
    assert "Selling fake watches" not in content and "Reported by" not in content


@pytest.mark.parametrize("action", ["hide", "restore"])
def test_a_bad_reason_does_not_reveal_secret_content_to_outsiders(
    client, people, secret, make_note, action
):
    note = make_note(secret)
    client = as_user(client, people["outsider"])

    response = client.post(hide_url(note, action), {"reason": "x" * 1001}, **HTMX)
    missing = client.post(hide_url(Note(pk=note.pk + 1000), action), {"reason": "x" * 1001},
                          **HTMX)  # fmt: skip

    assert response.status_code == missing.status_code == 404
    assert Note.objects.get(pk=note.pk).hidden_at is None


def test_a_bad_reason_from_a_member_who_may_not_moderate_is_403(client, people, public,
                                                                  make_note):  # fmt: skip
    response = as_user(client, people["member"]).post(
        hide_url(make_note(public)), {"reason": "x" * 1001}, **HTMX
    )

    assert response.status_code == 403
    assert "Restore" not in response.content.decode()
