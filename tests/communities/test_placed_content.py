"""Placed content follows the one visibility rule: the test Note plugged into the matrix."""

from django.urls import reverse
from django.utils.http import urlencode

from moderation import services as moderation
from tests.communities.matrix import check_placed_content_matrix
from tests.factories import UserFactory
from tests.placement.models import Note


def make_note(*, author, community):
    return Note.objects.create(author=author, community=community, text="Lunch at the canteen?")


def make_hidden_note(*, author, community):
    note = make_note(author=author, community=community)
    moderation.content_hide(actor=UserFactory(is_superuser=True), obj=note, reason="Spam")
    return note


def seen_in_queryset(user, note) -> bool:
    return Note.objects.visible_to(user).filter(pk=note.pk).exists()


def seen_by_predicate(user, note) -> bool:
    return note.is_visible_to(user)


def report_page(note) -> str:
    return f"{reverse('moderation:report')}?{urlencode({'type': 'placement.note', 'id': note.pk})}"


def test_the_queryset_follows_the_visibility_rule(db):
    check_placed_content_matrix(make=make_note, can_see=seen_in_queryset)


def test_the_single_object_predicate_follows_the_same_rule(db):
    check_placed_content_matrix(make=make_note, can_see=seen_by_predicate)


def test_the_queryset_and_the_predicate_agree_in_every_cell(db):
    disagreements = []

    def both(user, note):
        in_queryset, predicate = seen_in_queryset(user, note), seen_by_predicate(user, note)
        if in_queryset != predicate:
            disagreements.append((user.username, note.community, in_queryset, predicate))
        return in_queryset

    check_placed_content_matrix(make=make_note, can_see=both)

    assert disagreements == []


def test_hidden_notes_are_seen_by_nobody_in_any_cell(db):
    check_placed_content_matrix(
        make=make_hidden_note,
        can_see=lambda user, note: seen_in_queryset(user, note) or seen_by_predicate(user, note),
        expected=lambda role, placement: False,
    )


def test_a_page_about_a_note_answers_by_the_rule(db):
    check_placed_content_matrix(make=make_note, url=report_page)
