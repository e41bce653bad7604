"""Renaming and merging tags (tags.services, and the tag admin that calls them): nothing loses
its tag, nothing is tagged twice, old addresses redirect."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from taggit.models import Tag

from feed.services.posts import post_create
from profiles.models import InterestTag, SkillTag
from profiles.services import profile_update
from search.models import SearchDocument, SearchDocumentTag
from tags.models import TagAlias, TagFollow
from tags.services import tag_follow, tag_merge, tag_rename
from tags.tasks import tag_documents_reindex
from tests.factories import UserFactory
from tests.feed import conftest as feed_fixtures
from tests.tags.conftest import KINDS, make

pytestmark = pytest.mark.django_db

published = feed_fixtures.published  # Every domain event delivered after commit.
CHANGELIST = reverse("admin:taggit_tag_changelist")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def tag(slug: str) -> Tag:
    return Tag.objects.get(slug=slug)


def names(obj) -> set[str]:
    return set(obj.tags.names())


def documents_with(slug: str) -> set[tuple[str, int]]:
    return set(
        SearchDocument.objects.filter(tag_items__tag__slug=slug).values_list("kind", "object_id")
    )


@pytest.fixture
def tagged(communicator):
    """One item of every kind tagged #budget, and a person with it as a skill and interest."""
    items = {kind: make(kind, author=communicator, tags=["budget"]) for kind in KINDS}
    person = UserFactory(username="ani", display_name="Ani")
    profile_update(user=person, skills=["budget"], interests=["budget"])
    tag_follow(user=person, tag=tag("budget"))
    return {"items": items, "person": person}


# --- renaming -------------------------------------------------------------------------------


def test_a_renamed_tag_keeps_everything_and_its_old_address_redirects(
    client, tagged, colleague, published, django_capture_on_commit_callbacks
):
    before = documents_with("budget")

    with django_capture_on_commit_callbacks(execute=True):
        renamed = tag_rename(tag=tag("budget"), name="Anggaran")

    assert (renamed.name, renamed.slug) == ("Anggaran", "anggaran")
    for obj in tagged["items"].values():
        assert names(obj) == {"Anggaran"}
    person = tagged["person"]
    assert set(person.skills.names()) == set(person.interests.names()) == {"Anggaran"}
    assert TagFollow.objects.get(user=person).tag == renamed
    assert len(before) == 5 and documents_with("anggaran") == before  # Linked by id.
    assert [e.payload for e in published if e.name == "tag.renamed"] == [{"old_slug": "budget"}]
    client.force_login(colleague)
    assert client.get("/tags/budget/")["Location"] == "/tags/anggaran/"
    assert client.get("/tags/anggaran/").status_code == 200


def test_after_a_rename_the_documents_are_found_by_the_new_name(tagged):
    tag_rename(tag=tag("budget"), name="Anggaran")

    done = tag_documents_reindex(tag("anggaran").pk)  # What the task does after commit.

    assert done == 5
    keywords = SearchDocument.objects.filter(tag_items__tag__slug="anggaran")
    assert all("Anggaran" in k for k in keywords.values_list("keywords", flat=True))


def test_renaming_twice_and_back_keeps_every_old_address(client, tagged, colleague):
    tag_rename(tag=tag("budget"), name="Anggaran")
    tag_rename(tag=tag("anggaran"), name="APBN")
    client.force_login(colleague)

    assert client.get("/tags/budget/")["Location"] == "/tags/apbn/"
    assert client.get("/tags/anggaran/")["Location"] == "/tags/apbn/"

    tag_rename(tag=tag("apbn"), name="budget")

    assert client.get("/tags/budget/").status_code == 200
    assert set(TagAlias.objects.values_list("slug", flat=True)) == {"anggaran", "apbn"}


def test_a_rename_keeps_the_slug_when_only_the_name_changes(tagged):
    tag_rename(tag=tag("budget"), name="Budget")

    assert tag("budget").name == "Budget" and not TagAlias.objects.exists()


@pytest.mark.parametrize(
    ("name", "slug", "field"),
    [("pajak", "", "name"), ("PAJAK", "", "name"), ("Tax", "pajak", "slug"), ("", "", "name"),
     ("ok", "not a slug!", "slug"), ("x" * 101, "", "name")],
)  # fmt: skip
def test_a_rename_refuses_a_taken_or_bad_name_or_slug(tagged, communicator, name, slug, field):
    make("post", author=communicator, tags=["pajak"])

    with pytest.raises(ValidationError) as refused:
        tag_rename(tag=tag("budget"), name=name, slug=slug)

    assert field in refused.value.message_dict
    assert tag("budget").name == "budget" and not TagAlias.objects.exists()


# --- merging --------------------------------------------------------------------------------


def test_a_merge_moves_every_link_once_and_deletes_the_merged_tags(
    client, tagged, communicator, colleague, published, django_capture_on_commit_callbacks
):
    both = post_create(author=communicator, body="Both", tags=["budget", "anggaran", "apbn"])
    person = tagged["person"]
    profile_update(user=person, skills=["budget", "anggaran"], interests=["apbn"])
    tag_follow(user=person, tag=tag("anggaran"))
    tag_follow(user=colleague, tag=tag("apbn"))
    tag_rename(tag=tag("apbn"), name="APBN 2027")  # An alias that must follow the merge.
    kept, merged = tag("budget"), [tag("anggaran"), tag("apbn-2027")]

    with django_capture_on_commit_callbacks(execute=True):
        result = tag_merge(sources=merged, target=kept)

    assert result == kept
    assert set(Tag.objects.values_list("slug", flat=True)) == {"budget"}
    assert names(both) == {"budget"}
    for obj in tagged["items"].values():
        assert names(obj) == {"budget"}
    assert SkillTag.objects.filter(content_object=person).count() == 1
    assert InterestTag.objects.filter(content_object=person).count() == 1
    assert set(TagFollow.objects.values_list("user__username", "tag__slug")) == {
        ("ani", "budget"), ("budi", "budget"),
    }  # fmt: skip
    assert SearchDocumentTag.objects.filter(document__object_id=both.pk,
                                            document__kind="post").count() == 1  # fmt: skip
    assert len(documents_with("budget")) == 6
    assert dict(TagAlias.objects.values_list("slug", "tag__slug")) == {
        "anggaran": "budget", "apbn": "budget", "apbn-2027": "budget",
    }  # fmt: skip
    [event] = [e for e in published if e.name == "tag.merged"]
    assert event.payload == {"merged": ["anggaran", "apbn-2027"]}
    client.force_login(colleague)
    for old in ("anggaran", "apbn", "apbn-2027"):
        response = client.get(f"/tags/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/tags/budget/")


def test_merging_a_tag_into_itself_is_refused(tagged):
    with pytest.raises(ValidationError):
        tag_merge(sources=[tag("budget")], target=tag("budget"))

    assert Tag.objects.filter(slug="budget").exists()


def test_the_home_feed_follows_the_merged_tag(client, communicator, colleague):
    post = post_create(author=communicator, body="Closing #anggaran")
    post_create(author=communicator, body="#budget")
    tag_follow(user=colleague, tag=tag("anggaran"))

    tag_merge(sources=[tag("anggaran")], target=tag("budget"))

    client.force_login(colleague)
    assert f'id="post-{post.pk}"' in client.get(reverse("home")).content.decode()


# --- the admin ------------------------------------------------------------------------------


def test_the_tag_list_shows_uses_and_followers(admin_client, tagged, communicator):
    make("post", author=communicator, tags=["budget", "pajak"])

    response = admin_client.get(CHANGELIST)

    rows = {t.slug: (t.uses, t.followers) for t in response.context["cl"].result_list}
    # 6 items, a skill and an interest; the search index and the follow are not uses.
    assert rows == {"budget": (8, 1), "pajak": (1, 0)}
    assert admin_client.get(CHANGELIST, {"q": "paj"}).context["cl"].result_count == 1


def test_renaming_in_the_admin_keeps_the_old_address(admin_client, tagged, colleague, client):
    url = reverse("admin:taggit_tag_change", args=[tag("budget").pk])

    response = admin_client.post(url, {"name": "Anggaran", "slug": "anggaran",
                                       "aliases-TOTAL_FORMS": "0",
                                       "aliases-INITIAL_FORMS": "0"})  # fmt: skip

    assert response.status_code == 302
    assert TagAlias.objects.get(slug="budget").tag == tag("anggaran")
    page = admin_client.get(url).content.decode()
    assert "old addresses" in page.lower() and ">budget<" in page


def test_the_admin_refuses_a_name_another_tag_has(admin_client, tagged, communicator):
    make("post", author=communicator, tags=["pajak"])
    url = reverse("admin:taggit_tag_change", args=[tag("budget").pk])

    response = admin_client.post(url, {"name": "Pajak", "slug": "budget-2",
                                       "aliases-TOTAL_FORMS": "0",
                                       "aliases-INITIAL_FORMS": "0"})  # fmt: skip

    assert response.status_code == 200
    assert "merge them instead" in response.content.decode()
    assert tag("budget").name == "budget"


def test_the_merge_action_asks_which_tag_to_keep_then_merges(admin_client, tagged, communicator):
    make("post", author=communicator, tags=["anggaran"])
    chosen = [tag("budget").pk, tag("anggaran").pk]

    step = admin_client.post(CHANGELIST, {"action": "merge_tags", ACTION_CHECKBOX_NAME: chosen})

    html = step.content.decode()
    assert step.status_code == 200 and "Merge tags" in html
    # The most used is offered first and chosen.
    assert f'value="{tag("budget").pk}" checked' in html
    done = admin_client.post(
        CHANGELIST,
        {"action": "merge_tags", ACTION_CHECKBOX_NAME: chosen, "apply": "1",
         "target": tag("anggaran").pk},
        follow=True,
    )  # fmt: skip
    assert "Merged 1 tag into #anggaran" in done.content.decode()
    assert set(Tag.objects.values_list("slug", flat=True)) == {"anggaran"}
    assert len(documents_with("anggaran")) == 6


def test_the_merge_action_can_keep_a_tag_not_selected(admin_client, tagged, communicator):
    make("post", author=communicator, tags=["anggaran"])

    admin_client.post(
        CHANGELIST,
        {"action": "merge_tags", ACTION_CHECKBOX_NAME: [tag("budget").pk], "apply": "1",
         "other": "ANGGARAN"},
    )  # fmt: skip

    assert set(Tag.objects.values_list("slug", flat=True)) == {"anggaran"}


@pytest.mark.parametrize(
    "data",
    [{"other": "no-such-tag"}, {}, {"target": "999999"}],
)
def test_the_merge_action_explains_a_bad_choice(admin_client, tagged, data):
    response = admin_client.post(
        CHANGELIST,
        {"action": "merge_tags", ACTION_CHECKBOX_NAME: [tag("budget").pk], "apply": "1", **data},
    )

    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert Tag.objects.filter(slug="budget").exists()


def test_staff_who_may_not_delete_tags_have_no_merge_action(client, tagged):
    editor = UserFactory(username="editor", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_tag", "change_tag"]))
    client.force_login(editor)

    response = client.get(CHANGELIST)
    refused = client.post(CHANGELIST, {"action": "merge_tags", "apply": "1",
                                       ACTION_CHECKBOX_NAME: [tag("budget").pk],
                                       "other": "x"})  # fmt: skip

    assert response.status_code == 200 and "merge_tags" not in response.content.decode()
    assert refused.status_code in (200, 302) and Tag.objects.filter(slug="budget").exists()


def test_the_old_addresses_are_listed_in_the_admin(admin_client, tagged):
    tag_rename(tag=tag("budget"), name="Anggaran")

    response = admin_client.get(reverse("admin:tags_tagalias_changelist"))

    assert response.context["cl"].result_count == 1
    assert admin_client.get(reverse("admin:tags_tagalias_add")).status_code == 403
