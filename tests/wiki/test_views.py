"""The wiki's pages (wiki.views): the index, recent changes, a space and its settings, a page
(and a missing one), writing and editing with the conflict page, the live preview, history,
diffs, old revisions, reverts, export and print, moving, protecting, deleting, watching;
who may open them, bad input, escaping, CSRF and query counts."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from communities.models import CommunityType
from profiles.roles import COMMUNICATORS
from tests.communities.conftest import build_community
from tests.factories import UserFactory
from tests.helpers import in_group, join
from tests.wiki.conftest import make_page, revise
from wiki import services
from wiki.models import EditPolicy, Page, PageRevision, RevisionKind, Space, Watch

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def as_user(client, person):
    client.force_login(person)
    return client


def url(name, page, *args):
    return reverse(f"wiki:{name}", args=[page.space.slug, page.slug, *args])


def html_of(response) -> str:
    return response.content.decode()


def form_fields(html: str) -> dict:
    """The named hidden inputs and textareas of a page (what a browser would send back)."""
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>\n?(.*?)</textarea>', html,
                                 re.S):  # fmt: skip
        fields[name] = text
    return fields


def unescape(text: str) -> str:
    from html import unescape as html_unescape

    return html_unescape(text)


# --- the index, recent changes, spaces ---------------------------------------------------------


def test_the_index_lists_the_spaces_one_may_read_and_the_latest_changes(
    client, author, member, company_space, public_space, private_space, secret_space
):
    make_page(member, private_space, title="Tax calendar")
    make_page(author, company_space, title="Expense policy")

    html = html_of(as_user(client, member).get(reverse("wiki:index")))

    assert reverse("wiki:index") == "/wiki/"
    assert 'href="/wiki/"' in html  # the main navigation has the wiki
    assert company_space.get_absolute_url() in html and public_space.get_absolute_url() in html
    assert private_space.get_absolute_url() in html and "Tax calendar" in html
    assert secret_space.get_absolute_url() not in html and "Merger Room" not in html
    assert html.index("Expense policy") < html.index("Tax calendar")  # newest first
    assert reverse("wiki:personal-create") in html


def test_outsiders_see_neither_private_spaces_nor_their_changes(
    client, outsider, member, company_space, private_space
):
    make_page(member, private_space, title="Tax calendar")

    html = html_of(as_user(client, outsider).get(reverse("wiki:index")))
    changes = html_of(client.get(reverse("wiki:changes")))

    assert private_space.get_absolute_url() not in html
    assert "Tax calendar" not in html and "Tax calendar" not in changes


def test_recent_changes_page_older_entries_with_a_cursor(client, author, company_space):
    for number in range(55):
        make_page(author, company_space, title=f"Page {number:02d}")
    client = as_user(client, author)

    first = html_of(client.get(reverse("wiki:changes")))
    cursor = re.search(r'href="\?before=([^"]+)"', first).group(1)
    older = client.get(reverse("wiki:changes"), {"before": unescape(cursor)})
    partial = client.get(reverse("wiki:changes"), {"before": unescape(cursor)}, **HX)

    assert "Page 54" in first and "Page 05" in first and "Page 04" not in first
    assert "Page 04" in html_of(older) and "Page 00" in html_of(older)
    assert "Page 54" not in html_of(older) and "Older changes" not in html_of(older)
    assert "<html" not in html_of(partial) and "Page 00" in html_of(partial)


def test_the_space_page_shows_its_home_page_outline_changes_and_actions(
    client, author, communicator, company_space
):
    home = make_page(author, company_space, title="Welcome", body="Start with [[Onboarding]].")
    make_page(author, company_space, title="Onboarding", parent=home)

    member_view = html_of(as_user(client, author).get(company_space.get_absolute_url()))
    admin_view = html_of(as_user(Client(), communicator).get(company_space.get_absolute_url()))

    assert "Start with" in member_view and url("page", home) in member_view
    assert reverse("wiki:page", args=["company", "onboarding"]) in member_view  # the outline
    assert reverse("wiki:page-create", args=["company"]) in member_view
    assert reverse("wiki:space-watch", args=["company"]) in member_view
    assert reverse("wiki:space-settings", args=["company"]) not in member_view
    assert reverse("wiki:space-settings", args=["company"]) in admin_view


def test_a_community_links_to_its_wiki_space(client, member, private_community, private_space):
    client = as_user(client, member)

    community_page = html_of(client.get(private_community.get_absolute_url()))
    response = client.get(reverse("wiki:index"), {"community": private_community.slug})

    assert f"/wiki/?community={private_community.slug}" in community_page
    assert response.status_code == 302 and response.url == private_space.get_absolute_url()


def test_a_community_wiki_link_is_404_for_outsiders_of_a_secret_community(
    client, outsider, secret_community, secret_space
):
    response = as_user(client, outsider).get(
        reverse("wiki:index"), {"community": secret_community.slug}
    )

    assert response.status_code == 404


def test_space_admins_change_the_settings_and_others_may_not(
    client, communicator, author, company_space
):
    home = make_page(author, company_space, title="Welcome")
    second = make_page(author, company_space, title="Handbook")
    settings_url = reverse("wiki:space-settings", args=[company_space.slug])

    refused = as_user(Client(), author).post(settings_url, {"name": "Mine"})
    response = as_user(client, communicator).post(
        settings_url,
        {"name": "Company handbook", "description": "All of it", "edit_policy": "admins",
         "home_page": second.pk},
    )  # fmt: skip

    company_space.refresh_from_db()
    assert refused.status_code == 403
    assert response.status_code == 302 and response.url == company_space.get_absolute_url()
    assert (company_space.name, company_space.edit_policy) == ("Company handbook", "admins")
    assert company_space.home_page == second != home


def test_space_settings_errors_come_back_with_what_was_typed(client, communicator, company_space):
    settings_url = reverse("wiki:space-settings", args=[company_space.slug])

    response = as_user(client, communicator).post(
        settings_url, {"name": " ", "description": "Kept <b>here</b>", "edit_policy": "members"},
        **HX,
    )  # fmt: skip

    html = html_of(response)
    assert response.status_code == 422
    assert "Give the space a name." in html and "Kept &lt;b&gt;here&lt;/b&gt;" in html
    assert "<html" not in html


def test_starting_a_personal_space_makes_it_once(client, author):
    client = as_user(client, author)

    first = client.post(reverse("wiki:personal-create"))
    again = client.post(reverse("wiki:personal-create"))
    opened = client.get(reverse("wiki:personal-create"))

    space = Space.objects.get(owner=author)
    assert first.url == again.url == opened.url == space.get_absolute_url()
    assert "My space" in html_of(client.get(reverse("wiki:index")))


# --- a page -----------------------------------------------------------------------------------


LONG_BODY = """Intro with a link to [[Payroll]] and to [[Expense policy|the expenses]].

## First steps

Read this.

## Tools

### Laptop

Ask IT.
"""


def test_a_page_shows_breadcrumbs_outline_contents_topics_links_and_who_edited(
    client, author, colleague, company_space
):
    parent = make_page(author, company_space, title="Handbook")
    make_page(author, company_space, title="Expense policy", body="See [[Onboarding]].")
    page = make_page(author, company_space, title="Onboarding", body=LONG_BODY, parent=parent,
                     tags=["hr", "welcome"])  # fmt: skip
    revise(colleague, page, LONG_BODY + "\nMore.", summary="more")

    response = as_user(client, author).get(page.get_absolute_url())
    html = html_of(response)

    assert response.status_code == 200
    crumbs = html[html.index('aria-label="Breadcrumb"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert crumbs.index("Wiki") < crumbs.index(company_space.name) < crumbs.index("Handbook")
    assert 'aria-current="page">Onboarding' in html  # in the outline and the breadcrumbs
    assert 'id="wiki-outline"' in html and 'data-bs-target="#wiki-outline"' in html
    assert "Contents" in html and 'href="#h-first-steps"' in html and 'id="h-first-steps"' in html
    assert "#hr" in html and "#welcome" in html
    assert "Last edited by" in html and "Budi Santoso" in html and "revision 2" in html
    # What links here: the expense policy page links to this one.
    backlinks = html[html.index('id="backlinks"') :]
    assert reverse("wiki:page", args=["company", "expense-policy"]) in backlinks
    # The link to a page not written yet is a "create this page" link, for eyes and ears.
    missing = re.search(r'<a [^>]*href="/wiki/company/payroll/"[^>]*>Payroll<span[^>]*>', html)
    assert missing is not None and "wiki-missing" in missing.group(0)
    assert 'title="This page does not exist yet: create it"' in missing.group(0)
    assert '<span class="visually-hidden"> (page does not exist yet)</span>' in html
    existing = re.search(r'<a [^>]*href="/wiki/company/expense-policy/"[^>]*>', html).group(0)
    assert "wiki-missing" not in existing


def test_a_short_page_has_no_table_of_contents(client, author, page):
    assert "Contents" not in html_of(as_user(client, author).get(page.get_absolute_url()))


def test_the_page_actions_follow_the_viewers_rights(
    client, author, colleague, communicator, company_space
):
    page = make_page(author, company_space, title="Handbook")
    services.page_protect(actor=communicator, page=page, protected=True)

    reader = html_of(as_user(client, colleague).get(page.get_absolute_url()))
    admin = html_of(as_user(Client(), communicator).get(page.get_absolute_url()))

    for html in (reader, admin):
        assert url("history", page) in html and url("export-markdown", page) in html
        assert url("print", page) in html and url("page-watch", page) in html
        assert "Protected" in html
    assert url("page-edit", page) not in reader and url("page-delete", page) not in reader
    assert url("page-protect", page) not in reader
    assert url("page-edit", page) in admin and url("page-delete", page) in admin
    assert url("page-protect", page) in admin and "Unprotect" in admin
    assert as_user(Client(), colleague).get(url("page-edit", page)).status_code == 403


def test_a_missing_page_is_404_with_a_button_to_write_it(client, author, company_space):
    response = as_user(client, author).get(
        reverse("wiki:page", args=[company_space.slug, "payroll-calendar"])
    )

    html = html_of(response)
    assert response.status_code == 404
    assert "This page does not exist yet." in html and "Payroll calendar" in html
    assert f'action="{reverse("wiki:page-create", args=[company_space.slug])}"' in html
    assert 'name="title" value="Payroll calendar"' in html


def test_a_missing_page_offers_no_button_to_those_who_may_not_write(
    client, author, colleague, communicator, company_space
):
    services.space_edit(actor=communicator, space=company_space, edit_policy=EditPolicy.ADMINS)

    response = as_user(client, colleague).get(
        reverse("wiki:page", args=[company_space.slug, "payroll"])
    )

    assert response.status_code == 404
    assert "This page does not exist yet." in html_of(response)
    assert "Create this page" not in html_of(response)


def test_a_page_in_a_space_one_may_not_read_is_a_plain_404(client, outsider, member, secret_space):
    page = make_page(secret_space.community.created_by, secret_space, title="Deal")

    response = as_user(client, outsider).get(page.get_absolute_url())

    assert response.status_code == 404
    assert "Deal" not in html_of(response) and "Create this page" not in html_of(response)


def test_titles_and_texts_are_escaped_everywhere(client, author, company_space):
    page = make_page(
        author, company_space, title="<script>alert(1)</script> & co",
        body='<img src=x onerror="alert(2)"> [[<b>bold</b>]]', summary="<i>why</i>",
    )  # fmt: skip
    revise(author, page, "<script>alert(3)</script>", summary="<u>again</u>")
    client = as_user(client, author)

    for address in (
        page.get_absolute_url(),
        url("history", page),
        url("diff", page),
        url("revision", page, 1),
        url("print", page),
        reverse("wiki:changes"),
        company_space.get_absolute_url(),
    ):
        html = html_of(client.get(address))
        assert "<script>alert" not in html, address
        assert "<img" not in html and "<i>why</i>" not in html and "<u>again</u>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html, address


# --- writing a page ---------------------------------------------------------------------------


def test_the_new_page_form_is_filled_in_from_the_address(client, author, company_space):
    parent = make_page(author, company_space, title="Handbook")

    html = html_of(
        as_user(client, author).get(
            reverse("wiki:page-create", args=[company_space.slug]),
            {"title": "Payroll <calendar>", "parent": parent.pk},
        )
    )

    assert 'value="Payroll &lt;calendar&gt;"' in html
    assert f'<option value="{parent.pk}" selected>' in html
    assert reverse("wiki:preview", args=[company_space.slug]) in html


def test_writing_a_page_creates_it_under_its_parent_and_opens_it(client, author, company_space):
    parent = make_page(author, company_space, title="Handbook")

    response = as_user(client, author).post(
        reverse("wiki:page-create", args=[company_space.slug]),
        {"title": "Payroll", "body": "Paid on the **25th**.", "summary": "first",
         "tags": "hr, pay", "parent": parent.pk},
    )  # fmt: skip

    page = Page.objects.get(title="Payroll")
    assert response.status_code == 302 and response.url == page.get_absolute_url()
    assert page.parent == parent and sorted(page.tags.names()) == ["hr", "pay"]
    assert page.revisions.get().summary == "first"
    html = html_of(client.get(page.get_absolute_url()))
    assert "The page is written." in html and "<strong>25th</strong>" in html


def test_an_empty_title_is_refused_and_the_text_kept(client, author, company_space):
    create = reverse("wiki:page-create", args=[company_space.slug])
    data = {"title": "  ", "body": "My long text\nline two", "tags": "hr"}
    client = as_user(client, author)

    plain = client.post(create, data)
    partial = client.post(create, data, **HX)

    assert plain.status_code == 200 and partial.status_code == 422
    assert "<html" not in html_of(partial)
    for html in (html_of(plain), html_of(partial)):
        assert "Give the page a title." in html and "My long text\nline two</textarea>" in html
    assert not Page.objects.exists()


def test_a_title_taken_in_the_space_is_refused_with_a_clear_message(client, author, company_space):
    make_page(author, company_space, title="Payroll")

    response = as_user(client, author).post(
        reverse("wiki:page-create", args=[company_space.slug]),
        {"title": "payroll!", "body": "Another text"},
    )

    html = html_of(response)
    assert "This space already has a page called “Payroll”. Choose another title." in html
    assert "Another text</textarea>" in html and Page.objects.count() == 1


def test_those_who_may_not_write_in_a_space_get_403_for_the_form(
    client, colleague, public_space, private_space
):
    client = as_user(client, colleague)

    assert client.get(reverse("wiki:page-create", args=[public_space.slug])).status_code == 403
    assert client.get(reverse("wiki:page-create", args=[private_space.slug])).status_code == 404


def test_the_live_preview_renders_links_and_escapes_html(client, author, company_space):
    response = as_user(client, author).post(
        reverse("wiki:preview", args=[company_space.slug]),
        {"body": "**Bold** [[Payroll]] <script>alert(1)</script>"},
        **HX,
    )

    html = html_of(response)
    assert response.status_code == 200 and "<html" not in html
    assert "<strong>Bold</strong>" in html and 'href="/wiki/company/payroll/"' in html
    assert "<script>" not in html


def test_the_preview_button_shows_the_text_without_saving(client, author, company_space):
    response = as_user(client, author).post(
        reverse("wiki:page-create", args=[company_space.slug]),
        {"title": "Draft", "body": "Some *text*", "preview": "1"},
    )

    html = html_of(response)
    assert response.status_code == 200 and "<em>text</em>" in html
    assert "Some *text*</textarea>" in html and not Page.objects.exists()


def test_the_preview_and_every_form_need_the_csrf_token(author, company_space, page):
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)

    for address in (
        reverse("wiki:preview", args=[company_space.slug]),
        reverse("wiki:page-create", args=[company_space.slug]),
        url("page-edit", page),
        url("page-watch", page),
        url("revert", page, 1),
        url("page-delete", page),
    ):
        assert client.post(address, {"title": "x", "body": "y"}).status_code == 403, address
    assert Page.objects.get() == page and not page.is_deleted


# --- editing and conflicts --------------------------------------------------------------------


def test_the_edit_form_carries_the_revision_it_was_opened_on(client, author, page):
    revise(author, page, "Second text")

    html = html_of(as_user(client, author).get(url("page-edit", page)))

    assert 'name="base_revision" value="2"' in html and "Second text</textarea>" in html


def test_saving_an_edit_makes_a_revision_and_an_identical_save_makes_none(client, author, page):
    client = as_user(client, author)
    data = {"title": "Onboarding", "body": "New text", "summary": "rewrote", "base_revision": 1}

    saved = client.post(url("page-edit", page), data)
    again = client.post(url("page-edit", page), {**data, "base_revision": 2}, follow=True)

    page.refresh_from_db()
    assert saved.status_code == 302 and saved.url == page.get_absolute_url()
    assert page.revision_number == 2 and page.body == "New text"
    assert page.revisions.get(number=2).summary == "rewrote"
    assert "no new revision" in html_of(again)


BASE = "Line one\nLine two\nLine three\nLine four\nLine five"


def _conflicting(client, author, colleague, company_space, *, mine: str, theirs: str):
    page = make_page(author, company_space, title="Procedure", body=BASE)
    revise(colleague, page, theirs, summary="their fix")
    response = as_user(client, author).post(
        url("page-edit", page),
        {"title": "Procedure", "body": mine, "summary": "my fix", "tags": "ops",
         "base_revision": 1},
    )  # fmt: skip
    return page, response


def test_an_edit_on_an_old_revision_shows_the_conflict_page_and_saves_nothing(
    client, author, colleague, company_space
):
    mine = BASE.replace("Line one", "Line ONE (mine)")
    theirs = BASE.replace("Line five", "Line FIVE (theirs)")

    page, response = _conflicting(client, author, colleague, company_space, mine=mine,
                                  theirs=theirs)  # fmt: skip

    html = html_of(response)
    page.refresh_from_db()
    assert response.status_code == 409
    assert page.revision_number == 2 and page.body == theirs
    assert "Budi Santoso saved this page (revision 2) while you were editing it." in html
    fields = form_fields(html)
    assert fields["base_revision"] == "2"
    assert unescape(fields["mine_body"]) == mine  # their own text, kept and copyable
    assert unescape(fields["body"]) == BASE.replace("Line one", "Line ONE (mine)").replace(
        "Line five", "Line FIVE (theirs)"
    )  # the merged proposal, in the editable textarea
    assert f'id="current-body" rows="14" readonly>\n{theirs}</textarea>' in html
    assert "touch different lines" in html and 'data-wiki-copy="#mine-body"' in html
    assert 'name="summary" value="my fix"' in html and 'value="ops"' in html
    # What changed meanwhile: their line, as a diff.
    assert '<ins><span class="visually-hidden">[added: </span>Line FIVE (theirs)' in html


def test_overlapping_edits_give_a_proposal_with_markers_and_both_texts(
    client, author, colleague, company_space
):
    mine = BASE.replace("Line three", "Line three, as I see it")
    theirs = BASE.replace("Line three", "Line three, as they see it")

    page, response = _conflicting(client, author, colleague, company_space, mine=mine,
                                  theirs=theirs)  # fmt: skip

    html = html_of(response)
    proposal = unescape(form_fields(html)["body"])
    assert response.status_code == 409
    assert "&lt;&lt;&lt;&lt;&lt;&lt;&lt;" in html and "take the markers out" in html
    assert "<<<<<<< your text" in proposal and ">>>>>>> revision 2" in proposal
    assert "Line three, as I see it" in proposal and "Line three, as they see it" in proposal
    assert unescape(form_fields(html)["mine_body"]) == mine


def test_resolving_a_conflict_saves_on_the_new_base(client, author, colleague, company_space):
    mine = BASE.replace("Line one", "Line ONE (mine)")
    theirs = BASE.replace("Line five", "Line FIVE (theirs)")
    page, conflict = _conflicting(client, author, colleague, company_space, mine=mine,
                                  theirs=theirs)  # fmt: skip
    fields = {k: unescape(v) for k, v in form_fields(html_of(conflict)).items()}
    fields.update(title="Procedure", summary="merged", tags="ops")

    response = client.post(url("page-edit", page), fields)

    page.refresh_from_db()
    assert response.status_code == 302
    assert page.revision_number == 3 and "Line ONE (mine)" in page.body
    assert "Line FIVE (theirs)" in page.body
    assert page.revisions.get(number=3).author == author


def test_saving_a_proposal_with_markers_left_in_keeps_the_conflict_page(
    client, author, colleague, company_space
):
    mine = BASE.replace("Line three", "Mine three")
    theirs = BASE.replace("Line three", "Their three")
    page, conflict = _conflicting(client, author, colleague, company_space, mine=mine,
                                  theirs=theirs)  # fmt: skip
    fields = {k: unescape(v) for k, v in form_fields(html_of(conflict)).items()}
    fields.update(title="Procedure")

    response = client.post(url("page-edit", page), fields)

    html = html_of(response)
    page.refresh_from_db()
    assert response.status_code == 200 and page.revision_number == 2
    assert "still has conflict markers" in html
    assert unescape(form_fields(html)["mine_body"]) == mine  # still in view
    assert "Their three" in html  # the saved text, still shown


def test_a_second_conflict_while_resolving_keeps_the_first_text(
    client, author, colleague, company_space
):
    mine = BASE.replace("Line one", "Mine one")
    page, conflict = _conflicting(client, author, colleague, company_space, mine=mine,
                                  theirs=BASE.replace("Line five", "Theirs five"))  # fmt: skip
    fields = {k: unescape(v) for k, v in form_fields(html_of(conflict)).items()}
    revise(colleague, page, page.body + "\nLine six", summary="again")
    fields.update(title="Procedure", body=fields["body"] + "\nresolved")

    response = client.post(url("page-edit", page), fields)

    html = html_of(response)
    assert response.status_code == 409
    assert form_fields(html)["base_revision"] == "3"
    assert unescape(form_fields(html)["mine_body"]) == mine


def test_a_page_renamed_while_one_edits_it_still_takes_the_edit_to_the_conflict_page(
    client, author, colleague, page
):
    edit_url = url("page-edit", page)
    revise(colleague, page, "Welcome to the team.", title="Welcome")

    response = as_user(client, author).post(
        edit_url,
        {"page": page.pk, "title": "Onboarding", "body": "My new text", "base_revision": 1},
    )

    html = html_of(response)
    assert response.status_code == 409
    assert unescape(form_fields(html)["mine_body"]) == "My new text"
    assert 'action="/wiki/company/welcome/edit/"' in html


def test_a_page_deleted_while_one_edits_it_gives_the_text_back(client, author, colleague, page):
    edit_url = url("page-edit", page)
    services.page_delete(actor=author, page=page)

    response = as_user(client, colleague).post(
        edit_url, {"page": page.pk, "title": "Onboarding", "body": "Words <to> keep",
                   "base_revision": 1},
    )  # fmt: skip

    assert response.status_code == 404
    assert "This page is gone" in html_of(response)
    assert "Words &lt;to&gt; keep</textarea>" in html_of(response)


# --- history, diffs, old revisions, reverts ---------------------------------------------------


def test_the_history_lists_revisions_newest_first_with_who_when_why(
    client, author, colleague, page
):
    revise(colleague, page, "Second", summary="<b>typo</b>")
    services.page_revert(actor=author, page=page, number=1, summary="back")

    html = html_of(as_user(client, author).get(url("history", page)))

    assert (
        html.index('id="revision-3"')
        < html.index('id="revision-2"')
        < html.index('id="revision-1"')
    )
    assert "Budi Santoso" in html and "Ratna Sari" in html and "&lt;b&gt;typo&lt;/b&gt;" in html
    assert "Reverted" in html and "back to 1" in html and "Created" in html
    assert 'name="from" value="2" id="from-2" checked' in html
    assert 'name="to" value="3" id="to-3" checked' in html
    assert url("revert", page, 1) in html and url("revert", page, 3) not in html
    assert f"{url('diff', page)}?from=1&amp;to=2" in html


def test_the_history_pages_older_revisions(client, author, page):
    for number in range(2, 56):
        revise(author, page, f"Text {number}")
    client = as_user(client, author)

    first = html_of(client.get(url("history", page)))
    older = html_of(client.get(url("history", page), {"before": 6}))

    assert 'id="revision-55"' in first and 'id="revision-6"' in first
    assert 'id="revision-5"' not in first and "?before=6" in first
    assert 'id="revision-5"' in older and 'id="revision-1"' in older
    assert 'id="revision-6"' not in older


def test_the_diff_highlights_words_accessibly(client, author, colleague, page):
    revise(author, page, "The quick brown fox\nstays\ngone line")
    revise(colleague, page, "The quick red fox\nstays\nnew line added", title="Onboarding 2")
    page.refresh_from_db()

    response = as_user(client, author).get(url("diff", page), {"from": 2, "to": 3})

    html = html_of(response)
    assert response.status_code == 200
    assert '<del><span class="visually-hidden">[removed: </span>brown' in html
    assert '<ins><span class="visually-hidden">[added: </span>red' in html
    assert "Changed line, before:" in html and "Changed line, after:" in html
    assert 'id="diff-legend"' in html and "struck through" in html
    assert "Title:" in html and "Onboarding 2" in html
    assert "2 lines added" in html and "2 lines removed" in html


def test_the_diff_defaults_to_the_latest_change(client, author, page):
    revise(author, page, "Second text")

    html = html_of(as_user(client, author).get(url("diff", page)))

    assert "Revision 1 → revision 2" in html


@pytest.mark.parametrize(
    "query", [{"from": 1, "to": 9}, {"from": 9, "to": 1}, {"from": "x", "to": 1}, {"to": "0"}]
)
def test_a_diff_of_an_unknown_revision_is_404(client, author, page, query):
    assert as_user(client, author).get(url("diff", page), query).status_code == 404


def test_an_old_revision_shows_with_a_banner(client, author, colleague, page):
    revise(colleague, page, "Second **text**")

    old = html_of(as_user(client, author).get(url("revision", page, 1)))
    current = html_of(client.get(url("revision", page, 2)))

    assert "You are viewing revision 1 of “Onboarding”" in old
    assert "It is not the current version (revision 2)." in old
    assert "Welcome to the team." in old and url("revert", page, 1) in old
    assert "This is the current version." in current and "<strong>text</strong>" in current
    assert client.get(url("revision", page, 7)).status_code == 404


def test_reverting_asks_then_brings_an_old_revision_back(client, author, colleague, page):
    revise(colleague, page, "Vandalised")
    client = as_user(client, author)

    confirm = client.get(url("revert", page, 1))
    response = client.post(url("revert", page, 1), {"summary": "undo"})

    page.refresh_from_db()
    assert confirm.status_code == 200 and "What the revert changes" in html_of(confirm)
    assert "Vandalised" in html_of(confirm)
    assert response.status_code == 302 and response.url == page.get_absolute_url()
    assert page.body == "Welcome to the team." and page.revision_number == 3
    latest = page.revisions.get(number=3)
    assert (latest.kind, latest.reverted_to, latest.summary) == (RevisionKind.REVERT, 1, "undo")
    # The round trip: the diff between 1 and 3 is empty, between 2 and 3 the undo.
    assert "These revisions read the same." in html_of(
        client.get(url("diff", page), {"from": 1, "to": 3})
    )
    assert "Vandalised" in html_of(client.get(url("diff", page), {"from": 2, "to": 3}))


def test_reverting_to_an_unknown_revision_is_404_and_to_the_current_text_an_error(
    client, author, page
):
    client = as_user(client, author)

    unknown = client.post(url("revert", page, 9))
    same = client.post(url("revert", page, 1), {"summary": ""})

    assert unknown.status_code == 404
    assert same.status_code == 200 and "already reads as revision 1" in html_of(same)
    assert PageRevision.objects.filter(page=page).count() == 1


def test_reverting_needs_the_right_to_edit(client, colleague, communicator, page):
    revise(communicator, page, "Second")
    services.page_protect(actor=communicator, page=page, protected=True)

    response = as_user(client, colleague).post(url("revert", page, 1))

    assert response.status_code == 403 and page.revisions.count() == 2


# --- export and print -------------------------------------------------------------------------


def test_exporting_gives_the_markdown_as_a_file_with_a_safe_name(client, author, company_space):
    page = make_page(author, company_space, title='Pay "day" / ../etc Ñandú', body="**Paid**")

    response = as_user(client, author).get(url("export-markdown", page))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="pay-day-etc-nandu.md"'
    assert response.content.decode() == '# Pay "day" / ../etc Ñandú\n\n**Paid**\n'


def test_the_printable_view_has_the_text_and_no_navigation(client, author, company_space):
    page = make_page(author, company_space, title="Handbook", body=LONG_BODY)

    html = html_of(as_user(client, author).get(url("print", page)))

    assert "Main navigation" not in html and "wiki/print.css" in html
    assert "<h1>Handbook</h1>" in html and "Contents" in html and "data-wiki-print" in html
    assert f"http://testserver{page.get_absolute_url()}" in html


# --- move, protect, delete, restore, watch ----------------------------------------------------


def test_moving_a_page_puts_it_under_another_and_refuses_cycles(client, author, company_space):
    top = make_page(author, company_space, title="Top")
    child = make_page(author, company_space, title="Child", parent=top)
    client = as_user(client, author)

    cycle = client.post(url("page-move", top), {"parent": child.pk})
    moved = client.post(url("page-move", child), {"parent": ""})

    top.refresh_from_db()
    child.refresh_from_db()
    assert cycle.status_code == 200 and "cannot go under itself" in html_of(cycle)
    assert top.parent is None
    assert moved.status_code == 302 and child.parent is None


def test_protecting_a_page_lets_only_space_admins_edit_it(
    client, author, communicator, company_space, page
):
    response = as_user(client, communicator).post(url("page-protect", page), {"protected": "1"})
    refused = as_user(Client(), author).post(url("page-protect", page), {"protected": "0"})

    page.refresh_from_db()
    assert response.status_code == 302 and page.is_protected
    assert refused.status_code == 302 and page.is_protected  # told why, page unchanged
    assert as_user(Client(), author).get(url("page-edit", page)).status_code == 403


def test_deleting_asks_then_hides_the_page_and_admins_restore_it(
    client, author, colleague, communicator, page
):
    client = as_user(client, author)

    confirm = client.get(url("page-delete", page))
    deleted = client.post(url("page-delete", page))
    gone = as_user(Client(), colleague).get(page.get_absolute_url())
    admin = as_user(Client(), communicator)
    seen = admin.get(page.get_absolute_url())
    restored = admin.post(url("page-restore", page))

    page.refresh_from_db()
    assert confirm.status_code == 200 and "Delete “Onboarding”?" in html_of(confirm)
    assert deleted.status_code == 302 and deleted.url == page.space.get_absolute_url()
    assert gone.status_code == 404 and "This page does not exist yet." in html_of(gone)
    assert seen.status_code == 200 and "This page is deleted." in html_of(seen)
    assert restored.status_code == 302 and not page.is_deleted


def test_others_may_not_delete_a_page(client, colleague, page):
    assert as_user(client, colleague).post(url("page-delete", page)).status_code == 403
    page.refresh_from_db()
    assert not page.is_deleted


def test_watching_and_unwatching_a_page_and_a_space(client, colleague, company_space, page):
    client = as_user(client, colleague)

    watched = client.post(url("page-watch", page), **HX)
    unwatched = client.post(url("page-unwatch", page), follow=True)
    space = client.post(reverse("wiki:space-watch", args=[company_space.slug]))

    assert watched.status_code == 200 and 'aria-pressed="true"' in html_of(watched)
    assert url("page-unwatch", page) in html_of(watched) and "<html" not in html_of(watched)
    assert "You no longer watch this page." in html_of(unwatched)
    assert space.status_code == 302
    assert Watch.objects.filter(user=colleague, page__isnull=True, space=company_space).exists()
    assert not Watch.objects.filter(user=colleague, page=page).exists()
    assert client.get(url("page-watch", page)).status_code == 405


# --- query counts -----------------------------------------------------------------------------


def _history_queries(client, django_assert_max_num_queries, page, revisions: int):
    for number in range(page.revision_number + 1, revisions + 1):
        revise(page.author, page, f"Text {number}", summary=f"change {number}")
    with django_assert_max_num_queries(10):
        response = client.get(url("history", page))
    assert response.status_code == 200


@pytest.mark.parametrize("revisions", [10, 100])
def test_the_history_takes_the_same_queries_for_10_and_100_revisions(
    client, author, page, django_assert_max_num_queries, revisions
):
    _history_queries(as_user(client, author), django_assert_max_num_queries, page, revisions)


@pytest.mark.parametrize("pages", [10, 100])
def test_recent_changes_take_the_same_queries_for_10_and_100_pages(
    client, author, colleague, company_space, public_space, django_assert_max_num_queries, pages
):
    owner = public_space.community.created_by
    for number in range(pages):
        space = company_space if number % 2 else public_space
        make_page(colleague if space == company_space else owner, space, title=f"Page {number}")
    client = as_user(client, author)

    with django_assert_max_num_queries(10):
        assert client.get(reverse("wiki:changes")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("wiki:index")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(company_space.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("pages", [10, 100])
def test_a_page_takes_the_same_queries_however_big_its_space(
    client, author, company_space, django_assert_max_num_queries, pages
):
    top = make_page(author, company_space, title="Top", body="[[Page 1]] [[Nothing]]")
    for number in range(pages):
        make_page(author, company_space, title=f"Page {number}", parent=top,
                  body="Back to [[Top]]")  # fmt: skip
    client = as_user(client, author)

    with django_assert_max_num_queries(16):
        assert client.get(top.get_absolute_url()).status_code == 200


def test_a_private_community_space_works_for_its_members(client, member, private_space):
    page = make_page(member, private_space, title="Tax calendar")

    html = html_of(as_user(client, member).get(page.get_absolute_url()))

    assert url("page-edit", page) in html and "Tax Team" in html


def test_a_private_space_that_only_admins_edit_refuses_members(client, private_community):
    owner = private_community.created_by
    space = services.space_ensure_for_community(community=private_community)
    reader = join(UserFactory(username="reader"), private_community)
    services.space_edit(actor=owner, space=space, edit_policy=EditPolicy.ADMINS)
    page = make_page(owner, space, title="Rules")

    html = html_of(as_user(client, reader).get(page.get_absolute_url()))

    assert url("page-edit", page) not in html
    assert as_user(Client(), reader).get(url("page-edit", page)).status_code == 403


def test_a_secret_community_space_is_404_for_outsiders_everywhere(client, outsider, secret_space):
    owner = secret_space.community.created_by
    page = make_page(owner, secret_space, title="Deal")
    revise(owner, page, "Deal v2")
    client = as_user(client, outsider)

    for address in (
        secret_space.get_absolute_url(),
        reverse("wiki:space-changes", args=[secret_space.slug]),
        reverse("wiki:space-settings", args=[secret_space.slug]),
        reverse("wiki:page-create", args=[secret_space.slug]),
        page.get_absolute_url(),
        url("history", page),
        url("revision", page, 1),
        url("diff", page),
        url("export-markdown", page),
        url("print", page),
        url("page-edit", page),
    ):
        assert client.get(address).status_code == 404, address
    for address in (url("page-watch", page), url("revert", page, 1), url("page-delete", page),
                    reverse("wiki:preview", args=[secret_space.slug])):  # fmt: skip
        assert client.post(address).status_code == 404, address
    assert "Deal" not in html_of(client.get(reverse("wiki:changes")))


def test_site_roles_do_not_make_communicators_community_editors(client, private_community):
    communicator = in_group(UserFactory(username="humas2"), COMMUNICATORS)
    space = services.space_ensure_for_community(community=private_community)
    owner = private_community.created_by
    page = make_page(owner, space, title="Rules")

    assert as_user(client, communicator).get(page.get_absolute_url()).status_code == 404


def test_a_public_community_space_is_read_by_all_and_written_by_members(
    client, colleague, public_community
):
    space = services.space_ensure_for_community(community=public_community)
    page = make_page(public_community.created_by, space, title="Club rules")

    reader = as_user(client, colleague)

    assert reader.get(page.get_absolute_url()).status_code == 200
    assert reader.get(url("page-edit", page)).status_code == 403


def test_a_community_built_later_gets_a_wiki_tab_that_leads_to_its_space(client, run):
    owner = UserFactory(username="owner9")
    community = run(build_community, creator=owner, name="Data Guild", slug="data-guild",
                    type=CommunityType.PUBLIC)  # fmt: skip

    response = as_user(client, owner).get(reverse("wiki:index"), {"community": community.slug})

    assert response.status_code == 302
    assert response.url == Space.objects.get(community=community).get_absolute_url()
