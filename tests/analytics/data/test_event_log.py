"""Every domain event the adoption figures need reaches the log through the real services,
with the actor, the object and where the actor and the community stood at the time."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from analytics.models import Event
from blog.models import Blog
from blog.services.articles import article_create
from communities.models import CommunityType
from communities.services import community_join, community_update
from feed.services.conversation import comment_create, reaction_set
from feed.services.posts import post_create, post_share
from files import services as files
from profiles.roles import COMMUNICATORS
from profiles.services import user_follow
from search.selectors import SearchParams
from search.views import run_search
from tests.communities.conftest import build_community
from tests.factories import DepartmentFactory, OfficeFactory, UserFactory
from tests.forums.conftest import populate_forum
from tests.helpers import in_group, join
from wiki import services as wiki

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    sales, jakarta = DepartmentFactory(name="Sales"), OfficeFactory(name="Jakarta")
    make = lambda name: UserFactory(username=name, department=sales, office=jakarta)  # noqa: E731
    return {
        "rini": make("rini"),
        "tono": make("tono"),
        "humas": in_group(make("humas"), COMMUNICATORS),
    }


def test_every_adoption_event_reaches_the_log(people, django_capture_on_commit_callbacks):
    rini, tono, humas = people["rini"], people["tono"], people["humas"]
    club = build_community(name="Runners", type=CommunityType.PUBLIC)
    with django_capture_on_commit_callbacks(execute=True):
        post = post_create(author=rini, body="Hello team")
        comment_create(author=tono, target=post, body="Welcome")
        reaction_set(user=tono, target=post, kind="like")
        post_share(author=tono, original=post)
        post_create(author=rini, praise={"value": "teamwork", "recipients": [tono]})
        populate_forum(communicator=humas, asker=rini, helper=tono)
        article_create(author=humas, title="Close", body="Steps", blog=Blog.company(),
                       publish="now")  # fmt: skip
        page = wiki.page_create(author=humas, space=wiki.space_company_ensure(), title="Close",
                                body="Steps")  # fmt: skip
        wiki.page_revise(actor=rini, page=page, title="Close", body="More steps",
                         base_revision=1)  # fmt: skip
        upload = SimpleUploadedFile("plan.txt", b"The plan.", "text/plain")
        files.file_upload(actor=humas, library=files.library_company_ensure(), upload=upload)
        run_search(rini, SearchParams(q="plan"))
        user_follow(follower=rini, followee=tono)
        community_join(user=rini, community=club)
        Client().force_login(tono)  # Django's login signal.

    logged = set(Event.objects.values_list("verb", flat=True))
    assert {
        "post.created", "comment.created", "reaction.added", "post.shared", "praise.given",
        "thread.created", "reply.created", "answer.accepted", "article.published",
        "wiki.page_edited", "file.uploaded", "search.performed", "user.logged_in",
        "user.followed", "community.joined",
    } <= logged  # fmt: skip
    share = Event.objects.get(verb="post.shared")
    assert (share.actor, share.object_type, share.payload["original_id"]) == (
        tono, "feed.post", post.pk,
    )  # fmt: skip
    joined = Event.objects.get(verb="community.joined", actor=rini)
    assert (joined.community_id, joined.community_public) == (club.pk, True)


def test_events_keep_the_department_office_and_community_of_the_time(
    people, django_capture_on_commit_callbacks
):
    rini = people["rini"]
    sales, jakarta = rini.department, rini.office
    tax = build_community(name="Tax", type=CommunityType.PRIVATE)
    join(rini, tax)
    with django_capture_on_commit_callbacks(execute=True):
        first = post_create(author=rini, body="Before the move", community=tax)
    rini.department, rini.office = DepartmentFactory(name="Audit"), OfficeFactory(name="Medan")
    rini.save()
    community_update(actor=tax.created_by, community=tax, type=CommunityType.PUBLIC)
    with django_capture_on_commit_callbacks(execute=True):
        second = post_create(author=rini, body="After the move", community=tax)

    before = Event.objects.get(verb="post.created", object_id=first.pk)
    after = Event.objects.get(verb="post.created", object_id=second.pk)
    assert (before.department, before.office, before.community_public) == (sales, jakarta, False)
    assert (after.department.name, after.office.name, after.community_public) == (
        "Audit", "Medan", True,
    )  # fmt: skip


def test_events_outside_communities_are_public_and_unknown_communities_are_not(db):
    from analytics.services import community_is_public

    secret = build_community(name="Board", type=CommunityType.SECRET)

    assert community_is_public(None) is True
    assert community_is_public(secret.pk) is False
    assert community_is_public(999_999) is False
