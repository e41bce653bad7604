"""Django admin: every registered model loads, the people actions work, who may not use them."""

import copy
import datetime
import io

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from PIL import Image
from rest_framework.authtoken.models import Token
from taggit.forms import TagWidget
from taggit.models import Tag

from analytics import rollups
from analytics.access import access_log_record
from analytics.models import ClimateAlert, Event
from analytics.sentiment.services import content_sentiment_score
from blog.models import Blog
from blog.services.articles import article_create, article_edit, article_images_add
from blog.services.feed_tokens import feed_token_get_or_create
from communities.services import community_create
from core import schedule
from feed.services.conversation import bookmark_add, comment_create, reaction_set
from feed.services.polls import poll_vote
from feed.services.posts import announcement_mark_seen, post_create
from files import services as files
from moderation.services import report_create, report_resolve
from notifications.services import preference_set
from profiles import services
from profiles.models import Department, Follow, Office, User
from profiles.roles import COMMUNICATORS
from search import indexing
from search.models import Kind
from tags.services import tag_create, tag_follow, tag_rename
from tests.conftest import shared_data
from tests.factories import PASSWORD, DepartmentFactory, OfficeFactory, UserFactory
from tests.forums.conftest import populate_forum
from wiki import services as wiki

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def url_for(model, view: str, *args) -> str:
    return reverse(admin_urlname(model._meta, view), args=args)


def png(name: str = "face.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 80, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def act(client, action: str, people) -> object:
    return client.post(
        url_for(User, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [p.pk for p in people]},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def change_form_data(response) -> dict:
    """What a browser would post back from an admin change page, unchanged."""
    data = {}
    for fieldset in response.context["adminform"]:
        for line in fieldset:
            for field in line:
                if field.is_readonly or isinstance(field.field.field, forms.FileField):
                    continue
                bound = field.field
                value, widget = bound.value(), bound.field.widget
                if isinstance(widget, TagWidget):
                    data[bound.html_name] = widget.format_value(value)
                elif hasattr(widget, "decompress"):
                    for i, part in enumerate(widget.decompress(value)):
                        data[f"{bound.html_name}_{i}"] = "" if part is None else str(part)
                elif isinstance(value, bool):
                    if value:
                        data[bound.html_name] = "on"
                elif isinstance(value, list | tuple) and not isinstance(
                    bound.field, forms.JSONField
                ):
                    data[bound.html_name] = [str(v) for v in value]
                else:
                    prepared = bound.field.prepare_value(value)
                    data[bound.html_name] = "" if prepared is None else prepared
    return data


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def populate() -> dict:
    """At least one row of every registered model, made the way the site makes them."""
    finance = DepartmentFactory(name="Finance")
    jakarta = OfficeFactory(name="Jakarta HQ", city="Jakarta", country="Indonesia")
    boss = UserFactory(username="dewi", display_name="Dewi Lestari", department=finance,
                       office=jakarta)  # fmt: skip
    finance.head = boss
    finance.save()
    people = [
        UserFactory(username=f"staff{i}", department=finance, office=jakarta, manager=boss)
        for i in range(3)
    ]
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.profile_update(user=boss, skills=["IFRS", "SAP FI"], interests=["Badminton"])
        for person in people:
            services.user_follow(follower=person, followee=boss)
    Token.objects.create(user=boss)
    team = community_create(creator=boss, name="Finance Team", department=finance)  # And owner.
    # A report, closed by the owner: a row in the moderation log too.
    report = report_create(reporter=people[0], target=team, reason="Not a real team")
    report_resolve(actor=boss, report=report, outcome="dismissed", note="It is")
    # django-axes rows: a failed and a successful login through the real login page (another
    # browser, so the test's own client keeps its session).
    browser = Client()
    browser.post(reverse("login"), {"username": "nobody", "password": "wrong-password"})
    browser.post(reverse("login"), {"username": "dewi", "password": PASSWORD})
    # The feed, followed tags and notification settings: one row of each.
    humas = UserFactory(username="humas", display_name="Humas Kolega")
    humas.groups.add(Group.objects.get_or_create(name=COMMUNICATORS)[0])
    with TestCase.captureOnCommitCallbacks(execute=True):
        post = post_create(author=boss, body="Closing the books #Q3")
        comment_create(author=people[0], target=post, body="Great work")
        reaction_set(user=people[0], target=post, kind="like")
        bookmark_add(user=people[0], post=post)
        poll = post_create(author=boss, poll={"question": "Lunch?", "options": ["Padang", "Sunda"]})
        poll_vote(user=people[0], poll=poll.poll, option_ids=[poll.poll.options.first().pk])
        post_create(author=boss, praise={"value": "teamwork", "recipients": [people[0]]})
        news = post_create(author=humas, body="Office closed on Friday", is_announcement=True)
        announcement_mark_seen(user=people[0], post=news)
        # The blog: an article with a revision and a comment, and a reader's feed token.
        article = article_create(author=humas, title="Quarterly close", body="## Steps\n\nClose.",
                                 blog=Blog.company(), publish="now", tags=["q3"])  # fmt: skip
        article_edit(actor=humas, article=article, body="## Steps\n\nClose the books.")
        comment_create(author=people[0], target=article, body="Thanks")
        feed_token_get_or_create(user=boss)
        # The forums: a category, an answered thread, its reply, a vote and an attachment.
        populate_forum(communicator=humas, asker=boss, helper=people[0])
        # The wiki: a page linking to another, revised, and a watcher of the space.
        space = wiki.space_company_ensure()
        page = wiki.page_create(author=humas, space=space, title="Close the books",
                                body="See [[Quarterly close]].", tags=["q3"])  # fmt: skip
        wiki.page_revise(actor=boss, page=page, title=page.title,
                         body="See [[Quarterly close]] first.", base_revision=1)  # fmt: skip
        wiki.watch_space(user=people[0], space=space)
        wiki.page_revise(
            actor=boss,
            page=page,
            title="Closing the books",
            body="See [[Quarterly close]] first.",
            base_revision=2,
        )  # An alias.
        # The blog's images, and the file share: a folder, a file in two versions.
        article_images_add(actor=humas, article=article, images=[png("chart.png")])
        library = files.library_company_ensure()
        folder = files.folder_create(actor=humas, library=library, name="Policies")
        upload = SimpleUploadedFile("closing.txt", b"Close the books.", "text/plain")
        shared = files.file_upload(actor=humas, library=library, folder=folder, upload=upload)
        again = SimpleUploadedFile("closing.txt", b"Close the books on time.", "text/plain")
        files.file_upload_version(actor=humas, file=shared, upload=again)
        tag_follow(user=people[0], tag=Tag.objects.get(slug="q3"))
        # A renamed tag: its old address redirects (a TagAlias row).
        tag_rename(tag=tag_create(name="closing"), name="month-end close")
        preference_set(user=boss, verb="mention", channel="email")
    # The search index: each person, community, post, comment, thread, reply, article, page
    # and file above wrote its document when it was saved; this one is rewritten by hand.
    indexing.refresh(Kind.POST, [post.pk])
    # Analytics: a post's sentiment (scored here: with Redis, the task that scores it is
    # queued for a worker), the day's rollups from the events and the writing above, and a
    # leader's look at a dashboard.
    content_sentiment_score(kind="post", object_id=post.pk)
    rollups.rollup_day(rollups.local_today())
    access_log_record(user=boss, kind="page", dashboard="response", filters={}, path="/")
    ClimateAlert.objects.create(
        scope="department", subject=str(finance.pk), label="Finance", department=finance,
        week=datetime.date(2026, 3, 23), kind="negativity", value=0.6, baseline=0.2,
        volume=10, people=5, baseline_people=5, baseline_weeks=4,
    )  # fmt: skip
    # The embedded mode's schedule meets its entries (rows counting from now).
    schedule.run_due()
    return {"boss": boss, "people": people, "department": finance, "office": jakarta}


@pytest.fixture(scope="module")
def _populated(django_db_setup, django_db_blocker):
    """``populate()`` once for the module, rolled back after it (each test runs in a savepoint
    inside, so what one test changes is gone before the next)."""
    with shared_data(django_db_blocker):
        yield populate()


@pytest.fixture
def populated(db, _populated):
    """The module's rows; the instances are the test's own copies (tests change them)."""
    return copy.deepcopy(_populated)


# --- every registered model -------------------------------------------------------------


def test_the_kolega_models_are_all_registered():
    labels = {model._meta.label for model in REGISTERED}

    assert {
        "profiles.User",
        "profiles.Department",
        "profiles.Office",
        "profiles.Follow",
        "profiles.SkillTag",
        "profiles.InterestTag",
        "analytics.Event",
        "analytics.ContentSentiment",
        "analytics.AccessLog",
        "analytics.DailyActivity",
        "analytics.PersonAdoption",
        "taggit.Tag",
        "auth.Group",
    } <= labels


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_changelist_loads_searched_and_filtered(superuser_client, populated, model):
    url = url_for(model, "changelist")
    model_admin = admin.site._registry[model]

    response = superuser_client.get(url)
    assert response.status_code == 200
    if model._meta.label != "axes.AccessFailureLog":  # Only kept when enabled in settings.
        assert response.context["cl"].result_count >= 1, "the fixture should make one of each"

    if model_admin.search_fields:
        assert superuser_client.get(url, {"q": "a"}).status_code == 200
    changelist = response.context["cl"]
    for spec in changelist.filter_specs:
        choice = next((c for c in spec.choices(changelist) if not c["selected"]), None)
        if choice is not None:
            filtered = superuser_client.get(url + choice["query_string"])
            assert filtered.status_code == 200, (spec.title, choice["query_string"])


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_change_page_and_allowed_add_page_loads(superuser_client, superuser, populated, rf,
                                                      model):  # fmt: skip
    changelist = superuser_client.get(url_for(model, "changelist")).context["cl"]

    for first in changelist.result_list[:1]:
        assert superuser_client.get(changelist.url_for_result(first)).status_code == 200
    request = rf.get("/")
    request.user = superuser
    add = superuser_client.get(url_for(model, "add"))
    if admin.site._registry[model].has_add_permission(request):
        assert add.status_code == 200
    else:
        assert add.status_code == 403


# --- people ------------------------------------------------------------------------------


def test_people_list_shows_work_columns_and_initials(superuser_client, populated):
    response = superuser_client.get(url_for(User, "changelist"), {"q": "Dewi"})

    content = response.content.decode()
    assert "Dewi Lestari" in content and "Finance" in content and "Jakarta HQ" in content
    assert ">DL</span>" in content


def test_people_list_filters_by_department(superuser_client, populated):
    other = UserFactory(username="outsider")

    response = superuser_client.get(
        url_for(User, "changelist"), {"department__id__exact": populated["department"].pk}
    )

    shown = {person.username for person in response.context["cl"].result_list}
    assert "dewi" in shown and other.username not in shown


def test_a_superuser_creates_an_account_in_the_admin(superuser_client):
    response = superuser_client.post(
        url_for(User, "add"),
        {
            "username": "new.person",
            "email": "new.person@kolega.co.id",
            "display_name": "New Person",
            "usable_password": "true",
            "password1": "a-long-enough-pass-91",
            "password2": "a-long-enough-pass-91",
        },
    )

    assert response.status_code == 302
    person = User.objects.get(username="new.person")
    assert person.check_password("a-long-enough-pass-91") and person.display_name == "New Person"


def test_the_change_form_saves_skills_and_work_fields(superuser_client, populated):
    boss = populated["boss"]
    url = url_for(User, "change", boss.pk)
    data = change_form_data(superuser_client.get(url))
    data.update(job_title="Chief Financial Officer", skills="IFRS, Treasury")

    response = superuser_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    boss.refresh_from_db()
    assert boss.job_title == "Chief Financial Officer"
    assert sorted(tag.name for tag in boss.skills.all()) == ["IFRS", "Treasury"]


def test_the_change_form_refuses_a_manager_cycle(superuser_client, populated):
    boss, report = populated["boss"], populated["people"][0]
    url = url_for(User, "change", boss.pk)
    data = change_form_data(superuser_client.get(url))
    data["manager"] = report.pk

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert "manager" in response.context["adminform"].form.errors
    boss.refresh_from_db()
    assert boss.manager_id is None


def test_deactivate_selected_people_deactivates_them_and_logs_events(
    superuser_client, superuser, populated, django_capture_on_commit_callbacks
):
    first, second, third = populated["people"]

    with django_capture_on_commit_callbacks(execute=True):
        response = act(superuser_client, "deactivate_people", [first, second])

    assert "2 people deactivated." in messages_of(response)
    assert set(User.objects.filter(is_active=False)) == {first, second}
    assert Event.objects.filter(verb="user.deactivated", actor=superuser).count() == 2


def test_reactivate_selected_people_reactivates_only_the_inactive_ones(superuser_client, populated):
    first, second, third = populated["people"]
    services.user_set_active(user=first, active=False)

    response = act(superuser_client, "reactivate_people", [first, second])

    assert "1 person reactivated." in messages_of(response)
    first.refresh_from_db()
    assert first.is_active


def test_reset_photo_removes_the_photo_and_its_file(
    superuser_client, populated, django_capture_on_commit_callbacks
):
    person = populated["people"][0]
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_update(user=person, avatar=png())
    stored = person.avatar.name
    assert person.avatar.storage.exists(stored)

    with django_capture_on_commit_callbacks(execute=True):
        response = act(superuser_client, "reset_photos", [person, populated["people"][1]])

    assert "1 photo removed." in messages_of(response)
    person.refresh_from_db()
    assert not person.avatar
    assert not person.avatar.storage.exists(stored)


def test_an_admin_cannot_deactivate_themselves(superuser_client, superuser, populated):
    response = act(superuser_client, "deactivate_people", [superuser, populated["people"][0]])

    assert "You cannot deactivate your own account." in messages_of(response)
    assert "1 person deactivated." in messages_of(response)
    superuser.refresh_from_db()
    assert superuser.is_active


def test_staff_without_superuser_cannot_deactivate_a_superuser(client, superuser, populated):
    moderator = UserFactory(username="moderator", is_staff=True)
    moderator.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    client.force_login(moderator)

    response = act(client, "deactivate_people", [superuser, populated["people"][0]])

    superuser.refresh_from_db()
    assert superuser.is_active
    assert "1 person deactivated." in messages_of(response)


def test_staff_who_may_only_view_people_are_not_offered_the_actions(client, populated):
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_user"))
    client.force_login(viewer)

    response = client.get(url_for(User, "changelist"))
    assert response.status_code == 200
    action_form = response.context["action_form"]
    offered = (
        {name for name, _label in action_form.fields["action"].choices} if action_form else set()
    )
    assert not offered & {"deactivate_people", "reactivate_people", "reset_photos"}

    act(client, "deactivate_people", populated["people"])
    assert User.objects.filter(is_active=False).count() == 0


@pytest.mark.parametrize("action", ["deactivate_people", "reactivate_people", "reset_photos"])
def test_non_staff_are_sent_to_the_admin_login_and_change_nothing(client, user, populated, action):
    client.force_login(user)

    listing = client.get(url_for(User, "changelist"))
    response = client.post(
        url_for(User, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [p.pk for p in populated["people"]]},
    )

    for answer in (listing, response):
        assert answer.status_code == 302
        assert answer["Location"].startswith(reverse("admin:login"))
    assert User.objects.filter(is_active=False).count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, populated):
    response = client.get(url_for(User, "changelist"))

    assert response.status_code == 302
    assert "login" in response["Location"]


# --- departments, offices, tags ----------------------------------------------------------


def test_department_list_shows_head_and_member_count(superuser_client, populated):
    response = superuser_client.get(url_for(Department, "changelist"))

    department = response.context["cl"].result_list[0]
    assert department.member_count == 4
    assert "Dewi Lestari" in response.content.decode()


def test_office_list_shows_city_country_and_member_count(superuser_client, populated):
    response = superuser_client.get(url_for(Office, "changelist"))

    office = response.context["cl"].result_list[0]
    assert (office.city, office.country, office.member_count) == ("Jakarta", "Indonesia", 4)


def test_tag_list_counts_people_per_skill_and_interest(superuser_client, populated):
    response = superuser_client.get(url_for(Tag, "changelist"))

    counts = {t.name: (t.skill_count, t.interest_count) for t in response.context["cl"].result_list}
    assert counts["IFRS"] == (1, 0) and counts["Badminton"] == (0, 1)


def test_follow_admin_refuses_a_self_follow(superuser_client, populated):
    boss = populated["boss"]

    response = superuser_client.post(
        url_for(Follow, "add"), {"follower": boss.pk, "followee": boss.pk}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Follow.objects.filter(follower=boss, followee=boss).exists()


# --- the event log -----------------------------------------------------------------------


def test_the_event_log_is_read_only(superuser_client, populated):
    event = Event.objects.first()
    url = url_for(Event, "change", event.pk)

    assert superuser_client.get(url_for(Event, "add")).status_code == 403
    page = superuser_client.get(url)
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert superuser_client.post(url, {"verb": "tampered"}).status_code == 403
    assert (
        superuser_client.post(url_for(Event, "delete", event.pk), {"post": "yes"}).status_code
        == 403
    )
    listing = superuser_client.get(url_for(Event, "changelist"))
    assert listing.context["action_form"] is None or not listing.context["cl"].actions
    event.refresh_from_db()
    assert event.verb != "tampered"
    assert Event.objects.filter(pk=event.pk).exists()


def test_the_event_log_filters_by_verb_and_searches_by_actor(superuser_client, populated):
    url = url_for(Event, "changelist")

    by_verb = superuser_client.get(url, {"verb": "user.followed"})
    by_actor = superuser_client.get(url, {"q": "staff1"})

    assert {e.verb for e in by_verb.context["cl"].result_list} == {"user.followed"}
    assert {e.actor.username for e in by_actor.context["cl"].result_list} == {"staff1"}
