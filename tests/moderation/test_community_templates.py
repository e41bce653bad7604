"""Accessibility of the community templates that answer in place (owned with moderation)."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_a_removed_member_note_takes_the_focus_of_the_gone_button():
    html = render_to_string("communities/_member_removed.html", {"text": "Ana left."})

    assert re.search(r'<li [^>]*tabindex="-1"[^>]*autofocus', html)


def test_a_handled_request_row_focuses_its_outcome(client, people, public):
    client.force_login(people["owner"])
    url = reverse("communities:request-approve", args=[public.slug, people["requested"].username])

    content = client.post(url, **HTMX).content.decode()

    assert re.search(r'<span [^>]*role="(status|alert)"[^>]*tabindex="-1"[^>]*autofocus', content)


def test_a_changed_member_row_focuses_its_note(client, people, public):
    client.force_login(people["owner"])
    url = reverse("communities:member-role", args=[public.slug, people["member"].username])

    content = client.post(url, {"role": "moderator"}, **HTMX).content.decode()

    assert re.search(r'<div [^>]*role="status"[^>]*tabindex="-1"[^>]*autofocus', content)


def test_the_members_page_does_not_steal_focus(client, people, public):
    client.force_login(people["owner"])

    content = client.get(reverse("communities:members", args=[public.slug])).content.decode()

    assert "autofocus" not in content


@pytest.mark.parametrize("form", ["archive", "transfer"])
def test_archiving_and_handing_over_ask_for_confirmation(client, people, public, form):
    client.force_login(people["owner"])

    content = client.get(reverse("communities:settings", args=[public.slug])).content.decode()

    action = reverse(f"communities:{form}", args=[public.slug])
    tag = re.search(rf'<form [^>]*action="{re.escape(action)}"[^>]*>', content).group(0)
    assert "data-confirm=" in tag and "Runners" in tag
    assert "js/communities.js" in content


def test_the_directory_headings_do_not_skip_a_level(client, people, public):
    client.force_login(people["member"])

    content = client.get(reverse("communities:directory") + "?scope=all").content.decode()

    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", content)]
    assert 3 in levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
