"""Forum fixtures: categories company-wide and in communities, and threads and replies built
through the services. The people and communities (``author``, ``colleague``, ``outsider``,
``communicator``, ``site_moderator``, ``public_community``...) are tests/conftest.py's."""

import pytest

from forums import services
from forums.models import ThreadKind
from tests.feed.conftest import published  # noqa: F401 - a fixture for these tests too.
from tests.helpers import fresh, join

__all__ = ["ask", "fresh", "join", "make_category", "start", "answer"]


def make_category(*, actor, community=None, name="General", **fields):
    return services.category_create(actor=actor, community=community, name=name, **fields)


def start(
    author, category, *, title="How do I close the books?", body="", kind="discussion", **fields
):
    return services.thread_create(
        author=author, category=category, title=title, body=body, kind=kind, **fields
    )


def ask(author, category, *, title="Where is the VAT form?", body="Which one do I use?", **kw):
    return start(author, category, title=title, body=body, kind=ThreadKind.QUESTION, **kw)


def answer(author, thread, body="Use form 1111.", **fields):
    return services.reply_create(author=author, thread=thread, body=body, **fields)


@pytest.fixture
def company_category(communicator):
    return make_category(actor=communicator, name="Finance procedures")


@pytest.fixture
def public_category(public_community):
    return make_category(actor=public_community.created_by, community=public_community)


@pytest.fixture
def private_category(private_community):
    return make_category(actor=private_community.created_by, community=private_community)


@pytest.fixture
def secret_category(secret_community):
    return make_category(actor=secret_community.created_by, community=secret_community)


@pytest.fixture
def question(author, company_category):
    return ask(author, company_category)


def populate_forum(*, communicator, asker, helper) -> dict:
    """At least one row of every forum model, made through the services (for admin tests;
    tests/test_admin.py's ``populate()`` may call it)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    category = make_category(actor=communicator, name="Product support")
    thread = ask(asker, category, title="Printer jams on A3", body="It jams #printer")
    services.thread_edit(actor=asker, thread=thread, body="It jams on A3 paper #printer")
    upload = SimpleUploadedFile("manual.pdf", b"%PDF-1.4", "application/pdf")
    reply = answer(helper, thread, "Open tray 2", attachments=[upload])
    services.reply_edit(actor=helper, reply=reply, body="Open tray 2 and reseat it")
    services.reply_vote(user=asker, reply=reply, value=1)
    services.answer_accept(actor=asker, reply=reply)
    return {"category": category, "thread": thread, "reply": reply}
