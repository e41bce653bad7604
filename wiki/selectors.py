"""Reading the wiki: spaces and pages as the viewer may see them (404 otherwise), the outline
of a space, breadcrumbs, links both ways, recent changes and a page's history.

Lists run a fixed number of queries whatever their length; ``recent_changes`` pages on
``(created_at, id)`` and ``page_history`` on the revision number, newest first.
"""

from dataclasses import dataclass

from django.db.models import Case, Exists, OuterRef, Q, When
from django.http import Http404

from communities.permissions import remember_all_memberships
from feed.selectors import decode_cursor, encode_cursor
from wiki.models import Page, PageAlias, PageLink, PageRevision, Space, SpaceKind, Watch

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
# What a page shows of itself, in the same query as the page.
PAGE_RELATED = ("space__community", "space__owner", "community", "author", "edited_by")


def _clamp(limit) -> int:
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        return DEFAULT_LIMIT
    return max(1, min(limit, MAX_LIMIT))


# --- spaces ---------------------------------------------------------------------------------


def spaces_for(viewer) -> list[Space]:
    """The spaces ``viewer`` may read: the company's first, then communities', then
    people's, by name (one query, plus the viewer's memberships once)."""
    remember_all_memberships(viewer)
    first = Case(
        When(kind=SpaceKind.COMPANY, then=0),
        When(kind=SpaceKind.COMMUNITY, then=1),
        default=2,
    )
    return list(
        Space.objects.visible_to(viewer)
        .select_related("community", "owner", "home_page")
        .order_by(first, "name", "id")
    )


def get_space_for(viewer, slug: str) -> Space:
    """The space at ``slug`` if ``viewer`` may read it; Http404 otherwise."""
    space = (
        Space.objects.visible_to(viewer)
        .select_related("community", "owner", "home_page")
        .filter(slug=slug)
        .first()
    )
    if space is None:
        raise Http404("No such space.")
    return space


def get_space_for_community(viewer, community_slug: str) -> Space:
    """The space of the community at ``community_slug`` if ``viewer`` may read it; Http404
    otherwise."""
    space = (
        Space.objects.visible_to(viewer)
        .select_related("community", "owner", "home_page")
        .filter(community__slug=community_slug)
        .first()
    )
    if space is None:
        raise Http404("No such space.")
    return space


# --- pages ----------------------------------------------------------------------------------


def get_page_for(
    viewer, space: Space, slug: str, *, include_deleted: bool = False, follow_aliases=False
) -> Page:
    """The live page at ``slug`` in ``space`` if ``viewer`` may read it; Http404 otherwise.
    ``follow_aliases``: failing one, the page renamed from ``slug`` (its ``slug`` then
    differs: callers redirect). ``include_deleted``: failing those, the latest deleted page
    there, for those who may restore it."""
    pages = Page.objects.select_related(*PAGE_RELATED).filter(space=space, slug=slug)
    page = pages.visible_to(viewer).first()
    if page is None and follow_aliases:
        page = (
            Page.objects.visible_to(viewer)
            .select_related(*PAGE_RELATED)
            .filter(space=space, aliases__space=space, aliases__slug=slug)
            .first()
        )
    if page is None and include_deleted:
        from wiki.permissions import can_restore_page

        page = pages.filter(deleted_at__isnull=False).order_by("-deleted_at").first()
        if page is not None and not can_restore_page(viewer, page):
            page = None
    if page is None:
        raise Http404("No such page.")
    return page


def get_page_by_id_for(viewer, pk, *, include_deleted: bool = False) -> Page:
    """The live page ``pk`` if ``viewer`` may read it; Http404 otherwise. ``include_deleted``:
    a deleted one too, for those who may restore it."""
    from wiki.permissions import can_restore_page

    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such page.") from None
    page = Page.objects.select_related(*PAGE_RELATED).filter(pk=pk).first()
    if page is None:
        raise Http404("No such page.")
    if page.is_deleted:
        if not (include_deleted and can_restore_page(viewer, page)):
            raise Http404("No such page.")
    elif not page.is_visible_to(viewer):
        raise Http404("No such page.")
    return page


def deleted_pages(viewer, space: Space) -> list[Page]:
    """The deleted pages of ``space``, latest first, for those who may restore them (an
    empty list for everyone else)."""
    from wiki.permissions import can_restore_in

    if not can_restore_in(viewer, space):
        return []
    return list(
        Page.objects.filter(space=space, deleted_at__isnull=False, hidden_at__isnull=True)
        .select_related(*PAGE_RELATED, "deleted_by")
        .order_by("-deleted_at", "-id")
    )


def get_deleted_page_for(viewer, space: Space, pk) -> Page:
    """The deleted page ``pk`` of ``space`` if ``viewer`` may restore it; Http404 otherwise."""
    from wiki.permissions import can_restore_in

    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such page.") from None
    page = (
        Page.objects.select_related(*PAGE_RELATED, "deleted_by")
        .filter(space=space, pk=pk, deleted_at__isnull=False)
        .first()
    )
    if page is None or not can_restore_in(viewer, space):
        raise Http404("No such page.")
    return page


def pages_in(viewer, space: Space):
    """The live pages of ``space`` that ``viewer`` may see, as a queryset (for lists)."""
    return Page.objects.visible_to(viewer).filter(space=space)


def page_outline(space: Space) -> list[Page]:
    """The tree of the live pages of ``space``, in one query: the top pages, each with
    ``subpages`` (its children, in order) and ``depth`` (0 on top). A page whose parent is
    not shown goes on top."""
    pages = list(
        Page.objects.alive()
        .filter(space=space, hidden_at__isnull=True)
        .only("id", "title", "slug", "parent_id", "position", "space_id", "is_protected")
        .order_by("position", "title", "id")
    )
    by_id = {page.pk: page for page in pages}
    roots = []
    for page in pages:
        page.subpages = []
    for page in pages:
        parent = by_id.get(page.parent_id)
        (parent.subpages if parent is not None else roots).append(page)

    def place(nodes, depth, seen):
        for node in nodes:
            node.depth = depth
            seen.add(node.pk)
            place(node.subpages, depth + 1, seen)

    seen: set[int] = set()
    place(roots, 0, seen)
    # A cycle (written by hand in the admin) would hide its pages: put them on top.
    for page in pages:
        if page.pk not in seen:
            page.subpages = [child for child in page.subpages if child.pk not in seen]
            roots.append(page)
            place([page], 0, seen)
    return roots


def flatten_outline(roots) -> list[Page]:
    """The outline as one list, each page after its parent (``depth`` says how far in)."""
    flat = []

    def walk(nodes):
        for node in nodes:
            flat.append(node)
            walk(node.subpages)

    walk(roots)
    return flat


def breadcrumbs(page: Page) -> list[Page]:
    """The pages above ``page``, top first (one query at most; none for a top page)."""
    if page.parent_id is None:
        return []
    rows = {
        pk: (parent_id, title, slug)
        for pk, parent_id, title, slug in Page.objects.alive()
        .filter(space_id=page.space_id, hidden_at__isnull=True)
        .values_list("pk", "parent_id", "title", "slug")
    }
    trail, at, seen = [], page.parent_id, {page.pk}
    while at in rows and at not in seen:
        seen.add(at)
        parent_id, title, slug = rows[at]
        crumb = Page(pk=at, title=title, slug=slug, space=page.space, parent_id=parent_id)
        trail.append(crumb)
        at = parent_id
    return list(reversed(trail))


def subpages(viewer, page: Page) -> list[Page]:
    """The live children of ``page`` that ``viewer`` may see, in order."""
    return list(Page.objects.visible_to(viewer).filter(parent=page).select_related("space"))


def backlinks(viewer, page: Page) -> list[Page]:
    """The pages linking to ``page`` (at its address or a former one) that ``viewer`` may
    see, by title (one query)."""
    former = PageAlias.objects.filter(page=page, space_id=page.space_id).values("slug")
    linking = PageLink.objects.filter(source=OuterRef("pk"), space_id=page.space_id).filter(
        Q(slug=page.slug) | Q(slug__in=former)
    )
    return list(
        Page.objects.visible_to(viewer)
        .filter(Exists(linking))
        .exclude(pk=page.pk)
        .select_related("space")
        .order_by("title", "id")
    )


def missing_targets(page: Page, viewer=None) -> set[tuple[int, str]]:
    """``(space_id, slug)`` of the links of ``page`` with no live page there (yet). With
    ``viewer``, a page they may not see counts as missing too (a link never tells whether
    something exists where they cannot look)."""
    pages = Page.objects.visible_to(viewer) if viewer is not None else Page.objects.alive()
    there = pages.filter(space_id=OuterRef("space_id"), slug=OuterRef("slug"))
    renamed = PageAlias.objects.filter(
        space_id=OuterRef("space_id"), slug=OuterRef("slug"), page__in=pages.values("pk")
    )
    return set(
        PageLink.objects.filter(source=page)
        .exclude(Exists(there))
        .exclude(Exists(renamed))
        .values_list("space_id", "slug")
    )


def missing_urls(page: Page, viewer=None) -> set[str]:
    """The addresses of ``missing_targets`` (for ``wiki_missing`` in templates)."""
    from wiki.text import page_url

    targets = missing_targets(page, viewer)
    if not targets:
        return set()
    slugs = dict(
        Space.objects.filter(pk__in={space_id for space_id, _slug in targets}).values_list(
            "pk", "slug"
        )
    )
    return {page_url(slugs[space_id], slug) for space_id, slug in targets if space_id in slugs}


def missing_urls_of(links, viewer) -> set[str]:
    """The addresses of ``links`` (``[(space, slug, title), ...]`` as ``render_page`` gives
    them, e.g. for an old revision) with no page there that ``viewer`` may see, under its
    address or a former one (two queries at most, none without links)."""
    from wiki.text import page_url

    if not links:
        return set()
    by_space: dict[int, set[str]] = {}
    for space, slug, _title in links:
        by_space.setdefault(space.pk, set()).add(slug)
    wanted = Q()
    for space_id, slugs in by_space.items():
        wanted |= Q(space_id=space_id, slug__in=slugs)
    pages = Page.objects.visible_to(viewer)
    present = set(pages.filter(wanted).values_list("space_id", "slug"))
    present |= set(
        PageAlias.objects.filter(wanted, page__in=pages.values("pk")).values_list(
            "space_id", "slug"
        )
    )
    return {
        page_url(space.slug, slug)
        for space, slug, _title in links
        if (space.pk, slug) not in present
    }


# --- revisions ------------------------------------------------------------------------------


@dataclass
class Changes:
    """One page of revisions, newest first, and the cursor of the next (None: the end)."""

    items: list[PageRevision]
    next_cursor: str | None = None

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def recent_changes(viewer, space: Space | None = None, before=None, limit=DEFAULT_LIMIT) -> Changes:
    """The latest revisions of the pages ``viewer`` may see (of ``space``, or company-wide),
    newest first, after the cursor ``before``; each with its page, the page's space and the
    author (one query)."""
    visible = Page.objects.visible_to(viewer)
    if space is not None:
        visible = visible.filter(space=space)
    revisions = PageRevision.objects.filter(page__in=visible.values("pk"))
    older = decode_cursor(before)
    if older is not None:
        at, pk = older
        # The plain bound lets the (created_at, id) index range-scan; the OR breaks ties.
        revisions = revisions.filter(created_at__lte=at).filter(Q(created_at__lt=at) | Q(pk__lt=pk))
    limit = _clamp(limit)
    rows = list(
        revisions.select_related("author", "page__space", "page__community").order_by(
            "-created_at", "-id"
        )[: limit + 1]
    )
    items = rows[:limit]
    cursor = encode_cursor(items[-1]) if len(rows) > limit and items else None
    return Changes(items=items, next_cursor=cursor)


def page_history(page: Page, before=None, limit=DEFAULT_LIMIT) -> Changes:
    """The revisions of ``page``, newest first, older than revision ``before`` (a number, as
    int or str); the next cursor is a number too. One query; the caller checked that the
    viewer may see the page."""
    revisions = PageRevision.objects.filter(page=page)
    try:
        below = int(before) if before not in (None, "") else None
    except (TypeError, ValueError):
        below = None
    if below is not None:
        revisions = revisions.filter(number__lt=below)
    limit = _clamp(limit)
    rows = list(revisions.select_related("author").order_by("-number")[: limit + 1])
    items = rows[:limit]
    for revision in items:
        revision.page = page  # Every row's page is this one: no query for it.
    cursor = str(items[-1].number) if len(rows) > limit and items else None
    return Changes(items=items, next_cursor=cursor)


def get_revision_for(viewer, page: Page, number) -> PageRevision:
    """Revision ``number`` of ``page``; Http404 when the viewer may not see the page or it
    has no such revision."""
    if not page.is_visible_to(viewer):
        raise Http404("No such page.")
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404("No such revision.") from None
    revision = (
        PageRevision.objects.select_related("author").filter(page=page, number=number).first()
    )
    if revision is None:
        raise Http404("No such revision.")
    revision.page = page
    return revision


# --- watching -------------------------------------------------------------------------------


def is_watching_page(user, page: Page) -> bool:
    """Whether ``user`` watches ``page`` itself."""
    return user.is_authenticated and Watch.objects.filter(user=user, page=page).exists()


def watch_state(user, page: Page) -> tuple[bool, bool]:
    """``(watches the page, watches its whole space)`` for ``user``, in one query."""
    if not user.is_authenticated:
        return False, False
    rows = set(
        Watch.objects.filter(user=user, space_id=page.space_id)
        .filter(Q(page=page) | Q(page__isnull=True))
        .values_list("page_id", flat=True)
    )
    return page.pk in rows, None in rows


def is_watching_space(user, space: Space) -> bool:
    """Whether ``user`` watches the whole of ``space``."""
    return (
        user.is_authenticated
        and Watch.objects.filter(user=user, space=space, page__isnull=True).exists()
    )
