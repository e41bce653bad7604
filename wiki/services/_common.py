"""What the wiki's services share: cleaning what people typed, free addresses, rendering a
page's text with its links, revisions, events and the page's card in the feeds."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import normalize_newlines, slugify
from django.utils.translation import gettext as _

from core import events
from feed.services.posts import _clean_topic_tags
from wiki.models import (
    BODY_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Page,
    PageAlias,
    PageLink,
    PageRevision,
    Space,
)
from wiki.text import page_slug, render_page

# Addresses under /wiki/ that are not spaces (``wiki/urls.py``).
RESERVED_SPACE_SLUGS = frozenset({"changes", "me", "new", "api", "search"})
SPACE_SLUG_MAX_LENGTH = 120


def collect(errors: dict, step):
    """Run ``step``; a ValidationError it raises joins ``errors`` (returns None then)."""
    try:
        return step()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
        return None


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Give the page a title.")})
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {"title": _("Keep the title under %(limit)d characters.") % {"limit": TITLE_MAX_LENGTH}}
        )
    if not page_slug(title):
        raise ValidationError({"title": _("Use some letters or digits in the title.")})
    return title


def clean_body(body: str) -> str:
    # Browsers send a line break as CRLF; count it as the one character the writer saw.
    body = normalize_newlines(body or "").strip()
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("Keep it under %(limit)d characters (it has %(count)d).")
                % {"limit": BODY_MAX_LENGTH, "count": len(body)}
            }
        )
    return body


def clean_summary(summary: str) -> str:
    summary = " ".join((summary or "").split())
    if len(summary) > SUMMARY_MAX_LENGTH:
        raise ValidationError(
            {
                "summary": _("Keep the summary under %(limit)d characters.")
                % {"limit": SUMMARY_MAX_LENGTH}
            }
        )
    return summary


def clean_tags(tags) -> list[str]:
    """Topics as the feed cleans them (lower case, at most ten)."""
    if isinstance(tags, str):
        tags = [t for t in tags.split(",") if t.strip()]
    return _clean_topic_tags(tags)


def check_title_free(space: Space, slug: str, *, title: str, page: Page | None = None) -> None:
    """Raise ValidationError (title) when another live page of ``space`` has ``slug``."""
    others = Page.objects.alive().filter(space=space, slug=slug)
    if page is not None:
        others = others.exclude(pk=page.pk)
    other = others.only("title").first()
    if other is not None:
        raise ValidationError({"title": title_taken_message(other.title)})


def title_taken_message(title: str) -> str:
    return _("This space already has a page called “%(title)s”. Choose another title.") % {
        "title": title
    }


def free_page_slug(space: Space, slug: str) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... whichever no live page of ``space`` uses."""
    base = slug[: TITLE_MAX_LENGTH - 6] or "page"
    taken = set(
        Page.objects.alive()
        .filter(space=space, slug__startswith=base)
        .values_list("slug", flat=True)
    )
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def claim_slug(space: Space, slug: str) -> None:
    """A live page takes ``slug`` in ``space``: a former address there of another page (or
    of this one) stops leading elsewhere (a page's own address always wins)."""
    PageAlias.objects.filter(space=space, slug=slug).delete()


def remember_slug(page: Page, slug: str) -> None:
    """``page`` (renamed) leaves ``slug``: links and bookmarks to it keep leading to it."""
    if slug and slug != page.slug:
        PageAlias.objects.update_or_create(space=page.space, slug=slug, defaults={"page": page})


def merge_tags(*, base, mine, current) -> list[str]:
    """Topics after a save made on top of ``base`` while the page has ``current`` ones: the
    topics this person added or removed, applied to the current ones (so a topic someone
    else added or removed meanwhile stays so). All lists are cleaned (lower case)."""
    base, wanted = set(base), set(mine)
    removed, added = base - wanted, wanted - base
    kept = [name for name in current if name not in removed]
    return kept + [name for name in mine if name in added and name not in kept]


def free_space_slug(wanted: str) -> str:
    """A space address from ``wanted``: slugified, not reserved, not taken."""
    base = slugify(wanted or "", allow_unicode=True)[: SPACE_SLUG_MAX_LENGTH - 6] or "space"
    candidate, number = base, 1
    while candidate in RESERVED_SPACE_SLUGS or Space.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def render_onto(page: Page) -> list[tuple]:
    """Set ``page.body_html`` from its body; return its links (for ``store_links``)."""
    html, links = render_page(page.body, space=page.space)
    page.body_html = str(html)
    return links


def store_links(page: Page, links) -> None:
    """Replace the ``PageLink`` rows of ``page`` (saved) with ``links``."""
    PageLink.objects.filter(source=page).delete()
    PageLink.objects.bulk_create(
        [
            PageLink(source=page, space=space, slug=slug, title=title[:TITLE_MAX_LENGTH])
            for space, slug, title in links
        ]
    )


def write_revision(
    page: Page, *, kind: str, author, summary: str = "", reverted_to: int | None = None
) -> PageRevision:
    """Record the page's current title and text as its next revision (the page row is locked
    by the caller, and its ``revision_number`` already says the new number)."""
    revision = PageRevision(
        page=page,
        number=page.revision_number,
        kind=kind,
        title=page.title,
        body=page.body,
        summary=summary,
        author=author,
        reverted_to=reverted_to,
        created_at=page.edited_at or timezone.now(),
    )
    # The page is locked and the number new: checking it would only cost queries.
    revision.full_clean(exclude=["page", "author"])
    revision.save()
    return revision


def lock_page(page: Page) -> Page:
    """The page row, locked until the transaction ends, with its space and community."""
    return (
        Page.objects.select_for_update(of=("self",))
        .select_related("space__community", "community", "author")
        .get(pk=page.pk)
    )


def publish(name: str, *, actor, page: Page, **payload) -> None:
    events.publish(
        name,
        actor=actor,
        obj=page,
        community_id=page.community_id,
        payload={"space_id": page.space_id, "title": page.title, **payload},
    )


def tag_names(page: Page) -> list[str]:
    return [tag.name for tag in page.tags.all()]
