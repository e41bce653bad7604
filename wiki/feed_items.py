"""How the feed shows a wiki page (``feed.items``, registered in ``WikiConfig.ready``): the
pages behind a page of feed cards, loaded at once."""

from forums.feed_items import excerpt
from wiki.models import Page

TEMPLATE = "wiki/_feed_item.html"


def load(ids, viewer) -> dict[int, Page]:
    """``{id: page}`` for the pages among ``ids`` that ``viewer`` may read, in one query,
    each with ``excerpt`` (plain text) and ``feed_summary`` (what the feed API shows of it)."""
    pages = (
        Page.objects.visible_to(viewer)
        .filter(pk__in=list(ids))
        .select_related("space", "community")
    )
    found = {}
    for page in pages:
        page.excerpt = excerpt(page.body_html)
        page.feed_summary = {
            "title": page.title,
            "url": page.get_absolute_url(),
            "excerpt": page.excerpt,
            "space": page.space.name,
            "space_url": page.space.get_absolute_url(),
        }
        found[page.pk] = page
    return found
