"""Merging never widens a thread's audience: a private or secret community's thread merges only
within its community; company-wide and public threads merge anywhere the moderator may."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forums import services
from forums.models import Reply, Thread
from tests.forums.conftest import answer, ask, join, make_category


@pytest.mark.parametrize("place", ["private_category", "secret_category"])
def test_a_closed_community_thread_is_not_merged_into_a_company_wide_one(
    request, place, author, colleague, company_category, site_moderator
):
    category = request.getfixturevalue(place)
    join(author, category.community)
    source = ask(author, category, title="Salary bands?", body="salary numbers")
    answer(category.community.created_by, source, "secret reply")
    target = ask(colleague, company_category, title="Salary bands")

    with pytest.raises(ValidationError) as refused:
        services.thread_merge(actor=site_moderator, source=source, target=target)

    assert "members of its community" in refused.value.message_dict["target"][0]
    source.refresh_from_db()
    assert source.merged_into is None
    assert not Reply.objects.filter(thread=target).exists()
    assert Thread.objects.get(pk=target.pk).reply_count == 0


def test_a_private_thread_is_not_merged_into_another_communitys_thread(
    author, private_category, public_category, site_moderator
):
    join(author, private_category.community)
    join(author, public_category.community)
    source = ask(author, private_category, body="salary numbers")
    target = ask(author, public_category)

    with pytest.raises(ValidationError, match="members of its community"):
        services.thread_merge(actor=site_moderator, source=source, target=target)

    assert not Reply.objects.filter(thread=target).exists()


def test_a_private_thread_merges_into_another_of_its_own_community(
    author, colleague, private_category, site_moderator
):
    community = private_category.community
    join(author, community)
    join(colleague, community)
    other = make_category(actor=community.created_by, community=community, name="Payroll")
    source = ask(author, private_category, body="salary numbers")
    target = ask(colleague, other, title="Salary bands")

    merged = services.thread_merge(actor=site_moderator, source=source, target=target)

    assert merged == target
    assert list(Reply.objects.filter(thread=target).values_list("body", flat=True)) == [
        "salary numbers"
    ]


@pytest.mark.parametrize("source_place", ["company_category", "public_category"])
def test_company_wide_and_public_threads_may_merge_into_a_private_community(
    request, source_place, author, private_category, site_moderator
):
    join(author, private_category.community)
    source_category = request.getfixturevalue(source_place)
    if source_category.community is not None:
        join(author, source_category.community)
    source = ask(author, source_category, body="Open question")
    target = ask(author, private_category)

    services.thread_merge(actor=site_moderator, source=source, target=target)

    source.refresh_from_db()
    assert source.merged_into_id == target.pk


def test_the_merge_form_shows_the_refusal_and_leaves_both_threads(
    client, author, colleague, private_category, company_category, site_moderator
):
    join(author, private_category.community)
    source = ask(author, private_category, body="salary numbers")
    target = ask(colleague, company_category)
    client.force_login(site_moderator)

    response = client.post(
        reverse("forums:thread-merge", args=[source.pk]), {"target": target.pk}, follow=True
    )

    assert "members of its community" in response.content.decode()
    source.refresh_from_db()
    assert source.merged_into is None
