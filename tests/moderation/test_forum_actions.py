"""The moderators' forum actions (pin, unpin, lock, unlock, move, merge) are written to the
moderation log, in the community where they happened."""

import pytest
from django.utils import translation

from forums import services
from moderation.models import ActionType, ModerationAction
from moderation.selectors import within_moderated_communities
from profiles.roles import MODERATORS
from tests.factories import UserFactory
from tests.forums.conftest import ask, make_category
from tests.helpers import in_group, join

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_moderator(db):
    """A site moderator (tests/moderation/conftest.py's comes with a matrix community)."""
    return in_group(UserFactory(username="sitemod"), MODERATORS)


@pytest.fixture
def company_category(communicator):
    return make_category(actor=communicator, name="Finance procedures")


@pytest.fixture
def public_category(author, public_community):
    join(author, public_community)
    return make_category(actor=public_community.created_by, community=public_community)


@pytest.fixture
def private_category(private_community):
    return make_category(actor=private_community.created_by, community=private_community)


def log_rows():
    """(action, moderator, community, thread id, author) of each row, oldest first."""
    return list(
        ModerationAction.objects.order_by("id").values_list(
            "action", "actor__username", "community__slug", "target_id", "target_user__username"
        )
    )


def test_pinning_and_locking_and_undoing_them_are_logged_once_each(
    author, company_category, site_moderator
):
    thread = ask(author, company_category)

    for action in (services.thread_pin, services.thread_pin, services.thread_lock,
                   services.thread_unlock, services.thread_unpin):  # fmt: skip
        thread = action(actor=site_moderator, thread=thread)

    # Pinning what is pinned already changes nothing, and logs nothing.
    assert log_rows() == [
        (ActionType.PIN, "sitemod", None, thread.pk, "ratna"),
        (ActionType.LOCK, "sitemod", None, thread.pk, "ratna"),
        (ActionType.UNLOCK, "sitemod", None, thread.pk, "ratna"),
        (ActionType.UNPIN, "sitemod", None, thread.pk, "ratna"),
    ]
    assert ModerationAction.objects.get(action="pin").target_repr == thread.title


def test_a_refused_pin_logs_nothing(author, colleague, company_category):
    thread = ask(author, company_category)

    with pytest.raises(Exception, match="Only moderators"):
        services.thread_pin(actor=colleague, thread=thread)

    assert log_rows() == []


def test_a_move_between_communities_is_logged_in_both(
    author, public_community, private_community, public_category, private_category,
    site_moderator,
):  # fmt: skip
    thread = ask(author, public_category)

    services.thread_move(actor=site_moderator, thread=thread, category=private_category)

    assert log_rows() == [
        (ActionType.MOVE, "sitemod", public_community.slug, thread.pk, "ratna"),
        (ActionType.MOVE, "sitemod", private_community.slug, thread.pk, "ratna"),
    ]


def test_a_move_within_a_place_is_logged_once(author, company_category, communicator,
                                              site_moderator):  # fmt: skip
    other = make_category(actor=communicator, name="Other procedures")
    thread = ask(author, company_category)

    services.thread_move(actor=site_moderator, thread=thread, category=other)

    assert log_rows() == [(ActionType.MOVE, "sitemod", None, thread.pk, "ratna")]


def test_a_move_out_of_a_community_is_seen_by_its_moderators(
    author, public_community, public_category, company_category, site_moderator
):
    from tests.moderation.conftest import moderator_of

    thread = ask(author, public_category)
    services.thread_move(actor=site_moderator, thread=thread, category=company_category)
    community_moderator = moderator_of(public_community, username="club-mod")

    seen = within_moderated_communities(ModerationAction.objects.all(), community_moderator)
    assert list(seen.values_list("action", flat=True)) == [ActionType.MOVE]


def test_a_merge_is_logged_against_the_thread_merged_away(
    author, colleague, company_category, site_moderator
):
    target = ask(author, company_category, title="VAT form?")
    source = ask(colleague, company_category, title="Which VAT form?")

    services.thread_merge(actor=site_moderator, source=source, target=target)

    assert log_rows() == [(ActionType.MERGE, "sitemod", None, source.pk, "budi")]
    assert ModerationAction.objects.get().target_repr == "Which VAT form?"


def test_the_new_actions_have_translated_labels():
    with translation.override("en"):
        assert ActionType.PIN.label == "Pinned a thread"
        assert ActionType.MERGE.label == "Merged a thread into another"
    assert {ActionType.PIN, ActionType.UNPIN, ActionType.LOCK, ActionType.UNLOCK,
            ActionType.MOVE, ActionType.MERGE} <= set(ActionType.values)  # fmt: skip
