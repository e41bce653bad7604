import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from moderation import selectors, services
from moderation.permissions import moderates_anything
from tests.moderation.conftest import fresh
from tests.placement.models import Note


@pytest.fixture
def reports(people, public, secret, secret_people, elsewhere, elsewhere_moderator, make_note):
    """One open report in each place: {place: report}."""
    reporter = people["site_moderator"]  # Sees everything, so may report anything.
    made = {
        "public": services.report_create(
            reporter=people["member"], target=make_note(public), reason="Spam"
        ),
        "public-community": services.report_create(
            reporter=people["outsider"], target=public, reason="Fake club"
        ),
        "secret": services.report_create(
            reporter=secret_people["member"], target=make_note(secret), reason="Leak"
        ),
        "elsewhere": services.report_create(
            reporter=reporter, target=make_note(elsewhere), reason="Rude"
        ),
        "company": services.report_create(
            reporter=people["member"], target=make_note(None), reason="Offensive"
        ),
    }
    closed = services.report_create(reporter=reporter, target=make_note(public), reason="Old")
    services.report_resolve(actor=people["moderator"], report=closed, outcome="dismissed")
    return made


ALL = {"public", "public-community", "secret", "elsewhere", "company"}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", set()),
        ("outsider", set()),
        ("invited", set()),
        ("requested", set()),
        ("member", set()),
        ("moderator", {"public", "public-community"}),
        ("admin", {"public", "public-community"}),
        ("owner", {"public", "public-community"}),
        ("secret-moderator", {"secret"}),
        ("elsewhere-moderator", {"elsewhere"}),
        ("site_moderator", ALL),
        ("superuser", ALL),
    ],
)
def test_the_queue_shows_open_reports_to_the_right_moderators(
    people, secret_people, elsewhere_moderator, reports, who, expected
):
    person = {
        "anonymous": AnonymousUser(),
        "secret-moderator": secret_people["moderator"],
        "elsewhere-moderator": elsewhere_moderator,
    }.get(who) or fresh(people[who])

    shown = {report.pk for report in selectors.moderation_queue_for(person)}

    assert shown == {reports[place].pk for place in expected}
    assert moderates_anything(person) is bool(expected)


def test_the_queue_is_oldest_first_with_targets_loaded(people, reports, django_assert_num_queries):
    with django_assert_num_queries(3):  # Reports; their notes; their communities.
        queue = list(selectors.moderation_queue_for(fresh(people["superuser"])))
        labels = [report.target_label for report in queue]

    assert [report.pk for report in queue] == sorted(report.pk for report in reports.values())
    assert "Fake club" not in labels and "Runners" in labels


def test_moderates_anything_asks_the_database_once_per_request(people, django_assert_num_queries):
    person = fresh(people["member"])

    with django_assert_num_queries(1):
        assert not moderates_anything(person)
        assert not moderates_anything(person)


def test_a_report_in_a_secret_community_is_404_for_those_who_cannot_see_it(
    people, secret_people, reports
):
    report = reports["secret"]

    with pytest.raises(Http404):
        selectors.report_get_for(fresh(people["moderator"]), pk=report.pk)
    assert selectors.report_get_for(secret_people["member"], pk=report.pk) == report
    with pytest.raises(Http404):
        selectors.report_get_for(people["superuser"], pk="nope")


@pytest.mark.parametrize("label", ["profiles.user", "communities.community", "auth.group",
                                   "placement", "no.such", "placement.note.extra"])  # fmt: skip
def test_only_placed_content_types_are_content(label):
    with pytest.raises(Http404):
        selectors.content_model_for(label)


def test_content_types_are_found_by_their_label(db):
    assert selectors.content_model_for("placement.note") is Note
    assert selectors.content_model_for("Placement.Note") is Note
