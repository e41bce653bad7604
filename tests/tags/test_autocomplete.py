"""Topic suggestions while typing (tags.views.tag_suggest, the API's tags/suggest/, and every
tag box marked for static/tags/tags.js): prefix matches on what the person may know of."""

import re

import pytest
from django.urls import reverse
from taggit.models import Tag

from blog.forms import ArticleEditForm, ArticleForm
from feed.forms import PostEditForm, PostForm
from files.forms import FileEditForm
from forums.forms import ThreadEditForm, ThreadForm
from profiles.forms import ProfileForm
from profiles.services import profile_update
from tags.services import tag_follow
from tests.helpers import join
from tests.tags.conftest import make
from wiki.forms import PageCreateForm, PageEditForm

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def suggested(client, person, q) -> list[str]:
    client.force_login(person)
    response = client.get(reverse("tags:suggest"), {"q": q}, **HX)
    assert response.status_code == 200
    return re.findall(
        r'role="option" aria-selected="false" data-value="([^"]*)"', response.content.decode()
    )


def test_suggestions_match_the_start_of_a_name_shortest_first(client, communicator, colleague):
    make("post", author=communicator, tags=["pajak", "pajak daerah", "pajak penghasilan"])
    make("wiki_page", author=communicator, tags=["Pajak 2027", "perpajakan"])

    assert suggested(client, colleague, "paj") == [
        "pajak", "pajak 2027", "pajak daerah", "pajak penghasilan",
    ]  # fmt: skip
    assert suggested(client, colleague, "PAJAK D") == ["pajak daerah"]
    assert suggested(client, colleague, "#perp") == ["perpajakan"]


def test_at_most_eight_are_suggested(client, communicator, colleague):
    make("post", author=communicator, tags=[f"budget{i}" for i in range(10)])

    assert len(suggested(client, colleague, "budget")) == 8


def test_the_last_entry_is_completed_and_the_others_left_out(client, communicator, colleague):
    make("post", author=communicator, tags=["budget", "budgeting", "pajak"])

    assert suggested(client, colleague, "pajak, budget, bud") == ["budgeting"]
    assert suggested(client, colleague, "Budget,  ") == []  # Nothing typed after the comma.


def test_tags_of_a_private_community_are_only_suggested_to_its_members(
    client, communicator, colleague, outsider, private_community, secret_community
):
    make("post", author=communicator, tags=["merdeka"])
    for community in (private_community, secret_community):
        join(colleague, community)
        make("file", author=community.created_by, community=community,
             tags=[f"merger {community.type}"])  # fmt: skip

    assert suggested(client, outsider, "mer") == ["merdeka"]
    assert suggested(client, colleague, "mer") == ["merdeka", "merger secret", "merger private"]


def test_followed_tags_and_colleagues_skills_are_suggested(
    client, communicator, colleague, outsider, secret_community
):
    make("post", author=secret_community.created_by, community=secret_community, tags=["falcon"])
    tag_follow(user=outsider, tag=Tag.objects.get(slug="falcon"))  # Followed while visible.
    profile_update(user=communicator, skills=["SAP FI"], interests=["Fotografi"])

    assert suggested(client, outsider, "fa") == ["falcon"]
    assert suggested(client, colleague, "fa") == []
    assert suggested(client, colleague, "sap") == ["SAP FI"]
    assert suggested(client, colleague, "foto") == ["Fotografi"]


@pytest.mark.parametrize(
    "q",
    ["", ",", " , , ", "#", "%", "_", "\\", "'; DROP TABLE taggit_tag; --", "a" * 5000,
     "\u65e5\u672c", "<script>alert(1)</script>", "% _ %"],
)  # fmt: skip
def test_odd_input_suggests_nothing_and_never_fails(client, communicator, colleague, q):
    make("post", author=communicator, tags=["budget", "pajak"])
    client.force_login(colleague)

    html = client.get(reverse("tags:suggest"), {"q": q}, **HX)
    api = client.get("/api/v1/tags/suggest/", {"q": q})

    assert (html.status_code, api.status_code) == (200, 200)
    assert "<script>" not in html.content.decode() and api.json() == []


def test_a_nul_character_is_not_found(client, colleague):
    client.force_login(colleague)

    assert client.get("/tags/suggest/?q=a%00b").status_code == 404
    assert client.get("/api/v1/tags/suggest/?q=a%00b").status_code == 404


def test_a_new_topic_gets_an_empty_answer(client, communicator, colleague):
    make("post", author=communicator, tags=["budget"])
    client.force_login(colleague)

    response = client.get(reverse("tags:suggest"), {"q": "kopi <b>"}, **HX)

    assert response.status_code == 200 and response.content.decode().strip() == ""


def test_the_api_answers_the_same_suggestions_as_json(client, communicator, colleague, api_client):
    make("post", author=communicator, tags=["budget", "budgeting"])
    api_client.force_authenticate(colleague)

    response = api_client.get("/api/v1/tags/suggest/", {"q": "budget, budg"})

    assert response.json() == [{"slug": "budgeting", "name": "budgeting"}]
    assert api_client.get("/api/v1/tags/suggest/").json() == []


def test_signed_out_people_get_no_suggestions(client, communicator, api_client):
    make("post", author=communicator, tags=["budget"])

    assert client.get(reverse("tags:suggest"), {"q": "bud"}).status_code == 302
    assert api_client.get("/api/v1/tags/suggest/", {"q": "bud"}).status_code in (401, 403)


def test_without_q_the_address_is_the_page_of_a_tag_called_suggest(client, communicator, colleague):
    client.force_login(colleague)
    assert client.get(reverse("tags:suggest")).status_code == 404

    make("post", author=communicator, tags=["suggest"])

    response = client.get(reverse("tags:suggest"))
    assert response.status_code == 200 and "#suggest</h1>" in response.content.decode()


@pytest.mark.parametrize("tags", [10, 100])
def test_suggestions_run_a_bounded_number_of_queries(
    client, communicator, colleague, django_assert_max_num_queries, tags
):
    for start in range(0, tags, 10):  # At most 10 topics an item.
        make("post", author=communicator, tags=[f"topic{i}" for i in range(start, start + 10)])
    client.force_login(colleague)

    with django_assert_max_num_queries(4):
        response = client.get(reverse("tags:suggest"), {"q": "topic"}, **HX)

    assert response.content.decode().count('role="option"') == 8


# --- every tag box is marked -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "field"),
    [(PostForm, "tags"), (PostEditForm, "tags"), (ThreadForm, "tags"), (ThreadEditForm, "tags"),
     (ArticleForm, "tags"), (ArticleEditForm, "tags"), (PageCreateForm, "tags"),
     (PageEditForm, "tags"), (FileEditForm, "tags"), (ProfileForm, "skills"),
     (ProfileForm, "interests")],
)  # fmt: skip
def test_every_tag_box_asks_for_suggestions(form, field):
    assert "data-tag-autocomplete" in form.base_fields[field].widget.attrs


def test_pages_load_the_script_and_show_marked_boxes(client, colleague):
    client.force_login(colleague)

    html = client.get(reverse("profiles:edit")).content.decode()

    assert re.search(
        r'<script src="/static/tags/tags\.js" defer data-suggest-url="/tags/suggest/"', html
    )
    assert re.search(r'<input type="text" name="skills"[^>]*data-tag-autocomplete', html)
    assert re.search(r'<input type="text" name="tags"[^>]*data-tag-autocomplete',
                     client.get(reverse("home")).content.decode())  # fmt: skip
