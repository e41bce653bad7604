"""Voting in a post's poll in the HTML pages (feed.views.conversation.vote), and the praise
banner: the form, the results, one vote per person, closed polls, bad answers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feed.models import Poll, PollVote
from feed.services.polls import poll_vote
from feed.services.posts import post_create
from tests.factories import UserFactory
from tests.feed.conftest import join

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/feed/company/"}


def signed_in(client, person):
    client.force_login(person)
    return client


def vote_url(post) -> str:
    return reverse("feed:poll-vote", args=[post.pk])


def card(client, post) -> str:
    return client.get(reverse("feed:post-card", args=[post.pk]), **HX).content.decode()


def make_poll(author, *, multiple=False, community=None, options=("Soto", "Bakso", "Gado-gado")):
    return post_create(
        author=author,
        body="Team lunch on Friday",
        community=community,
        poll={"question": "Where shall we eat?", "options": list(options),
              "allows_multiple": multiple},
    )  # fmt: skip


def option_ids(post) -> list[int]:
    return list(post.poll.options.order_by("position").values_list("pk", flat=True))


def close(post) -> None:
    # Time passes: no service closes a poll early, it closes at its time.
    Poll.objects.filter(post=post).update(closes_at=timezone.now() - timedelta(minutes=1))


@pytest.fixture
def poll_post(author):
    return make_poll(author)


def test_the_vote_form_offers_radio_buttons_for_one_answer(client, poll_post, colleague):
    html = card(signed_in(client, colleague), poll_post)
    assert "Where shall we eat?" in html
    assert html.count('type="radio" name="option"') == 3
    assert "0 voters" in html and "closes in 6\xa0days" in html
    assert "%<" not in html


def test_several_answers_get_checkboxes(client, author, colleague):
    post = make_poll(author, multiple=True)
    html = card(signed_in(client, colleague), post)
    assert html.count('type="checkbox" name="option"') == 3
    assert "Choose one or more answers." in html


def test_voting_with_htmx_shows_the_results(client, poll_post, colleague, author):
    soto, bakso, _gado = option_ids(poll_post)
    poll_vote(user=author, poll=poll_post.poll, option_ids=[bakso])
    response = signed_in(client, colleague).post(vote_url(poll_post), {"option": soto}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<div id="post-{poll_post.pk}-poll"')
    assert "<form" not in html
    assert html.count(">50%<") == 2 and ">0%<" in html
    assert "2 voters" in html and "Your answer:" in html
    assert PollVote.objects.filter(user=colleague, option_id=soto).exists()


def test_voting_without_javascript_goes_back_with_a_message(client, poll_post, colleague):
    soto = option_ids(poll_post)[0]
    response = signed_in(client, colleague).post(
        vote_url(poll_post), {"option": soto, "next": "/feed/company/"}
    )
    assert response.status_code == 302
    assert response.url == f"/feed/company/#post-{poll_post.pk}-poll"
    page = client.get(response.url)
    assert "Thank you for voting." in page.content.decode()


def test_results_show_once_voted_and_when_closed(client, poll_post, colleague, author):
    poll_vote(user=colleague, poll=poll_post.poll, option_ids=[option_ids(poll_post)[1]])
    html = card(signed_in(client, colleague), poll_post)
    assert ">100%<" in html and 'name="option"' not in html and "1 voter" in html
    close(poll_post)
    html = card(signed_in(client, author), poll_post)
    assert ">100%<" in html and 'name="option"' not in html and "closed" in html


def test_several_answers_in_a_multiple_choice_poll(client, author, colleague):
    post = make_poll(author, multiple=True)
    soto, bakso, _gado = option_ids(post)
    response = signed_in(client, colleague).post(vote_url(post), {"option": [soto, bakso]}, **HX)
    assert response.status_code == 200
    assert PollVote.objects.filter(user=colleague).count() == 2
    html = response.content.decode()
    assert html.count(">100%<") == 2 and ">0%<" in html and "1 voter" in html


def test_voting_twice_is_refused_with_a_message(client, poll_post, colleague):
    soto, bakso, _gado = option_ids(poll_post)
    client = signed_in(client, colleague)
    client.post(vote_url(poll_post), {"option": soto}, **HX)
    response = client.post(vote_url(poll_post), {"option": bakso}, **HX)
    assert response.status_code == 422
    assert "You have already voted in this poll." in response.content.decode()
    assert list(PollVote.objects.values_list("option_id", flat=True)) == [soto]
    page = client.post(vote_url(poll_post), {"option": bakso}, follow=True)
    assert "You have already voted in this poll." in page.content.decode()


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ([], "Choose one of the answers."),
        (["999999"], "Choose one of the answers."),
        (["abc"], "Choose one of the answers."),
        ("two", "Choose only one answer."),
    ],
)
def test_bad_answers_are_refused_with_a_message(client, poll_post, colleague, choice, message):
    if choice == "two":
        choice = option_ids(poll_post)[:2]
    response = signed_in(client, colleague).post(vote_url(poll_post), {"option": choice}, **HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html and 'name="option"' in html
    assert not PollVote.objects.exists()


def test_an_option_of_another_poll_is_refused(client, poll_post, author, colleague):
    other = make_poll(author, options=("Yes", "No"))
    response = signed_in(client, colleague).post(
        vote_url(poll_post), {"option": option_ids(other)[0]}, **HX
    )
    assert response.status_code == 422
    assert not PollVote.objects.exists()


def test_a_closed_poll_refuses_votes(client, poll_post, colleague):
    close(poll_post)
    client = signed_in(client, colleague)
    soto = option_ids(poll_post)[0]
    assert client.post(vote_url(poll_post), {"option": soto}).status_code == 403
    response = client.post(vote_url(poll_post), {"option": soto}, **HX)
    assert response.status_code == 403
    assert response["X-Conversation-Fragment"] == "1"
    assert "This poll is closed." in response.content.decode()
    assert not PollVote.objects.exists()


def test_a_post_without_a_poll_has_nothing_to_vote_on(client, author, colleague):
    post = post_create(author=author, body="Just text")
    response = signed_in(client, colleague).post(vote_url(post), {"option": "1"})
    assert response.status_code == 404


def test_an_outsider_cannot_vote_in_a_private_community_poll(
    client, author, private_community, outsider
):
    join(author, private_community)
    post = make_poll(author, community=private_community)
    response = signed_in(client, outsider).post(vote_url(post), {"option": option_ids(post)[0]})
    assert response.status_code == 404
    assert not PollVote.objects.exists()


def test_the_poll_question_and_answers_are_escaped(client, author, colleague):
    post = post_create(
        author=author,
        poll={"question": "<script>alert(1)</script>?", "options": ["<b>A</b>", "B"]},
    )
    html = card(signed_in(client, colleague), post)
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert "<b>A</b>" not in html


def test_the_praise_banner_shows_the_value_and_links_the_thanked(client, author, colleague):
    helper = UserFactory(username="dewi", display_name="Dewi Lestari")
    post = post_create(
        author=author,
        body="Thank you for the month-end close!",
        praise={"value": "teamwork", "recipients": [colleague, helper]},
    )
    html = card(signed_in(client, colleague), post)
    banner = html[html.index("praise-banner") :]
    assert "Teamwork" in banner
    assert 'href="/people/budi/"' in banner and "Budi Santoso" in banner
    assert 'href="/people/dewi/"' in banner and "Dewi Lestari" in banner
