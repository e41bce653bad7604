"""The wiki's writes through wiki.services: spaces made once each, pages written and revised
with every save kept, edit conflicts that lose nothing, reverts, moves, protection, deletes
and restores, watching."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from communities import services as communities
from communities.models import CommunityType, Role
from moderation.models import ActionType, ModerationAction
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.feed.conftest import named
from tests.helpers import fresh, join
from tests.wiki.conftest import make_page, revise
from wiki import services
from wiki.models import EditPolicy, Page, PageLink, PageRevision, RevisionKind, Space, Watch

pytestmark = pytest.mark.django_db


def revisions(page) -> list[tuple]:
    return list(
        PageRevision.objects.filter(page=page)
        .order_by("number")
        .values_list("number", "kind", "title", "body")
    )


def watchers(page) -> set[str]:
    return set(Watch.objects.filter(page=page).values_list("user__username", flat=True))


# --- spaces -------------------------------------------------------------------------------------


def test_the_company_space_is_made_once(db):
    first = services.space_company_ensure()
    again = services.space_company_ensure()

    assert first == again
    assert (first.kind, first.slug, first.name) == ("company", "company", "Kolega wiki")
    assert Space.objects.filter(kind="company").count() == 1


def test_a_new_community_gets_its_space_after_commit(run, db):
    community = run(build_community, name="Data Guild", slug="data-guild")

    space = Space.objects.get(community=community)
    assert (space.kind, space.slug, space.name) == ("community", "data-guild", "Data Guild")
    assert services.space_ensure_for_community(community=community) == space


def test_a_community_space_takes_a_free_address_when_its_own_is_taken(db):
    community = build_community(name="Changes", slug="changes")
    services.space_create_personal(owner=UserFactory(username="tax"))
    taken = build_community(name="U Tax", slug="u-tax")

    assert services.space_ensure_for_community(community=community).slug == "changes-2"
    assert services.space_ensure_for_community(community=taken).slug == "u-tax-2"


def test_a_personal_space_is_made_once_for_its_owner(author):
    space = services.space_create_personal(owner=author)

    assert (space.kind, space.slug, space.owner) == ("personal", "u-ratna", author)
    assert space.name == "Ratna Sari's notes"
    assert services.space_create_personal(owner=author) == space


def test_the_space_admins_edit_its_settings(private_community, private_space, published, run):
    owner = private_community.created_by

    space = run(services.space_edit, actor=owner, space=private_space, name=" Tax  wiki ",
                description="How we file.", edit_policy=EditPolicy.ADMINS)  # fmt: skip

    assert (space.name, space.description, space.edit_policy) == (
        "Tax wiki", "How we file.", "admins",
    )  # fmt: skip
    assert named(published, "wiki.space_edited")[0].payload["fields"] == [
        "name", "description", "edit_policy",
    ]  # fmt: skip


def test_space_settings_refuse_bad_input_field_by_field(private_community, private_space):
    owner = private_community.created_by

    with pytest.raises(ValidationError) as error:
        services.space_edit(actor=owner, space=private_space, name="  ", edit_policy="anyone",
                            description="x" * 1001)  # fmt: skip

    assert set(error.value.message_dict) == {"name", "edit_policy", "description"}
    assert error.value.message_dict["name"] == ["Give the space a name."]
    private_space.refresh_from_db()
    assert private_space.name == "Tax Team"


def test_only_the_space_admins_edit_it_and_outsiders_of_secret_ones_get_404(
    private_space, private_community, secret_space, member, outsider
):
    with pytest.raises(PermissionDenied):
        services.space_edit(actor=member, space=private_space, name="Mine")
    with pytest.raises(Http404):
        services.space_edit(actor=outsider, space=private_space, name="Mine")
    with pytest.raises(Http404):
        services.space_edit(actor=outsider, space=secret_space, name="Mine")


def test_the_home_page_must_be_a_page_of_the_space(author, communicator, company_space,
                                                    public_space, public_community):  # fmt: skip
    join(author, public_community)
    elsewhere = make_page(author, public_space)

    with pytest.raises(ValidationError) as error:
        services.space_edit(actor=communicator, space=company_space, home_page=elsewhere)

    assert "home_page" in error.value.message_dict


# --- writing pages ------------------------------------------------------------------------------


def test_writing_a_page_makes_revision_one_links_a_watch_and_an_event(
    author, company_space, published, run
):
    page = run(
        services.page_create,
        author=author,
        space=company_space,
        title=" Expense  claims ",
        body="Use [[Form A-1]].\r\n",
        summary="first draft",
        tags=["Finance", "#sop"],
    )

    page.refresh_from_db()
    assert (page.title, page.slug, page.body) == ("Expense claims", "expense-claims",
                                                  "Use [[Form A-1]].")  # fmt: skip
    assert page.community is None and page.revision_number == 1
    assert page.edited_by == author and page.edited_at is not None
    assert revisions(page) == [(1, "create", "Expense claims", "Use [[Form A-1]].")]
    assert PageRevision.objects.get(page=page).summary == "first draft"
    assert set(page.tags.names()) == {"finance", "sop"}
    assert list(PageLink.objects.filter(source=page).values_list("slug", flat=True)) == ["form-a-1"]
    assert 'href="/wiki/company/form-a-1/"' in page.body_html
    assert watchers(page) == {"ratna"}
    event = named(published, "wiki.page_created")[0]
    assert (event.object_id, event.payload["revision"]) == (page.pk, 1)


def test_a_page_in_a_community_space_is_placed_in_the_community(
    author, private_community, private_space
):
    join(author, private_community)

    page = make_page(author, private_space)

    assert page.community == private_community


def test_the_first_page_of_a_space_becomes_its_home_page(author, company_space):
    first = make_page(author, company_space, title="Start here")
    make_page(author, company_space, title="Second")

    company_space.refresh_from_db()
    assert company_space.home_page == first


def test_a_page_without_a_title_is_refused_and_nothing_is_written(author, company_space):
    with pytest.raises(ValidationError) as error:
        make_page(author, company_space, title="   ", body="x" * 100_001)

    assert error.value.message_dict == {
        "title": ["Give the page a title."],
        "body": ["Keep it under 100000 characters (it has 100001)."],
    }
    assert not Page.objects.exists() and not PageRevision.objects.exists()


def test_a_title_without_letters_or_digits_is_refused(author, company_space):
    with pytest.raises(ValidationError) as error:
        make_page(author, company_space, title="?!")

    assert error.value.message_dict == {"title": ["Use some letters or digits in the title."]}


@pytest.mark.parametrize("title", ["Onboarding", "onboarding", "ONBOARDING!"])
def test_a_title_already_used_in_the_space_is_refused_with_a_clear_message(
    author, company_space, title
):
    make_page(author, company_space, title="Onboarding")

    with pytest.raises(ValidationError) as error:
        make_page(author, company_space, title=title)

    assert error.value.message_dict == {
        "title": ["This space already has a page called “Onboarding”. Choose another title."]
    }
    assert Page.objects.count() == 1


def test_the_same_title_may_live_in_two_spaces(author, company_space, public_space,
                                               public_community):  # fmt: skip
    join(author, public_community)

    make_page(author, company_space)
    make_page(author, public_space)

    assert Page.objects.filter(slug="onboarding").count() == 2


def test_the_parent_must_be_a_page_of_the_same_space(author, company_space, public_space,
                                                     public_community):  # fmt: skip
    join(author, public_community)
    elsewhere = make_page(author, public_space)

    with pytest.raises(ValidationError) as error:
        make_page(author, company_space, title="Child", parent=elsewhere)

    assert error.value.message_dict == {"parent": ["Choose a page of this space as the parent."]}


def test_outsiders_cannot_write_in_private_or_secret_spaces_and_do_not_learn_they_exist(
    outsider, private_space, secret_space
):
    for space in (private_space, secret_space):
        with pytest.raises(Http404):
            make_page(outsider, space)
    assert not Page.objects.exists()


def test_in_a_public_community_only_members_write(outsider, public_community, public_space):
    with pytest.raises(PermissionDenied, match="Only the community's members edit its pages."):
        make_page(outsider, public_space)

    join(outsider, public_community)
    assert make_page(outsider, public_space).pk


def test_when_only_admins_edit_members_may_not_write(member, private_community, private_space):
    owner = private_community.created_by
    space = services.space_edit(actor=owner, space=private_space, edit_policy=EditPolicy.ADMINS)

    with pytest.raises(PermissionDenied, match="Only the space's admins edit its pages."):
        make_page(member, space)
    assert make_page(fresh(owner), space).pk


def test_an_archived_community_is_read_only(author, public_community, public_space):
    join(author, public_community)
    page = make_page(author, public_space)
    communities.community_set_archived(
        actor=public_community.created_by, community=public_community, archived=True
    )
    page = Page.objects.select_related("space__community").get(pk=page.pk)

    with pytest.raises(PermissionDenied, match="archived"):
        revise(fresh(author), page, "More")


def test_only_the_owner_writes_in_a_personal_space(author, colleague):
    space = services.space_create_personal(owner=author)

    assert make_page(author, space).pk
    with pytest.raises(PermissionDenied):
        make_page(colleague, space, title="Not mine")


# --- revising -----------------------------------------------------------------------------------


def test_every_save_is_a_revision_and_the_editor_watches(page, colleague, published, run):
    run(revise, colleague, page, "Welcome aboard.", summary="warmer")

    page.refresh_from_db()
    assert page.revision_number == 2 and page.body == "Welcome aboard."
    assert page.edited_by == colleague
    assert revisions(page)[-1] == (2, "edit", "Onboarding", "Welcome aboard.")
    assert watchers(page) == {"ratna", "budi"}
    assert named(published, "wiki.page_edited")[0].payload["revision"] == 2


def test_saving_the_same_text_makes_no_revision(page, author, published, run):
    run(revise, author, page, "  Welcome to the team.\r\n")

    assert len(revisions(page)) == 1
    assert not named(published, "wiki.page_edited")


def test_changing_only_the_topics_keeps_the_revision(page, author):
    revise(author, page, page.body, tags=["hr"])

    page.refresh_from_db()
    assert page.revision_number == 1 and list(page.tags.names()) == ["hr"]


def test_a_new_title_moves_the_page_to_its_address_and_links_follow_the_title(page, author):
    revise(author, page, "Hello", title="First day")

    page.refresh_from_db()
    assert (page.title, page.slug) == ("First day", "first-day")
    assert revisions(page)[-1][2] == "First day"


def test_renaming_onto_a_used_title_is_refused(page, author, company_space):
    make_page(author, company_space, title="First day")

    with pytest.raises(ValidationError) as error:
        revise(author, page, "Hello", title="First Day")

    assert list(error.value.message_dict) == ["title"]
    page.refresh_from_db()
    assert page.revision_number == 1 and page.title == "Onboarding"


def test_a_base_that_is_not_a_revision_is_refused(page, author):
    for base in (0, 5, "x"):
        with pytest.raises(ValidationError) as error:
            revise(author, page, "New", base=base)
        assert list(error.value.message_dict) == ["base_revision"]


def test_saving_on_an_old_revision_raises_a_conflict_with_a_clean_merge(author, colleague,
                                                                       company_space):  # fmt: skip
    page = make_page(author, company_space, body="Step one.\n\nStep two.\n\nStep three.")
    revise(colleague, page, "Step one, carefully.\n\nStep two.\n\nStep three.")

    with pytest.raises(services.EditConflict) as caught:
        revise(author, page, "Step one.\n\nStep two.\n\nStep three, then done.", base=1,
               summary="done", tags=["hr"])  # fmt: skip

    conflict = caught.value
    assert (conflict.base.number, conflict.current.number) == (1, 2)
    assert conflict.mine_body == "Step one.\n\nStep two.\n\nStep three, then done."
    assert conflict.mine_title == "Onboarding"
    assert (conflict.mine_summary, conflict.mine_tags) == ("done", ["hr"])
    assert conflict.clean is True
    assert conflict.merged_body == "Step one, carefully.\n\nStep two.\n\nStep three, then done."
    assert conflict.merged_title == "Onboarding"
    # Nothing was saved; saving the proposal on top of revision 2 works.
    assert len(revisions(page)) == 2
    revise(author, page, conflict.merged_body, base=2)
    assert revisions(page)[-1][3] == conflict.merged_body


def test_an_overlapping_conflict_keeps_both_texts_and_marks_the_overlap(author, colleague,
                                                                        company_space):  # fmt: skip
    page = make_page(author, company_space, body="The rate is 10%.")
    revise(colleague, page, "The rate is 11%.")

    with pytest.raises(services.EditConflict) as caught:
        revise(author, page, "The rate is 12%.", base=1)

    conflict = caught.value
    assert conflict.clean is False
    assert conflict.mine_body == "The rate is 12%."
    assert conflict.current.body == "The rate is 11%."
    assert conflict.merged_body == (
        "<<<<<<< your text\nThe rate is 12%.\n=======\nThe rate is 11%.\n>>>>>>> revision 2"
    )
    page.refresh_from_db()
    assert page.body == "The rate is 11%."


def test_two_different_new_titles_conflict(author, colleague, company_space):
    page = make_page(author, company_space)
    revise(colleague, page, page.body, title="Day one")

    with pytest.raises(services.EditConflict) as caught:
        revise(author, page, page.body, title="First day", base=1)

    assert caught.value.clean is False and caught.value.merged_title == "First day"


def test_saving_on_an_old_revision_is_no_conflict_when_only_a_move_came_between(
    author, colleague, company_space
):
    parent = make_page(author, company_space, title="Guides")
    page = make_page(author, company_space)
    services.page_move(actor=colleague, page=page, parent=parent)

    revise(author, page, "Changed", base=1)

    assert [r[1] for r in revisions(page)] == ["create", "move", "edit"]


def test_saving_what_the_page_already_says_on_an_old_base_is_no_conflict(author, colleague,
                                                                        company_space):  # fmt: skip
    page = make_page(author, company_space)
    revise(colleague, page, "Same change")

    revise(author, page, "Same change", base=1)

    assert len(revisions(page)) == 2


# --- reverting ----------------------------------------------------------------------------------


def test_reverting_brings_an_old_text_back_as_a_new_revision(page, author, colleague,
                                                             published, run):  # fmt: skip
    revise(colleague, page, "Second text", title="Renamed")
    revise(colleague, page, "Third text", title="Renamed")

    run(services.page_revert, actor=author, page=page, number=1, summary="back to the start")

    page.refresh_from_db()
    first, last = revisions(page)[0], revisions(page)[-1]
    assert last == (4, "revert", first[2], first[3])
    assert (page.title, page.slug, page.body) == ("Onboarding", "onboarding", first[3])
    reverted = PageRevision.objects.get(page=page, number=4)
    assert (reverted.reverted_to, reverted.summary) == (1, "back to the start")
    assert named(published, "wiki.page_edited")[-1].payload["reverted_to"] == 1


def test_reverting_to_an_unknown_revision_is_404(page, author):
    for number in (0, 9, "x"):
        with pytest.raises(Http404):
            services.page_revert(actor=author, page=page, number=number)


def test_reverting_to_the_current_text_is_refused(page, author):
    with pytest.raises(ValidationError) as error:
        services.page_revert(actor=author, page=page, number=1)

    assert error.value.message_dict == {"number": ["The page already reads as revision 1."]}


# --- moving -------------------------------------------------------------------------------------


def test_moving_a_page_under_another_records_a_move(author, company_space, published, run):
    guides = make_page(author, company_space, title="Guides")
    page = make_page(author, company_space)

    run(services.page_move, actor=author, page=page, parent=guides)

    page.refresh_from_db()
    assert page.parent == guides and page.revision_number == 2
    assert revisions(page)[-1][:2] == (2, RevisionKind.MOVE)
    assert named(published, "wiki.page_moved")[0].payload["parent_id"] == guides.pk


def test_reordering_among_siblings_is_no_revision(author, company_space):
    a = make_page(author, company_space, title="A")
    b = make_page(author, company_space, title="B")
    assert (a.position, b.position) == (0, 1)

    services.page_move(actor=author, page=b, parent=None, position=0)

    a.refresh_from_db()
    b.refresh_from_db()
    assert (b.position, a.position) == (0, 1)
    assert b.revision_number == 1


def test_a_page_cannot_go_under_itself_or_its_descendants(author, company_space):
    top = make_page(author, company_space, title="Top")
    middle = make_page(author, company_space, title="Middle", parent=top)
    bottom = make_page(author, company_space, title="Bottom", parent=middle)

    for parent in (top, bottom):
        with pytest.raises(ValidationError) as error:
            services.page_move(actor=author, page=top, parent=parent)
        assert error.value.message_dict == {
            "parent": ["A page cannot go under itself or one of its sub-pages."]
        }


def test_a_page_cannot_move_to_another_space(author, company_space, public_space,
                                             public_community):  # fmt: skip
    join(author, public_community)
    elsewhere = make_page(author, public_space, title="Elsewhere")
    page = make_page(author, company_space)

    with pytest.raises(ValidationError) as error:
        services.page_move(actor=author, page=page, parent=elsewhere)

    assert list(error.value.message_dict) == ["parent"]


# --- protecting ---------------------------------------------------------------------------------


def test_a_protected_page_is_edited_by_the_space_admins_only(
    member, private_community, private_space, published, run
):
    owner = fresh(private_community.created_by)
    page = make_page(member, private_space)

    with pytest.raises(PermissionDenied):
        services.page_protect(actor=member, page=page, protected=True)
    run(services.page_protect, actor=owner, page=page, protected=True)

    with pytest.raises(PermissionDenied, match="protected"):
        revise(member, page, "Vandalised")
    assert revise(owner, page, "Polished").revision_number == 2
    assert named(published, "wiki.page_protected")


# --- deleting and restoring ---------------------------------------------------------------------


def test_deleting_a_page_frees_its_address_moves_its_children_up_and_logs_a_moderator(
    author, communicator, company_space, published, run
):
    guides = make_page(author, company_space, title="Guides")
    page = make_page(author, company_space, parent=guides)
    child = make_page(author, company_space, title="Child", parent=page)

    run(services.page_delete, actor=communicator, page=page)

    page.refresh_from_db()
    child.refresh_from_db()
    assert page.is_deleted and page.deleted_by == communicator
    assert child.parent == guides
    assert not page.is_visible_to(author)
    assert make_page(author, company_space).slug == "onboarding"
    log = ModerationAction.objects.get()
    assert (log.action, log.actor, log.target_user) == (ActionType.DELETE, communicator, author)
    assert named(published, "wiki.page_deleted")


def test_an_author_deleting_their_own_page_is_not_logged(page, author):
    services.page_delete(actor=author, page=page)

    assert not ModerationAction.objects.exists()


def test_others_may_not_delete_and_outsiders_get_404(author, colleague, member, outsider,
                                                     private_space, company_space):  # fmt: skip
    page = make_page(author, company_space)
    private_page = make_page(member, private_space)

    with pytest.raises(PermissionDenied):
        services.page_delete(actor=colleague, page=page)
    with pytest.raises(Http404):
        services.page_delete(actor=outsider, page=private_page)


def test_restoring_brings_a_page_back_under_a_free_address(
    page, author, communicator, company_space, published, run
):
    services.page_delete(actor=author, page=page)
    make_page(author, company_space)  # Takes "onboarding" meanwhile.

    run(services.page_restore, actor=communicator, page=page)

    page.refresh_from_db()
    assert not page.is_deleted and page.slug == "onboarding-2"
    assert ModerationAction.objects.get().action == ActionType.RESTORE
    assert named(published, "wiki.page_restored")


def test_only_moderators_and_space_admins_restore(page, author, colleague, outsider,
                                                  site_moderator):  # fmt: skip
    services.page_delete(actor=author, page=page)

    for person in (author, colleague):
        with pytest.raises(Http404):
            services.page_restore(actor=person, page=page)
    assert services.page_restore(actor=site_moderator, page=page).deleted_at is None
    with pytest.raises(PermissionDenied, match="not deleted"):
        services.page_restore(actor=site_moderator, page=page)


def test_a_community_admin_restores_pages_of_their_space(member, private_community,
                                                         private_space):  # fmt: skip
    page = make_page(member, private_space)
    services.page_delete(actor=member, page=page)
    admin = join(UserFactory(username="lead"), private_community, role=Role.ADMIN)

    assert not services.page_restore(actor=admin, page=page).is_deleted


# --- watching -----------------------------------------------------------------------------------


def test_watching_and_unwatching_a_page_or_a_space(page, colleague, company_space):
    assert services.watch_page(user=colleague, page=page) is True
    assert services.watch_page(user=colleague, page=page) is False
    assert services.watch_space(user=colleague, space=company_space) is True
    assert services.watch_space(user=colleague, space=company_space) is False

    assert services.unwatch_page(user=colleague, page=page) is True
    assert services.unwatch_page(user=colleague, page=page) is False
    assert services.unwatch_space(user=colleague, space=company_space) is True
    assert not Watch.objects.filter(user=colleague).exists()


def test_outsiders_cannot_watch_what_they_cannot_see(member, outsider, private_space):
    page = make_page(member, private_space)

    with pytest.raises(Http404):
        services.watch_page(user=outsider, page=page)
    with pytest.raises(Http404):
        services.watch_space(user=outsider, space=private_space)


def test_a_secret_community_space_is_created_with_the_community(run, db):
    community = run(build_community, name="Merger", slug="merger", type=CommunityType.SECRET)

    assert Space.objects.get(community=community).slug == "merger"


def test_the_data_migration_makes_the_company_space_and_one_per_existing_community(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("wiki.migrations.0002_spaces")
    first = build_community(name="Finance Club", slug="finance-club")
    second = build_community(name="Me", slug="me")
    Space.objects.all().delete()

    migration.create_spaces(apps, None)
    migration.create_spaces(apps, None)  # Twice changes nothing.

    assert set(Space.objects.values_list("kind", "slug", "community")) == {
        ("company", "company", None),
        ("community", "finance-club", first.pk),
        ("community", "me-2", second.pk),
    }
